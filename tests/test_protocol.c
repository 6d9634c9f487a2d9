/* Simulated talks on small models built by hand.
 *
 * "trade": parties a, b; issues x, y with options {pa, pb} (the option a / b prefers,
 *   value 1 to its side, 0 to the other). Weights a 0.8/0.2, b 0.2/0.8; reservations
 *   0.3. The trade x=pa, y=pb gives (0.8, 0.8); boulware (e 0.2) asks
 *   0.3 + 0.7 (1 - t^5), which falls to 0.8 at t^5 = 2/7, t ~ 0.78: every protocol
 *   should reach the trade by the deadline, and not before round 70 or so.
 * "impossible": the same with reservations 0.9: no outcome gives both 0.9: no deal.
 * "event": one issue with one option worth a 0.5, b 1; reservations a 0.7, b 0; both
 *   linear over 10 rounds. a's aspiration is at least 0.7 > 0.5 until an event lowers
 *   its reservation by 0.3 at `at` = 0.5: at round 5 (t 0.5) a asks 0.4 + 0.1 * 0.5 =
 *   0.45 and b 0.5: the deal comes at round 5; with at = 0.55 at round 6; without the
 *   event never. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "accord/protocol.h"

static ac_model *trade_model(double ra, double rb)
{
    ac_model *m = ac_model_new();
    assert_non_null(m);
    assert_int_equal(ac_model_add_party(m, "med", NULL, AC_ROLE_MEDIATOR, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    for (size_t k = 0; k < 2; k++) {
        assert_int_equal(ac_model_add_issue(m, k ? "y" : "x", NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_add_option(m, k, "pa", NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_add_option(m, k, "pb", NULL, NULL, NULL), AC_OK);
    }
    for (size_t p = 1; p <= 2; p++) {
        assert_int_equal(ac_model_set_has_preferences(m, p, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, 0, p == 1 ? 0.8 : 0.2, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, 1, p == 1 ? 0.2 : 0.8, NULL), AC_OK);
        for (size_t k = 0; k < 2; k++)
            for (size_t o = 0; o < 2; o++)
                assert_int_equal(ac_model_set_value(m, p, k, o, o + 1 == p ? 1 : 0, NULL), AC_OK);
    }
    assert_int_equal(ac_model_set_reservation(m, 1, ra, NULL), AC_OK);
    assert_int_equal(ac_model_set_reservation(m, 2, rb, NULL), AC_OK);
    assert_int_equal(ac_model_check(m, NULL), AC_OK);
    return m;
}

static ac_model *event_model(double at)
{
    ac_model *m = ac_model_new();
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "b", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "x", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, 0, "only", NULL, NULL, NULL), AC_OK);
    for (size_t p = 0; p < 2; p++) {
        assert_int_equal(ac_model_set_has_preferences(m, p, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, 0, 1, NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, p, 0, 0, p ? 1 : 0.5, NULL), AC_OK);
    }
    assert_int_equal(ac_model_set_reservation(m, 0, 0.7, NULL), AC_OK);
    if (at >= 0) {
        ac_event ev = {at, 0, 1, -0.3, 0, NULL, NULL, "relief"};
        assert_int_equal(ac_model_add_event(m, &ev, NULL), AC_OK);
    }
    return m;
}

static ac_talks_result run(ac_talks *t, ac_protocol p, ac_variant v, const ac_strategy *s,
                           unsigned rounds, uint64_t seed)
{
    ac_talks_opts o;
    ac_talks_opts_init(&o);
    o.protocol = p;
    o.variant = v;
    o.strategy = s;
    o.rounds = rounds;
    ac_rng r;
    ac_rng_seed(&r, seed, 0);
    ac_talks_result res;
    assert_int_equal(ac_talks_run(t, &o, &r, NULL, NULL, &res, NULL), AC_OK);
    return res;
}

static void easy_deal_every_protocol(void **state)
{
    (void)state;
    ac_model *m = trade_model(0.3, 0.3);
    ac_talks *t;
    assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
    assert_int_equal(ac_talks_n_parties(t), 2);
    struct { ac_protocol p; ac_variant v; } cases[] = {
        {AC_PROTO_MEDIATED, AC_VARIANT_HILL}, {AC_PROTO_MEDIATED, AC_VARIANT_VETO},
        {AC_PROTO_MEDIATED, AC_VARIANT_ANNEAL}, {AC_PROTO_SHUTTLE, AC_VARIANT_HILL},
        {AC_PROTO_ALTERNATING, AC_VARIANT_HILL}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ac_talks_result res = run(t, cases[c].p, cases[c].v, NULL, 100, 1);
        assert_true(res.deal);
        assert_true(res.round >= 70 && res.round <= 100);
        /* the deal is acceptable: each gets at least its reservation */
        assert_true(res.utility[0] >= 0.3 && res.utility[1] >= 0.3);
        if (cases[c].v != AC_VARIANT_ANNEAL) {
            /* the trade */
            assert_int_equal(res.outcome[0], 0);
            assert_int_equal(res.outcome[1], 1);
        }
    }
    /* conceders settle sooner than boulware */
    ac_strategy s[2];
    ac_strategy_parse("conceder", &s[0]);
    ac_strategy_parse("conceder", &s[1]);
    ac_talks_result res = run(t, AC_PROTO_MEDIATED, AC_VARIANT_HILL, s, 100, 1);
    assert_true(res.deal && res.round < 70);
    ac_talks_free(t);
    ac_model_free(m);
}

