/* Internal: the Nash, Kalai-Smorodinsky and welfare points by branch and bound over the
 * ZOPA, without any frontier.
 *
 * Contract: the same answer as ac_solutions_compute on the feasible frontier, by the
 * definitions of solutions.h: b_i is the best u_i over the ZOPA; for each objective, V is
 * its best value over the ZOPA, and the answer is the lexicographically smallest ZOPA
 * outcome whose objective is >= V - AC_EPS (red lines respected, u_i >= r_i - AC_EPS).
 * An empty ZOPA finds nothing (best stays NULL). tests/test_bnb.c holds it to a
 * brute-force enumeration and to the frontier-based answer.
 *
 * Limits: max_nodes bounds the search nodes of the whole call (0: none); past it, or at
 * the user's budget (may be NULL), the call fails with AC_ELIMIT, finds nothing, and
 * *stopped (when not NULL) says which limit (AC__GO: max_nodes). nodes (when not NULL)
 * receives the nodes visited. */
#ifndef ACCORD_ANALYSIS_BNB_H
#define ACCORD_ANALYSIS_BNB_H

#include <stddef.h>

#include "accord/solutions.h"
#include "accord/space.h"
#include "analysis/budget.h"
#include "core/space_internal.h"

ac_status ac__solutions_bnb(const ac_space *s, const ac__budget *budget, size_t max_nodes,
                            ac_solutions *out, size_t *nodes, ac__stop *stopped,
                            ac_error *err);
/* The same, calling progress(ctx, fraction done) after each of its searches (one per
 * party for b, two per objective); progress may be NULL. */
ac_status ac__solutions_bnb_progress(const ac_space *s, const ac__budget *budget,
                                     size_t max_nodes, void (*progress)(void *, double),
                                     void *ctx, ac_solutions *out, size_t *nodes,
                                     ac__stop *stopped, ac_error *err);

#endif
