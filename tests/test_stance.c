/* Derived stances and draft progress on a small model computed by hand.
 *
 * Parties: us (mediator), ua, ru. Issues and options (values ua / ru):
 *   donbas:    ukraine 1.0/0.0, dmz 0.55/0.5, fez 0.5/0.45, russia 0.0/1.0
 *   army:      none 1.0/0.0,    800k 0.7/0.5, 600k 0.3/1.0
 *   sanctions: lift 0.2/-,      keep 1.0/-    (ru gives sanctions no weight, no values)
 * Raw weights ua 3/1/1 -> 0.6/0.2/0.2; ru 4/1/0 -> 0.8/0.2/0.
 * Red lines: ua donbas=russia; ru army=none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "accord/model.h"
#include "accord/stance.h"

enum { US, UA, RU };
enum { DONBAS, ARMY, SANCTIONS };
enum { UKRAINE, DMZ, FEZ, RUSSIA };
enum { NONE, K800, K600 };
enum { LIFT, KEEP };

static void add_options(ac_model *m, size_t k, const char *const *ids, size_t n)
{
    for (size_t o = 0; o < n; o++)
        assert_int_equal(ac_model_add_option(m, k, ids[o], NULL, NULL, NULL), AC_OK);
}

static ac_model *hand_model(void)
{
    ac_model *m = ac_model_new();
    assert_non_null(m);
    assert_int_equal(ac_model_add_party(m, "us", NULL, AC_ROLE_MEDIATOR, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "ua", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "ru", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    static const char *const donbas[] = {"ukraine", "dmz", "fez", "russia"};
    static const char *const army[] = {"none", "800k", "600k"};
    static const char *const sanctions[] = {"lift", "keep"};
    assert_int_equal(ac_model_add_issue(m, "donbas", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "army", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "sanctions", NULL, NULL, NULL), AC_OK);
    add_options(m, DONBAS, donbas, 4);
    add_options(m, ARMY, army, 3);
    add_options(m, SANCTIONS, sanctions, 2);

    assert_int_equal(ac_model_set_weight(m, UA, DONBAS, 3, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, UA, ARMY, 1, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, UA, SANCTIONS, 1, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, RU, DONBAS, 4, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, RU, ARMY, 1, NULL), AC_OK);
    const double ua_d[] = {1.0, 0.55, 0.5, 0.0}, ru_d[] = {0.0, 0.5, 0.45, 1.0};
    const double ua_a[] = {1.0, 0.7, 0.3}, ru_a[] = {0.0, 0.5, 1.0};
    const double ua_s[] = {0.2, 1.0};
    for (size_t o = 0; o < 4; o++) {
        assert_int_equal(ac_model_set_value(m, UA, DONBAS, o, ua_d[o], NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, RU, DONBAS, o, ru_d[o], NULL), AC_OK);
    }
    for (size_t o = 0; o < 3; o++) {
        assert_int_equal(ac_model_set_value(m, UA, ARMY, o, ua_a[o], NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, RU, ARMY, o, ru_a[o], NULL), AC_OK);
    }
    for (size_t o = 0; o < 2; o++)
        assert_int_equal(ac_model_set_value(m, UA, SANCTIONS, o, ua_s[o], NULL), AC_OK);
    assert_int_equal(ac_model_set_red_line(m, UA, DONBAS, RUSSIA, NULL), AC_OK);
    assert_int_equal(ac_model_set_red_line(m, RU, ARMY, NONE, NULL), AC_OK);
    ac_error err;
    assert_int_equal(ac_model_check(m, &err), AC_OK);
    return m;
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ac_stance_name(AC_STANCE_AGREE), "agree");
    assert_string_equal(ac_stance_name(AC_STANCE_CRITICISE), "criticise");
    assert_string_equal(ac_stance_name(AC_STANCE_REJECT), "reject");
    assert_string_equal(ac_stance_name(AC_STANCE_NOT_DISCUSSED), "not-discussed");
}

static void test_derive(void **state)
{
    (void)state;
    ac_model *m = hand_model();
    const double d = AC_AGREE_WITHIN_DEFAULT;
    /* ua's best on donbas is 1.0: agree needs >= 0.9 */
    assert_int_equal(ac_stance_derive(m, UA, DONBAS, UKRAINE, d), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, UA, DONBAS, DMZ, d), AC_STANCE_CRITICISE);
    assert_int_equal(ac_stance_derive(m, UA, DONBAS, RUSSIA, d), AC_STANCE_REJECT);
    /* the red line wins even with a threshold that would let everything through */
    assert_int_equal(ac_stance_derive(m, UA, DONBAS, RUSSIA, 1.0), AC_STANCE_REJECT);
    assert_int_equal(ac_stance_derive(m, RU, ARMY, NONE, 1.0), AC_STANCE_REJECT);
    /* ru: best on donbas is russia (1.0) */
    assert_int_equal(ac_stance_derive(m, RU, DONBAS, RUSSIA, d), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, RU, DONBAS, DMZ, d), AC_STANCE_CRITICISE);
    /* an issue a party does not weigh: every option is as good as its best (0) */
    assert_int_equal(ac_stance_derive(m, RU, SANCTIONS, LIFT, d), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, RU, SANCTIONS, KEEP, d), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, UA, SANCTIONS, LIFT, d), AC_STANCE_CRITICISE);
    /* at the boundary: 0.7 >= 1.0 - 0.3 holds within the 1e-9 tolerance */
    assert_int_equal(ac_stance_derive(m, UA, ARMY, K800, 0.3), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, K800, 0.29), AC_STANCE_CRITICISE);
    assert_int_equal(ac_stance_derive(m, RU, DONBAS, FEZ, 0.55), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, RU, DONBAS, FEZ, 0.5499), AC_STANCE_CRITICISE);
    /* threshold 0: only the best option agrees; negative and NaN act as 0 */
    assert_int_equal(ac_stance_derive(m, UA, ARMY, NONE, 0), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, K800, 0), AC_STANCE_CRITICISE);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, NONE, -1), AC_STANCE_AGREE);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, K800, -1), AC_STANCE_CRITICISE);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, NONE, NAN), AC_STANCE_AGREE);
    /* no derived stance for a mediator or out-of-range indices */
    assert_int_equal(ac_stance_derive(m, US, DONBAS, UKRAINE, d), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_stance_derive(m, 3, DONBAS, UKRAINE, d), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_stance_derive(m, UA, 3, 0, d), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_stance_derive(m, UA, ARMY, 3, d), AC_STANCE_NOT_DISCUSSED);
    ac_model_free(m);
}

