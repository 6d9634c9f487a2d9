/* ac_enumerate and ac_enumerate_count against the brute-force oracle (tests/support) on
 * hundreds of seeded random models: 1 to 5 parties, continuous and grid values (grid
 * values make exact ties, where the tie rules are tested), red lines, zero weights,
 * mediators, reservations from "everything acceptable" to "nothing acceptable", spaces
 * of 2 to 1e5 outcomes. Checked: the exact ZOPA count; the frontier over all outcomes and
 * over the ZOPA (size, vectors, representative outcomes, canonical order); Nash, Kalai
 * and welfare (found, value, outcome, utilities); best[]; and that 1, 2, 3 threads and
 * "one per core" give byte-identical results. Also: the outcome limit, argument errors,
 * and progress reports (on the calling thread, non-decreasing, ending at 1). The k-d
 * tree and the per-chunk candidate frontier are also checked directly against brute
 * force, as their larger cases only occur in spaces too big for the oracle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "oracle.h"
#include "randmodel.h"
/* the candidate-frontier internals, tested directly below */
#include "../src/analysis/enum_internal.h"

/* Frontier against the oracle's: same vectors, same representatives, canonical order. */
static void check_front(const ac_frontier *f, const oracle_front *of, size_t np, size_t ni,
                        uint64_t seed)
{
    if (f->count != of->count)
        fail_msg("seed %llu: frontier has %zu points, oracle %zu", (unsigned long long)seed,
                 f->count, of->count);
    assert_int_equal(f->n_parties, np);
    assert_int_equal(f->n_issues, ni);
    for (size_t a = 0; a < f->count; a++) {
        long b = oracle_front_find(of, np, f->utility + a * np);
        if (b < 0)
            fail_msg("seed %llu: frontier point %zu not in the oracle's", (unsigned long long)seed, a);
        assert_memory_equal(f->outcome + a * ni, of->outcome + (size_t)b * ni,
                            ni * sizeof(uint32_t));
        /* the stored vector is the outcome's own utility, bit for bit */
        assert_memory_equal(f->utility + a * np, of->utility + (size_t)b * np, np * sizeof(double));
        if (a > 0)
            assert_true(f->utility[(a - 1) * np] >= f->utility[a * np] - AC_EPS);
    }
}

static void check_sol(const ac_solution *s, const oracle_sol *o, size_t np, size_t ni,
                      const char *what, uint64_t seed)
{
    if (s->found != o->found)
        fail_msg("seed %llu: %s found %d, oracle %d", (unsigned long long)seed, what, s->found,
                 o->found);
    if (!s->found)
        return;
    if (memcmp(s->outcome, o->outcome, ni * sizeof(uint32_t)))
        fail_msg("seed %llu: %s outcome differs from the oracle's", (unsigned long long)seed, what);
    /* same outcome, same summation order: identical numbers */
    assert_true(s->value == o->value);
    assert_memory_equal(s->utility, o->utility, np * sizeof(double));
}

/* Byte equality of two results (the thread-count invariance). */
static void check_same(const ac_enum_result *a, const ac_enum_result *b, size_t np, size_t ni)
{
    assert_true(ac__u128_in(a->zopa) == ac__u128_in(b->zopa));
    assert_int_equal(a->pareto->count, b->pareto->count);
    size_t n = a->pareto->count;
    if (n) {
        assert_memory_equal(a->pareto->utility, b->pareto->utility, n * np * sizeof(double));
        assert_memory_equal(a->pareto->outcome, b->pareto->outcome, n * ni * sizeof(uint32_t));
    }
    const ac_solution *sa[3] = {&a->sol.nash, &a->sol.kalai, &a->sol.welfare};
    const ac_solution *sb[3] = {&b->sol.nash, &b->sol.kalai, &b->sol.welfare};
    for (int j = 0; j < 3; j++) {
        assert_int_equal(sa[j]->found, sb[j]->found);
        if (!sa[j]->found)
            continue;
        assert_memory_equal(&sa[j]->value, &sb[j]->value, sizeof(double));
        assert_memory_equal(sa[j]->utility, sb[j]->utility, np * sizeof(double));
        assert_memory_equal(sa[j]->outcome, sb[j]->outcome, ni * sizeof(uint32_t));
    }
    assert_int_equal(a->sol.best != NULL, b->sol.best != NULL);
    if (a->sol.best)
        assert_memory_equal(a->sol.best, b->sol.best, np * sizeof(double));
}

