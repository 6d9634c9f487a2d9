/* accord — the size of the zone of possible agreement (ZOPA): the number of outcomes
 * acceptable to every active party (no red line crossed, u_i >= r_i - AC_EPS). */
#ifndef ACCORD_ZOPA_H
#define ACCORD_ZOPA_H

#include <stddef.h>
#include <stdint.h>

#include "accord/space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_zopa_count {
    int exact;      /* 1: count is exact */
    ac_u128 count;  /* exact count when exact */
    double estimate; /* count as a double (the estimate when !exact) */
    double lo, hi;  /* 95% interval when !exact; lo = hi = estimate when exact */
    size_t samples; /* Monte Carlo samples behind an estimate (0 when exact) */
} ac_zopa_count;

/* Exact count without enumeration: per-issue dynamic programming over distinct partial
 * utility vectors (with pruning by reachability bounds) from both ends, joined in the
 * middle by dominance counting. When the state sets would exceed max_states (0: a
 * default), falls back to a seeded Monte Carlo estimate with a 95% interval. Runs on the
 * calling thread alone, so that callers may run several at once; ac_analyze gives its
 * count the analysis's threads. */
ac_status ac_zopa_count_dp(const ac_space *s, size_t max_states, uint64_t seed,
                           ac_zopa_count *out, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
