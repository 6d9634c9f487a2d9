/* The Pareto programme's result does not depend on the order it takes the issues in.
 *
 *  - ac__filter_ranks_tie against the definition: on random rank arrays (2 to 8
 *    coordinates, few distinct ranks, so many equal vectors) with a random tie order,
 *    the kept points are the non-dominated vectors, each by its least member under that
 *    order.
 *  - ac__dp_run with file_ties on random models (2 to 6 parties, grid values and
 *    doubles, red lines, over all outcomes and with the ZOPA's floors): for random issue
 *    orders, the same points as the run in file order, bit for bit: count, utilities
 *    (memcmp) and outcomes. A run without file_ties must differ on some model, or the
 *    test would not be testing the tie-break. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "analysis/dominance.h"
#include "analysis/dp_frontier.h"
#include "brute_filter.h"
#include "randmodel.h"

#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 4
#else
#define SUITE_SCALE 1
#endif

static void test_filter_ties(void **state)
{
    (void)state;
    uint64_t st = 7;
    for (int t = 0; t < 300 / SUITE_SCALE; t++) {
        size_t d = (size_t)rand_int(&st, 2, 8);
        size_t n = (size_t)rand_int(&st, 1, t % 10 == 0 ? 1500 : 200);
        uint32_t top = (uint32_t)rand_int(&st, 1, t % 2 ? 3 : 40);
        uint32_t *r = malloc(n * d * sizeof *r), *prio = malloc(n * sizeof *prio);
        unsigned char *want = malloc(n), *got = malloc(n);
        assert_true(r && prio && want && got);
        /* dense ranks per column, as the filter expects: values 0 .. top-1, then
         * compacted */
        for (size_t j = 0; j < d; j++) {
            uint32_t seen[64] = {0}, map[64];
            for (size_t i = 0; i < n; i++) {
                r[i * d + j] = (uint32_t)(rand_next(&st) % top);
                seen[r[i * d + j]] = 1;
            }
            uint32_t k = 0;
            for (uint32_t v = 0; v < top; v++)
                map[v] = seen[v] ? k++ : 0;
            for (size_t i = 0; i < n; i++)
                r[i * d + j] = map[r[i * d + j]];
        }
        for (size_t i = 0; i < n; i++)
            prio[i] = (uint32_t)i;
        for (size_t i = n; i > 1; i--) {
            size_t x = (size_t)(rand_next(&st) % i);
            uint32_t s = prio[i - 1];
            prio[i - 1] = prio[x];
            prio[x] = s;
        }
        brute_filter(r, prio, n, d, want);
        prio_ctx pc = {prio};
        ac__tie tie = {prio_less, &pc};
        for (int kind = AC__FILTER_AUTO; kind <= AC__FILTER_SCAN; kind++) {
            assert_int_equal(ac__filter_ranks_tie(r, n, d, got, (ac__filter_kind)kind, NULL,
                                                  NULL, &tie),
                             AC_OK);
            assert_memory_equal(got, want, n);
        }
        free(r);
        free(prio);
        free(want);
        free(got);
    }
}

static ac_status run(const ac_space *s, const size_t *order, int feasible, int ties,
                     ac__dp_result *r)
{
    size_t np = s->n_parties;
    double floor[16];
    for (size_t i = 0; i < np && i < 16; i++)
        floor[i] = s->reservation[i] - AC_EPS;
    ac__dp_opts o = {.order = order, .n_order = s->n_issues, .allowed_only = feasible,
                     .floor = feasible ? floor : NULL, .track = 1, .file_ties = ties};
    ac_error err;
    return ac__dp_run(s, &o, r, &err);
}

static int same(const ac_space *s, const ac__dp_result *a, const ac__dp_result *b)
{
    size_t np = s->n_parties, ni = s->n_issues;
    return a->count == b->count &&
           (!a->count || (!memcmp(a->utility, b->utility, a->count * np * sizeof(double)) &&
                          !memcmp(a->outcome, b->outcome, a->count * ni * sizeof(uint32_t))));
}

