/* `accord sweep --mpi`: the glue that splits a sweep across MPI ranks and merges the
 * shares on rank 0. Compiled to stubs unless the build defines ACCORD_MPI
 * (cmake -DACCORD_MPI=ON), so the library and the usual build never need MPI.
 *
 * Rank r runs the blocks b of AC_SWEEP_BLOCK runs with b % size == r; the other ranks
 * send their shares, packed by ac_sweep_pack, to rank 0, which adds them in with
 * ac_sweep_merge. The library's merge is exact, so the output is the same bytes for any
 * number of ranks and threads. */
#include "cli/cli.h"

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

/* MPI counts are ints: large buffers go in slices. */
#define SLICE (1 << 24)
#define TAG_SIZE 1
#define TAG_DATA 2

static int send_share(const ac_sweep *s)
{
    void *buf;
    size_t size;
    if (ac_sweep_pack(s, &buf, &size, NULL) != AC_OK)
        return -1;
    uint64_t n = size;
    int rc = MPI_Send(&n, 1, MPI_UINT64_T, 0, TAG_SIZE, MPI_COMM_WORLD) == MPI_SUCCESS ? 0 : -1;
    for (size_t at = 0; !rc && at < size; at += SLICE) {
        int c = (int)(size - at < SLICE ? size - at : SLICE);
        rc = MPI_Send((char *)buf + at, c, MPI_BYTE, 0, TAG_DATA, MPI_COMM_WORLD) == MPI_SUCCESS
                 ? 0 : -1;
    }
    ac_free(buf);
    return rc;
}

static int merge_from(ac_sweep *s, int from)
{
    uint64_t n;
    if (MPI_Recv(&n, 1, MPI_UINT64_T, from, TAG_SIZE, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
        MPI_SUCCESS || n > SIZE_MAX)
        return -1;
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return -1;
    int rc = 0;
    for (size_t at = 0; !rc && at < n; at += SLICE) {
        int c = (int)(n - at < SLICE ? n - at : SLICE);
        rc = MPI_Recv(buf + at, c, MPI_BYTE, from, TAG_DATA, MPI_COMM_WORLD, MPI_STATUS_IGNORE) ==
                     MPI_SUCCESS ? 0 : -1;
    }
    if (!rc)
        rc = ac_sweep_merge(s, buf, (size_t)n, NULL) == AC_OK ? 0 : -1;
    free(buf);
    return rc;
}

/* Every other rank packs its share and sends it to rank 0, which merges them in rank
 * order (any order gives the same bytes). */
int cli_sweep_mpi_merge(ac_sweep *s, int rank, int size)
{
    if (!s) /* this rank failed; the others would wait for it */
        MPI_Abort(MPI_COMM_WORLD, CLI_EINTERNAL);
    int rc = 0;
    if (rank != 0)
        rc = send_share(s);
    for (int r = 1; rank == 0 && r < size && !rc; r++)
        rc = merge_from(s, r);
    if (rc) /* a rank waiting for a message would wait for ever */
        MPI_Abort(MPI_COMM_WORLD, CLI_EINTERNAL);
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
