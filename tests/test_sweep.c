/* Monte Carlo sweeps: the same numbers for 1, 2 and 3 threads (exact, bit for bit), and
 * every statistic against an independent recount that replays each run in a plain loop
 * with ac_talks; plus the 95% intervals at hand-computed points.
 *
 * The model: parties a, b over issues x, y with options {pa, pb} (a's and b's favourite);
 * weights a 0.7/0.3, b 0.3/0.7; reservations 0.5; uncertainty on a's reservation (sd
 * 0.2), a's weight on x (0.1) and b's values on y (0.2); an event lowers b's
 * reservation by 0.1 at t = 0.5. Some runs end in a deal, some do not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/protocol.h"
#include "accord/sim.h"
#include "sim/sweep_internal.h"

static ac_model *sweep_model(void)
{
    ac_model *m = ac_model_new();
    assert_non_null(m);
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    for (size_t k = 0; k < 2; k++) {
        assert_int_equal(ac_model_add_issue(m, k ? "y" : "x", NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_add_option(m, k, "pa", NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_add_option(m, k, "pb", NULL, NULL, NULL), AC_OK);
    }
    for (size_t p = 0; p < 2; p++) {
        assert_int_equal(ac_model_set_has_preferences(m, p, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, 0, p ? 0.3 : 0.7, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, 1, p ? 0.7 : 0.3, NULL), AC_OK);
        for (size_t k = 0; k < 2; k++)
            for (size_t o = 0; o < 2; o++)
                assert_int_equal(ac_model_set_value(m, p, k, o, o == p ? 1 : 0, NULL), AC_OK);
        assert_int_equal(ac_model_set_reservation(m, p, 0.5, NULL), AC_OK);
    }
    ac_uncertainty u1 = {0, AC_UNC_RESERVATION, AC_NONE, 0.2};
    ac_uncertainty u2 = {0, AC_UNC_WEIGHT, 0, 0.1};
    ac_uncertainty u3 = {1, AC_UNC_VALUE, 1, 0.2};
    assert_int_equal(ac_model_add_uncertainty(m, &u1, NULL), AC_OK);
    assert_int_equal(ac_model_add_uncertainty(m, &u2, NULL), AC_OK);
    assert_int_equal(ac_model_add_uncertainty(m, &u3, NULL), AC_OK);
    ac_event ev = {0.5, 1, 1, -0.1, 0, NULL, NULL, NULL};
    assert_int_equal(ac_model_add_event(m, &ev, NULL), AC_OK);
    assert_int_equal(ac_model_check(m, NULL), AC_OK);
    return m;
}

static void same_for_any_thread_count(void **state)
{
    (void)state;
    ac_model *m = sweep_model();
    ac_strategy s[2];
    ac_strategy_parse("random", &s[0]);
    ac_strategy_parse("conceder", &s[1]);
    ac_sweep *r[3];
    for (int th = 1; th <= 3; th++) {
        ac_sweep_opts o;
        ac_sweep_opts_init(&o);
        o.runs = 1000; /* not a multiple of the block size */
        o.seed = 99;
        o.threads = th;
        o.talks.strategy = s;
        o.talks.rounds = 20;
        assert_int_equal(ac_sweep_run(m, &o, &r[th - 1], NULL), AC_OK);
    }
    for (int j = 1; j < 3; j++) {
        assert_int_equal(r[j]->deals, r[0]->deals);
        assert_int_equal(r[j]->rounds_sum, r[0]->rounds_sum);
        assert_memory_equal(r[j]->option_count, r[0]->option_count, 4 * sizeof(uint64_t));
        assert_memory_equal(r[j]->utility_sum, r[0]->utility_sum, 2 * sizeof(double));
        assert_memory_equal(r[j]->utility_sq, r[0]->utility_sq, 2 * sizeof(double));
        assert_memory_equal(r[j]->deal_utility_sum, r[0]->deal_utility_sum, 2 * sizeof(double));
        assert_int_equal(r[j]->n_agreements, r[0]->n_agreements);
        for (size_t q = 0; q < r[0]->n_agreements; q++) {
            assert_int_equal(r[j]->agreements[q].count, r[0]->agreements[q].count);
            assert_memory_equal(r[j]->agreements[q].outcome, r[0]->agreements[q].outcome,
                                2 * sizeof(uint32_t));
        }
    }
    /* a sweep that is neither all deals nor none */
    assert_true(r[0]->deals > 0 && r[0]->deals < 1000);
    for (int j = 0; j < 3; j++)
        ac_sweep_free(r[j]);
    ac_model_free(m);
}

