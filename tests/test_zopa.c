/* ac_zopa_count_dp against plain enumeration (ac_space_acceptable on every outcome) on
 * about 500 seeded random models (1..5 parties, real or grid values, red lines, zero
 * weights, mediators), against the brute-force oracle on some of them, against itself
 * beyond enumeration (the count is the sum of the counts with one issue fixed), against
 * closed-form counts far beyond enumeration (binomial and multinomial models, up to 5^30
 * outcomes, counts above 2^64), the estimate path (forced by a tiny state budget and by
 * an outcome count beyond ac__u128), edge cases (everything acceptable, empty ZOPA), and
 * the internal dominance counter against a quadratic count in zero to six dimensions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/analysis/zopa_dom.h"
#include "../src/analysis/zopa_internal.h"
#include "accord/accord.h"
#include "oracle.h"
#include "randmodel.h"

/* Every outcome, odometer order: the definition applied literally through the space. */
static ac__u128 enum_count(const ac_space *s)
{
    uint32_t *o = calloc(s->n_issues, sizeof *o);
    assert_non_null(o);
    ac__u128 n = 0;
    for (;;) {
        n += (ac__u128)ac_space_acceptable(s, o);
        size_t k = s->n_issues;
        while (k > 0 && ++o[k - 1] == s->n_options[k - 1])
            o[--k] = 0;
        if (k == 0)
            break;
    }
    free(o);
    return n;
}

static void assert_u128_equal(ac__u128 a, ac__u128 b)
{
    if (a != b) {
        char x[48], y[48];
        fail_msg("%s != %s", ac__u128_str(a, x, sizeof x), ac__u128_str(b, y, sizeof y));
    }
}

static void check_exact(ac_model *m, ac__u128 want)
{
    ac_space *s = NULL;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac_zopa_count z;
    assert_int_equal(ac_zopa_count_dp(s, 0, 1, &z, NULL), AC_OK);
    assert_int_equal(z.exact, 1);
    assert_int_equal(z.samples, 0);
    assert_u128_equal(ac__u128_in(z.count), want);
    assert_true(z.estimate == ac__u128_double(want) && z.lo == z.estimate && z.hi == z.estimate);
    ac_space_free(s);
}

/* Random models against enumeration; every few, against the oracle too. */
static void run_random(const rand_opts *o, uint64_t first, uint64_t n)
{
    for (uint64_t seed = first; seed < first + n; seed++) {
        ac_model *m = rand_model(seed, o);
        assert_int_equal(ac_model_check(m, NULL), AC_OK);
        ac_space *s = NULL;
        assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
        ac__u128 want = enum_count(s);
        if (seed % 16 == 0 && ac__u128_double(s->outcomes) <= 5000) {
            oracle_result r;
            assert_int_equal(oracle_run(m, &r), 0);
            assert_u128_equal(r.zopa, want);
            oracle_free(&r);
        }
        ac_zopa_count z;
        assert_int_equal(ac_zopa_count_dp(s, 0, seed, &z, NULL), AC_OK);
        assert_int_equal(z.exact, 1);
        if (ac__u128_in(z.count) != want)
            fail_msg("seed %llu: dp %.0f, enumeration %.0f", (unsigned long long)seed,
                     ac__u128_double(ac__u128_in(z.count)), ac__u128_double(want));
        /* the join on two threads counts the same, and so does one beside other work
         * (busy takes a thread from it), which ends its progress at 1000 */
        ac_zopa_count z2;
        assert_int_equal(ac__zopa_count_budget(s, 0, seed, NULL, 2, NULL, &z2, NULL), AC_OK);
        assert_int_equal(z2.exact, 1);
        assert_u128_equal(ac__u128_in(z2.count), want);
        ac__zopa_share sh;
        ac__zopa_share_init(&sh);
        atomic_store(&sh.busy, (int)(seed % 3));
        assert_int_equal(ac__zopa_count_budget(s, 0, seed, NULL, 2, &sh, &z2, NULL), AC_OK);
        assert_u128_equal(ac__u128_in(z2.count), want);
        assert_int_equal(atomic_load(&sh.permille), 1000);
        ac_space_free(s);
        ac_model_free(m);
    }
}

static void test_random_default(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 2e4;
    run_random(&o, 1, 150);
}

static void test_random_real_values(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 1;
    o.parties_max = 5;
    o.grid = 0;
    o.reservation_max = 0.8;
    o.max_outcomes = 2e4;
    run_random(&o, 1000, 120);
}

