/* The layout of ac_sweep, for library code and white-box tests only: programs read a
 * sweep through the accessors of accord/sim.h and merge shares with ac_sweep_pack /
 * ac_sweep_merge. */
#ifndef ACCORD_SWEEP_INTERNAL_H
#define ACCORD_SWEEP_INTERNAL_H

#include "accord/sim.h"

typedef struct ac_agreement {
    uint32_t *outcome; /* [n_issues] */
    uint64_t count;
} ac_agreement;

struct ac_sweep {
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
     * element by element (one term is non-zero) and then ac__sweep_finish_sums. */
    size_t n_blocks;
    double *block_sums;
};

/* Recomputes utility_sum, utility_sq and deal_utility_sum from block_sums, block by block
 * in block order (what ac_sweep_run does itself). */
void ac__sweep_finish_sums(ac_sweep *s);
/* Replaces the agreements by n (outcome, count) pairs (outcomes: [n * n_issues]),
 * adding up duplicates and sorting them. */
ac_status ac__sweep_set_agreements(ac_sweep *s, const uint32_t *outcomes,
                                   const uint64_t *counts, size_t n, ac_error *err);

#endif
