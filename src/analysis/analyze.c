/* The whole analysis of a model. Chooses the method from a cost estimate (see
 * trial_cap): enumeration or issue-by-issue methods; both give the same numbers (tests
 * hold them to it). Runs under the caller's budget: at a limit the part being computed
 * stops, what depends on it is skipped, and a->stopped says what. Owns everything it
 * returns. */
#include "accord/analyze.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord/enumerate.h"
#include "analysis/analysis_internal.h"
#include "analysis/bnb.h"
#include "analysis/budget.h"
#include "analysis/dp_frontier.h"
#include "analysis/enum_internal.h"
#include "analysis/solutions_internal.h"
#include "analysis/zopa_internal.h"

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

const char *ac_solved_by_name(ac_solved_by m)
{
    switch (m) {
    case AC_SOLVED_NONE:
        return "none";
    case AC_SOLVED_ENUMERATE:
        return "enumerate";
    case AC_SOLVED_FRONTIER:
        return "frontier";
    case AC_SOLVED_BNB:
        return "branch-and-bound";
    }
    return "unknown";
}

ac_solved_by ac_analysis_solved_by(const ac_analysis *a) { return a ? a->solved_by : AC_SOLVED_NONE; }

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
    double base, scale; /* the phase's share of the bar */
} progress_ctx;

static void forward_progress(void *ctx, double fraction)
{
    progress_ctx *p = ctx;
    p->opts->progress(p->opts->progress_ctx, p->base + p->scale * fraction, p->what);
}

static void forward_layer(void *ctx, size_t layer, size_t of)
{
    forward_progress(ctx, of ? (double)layer / (double)of : 1.0);
}

static void report(const ac_analyze_opts *o, double fraction, const char *what)
{
    if (o->progress)
        o->progress(o->progress_ctx, fraction, what);
}

/* Appends one sentence to a->stopped and marks the analysis incomplete. */
static void note(ac_analysis *a, ac__stop why, const char *text)
{
    size_t len = strlen(a->stopped);
    snprintf(a->stopped + len, sizeof a->stopped - len, "%s%s", len ? "; " : "", text);
    a->complete = 0;
    if (why == AC__STOP_CANCEL)
        a->interrupted = 1;
}

static ac_status run_enumeration(ac_analysis *a, const ac_analyze_opts *o,
                                 const ac__budget *b, ac_error *err)
{
    ac_enum_result r;
    progress_ctx pc = {o, "enumerating outcomes", 0, 1};
    ac_status st = ac__enumerate_budget(a->space, o->threads, o->feasible, 0,
                                        o->progress ? forward_progress : NULL, &pc, b, &r, err);
    if (st == AC_ELIMIT) {
        /* enumeration computes everything at once: nothing is left but the draft */
        char msg[700];
        snprintf(msg, sizeof msg, "%s: nothing was computed (the ZOPA count, the frontier "
                                  "and the solutions come from one pass)", err->message);
        note(a, b->cancel && *b->cancel ? AC__STOP_CANCEL : AC__STOP_TIME, msg);
        a->zopa.exact = 0;
        a->pareto_exact = a->solutions_exact = 0;
        a->pareto = calloc(1, sizeof *a->pareto);
        if (!a->pareto)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        a->pareto->n_parties = a->space->n_parties;
        a->pareto->n_issues = a->space->n_issues;
        return AC_OK;
    }
    if (st)
        return st;
    a->zopa.exact = 1;
    a->zopa.count = r.zopa;
    a->zopa.estimate = a->zopa.lo = a->zopa.hi = ac_u128_double(r.zopa);
    a->pareto = r.pareto;
    a->sol = r.sol;
    a->solved_by = AC_SOLVED_ENUMERATE;
    return AC_OK;
}

/* One frontier under the budget; at a limit, an empty frontier and a note (none when
 * quiet: the frontier was only a means to the solutions, which may still come another
 * way). Returns AC_ELIMIT only for the trial limit of the method choice (trial != 0). */
