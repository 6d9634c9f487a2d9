/* Fuzz target: differential fuzzing of the analysis. The bytes describe a tiny model,
 * built through the public builder (not the loader); ac_analyze runs it with
 * AC_METHOD_ENUMERATE (visits every outcome) and with AC_METHOD_DP (works issue by
 * issue), over all outcomes or over the ZOPA, and every result must agree: outcome
 * count, exact ZOPA count, the frontier's vectors and outcomes, the Nash, Kalai and
 * welfare points, and the draft's stances and progress. Any difference aborts.
 *
 * Numbers come from small grids (weights 0..15, values and reservations in 1/15 or
 * 1/16 steps), so distinct utilities differ by far more than AC_EPS and a tie is a
 * tie for both methods: a difference is a bug, not rounding.
 *
 * Input layout (missing bytes read as 0):
 *   b0: parties 1..4 (+ a mediator when bit 4 is set); b1: issues 1..5; b2: flags
 *   (bit 0 feasible, bit 1 plan, bit 2 red lines); then per issue one byte (options
 *   1..5), then per party: reservation, per issue a weight and per option a value and
 *   red-line byte; then the plan's options. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"

typedef struct {
    const uint8_t *p;
    size_t n, at;
} reader;

static unsigned next(reader *r) { return r->at < r->n ? r->p[r->at++] : 0; }

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_analyze: enumerate and dp disagree: %s\n", what);
        abort();
    }
}

static int close_to(double a, double b) { return fabs(a - b) <= 1e-9; }

static void same_solution(const ac_solution *x, const ac_solution *y, size_t np, size_t ni,
                          const char *name)
{
    check(x->found == y->found, name);
    if (!x->found)
        return;
    check(close_to(x->value, y->value), name);
    check(!memcmp(x->outcome, y->outcome, ni * sizeof *x->outcome), name);
    for (size_t i = 0; i < np; i++)
        check(close_to(x->utility[i], y->utility[i]), name);
}

static ac_model *build(reader *r, int *feasible)
{
    unsigned b0 = next(r), b1 = next(r), flags = next(r);
    size_t np = 1 + b0 % 4, ni = 1 + b1 % 5;
    int mediator = (b0 >> 4) & 1, plan = (flags >> 1) & 1, reds = (flags >> 2) & 1;
    int fine = (flags >> 3) & 1; /* 1/15 steps instead of 1/16 */
    *feasible = flags & 1;
    ac_model *m = ac_model_new();
    if (!m)
        abort();
    char id[16];
    size_t nopt[5];
    for (size_t k = 0; k < ni; k++) {
        snprintf(id, sizeof id, "i%zu", k);
        if (ac_model_add_issue(m, id, NULL, NULL, NULL))
            abort();
        nopt[k] = 1 + next(r) % 5;
        for (size_t o = 0; o < nopt[k]; o++) {
            snprintf(id, sizeof id, "o%zu", o);
            if (ac_model_add_option(m, k, id, NULL, NULL, NULL))
                abort();
        }
    }
    if (mediator && ac_model_add_party(m, "med", NULL, AC_ROLE_MEDIATOR, NULL, NULL))
        abort();
    double step = fine ? 1.0 / 15 : 1.0 / 16;
    for (size_t i = 0; i < np; i++) {
        size_t p;
        snprintf(id, sizeof id, "p%zu", i);
        if (ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, &p, NULL))
            abort();
        if (ac_model_set_reservation(m, p, (next(r) % 16) * step, NULL))
            abort();
        int any = 0;
        for (size_t k = 0; k < ni; k++) {
            unsigned w = next(r) % 16;
            if (k == ni - 1 && !any && !w)
                w = 1; /* at least one positive weight */
            any |= w != 0;
            if (ac_model_set_weight(m, p, k, w, NULL))
                abort();
            for (size_t o = 0; o < nopt[k]; o++) {
                unsigned v = next(r);
                if (ac_model_set_value(m, p, k, o, (v % 16) * step, NULL))
                    abort();
                if (reds && (v & 0x80) && ac_model_set_red_line(m, p, k, o, NULL))
                    abort();
            }
        }
    }
    for (size_t k = 0; plan && k < ni; k++)
        if (ac_model_set_plan(m, k, next(r) % nopt[k], NULL))
            abort();
    if (ac_model_check(m, NULL) != AC_OK)
        abort(); /* the construction above always makes a valid model */
    return m;
}

static ac_analysis *run(const ac_model *m, ac_method method, int feasible)
{
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    o.method = method;
    o.threads = 1;
    o.feasible = feasible;
    ac_analysis *a = NULL;
    ac_error err;
    if (ac_analyze(m, &o, &a, &err) != AC_OK) {
        fprintf(stderr, "fuzz_analyze: ac_analyze (%s) failed: %s\n", ac_method_name(method),
                err.message);
        abort();
    }
    return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, size, 0};
    int feasible;
    ac_model *m = build(&r, &feasible);
    ac_analysis *e = run(m, AC_METHOD_ENUMERATE, feasible);
    ac_analysis *d = run(m, AC_METHOD_DP, feasible);
    const ac_space *es = ac_analysis_space(e), *ds = ac_analysis_space(d);
    size_t np = ac_space_n_parties(es), ni = ac_space_n_issues(es);
    ac_u128 eo = ac_space_outcomes(es), dO = ac_space_outcomes(ds);
    check(eo.lo == dO.lo && eo.hi == dO.hi, "outcome count");
    const ac_zopa_count *ez = ac_analysis_zopa(e), *dz = ac_analysis_zopa(d);
    check(ez->exact && dz->exact, "ZOPA count exact");
    check(ez->count.lo == dz->count.lo && ez->count.hi == dz->count.hi, "ZOPA count");
    const ac_frontier *ef = ac_analysis_frontier(e), *df = ac_analysis_frontier(d);
    check(ef->count == df->count, "frontier size");
    for (size_t a = 0; a < ef->count; a++) {
        for (size_t i = 0; i < np; i++)
            check(close_to(ef->utility[a * np + i], df->utility[a * np + i]), "frontier vector");
        check(!memcmp(ef->outcome + a * ni, df->outcome + a * ni, ni * sizeof *ef->outcome),
              "frontier outcome");
    }
    const ac_solutions *esol = ac_analysis_solutions(e), *dsol = ac_analysis_solutions(d);
    same_solution(&esol->nash, &dsol->nash, np, ni, "nash");
    same_solution(&esol->kalai, &dsol->kalai, np, ni, "kalai");
    same_solution(&esol->welfare, &dsol->welfare, np, ni, "welfare");
    check(ac_analysis_has_plan(e) == ac_analysis_has_plan(d), "plan");
    if (ac_analysis_has_plan(e)) {
        for (size_t i = 0; i < np; i++)
            for (size_t k = 0; k < ni; k++)
                check(ac_analysis_stance(e, i, k) == ac_analysis_stance(d, i, k), "stances");
        check(ac_analysis_progress(e).points == ac_analysis_progress(d).points, "progress");
        for (size_t i = 0; i < np; i++)
            check(close_to(ac_analysis_plan_utility(e)[i], ac_analysis_plan_utility(d)[i]),
                  "plan utility");
    }
    ac_analysis_free(e);
    ac_analysis_free(d);
    ac_model_free(m);
    return 0;
}
