/* The whole analysis of a model. Chooses the method by the size of the outcome space:
 * enumeration up to opts->enumerate_limit outcomes, issue-by-issue methods beyond; both
 * give the same numbers (tests hold them to it). Owns everything it returns. */
#include "accord/analyze.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/enumerate.h"

#define DEFAULT_ENUMERATE_LIMIT 1e9

const char *ac_method_name(ac_method m)
{
    switch (m) {
    case AC_METHOD_AUTO:
        return "auto";
    case AC_METHOD_ENUMERATE:
        return "enumerate";
    case AC_METHOD_DP:
        return "dp";
    }
    return "unknown";
}

void ac_analyze_opts_init(ac_analyze_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = AC_METHOD_AUTO;
    o->agree_within = AC_AGREE_WITHIN_DEFAULT;
    o->enumerate_limit = DEFAULT_ENUMERATE_LIMIT;
    o->seed = 1;
}

void ac_analysis_free(ac_analysis *a)
{
    if (!a)
        return;
    ac_frontier_free(a->pareto);
    ac_solutions_free(&a->sol);
    free(a->plan);
    free(a->plan_utility);
    free(a->stances);
    ac_space_free(a->space);
    free(a);
}

typedef struct {
    const ac_analyze_opts *opts;
    const char *what;
} progress_ctx;

static void forward_progress(void *ctx, double fraction)
{
    progress_ctx *p = ctx;
    p->opts->progress(p->opts->progress_ctx, fraction, p->what);
}

static void report(const ac_analyze_opts *o, double fraction, const char *what)
{
    if (o->progress)
        o->progress(o->progress_ctx, fraction, what);
}

static ac_status run_enumeration(ac_analysis *a, const ac_analyze_opts *o, ac_error *err)
{
    ac_enum_result r;
    progress_ctx pc = {o, "enumerating outcomes"};
    ac_status st = ac_enumerate(a->space, o->threads, o->feasible, 0,
                                o->progress ? forward_progress : NULL, &pc, &r, err);
    if (st)
        return st;
    a->zopa.exact = 1;
    a->zopa.count = r.zopa;
    a->zopa.estimate = a->zopa.lo = a->zopa.hi = ac_u128_double(r.zopa);
    a->pareto = r.pareto;
    a->sol = r.sol;
    return AC_OK;
}

static ac_status run_dp(ac_analysis *a, const ac_analyze_opts *o, ac_error *err)
{
    report(o, 0.0, "counting the ZOPA");
    ac_status st = ac_zopa_count_dp(a->space, 0, o->seed, &a->zopa, err);
    if (st)
        return st;
    report(o, 0.4, "Pareto frontier");
    ac_frontier *feasible = NULL;
    st = ac_pareto_dp(a->space, 1, 0, &feasible, err);
    if (st)
        return st;
    if (o->feasible) {
        a->pareto = feasible;
    } else {
        report(o, 0.6, "Pareto frontier");
        st = ac_pareto_dp(a->space, 0, 0, &a->pareto, err);
    }
    report(o, 0.9, "bargaining solutions");
    if (!st)
        st = ac_solutions_compute(a->space, feasible, &a->sol, err);
    if (feasible != a->pareto)
        ac_frontier_free(feasible);
    report(o, 1.0, "done");
    return st;
}

static ac_status analyse_plan(ac_analysis *a, const ac_model *m, const ac_analyze_opts *o,
                              ac_error *err)
{
    const ac_space *s = a->space;
    size_t np = s->n_parties, ni = s->n_issues;
    a->plan = calloc(ni, sizeof *a->plan);
    a->plan_utility = calloc(np, sizeof *a->plan_utility);
    a->stances = calloc(np * ni, sizeof *a->stances);
    if (!a->plan || !a->plan_utility || !a->stances)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < ni; k++)
        a->plan[k] = (uint32_t)ac_model_plan(m, k);
    ac_space_utility(s, a->plan, a->plan_utility);
    double within = o->agree_within >= 0 ? o->agree_within : AC_AGREE_WITHIN_DEFAULT;
    for (size_t i = 0; i < np; i++)
        for (size_t k = 0; k < ni; k++)
            a->stances[i * ni + k] = ac_stance_derive(m, s->party[i], k, a->plan[k], within);
    a->progress = ac_progress_of(m, a->stances);
    a->has_plan = 1;
    return AC_OK;
}

ac_status ac_analyze(const ac_model *m, const ac_analyze_opts *opts, ac_analysis **out,
                     ac_error *err)
{
    *out = NULL;
    ac_analyze_opts o;
    if (opts)
        o = *opts;
    else
        ac_analyze_opts_init(&o);
    if (o.threads < 0)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "threads must be >= 0");
    ac_status st = ac_model_check(m, err);
    if (st)
        return st;
    ac_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if ((st = ac_space_new(m, &a->space, err))) {
        free(a);
        return st;
    }
    double limit = o.enumerate_limit > 0 ? o.enumerate_limit : DEFAULT_ENUMERATE_LIMIT;
    a->method = o.method;
    if (a->method == AC_METHOD_AUTO)
        a->method = (!a->space->outcomes_overflow && ac_u128_double(a->space->outcomes) <= limit)
                        ? AC_METHOD_ENUMERATE
                        : AC_METHOD_DP;
    if (a->method == AC_METHOD_ENUMERATE && a->space->outcomes_overflow)
        st = ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "the outcome space is too large to enumerate");
    else
        st = a->method == AC_METHOD_ENUMERATE ? run_enumeration(a, &o, err) : run_dp(a, &o, err);
    if (!st && ac_model_has_plan(m))
        st = analyse_plan(a, m, &o, err);
    if (st) {
        ac_analysis_free(a);
        return st;
    }
    *out = a;
    return AC_OK;
}
