/* Internal: the ZOPA count under the user's budget (analysis/budget.h). When time runs
 * out or the cancel flag rises during the exact count, the count falls back to the
 * Monte Carlo estimate (bounded work) and says so through out->exact = 0. threads: the
 * join's worker threads (1 or less: the calling thread alone); the count is the same
 * whatever the number. */
#ifndef ACCORD_ANALYSIS_ZOPA_INTERNAL_H
#define ACCORD_ANALYSIS_ZOPA_INTERNAL_H

#include "accord/zopa.h"
#include "analysis/budget.h"

ac_status ac__zopa_count_budget(const ac_space *s, size_t max_states, uint64_t seed,
                                const ac__budget *budget, int threads, ac_zopa_count *out,
                                ac_error *err);

#endif
