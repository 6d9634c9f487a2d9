/* Internal: weighted dominance counting, the join step of the ZOPA count.
 *
 * Given points p (each with a weight) and queries q (each with a weight) in d
 * dimensions, computes
 *     sum over pairs (a, b) with p_a[j] >= q_b[j] for every j of  wp[a] * wq[b].
 * Comparisons are exact on the doubles given (no tolerance): callers fold any tolerance
 * into the queries beforehand. Ties count (>=).
 *
 * Cost O(n log^(d-1) n) time and O(n) memory, n = np + nq; d = 0 gives the product of
 * the two weight sums. Every partial sum must fit in ac__u128 (the caller guarantees it:
 * the total is bounded by the number of outcomes). */
#ifndef ACCORD_ANALYSIS_ZOPA_DOM_H
#define ACCORD_ANALYSIS_ZOPA_DOM_H

#include <stddef.h>

#include "accord/error.h"
#include "core/space_internal.h"

/* p: [np * d], q: [nq * d], row-major, allocated with malloc: the call takes them over
 * and frees them (always, also on failure) as soon as it has ranked the coordinates, so
 * that the doubles and the working arrays are never held at the same time. Returns
 * AC_ENOMEM when scratch memory is short, AC_ELIMIT when np + nq does not fit 31 bits. */
ac_status ac__dom_count(double *p, const ac__u128 *wp, size_t np, double *q,
                        const ac__u128 *wq, size_t nq, size_t d, ac__u128 *out);

#endif