/* Points of a run in another order come in that order's prefix order: sort both runs'
 * points by outcome (file order) before comparing. */
static const ac__dp_result *g_sort;
static size_t g_ni;

static int by_outcome(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    for (size_t k = 0; k < g_ni; k++) {
        uint32_t p = g_sort->outcome[a * g_ni + k], q = g_sort->outcome[b * g_ni + k];
        if (p != q)
            return p < q ? -1 : 1;
    }
    return 0;
}

static void sort_points(const ac_space *s, ac__dp_result *r)
{
    size_t n = r->count, np = s->n_parties, ni = s->n_issues;
    if (n < 2)
        return;
    size_t *perm = malloc(n * sizeof *perm);
    double *u = malloc(n * np * sizeof *u);
    uint32_t *o = malloc(n * ni * sizeof *o);
    assert_true(perm && u && o);
    for (size_t a = 0; a < n; a++)
        perm[a] = a;
    g_sort = r;
    g_ni = ni;
    qsort(perm, n, sizeof *perm, by_outcome);
    for (size_t a = 0; a < n; a++) {
        memcpy(u + a * np, r->utility + perm[a] * np, np * sizeof *u);
        memcpy(o + a * ni, r->outcome + perm[a] * ni, ni * sizeof *o);
    }
    memcpy(r->utility, u, n * np * sizeof *u);
    memcpy(r->outcome, o, n * ni * sizeof *o);
    free(perm);
    free(u);
    free(o);
}

static void test_order_independent(void **state)
{
    (void)state;
    rand_opts ro;
    rand_opts_default(&ro);
    ro.parties_min = 2;
    ro.parties_max = 6;
    ro.issues_min = 3;
    ro.issues_max = 9;
    ro.max_outcomes = 2e4;
    uint64_t st = 99;
    int differed = 0, models = 0;
    for (int t = 0; t < 160 / SUITE_SCALE; t++) {
        ro.grid = t % 4 == 3 ? 0 : (t % 2 ? 4 : 20);
        ac_model *m = rand_model(1000 + (uint64_t)t, &ro);
        assert_non_null(m);
        ac_space *s;
        ac_error err;
        assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
        size_t ni = s->n_issues;
        size_t *order = malloc(ni * sizeof *order);
        assert_non_null(order);
        for (int feasible = 0; feasible <= 1; feasible++) {
            ac__dp_result ref;
            assert_int_equal(run(s, NULL, feasible, 1, &ref), AC_OK);
            sort_points(s, &ref);
            for (int rep = 0; rep < 3; rep++) {
                for (size_t k = 0; k < ni; k++)
                    order[k] = k;
                for (size_t i = ni; i > 1; i--) {
                    size_t x = (size_t)(rand_next(&st) % i), sw = order[i - 1];
                    order[i - 1] = order[x];
                    order[x] = sw;
                }
                ac__dp_result got, plain;
                assert_int_equal(run(s, order, feasible, 1, &got), AC_OK);
                assert_int_equal(run(s, order, feasible, 0, &plain), AC_OK);
                sort_points(s, &got);
                sort_points(s, &plain);
                if (!same(s, &ref, &got))
                    print_error("model %d feasible %d order rep %d differs\n", t, feasible,
                                rep);
                assert_true(same(s, &ref, &got));
                differed |= !same(s, &ref, &plain);
                ac__dp_result_free(&got);
                ac__dp_result_free(&plain);
            }
            ac__dp_result_free(&ref);
        }
        free(order);
        ac_space_free(s);
        ac_model_free(m);
        models++;
    }
    /* without the tie-break some model must keep another representative (grid values
     * tie often), else this test could not catch a broken one */
    assert_true(differed);
    printf("test_dp_order: %d random models, 3 issue orders each, same points as file order\n",
           models);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_ties),
        cmocka_unit_test(test_order_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
