/* ac_pareto_dp: the exact Pareto frontier without visiting outcomes.
 *
 * Runs the issue-by-issue programme of dp_frontier.c in file order, so every point
 * keeps the lexicographically smallest outcome that reaches its vector, then puts the
 * points into the canonical order (utility descending, first party first).
 *
 * feasible: the frontier of the ZOPA. Only allowed options are used (an outcome with a
 * red line is never acceptable), and partial vectors that cannot reach r_i - AC_EPS
 * for some party even with the best of every remaining issue are dropped; the last
 * layer then holds exactly the ZOPA's vectors. This is the frontier of the red-line-free
 * space cut by {u >= r}: that set is upward closed, so whatever dominates a ZOPA point
 * is in the ZOPA too, and pruning before filtering never lets an unreachable point be
 * the only reason a reachable one was dropped. */
#include <stdlib.h>
#include <string.h>

#include "accord/pareto.h"
#include "analysis/dominance.h"
#include "analysis/dp_frontier.h"

typedef struct {
    void (*fn)(void *ctx, size_t layer, size_t of);
    void *ctx;
    size_t of;
} layer_progress;

static ac_status on_layer(void *ctx, size_t layer, const double *u, size_t n)
{
    (void)u;
    (void)n;
    layer_progress *p = ctx;
    p->fn(p->ctx, layer, p->of);
    return AC_OK;
}

ac_status ac_pareto_dp(const ac_space *s, int feasible, size_t max_points, ac_frontier **out,
                       ac_error *err)
{
    return ac__pareto_dp_budget(s, feasible, max_points, NULL, NULL, NULL, NULL, out, err);
}

ac_status ac__pareto_dp_budget(const ac_space *s, int feasible, size_t max_points,
                               const ac__budget *budget, ac__stop *stopped,
                               void (*progress)(void *ctx, size_t layer, size_t of), void *ctx,
                               ac_frontier **out, ac_error *err)
{
    *out = NULL;
    if (!s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_pareto_dp: no space");
    const size_t np = s->n_parties, ni = s->n_issues;
    double *floor = NULL;
    if (feasible) {
        floor = malloc(np * sizeof *floor);
        if (!floor)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t i = 0; i < np; i++)
            floor[i] = s->reservation[i] - AC_EPS;
    }
    layer_progress lp = {progress, ctx, ni};
    ac__dp_opts o = {.allowed_only = feasible, .floor = floor, .max_points = max_points,
                     .track = 1, .budget = budget, .stopped = stopped,
                     .on_layer = progress ? on_layer : NULL, .ctx = &lp};
    ac__dp_result r;
    ac_status st = ac__dp_run(s, &o, &r, err);
    free(floor);
    if (st)
        return st;

    ac_frontier *f = calloc(1, sizeof *f);
    size_t *perm = malloc((r.count ? r.count : 1) * sizeof *perm);
    if (!f || !perm)
        goto nomem;
    f->n_parties = np;
    f->n_issues = ni;
    if (r.count) {
        f->utility = malloc(r.count * np * sizeof *f->utility);
        f->outcome = malloc(r.count * ni * sizeof *f->outcome);
        if (!f->utility || !f->outcome)
            goto nomem;
        if (ac__order_desc(r.utility, r.count, np, perm))
            goto nomem;
        for (size_t a = 0; a < r.count; a++) {
            memcpy(f->utility + a * np, r.utility + perm[a] * np, np * sizeof *f->utility);
            memcpy(f->outcome + a * ni, r.outcome + perm[a] * ni, ni * sizeof *f->outcome);
        }
        f->count = r.count;
    }
    free(perm);
    ac__dp_result_free(&r);
    *out = f;
    return AC_OK;
nomem:
    free(perm);
    ac_frontier_free(f);
    ac__dp_result_free(&r);
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}
