/* ac_pareto_dp: the exact Pareto frontier without visiting outcomes.
 *
 * Runs the issue-by-issue programme of dp_frontier.c with the file-order tie-break, so
 * every point keeps the lexicographically smallest outcome that reaches its vector, then puts the
 * points into the canonical order (utility descending, first party first).
 *
 * feasible: the frontier of the ZOPA. Only allowed options are used (an outcome with a
 * red line is never acceptable), and partial vectors that cannot reach r_i - AC_EPS
 * for some party even with the best of every remaining issue are dropped; the last
 * layer then holds exactly the ZOPA's vectors. This is the frontier of the red-line-free
 * space cut by {u >= r}: that set is upward closed, so whatever dominates a ZOPA point
 * is in the ZOPA too, and pruning before filtering never lets an unreachable point be
 * the only reason a reachable one was dropped.
 *
 * Issue order: the programme's result does not depend on the order it takes the issues
 * in (the file-order tie-break and file-order sums of dp_frontier.h make it the same
 * bytes), but its cost does: the layers before the last are frontiers of subsets of the
 * issues, and they stay smaller when the issues whose options trade off least come
 * first (an issue one party alone cares about adds no point at all) and the hardest
 * trade-offs come last. On the model with US interests that order cuts the layers'
 * points from 1.86 M to 1.01 M and the time by about 35%; on random models it gains up
 * to 3x and loses up to a third on some (docs/scale.md has the measurements). */
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

typedef struct {
    double conflict;
    size_t k;
} issue_conflict;

static int by_conflict(const void *a, const void *b)
{
    const issue_conflict *x = a, *y = b;
    if (x->conflict != y->conflict)
        return x->conflict < y->conflict ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* How hard an issue's options trade off: over pairs of (allowed) options, the largest
 * min(what some parties gain, what the others lose) on moving from one to the other.
 * Zero when its options are ordered alike by every party (one of them dominates), or
 * when one party alone cares. */
static double conflict(const ac_space *s, size_t k, int allowed_only)
{
    const size_t np = s->n_parties;
    const double *c = s->contrib[k];
    double best = 0;
    for (uint32_t a = 0; a < s->n_options[k]; a++) {
        if (allowed_only && !s->allowed[k][a])
            continue;
        for (uint32_t b = a + 1; b < s->n_options[k]; b++) {
            if (allowed_only && !s->allowed[k][b])
                continue;
            double gain = 0, loss = 0;
            for (size_t i = 0; i < np; i++) {
                double x = c[(size_t)a * np + i] - c[(size_t)b * np + i];
                if (x > 0)
                    gain += x;
                else
                    loss -= x;
            }
            double m = gain < loss ? gain : loss;
            if (m > best)
                best = m;
        }
    }
    return best;
}

size_t *ac__dp_conflict_order(const ac_space *s, int allowed_only)
{
    const size_t ni = s->n_issues;
    size_t *order = malloc((ni ? ni : 1) * sizeof *order);
    issue_conflict *is = malloc((ni ? ni : 1) * sizeof *is);
    if (!order || !is) {
        free(order);
        free(is);
        return NULL;
    }
    for (size_t k = 0; k < ni; k++)
        is[k] = (issue_conflict){conflict(s, k, allowed_only), k};
    qsort(is, ni, sizeof *is, by_conflict);
    for (size_t k = 0; k < ni; k++)
        order[k] = is[k].k;
    free(is);
    return order;
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
    size_t *order = ac__dp_conflict_order(s, feasible);
    if (!order) {
        free(floor);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    layer_progress lp = {progress, ctx, ni};
    ac__dp_opts o = {.order = order, .n_order = ni, .allowed_only = feasible, .floor = floor,
                     .max_points = max_points, .track = 1, .file_ties = 1, .budget = budget,
                     .stopped = stopped, .on_layer = progress ? on_layer : NULL, .ctx = &lp};
    ac__dp_result r;
    ac_status st = ac__dp_run(s, &o, &r, err);
    free(order);
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
