/* The accessors of ac_space (accord/space.h) and ac_analysis (accord/analyze.h) against
 * the structs they read (the internal layout) on random models, with and without a
 * mediator, red lines and a draft, and those of ac_mediation (accord/mediate.h) on the
 * same models; a space past 2^128 outcomes; an analysis the budget
 * stopped; and every accessor given NULL or an index out of range, which must return
 * its documented value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "analysis/mediation_internal.h"
#include "randmodel.h"

static void same_double(double a, double b) { assert_memory_equal(&a, &b, sizeof a); }

static void check_space(const ac_model *m, const ac_space *s)
{
    size_t np = s->n_parties, ni = s->n_issues;
    assert_int_equal(ac_space_n_parties(s), np);
    assert_int_equal(ac_space_n_issues(s), ni);
    assert_int_equal(ni, ac_model_n_issues(m));
    for (size_t i = 0; i < np; i++) {
        assert_int_equal(ac_space_party(s, i), s->party[i]);
        assert_int_equal(ac_party_role(m, ac_space_party(s, i)), AC_ROLE_PARTY);
        same_double(ac_space_reservation(s, i), s->reservation[i]);
    }
    assert_int_equal(ac_space_party(s, np), AC_NONE);
    assert_true(isnan(ac_space_reservation(s, np)));
    for (size_t k = 0; k < ni; k++) {
        size_t no = ac_space_n_options(s, k);
        assert_int_equal(no, s->n_options[k]);
        for (size_t o = 0; o < no; o++) {
            assert_int_equal(ac_space_allowed(s, k, o), s->allowed[k][o] != 0);
            for (size_t i = 0; i < np; i++) {
                same_double(ac_space_contribution(s, k, o, i), s->contrib[k][o * np + i]);
                assert_int_equal(ac_space_red_line(s, k, o, i), s->red[k][o * np + i] != 0);
                assert_int_equal(ac_space_red_line(s, k, o, i),
                                 ac_pref_red_line(m, s->party[i], k, o) != 0);
            }
            assert_true(isnan(ac_space_contribution(s, k, o, np)));
            assert_int_equal(ac_space_red_line(s, k, o, np), 0);
        }
        assert_true(isnan(ac_space_contribution(s, k, no, 0)));
        assert_int_equal(ac_space_allowed(s, k, no), 0);
        assert_int_equal(ac_space_red_line(s, k, no, 0), 0);
    }
    assert_int_equal(ac_space_n_options(s, ni), 0);
    assert_true(isnan(ac_space_contribution(s, ni, 0, 0)));
    assert_int_equal(ac_space_allowed(s, ni, 0), 0);
    assert_int_equal(ac_space_outcomes_overflow(s), s->outcomes_overflow);
    same_double(ac_space_outcomes_log10(s), s->outcomes_log10);
    ac_u128 n = ac_space_outcomes(s);
    if (s->outcomes_overflow)
        assert_true(n.lo == 0 && n.hi == 0);
    else
        assert_true(ac__u128_in(n) == s->outcomes);

    /* utilities and acceptability of random outcomes, against their definitions */
    uint64_t r = ni * 977 + np;
    uint32_t *o = calloc(ni, sizeof *o);
    double *u = calloc(np, sizeof *u), *want = calloc(np, sizeof *want);
    assert_true(o && u && want);
    for (int t = 0; t < 20; t++) {
        int red = 0;
        for (size_t k = 0; k < ni; k++) {
            o[k] = (uint32_t)rand_int(&r, 0, (int)s->n_options[k] - 1);
            red |= !s->allowed[k][o[k]];
        }
        assert_int_equal(ac_space_utility(s, o, u), AC_OK);
        int ok = !red;
        for (size_t i = 0; i < np; i++) {
            want[i] = 0;
            for (size_t k = 0; k < ni; k++)
                want[i] += ac_space_contribution(s, k, o[k], i);
            same_double(u[i], want[i]);
            assert_true(fabs(u[i] - ac_model_utility(m, s->party[i], o)) < 1e-12);
            ok &= u[i] >= s->reservation[i] - AC_EPS;
        }
        assert_int_equal(ac_space_acceptable(s, o), ok);
    }
    /* an option out of range: refused, u untouched */
    o[ni - 1] = s->n_options[ni - 1];
    for (size_t i = 0; i < np; i++)
        u[i] = 42;
    assert_int_equal(ac_space_utility(s, o, u), AC_EARG);
    for (size_t i = 0; i < np; i++)
        assert_true(u[i] == 42);
    assert_int_equal(ac_space_acceptable(s, o), 0);
    assert_int_equal(ac_space_utility(s, NULL, u), AC_EARG);
    assert_int_equal(ac_space_utility(s, o, NULL), AC_EARG);
    assert_int_equal(ac_space_acceptable(s, NULL), 0);
    free(o);
    free(u);
    free(want);
}

