/* Internal: the non-dominated filter every frontier computation shares.
 *
 * Utilities are compared through per-coordinate ranks: values of one coordinate are
 * sorted and a new rank starts wherever two neighbours differ by more than AC_EPS, so
 * values within AC_EPS of each other (floating-point noise of different summation
 * orders) get the same rank. On ranks, equality and dominance are exact integer tests. */
#ifndef ACCORD_ANALYSIS_DOMINANCE_H
#define ACCORD_ANALYSIS_DOMINANCE_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "analysis/budget.h"

/* rank[i * d + j] = rank of u[i * d + j] among column j (0 = smallest). */
ac_status ac__ranks(const double *u, size_t n, size_t d, uint32_t *rank);

/* keep[i] = 1 when point i is not dominated by any point and no point of smaller index
 * has the same vector; 0 otherwise. Callers order points so that a smaller index means a
 * lexicographically smaller outcome, which makes "first of equals" the right tie-break. */
ac_status ac__pareto_filter(const double *u, size_t n, size_t d, unsigned char *keep);

/* The same filter on ranks already computed as ac__ranks would (rank[i * d + j], dense
 * per column: 0 .. distinct values - 1). For callers that can rank faster than by
 * sorting, e.g. by merging columns that are already sorted. */
ac_status ac__filter_ranks(const uint32_t *rank, size_t n, size_t d, unsigned char *keep);

/* How ac__filter_ranks answers "dominated by a point kept so far?" for d >= 4: a k-d
 * tree (dominance_kd.c, the default) or the scan over every kept point (the old filter,
 * O(n * F); kept as the baseline benchmarks compare against). Both give the same keep. */
typedef enum { AC__FILTER_AUTO = 0, AC__FILTER_KD = 1, AC__FILTER_SCAN = 2 } ac__filter_kind;
/* budget may be NULL; when its time runs out or its cancel flag rises the k-d tree filter
 * stops early with AC_ELIMIT and *stopped (when not NULL) says why. */
ac_status ac__filter_ranks_with(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                                ac__filter_kind kind, const ac__budget *budget,
                                ac__stop *stopped);

/* Which of several candidates with the same rank vector is kept. By default the one of
 * smallest index; a caller whose indices do not follow its tie-break order (the Pareto
 * programme taking issues out of file order) supplies less(ctx, a, b): "a comes before
 * b". The filter finds the kept member of each group of equal vectors as before and then
 * hands the keep to the group's least member: equal vectors dominate and are dominated
 * alike, so nothing else changes. */
typedef struct ac__tie {
    int (*less)(const void *ctx, size_t a, size_t b);
    const void *ctx;
} ac__tie;

/* ac__filter_ranks_with, with equal vectors resolved by tie (NULL: by index). */
ac_status ac__filter_ranks_tie(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                               ac__filter_kind kind, const ac__budget *budget,
                               ac__stop *stopped, const ac__tie *tie);

/* Points that come in copies (the Pareto programme's candidates: the previous layer
 * shifted by each option of the next issue): group[i] < ng is point i's copy. The caller
 * promises that no point is dominated by a point of its own copy (equal vectors may
 * share one). Then the k-d tree sweep keeps one tree per copy and asks each point only
 * of the other copies' trees: smaller trees, and none of the queries that could only
 * find nothing. Under the promise the keep is the one-tree filter's, bit for bit; without
 * it points dominated within their copy may be kept, so a caller that cannot prove it
 * must not pass groups (dp_frontier.c proves it per layer, see there). */
typedef struct ac__groups {
    const uint32_t *group; /* [n] */
    size_t ng;
} ac__groups;

/* ac__filter_ranks_tie with copies (groups NULL: none). They are used where the k-d tree
 * is (d >= 4, kind KD, or AUTO and enough points). */
ac_status ac__filter_ranks_groups(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                                  ac__filter_kind kind, const ac__budget *budget,
                                  ac__stop *stopped, const ac__tie *tie,
                                  const ac__groups *groups);

/* The k-d tree sweep: perm orders the points by rank vector descending (ties by index);
 * keep must be zeroed. d >= 2. groups may be NULL (one tree). */
ac_status ac__filter_sorted_kd(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                               unsigned char *keep, const ac__budget *budget,
                               ac__stop *stopped, const ac__groups *groups);

/* A permutation of 0..n-1 ordering the points by their rank vectors, descending
 * (first coordinate first), ties by index. */
ac_status ac__order_desc(const double *u, size_t n, size_t d, size_t *perm);

#endif
