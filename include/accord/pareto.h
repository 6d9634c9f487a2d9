/* accord — the exact Pareto frontier.
 *
 * The frontier is the set of distinct utility vectors (over the active parties) of
 * outcomes that no other outcome dominates (>= for every party, > for one, with AC_EPS
 * tolerance). By default it is taken over ALL outcomes (the GENIUS/NegMAS convention);
 * with feasible set, over the ZOPA only (outcomes acceptable to every party).
 * Each vector carries its lexicographically smallest outcome. Points are sorted by the
 * first party's utility descending, then the second's, and so on. */
#ifndef ACCORD_PARETO_H
#define ACCORD_PARETO_H

#include <stddef.h>
#include <stdint.h>

#include "accord/space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_frontier {
    size_t n_parties;
    size_t n_issues;
    size_t count;
    double *utility;   /* [count * n_parties] */
    uint32_t *outcome; /* [count * n_issues] */
} ac_frontier;

void ac_frontier_free(ac_frontier *f);

/* Issue-by-issue dynamic programming: merges partial frontiers issue by issue with
 * dominance pruning; never visits outcomes one by one. max_points bounds any
 * intermediate frontier (0: no bound); past it the call fails with AC_ELIMIT. */
ac_status ac_pareto_dp(const ac_space *s, int feasible, size_t max_points, ac_frontier **out,
                       ac_error *err);

/* Sorts points into the canonical order and removes dominated and duplicate vectors,
 * keeping for each vector the lexicographically smallest outcome. Used to merge partial
 * frontiers (e.g. those of several threads). */
ac_status ac_frontier_normalize(ac_frontier *f, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