static void check_analysis(const ac_analysis *a)
{
    const ac_space *s = a->space;
    assert_ptr_equal(ac_analysis_space(a), s);
    assert_int_equal(ac_analysis_method(a), a->method);
    assert_ptr_equal(ac_analysis_zopa(a), &a->zopa);
    assert_ptr_equal(ac_analysis_frontier(a), a->pareto);
    assert_ptr_equal(ac_analysis_solutions(a), &a->sol);
    assert_int_equal(ac_analysis_has_plan(a), a->has_plan != 0);
    assert_int_equal(ac_analysis_complete(a), a->complete != 0);
    assert_int_equal(ac_analysis_pareto_exact(a), a->pareto_exact != 0);
    assert_int_equal(ac_analysis_solutions_exact(a), a->solutions_exact != 0);
    assert_int_equal(ac_analysis_interrupted(a), a->interrupted != 0);
    assert_string_equal(ac_analysis_stopped(a), a->stopped);
    ac_progress p = ac_analysis_progress(a);
    if (a->has_plan) {
        assert_ptr_equal(ac_analysis_plan(a), a->plan);
        assert_ptr_equal(ac_analysis_plan_utility(a), a->plan_utility);
        assert_int_equal(p.points, a->progress.points);
        assert_int_equal(p.of, a->progress.of);
        same_double(p.weighted, a->progress.weighted);
        for (size_t i = 0; i < s->n_parties; i++)
            for (size_t k = 0; k < s->n_issues; k++)
                assert_int_equal(ac_analysis_stance(a, i, k), a->stances[i * s->n_issues + k]);
    } else {
        assert_null(ac_analysis_plan(a));
        assert_null(ac_analysis_plan_utility(a));
        assert_true(p.points == 0 && p.of == 0 && p.weighted == 0);
    }
    assert_int_equal(ac_analysis_stance(a, s->n_parties, 0), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_analysis_stance(a, 0, s->n_issues), AC_STANCE_NOT_DISCUSSED);
}

static ac_analysis *analyse(const ac_model *m, size_t max_frontier)
{
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    o.threads = 1;
    o.max_frontier = max_frontier;
    ac_analysis *a = NULL;
    assert_int_equal(ac_analyze(m, &o, &a, NULL), AC_OK);
    return a;
}

static void random_models(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        rand_opts ro;
        rand_opts_default(&ro);
        ro.mediator = (int)(seed % 2);
        ro.max_outcomes = 3000;
        ac_model *m = rand_model(seed, &ro);
        assert_non_null(m);
        if (seed % 3 == 0) /* a draft: its first option everywhere */
            for (size_t k = 0; k < ac_model_n_issues(m); k++)
                assert_int_equal(ac_model_set_plan(m, k, 0, NULL), AC_OK);
        ac_space *s = NULL;
        assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
        check_space(m, s);
        ac_space_free(s);
        ac_analysis *a = analyse(m, seed % 5 == 0 ? 2 : 0);
        check_space(m, ac_analysis_space(a));
        check_analysis(a);
        ac_analysis_free(a);
        ac_model_free(m);
    }
}