static void test_random_fine_grid(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 1;
    o.parties_max = 3;
    o.grid = 20;
    o.issues_min = 6;
    o.issues_max = 16;
    o.options_min = 2;
    o.options_max = 4;
    o.max_outcomes = 1e5;
    o.reservation_max = 0.6;
    run_random(&o, 2000, 60);
}

static void test_random_no_red_lines(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.red_lines = 0;
    o.zero_weights = 0;
    o.mediator = 0;
    o.parties_min = 3;
    o.parties_max = 5;
    o.issues_min = 4;
    o.issues_max = 12;
    o.max_outcomes = 5e4;
    o.reservation_max = 0.55;
    run_random(&o, 3000, 60);
}

static void test_random_coarse_ties(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 1;
    o.parties_max = 4;
    o.grid = 2;
    o.reservation_max = 1.0;
    o.max_outcomes = 1e4;
    run_random(&o, 4000, 100);
}

/* Beyond enumeration, the count must agree with itself: the count of a model is the sum
 * over the options of one issue of the counts with that issue fixed (the other options
 * red-lined). Fixing an issue changes the state sets, the sides and the order in which
 * issues are taken, so this checks the whole pipeline on spaces of 4e7..5e9. */
static void test_split_consistency(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.parties_min = 2;
    o.parties_max = 4;
    o.issues_min = 16;
    o.issues_max = 20;
    o.options_min = 2;
    o.options_max = 4;
    o.grid = 20;
    o.max_outcomes = 1e11;
    o.reservation_max = 0.6;
    o.red_lines = 0;
    o.zero_weights = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        ac_model *m = rand_model(seed, &o);
        ac_space *s = NULL;
        assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
        ac_zopa_count whole;
        assert_int_equal(ac_zopa_count_dp(s, 0, 1, &whole, NULL), AC_OK);
        assert_int_equal(whole.exact, 1);
        size_t p = 0;
        while (ac_party_role(m, p) != AC_ROLE_PARTY)
            p++;
        size_t k = seed % ac_model_n_issues(m);
        ac__u128 sum = 0;
        for (size_t q = 0; q < ac_model_n_options(m, k); q++) {
            ac_model *c = ac_model_clone(m);
            assert_non_null(c);
            for (size_t x = 0; x < ac_model_n_options(m, k); x++)
                if (x != q)
                    assert_int_equal(ac_model_set_red_line(c, p, k, x, NULL), AC_OK);
            ac_space *cs = NULL;
            assert_int_equal(ac_space_new(c, &cs, NULL), AC_OK);
            ac_zopa_count part;
            assert_int_equal(ac_zopa_count_dp(cs, 0, 1, &part, NULL), AC_OK);
            assert_int_equal(part.exact, 1);
            sum += ac__u128_in(part.count);
            ac_space_free(cs);
            ac_model_free(c);
        }
        assert_u128_equal(sum, ac__u128_in(whole.count));
        assert_true(ac__u128_in(whole.count) > 0);
        ac_space_free(s);
        ac_model_free(m);
    }
}