/* One model: oracle, then enumeration with both frontier kinds and several thread
 * counts. */
static void one_model(uint64_t seed, const rand_opts *ro, int thread_variants)
{
    ac_model *m = rand_model(seed, ro);
    assert_non_null(m);
    ac_error err;
    assert_int_equal(ac_model_check(m, &err), AC_OK);
    ac_space *s = NULL;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    oracle_result o;
    assert_int_equal(oracle_run(m, &o), 0);
    size_t np = s->n_parties, ni = s->n_issues;
    assert_int_equal(np, o.n_parties);

    ac_u128 z = {0, 0};
    assert_int_equal(ac_enumerate_count(s, 1, &z, &err), AC_OK);
    if (ac__u128_in(z) != o.zopa)
        fail_msg("seed %llu: count %llu, oracle %llu", (unsigned long long)seed,
                 (unsigned long long)z.lo, (unsigned long long)o.zopa);
    assert_int_equal(ac_enumerate_count(s, 2, &z, &err), AC_OK);
    assert_true(ac__u128_in(z) == o.zopa);

    for (int feasible = 0; feasible <= 1; feasible++) {
        ac_enum_result r;
        assert_int_equal(ac_enumerate(s, 1, feasible, 0, NULL, NULL, &r, &err), AC_OK);
        assert_true(ac__u128_in(r.zopa) == o.zopa);
        check_front(r.pareto, feasible ? &o.feasible : &o.all, np, ni, seed);
        check_sol(&r.sol.nash, &o.nash, np, ni, "nash", seed);
        check_sol(&r.sol.kalai, &o.kalai, np, ni, "kalai", seed);
        check_sol(&r.sol.welfare, &o.welfare, np, ni, "welfare", seed);
        if (o.best) {
            assert_non_null(r.sol.best);
            assert_memory_equal(r.sol.best, o.best, np * sizeof(double));
        } else {
            assert_null(r.sol.best);
        }
        static const int variants[] = {2, 3, 0};
        for (int v = 0; v < thread_variants && v < 3; v++) {
            ac_enum_result r2;
            assert_int_equal(ac_enumerate(s, variants[v], feasible, 0, NULL, NULL, &r2, &err),
                             AC_OK);
            check_same(&r, &r2, np, ni);
            ac_enum_result_free(&r2);
        }
        ac_enum_result_free(&r);
    }
    oracle_free(&o);
    ac_space_free(s);
    ac_model_free(m);
}

/* Assorted option sets, picked by seed. */
static void opts_for(uint64_t seed, rand_opts *ro)
{
    uint64_t st = seed * 7 + 3;
    rand_opts_default(ro);
    static const double sizes[] = {10, 100, 1000, 3000, 10000};
    static const int grids[] = {0, 4, 20, 1};
    static const double res[] = {0.0, 0.4, 0.7, 0.9, 1.0};
    ro->max_outcomes = sizes[rand_int(&st, 0, 4)];
    ro->grid = grids[rand_int(&st, 0, 3)];
    ro->reservation_max = res[rand_int(&st, 0, 4)];
    ro->parties_min = 2;
    ro->parties_max = 4;
    ro->issues_min = 1;
    ro->issues_max = 9;
    ro->options_min = rand_int(&st, 0, 3) == 0 ? 1 : 2;
    ro->options_max = rand_int(&st, 0, 1) ? 5 : 10;
    ro->red_lines = rand_int(&st, 0, 3) != 0;
    ro->zero_weights = rand_int(&st, 0, 1);
    ro->mediator = 1;
}