static void impossible_no_deal(void **state)
{
    (void)state;
    ac_model *m = trade_model(0.9, 0.9);
    ac_talks *t;
    assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
    for (int p = 0; p < 3; p++) {
        ac_talks_result res = run(t, (ac_protocol)p, AC_VARIANT_HILL, NULL, 50, 1);
        assert_false(res.deal);
        assert_int_equal(res.round, 50);
    }
    ac_talks_free(t);
    ac_model_free(m);
}

typedef struct seen {
    unsigned fired_round;
    unsigned first_accept_a;
} seen;

static void watch(void *ctx, const ac_talks_round *r)
{
    seen *s = ctx;
    if (r->n_fired)
        s->fired_round = r->round;
    if (r->accept[0] && !s->first_accept_a)
        s->first_accept_a = r->round;
}

static void events_move_acceptance(void **state)
{
    (void)state;
    ac_strategy lin[2];
    ac_strategy_parse("linear", &lin[0]);
    ac_strategy_parse("linear", &lin[1]);
    const double at[] = {0.5, 0.55, -1};
    const unsigned want[] = {5, 6, 0};
    for (size_t c = 0; c < 3; c++) {
        ac_model *m = event_model(at[c]);
        ac_talks *t;
        assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
        for (int p = 0; p < 3; p++) {
            ac_talks_opts o;
            ac_talks_opts_init(&o);
            o.protocol = (ac_protocol)p;
            o.rounds = 10;
            o.strategy = lin;
            ac_rng r;
            ac_rng_seed(&r, 1, 0);
            seen s = {0, 0};
            ac_talks_result res;
            assert_int_equal(ac_talks_run(t, &o, &r, watch, &s, &res, NULL), AC_OK);
            if (!want[c]) {
                assert_false(res.deal);
                assert_int_equal(s.fired_round, 0);
                continue;
            }
            assert_true(res.deal);
            assert_int_equal(res.round, want[c]);
            assert_int_equal(s.fired_round, want[c]);
            assert_int_equal(s.first_accept_a, want[c]);
            assert_true(fabs(res.reservation[0] - 0.4) < 1e-12);
        }
        /* a second run starts again from the model: the event fires again */
        ac_talks_reset(t);
        ac_talks_free(t);
        ac_model_free(m);
    }
}

