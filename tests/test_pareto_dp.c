/* ac_pareto_dp against the brute-force oracle on seeded random models: 2 to 4 parties,
 * random doubles and grid values (ties), red lines, zero weights, mediators, spaces of
 * 10 to 1e5 outcomes. For the frontier over all outcomes and over the ZOPA, the same
 * number of points, each oracle vector found (AC_EPS) with the same representative
 * outcome, in canonical order. Plus a hand-checked model, the point limit, and an
 * empty ZOPA. */
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

static size_t g_models; /* random models compared, for the summary line */

/* Sanitised builds run about ten times slower and are there to check memory, which a
 * third of the random models exercises as well as all of them. */
#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 3
#else
#define SUITE_SCALE 1
#endif

static void check_model(uint64_t seed, const rand_opts *o, const char *suite)
{
    ac_model *m = rand_model(seed, o);
    assert_non_null(m);
    oracle_result r;
    assert_int_equal(oracle_run(m, &r), 0);
    ac_space *s;
    ac_error err;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    for (int feasible = 0; feasible <= 1; feasible++) {
        ac_frontier *f = NULL;
        assert_int_equal(ac_pareto_dp(s, feasible, 0, &f, &err), AC_OK);
        assert_non_null(f);
        assert_int_equal(f->n_parties, s->n_parties);
        assert_int_equal(f->n_issues, s->n_issues);
        char what[128];
        snprintf(what, sizeof what, "%s seed %llu %s", suite, (unsigned long long)seed,
                 feasible ? "feasible" : "all");
        int ok = oracle_same_front(s, f, feasible ? &r.feasible : &r.all, what);
        if (getenv("ACCORD_TEST_VERBOSE"))
            printf("%s: parties %zu issues %zu outcomes %.0f zopa %.0f points %zu\n", what,
                   s->n_parties, s->n_issues, ac__u128_double(r.outcomes),
                   ac__u128_double(r.zopa), f->count);
        ac_frontier_free(f);
        assert_true(ok);
    }
    ac_space_free(s);
    oracle_free(&r);
    ac_model_free(m);
    g_models++;
}

static void run_suite(const char *name, const rand_opts *o, uint64_t first, int count)
{
    count = (count + SUITE_SCALE - 1) / SUITE_SCALE;
    for (int i = 0; i < count; i++)
        check_model(first + (uint64_t)i, o, name);
}

/* Grid values 1/4, small integer weights: many ties. */
static void test_random_grid4(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 1e4;
    run_suite("grid4", &o, 1000, 250);
}

/* Random doubles: no ties but zero weights. */
static void test_random_doubles(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 0;
    o.max_outcomes = 1e4;
    run_suite("doubles", &o, 2000, 150);
}

/* Grid 1/20: large frontiers with some ties. */
static void test_random_grid20(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 20;
    o.max_outcomes = 5e3;
    run_suite("grid20", &o, 3000, 60);
}

/* Without red lines and with low reservations: a large ZOPA. */
static void test_random_wide_zopa(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.red_lines = 0;
    o.reservation_max = 0.3;
    o.max_outcomes = 1e4;
    run_suite("wide", &o, 4000, 50);
}

/* Many issues with few options: deep programmes. */
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
    run_suite("deep", &o, 5000, 40);
    o.grid = 0;
    run_suite("deep-doubles", &o, 5500, 20);
}

/* Tiny spaces, including single issues: edge cases of layers 0 and 1. */
static void test_random_tiny(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.issues_min = 1;
    o.issues_max = 3;
    o.options_min = 1;
    o.options_max = 4;
    o.max_outcomes = 60;
    run_suite("tiny", &o, 6000, 100);
    o.grid = 2;
    o.parties_min = 1;
    run_suite("tiny-grid2", &o, 6500, 50);
}

/* A few spaces of about 1e5 outcomes. */
static void test_random_large(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_max = 3;
    o.issues_min = 7;
    o.issues_max = 10;
    o.max_outcomes = 1e5;
    run_suite("large-grid4", &o, 7000, 2);
    o.grid = 0;
    run_suite("large-doubles", &o, 7100, 1);
}

/* Opposed preferences (party 1 values what party 0 does not, party 2 at random):
 * frontiers of hundreds to thousands of points, the hard case for the programme. */
