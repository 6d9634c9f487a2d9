/* Four to eight active parties: the k-d tree filter and the whole issue-by-issue analysis
 * against brute force.
 *
 *  - The filter (ac__filter_ranks_with, k-d tree and scan) against the definition on
 *    ranks (kept: no other point >= in every coordinate and > in one, first of equal
 *    vectors), on random rank arrays of 4 to 8 coordinates with few distinct ranks
 *    (many ties and duplicates) and with many.
 *  - ac_analyze with the dp method against the oracle (tests/support/oracle.c) on seeded
 *    random models of 4 to 8 parties, grid values (ties) and doubles, red lines,
 *    mediators: ZOPA count, frontier over all outcomes and over the ZOPA (count, vectors,
 *    representatives, canonical order), Nash, Kalai and welfare points.
 *  - The enumeration method gives the same answers on the same models. */
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
#include "analysis/analysis_internal.h"
#include "analysis/dominance.h"
#include "compare.h"
#include "oracle.h"
#include "brute_filter.h"
#include "randmodel.h"

#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 4
#else
#define SUITE_SCALE 1
#endif

static size_t g_filters, g_models;

/* Makes each column's values dense ranks 0 .. distinct-1, as ac__ranks produces them. */
static void densify(uint32_t *r, size_t n, size_t d, uint32_t top)
{
    for (size_t j = 0; j < d; j++) {
        uint32_t *map = calloc(top, sizeof *map);
        assert_non_null(map);
        for (size_t i = 0; i < n; i++)
            map[r[i * d + j]] = 1;
        uint32_t k = 0;
        for (uint32_t v = 0; v < top; v++)
            map[v] = map[v] ? k++ : 0;
        for (size_t i = 0; i < n; i++)
            r[i * d + j] = map[r[i * d + j]];
        free(map);
    }
}

/* Random ranks below top; correlated: a shared base plus a little noise per coordinate,
 * which makes deep chains of dominance. */
static void random_ranks(uint64_t *st, uint32_t *r, size_t n, size_t d, uint32_t top,
                         int correlated)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t base = (uint32_t)(rand_next(st) % (top / 2 + 1));
        for (size_t j = 0; j < d; j++)
            r[i * d + j] = correlated ? base + (uint32_t)(rand_next(st) % (top / 2 + 1))
                                      : (uint32_t)(rand_next(st) % top);
    }
    densify(r, n, d, top + 1);
}

static void test_filter_against_definition(void **state)
{
    (void)state;
    uint64_t st = 42;
    for (int t = 0; t < 400 / SUITE_SCALE; t++) {
        size_t d = (size_t)rand_int(&st, 4, 8);
        size_t n = (size_t)rand_int(&st, 1, t % 10 == 0 ? 2000 : 300);
        uint32_t top = (uint32_t)(t % 3 == 0 ? rand_int(&st, 1, 4) : rand_int(&st, 2, 3000));
        uint32_t *r = malloc(n * d * sizeof *r);
        unsigned char *want = malloc(n), *kd = malloc(n), *scan = malloc(n);
        assert_true(r && want && kd && scan);
        random_ranks(&st, r, n, d, top, t % 4 == 1);
        brute_filter(r, NULL, n, d, want);
        assert_int_equal(ac__filter_ranks_with(r, n, d, kd, AC__FILTER_KD, NULL, NULL), AC_OK);
        assert_int_equal(ac__filter_ranks_with(r, n, d, scan, AC__FILTER_SCAN, NULL, NULL), AC_OK);
        assert_memory_equal(kd, want, n);
        assert_memory_equal(scan, want, n);
        free(r);
        free(want);
        free(kd);
        free(scan);
        g_filters++;
    }
}

static void check_model(uint64_t seed, const rand_opts *ro, const char *suite)
{
    ac_model *m = rand_model(seed, ro);
    assert_non_null(m);
    oracle_result r;
    assert_int_equal(oracle_run(m, &r), 0);
    for (int method = AC_METHOD_ENUMERATE; method <= AC_METHOD_DP; method++)
        for (int feasible = 0; feasible <= 1; feasible++) {
            ac_analyze_opts o;
            ac_analyze_opts_init(&o);
            o.method = (ac_method)method;
            o.feasible = feasible;
            o.threads = 1;
            ac_analysis *a = NULL;
            ac_error err;
            assert_int_equal(ac_analyze(m, &o, &a, &err), AC_OK);
            char what[160];
            snprintf(what, sizeof what, "%s seed %llu %s %s", suite, (unsigned long long)seed,
                     ac_method_name(a->method), feasible ? "feasible" : "all");
            const ac_space *s = a->space;
            int ok = oracle_same_front(s, a->pareto, feasible ? &r.feasible : &r.all, what);
            if (ok && a->zopa.exact && ac__u128_in(a->zopa.count) != r.zopa) {
                print_error("%s: ZOPA %.0f, oracle %.0f\n", what, ac__u128_double(ac__u128_in(a->zopa.count)),
                            ac__u128_double(r.zopa));
                ok = 0;
            }
            size_t np = s->n_parties, ni = s->n_issues;
            ok = ok && oracle_same_solution(what, "nash", &a->sol.nash, &r.nash, np, ni) &&
                 oracle_same_solution(what, "kalai", &a->sol.kalai, &r.kalai, np, ni) &&
                 oracle_same_solution(what, "welfare", &a->sol.welfare, &r.welfare, np, ni);
            if (getenv("ACCORD_TEST_VERBOSE"))
                printf("%s: parties %zu issues %zu outcomes %.0f zopa %.0f points %zu\n", what,
                       s->n_parties, s->n_issues, ac__u128_double(r.outcomes),
                       ac__u128_double(r.zopa), a->pareto->count);
            ac_analysis_free(a);
            assert_true(ok);
        }
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

static void test_four_to_six_grid(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 4;
    o.parties_max = 6;
    o.max_outcomes = 3e3;
    run_suite("grid4-p4..6", &o, 100, 60);
    o.grid = 20;
    run_suite("grid20-p4..6", &o, 200, 30);
}

static void test_four_to_six_doubles(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 4;
    o.parties_max = 6;
    o.grid = 0;
    o.max_outcomes = 3e3;
    o.reservation_max = 0.4;
    run_suite("doubles-p4..6", &o, 300, 40);
}

static void test_seven_eight(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 7;
    o.parties_max = 8;
    o.max_outcomes = 1.5e3;
    run_suite("grid4-p7..8", &o, 400, 25);
    o.grid = 0;
    o.red_lines = 0;
    o.reservation_max = 0.3;
    run_suite("doubles-p7..8", &o, 500, 15);
}

static int report(void **state)
{
    (void)state;
    printf("test_many_parties: %zu filters and %zu random models compared with brute force\n",
           g_filters, g_models);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_against_definition),
        cmocka_unit_test(test_four_to_six_grid),
        cmocka_unit_test(test_four_to_six_doubles),
        cmocka_unit_test(test_seven_eight),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
