/* Internal: ac_solutions_compute under the user's budget (analysis/budget.h); at a limit
 * it fails with AC_ELIMIT and finds nothing. budget may be NULL. */
#ifndef ACCORD_ANALYSIS_SOLUTIONS_INTERNAL_H
#define ACCORD_ANALYSIS_SOLUTIONS_INTERNAL_H

#include "accord/solutions.h"
#include "analysis/budget.h"

ac_status ac__solutions_budget(const ac_space *s, const ac_frontier *feasible,
                               const ac__budget *budget, ac_solutions *out, ac_error *err);

#endif