static void test_random_small(void **state)
{
    (void)state;
    rand_opts ro;
    for (uint64_t seed = 1; seed <= 400; seed++) {
        opts_for(seed, &ro);
        one_model(seed, &ro, seed % 4 == 0 ? 3 : 1);
    }
}

/* One party (a single-coordinate frontier) and five (the generic kernels). */
static void test_other_party_counts(void **state)
{
    (void)state;
    rand_opts ro;
    for (uint64_t seed = 1000; seed < 1060; seed++) {
        opts_for(seed, &ro);
        ro.parties_min = ro.parties_max = seed % 2 ? 1 : 5;
        one_model(seed, &ro, 1);
    }
}

static void test_random_large(void **state)
{
    (void)state;
    rand_opts ro;
    for (uint64_t seed = 2000; seed < 2006; seed++) {
        opts_for(seed, &ro);
        ro.max_outcomes = 1e5;
        ro.options_min = 3;
        ro.options_max = 8;
        ro.issues_min = 5;
        one_model(seed, &ro, 1);
    }
}

static void test_limit_and_args(void **state)
{
    (void)state;
    rand_opts ro;
    rand_opts_default(&ro);
    ro.max_outcomes = 1000;
    ac_model *m = rand_model(7, &ro);
    ac_space *s = NULL;
    ac_error err;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    ac_enum_result r;
    double n = ac__u128_double(s->outcomes);
    assert_int_equal(ac_enumerate(s, 1, 0, n - 1, NULL, NULL, &r, &err), AC_ELIMIT);
    assert_int_equal(err.code, AC_ELIMIT);
    assert_non_null(strstr(err.message, "limit"));
    assert_null(r.pareto);
    assert_int_equal(ac_enumerate(s, 1, 0, n, NULL, NULL, &r, &err), AC_OK);
    ac_enum_result_free(&r);
    assert_int_equal(ac_enumerate(s, -1, 0, 0, NULL, NULL, &r, &err), AC_EARG);
    ac_u128 z;
    assert_int_equal(ac_enumerate_count(s, -2, &z, &err), AC_EARG);
    ac_space_free(s);
    ac_model_free(m);
}

typedef struct {
    pthread_t caller;
    int calls, wrong_thread, backwards;
    double last;
} progress_log;

static void on_progress(void *ctx, double f)
{
    progress_log *p = ctx;
    if (!pthread_equal(pthread_self(), p->caller))
        p->wrong_thread = 1;
    if (f < p->last || f < 0 || f > 1)
        p->backwards = 1;
    p->last = f;
    p->calls++;
}

static void test_progress(void **state)
{
    (void)state;
    rand_opts ro;
    rand_opts_default(&ro);
    ro.max_outcomes = 1e5;
    ro.issues_min = 8;
    ac_model *m = rand_model(11, &ro);
    ac_space *s = NULL;
    ac_error err;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    progress_log p = {.caller = pthread_self()};
    ac_enum_result r;
    assert_int_equal(ac_enumerate(s, 2, 0, 0, on_progress, &p, &r, &err), AC_OK);
    assert_true(p.calls >= 1);
    assert_false(p.wrong_thread);
    assert_false(p.backwards);
    assert_true(p.last == 1.0);
    ac_enum_result_free(&r);
    ac_space_free(s);
    ac_model_free(m);
}

/* ------------------------------------------------------------ internals, directly */

static int weak_cover(const double *y, const double *x, size_t d)
{
    for (size_t i = 0; i < d; i++)
        if (y[i] < x[i] - AC_EPS)
            return 0;
    return 1;
}

static int strict_dom(const double *y, const double *x, size_t d)
{
    if (!weak_cover(y, x, d))
        return 0;
    for (size_t i = 0; i < d; i++)
        if (y[i] > x[i] + AC_EPS)
            return 1;
    return 0;
}

/* A random point: continuous, or on a coarse grid (exact ties), and on a "budget"
 * (coordinates summing to about 1), so many points are mutually non-dominated. */