static void statistics_match_recount(void **state)
{
    (void)state;
    ac_model *m = sweep_model();
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = 600;
    o.seed = 7;
    o.threads = 2;
    o.talks.protocol = AC_PROTO_ALTERNATING;
    o.talks.rounds = 30;
    ac_sweep *sw;
    assert_int_equal(ac_sweep_run(m, &o, &sw, NULL), AC_OK);

    /* the recount: every run replayed in order, tallied by hand */
    ac_talks *t;
    assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
    uint64_t deals = 0, rounds = 0, opt[4] = {0}, outcome_count[4] = {0};
    double usum[2] = {0}, usq[2] = {0}, dsum[2] = {0};
    for (uint64_t i = 0; i < o.runs; i++) {
        ac_rng r;
        ac_rng_seed(&r, o.seed, i);
        ac_talks_perturb(t, &r);
        ac_talks_result res;
        assert_int_equal(ac_talks_run(t, &o.talks, &r, NULL, NULL, &res, NULL), AC_OK);
        for (size_t p = 0; p < 2; p++) {
            double u = res.deal ? res.discounted[p] : res.reservation[p];
            usum[p] += u;
            usq[p] += u * u;
            if (res.deal)
                dsum[p] += res.utility[p];
        }
        if (res.deal) {
            deals++;
            rounds += res.round;
            opt[res.outcome[0]]++;
            opt[2 + res.outcome[1]]++;
            outcome_count[res.outcome[0] * 2 + res.outcome[1]]++;
        }
    }
    ac_talks_free(t);
    assert_int_equal(sw->runs, 600);
    assert_int_equal(sw->deals, deals);
    assert_int_equal(sw->rounds_sum, rounds);
    for (int q = 0; q < 4; q++)
        assert_int_equal(sw->option_count[q], opt[q]);
    for (int p = 0; p < 2; p++) {
        assert_true(fabs(sw->utility_sum[p] - usum[p]) < 1e-9);
        assert_true(fabs(sw->utility_sq[p] - usq[p]) < 1e-9);
        assert_true(fabs(sw->deal_utility_sum[p] - dsum[p]) < 1e-9);
    }
    /* agreements: the distinct outcomes with their counts, most frequent first */
    size_t distinct = 0;
    for (int q = 0; q < 4; q++)
        distinct += outcome_count[q] > 0;
    assert_int_equal(sw->n_agreements, distinct);
    uint64_t total = 0;
    for (size_t q = 0; q < sw->n_agreements; q++) {
        const uint32_t *x = sw->agreements[q].outcome;
        assert_int_equal(sw->agreements[q].count, outcome_count[x[0] * 2 + x[1]]);
        if (q)
            assert_true(sw->agreements[q].count <= sw->agreements[q - 1].count);
        total += sw->agreements[q].count;
    }
    assert_int_equal(total, deals);
    ac_sweep_free(sw);
    ac_model_free(m);
}

/* Shares (as MPI ranks take them) merged by hand give the whole sweep, bit for bit (the
 * oracle of ac_sweep_merge, tests/test_sweep_share.c). */
static void shares_merge_exactly(void **state)
{
    (void)state;
    ac_model *m = sweep_model();
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = 1100;
    o.seed = 5;
    o.threads = 1;
    o.talks.rounds = 15;
    ac_sweep *whole, *part[3];
    assert_int_equal(ac_sweep_run(m, &o, &whole, NULL), AC_OK);
    for (int r = 0; r < 3; r++) {
        o.rank = r;
        o.ranks = 3;
        assert_int_equal(ac_sweep_run(m, &o, &part[r], NULL), AC_OK);
    }
    ac_sweep *s = part[0];
    uint32_t keys[64 * 2];
    uint64_t counts[64];
    size_t na = 0;
    for (int r = 0; r < 3; r++) {
        if (r) {
            s->deals += part[r]->deals;
            s->rounds_sum += part[r]->rounds_sum;
            for (size_t q = 0; q < s->n_slots; q++)
                s->option_count[q] += part[r]->option_count[q];
            for (size_t q = 0; q < s->n_blocks * 3 * 2; q++)
                s->block_sums[q] += part[r]->block_sums[q];
        }
        for (size_t q = 0; q < part[r]->n_agreements; q++) {
            memcpy(&keys[na * 2], part[r]->agreements[q].outcome, 2 * sizeof(uint32_t));
            counts[na++] = part[r]->agreements[q].count;
        }
    }
    ac__sweep_finish_sums(s);
    assert_int_equal(ac__sweep_set_agreements(s, keys, counts, na, NULL), AC_OK);
    assert_int_equal(s->deals, whole->deals);
    assert_int_equal(s->rounds_sum, whole->rounds_sum);
    assert_memory_equal(s->option_count, whole->option_count, 4 * sizeof(uint64_t));
    assert_memory_equal(s->utility_sum, whole->utility_sum, 2 * sizeof(double));
    assert_memory_equal(s->utility_sq, whole->utility_sq, 2 * sizeof(double));
    assert_memory_equal(s->deal_utility_sum, whole->deal_utility_sum, 2 * sizeof(double));
    assert_int_equal(s->n_agreements, whole->n_agreements);
    for (size_t q = 0; q < s->n_agreements; q++) {
        assert_int_equal(s->agreements[q].count, whole->agreements[q].count);
        assert_memory_equal(s->agreements[q].outcome, whole->agreements[q].outcome,
                            2 * sizeof(uint32_t));
    }
    for (int r = 0; r < 3; r++)
        ac_sweep_free(part[r]);
    ac_sweep_free(whole);
    ac_model_free(m);
}

static void intervals(void **state)
{
    (void)state;
    double lo, hi, mean;
    /* Wilson, 5 of 10: 0.5 -+ 1.96*sqrt(0.025+0.0096)/1.384 -> [0.2366, 0.7634] */
    ac_wilson95(5, 10, &lo, &hi);
    assert_true(fabs(lo - 0.236593) < 1e-5 && fabs(hi - 0.763407) < 1e-5);
    ac_wilson95(0, 10, &lo, &hi);
    assert_true(lo == 0 && fabs(hi - 0.277533) < 1e-5);
    ac_wilson95(10, 10, &lo, &hi);
    assert_true(hi == 1 && fabs(lo - 0.722467) < 1e-5);
    /* mean of 1,2,3,4: 2.5, sd sqrt(5/3), half width 1.96*sqrt(5/12) */
    ac_mean95(10, 30, 4, &mean, &lo, &hi);
    assert_true(fabs(mean - 2.5) < 1e-12);
    assert_true(fabs(hi - 2.5 - 1.959963984540054 * sqrt(5.0 / 12)) < 1e-12);
    assert_true(fabs(2.5 - lo - 1.959963984540054 * sqrt(5.0 / 12)) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_for_any_thread_count),
        cmocka_unit_test(statistics_match_recount),
        cmocka_unit_test(shares_merge_exactly),
        cmocka_unit_test(intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