/* Stances of every active party on the draft, row per active party. */
static void derive_all(const ac_model *m, const size_t *plan, double within, ac_stance *out)
{
    const size_t active[] = {UA, RU};
    for (size_t a = 0; a < 2; a++)
        for (size_t k = 0; k < 3; k++)
            out[a * 3 + k] = ac_stance_derive(m, active[a], k, plan[k], within);
}

static void test_progress(void **state)
{
    (void)state;
    ac_model *m = hand_model();
    ac_stance st[6];

    /* Draft dmz / 800k / keep with a wide threshold 0.5: ua 0.55>=0.5, 0.7>=0.5, keep best;
     * ru 0.5>=0.5, 0.5>=0.5, no weight. All three agreed; weighted
     * (0.6+0.8)/2 + (0.2+0.2)/2 + (0.2+0)/2 = 0.7 + 0.2 + 0.1 = 1. */
    const size_t plan[] = {DMZ, K800, KEEP};
    derive_all(m, plan, 0.5, st);
    ac_progress p = ac_progress_of(m, st);
    assert_int_equal(p.points, 3);
    assert_int_equal(p.of, 3);
    assert_float_equal(p.weighted, 1.0, 1e-12);

    /* Default threshold: only sanctions is agreed by both -> 1 of 3, weighted 0.1. */
    derive_all(m, plan, AC_AGREE_WITHIN_DEFAULT, st);
    assert_int_equal(st[0], AC_STANCE_CRITICISE);
    assert_int_equal(st[2], AC_STANCE_AGREE);
    assert_int_equal(st[4], AC_STANCE_CRITICISE);
    assert_int_equal(st[5], AC_STANCE_AGREE);
    p = ac_progress_of(m, st);
    assert_int_equal(p.points, 1);
    assert_int_equal(p.of, 3);
    assert_float_equal(p.weighted, 0.1, 1e-12);

    /* Hand-set stances: donbas and army agreed by both -> 2 of 3, weighted 0.7 + 0.2. */
    const ac_stance hand[] = {AC_STANCE_AGREE, AC_STANCE_AGREE, AC_STANCE_CRITICISE,
                              AC_STANCE_AGREE, AC_STANCE_AGREE, AC_STANCE_AGREE};
    p = ac_progress_of(m, hand);
    assert_int_equal(p.points, 2);
    assert_float_equal(p.weighted, 0.9, 1e-12);

    /* Not discussed is not agreed; one reject is enough to lose the point. */
    const ac_stance mixed[] = {AC_STANCE_NOT_DISCUSSED, AC_STANCE_AGREE, AC_STANCE_AGREE,
                               AC_STANCE_AGREE, AC_STANCE_REJECT, AC_STANCE_AGREE};
    p = ac_progress_of(m, mixed);
    assert_int_equal(p.points, 1);
    assert_float_equal(p.weighted, 0.1, 1e-12);

    /* No stances: nothing agreed. */
    p = ac_progress_of(m, NULL);
    assert_int_equal(p.points, 0);
    assert_int_equal(p.of, 3);
    assert_true(p.weighted == 0);
    ac_model_free(m);
}