static void discount_applies(void **state)
{
    (void)state;
    ac_model *m = trade_model(0.3, 0.3);
    assert_int_equal(ac_model_set_discount(m, 1, 0.5, NULL), AC_OK);
    ac_talks *t;
    assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
    ac_talks_result res = run(t, AC_PROTO_MEDIATED, AC_VARIANT_HILL, NULL, 100, 1);
    if (res.deal) {
        assert_true(fabs(res.discounted[0] - res.utility[0] * pow(0.5, res.t)) < 1e-12);
        assert_true(res.discounted[1] == res.utility[1]);
        assert_true(res.discounted[0] >= 0.3 - 1e-9);
    }
    ac_talks_free(t);
    ac_model_free(m);
}

static void same_seed_same_run(void **state)
{
    (void)state;
    ac_model *m = trade_model(0.3, 0.3);
    ac_uncertainty u = {1, AC_UNC_RESERVATION, AC_NONE, 0.1};
    assert_int_equal(ac_model_add_uncertainty(m, &u, NULL), AC_OK);
    ac_uncertainty w = {2, AC_UNC_WEIGHT, 0, 0.1};
    assert_int_equal(ac_model_add_uncertainty(m, &w, NULL), AC_OK);
    ac_talks *t;
    assert_int_equal(ac_talks_new(m, &t, NULL), AC_OK);
    ac_strategy s[2];
    ac_strategy_parse("random", &s[0]);
    ac_strategy_parse("tit-for-tat", &s[1]);
    for (uint64_t seed = 0; seed < 20; seed++) {
        ac_rng r1, r2;
        ac_rng_seed(&r1, seed, 3);
        ac_rng_seed(&r2, seed, 3);
        ac_talks_opts o;
        ac_talks_opts_init(&o);
        o.variant = AC_VARIANT_ANNEAL;
        o.strategy = s;
        ac_talks_result a, b;
        ac_talks_perturb(t, &r1);
        assert_int_equal(ac_talks_run(t, &o, &r1, NULL, NULL, &a, NULL), AC_OK);
        int deal = a.deal;
        unsigned round = a.round;
        uint32_t out[2] = {a.outcome[0], a.outcome[1]};
        double ua = a.utility[0], res0 = a.reservation[0];
        ac_talks_perturb(t, &r2);
        assert_int_equal(ac_talks_run(t, &o, &r2, NULL, NULL, &b, NULL), AC_OK);
        assert_int_equal(deal, b.deal);
        assert_int_equal(round, b.round);
        assert_int_equal(out[0], b.outcome[0]);
        assert_int_equal(out[1], b.outcome[1]);
        assert_true(ua == b.utility[0] && res0 == b.reservation[0]);
    }
    /* reset restores the model's reservation */
    ac_talks_reset(t);
    ac_talks_result r0 = run(t, AC_PROTO_MEDIATED, AC_VARIANT_HILL, NULL, 10, 1);
    assert_true(r0.reservation[0] == 0.3);
    ac_talks_free(t);
    ac_model_free(m);
}

static void names(void **state)
{
    (void)state;
    ac_protocol p;
    ac_variant v;
    assert_int_equal(ac_protocol_parse("shuttle", &p), AC_OK);
    assert_int_equal(p, AC_PROTO_SHUTTLE);
    assert_int_equal(ac_protocol_parse("alternating", &p), AC_OK);
    assert_int_equal(ac_protocol_parse("saop", &p), AC_EINPUT);
    assert_int_equal(ac_variant_parse("veto", &v), AC_OK);
    assert_int_equal(v, AC_VARIANT_VETO);
    assert_int_equal(ac_variant_parse("x", &v), AC_EINPUT);
    assert_string_equal(ac_protocol_name(AC_PROTO_MEDIATED), "mediated");
    assert_string_equal(ac_variant_name(AC_VARIANT_ANNEAL), "anneal");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(easy_deal_every_protocol),
        cmocka_unit_test(impossible_no_deal),
        cmocka_unit_test(events_move_acceptance),
        cmocka_unit_test(discount_applies),
        cmocka_unit_test(same_seed_same_run),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