/* A model of n issues with no options yet and np active parties (reservations 0). */
static ac_model *blank_model(size_t np, size_t ni, size_t no)
{
    ac_model *m = ac_model_new();
    char id[32];
    assert_int_equal(ac_model_add_party(m, "med", NULL, AC_ROLE_MEDIATOR, NULL, NULL), AC_OK);
    for (size_t i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%zu", i);
        assert_int_equal(ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    }
    for (size_t k = 0; k < ni; k++) {
        size_t ki;
        snprintf(id, sizeof id, "i%zu", k);
        assert_int_equal(ac_model_add_issue(m, id, NULL, &ki, NULL), AC_OK);
        for (size_t q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%zu", q);
            assert_int_equal(ac_model_add_option(m, ki, id, NULL, NULL, NULL), AC_OK);
        }
    }
    return m;
}

static ac__u128 binom(unsigned n, unsigned k)
{
    ac__u128 c = 1;
    for (unsigned j = 1; j <= k; j++)
        c = c * (n - k + j) / j;
    return c;
}

/* n issues of c options; party i (of c) gets 1 on an issue when option i is chosen,
 * every issue weighted equally: u_i = (issues decided for i) / n. Acceptable when every
 * party i gets at least need[i] issues: a sum of multinomial coefficients. */
static ac__u128 multinomial_count(unsigned n, unsigned c, const unsigned *need, unsigned at,
                                 unsigned left)
{
    if (at == c - 1)
        return left >= need[at] ? 1 : 0;
    ac__u128 total = 0;
    for (unsigned j = need[at]; j <= left; j++)
        total += binom(left, j) * multinomial_count(n, c, need, at + 1, left - j);
    (void)n;
    return total;
}

static void one_multinomial(unsigned n, unsigned c, const unsigned *need)
{
    ac_model *m = blank_model(c, n, c);
    for (unsigned i = 0; i < c; i++) {
        size_t p = 1 + i;
        for (unsigned k = 0; k < n; k++) {
            assert_int_equal(ac_model_set_weight(m, p, k, 1, NULL), AC_OK);
            for (unsigned q = 0; q < c; q++)
                assert_int_equal(ac_model_set_value(m, p, k, q, q == i ? 1.0 : 0.0, NULL), AC_OK);
        }
        assert_int_equal(ac_model_set_has_preferences(m, p, NULL), AC_OK);
        /* exactly need/n: sums land on the threshold itself, up to rounding noise */
        assert_int_equal(ac_model_set_reservation(m, p, (double)need[i] / n, NULL), AC_OK);
    }
    check_exact(m, multinomial_count(n, c, need, 0, n));
    ac_model_free(m);
}

/* Closed forms far beyond enumeration: 2^40, 3^40 > 2^64, 4^30 and 5^30 outcomes. */
static void test_closed_forms(void **state)
{
    (void)state;
    unsigned one[1] = {20};
    one_multinomial(40, 1, one); /* one option per issue: 1 outcome, need 20 of 40 */
    unsigned two[2] = {17, 19};
    one_multinomial(40, 2, two);
    unsigned three[3] = {12, 11, 13};
    one_multinomial(40, 3, three);
    unsigned four[4] = {6, 7, 5, 8};
    one_multinomial(30, 4, four);
    unsigned five[5] = {5, 6, 4, 5, 6};
    one_multinomial(30, 5, five);
    unsigned zero[3] = {0, 0, 14};
    one_multinomial(40, 3, zero);

    /* one party, binary issues: at least 20 of 40 */
    ac_model *m = blank_model(1, 40, 2);
    for (unsigned k = 0; k < 40; k++) {
        assert_int_equal(ac_model_set_weight(m, 1, k, 1, NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, 1, k, 0, 0.0, NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, 1, k, 1, 1.0, NULL), AC_OK);
    }
    assert_int_equal(ac_model_set_has_preferences(m, 1, NULL), AC_OK);
    assert_int_equal(ac_model_set_reservation(m, 1, 0.5, NULL), AC_OK);
    ac__u128 want = 0;
    for (unsigned j = 20; j <= 40; j++)
        want += binom(40, j);
    check_exact(m, want);
    /* a red line on option 1 of issue 0: that issue must be 0 -> at least 20 of 39 */
    assert_int_equal(ac_model_set_red_line(m, 1, 0, 1, NULL), AC_OK);
    want = 0;
    for (unsigned j = 20; j <= 39; j++)
        want += binom(39, j);
    check_exact(m, want);
    ac_model_free(m);
}

/* Reservations 0: everything allowed is acceptable, the count is the product of the
 * allowed options (also far beyond enumeration). */
static void test_all_acceptable(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    for (uint64_t seed = 1; seed <= 30; seed++) {
        ac_model *m = rand_model(seed, &o);
        for (size_t p = 0; p < ac_model_n_parties(m); p++)
            if (ac_party_role(m, p) == AC_ROLE_PARTY)
                assert_int_equal(ac_model_set_reservation(m, p, 0, NULL), AC_OK);
        ac_space *s = NULL;
        assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
        ac__u128 want = 1;
        for (size_t k = 0; k < s->n_issues; k++) {
            ac__u128 a = 0;
            for (uint32_t q = 0; q < s->n_options[k]; q++)
                a += s->allowed[k][q] != 0;
            want *= a;
        }
        assert_u128_equal(enum_count(s), want);
        ac_space_free(s);
        check_exact(m, want);
        ac_model_free(m);
    }
    /* 27 points x 4 options x 3 parties */
    ac_model *m = blank_model(3, 27, 4);
    for (size_t p = 1; p <= 3; p++) {
        for (size_t k = 0; k < 27; k++) {
            assert_int_equal(ac_model_set_weight(m, p, k, (double)(1 + (p + k) % 5), NULL), AC_OK);
            for (size_t q = 0; q < 4; q++) {
                double v = (double)((p * 7 + k * 3 + q * 5) % 21) / 20;
                assert_int_equal(ac_model_set_value(m, p, k, q, v, NULL), AC_OK);
            }
        }
        assert_int_equal(ac_model_set_has_preferences(m, p, NULL), AC_OK);
    }
    assert_int_equal(ac_model_set_red_line(m, 2, 5, 3, NULL), AC_OK);
    ac__u128 want = 1;
    for (int k = 0; k < 27; k++)
        want *= k == 5 ? 3 : 4;
    check_exact(m, want);
    ac_model_free(m);
}

/* Empty ZOPA: a reservation no outcome reaches; an issue with every option red-lined;
 * two parties with opposed values and demands that cannot both be met. */
static void test_empty(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    ac_model *m = rand_model(7, &o);
    size_t p = 0;
    while (ac_party_role(m, p) != AC_ROLE_PARTY)
        p++;
    assert_int_equal(ac_model_set_reservation(m, p, 1.0, NULL), AC_OK);
    ac_space *s = NULL;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    ac__u128 want = enum_count(s);
    ac_space_free(s);
    check_exact(m, want);
    assert_int_equal(ac_model_set_reservation(m, p, 0, NULL), AC_OK);
    for (size_t q = 0; q < ac_model_n_options(m, 0); q++)
        assert_int_equal(ac_model_set_red_line(m, p, 0, q, NULL), AC_OK);
    check_exact(m, 0);
    ac_model_free(m);

    m = blank_model(2, 30, 2);
    for (size_t i = 1; i <= 2; i++) {
        for (size_t k = 0; k < 30; k++) {
            assert_int_equal(ac_model_set_weight(m, i, k, 1, NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, i, k, 0, i == 1 ? 1.0 : 0.0, NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, i, k, 1, i == 1 ? 0.0 : 1.0, NULL), AC_OK);
        }
        assert_int_equal(ac_model_set_has_preferences(m, i, NULL), AC_OK);
        assert_int_equal(ac_model_set_reservation(m, i, 0.52, NULL), AC_OK);
    }
    check_exact(m, 0);
    ac_model_free(m);
}

/* A tiny state budget forces the estimate: deterministic for a seed, an interval that
 * holds the true count. A 95% interval misses one time in twenty: among seeds 1..30 it
 * misses for 9 (2.5 standard errors off) and 23 (3.1); there the test asks only for
 * less than 3.5 standard errors. Over seeds 1..300 it missed 4 times in 122. */
static void test_estimate(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.issues_min = 5;
    o.max_outcomes = 2e4;
    o.red_lines = 1;
    o.reservation_max = 0.5;
    int covered = 0, runs = 0;
    for (uint64_t seed = 1; seed <= 30; seed++) {
        ac_model *m = rand_model(seed, &o);
        ac_space *s = NULL;
        assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
        double want = ac__u128_double(enum_count(s));
        ac_zopa_count z, z2;
        /* no room at all, or room for a few steps (the budget then runs out mid-step) */
        size_t budget = seed % 2 ? 1 : 40;
        assert_int_equal(ac_zopa_count_dp(s, budget, seed, &z, NULL), AC_OK);
        if (z.exact) {
            /* the model needed few states or none (nobody constrained) */
            assert_true(ac__u128_double(ac__u128_in(z.count)) == want);
        } else {
            runs++;
            assert_true(z.samples >= 65536);
            assert_true(z.lo <= z.estimate && z.estimate <= z.hi);
            assert_true(z.lo >= 0 && z.hi <= ac__u128_double(s->outcomes));
            int in = z.lo <= want && want <= z.hi;
            covered += in;
            if (seed == 9 || seed == 23) {
                double se = (z.hi - z.lo) / 2 / 1.96;
                assert_false(in);
                assert_true(fabs(z.estimate - want) < 3.5 * se);
            } else if (!in) {
                fail_msg("seed %llu: %.0f not in [%.1f, %.1f]", (unsigned long long)seed, want,
                         z.lo, z.hi);
            }
            assert_int_equal(ac_zopa_count_dp(s, budget, seed, &z2, NULL), AC_OK);
            assert_memory_equal(&z, &z2, sizeof z);
        }
        ac_space_free(s);
        ac_model_free(m);
    }
    assert_true(runs >= 10);
    assert_int_equal(covered, runs - 2);
}

/* 130 binary issues: 2^130 outcomes overflow ac__u128, so the count is an estimate. */
static void test_overflow(void **state)
{
    (void)state;
    ac_model *m = blank_model(2, 130, 2);
    for (size_t i = 1; i <= 2; i++) {
        for (size_t k = 0; k < 130; k++) {
            assert_int_equal(ac_model_set_weight(m, i, k, 1, NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, i, k, 0, i == 1 ? 1.0 : 0.0, NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, i, k, 1, i == 1 ? 0.0 : 1.0, NULL), AC_OK);
        }
        assert_int_equal(ac_model_set_has_preferences(m, i, NULL), AC_OK);
        assert_int_equal(ac_model_set_reservation(m, i, 0.45, NULL), AC_OK);
    }
    ac_space *s = NULL;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    assert_true(s->outcomes_overflow);
    ac_zopa_count z;
    assert_int_equal(ac_zopa_count_dp(s, 0, 42, &z, NULL), AC_OK);
    assert_int_equal(z.exact, 0);
    assert_true(z.samples > 0);
    /* the share with 59..71 ones of 130 is 0.74588 */
    double total = pow(2.0, 130);
    assert_true(z.lo < 0.7459 * total && 0.7459 * total < z.hi);
    ac_space_free(s);
    ac_model_free(m);
}

static void test_bad_args(void **state)
{
    (void)state;
    ac_zopa_count z;
    ac_error e;
    assert_int_equal(ac_zopa_count_dp(NULL, 0, 0, &z, &e), AC_EARG);
    assert_int_equal(e.code, AC_EARG);
}

/* The dominance counter alone, against a quadratic count: zero to eight dimensions, many
 * ties (small integer grids: few keys, hashed) and none (real values: more distinct
 * values than the hash takes on the larger sets, sorted), -0.0 against +0.0, empty sides,
 * a single item, weights of 64 bits and more, and 1, 2 and 3 threads. */
static void test_dominance(void **state)
{
    (void)state;
    uint64_t rs = 99;
    for (int round = 0; round < 240; round++) {
        size_t d = (size_t)(round % 9);
        size_t np = (size_t)rand_int(&rs, 0, round % 5 == 0 ? 3 : 700);
        size_t nq = (size_t)rand_int(&rs, 0, round % 3 == 0 ? 40 : 600);
        int grid = round % 4 == 0 ? 0 : rand_int(&rs, 1, 6);
        double *p = malloc((np * d + 1) * sizeof *p), *q = malloc((nq * d + 1) * sizeof *q);
        ac__u128 *wp = malloc((np + 1) * sizeof *wp), *wq = malloc((nq + 1) * sizeof *wq);
        assert_true(p && q && wp && wq);
        for (size_t a = 0; a < np * d; a++)
            p[a] = grid ? (double)rand_int(&rs, 0, grid) / grid : rand_unit(&rs);
        for (size_t a = 0; a < nq * d; a++)
            q[a] = grid ? (double)rand_int(&rs, 0, grid) / grid : rand_unit(&rs);
        for (size_t a = 0; a < np * d; a++)
            if (p[a] == 0 && rand_int(&rs, 0, 1))
                p[a] = -0.0;
        /* weights that fit 64 bits, sums that do not (one pass or limbs), products past
         * 2^128 (counted modulo 2^128, like the quadratic count) */
        static const unsigned pshift[4] = {0, 70, 0, 100};
        for (size_t a = 0; a < np; a++) {
            wp[a] = (ac__u128)rand_int(&rs, 1, 9) << pshift[round % 4];
            if (round % 4 == 2)
                wp[a] += (ac__u128)1 << 63;
        }
        for (size_t b = 0; b < nq; b++)
            wq[b] = (ac__u128)rand_int(&rs, 1, 9) << (round % 3 == 2 ? 66 : 0);
        ac__u128 want = 0, got = 1;
        for (size_t a = 0; a < np; a++)
            for (size_t b = 0; b < nq; b++) {
                size_t j = 0;
                while (j < d && p[a * d + j] >= q[b * d + j])
                    j++;
                if (j == d)
                    want += wp[a] * wq[b];
            }
        /* the counter takes p, q and the weights over: a copy for each thread count */
        for (int th = 1; th <= 3; th++) {
            double *pc = malloc((np * d + 1) * sizeof *pc), *qc = malloc((nq * d + 1) * sizeof *qc);
            ac__u128 *wpc = malloc((np + 1) * sizeof *wpc), *wqc = malloc((nq + 1) * sizeof *wqc);
            assert_true(pc && qc && wpc && wqc);
            memcpy(pc, p, (np * d + 1) * sizeof *pc);
            memcpy(qc, q, (nq * d + 1) * sizeof *qc);
            memcpy(wpc, wp, (np + 1) * sizeof *wpc);
            memcpy(wqc, wq, (nq + 1) * sizeof *wqc);
            assert_int_equal(ac__dom_count(pc, wpc, np, qc, wqc, nq, d, th, NULL, &got), AC_OK);
            if (got != want)
                fail_msg("round %d (d %zu, %zu points, %zu queries, grid %d, %d threads): %.0f != "
                         "%.0f", round, d, np, nq, grid, th, ac__u128_double(got),
                         ac__u128_double(want));
        }
        free(p);
        free(q);
        free(wp);
        free(wq);
    }
}

/* One count of the counter on copies of the inputs. */
static ac__u128 dom_copy(const double *p, const ac__u128 *wp, size_t np, const double *q,
                         const ac__u128 *wq, size_t nq, size_t d, int threads)
{
    double *pc = malloc((np * d + 1) * sizeof *pc), *qc = malloc((nq * d + 1) * sizeof *qc);
    ac__u128 *wpc = malloc((np + 1) * sizeof *wpc), *wqc = malloc((nq + 1) * sizeof *wqc);
    assert_true(pc && qc && wpc && wqc);
    memcpy(pc, p, np * d * sizeof *pc);
    memcpy(qc, q, nq * d * sizeof *qc);
    memcpy(wpc, wp, np * sizeof *wpc);
    memcpy(wqc, wq, nq * sizeof *wqc);
    ac__u128 got = 0;
    assert_int_equal(ac__dom_count(pc, wpc, np, qc, wqc, nq, d, threads, NULL, &got), AC_OK);
    return got;
}

/* Sets large enough for the parallel cuts (three-coordinate problems of 2^17 items and
 * more are cut by the median of c and handed to other threads): 1, 2 and 3 threads give
 * the same count, which is also the sum of the counts of the points' two halves counted
 * apart (another cut of the work). Grid values (few keys, hashed, many met-like ties at
 * the ends) and real values (too many distinct values to hash: sorted). */
static void test_dominance_threads(void **state)
{
    (void)state;
    uint64_t rs = 7;
    for (int round = 0; round < 6; round++) {
        size_t d = 3 + (size_t)(round % 3), np = 90000, nq = 110000;
        int grid = round < 3 ? 40 : 0;
        double *p = malloc(np * d * sizeof *p), *q = malloc(nq * d * sizeof *q);
        ac__u128 *wp = malloc(np * sizeof *wp), *wq = malloc(nq * sizeof *wq);
        assert_true(p && q && wp && wq);
        for (size_t a = 0; a < np * d; a++) {
            p[a] = grid ? (double)rand_int(&rs, 0, grid) / grid : rand_unit(&rs);
            if (rand_int(&rs, 0, 9) == 0)
                p[a] = 1024; /* met */
        }
        for (size_t a = 0; a < nq * d; a++)
            q[a] = grid ? (double)rand_int(&rs, 0, grid) / grid - 0.3 : rand_unit(&rs) - 0.3;
        for (size_t a = 0; a < np; a++)
            wp[a] = (ac__u128)rand_int(&rs, 1, 1000);
        for (size_t b = 0; b < nq; b++)
            wq[b] = (ac__u128)rand_int(&rs, 1, 1000);
        ac__u128 one = dom_copy(p, wp, np, q, wq, nq, d, 1);
        assert_true(one > 0);
        for (int th = 2; th <= 3; th++)
            assert_u128_equal(dom_copy(p, wp, np, q, wq, nq, d, th), one);
        size_t h = np / 2;
        ac__u128 parts = dom_copy(p, wp, h, q, wq, nq, d, 1) +
                         dom_copy(p + h * d, wp + h, np - h, q, wq, nq, d, 2);
        assert_u128_equal(parts, one);
        free(p);
        free(q);
        free(wp);
        free(wq);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dominance),
        cmocka_unit_test(test_dominance_threads),
        cmocka_unit_test(test_random_default),
        cmocka_unit_test(test_random_real_values),
        cmocka_unit_test(test_random_fine_grid),
        cmocka_unit_test(test_random_no_red_lines),
        cmocka_unit_test(test_random_coarse_ties),
        cmocka_unit_test(test_split_consistency),
        cmocka_unit_test(test_closed_forms),
        cmocka_unit_test(test_all_acceptable),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_estimate),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
