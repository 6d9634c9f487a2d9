/* Model builder, accessors, check, clone and equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"

static ac_model *small_model(void)
{
    ac_model *m = ac_model_new();
    size_t us, ua, ru, d, a;
    assert_int_equal(ac_model_add_party(m, "us", "United States", AC_ROLE_MEDIATOR, &us, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "ua", NULL, AC_ROLE_PARTY, &ua, NULL), AC_OK);
    assert_int_equal(ac_model_add_party(m, "ru", NULL, AC_ROLE_PARTY, &ru, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "donbas", "Donbas", &d, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, d, "ukraine", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, d, "russia", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "army", NULL, &a, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, a, "none", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, a, "600k", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_add_option(m, a, "800k", NULL, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, ua, d, 3, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, ua, a, 1, NULL), AC_OK);
    assert_int_equal(ac_model_set_weight(m, ru, d, 1, NULL), AC_OK);
    double vua[2][3] = {{1, 0, 0}, {1, 0.2, 0.6}}, vru[2][3] = {{0, 1, 0}, {0, 1, 0.5}};
    for (size_t k = 0; k < 2; k++)
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            assert_int_equal(ac_model_set_value(m, ua, k, o, vua[k][o], NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, ru, k, o, vru[k][o], NULL), AC_OK);
        }
    assert_int_equal(ac_model_set_red_line(m, ua, d, 1, NULL), AC_OK);
    assert_int_equal(ac_model_set_reservation(m, ru, 0.25, NULL), AC_OK);
    return m;
}

static void test_build_and_read(void **state)
{
    (void)state;
    ac_model *m = small_model();
    ac_error err;
    assert_int_equal(ac_model_check(m, &err), AC_OK);
    assert_string_equal(ac_party_name(m, 0), "United States");
    assert_string_equal(ac_party_name(m, 1), "ua");
    assert_int_equal(ac_party_find(m, "ru"), 2);
    assert_int_equal(ac_issue_find(m, "nope"), AC_NONE);
    assert_float_equal(ac_pref_weight(m, 1, 0), 0.75, 1e-15);
    uint32_t o[2] = {0, 2};
    assert_float_equal(ac_model_utility(m, 1, o), 0.75 + 0.25 * 0.6, 1e-15);
    ac_space *s;
    assert_int_equal(ac_space_new(m, &s, &err), AC_OK);
    assert_int_equal(s->n_parties, 2);
    assert_true(s->outcomes == 6);
    assert_false(s->allowed[0][1]);
    double u[2];
    ac_space_utility(s, o, u);
    assert_float_equal(u[0], 0.9, 1e-15);
    assert_float_equal(u[1], 0.0, 1e-15);
    assert_false(ac_space_acceptable(s, o)); /* ru below 0.25 */
    ac_space_free(s);
    ac_model_free(m);
}

static void test_builder_rejects(void **state)
{
    (void)state;
    ac_model *m = small_model();
    ac_error err;
    assert_int_equal(ac_model_add_party(m, "ua", NULL, AC_ROLE_PARTY, NULL, &err), AC_EARG);
    assert_int_equal(ac_model_add_issue(m, "bad id", NULL, NULL, &err), AC_EARG);
    assert_int_equal(ac_model_set_value(m, 1, 0, 0, 1.5, &err), AC_EARG);
    assert_int_equal(ac_model_set_weight(m, 1, 0, -1, &err), AC_EARG);
    assert_int_equal(ac_model_set_reservation(m, 9, 0.1, &err), AC_EARG);
    assert_int_equal(ac_model_set_plan(m, 0, 7, &err), AC_EARG);
    assert_int_equal(ac_model_set_weight(m, 0, 0, 1, &err), AC_OK);
    assert_int_equal(ac_model_check(m, &err), AC_EINPUT); /* mediator with preferences */
    ac_model_free(m);
}

static void test_clone_equal(void **state)
{
    (void)state;
    ac_model *m = small_model();
    ac_event ev = {.at = 0.5, .party = 2, .has_reservation = 1, .reservation = 0.05, .note = "gains"};
    assert_int_equal(ac_model_add_event(m, &ev, NULL), AC_OK);
    ac_uncertainty u = {.party = 1, .kind = AC_UNC_RESERVATION, .issue = AC_NONE, .sd = 0.05};
    assert_int_equal(ac_model_add_uncertainty(m, &u, NULL), AC_OK);
    assert_int_equal(ac_model_set_plan(m, 0, 0, NULL), AC_OK);
    assert_int_equal(ac_model_set_plan(m, 1, 2, NULL), AC_OK);
    ac_model *c = ac_model_clone(m);
    assert_non_null(c);
    assert_true(ac_model_equal(m, c));
    assert_int_equal(ac_model_set_value(c, 1, 1, 1, 0.3, NULL), AC_OK);
    assert_false(ac_model_equal(m, c));
    ac_model_free(c);
    ac_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_and_read),
        cmocka_unit_test(test_builder_rejects),
        cmocka_unit_test(test_clone_equal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
