/* Internal: weighted dominance counting, the join step of the ZOPA count.
 *
 * Given points p (each with a weight) and queries q (each with a weight) in d
 * dimensions, computes
 *     sum over pairs (a, b) with p_a[j] >= q_b[j] for every j of  wp[a] * wq[b].
 * Comparisons are exact on the doubles given (no tolerance): callers fold any tolerance
 * into the queries beforehand. Ties count (>=).
 *
 * Cost O(n log^(d-1) n) time and O(n) memory, n = np + nq; d = 0 gives the product of
 * the two weight sums. The result is exact modulo 2^128 (the caller guarantees that the
 * true total fits: it is bounded by the number of outcomes). It is the same integer
 * whatever the thread count: the work is cut into independent parts whose counts are
 * summed. */
#ifndef ACCORD_ANALYSIS_ZOPA_DOM_H
#define ACCORD_ANALYSIS_ZOPA_DOM_H

#include <stddef.h>

#include "accord/error.h"
#include "analysis/budget.h"
#include "core/space_internal.h"

/* p: [np * d], q: [nq * d], row-major; wp: [np], wq: [nq]; all four allocated with
 * malloc: the call takes them over and frees them (always, also on failure) as soon as
 * it no longer needs them, so that the doubles, the weights and the working arrays are
 * not all held at once. threads: worker threads (1 or less: the calling thread alone).
 * budget (may be NULL) is checked between parts of the work; when it says stop, the call
 * returns AC_ELIMIT. Returns AC_ENOMEM when scratch memory is short, AC_ELIMIT when
 * np + nq does not fit 31 bits. */
ac_status ac__dom_count(double *p, ac__u128 *wp, size_t np, double *q, ac__u128 *wq, size_t nq,
                        size_t d, int threads, const ac__budget *budget, ac__u128 *out);

#endif
