/* Internal: the issue-by-issue Pareto dynamic programme behind ac_pareto_dp and the
 * suffix frontiers of the bargaining solutions.
 *
 * Issues are taken in a given order. Layer j holds the non-dominated partial utility
 * vectors over the first j issues of that order (AC_EPS tolerance, the rank rules of
 * dominance.h). Layer j + 1's candidates are every layer-j point plus every (allowed)
 * option of the next issue, generated point-major, option-minor; when the order is
 * 0..n-1 that is lexicographic order of the prefix outcomes, and the filter keeps the
 * first of equal vectors, so each kept point carries its lexicographically smallest
 * prefix (with file_ties, whatever the order). A dominated partial vector stays
 * dominated whatever is added to it, so the last layer is the exact frontier of the
 * issues taken. */
#ifndef ACCORD_ANALYSIS_DP_FRONTIER_H
#define ACCORD_ANALYSIS_DP_FRONTIER_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "core/space_internal.h"
#include "analysis/budget.h"
#include "analysis/dominance.h"

/* Per-copy k-d trees in the filter (ac__groups, dominance.h) on the layers whose merge
 * proves that no candidate is dominated within its copy (dp_frontier.c): AUTO where that
 * pays, OFF never, ALWAYS on every such layer of four or more parties however small (tests
 * use it to reach the grouped filter on small models). The result is the same bytes. */
typedef enum { AC__DP_GROUPS_AUTO = 0, AC__DP_GROUPS_OFF = 1, AC__DP_GROUPS_ALWAYS = 2 } ac__dp_groups;

/* What the filter did, layer by layer (four or more parties, groups not OFF, layers large
 * enough to be considered): filtered with copies, or not because the proof failed. */
typedef struct ac__dp_stats {
    size_t grouped, unproven;
} ac__dp_stats;

typedef struct ac__dp_opts {
    const size_t *order; /* issues in processing order; NULL: 0 .. n_issues-1 */
    size_t n_order;      /* length of order (ignored when order is NULL) */
    int allowed_only;    /* skip options that an active party's red line forbids */
    /* [n_parties] or NULL. A partial vector u is dropped when some party has
     * u_i + rem_i < floor_i, rem_i being the most party i can still gain on every issue
     * the programme has not taken yet (all issues of the space count, taken or not by
     * this run). Once nothing is left to gain the test is exact: u_i < floor_i. */
    const double *floor;
    size_t max_points; /* a layer larger than this fails with AC_ELIMIT; 0: no bound */
    int track;         /* keep back-pointers and return each point's outcome */
    /* With track and an order other than file order: among equal vectors keep the prefix
     * that comes first in file order (not in the order taken), and return each point's
     * utility summed in file order, so the result is that of the run in file order
     * (whichever order it takes, a point of the last layer is the same outcome: see
     * dp_frontier.c). */
    int file_ties;
    /* Called after every layer j = 0 .. n_order with its points (may be NULL). */
    ac_status (*on_layer)(void *ctx, size_t layer, const double *u, size_t n);
    void *ctx;
    /* The user's budget (may be NULL): time and interrupts are checked between layers
     * and inside the filter, memory before a layer's candidates are allocated, and
     * budget->max_points like max_points. At a limit the run fails with AC_ELIMIT, a
     * message saying where it stopped, and *stopped (when not NULL) says which. */
    const ac__budget *budget;
    ac__stop *stopped;
    ac__filter_kind filter; /* AUTO; SCAN only for benchmarks */
    ac__dp_groups groups;
    ac__dp_stats *stats; /* may be NULL; counts are added to */
} ac__dp_opts;

typedef struct ac__dp_result {
    size_t count;
    double *utility;   /* [count * n_parties], lexicographic order of representatives */
    uint32_t *outcome; /* [count * n_issues] when track (issues not taken: 0), else NULL */
} ac__dp_result;

ac_status ac__dp_run(const ac_space *s, const ac__dp_opts *o, ac__dp_result *out,
                     ac_error *err);
void ac__dp_result_free(ac__dp_result *r); /* frees the members, not r */

/* The order ac_pareto_dp takes the issues in: ascending conflict (how hard an issue's
 * options trade off between parties), ties in file order; allowed_only: only options no
 * red line forbids count. A malloc'ed array of n_issues, or NULL when out of memory. */
size_t *ac__dp_conflict_order(const ac_space *s, int allowed_only);

/* ac_pareto_dp under the user's budget, with progress after every issue (budget,
 * stopped, progress may be NULL). */
typedef struct ac_frontier ac_frontier;
ac_status ac__pareto_dp_budget(const ac_space *s, int feasible, size_t max_points,
                               const ac__budget *budget, ac__stop *stopped,
                               void (*progress)(void *ctx, size_t layer, size_t of), void *ctx,
                               ac_frontier **out, ac_error *err);

#endif
