/* ac_solutions_compute (on ac_pareto_dp's feasible frontier) against the brute-force
 * oracle on seeded random models: the found flags, the values (1e-9), the outcomes
 * (identical: the same tie-break) and b_i. Plus hand-made models whose answers are
 * worked out below, including ties that fall off the frontier. */
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
#include "compare.h"
#include "oracle.h"
#include "randmodel.h"
#include "testmodels.h"

static size_t g_models, g_hand; /* random and hand-made models compared */

/* Sanitised builds run about ten times slower and are there to check memory, which a
 * third of the random models exercises as well as all of them. */
#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 3
#else
#define SUITE_SCALE 1
#endif

static void check_model(ac_model *m, const char *what)
{
    oracle_result r;
    assert_int_equal(oracle_run(m, &r), 0);
    ac_space *s;
    ac_error err;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 1, 0, &f, &err), AC_OK);
    ac_solutions sol;
    assert_int_equal(ac_solutions_compute(s, f, &sol, &err), AC_OK);
    int ok = oracle_same_solutions(what, &sol, &r);
    if (getenv("ACCORD_TEST_VERBOSE"))
        printf("%s: parties %zu issues %zu outcomes %.0f zopa %.0f frontier %zu nash %.6g "
               "kalai %.6g welfare %.6g\n",
               what, s->n_parties, s->n_issues, ac__u128_double(r.outcomes),
               ac__u128_double(r.zopa), f->count, sol.nash.value, sol.kalai.value,
               sol.welfare.value);
    ac_solutions_free(&sol);
    ac_frontier_free(f);
    ac_space_free(s);
    oracle_free(&r);
    assert_true(ok);
    g_models++;
}

/* Hand-made models go through the same comparison but are counted apart. */
static void check_hand(ac_model *m, const char *what)
{
    check_model(m, what);
    g_models--;
    g_hand++;
}

static void run_suite(const char *name, const rand_opts *o, uint64_t first, int count)
{
    rand_suite(name, o, first, count, SUITE_SCALE, check_model);
}

static void test_random_grid4(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 1e4;
    run_suite("grid4", &o, 11000, 250);
}

static void test_random_doubles(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 0;
    o.max_outcomes = 1e4;
    run_suite("doubles", &o, 12000, 150);
}

static void test_random_grid20(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 20;
    o.max_outcomes = 5e3;
    run_suite("grid20", &o, 13000, 60);
}

/* Coarse grids and low reservations: large ties, often at a Nash product of 0. */
static void test_random_coarse(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 1;
    o.max_outcomes = 3e3;
    run_suite("grid1", &o, 14000, 80);
    o.grid = 2;
    o.red_lines = 0;
    o.reservation_max = 0.3;
    run_suite("grid2-wide", &o, 14500, 80);
}

static void test_random_deep(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_max = 3;
    o.issues_min = 8;
    o.issues_max = 14;
    o.options_min = 2;
    o.options_max = 3;
    o.max_outcomes = 1e4;
    run_suite("deep", &o, 15000, 40);
    o.grid = 0;
    run_suite("deep-doubles", &o, 15500, 20);
}

static void test_random_tiny(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 1;
    o.issues_min = 1;
    o.issues_max = 3;
    o.options_min = 1;
    o.options_max = 4;
    o.max_outcomes = 60;
    run_suite("tiny", &o, 16000, 100);
}

static void test_random_large(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_max = 3;
    o.issues_min = 7;
    o.issues_max = 10;
    o.reservation_max = 0.4;
    o.max_outcomes = 1e5;
    run_suite("large-grid4", &o, 17000, 2);
    o.grid = 0;
    run_suite("large-doubles", &o, 17100, 1);
}

/* Opposed preferences: party 1 values each option at 1 minus party 0's value, party 2
 * (when present) at random, reservations up to 0.45. Frontiers of hundreds of points,
 * and Kalai and Nash points deep inside long suffix searches. */