static void rand_point(uint64_t *st, double *x, size_t d, int grid)
{
    double sum = 0;
    for (size_t i = 0; i < d; i++) {
        x[i] = grid ? (double)rand_int(st, 0, grid) / grid : rand_unit(st);
        sum += x[i];
    }
    double scale = 0.5 + 0.5 * rand_unit(st);
    for (size_t i = 0; i < d && sum > 0; i++)
        if (!grid)
            x[i] = x[i] / sum * scale;
}

/* Keeps the points no other point strictly dominates (the shape of a seed). */
static size_t keep_front(double *u, size_t n, size_t d)
{
    size_t m = 0;
    for (size_t a = 0; a < n; a++) {
        int dom = 0;
        for (size_t b = 0; b < n && !dom; b++)
            dom = b != a && strict_dom(u + b * d, u + a * d, d);
        if (!dom)
            memmove(u + m++ * d, u + a * d, d * sizeof *u);
    }
    return m;
}

static void test_kd_tree_and_front(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 48; seed++) {
        uint64_t st = seed * 977;
        size_t d = 2 + seed % 4, ns = (size_t)rand_int(&st, 0, 400), nq = 1500;
        int grid = seed % 3 == 0 ? 6 : 0;
        double *su = malloc((ns + 1) * d * sizeof *su), x[8];
        for (size_t a = 0; a < ns; a++)
            rand_point(&st, su + a * d, d, grid);
        if (d == 2) /* the two-party search expects a frontier (a staircase) */
            ns = keep_front(su, ns, d);
        ac__ekd S;
        memset(&S, 0, sizeof S);
        assert_true(ac__ekd_build(&S, su, ns, d));
        ac__efront F;
        assert_true(ac__efront_init(&F, d, 1));
        ac__efront_reset(&F, &S);
        double *added = malloc(nq * d * sizeof *added);
        size_t na = 0;
        for (size_t q = 0; q < nq; q++) {
            rand_point(&st, x, d, grid);
            /* the tree alone, both kinds of query */
            int weak = 0, strict = 0;
            for (size_t a = 0; a < ns; a++) {
                weak |= weak_cover(su + a * d, x, d);
                strict |= strict_dom(su + a * d, x, d);
            }
            const double *y = ac__ekd_find(&S, x, 1);
            if (y)
                assert_true(strict_dom(y, x, d));
            else if (d > 2)
                assert_false(strict);
            y = ac__ekd_find(&S, x, 0);
            if (y)
                assert_true(weak_cover(y, x, d));
            else if (d > 2)
                assert_false(weak);
            /* the front: sound always, complete beyond two parties */
            int expect = strict;
            for (size_t a = 0; a < na && !expect; a++)
                expect = weak_cover(added + a * d, x, d);
            int got = ac__efront_rejects(&F, x);
            if (got && !expect)
                fail_msg("seed %llu: unsound rejection", (unsigned long long)seed);
            if (d > 2)
                assert_int_equal(got, expect);
            if (!got) {
                uint32_t o = (uint32_t)q;
                assert_true(ac__efront_add(&F, x, &o));
                memcpy(added + na++ * d, x, d * sizeof *x);
            }
        }
        /* at the end, exactly the added points no added point dominates remain (two
         * parties drop them as they go) */
        assert_true(ac__efront_finish(&F));
        size_t expect = 0;
        for (size_t a = 0; a < na; a++) {
            int dom = 0;
            for (size_t b = 0; b < na && !dom; b++)
                dom = b != a && strict_dom(added + b * d, added + a * d, d);
            if (dom)
                continue;
            expect++;
            size_t j = 0;
            while (j < F.n && memcmp(F.u + j * d, added + a * d, d * sizeof(double)))
                j++;
            assert_true(j < F.n);
        }
        assert_int_equal(F.n, expect);
        free(added);
        free(su);
        ac__efront_free(&F);
        ac__ekd_free(&S);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_small),   cmocka_unit_test(test_other_party_counts),
        cmocka_unit_test(test_random_large),   cmocka_unit_test(test_limit_and_args),
        cmocka_unit_test(test_progress),     cmocka_unit_test(test_kd_tree_and_front),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