static void check_mediation(const ac_mediation *x)
{
    size_t np = x->n_parties, ni = x->n_issues;
    assert_int_equal(ac_mediation_n_parties(x), np);
    assert_int_equal(ac_mediation_n_issues(x), ni);
    assert_ptr_equal(ac_mediation_space(x), x->space);
    assert_ptr_equal(ac_mediation_draft(x), x->draft);
    assert_ptr_equal(ac_mediation_draft_utility(x), x->draft_utility);
    for (size_t i = 0; i < np; i++) {
        assert_int_equal(ac_mediation_party(x, i), x->party[i]);
        same_double(ac_mediation_progress_by_party(x, i), x->progress_by_party[i]);
        for (size_t k = 0; k < ni; k++)
            assert_int_equal(ac_mediation_stance(x, i, k), x->stances[i * ni + k]);
        double d = -1;
        const uint32_t *o = NULL;
        int found = ac_mediation_drop(x, i, &d, &o);
        assert_int_equal(found, x->zopa_empty && x->drop_found[i]);
        if (found) {
            same_double(d, x->drop[i]);
            assert_ptr_equal(o, x->drop_outcome + i * ni);
        } else {
            assert_true(d == -1 && o == NULL);
        }
    }
    assert_int_equal(ac_mediation_party(x, np), AC_NONE);
    assert_true(isnan(ac_mediation_progress_by_party(x, np)));
    assert_int_equal(ac_mediation_stance(x, np, 0), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_mediation_stance(x, 0, ni), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_mediation_drop(x, np, NULL, NULL), 0);
    ac_progress p = ac_mediation_progress(x);
    assert_true(p.points == x->progress.points && p.of == x->progress.of);
    assert_int_equal(ac_mediation_n_hard(x), x->n_hard);
    assert_int_equal(ac_mediation_n_soft(x), x->n_soft);
    for (size_t j = 0; j < x->n_hard; j++)
        assert_int_equal(ac_mediation_hard(x, j), x->hard[j]);
    for (size_t j = 0; j < x->n_soft; j++)
        assert_int_equal(ac_mediation_soft(x, j), x->soft[j]);
    assert_int_equal(ac_mediation_hard(x, x->n_hard), AC_NONE);
    assert_int_equal(ac_mediation_soft(x, x->n_soft), AC_NONE);
    assert_int_equal(ac_mediation_zopa_empty(x), x->zopa_empty != 0);
    assert_int_equal(ac_mediation_n_revisions(x), x->n_revisions);
    for (size_t j = 0; j < x->n_revisions; j++)
        assert_ptr_equal(ac_mediation_revision(x, j), &x->revisions[j]);
    assert_null(ac_mediation_revision(x, x->n_revisions));
    assert_int_equal(ac_mediation_redlines(x), x->zopa_empty ? x->redlines : AC_REDLINES_NONE);
    assert_int_equal(ac_mediation_redline_checks(x), x->redline_checks);
    assert_int_equal(ac_mediation_n_redlines(x), x->n_redlines);
    for (size_t j = 0; j < x->n_redlines; j++) {
        size_t pa, is, op;
        assert_int_equal(ac_mediation_redline(x, j, &pa, &is, &op), AC_OK);
        assert_true(pa == x->rl_party[j] && is == x->rl_issue[j] && op == x->rl_option[j]);
    }
    assert_int_equal(ac_mediation_redline(x, x->n_redlines, NULL, NULL, NULL), AC_EARG);
    assert_int_equal(ac_mediation_n_trades(x), x->n_trades);
    for (size_t j = 0; j < x->n_trades; j++)
        assert_ptr_equal(ac_mediation_trade(x, j), &x->trades[j]);
    assert_null(ac_mediation_trade(x, x->n_trades));
}

static void mediations(void **state)
{
    (void)state;
    size_t empty = 0, full = 0;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        rand_opts ro;
        rand_opts_default(&ro);
        ro.mediator = (int)(seed % 2);
        ro.max_outcomes = 2000;
        ro.reservation_max = seed % 4 ? 0.7 : 1.0; /* some with no ZOPA */
        ac_model *m = rand_model(seed, &ro);
        assert_non_null(m);
        for (size_t k = 0; k < ac_model_n_issues(m); k++)
            assert_int_equal(ac_model_set_plan(m, k, seed % ac_model_n_options(m, k), NULL), AC_OK);
        ac_mediate_opts o;
        ac_mediate_opts_init(&o);
        o.top = 1 + seed % 3;
        ac_mediation *x = NULL;
        assert_int_equal(ac_mediate(m, &o, &x, NULL), AC_OK);
        check_mediation(x);
        empty += x->zopa_empty != 0;
        full += x->zopa_empty == 0;
        ac_mediation_free(x);
        ac_model_free(m);
    }
    assert_true(empty > 0 && full > 0); /* both kinds were checked */
}

