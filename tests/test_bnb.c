/* The branch and bound for the Nash, Kalai and welfare points (src/analysis/bnb.c),
 * which needs no frontier:
 *  - against the brute-force oracle (tests/support/oracle.c) on seeded random models of
 *    1 to 8 active parties: grid values from very coarse (ties everywhere, Nash products
 *    of 0) to doubles, red lines, mediators, empty ZOPAs: found flags, values (1e-9),
 *    outcomes (identical: the same tie-break) and b_i;
 *  - against the frontier-based answer (ac_solutions_compute) on mid-size models of 3 to
 *    6 parties and 10 to 14 issues, too large for the oracle;
 *  - its limits: a node cap and a raised cancel flag stop it with AC_ELIMIT, nothing
 *    found, and say which. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "analysis/bnb.h"
#include "compare.h"
#include "oracle.h"
#include "randmodel.h"

#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 4
#else
#define SUITE_SCALE 1
#endif

static size_t g_oracle, g_frontier;

static int same_best(const char *what, const double *a, const double *b, size_t np)
{
    if ((a == NULL) != (b == NULL)) {
        print_error("%s: best present %d, expected %d\n", what, a != NULL, b != NULL);
        return 0;
    }
    for (size_t i = 0; a && i < np; i++)
        if (fabs(a[i] - b[i]) > 1e-9) {
            print_error("%s: best of party %zu: %.15g, expected %.15g\n", what, i, a[i], b[i]);
            return 0;
        }
    return 1;
}

static void against_oracle(ac_model *m, const char *what)
{
    oracle_result r;
    assert_int_equal(oracle_run(m, &r), 0);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_solutions sol;
    ac_error err;
    assert_int_equal(ac__solutions_bnb(s, NULL, 0, &sol, NULL, NULL, &err), AC_OK);
    int ok = oracle_same_solutions(what, &sol, &r);
    ac_solutions_free(&sol);
    ac_space_free(s);
    oracle_free(&r);
    assert_true(ok);
    g_oracle++;
}

static void oracle_suite(const char *name, const rand_opts *o, uint64_t first, int count)
{
    rand_suite(name, o, first, count, SUITE_SCALE, against_oracle);
}

static void test_oracle_two_to_four(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 1;
    o.max_outcomes = 1e4;
    oracle_suite("grid4", &o, 41000, 200);
    o.grid = 0;
    oracle_suite("doubles", &o, 42000, 120);
    o.grid = 20;
    oracle_suite("grid20", &o, 43000, 60);
}

/* Coarse grids and low reservations: large ties, often at a Nash product of 0. */
static void test_oracle_coarse(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 1;
    o.max_outcomes = 3e3;
    oracle_suite("grid1", &o, 44000, 80);
    o.grid = 2;
    o.red_lines = 0;
    o.reservation_max = 0.3;
    oracle_suite("grid2-wide", &o, 44500, 80);
}

static void test_oracle_many_parties(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 4;
    o.parties_max = 8;
    o.issues_min = 3;
    o.issues_max = 9;
    o.max_outcomes = 4e3;
    oracle_suite("4-8 grid4", &o, 45000, 120);
    o.grid = 0;
    o.reservation_max = 0.5;
    oracle_suite("4-8 doubles", &o, 46000, 80);
    o.grid = 2;
    o.reservation_max = 0.3;
    oracle_suite("4-8 grid2", &o, 47000, 60);
}

/* Deeper than the oracle reaches: the frontier-based answer is the reference. */
static void against_frontier(ac_model *m, const char *what)
{
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 1, 0, &f, NULL), AC_OK);
    ac_solutions ref, sol;
    assert_int_equal(ac_solutions_compute(s, f, &ref, NULL), AC_OK);
    ac_error err;
    assert_int_equal(ac__solutions_bnb(s, NULL, 0, &sol, NULL, NULL, &err), AC_OK);
    size_t np = s->n_parties, ni = s->n_issues;
    const ac_solution *a[3] = {&sol.nash, &sol.kalai, &sol.welfare};
    const ac_solution *b[3] = {&ref.nash, &ref.kalai, &ref.welfare};
    const char *names[3] = {"nash", "kalai", "welfare"};
    int ok = same_best(what, sol.best, ref.best, np);
    for (int w = 0; w < 3 && ok; w++) {
        oracle_sol o = {b[w]->found, b[w]->value, b[w]->outcome, b[w]->utility};
        ok = oracle_same_solution(what, names[w], a[w], &o, np, ni);
    }
    ac_solutions_free(&sol);
    ac_solutions_free(&ref);
    ac_frontier_free(f);
    ac_space_free(s);
    assert_true(ok);
    g_frontier++;
}

