/* Test support: the brute-force oracle. It visits every outcome of a model, computes
 * utilities from the model itself (not from ac_space), and applies the definitions of
 * DESIGN §1 literally:
 *   acceptable: no active party's red line crossed and u_i >= r_i - AC_EPS for all i;
 *   p dominates q: p_i >= q_i - AC_EPS for all i and p_j > q_j + AC_EPS for some j;
 *   frontier: the distinct (within AC_EPS) vectors no outcome dominates, each with the
 *     first outcome in lexicographic order that has it;
 *   a solution: its best objective value V over the ZOPA, then the lexicographically
 *     first ZOPA outcome whose objective is >= V - AC_EPS.
 * It is slow on purpose: obviously right, for small spaces only. */
#ifndef ACCORD_TEST_ORACLE_H
#define ACCORD_TEST_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "accord/model.h"
#include "core/space_internal.h"

typedef struct oracle_front {
    size_t count;
    double *utility;   /* [count * n_parties], in discovery order */
    uint32_t *outcome; /* [count * n_issues] */
} oracle_front;

typedef struct oracle_sol {
    int found;
    double value;
    uint32_t *outcome; /* [n_issues] */
    double *utility;   /* [n_parties] */
} oracle_sol;

typedef struct oracle_result {
    size_t n_parties, n_issues;
    ac__u128 outcomes, zopa;
    oracle_front all, feasible;
    oracle_sol nash, kalai, welfare;
    double *best; /* [n_parties], NULL when the ZOPA is empty */
} oracle_result;

/* Returns 0 on success. */
int oracle_run(const ac_model *m, oracle_result *r);
void oracle_free(oracle_result *r);

/* The definitions themselves: p dominates q; p equals q (within AC_EPS everywhere). */
int oracle_dominates(const double *p, const double *q, size_t np);
int oracle_equal(const double *p, const double *q, size_t np);

/* Index of the frontier point equal (within AC_EPS in every coordinate) to u, or -1. */
long oracle_front_find(const oracle_front *f, size_t n_parties, const double *u);

#endif
