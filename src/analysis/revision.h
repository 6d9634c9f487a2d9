/* Internal: the engine behind the revision search, the no-deal analysis and the
 * impasse tests: suffix Pareto frontiers per (issue, change budget) and a
 * lexicographically-first search with an exact completion test.
 *
 * F[b][k] is the Pareto frontier (AC_EPS tolerance) of the utility vectors of issues
 * k .. n-1 reachable with at most b changes from the draft, over the options the engine
 * allows (no active party's red line unless overridden; a locked issue only its draft
 * option), pruned by the floors: a suffix vector is dropped when even the best of the
 * issues before k cannot lift some party to its floor. Without a draft (unbudgeted) every
 * option costs nothing and only b = 0 exists. The floors define acceptability:
 * u_i >= floor_i - AC_EPS; the target of a search adds objective(u) >= a threshold, an
 * upward-closed set, so a prefix can be completed iff prefix + some point of F does. */
#ifndef ACCORD_ANALYSIS_REVISION_H
#define ACCORD_ANALYSIS_REVISION_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "core/space_internal.h"

typedef enum { AC__RV_NASH = 0, AC__RV_PARTY = 1, AC__RV_NONE = 2 } ac__rv_obj;

typedef struct ac__rv ac__rv;

/* draft NULL: unbudgeted. locked may be NULL. allow: [n_issues][n_options] override of
 * s->allowed, or NULL. floor: [n_parties]; NULL means the reservation values. */
ac_status ac__rv_new(const ac_space *s, const uint32_t *draft, const unsigned char *locked,
                     const unsigned char *const *allow, const double *floor, ac__rv **out,
                     ac_error *err);
void ac__rv_free(ac__rv *e);

/* True when some outcome the engine allows meets every floor (within budget for
 * budgeted engines: any budget). */
ac_status ac__rv_feasible(ac__rv *e, int *yes, ac_error *err);

/* Unbudgeted or budgeted: the best objective value over acceptable allowed outcomes with
 * the fewest changes (budgeted) into *changes / *value, and the lexicographically first
 * such outcome with value >= best - AC_EPS into outcome. *found = 0 when none. */
ac_status ac__rv_best(ac__rv *e, ac__rv_obj obj, size_t party, int *found, size_t *changes,
                      double *value, uint32_t *outcome, ac_error *err);

#endif
