/* `accord sweep --mpi`: the glue that splits a sweep across MPI ranks and merges the
 * shares on rank 0. Compiled to stubs unless the build defines ACCORD_MPI
 * (cmake -DACCORD_MPI=ON), so the library and the usual build never need MPI.
 *
 * Rank r runs the blocks b of AC_SWEEP_BLOCK runs with b % size == r. The merge is exact:
 * counts are integers (MPI_SUM), and each block's floating sums come from one rank while
 * the others contribute +0.0, so the element-wise MPI_SUM reproduces them bit for bit;
 * rank 0 then adds the blocks in block order as a single process would. The output is
 * the same bytes for any number of ranks and threads. */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef ACCORD_MPI
#include <mpi.h>

int cli_sweep_mpi_available(void) { return 1; }

int cli_sweep_mpi_begin(int *rank, int *size)
{
    int provided;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return -1;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

void cli_sweep_mpi_end(void) { MPI_Finalize(); }

/* MPI counts are ints: large arrays go in slices. */
#define SLICE (1 << 24)

static int reduce_doubles(double *x, size_t n, int rank)
{
    for (size_t at = 0; at < n; at += SLICE) {
        int c = (int)(n - at < SLICE ? n - at : SLICE);
        int rc = rank == 0 ? MPI_Reduce(MPI_IN_PLACE, x + at, c, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD)
                           : MPI_Reduce(x + at, NULL, c, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rc != MPI_SUCCESS)
            return -1;
    }
    return 0;
}

static int reduce_u64(uint64_t *x, size_t n, int rank)
{
    for (size_t at = 0; at < n; at += SLICE) {
        int c = (int)(n - at < SLICE ? n - at : SLICE);
        int rc = rank == 0 ? MPI_Reduce(MPI_IN_PLACE, x + at, c, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD)
                           : MPI_Reduce(x + at, NULL, c, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rc != MPI_SUCCESS)
            return -1;
    }
    return 0;
}

int cli_sweep_mpi_merge(ac_sweep *s, int rank, int size)
{
    if (!s) /* this rank failed; the others would wait for it in the reductions */
        MPI_Abort(MPI_COMM_WORLD, CLI_EINTERNAL);
    size_t K = s->n_issues, n_slots = s->n_slots;
    if (reduce_doubles(s->block_sums, s->n_blocks * 3 * s->n_parties, rank))
        return -1;
    /* deals, rounds and the per-option counts in one buffer */
    uint64_t *ints = malloc((2 + n_slots) * sizeof *ints);
    if (!ints)
        return -1;
    ints[0] = s->deals;
    ints[1] = s->rounds_sum;
    memcpy(ints + 2, s->option_count, n_slots * sizeof *ints);
    if (reduce_u64(ints, 2 + n_slots, rank)) {
        free(ints);
        return -1;
    }
    if (rank == 0) {
        s->deals = ints[0];
        s->rounds_sum = ints[1];
        memcpy(s->option_count, ints + 2, n_slots * sizeof *ints);
    }
    free(ints);
    /* agreements: every rank's distinct outcomes and counts, gathered on rank 0 */
    if (s->n_agreements * K > INT_MAX)
        return -1;
    int mine = (int)s->n_agreements;
    int *per = rank == 0 ? calloc((size_t)size, sizeof *per) : NULL;
    if (rank == 0 && !per)
        return -1;
    MPI_Gather(&mine, 1, MPI_INT, per, 1, MPI_INT, 0, MPI_COMM_WORLD);
    uint32_t *keys = malloc(s->n_agreements * K * sizeof *keys + 1);
    uint64_t *counts = malloc(s->n_agreements * sizeof *counts + 1);
    int *disp = NULL, *kcount = NULL, *kdisp = NULL, total = 0;
    uint32_t *all_keys = NULL;
    uint64_t *all_counts = NULL;
    int fail = !keys || !counts;
    if (rank == 0 && !fail) {
        disp = calloc((size_t)size, sizeof *disp);
        kcount = calloc((size_t)size, sizeof *kcount);
        kdisp = calloc((size_t)size, sizeof *kdisp);
        long long t = 0;
        for (int r = 0; r < size; r++)
            t += per[r];
        fail = !disp || !kcount || !kdisp || t * (long long)K > INT_MAX;
        if (!fail) {
            total = (int)t;
            for (int r = 0, at = 0; r < size; r++) {
                disp[r] = at;
                kcount[r] = per[r] * (int)K;
                kdisp[r] = at * (int)K;
                at += per[r];
            }
            all_keys = malloc((size_t)total * K * sizeof *all_keys + 1);
            all_counts = malloc((size_t)total * sizeof *all_counts + 1);
            fail = !all_keys || !all_counts;
        }
    }
    if (fail)
        MPI_Abort(MPI_COMM_WORLD, CLI_EINTERNAL);
    for (size_t q = 0; q < s->n_agreements; q++) {
        memcpy(keys + q * K, s->agreements[q].outcome, K * sizeof *keys);
        counts[q] = s->agreements[q].count;
    }
    MPI_Gatherv(keys, mine * (int)K, MPI_UINT32_T, all_keys, kcount, kdisp, MPI_UINT32_T, 0,
                MPI_COMM_WORLD);
    MPI_Gatherv(counts, mine, MPI_UINT64_T, all_counts, per, disp, MPI_UINT64_T, 0,
                MPI_COMM_WORLD);
    int rc = 0;
    if (rank == 0) {
        ac_sweep_finish_sums(s);
        rc = ac_sweep_set_agreements(s, all_keys, all_counts, (size_t)total, NULL) == AC_OK ? 0 : -1;
    }
    free(keys);
    free(counts);
    free(per);
    free(disp);
    free(kcount);
    free(kdisp);
    free(all_keys);
    free(all_counts);
    return rc;
}

#else

int cli_sweep_mpi_available(void) { return 0; }
int cli_sweep_mpi_begin(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
    return -1;
}
void cli_sweep_mpi_end(void) {}
int cli_sweep_mpi_merge(ac_sweep *s, int rank, int size)
{
    (void)s;
    (void)rank;
    (void)size;
    return -1;
}

#endif