static void test_frontier_mid_size(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 3;
    o.parties_max = 6;
    o.issues_min = 10;
    o.issues_max = 14;
    o.options_min = 3;
    o.options_max = 4;
    o.max_outcomes = 1e9;
    o.reservation_max = 0.5;
    int count = (24 + SUITE_SCALE - 1) / SUITE_SCALE;
    for (int i = 0; i < count; i++) {
        o.grid = i % 3 == 0 ? 0 : i % 3 == 1 ? 20 : 4;
        uint64_t seed = 48000 + (uint64_t)i;
        ac_model *m = rand_model(seed, &o);
        char what[96];
        snprintf(what, sizeof what, "mid grid%d seed %llu", o.grid, (unsigned long long)seed);
        against_frontier(m, what);
        ac_model_free(m);
    }
}

static void test_limits(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = o.parties_max = 4;
    o.issues_min = o.issues_max = 12;
    o.options_min = o.options_max = 4;
    o.max_outcomes = 1e9;
    o.grid = 0;
    o.red_lines = 0;
    o.reservation_max = 0.3;
    ac_model *m = rand_model(49000, &o);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_solutions sol;
    ac_error err;
    size_t nodes;
    ac__stop why;
    assert_int_equal(ac__solutions_bnb(s, NULL, 0, &sol, &nodes, &why, &err), AC_OK);
    assert_true(sol.nash.found);
    size_t all = nodes;
    assert_true(all > 10);

    /* the public entry point gives the same answer, and stops at its node cap */
    ac_solutions pub;
    assert_int_equal(ac_solutions_search(s, 0, &pub, &err), AC_OK);
    const ac_solution *x[3] = {&pub.nash, &pub.kalai, &pub.welfare};
    const ac_solution *y[3] = {&sol.nash, &sol.kalai, &sol.welfare};
    for (int w = 0; w < 3; w++) {
        assert_true(x[w]->found && y[w]->found);
        assert_memory_equal(x[w]->outcome, y[w]->outcome, s->n_issues * sizeof *x[w]->outcome);
    }
    ac_solutions_free(&pub);
    ac_solutions_free(&sol);
    assert_int_equal(ac_solutions_search(s, all / 2, &pub, &err), AC_ELIMIT);
    assert_false(pub.nash.found);
    assert_int_equal(ac_solutions_search(NULL, 0, &pub, &err), AC_EARG);

    /* a node cap below what the search needs */
    assert_int_equal(ac__solutions_bnb(s, NULL, all / 2, &sol, &nodes, &why, &err), AC_ELIMIT);
    assert_int_equal(why, AC__GO);
    assert_false(sol.nash.found || sol.kalai.found || sol.welfare.found);
    assert_null(sol.best);
    assert_non_null(strstr(err.message, "bargaining solutions"));

    /* an interrupt */
    volatile int cancel = 1;
    ac__budget b = {.cancel = &cancel};
    assert_int_equal(ac__solutions_bnb(s, &b, 0, &sol, &nodes, &why, &err), AC_ELIMIT);
    assert_int_equal(why, AC__STOP_CANCEL);
    assert_false(sol.nash.found);
    assert_non_null(strstr(err.message, "an interrupt"));
    ac_space_free(s);
    ac_model_free(m);
}

static int report(void **state)
{
    (void)state;
    printf("bnb: %zu models against the oracle, %zu against the frontier\n", g_oracle,
           g_frontier);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oracle_two_to_four), cmocka_unit_test(test_oracle_coarse),
        cmocka_unit_test(test_oracle_many_parties), cmocka_unit_test(test_frontier_mid_size),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
