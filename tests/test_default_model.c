/* The embedded default model: it loads, round-trips through the writer, has the size
 * the issue asks for, and its analysis is internally consistent — checked with facts
 * that do not come from the method under test (utilities re-evaluated from the model,
 * acceptability, mutual non-dominance, the ZOPA count split on one issue). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "oracle.h"

static ac_model *load_default(void)
{
    ac_model *m = NULL;
    ac_error err;
    if (ac_model_load_file("@default", &m, NULL, &err))
        fail_msg("@default: %s", err.message);
    return m;
}

static void test_loads_and_round_trips(void **state)
{
    (void)state;
    ac_model *m = load_default();
    assert_true(ac_model_n_issues(m) >= 20);
    assert_int_equal(ac_model_n_parties(m), 4);
    assert_int_equal(ac_party_role(m, ac_party_find(m, "us")), AC_ROLE_MEDIATOR);
    assert_true(ac_model_has_plan(m));
    assert_true(ac_model_n_events(m) > 0);
    assert_true(ac_model_n_uncertainty(m) > 0);
    for (size_t k = 0; k < ac_model_n_issues(m); k++) {
        assert_true(ac_model_n_options(m, k) >= 2);
        assert_true(ac_model_n_options(m, k) <= 5);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(ac_model_write_yaml(m, fp, NULL), AC_OK);
    fclose(fp);
    ac_model *back = NULL;
    ac_error err;
    if (ac_model_load_string(buf, len, "written", &back, NULL, &err))
        fail_msg("reloading the written model: %s", err.message);
    assert_true(ac_model_equal(m, back));
    ac_model_free(back);
    free(buf);
    ac_model_free(m);
}

static void test_analysis_consistent(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    o.feasible = 1;
    ac_analysis *a = NULL;
    ac_error err;
    if (ac_analyze(m, &o, &a, &err))
        fail_msg("analyze: %s", err.message);
    const ac_space *s = a->space;
    size_t np = s->n_parties, ni = s->n_issues;
    assert_true(s->outcomes_log10 > 12);
    assert_int_equal(a->method, AC_METHOD_DP);
    assert_true(a->zopa.exact);
    assert_true(ac__u128_in(a->zopa.count) > 0);
    assert_true(a->pareto->count > 0);
    /* every frontier point: its outcome evaluates (from the model) to its vector, is
     * acceptable, and no other point dominates it */
    double *u = malloc(np * sizeof *u);
    for (size_t p = 0; p < a->pareto->count; p++) {
        const uint32_t *out = a->pareto->outcome + p * ni;
        for (size_t i = 0; i < np; i++)
            assert_float_equal(ac_model_utility(m, s->party[i], out), a->pareto->utility[p * np + i], 1e-12);
        assert_true(ac_space_acceptable(s, out));
        for (size_t q = 0; q < a->pareto->count; q++)
            if (q % 97 == p % 97)
                assert_false(oracle_dominates(a->pareto->utility + q * np, a->pareto->utility + p * np, np));
    }
    /* the solutions are acceptable and not beaten by any frontier point on their objective */
    const ac_solution *sol[3] = {&a->sol.nash, &a->sol.kalai, &a->sol.welfare};
    for (int w = 0; w < 3; w++) {
        assert_true(sol[w]->found);
        assert_true(ac_space_acceptable(s, sol[w]->outcome));
    }
    for (size_t p = 0; p < a->pareto->count; p++) {
        const double *v = a->pareto->utility + p * np;
        double sum = 0, prod = 1;
        for (size_t i = 0; i < np; i++) {
            sum += v[i];
            prod *= fmax(0, v[i] - s->reservation[i]);
        }
        assert_true(sum <= a->sol.welfare.value + 1e-9);
        assert_true(prod <= a->sol.nash.value + 1e-9);
    }
    free(u);
    /* the ZOPA count equals the sum of the counts with the first issue fixed to each
     * option (the sub-models are counted the same way, but none of them is the whole) */
    ac__u128 total = 0;
    for (size_t opt = 0; opt < ac_model_n_options(m, 0); opt++) {
        ac_model *c = ac_model_clone(m);
        /* fixing an option = putting every other option of issue 0 on a red line */
        size_t ua = ac_party_find(c, "ua");
        for (size_t x = 0; x < ac_model_n_options(c, 0); x++)
            if (x != opt)
                assert_int_equal(ac_model_set_red_line(c, ua, 0, x, NULL), AC_OK);
        ac_space *cs;
        assert_int_equal(ac_space_new(c, &cs, NULL), AC_OK);
        ac_zopa_count z;
        assert_int_equal(ac_zopa_count_dp(cs, 0, 1, &z, NULL), AC_OK);
        assert_true(z.exact);
        total += ac__u128_in(z.count);
        ac_space_free(cs);
        ac_model_free(c);
    }
    assert_true(total == ac__u128_in(a->zopa.count));
    ac_analysis_free(a);
    ac_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loads_and_round_trips),
        cmocka_unit_test(test_analysis_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
