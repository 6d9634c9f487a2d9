/* Internal: the ZOPA count under the user's budget (analysis/budget.h). When time runs
 * out or the cancel flag rises during the exact count, the count falls back to the
 * Monte Carlo estimate (bounded work) and says so through out->exact = 0. threads: the
 * join's worker threads (1 or less: the calling thread alone); the count is the same
 * whatever the number. */
#ifndef ACCORD_ANALYSIS_ZOPA_INTERNAL_H
#define ACCORD_ANALYSIS_ZOPA_INTERNAL_H

#include <stdatomic.h>

#include "accord/zopa.h"
#include "analysis/budget.h"

/* What a count running beside other work shares with its caller (all fields atomic, so
 * either side may read or write them at any time). */
typedef struct ac__zopa_share {
    /* threads the caller's other work keeps busy now: the join starts with threads - busy
     * workers (at least one), so that a count beside the frontier does not slow it */
    atomic_int busy;
    /* the count's progress in thousandths, never decreasing, for the caller's bar */
    atomic_int permille;
} ac__zopa_share;

void ac__zopa_share_init(ac__zopa_share *sh);

/* share may be NULL. */
ac_status ac__zopa_count_budget(const ac_space *s, size_t max_states, uint64_t seed,
                                const ac__budget *budget, int threads, ac__zopa_share *share,
                                ac_zopa_count *out, ac_error *err);

#endif