static ac_model *opposed_model(uint64_t seed, int grid, double max_outcomes)
{
    uint64_t st = seed * 0xD1B54A32D192ED03ull + 3;
    ac_model *m = ac_model_new();
    int np = rand_int(&st, 2, 3);
    char id[16];
    for (int i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%d", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, (size_t)i, 0.45 * rand_unit(&st), NULL);
        ac_model_set_has_preferences(m, (size_t)i, NULL);
    }
    double space = 1;
    for (size_t k = 0;; k++) {
        int no = rand_int(&st, 2, 4);
        if (space * no > max_outcomes)
            break;
        space *= no;
        snprintf(id, sizeof id, "i%zu", k);
        ac_model_add_issue(m, id, NULL, NULL, NULL);
        for (int q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%d", q);
            ac_model_add_option(m, k, id, NULL, NULL, NULL);
            double x = grid ? (double)rand_int(&st, 0, grid) / grid : rand_unit(&st);
            ac_model_set_value(m, 0, k, (size_t)q, x, NULL);
            ac_model_set_value(m, 1, k, (size_t)q, 1 - x, NULL);
            if (np > 2)
                ac_model_set_value(m, 2, k, (size_t)q,
                                   grid ? (double)rand_int(&st, 0, grid) / grid : rand_unit(&st),
                                   NULL);
        }
        for (int i = 0; i < np; i++) {
            ac_model_set_weight(m, (size_t)i, k, rand_int(&st, 0, 4), NULL);
            if (rand_int(&st, 0, 11) == 0)
                ac_model_set_red_line(m, (size_t)i, k, (size_t)rand_int(&st, 0, no - 1), NULL);
        }
    }
    /* a party whose weights all came out 0 gets the last issue */
    for (int i = 0; i < np; i++) {
        double w = 0;
        for (size_t k = 0; k < ac_model_n_issues(m); k++)
            w += ac_pref_raw_weight(m, (size_t)i, k);
        if (w == 0)
            ac_model_set_weight(m, (size_t)i, ac_model_n_issues(m) - 1, 1, NULL);
    }
    return m;
}

static void test_random_opposed(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 30; seed += SUITE_SCALE) {
        ac_model *m = opposed_model(seed, seed % 3 == 0 ? 0 : (int)(4 * (seed % 3) + 4),
                                    seed % 10 == 0 ? 2e4 : 3e3);
        assert_int_equal(ac_model_check(m, NULL), AC_OK);
        char what[64];
        snprintf(what, sizeof what, "opposed seed %llu", (unsigned long long)seed);
        check_model(m, what);
        ac_model_free(m);
    }
}

static void solve(ac_model *m, ac_solutions *sol)
{
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 1, 0, &f, NULL), AC_OK);
    assert_int_equal(ac_solutions_compute(s, f, sol, NULL), AC_OK);
    ac_frontier_free(f);
    ac_space_free(s);
}

static void assert_outcome(const ac_solution *so, uint32_t a, uint32_t b)
{
    assert_true(so->found);
    assert_int_equal(so->outcome[0], a);
    assert_int_equal(so->outcome[1], b);
}

/* The model of DESIGN §3 (ua/ru, donbas x army_cap). (ua, ru) per outcome:
 *   dmz 800k (.595, .50)  dmz 600k (.475, .60)  fez 800k (.56, .46)  fez 600k (.44, .56)
 * are the ZOPA (r = .40, .45; donbas=russia is a red line, the rest misses a reservation).
 * b = (.595, .60). Nash: .195 * .05 = .00975 vs .075 * .15 = .01125 -> dmz 600k.
 * Kalai: min(.195/.195, .05/.15) = .333 vs min(.075/.195, 1) = .3846 -> dmz 600k.
 * Welfare: 1.095 vs 1.075 -> dmz 800k. */
static void test_design_model(void **state)
{
    (void)state;
    ac_model *m = design_example_model();
    ac_solutions sol;
    solve(m, &sol);
    assert_true(fabs(sol.best[0] - 0.595) < 1e-12 && fabs(sol.best[1] - 0.6) < 1e-12);
    assert_outcome(&sol.nash, 1, 2);
    assert_true(fabs(sol.nash.value - 0.075 * 0.15) < 1e-12);
    assert_outcome(&sol.kalai, 1, 2);
    assert_true(fabs(sol.kalai.value - 0.075 / 0.195) < 1e-12);
    assert_outcome(&sol.welfare, 1, 1);
    assert_true(fabs(sol.welfare.value - 1.095) < 1e-12);
    assert_true(fabs(sol.welfare.utility[0] - 0.595) < 1e-12);
    ac_solutions_free(&sol);
    check_hand(m, "design");
    /* nobody can be satisfied: nothing found, no best */
    ac_model_set_reservation(m, 1, 0.9, NULL);
    solve(m, &sol);
    assert_false(sol.nash.found || sol.kalai.found || sol.welfare.found);
    assert_null(sol.best);
    assert_null(sol.nash.outcome);
    ac_solutions_free(&sol);
    ac_model_free(m);
}