/* 40 issues of 10 options: 10^40 outcomes, past 2^128. */
static void overflowing_space(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    assert_non_null(m);
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    assert_int_equal(ac_model_set_has_preferences(m, 0, NULL), AC_OK);
    char id[16];
    for (size_t k = 0; k < 40; k++) {
        snprintf(id, sizeof id, "i%zu", k);
        assert_int_equal(ac_model_add_issue(m, id, NULL, NULL, NULL), AC_OK);
        for (size_t o = 0; o < 10; o++) {
            snprintf(id, sizeof id, "o%zu", o);
            assert_int_equal(ac_model_add_option(m, k, id, NULL, NULL, NULL), AC_OK);
            assert_int_equal(ac_model_set_value(m, 0, k, o, (double)o / 9, NULL), AC_OK);
        }
        assert_int_equal(ac_model_set_weight(m, 0, k, 1, NULL), AC_OK);
    }
    ac_space *s = NULL;
    assert_int_equal(ac_space_new(m, &s, NULL), AC_OK);
    assert_int_equal(ac_space_outcomes_overflow(s), 1);
    assert_true(fabs(ac_space_outcomes_log10(s) - 40) < 1e-9);
    ac_u128 n = ac_space_outcomes(s);
    assert_true(n.lo == 0 && n.hi == 0);
    check_space(m, s);
    ac_space_free(s);
    /* 38 issues: 10^38 < 2^128, exact, and its digits come back */
    ac_model *m2 = ac_model_new();
    assert_int_equal(ac_model_add_party(m2, "a", NULL, AC_ROLE_PARTY, NULL, NULL), AC_OK);
    for (size_t k = 0; k < 38; k++) {
        snprintf(id, sizeof id, "i%zu", k);
        assert_int_equal(ac_model_add_issue(m2, id, NULL, NULL, NULL), AC_OK);
        for (size_t o = 0; o < 10; o++) {
            snprintf(id, sizeof id, "o%zu", o);
            assert_int_equal(ac_model_add_option(m2, k, id, NULL, NULL, NULL), AC_OK);
        }
    }
    assert_int_equal(ac_space_new(m2, &s, NULL), AC_OK);
    char digits[48];
    assert_int_equal(ac_space_outcomes_overflow(s), 0);
    assert_string_equal(ac_u128_str(ac_space_outcomes(s), digits, sizeof digits),
                        "100000000000000000000000000000000000000");
    assert_true(ac_u128_double(ac_space_outcomes(s)) == 1e38);
    ac_space_free(s);
    ac_model_free(m2);
    ac_model_free(m);
}

static void u128_halves(void **state)
{
    (void)state;
    char buf[48];
    ac_u128 x = {UINT64_MAX, UINT64_MAX};
    assert_string_equal(ac_u128_str(x, buf, sizeof buf), "340282366920938463463374607431768211455");
    ac_u128 y = {5, 1};
    assert_string_equal(ac_u128_str(y, buf, sizeof buf), "18446744073709551621");
    assert_true(ac_u128_double(y) == 18446744073709551621.0);
    ac_u128 z = {0, 0};
    assert_string_equal(ac_u128_str(z, buf, sizeof buf), "0");
    assert_string_equal(ac_u128_str(x, buf, 4), "340"); /* cut to the buffer */
    for (uint64_t r = 1; r < 200; r++) {
        uint64_t q = r;
        ac__u128 v = (ac__u128)rand_next(&q) << 64 | rand_next(&q);
        assert_true(ac__u128_in(ac__u128_out(v)) == v);
    }
}

