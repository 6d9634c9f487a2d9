/* Test support: the library's results against the brute-force oracle (oracle.h). */
#ifndef ACCORD_TEST_COMPARE_H
#define ACCORD_TEST_COMPARE_H

#include "accord/accord.h"
#include "oracle.h"

/* f has the oracle's frontier: the same number of points, each oracle vector (AC_EPS)
 * with the same representative outcome, utilities matching their outcomes, in canonical
 * order. Returns 1 when so; else prints the first difference (what names the case). */
int oracle_same_front(const ac_space *s, const ac_frontier *f, const oracle_front *of,
                      const char *what);

/* A solution against the oracle's: found flags, value (1e-9), outcome, utilities. name
 * is "nash", "kalai" or "welfare". */
int oracle_same_solution(const char *what, const char *name, const ac_solution *a,
                         const oracle_sol *b, size_t np, size_t ni);

/* All three solutions and b_i (1e-9) against the oracle's. */
int oracle_same_solutions(const char *what, const ac_solutions *a, const oracle_result *r);

#endif