static ac_model *conflict_model(uint64_t seed, int grid, double max_outcomes)
{
    uint64_t st = seed * 0x9E3779B97F4A7C15ull + 7;
    ac_model *m = ac_model_new();
    int np = rand_int(&st, 2, 3);
    char id[16];
    for (int i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%d", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, (size_t)i, 0.35 * rand_unit(&st), NULL);
        ac_model_set_has_preferences(m, (size_t)i, NULL);
    }
    double space = 1;
    for (size_t k = 0;; k++) {
        int no = rand_int(&st, 2, 5);
        if (space * no > max_outcomes)
            break;
        space *= no;
        snprintf(id, sizeof id, "i%zu", k);
        ac_model_add_issue(m, id, NULL, NULL, NULL);
        for (int q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%d", q);
            ac_model_add_option(m, k, id, NULL, NULL, NULL);
            double x = grid ? (double)rand_int(&st, 0, grid) / grid : rand_unit(&st);
            double z = grid ? (double)rand_int(&st, 0, grid) / grid : rand_unit(&st);
            ac_model_set_value(m, 0, k, (size_t)q, x, NULL);
            ac_model_set_value(m, 1, k, (size_t)q, 1 - x, NULL);
            if (np > 2)
                ac_model_set_value(m, 2, k, (size_t)q, z, NULL);
        }
        for (int i = 0; i < np; i++) {
            ac_model_set_weight(m, (size_t)i, k, rand_int(&st, 1, 5), NULL);
            if (rand_int(&st, 0, 9) == 0)
                ac_model_set_red_line(m, (size_t)i, k, (size_t)rand_int(&st, 0, no - 1), NULL);
        }
    }
    return m;
}

static void check_conflict(uint64_t seed, int grid, double max_outcomes)
{
    ac_model *m = conflict_model(seed, grid, max_outcomes);
    assert_int_equal(ac_model_check(m, NULL), AC_OK);
    oracle_result r;
    assert_int_equal(oracle_run(m, &r), 0);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    for (int feasible = 0; feasible <= 1; feasible++) {
        ac_frontier *f = NULL;
        assert_int_equal(ac_pareto_dp(s, feasible, 0, &f, NULL), AC_OK);
        char what[128];
        snprintf(what, sizeof what, "conflict grid %d seed %llu %s", grid,
                 (unsigned long long)seed, feasible ? "feasible" : "all");
        int ok = oracle_same_front(s, f, feasible ? &r.feasible : &r.all, what);
        if (getenv("ACCORD_TEST_VERBOSE"))
            printf("%s: parties %zu issues %zu outcomes %.0f points %zu\n", what, s->n_parties,
                   s->n_issues, ac__u128_double(r.outcomes), f->count);
        ac_frontier_free(f);
        assert_true(ok);
    }
    ac_space_free(s);
    oracle_free(&r);
    ac_model_free(m);
    g_models++;
}

static void test_random_conflict(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed += SUITE_SCALE)
        check_conflict(seed, seed % 2 ? 20 : 0, 3e3);
    for (uint64_t seed = 21; seed <= 24; seed += SUITE_SCALE)
        check_conflict(seed, seed % 2 ? 40 : 0, 2e4);
}

static void test_hand_made(void **state)
{
    (void)state;
    ac_model *m = design_example_model();
    assert_int_equal(ac_model_check(m, NULL), AC_OK);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    /* (ua, ru) of (donbas, army_cap): the fez rows are each dominated by the dmz row
     * with the same army cap; everything else is on the frontier. */
    static const double all_u[9][2] = {{1.0, 0.0},   {0.91, 0.1},  {0.79, 0.2},
                                       {0.685, 0.4}, {0.595, 0.5}, {0.475, 0.6},
                                       {0.3, 0.8},   {0.21, 0.9},  {0.09, 1.0}};
    static const uint32_t all_o[9][2] = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1},
                                         {1, 2}, {3, 0}, {3, 1}, {3, 2}};
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 0, 0, &f, NULL), AC_OK);
    assert_int_equal(f->count, 9);
    for (size_t a = 0; a < 9; a++) {
        assert_true(fabs(f->utility[a * 2] - all_u[a][0]) < 1e-12);
        assert_true(fabs(f->utility[a * 2 + 1] - all_u[a][1]) < 1e-12);
        assert_memory_equal(f->outcome + a * 2, all_o[a], sizeof all_o[a]);
    }
    ac_frontier_free(f);
    /* ZOPA: (dmz|fez, 800k|600k); the fez ones are dominated. */
    assert_int_equal(ac_pareto_dp(s, 1, 0, &f, NULL), AC_OK);
    assert_int_equal(f->count, 2);
    static const uint32_t zo[2][2] = {{1, 1}, {1, 2}};
    assert_true(fabs(f->utility[0] - 0.595) < 1e-12 && fabs(f->utility[1] - 0.5) < 1e-12);
    assert_true(fabs(f->utility[2] - 0.475) < 1e-12 && fabs(f->utility[3] - 0.6) < 1e-12);
    assert_memory_equal(f->outcome, zo, sizeof zo);
    ac_frontier_free(f);
    ac_space_free(s);
    ac_model_free(m);
}