static ac_status frontier(ac_analysis *a, const ac_analyze_opts *o, const ac__budget *b,
                          int feasible, size_t trial, double base, int quiet,
                          ac_frontier **out, int *done, ac_error *err)
{
    progress_ctx pc = {o, feasible ? "frontier over the ZOPA" : "Pareto frontier", base, 0.3};
    ac__stop why = AC__GO;
    ac_status st = ac__pareto_dp_budget(a->space, feasible, trial, b, &why,
                                        o->progress ? forward_layer : NULL, &pc, out, err);
    *done = st == AC_OK;
    if (st != AC_ELIMIT)
        return st;
    if (trial && why == AC__GO)
        return AC_ELIMIT; /* the trial's own cap, not the user's */
    if (!quiet) {
        char msg[700];
        const char *why_text = err->message;
        if (!strncmp(why_text, "Pareto frontier: ", 17))
            why_text += 17;
        snprintf(msg, sizeof msg, "the frontier %s: %s; not computed",
                 feasible ? "over the ZOPA" : "over all outcomes", why_text);
        note(a, why, msg);
    }
    ac_error_clear(err);
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    (*out)->n_parties = a->space->n_parties;
    (*out)->n_issues = a->space->n_issues;
    return AC_OK;
}

/* The ZOPA count needs nothing from the frontiers: with a second core it runs beside
 * them, on its own thread (it reports no progress; the frontiers do). */
typedef struct {
    const ac_space *s;
    uint64_t seed;
    const ac__budget *b;
    int threads;
    ac__zopa_share share;
    int sync;           /* mu and cv initialised */
    pthread_mutex_t mu; /* guards finished, for the waiting bar */
    pthread_cond_t cv;
    int finished;
    ac_zopa_count out;
    ac_error err;
    ac_status st;
} zopa_job;

static void *zopa_thread(void *arg)
{
    zopa_job *j = arg;
    ac_error_clear(&j->err);
    j->st = ac__zopa_count_budget(j->s, 0, j->seed, j->b, j->threads, &j->share, &j->out,
                                  &j->err);
    if (j->sync) {
        pthread_mutex_lock(&j->mu);
        j->finished = 1;
        pthread_cond_signal(&j->cv);
        pthread_mutex_unlock(&j->mu);
    }
    return NULL;
}

/* Waits for the count beside, showing its progress (a tenth of a second between draws,
 * and no later than the count's end). */
static void zopa_wait(const ac_analyze_opts *o, zopa_job *j)
{
    pthread_mutex_lock(&j->mu);
    while (!j->finished) {
        report(o, atomic_load(&j->share.permille) / 1000.0, "counting the ZOPA");
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&j->cv, &j->mu, &until);
    }
    pthread_mutex_unlock(&j->mu);
}

