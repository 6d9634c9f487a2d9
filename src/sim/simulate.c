/* One simulated talk measured against the analysis of the model as written
 * (ac_simulate; see simulate.h). The Nash distance and the Pareto check use the model's
 * utilities of the outcome, since events may have moved preferences during the talks. */
#include "accord/simulate.h"
#include "analysis/analysis_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ac_simulate_opts_init(ac_simulate_opts *o)
{
    memset(o, 0, sizeof *o);
    ac_talks_opts_init(&o->talks);
    o->seed = 1;
}

void ac_simulation_free(ac_simulation *s)
{
    if (!s)
        return;
    free(s->party);
    free(s->strategies);
    free(s->outcome);
    free(s->utility);
    free(s->discounted);
    free(s->reservation);
    free(s->model_utility);
    free(s->nash_utility);
    free(s->event_round);
    free(s);
}

typedef struct observe_ctx {
    ac_simulation *s;
    ac_talks_observer user;
    void *user_ctx;
} observe_ctx;

static void observe(void *ctx, const ac_talks_round *r)
{
    observe_ctx *c = ctx;
    for (size_t e = 0; e < r->n_fired; e++)
        c->s->event_round[r->fired[e]] = r->round;
    if (c->user)
        c->user(c->user_ctx, r);
}

static void judge(const ac_model *m, const ac_analysis *a, ac_simulation *s)
{
    size_t n = s->n_parties;
    for (size_t i = 0; i < n; i++)
        s->model_utility[i] = ac_model_utility(m, s->party[i], s->outcome);
    s->has_nash = a->sol.nash.found;
    s->nash_distance = NAN;
    if (s->has_nash) {
        double d = 0;
        for (size_t i = 0; i < n; i++) {
            s->nash_utility[i] = a->sol.nash.utility[i];
            d += (s->model_utility[i] - a->sol.nash.utility[i]) *
                 (s->model_utility[i] - a->sol.nash.utility[i]);
        }
        s->nash_distance = sqrt(d);
    }
    s->pareto_optimal = 1;
    const ac_frontier *f = a->pareto;
    for (size_t p = 0; f && p < f->count && s->pareto_optimal; p++) {
        int ge = 1, gt = 0;
        for (size_t i = 0; i < n; i++) {
            double x = f->utility[p * n + i];
            ge &= x >= s->model_utility[i] - AC_EPS;
            gt |= x > s->model_utility[i] + AC_EPS;
        }
        if (ge && gt)
            s->pareto_optimal = 0;
    }
}

ac_status ac_simulate(const ac_model *m, const ac_simulate_opts *o, const ac_analysis *a,
                      ac_simulation **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no result pointer");
    *out = NULL;
    if (!m)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no model");
    ac_simulate_opts defaults;
    if (!o) {
        ac_simulate_opts_init(&defaults);
        o = &defaults;
    }
    ac_talks *t = NULL;
    ac_analysis *own = NULL;
    ac_status st = ac_talks_new(m, &t, err);
    if (st != AC_OK)
        return st;
    if (!a) {
        ac_analyze_opts ao;
        ac_analyze_opts_init(&ao);
        st = ac_analyze(m, &ao, &own, err);
        if (st != AC_OK) {
            ac_talks_free(t);
            return st;
        }
        a = own;
    }
    size_t n = ac_talks_n_parties(t), K = ac_model_n_issues(m), E = ac_model_n_events(m);
    ac_simulation *s = calloc(1, sizeof *s);
    if (s) {
        s->n_parties = n;
        s->n_issues = K;
        s->n_events = E;
        s->party = calloc(n ? n : 1, sizeof *s->party);
        s->strategies = calloc(n ? n : 1, sizeof *s->strategies);
        s->outcome = calloc(K ? K : 1, sizeof *s->outcome);
        s->utility = calloc(n ? n : 1, sizeof *s->utility);
        s->discounted = calloc(n ? n : 1, sizeof *s->discounted);
        s->reservation = calloc(n ? n : 1, sizeof *s->reservation);
        s->model_utility = calloc(n ? n : 1, sizeof *s->model_utility);
        s->nash_utility = calloc(n ? n : 1, sizeof *s->nash_utility);
        s->event_round = calloc(E + 1, sizeof *s->event_round);
    }
    if (!s || !s->party || !s->strategies || !s->outcome || !s->utility || !s->discounted ||
        !s->reservation || !s->model_utility || !s->nash_utility || !s->event_round) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        s->party[i] = ac_talks_party(t, i);
        if (o->talks.strategy)
            s->strategies[i] = o->talks.strategy[i];
        else
            ac_strategy_default(&s->strategies[i]);
    }
    s->talks = o->talks;
    s->talks.strategy = s->strategies;
    s->seed = o->seed;
    observe_ctx c = {s, o->observer, o->observer_ctx};
    ac_rng r;
    ac_rng_seed(&r, o->seed, 0);
    ac_talks_result res;
    st = ac_talks_run(t, &s->talks, &r, observe, &c, &res, err);
    if (st != AC_OK)
        goto fail;
    s->deal = res.deal;
    s->round = res.round;
    s->t = res.t;
    memcpy(s->outcome, res.outcome, K * sizeof *s->outcome);
    memcpy(s->utility, res.utility, n * sizeof *s->utility);
    memcpy(s->discounted, res.discounted, n * sizeof *s->discounted);
    memcpy(s->reservation, res.reservation, n * sizeof *s->reservation);
    judge(m, a, s);
    ac_analysis_free(own);
    ac_talks_free(t);
    *out = s;
    return AC_OK;
fail:
    ac_simulation_free(s);
    ac_analysis_free(own);
    ac_talks_free(t);
    return st;
}
