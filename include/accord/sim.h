/* accord — Monte Carlo sweeps of simulated talks over the model's uncertainty, its
 * events and a strategy mix, on all cores.
 *
 * Run i draws its preferences and plays its talks from the stream ac_rng_seed(seed, i)
 * alone, and results are reduced in fixed blocks of runs, in run order, so the numbers
 * are the same bytes for any thread count. */
#ifndef ACCORD_SIM_H
#define ACCORD_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/error.h"
#include "accord/model.h"
#include "accord/protocol.h"
#include "accord/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_SWEEP_BLOCK 256 /* runs per block of the floating-point reduction */

typedef struct ac_sweep_opts {
    uint64_t runs;
    uint64_t seed;
    int threads;          /* 0: one per core */
    int perturb;          /* apply the model's uncertainty (default 1) */
    ac_talks_opts talks;
    /* A share of the sweep for one of several processes (MPI ranks): only the blocks b
     * of AC_SWEEP_BLOCK runs with b % ranks == rank. ranks 0 or 1: the whole sweep. */
    int rank, ranks;
    void (*progress)(void *ctx, double fraction, const char *what); /* may be NULL */
    void *progress_ctx;
} ac_sweep_opts;
void ac_sweep_opts_init(ac_sweep_opts *o);

typedef struct ac_agreement {
    uint32_t *outcome; /* [n_issues] */
    uint64_t count;
} ac_agreement;

typedef struct ac_sweep {
    size_t n_parties, n_issues;
    uint64_t runs;
    uint64_t deals;
    uint64_t rounds_sum;          /* over deals */
    uint64_t *option_count;       /* per issue, per option (slots in issue order): deals agreeing on it */
    size_t *option_offset;        /* [n_issues] */
    size_t n_slots;               /* options over all issues: the length of option_count */
    /* [n_parties] over all runs: the discounted utility of a deal, else the reservation */
    double *utility_sum;
    double *utility_sq;           /* [n_parties] */
    double *deal_utility_sum;     /* [n_parties] over deals (undiscounted) */
    size_t n_agreements;
    ac_agreement *agreements;     /* sorted: count descending, then outcome */
    uint32_t *agreement_keys;     /* owns every agreement's outcome */
    /* Per block of runs: the sums of utility, its square and deal utility [n_blocks][3]
     * [n_parties], zero for blocks of other shares. Shares merge exactly by adding these
     * element by element (one term is non-zero) and then ac_sweep_finish_sums. */
    size_t n_blocks;
    double *block_sums;
} ac_sweep;

ac_status ac_sweep_run(const ac_model *m, const ac_sweep_opts *o, ac_sweep **out, ac_error *err);
void ac_sweep_free(ac_sweep *s);
/* Recomputes utility_sum, utility_sq and deal_utility_sum from block_sums, block by block
 * in block order (what ac_sweep_run does itself). */
void ac_sweep_finish_sums(ac_sweep *s);
/* Replaces the agreements by n (outcome, count) pairs (outcomes: [n * n_issues]),
 * adding up duplicates and sorting them; for merging shares. */
ac_status ac_sweep_set_agreements(ac_sweep *s, const uint32_t *outcomes, const uint64_t *counts,
                                  size_t n, ac_error *err);

/* Writes the sweep as the JSON of docs/simulate.md (what `accord sweep --json` prints),
 * indented by 2, ending with a newline; o: the options it ran with (for the settings it
 * reports). AC_EIO when the stream could not be written. */
ac_status ac_sweep_write_json(FILE *fp, const ac_model *m, const ac_sweep_opts *o,
                              const ac_sweep *s, ac_error *err);
/* The sweep as CSV in long form, "what,party,issue,option,count,value,ci95_lo,ci95_hi":
 * a row "deal" (share of runs), "mean_round", one "utility" row per party (mean) and one
 * "option" row per option of every point (share of the deals agreeing on it). */
ac_status ac_sweep_write_csv(FILE *fp, const ac_model *m, const ac_sweep *s, ac_error *err);


#ifdef __cplusplus
}
#endif
#endif