static int cores(const ac_analyze_opts *o)
{
    if (o->threads > 0)
        return o->threads;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static ac_status zopa_finish(ac_analysis *a, const ac__budget *b, zopa_job *j, ac_error *err)
{
    if (j->st) {
        if (err)
            *err = j->err;
        return j->st;
    }
    a->zopa = j->out;
    if (ac__budget_check(b) == AC__STOP_CANCEL && !a->zopa.exact)
        note(a, AC__STOP_CANCEL, "interrupted while counting the ZOPA: the count is an "
                                 "estimate");
    return AC_OK;
}

static ac_status run_frontiers(ac_analysis *a, const ac_analyze_opts *o, const ac__budget *b,
                               size_t trial, ac_error *err);

static ac_status run_dp(ac_analysis *a, const ac_analyze_opts *o, const ac__budget *b,
                        size_t trial, ac_error *err)
{
    report(o, 0.0, "counting the ZOPA");
    zopa_job zj = {.s = a->space, .seed = o->seed, .b = b, .threads = cores(o)};
    ac__zopa_share_init(&zj.share);
    /* the frontiers below take one core while they run */
    atomic_store(&zj.share.busy, 1);
    pthread_t zt;
    zj.sync = !pthread_mutex_init(&zj.mu, NULL);
    if (zj.sync && pthread_cond_init(&zj.cv, NULL)) {
        pthread_mutex_destroy(&zj.mu);
        zj.sync = 0;
    }
    int beside = zj.sync && cores(o) > 1 && !pthread_create(&zt, NULL, zopa_thread, &zj);
    if (!beside) {
        atomic_store(&zj.share.busy, 0);
        zopa_thread(&zj);
    }
    ac_status st = beside ? AC_OK : zopa_finish(a, b, &zj, err);
    if (!st)
        st = run_frontiers(a, o, b, trial, err);
    atomic_store(&zj.share.busy, 0);
    if (beside) {
        zopa_wait(o, &zj);
        pthread_join(zt, NULL);
        ac_status zs = zopa_finish(a, b, &zj, st ? NULL : err);
        if (!st)
            st = zs;
    }
    if (zj.sync) {
        pthread_cond_destroy(&zj.cv);
        pthread_mutex_destroy(&zj.mu);
    }
    report(o, 1.0, "done");
    return st;
}

/* The solutions by branch and bound (bnb.h) under the budget and a node cap (0: none).
 * Over the cap, *done = 0 and nothing is noted (another method answers); at the user's
 * budget, a note. */
static ac_status solutions_bnb(ac_analysis *a, const ac_analyze_opts *o, const ac__budget *b,
                               size_t cap, double base, double scale, int *done, int *noted,
                               ac_error *err)
{
    ac__stop why;
    progress_ctx pc = {o, "bargaining solutions", base, scale};
    ac_status st = ac__solutions_bnb_progress(a->space, b, cap,
                                              o->progress ? forward_progress : NULL, &pc,
                                              &a->sol, NULL, &why, err);
    *done = st == AC_OK;
    if (*done)
        a->solved_by = AC_SOLVED_BNB;
    if (st != AC_ELIMIT)
        return st;
    if (why != AC__GO) {
        char msg[700];
        snprintf(msg, sizeof msg, "%s: the Nash, Kalai and welfare points were not computed",
                 err->message);
        note(a, why, msg);
        *noted = 1;
    }
    ac_error_clear(err);
    return AC_OK;
}

/* The solutions: the branch and bound first, within a node cap where it costs a fraction
 * of a second (it usually needs far fewer nodes: the Lagrangian bounds are near tight);
 * past the cap the frontier over the ZOPA is built and they are read off it; when that
 * frontier is over the budget, the branch and bound again, without the cap. */
#define BNB_TRIAL_NODES 10000000

static ac_status run_frontiers(ac_analysis *a, const ac_analyze_opts *o, const ac__budget *b,
                               size_t trial, ac_error *err)
{
    ac_status st;
    ac_frontier *feasible = NULL;
    int fdone = 0, adone = 1, sdone = 0, snoted = 0;
    report(o, 0.0, "bargaining solutions");
    if ((st = solutions_bnb(a, o, b, BNB_TRIAL_NODES, 0.0, 0.1, &sdone, &snoted, err)))
        return st;
    if (o->feasible || !sdone) {
        st = frontier(a, o, b, 1, trial, 0.1, !o->feasible, &feasible, &fdone, err);
        if (st)
            return st;
    }
    if (o->feasible) {
        a->pareto = feasible;
        adone = fdone;
    } else {
        st = frontier(a, o, b, 0, trial, 0.4, 0, &a->pareto, &adone, err);
        if (st) {
            ac_frontier_free(feasible);
            return st;
        }
    }
    a->pareto_exact = adone;
    if (!sdone && fdone) {
        report(o, 0.7, "bargaining solutions");
        st = ac__solutions_budget(a->space, feasible, b, &a->sol, err);
        sdone = st == AC_OK;
        if (sdone)
            a->solved_by = AC_SOLVED_FRONTIER;
        if (st == AC_ELIMIT) {
            char msg[700];
            snprintf(msg, sizeof msg, "%s: the Nash, Kalai and welfare points were not "
                                      "computed", err->message);
            note(a, ac__budget_check(b), msg);
            ac_error_clear(err);
            st = AC_OK;
        }
    } else if (!sdone && !ac__budget_check(b)) {
        report(o, 0.7, "bargaining solutions");
        st = solutions_bnb(a, o, b, 0, 0.7, 0.25, &sdone, &snoted, err);
    } else if (!sdone && !snoted) {
        char msg[200];
        ac__stop why = ac__budget_check(b);
        snprintf(msg, sizeof msg, "bargaining solutions: stopped by %s; the Nash, Kalai and "
                                  "welfare points were not computed", ac__stop_what(why));
        note(a, why, msg);
    }
    a->solutions_exact = sdone;
    if (feasible != a->pareto)
        ac_frontier_free(feasible);
    return st;
}

/* The method choice of AC_METHOD_AUTO. Enumeration costs about one unit per outcome
 * (pruned walks cost less, never more); the programme's cost grows with the frontiers
 * it builds: about issues x options x points per layer. So up to enumerate_limit
 * outcomes the programme runs first with its layers capped where it would cost as much
 * as enumerating (a tenth of outcomes / (issues x options)); if a layer outgrows the
 * cap, what it built is dropped and the enumeration runs. Tiny spaces enumerate. */
#define AUTO_ENUMERATE_BELOW 2e4

static size_t trial_cap(const ac_space *s)
{
    double cand = 0;
    for (size_t k = 0; k < s->n_issues; k++)
        cand += s->n_options[k];
    double cap = ac__u128_double(s->outcomes) / (10.0 * (cand > 1 ? cand : 1));
    return cap < 64 ? 64 : (size_t)cap;
}

static void reset_results(ac_analysis *a)
{
    ac_frontier_free(a->pareto);
    a->pareto = NULL;
    ac_solutions_free(&a->sol);
    memset(&a->zopa, 0, sizeof a->zopa);
    a->stopped[0] = 0;
    a->complete = a->pareto_exact = a->solutions_exact = 1;
    a->interrupted = 0;
    a->solved_by = AC_SOLVED_NONE;
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
    ac__budget b = {.deadline = o.time_limit > 0 ? ac__now() + o.time_limit : 0,
                    .max_points = o.max_frontier, .max_bytes = o.max_memory,
                    .cancel = o.cancel};
    reset_results(a);
    a->method = o.method;
    double outcomes = a->space->outcomes_overflow ? INFINITY : ac__u128_double(a->space->outcomes);
    if (a->method == AC_METHOD_ENUMERATE && a->space->outcomes_overflow) {
        st = ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "the outcome space is too large to enumerate");
    } else if (a->method == AC_METHOD_AUTO && outcomes <= limit) {
        if (outcomes < AUTO_ENUMERATE_BELOW) {
            a->method = AC_METHOD_ENUMERATE;
            st = run_enumeration(a, &o, &b, err);
        } else {
            a->method = AC_METHOD_DP;
            st = run_dp(a, &o, &b, trial_cap(a->space), err);
            if (st == AC_ELIMIT) {
                ac_error_clear(err);
                reset_results(a);
                a->method = AC_METHOD_ENUMERATE;
                st = run_enumeration(a, &o, &b, err);
            }
        }
    } else {
        if (a->method == AC_METHOD_AUTO)
            a->method = AC_METHOD_DP;
        st = a->method == AC_METHOD_ENUMERATE ? run_enumeration(a, &o, &b, err)
                                              : run_dp(a, &o, &b, 0, err);
    }
    if (!st && ac_model_has_plan(m))
        st = analyse_plan(a, m, &o, err);
    if (st) {
        ac_analysis_free(a);
        return st;
    }
    *out = a;
    return AC_OK;
}
