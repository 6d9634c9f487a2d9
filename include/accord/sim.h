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

/* Opaque: read through the accessors below. */
typedef struct ac_sweep ac_sweep;

ac_status ac_sweep_run(const ac_model *m, const ac_sweep_opts *o, ac_sweep **out, ac_error *err);
void ac_sweep_free(ac_sweep *s);

/* ---- reading ----
 * Parties are active-party indices (the talks' order: the model's parties without the
 * mediators), issues and options model indices. For a NULL sweep or an index out of
 * range each accessor returns the value given. A share (ac_sweep_opts.rank/ranks) reads
 * as the sweep of its own runs until merged. */
size_t ac_sweep_n_parties(const ac_sweep *s); /* 0 for NULL */
size_t ac_sweep_n_issues(const ac_sweep *s);  /* 0 for NULL */
uint64_t ac_sweep_runs(const ac_sweep *s);      /* runs asked for (of every share) */
uint64_t ac_sweep_deals(const ac_sweep *s);     /* runs that ended in a deal */
uint64_t ac_sweep_rounds_sum(const ac_sweep *s); /* rounds to the deal, summed over deals */
/* Deals that agreed on option o of issue k; 0 out of range. */
uint64_t ac_sweep_option_count(const ac_sweep *s, size_t issue, size_t option);
/* Over all runs, party i's utility (discounted, of the deal; its reservation value
 * without one) summed, and its square summed (for ac_mean95); over the deals, its
 * undiscounted utility summed. NaN out of range. */
double ac_sweep_utility_sum(const ac_sweep *s, size_t party);
double ac_sweep_utility_sq(const ac_sweep *s, size_t party);
double ac_sweep_deal_utility_sum(const ac_sweep *s, size_t party);
/* The distinct agreements, most frequent first (ties: the lexicographically smallest
 * outcome first). ac_sweep_agreement sets *outcome to its options [n_issues] (owned by
 * the sweep, valid until it is freed or merged into) and *count to the deals that
 * reached it; either pointer may be NULL. AC_EARG when i >= ac_sweep_n_agreements. */
size_t ac_sweep_n_agreements(const ac_sweep *s);
ac_status ac_sweep_agreement(const ac_sweep *s, size_t i, const uint32_t **outcome,
                             uint64_t *count);

/* ---- merging shares (several processes, e.g. MPI ranks) ----
 * Each process runs its share (the same model and options but its own rank); each share
 * but one is packed into a flat buffer of bytes, carried to the process holding the
 * remaining one and merged into it, in any order. The merged sweep is the same, bit for
 * bit, as the sweep run whole in one process. The buffer is in the host's byte order,
 * for processes running the same build of the library; it is not a file format.
 *
 * ac_sweep_pack allocates *buf (free it with ac_free of accord/run.h) and sets *size. ac_sweep_merge adds
 * a packed share to into; AC_EINPUT, into unchanged, when the buffer is not a share of a
 * sweep of the same shape (parties, issues, options, runs), AC_EARG for NULL arguments,
 * AC_ENOMEM. Merging a share twice, or two shares of the same rank, counts its runs
 * twice: the caller merges each share once. */
ac_status ac_sweep_pack(const ac_sweep *s, void **buf, size_t *size, ac_error *err);
ac_status ac_sweep_merge(ac_sweep *into, const void *buf, size_t size, ac_error *err);

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
