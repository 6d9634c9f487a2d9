/* accord — bargaining solutions over the ZOPA.
 *
 * nash:    the ZOPA outcome maximising prod_i (u_i - r_i)          (value: the product)
 * kalai:   the ZOPA outcome maximising min_i (u_i - r_i)/(b_i - r_i), b_i = best u_i in the
 *          ZOPA; a party with b_i = r_i contributes 1              (value: the minimum)
 * welfare: the ZOPA outcome maximising sum_i u_i                   (value: the sum)
 * Objective values within AC_EPS are ties; among ties the lexicographically smallest
 * outcome wins. When the ZOPA is empty none is found. */
#ifndef ACCORD_SOLUTIONS_H
#define ACCORD_SOLUTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "accord/pareto.h"
#include "accord/space.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_solution {
    int found;
    double value;
    double *utility;   /* [n_parties], NULL when not found */
    uint32_t *outcome; /* [n_issues], NULL when not found */
} ac_solution;

typedef struct ac_solutions {
    ac_solution nash, kalai, welfare;
    double *best; /* [n_parties] b_i, best utility in the ZOPA; NULL when the ZOPA is empty */
} ac_solutions;

void ac_solutions_free(ac_solutions *s); /* frees the members, not s */

/* Exact solutions from the feasible frontier (ac_pareto_dp with feasible set), with a
 * branch-and-bound / suffix-frontier search where ties may involve outcomes off the
 * frontier. out is zeroed first. */
ac_status ac_solutions_compute(const ac_space *s, const ac_frontier *feasible,
                               ac_solutions *out, ac_error *err);

/* The same answer without any frontier: a branch and bound over the ZOPA (ties as
 * above). Fast on most models (milliseconds for 4 to 8 parties and 27 issues); some are
 * hard for it (opposed values, 6 or more parties, 40 issues): past max_nodes search
 * nodes (0: no bound) it fails with AC_ELIMIT and finds nothing. out is zeroed first. */
ac_status ac_solutions_search(const ac_space *s, size_t max_nodes, ac_solutions *out,
                              ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
