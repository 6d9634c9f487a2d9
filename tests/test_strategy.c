/* Party strategies: GENIUS's time-dependent curve at points computed by hand, parsing
 * of NAME[:PARAM], and the aspiration rules of tit-for-tat, hardliner and random.
 *
 * Hand values with Pmin 0.4, Pmax 1 (k = 0): p(t) = 0.4 + 0.6 (1 - t^(1/e)).
 *   linear e=1, t=0.5: 0.7;  boulware e=0.2, t=0.5: 1 - 0.6/32 = 0.98125;
 *   conceder e=2, t=0.25: 0.4 + 0.6 * 0.5 = 0.7;  any e: t=0 -> 1, t=1 -> 0.4. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "accord/strategy.h"

static void curve_known_points(void **state)
{
    (void)state;
    assert_true(fabs(ac_strategy_curve(0.4, 1, 1, 0.5) - 0.7) < 1e-12);
    assert_true(fabs(ac_strategy_curve(0.4, 1, 0.2, 0.5) - 0.98125) < 1e-12);
    assert_true(fabs(ac_strategy_curve(0.4, 1, 2, 0.25) - 0.7) < 1e-12);
    for (double e = 0.1; e < 5; e *= 2) {
        assert_true(fabs(ac_strategy_curve(0.4, 1, e, 0) - 1) < 1e-12);
        assert_true(fabs(ac_strategy_curve(0.4, 1, e, 1) - 0.4) < 1e-12);
    }
    /* t outside [0,1] is clamped */
    assert_true(fabs(ac_strategy_curve(0.4, 1, 1, -3) - 1) < 1e-12);
    assert_true(fabs(ac_strategy_curve(0.4, 1, 1, 7) - 0.4) < 1e-12);
}

static void parse_names(void **state)
{
    (void)state;
    ac_strategy s;
    assert_int_equal(ac_strategy_parse("boulware", &s), AC_OK);
    assert_int_equal(s.kind, AC_STRAT_BOULWARE);
    assert_true(s.param == 0.2);
    assert_int_equal(ac_strategy_parse("conceder", &s), AC_OK);
    assert_true(s.param == 2);
    assert_int_equal(ac_strategy_parse("conceder:3.5", &s), AC_OK);
    assert_true(s.param == 3.5);
    assert_int_equal(ac_strategy_parse("hardliner:0.1", &s), AC_OK);
    assert_int_equal(s.kind, AC_STRAT_HARDLINER);
    assert_int_equal(ac_strategy_parse("tit-for-tat", &s), AC_OK);
    assert_int_equal(s.kind, AC_STRAT_TITFORTAT);
    assert_int_equal(ac_strategy_parse("random", &s), AC_OK);
    assert_int_equal(ac_strategy_parse("linear", &s), AC_OK);
    assert_int_equal(ac_strategy_parse("linear:2", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("random:1", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("boulware:0", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("boulware:x", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("boulware:", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("hardliner:2", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("bold", &s), AC_EINPUT);
    assert_int_equal(ac_strategy_parse("", &s), AC_EINPUT);
    char buf[32];
    ac_strategy_parse("conceder:3.5", &s);
    assert_string_equal(ac_strategy_format(&s, buf, sizeof buf), "conceder:3.5");
    ac_strategy_parse("tit-for-tat", &s);
    assert_string_equal(ac_strategy_format(&s, buf, sizeof buf), "tit-for-tat");
}

static void aspirations(void **state)
{
    (void)state;
    ac_strategy s;
    ac_strategy_input in = {0.5, 0.4, 1.0, 0.2};
    ac_strategy_parse("linear", &s);
    assert_true(fabs(ac_strategy_aspiration(&s, &in, NULL) - 0.7) < 1e-12);
    ac_strategy_parse("tit-for-tat", &s);
    assert_true(fabs(ac_strategy_aspiration(&s, &in, NULL) - 0.8) < 1e-12);
    in.opp_concession = 0.9; /* never below the reservation */
    assert_true(fabs(ac_strategy_aspiration(&s, &in, NULL) - 0.4) < 1e-12);
    ac_strategy_parse("hardliner", &s);
    assert_true(fabs(ac_strategy_aspiration(&s, &in, NULL) - 0.95) < 1e-12);
    in.t = 1;
    assert_true(fabs(ac_strategy_aspiration(&s, &in, NULL) - 0.95) < 1e-12);
    /* a best below the reservation: the reservation */
    ac_strategy_input low = {0.2, 0.6, 0.5, 0};
    ac_strategy_parse("boulware", &s);
    assert_true(fabs(ac_strategy_aspiration(&s, &low, NULL) - 0.6) < 1e-12);
    /* random: inside [Pmin, Pmax], the same for the same stream */
    ac_strategy_parse("random", &s);
    ac_rng r1, r2;
    ac_rng_seed(&r1, 42, 7);
    ac_rng_seed(&r2, 42, 7);
    for (int i = 0; i < 100; i++) {
        double a = ac_strategy_aspiration(&s, &in, &r1);
        assert_true(a >= 0.4 && a <= 1.0);
        assert_true(a == ac_strategy_aspiration(&s, &in, &r2));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(curve_known_points),
        cmocka_unit_test(parse_names),
        cmocka_unit_test(aspirations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