static void null_arguments(void **state)
{
    (void)state;
    assert_int_equal(ac_space_n_parties(NULL), 0);
    assert_int_equal(ac_space_n_issues(NULL), 0);
    assert_int_equal(ac_space_party(NULL, 0), AC_NONE);
    assert_int_equal(ac_space_n_options(NULL, 0), 0);
    assert_true(isnan(ac_space_contribution(NULL, 0, 0, 0)));
    assert_int_equal(ac_space_allowed(NULL, 0, 0), 0);
    assert_int_equal(ac_space_red_line(NULL, 0, 0, 0), 0);
    assert_true(isnan(ac_space_reservation(NULL, 0)));
    ac_u128 n = ac_space_outcomes(NULL);
    assert_true(n.lo == 0 && n.hi == 0);
    assert_int_equal(ac_space_outcomes_overflow(NULL), 0);
    assert_true(ac_space_outcomes_log10(NULL) == 0);
    double u = 1;
    uint32_t o = 0;
    assert_int_equal(ac_space_utility(NULL, &o, &u), AC_EARG);
    assert_int_equal(ac_space_acceptable(NULL, &o), 0);
    ac_space_free(NULL);
    assert_null(ac_analysis_space(NULL));
    assert_int_equal(ac_analysis_method(NULL), AC_METHOD_AUTO);
    assert_null(ac_analysis_zopa(NULL));
    assert_null(ac_analysis_frontier(NULL));
    assert_null(ac_analysis_solutions(NULL));
    assert_int_equal(ac_analysis_has_plan(NULL), 0);
    assert_null(ac_analysis_plan(NULL));
    assert_null(ac_analysis_plan_utility(NULL));
    assert_int_equal(ac_analysis_stance(NULL, 0, 0), AC_STANCE_NOT_DISCUSSED);
    ac_progress p = ac_analysis_progress(NULL);
    assert_true(p.points == 0 && p.of == 0);
    assert_int_equal(ac_analysis_complete(NULL), 0);
    assert_int_equal(ac_analysis_pareto_exact(NULL), 0);
    assert_int_equal(ac_analysis_solutions_exact(NULL), 0);
    assert_int_equal(ac_analysis_interrupted(NULL), 0);
    assert_string_equal(ac_analysis_stopped(NULL), "");
    ac_analysis_free(NULL);
    assert_int_equal(ac_mediation_n_parties(NULL), 0);
    assert_int_equal(ac_mediation_n_issues(NULL), 0);
    assert_int_equal(ac_mediation_party(NULL, 0), AC_NONE);
    assert_null(ac_mediation_space(NULL));
    assert_null(ac_mediation_draft(NULL));
    assert_null(ac_mediation_draft_utility(NULL));
    assert_int_equal(ac_mediation_stance(NULL, 0, 0), AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(ac_mediation_progress(NULL).of, 0);
    assert_true(isnan(ac_mediation_progress_by_party(NULL, 0)));
    assert_int_equal(ac_mediation_n_hard(NULL), 0);
    assert_int_equal(ac_mediation_hard(NULL, 0), AC_NONE);
    assert_int_equal(ac_mediation_n_soft(NULL), 0);
    assert_int_equal(ac_mediation_soft(NULL, 0), AC_NONE);
    assert_int_equal(ac_mediation_zopa_empty(NULL), 0);
    assert_int_equal(ac_mediation_n_revisions(NULL), 0);
    assert_null(ac_mediation_revision(NULL, 0));
    assert_int_equal(ac_mediation_drop(NULL, 0, NULL, NULL), 0);
    assert_int_equal(ac_mediation_redlines(NULL), AC_REDLINES_NONE);
    assert_int_equal(ac_mediation_redline_checks(NULL), 0);
    assert_int_equal(ac_mediation_n_redlines(NULL), 0);
    assert_int_equal(ac_mediation_redline(NULL, 0, NULL, NULL, NULL), AC_EARG);
    assert_int_equal(ac_mediation_n_trades(NULL), 0);
    assert_null(ac_mediation_trade(NULL, 0));
    ac_mediation_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_models),
        cmocka_unit_test(mediations),
        cmocka_unit_test(overflowing_space),
        cmocka_unit_test(u128_halves),
        cmocka_unit_test(null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