/* One issue, two parties, values given per option (weights 1). */
static ac_model *one_issue(size_t n, const double *va, const double *vb, double ra, double rb)
{
    ac_model *m = ac_model_new();
    ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL);
    ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, NULL, NULL);
    ac_model_set_reservation(m, 0, ra, NULL);
    ac_model_set_reservation(m, 1, rb, NULL);
    ac_model_add_issue(m, "x", NULL, NULL, NULL);
    for (size_t q = 0; q < n; q++) {
        char id[32];
        snprintf(id, sizeof id, "o%zu", q);
        ac_model_add_option(m, 0, id, NULL, NULL, NULL);
        ac_model_set_value(m, 0, 0, q, va[q], NULL);
        ac_model_set_value(m, 1, 0, q, vb[q], NULL);
    }
    ac_model_set_weight(m, 0, 0, 1, NULL);
    ac_model_set_weight(m, 1, 0, 1, NULL);
    ac_model_set_has_preferences(m, 0, NULL);
    ac_model_set_has_preferences(m, 1, NULL);
    return m;
}

/* Every Nash product is 0 (b gets nothing anywhere): the first ZOPA outcome wins, and it
 * is dominated, off the frontier. Kalai: b's span is 0 so b contributes 1; a's share
 * u_a / .5 is highest at o1. */
static void test_off_frontier_ties(void **state)
{
    (void)state;
    const double va[] = {0.2, 0.5, 0.0}, vb[] = {0, 0, 0};
    ac_model *m = one_issue(3, va, vb, 0, 0);
    ac_solutions sol;
    solve(m, &sol);
    assert_true(sol.nash.found && sol.nash.outcome[0] == 0 && sol.nash.value == 0);
    assert_true(sol.kalai.found && sol.kalai.outcome[0] == 1);
    assert_true(fabs(sol.kalai.value - 1) < 1e-12);
    assert_true(sol.welfare.found && sol.welfare.outcome[0] == 1);
    ac_solutions_free(&sol);
    check_hand(m, "off-frontier");
    ac_model_free(m);
}

/* A symmetric model: u = (#x, #y) / 2 over two issues. Welfare ties everywhere (first
 * outcome), Nash and Kalai tie on (.5, .5), first reached by (x, y). */
static void test_symmetric_ties(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL);
    ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, NULL, NULL);
    for (size_t k = 0; k < 2; k++) {
        ac_model_add_issue(m, k ? "j" : "i", NULL, NULL, NULL);
        ac_model_add_option(m, k, "x", NULL, NULL, NULL);
        ac_model_add_option(m, k, "y", NULL, NULL, NULL);
        for (size_t p = 0; p < 2; p++) {
            ac_model_set_weight(m, p, k, 1, NULL);
            ac_model_set_value(m, p, k, 0, p == 0 ? 1 : 0, NULL);
            ac_model_set_value(m, p, k, 1, p == 0 ? 0 : 1, NULL);
        }
    }
    ac_model_set_has_preferences(m, 0, NULL);
    ac_model_set_has_preferences(m, 1, NULL);
    ac_solutions sol;
    solve(m, &sol);
    assert_outcome(&sol.welfare, 0, 0);
    assert_outcome(&sol.nash, 0, 1);
    assert_true(fabs(sol.nash.value - 0.25) < 1e-12);
    assert_outcome(&sol.kalai, 0, 1);
    ac_solutions_free(&sol);
    check_hand(m, "symmetric");
    /* with r = (.5, .5) only (.5, .5) is acceptable: every objective ties there */
    ac_model_set_reservation(m, 0, 0.5, NULL);
    ac_model_set_reservation(m, 1, 0.5, NULL);
    solve(m, &sol);
    assert_outcome(&sol.welfare, 0, 1);
    assert_outcome(&sol.nash, 0, 1);
    assert_true(sol.nash.value == 0);
    assert_outcome(&sol.kalai, 0, 1);
    assert_true(sol.kalai.value == 1);
    ac_solutions_free(&sol);
    check_hand(m, "symmetric-r");
    ac_model_free(m);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ac_model *m = design_example_model();
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_solutions sol;
    ac_error err;
    assert_int_equal(ac_solutions_compute(s, NULL, &sol, &err), AC_EARG);
    ac_frontier f = {.n_parties = 3, .n_issues = 2};
    assert_int_equal(ac_solutions_compute(s, &f, &sol, &err), AC_EARG);
    assert_false(sol.nash.found);
    ac_space_free(s);
    ac_model_free(m);
}

static int report(void **state)
{
    (void)state;
    printf("test_solutions: %zu random and %zu hand-made models compared with the oracle\n",
           g_models, g_hand);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_model),   cmocka_unit_test(test_off_frontier_ties),
        cmocka_unit_test(test_symmetric_ties), cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_random_tiny),    cmocka_unit_test(test_random_grid4),
        cmocka_unit_test(test_random_doubles), cmocka_unit_test(test_random_grid20),
        cmocka_unit_test(test_random_coarse),  cmocka_unit_test(test_random_deep),
        cmocka_unit_test(test_random_large),   cmocka_unit_test(test_random_opposed),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