/* Progress by count and by weight can tell very different stories. */
static void test_progress_gap(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    /* ten points; the first carries 0.91 of the weight, the others 0.01 each */
    for (size_t k = 0; k < 10; k++) {
        char id[8];
        snprintf(id, sizeof id, "p%zu", k);
        assert_int_equal(ac_model_add_issue(m, id, NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_add_option(m, k, "x", NULL, NULL, NULL), AC_OK);
        assert_int_equal(ac_model_set_weight(m, 0, k, k ? 1 : 91, NULL), AC_OK);
        assert_int_equal(ac_model_set_value(m, 0, k, 0, 1.0, NULL), AC_OK);
    }
    ac_stance st[10];
    for (size_t k = 0; k < 10; k++)
        st[k] = k ? AC_STANCE_AGREE : AC_STANCE_CRITICISE;
    ac_progress p = ac_progress_of(m, st);
    assert_int_equal(p.points, 9);
    assert_int_equal(p.of, 10);
    assert_float_equal(p.weighted, 0.09, 1e-12);
    ac_model_free(m);

    /* Only a mediator at the table: nothing counts as agreed. */
    m = ac_model_new();
    assert_int_equal(ac_model_add_party(m, "us", NULL, AC_ROLE_MEDIATOR, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "p", NULL, NULL, NULL), AC_OK);
    p = ac_progress_of(m, st);
    assert_int_equal(p.points, 0);
    assert_int_equal(p.of, 1);
    ac_model_free(m);
}

/* Names are the words of the JSON and the record, and parse back. */
static void test_stance_names(void **state)
{
    (void)state;
    for (int k = AC_STANCE_AGREE; k <= AC_STANCE_NOT_DISCUSSED; k++) {
        ac_stance s = AC_STANCE_AGREE;
        assert_int_equal(ac_stance_parse(ac_stance_name((ac_stance)k), &s), AC_OK);
        assert_int_equal(s, k);
    }
    ac_stance s;
    assert_int_equal(ac_stance_parse("Agree", &s), AC_EINPUT);
    assert_int_equal(ac_stance_parse("unknown", &s), AC_EINPUT);
    assert_int_equal(ac_stance_parse(NULL, &s), AC_EARG);
    assert_string_equal(ac_stance_name(AC_STANCE_NOT_DISCUSSED), "not-discussed");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stance_names),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_derive),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_progress_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
