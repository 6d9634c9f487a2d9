/* The two methods of ac_analyze agree: enumeration and the issue-by-issue methods give
 * the same ZOPA count, frontier (vectors and representative outcomes) and solutions on
 * random models of 1e4 to 1e6 outcomes; and both agree with the brute-force oracle on
 * smaller ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "oracle.h"
#include "randmodel.h"

static ac_analysis *run(const ac_model *m, ac_method method, int feasible, int threads)
{
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    o.method = method;
    o.feasible = feasible;
    o.threads = threads;
    ac_analysis *a = NULL;
    ac_error err;
    ac_status st = ac_analyze(m, &o, &a, &err);
    if (st)
        fail_msg("ac_analyze (%s): %s", ac_method_name(method), err.message);
    return a;
}

static void same_solution(const ac_solution *x, const ac_solution *y, size_t np, size_t ni)
{
    assert_int_equal(x->found, y->found);
    if (!x->found)
        return;
    assert_float_equal(x->value, y->value, 1e-9);
    assert_memory_equal(x->outcome, y->outcome, ni * sizeof(uint32_t));
    for (size_t i = 0; i < np; i++)
        assert_float_equal(x->utility[i], y->utility[i], 1e-9);
}

static void same_frontier(const ac_frontier *x, const ac_frontier *y)
{
    assert_int_equal(x->count, y->count);
    size_t np = x->n_parties, ni = x->n_issues;
    for (size_t a = 0; a < x->count; a++) {
        for (size_t i = 0; i < np; i++)
            assert_float_equal(x->utility[a * np + i], y->utility[a * np + i], 1e-9);
        assert_memory_equal(x->outcome + a * ni, y->outcome + a * ni, ni * sizeof(uint32_t));
    }
}

static void compare_methods(const ac_model *m, int feasible)
{
    ac_analysis *e = run(m, AC_METHOD_ENUMERATE, feasible, 2);
    ac_analysis *d = run(m, AC_METHOD_DP, feasible, 2);
    assert_int_equal(e->method, AC_METHOD_ENUMERATE);
    assert_int_equal(d->method, AC_METHOD_DP);
    assert_true(d->zopa.exact);
    assert_true(ac__u128_in(e->zopa.count) == ac__u128_in(d->zopa.count));
    same_frontier(e->pareto, d->pareto);
    size_t np = e->space->n_parties, ni = e->space->n_issues;
    same_solution(&e->sol.nash, &d->sol.nash, np, ni);
    same_solution(&e->sol.kalai, &d->sol.kalai, np, ni);
    same_solution(&e->sol.welfare, &d->sol.welfare, np, ni);
    assert_int_equal(e->has_plan, d->has_plan);
    if (e->has_plan) {
        assert_memory_equal(e->stances, d->stances, np * ni * sizeof *e->stances);
        assert_int_equal(e->progress.points, d->progress.points);
    }
    ac_analysis_free(e);
    ac_analysis_free(d);
}

static void test_methods_agree_large(void **state)
{
    (void)state;
    rand_opts o;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        rand_opts_default(&o);
        o.issues_min = 6;
        o.issues_max = 14;
        o.max_outcomes = seed % 3 == 0 ? 1e6 : seed % 3 == 1 ? 1e5 : 1e4;
        o.parties_max = 4;
        o.grid = seed % 4 == 0 ? 0 : (seed % 4 == 1 ? 20 : 4);
        o.reservation_max = 0.6;
        ac_model *m = rand_model(seed, &o);
        compare_methods(m, (int)(seed % 2));
        ac_model_free(m);
    }
}

static void test_methods_match_oracle(void **state)
{
    (void)state;
    rand_opts o;
    for (uint64_t seed = 100; seed < 180; seed++) {
        rand_opts_default(&o);
        o.max_outcomes = 2000;
        o.grid = seed % 3 == 0 ? 0 : 4;
        ac_model *m = rand_model(seed, &o);
        oracle_result r;
        oracle_run(m, &r);
        for (int method = AC_METHOD_ENUMERATE; method <= AC_METHOD_DP; method++) {
            ac_analysis *a = run(m, (ac_method)method, 0, 1);
            assert_true(ac__u128_in(a->zopa.count) == r.zopa);
            assert_int_equal(a->pareto->count, r.all.count);
            for (size_t p = 0; p < a->pareto->count; p++) {
                long at = oracle_front_find(&r.all, r.n_parties, a->pareto->utility + p * r.n_parties);
                assert_true(at >= 0);
                assert_memory_equal(a->pareto->outcome + p * r.n_issues,
                                    r.all.outcome + (size_t)at * r.n_issues,
                                    r.n_issues * sizeof(uint32_t));
            }
            const ac_solution *mine[3] = {&a->sol.nash, &a->sol.kalai, &a->sol.welfare};
            const oracle_sol *theirs[3] = {&r.nash, &r.kalai, &r.welfare};
            for (int w = 0; w < 3; w++) {
                assert_int_equal(mine[w]->found, theirs[w]->found);
                if (mine[w]->found) {
                    assert_float_equal(mine[w]->value, theirs[w]->value, 1e-9);
                    assert_memory_equal(mine[w]->outcome, theirs[w]->outcome,
                                        r.n_issues * sizeof(uint32_t));
                }
            }
            ac_analysis_free(a);
        }
        oracle_free(&r);
        ac_model_free(m);
    }
}

static void test_thread_counts_agree(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.issues_min = 8;
    o.issues_max = 12;
    o.max_outcomes = 3e5;
    ac_model *m = rand_model(4242, &o);
    ac_analysis *a1 = run(m, AC_METHOD_ENUMERATE, 0, 1);
    ac_analysis *a3 = run(m, AC_METHOD_ENUMERATE, 0, 3);
    assert_true(ac__u128_in(a1->zopa.count) == ac__u128_in(a3->zopa.count));
    same_frontier(a1->pareto, a3->pareto);
    ac_analysis_free(a1);
    ac_analysis_free(a3);
    ac_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_methods_match_oracle),
        cmocka_unit_test(test_methods_agree_large),
        cmocka_unit_test(test_thread_counts_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
