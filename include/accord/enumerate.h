/* accord — exhaustive enumeration of the outcome space, for spaces up to about 1e9
 * outcomes. Odometer order (last issue fastest) is lexicographic order; each step
 * updates utilities incrementally (no allocation per outcome). Work is split across
 * threads by ranges of the leading issues; results are identical for any thread count. */
#ifndef ACCORD_ENUMERATE_H
#define ACCORD_ENUMERATE_H

#include <stddef.h>
#include <stdint.h>

#include "accord/pareto.h"
#include "accord/solutions.h"
#include "accord/space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_enum_result {
    ac_u128 zopa;          /* exact ZOPA count */
    ac_frontier *pareto;   /* over all outcomes, or over the ZOPA when feasible was set */
    ac_solutions sol;      /* nash, kalai, welfare, best */
} ac_enum_result;

void ac_enum_result_free(ac_enum_result *r); /* frees the members, not r */

/* threads: 0 = one per core. Fails with AC_ELIMIT when the space has more than
 * max_outcomes outcomes (0: no bound). progress (may be NULL) is called from the calling
 * thread with the fraction done. */
ac_status ac_enumerate(const ac_space *s, int threads, int feasible, double max_outcomes,
                       void (*progress)(void *ctx, double fraction), void *ctx,
                       ac_enum_result *out, ac_error *err);

/* Counts only (no frontier, no solutions): the fast path for benchmarks. Returns the
 * number of acceptable outcomes in *zopa. */
ac_status ac_enumerate_count(const ac_space *s, int threads, ac_u128 *zopa, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