/* Equal vectors reached by many outcomes: the representative is the first. */
static void test_ties_first_outcome(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    size_t a, b;
    ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, &a, NULL);
    ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, &b, NULL);
    for (int k = 0; k < 3; k++) {
        char id[8];
        size_t ki;
        snprintf(id, sizeof id, "i%d", k);
        ac_model_add_issue(m, id, NULL, &ki, NULL);
        ac_model_add_option(m, ki, "x", NULL, NULL, NULL);
        ac_model_add_option(m, ki, "y", NULL, NULL, NULL);
        ac_model_set_weight(m, a, ki, 1, NULL);
        ac_model_set_weight(m, b, ki, 1, NULL);
        ac_model_set_value(m, a, ki, 0, 1, NULL);
        ac_model_set_value(m, a, ki, 1, 0, NULL);
        ac_model_set_value(m, b, ki, 0, 0, NULL);
        ac_model_set_value(m, b, ki, 1, 1, NULL);
    }
    ac_model_set_has_preferences(m, a, NULL);
    ac_model_set_has_preferences(m, b, NULL);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 0, 0, &f, NULL), AC_OK);
    /* four vectors (3-j, j)/3; the first outcome with j y's puts them last */
    assert_int_equal(f->count, 4);
    static const uint32_t want[4][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 1}, {1, 1, 1}};
    for (size_t p = 0; p < 4; p++)
        assert_memory_equal(f->outcome + p * 3, want[p], sizeof want[p]);
    ac_frontier_free(f);
    /* a limit below the size of a layer fails cleanly */
    ac_error err;
    f = (ac_frontier *)&err; /* must be reset to NULL */
    assert_int_equal(ac_pareto_dp(s, 0, 3, &f, &err), AC_ELIMIT);
    assert_null(f);
    assert_true(strstr(err.message, "limit") != NULL);
    assert_int_equal(ac_pareto_dp(s, 0, 4, &f, &err), AC_OK);
    ac_frontier_free(f);
    ac_space_free(s);
    ac_model_free(m);
}

/* Reservations nobody can meet: an empty feasible frontier, not an error. */
static void test_empty_zopa(void **state)
{
    (void)state;
    ac_model *m = design_example_model();
    ac_model_set_reservation(m, 1, 0.9, NULL);
    ac_model_set_reservation(m, 2, 0.9, NULL);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_frontier *f;
    assert_int_equal(ac_pareto_dp(s, 1, 0, &f, NULL), AC_OK);
    assert_int_equal(f->count, 0);
    ac_frontier_free(f);
    ac_space_free(s);
    ac_model_free(m);
}

static int report(void **state)
{
    (void)state;
    printf("test_pareto_dp: %zu random models compared with the oracle\n", g_models);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_made),         cmocka_unit_test(test_ties_first_outcome),
        cmocka_unit_test(test_empty_zopa),        cmocka_unit_test(test_random_tiny),
        cmocka_unit_test(test_random_grid4),      cmocka_unit_test(test_random_doubles),
        cmocka_unit_test(test_random_grid20),     cmocka_unit_test(test_random_wide_zopa),
        cmocka_unit_test(test_random_deep),       cmocka_unit_test(test_random_large),
        cmocka_unit_test(test_random_conflict),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
