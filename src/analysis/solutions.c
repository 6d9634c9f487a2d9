/* Nash, Kalai-Smorodinsky and welfare points, exact, without visiting outcomes.
 *
 * For each objective: its best value V over the ZOPA (taken on the feasible frontier:
 * each objective is non-decreasing in every utility, so a maximum is attained there),
 * then the lexicographically first ZOPA outcome whose objective is >= V - AC_EPS,
 * exactly the rule of solutions.h.
 *
 * That outcome need not be on the frontier (when every outcome ties at a Nash product
 * of 0, say), so it is found by a depth-first search over issues in file order, options
 * in index order, with an exact completion test. The set
 *     T = { u : u_i >= r_i - AC_EPS for all i, objective(u) >= V - AC_EPS }
 * is upward closed (every objective is monotone), so a prefix with partial utility p
 * can be completed into T iff p + s is in T for some point s of the Pareto frontier of
 * the remaining issues (allowed options only): whatever suffix works, a non-dominated
 * one that is at least as good works too. Those suffix frontiers come from the same
 * dynamic programme as ac_pareto_dp, run over the issues backwards, and are pruned by
 * per-party floors every member of T must reach (derived from V and b below), which
 * keeps them small. With an exact test the search takes the first option that passes
 * at every level and never backtracks; it still can, in case tolerance effects make the
 * test disagree with the full check by a hair, and falls back to the lexicographically
 * smallest tied frontier point if all else fails. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/solutions.h"
#include "analysis/dp_frontier.h"
#include "analysis/solutions_internal.h"

typedef enum { OBJ_NASH, OBJ_KALAI, OBJ_WELFARE, OBJ_COUNT } obj_t;

/* Beyond this many search steps the search gives up and the frontier fallback answers;
 * an exact completion test needs at most options x issues steps. */
#define SEARCH_STEPS_MIN 100000

typedef struct {
    const ac_space *s;
    size_t d, ni;
    const double *r;
    const double *best;
    double *span; /* best - r */
    obj_t which;
    double target; /* V - AC_EPS */
} ctx_t;

/* The objective exactly as solutions.h defines it (and in the same arithmetic as the
 * brute-force definition, so values compare equal). */
static double objective(const ctx_t *c, obj_t which, const double *u)
{
    double x;
    if (which == OBJ_WELFARE) {
        x = 0;
        for (size_t i = 0; i < c->d; i++)
            x += u[i];
    } else if (which == OBJ_NASH) {
        x = 1;
        for (size_t i = 0; i < c->d; i++)
            x *= fmax(0.0, u[i] - c->r[i]);
    } else {
        x = INFINITY;
        for (size_t i = 0; i < c->d; i++) {
            double g = c->span[i] > AC_EPS ? (u[i] - c->r[i]) / c->span[i] : 1.0;
            if (g < x)
                x = g;
        }
    }
    return x;
}

/* Membership of T: acceptable and tied with the best. */
static int in_target(const ctx_t *c, const double *u)
{
    for (size_t i = 0; i < c->d; i++)
        if (u[i] < c->r[i] - AC_EPS)
            return 0;
    return objective(c, c->which, u) >= c->target;
}

/* Per-party floors every member of T reaches. They only prune, so they err low: by
 * AC_EPS-sized margins for the rounding of V and b, and since a ZOPA outcome may exceed
 * b_i by a tolerance-sized amount (b is read off the frontier, whose equal vectors are
 * merged within AC_EPS). */
static void target_floors(const ctx_t *c, double V, double *floor)
{
    const size_t d = c->d;
    for (size_t i = 0; i < d; i++) {
        double f = c->r[i] - AC_EPS, g = f;
        if (c->which == OBJ_KALAI) {
            if (c->span[i] > AC_EPS)
                g = c->r[i] + (V - AC_EPS) * c->span[i] - 4 * AC_EPS;
        } else if (c->which == OBJ_NASH) {
            if (V - AC_EPS > 0) {
                /* u_i - r_i >= (V - eps) / prod_{j != i} (u_j - r_j), u_j <= b_j */
                double others = 1;
                for (size_t j = 0; j < d; j++)
                    if (j != i)
                        others *= fmax(c->span[j], 0.0) + 4 * AC_EPS;
                g = c->r[i] + (V - AC_EPS) / others - 4 * AC_EPS;
            }
        } else {
            /* u_i >= (V - eps) - sum_{j != i} u_j, u_j <= b_j */
            double others = 0;
            for (size_t j = 0; j < d; j++)
                if (j != i)
                    others += c->best[j] + 4 * AC_EPS;
            g = V - AC_EPS - others - 4 * AC_EPS;
        }
        floor[i] = g > f ? g : f;
    }
}

/* suf[k]: the frontier of issues k .. n-1 (allowed options, pruned by the floors);
 * suf[n] is the empty suffix, the zero vector. */
typedef struct {
    size_t n;
    double *u;
} suffix_t;

typedef struct {
    suffix_t *suf;
    size_t ni, d;
} collect_t;

static ac_status collect_layer(void *arg, size_t layer, const double *u, size_t n)
{
    collect_t *c = arg;
    if (layer == 0)
        return AC_OK; /* the empty suffix is set up by the caller */
    suffix_t *f = &c->suf[c->ni - layer];
    f->u = malloc((n ? n : 1) * c->d * sizeof *f->u);
    if (!f->u)
        return AC_ENOMEM;
    memcpy(f->u, u, n * c->d * sizeof *f->u);
    f->n = n;
    return AC_OK;
}

static void suffixes_free(suffix_t *suf, size_t ni)
{
    if (!suf)
        return;
    for (size_t k = 0; k <= ni; k++)
        free(suf[k].u);
    free(suf);
}

static ac_status suffixes_build(const ac_space *s, const double *floor,
                                const ac__budget *budget, suffix_t **out, ac_error *err)
{
    const size_t ni = s->n_issues, d = s->n_parties;
    *out = NULL;
    suffix_t *suf = calloc(ni + 1, sizeof *suf);
    size_t *order = malloc((ni ? ni : 1) * sizeof *order);
    if (!suf || !order) {
        free(suf);
        free(order);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    suf[ni].n = 1;
    suf[ni].u = calloc(d, sizeof *suf[ni].u);
    /* issues n-1 down to 1: layer j is the frontier of the last j issues */
    for (size_t j = 0; j + 1 < ni; j++)
        order[j] = ni - 1 - j;
    collect_t cc = {suf, ni, d};
    ac__dp_opts o = {.order = order, .n_order = ni ? ni - 1 : 0, .allowed_only = 1,
                     .floor = floor, .on_layer = collect_layer, .ctx = &cc,
                     .budget = budget};
    ac__dp_result r;
    ac_status st = suf[ni].u ? ac__dp_run(s, &o, &r, err) : AC_ENOMEM;
    free(order);
    if (st == AC_ENOMEM)
        ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    else if (st == AC_ELIMIT && err) { /* say which search stopped, not only which programme */
        char why[sizeof err->message];
        snprintf(why, sizeof why, "%s", err->message);
        ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "bargaining solutions: %s", why);
    }
    if (st) {
        suffixes_free(suf, ni);
        return st;
    }
    ac__dp_result_free(&r);
    *out = suf;
    return AC_OK;
}

/* Can the partial utility x of issues 0 .. k-1 be completed into T? */
static int completable(const ctx_t *c, const suffix_t *suf, size_t k, const double *x,
                       double *y)
{
    const size_t d = c->d;
    const suffix_t *f = &suf[k];
    for (size_t a = 0; a < f->n; a++) {
        const double *sp = f->u + a * d;
        for (size_t i = 0; i < d; i++)
            y[i] = x[i] + sp[i];
        if (in_target(c, y))
            return 1;
    }
    return 0;
}

/* The lexicographically smallest allowed outcome with utility in T, into outcome.
 * Returns 1 when found, 0 when not (or when the step budget ran out). */
static int search(const ctx_t *c, const suffix_t *suf, uint32_t *outcome, double *pre,
                  uint32_t *next, double *y)
{
    const ac_space *s = c->s;
    const size_t d = c->d, ni = c->ni;
    size_t budget = SEARCH_STEPS_MIN, steps = 0;
    for (size_t k = 0; k < ni; k++)
        budget += 64 * (size_t)s->n_options[k];
    memset(pre, 0, d * sizeof *pre);
    size_t k = 0;
    next[0] = 0;
    for (;;) {
        const double *p = pre + k * d;
        double *x = pre + (k + 1) * d;
        uint32_t q = next[k];
        int ok = 0;
        for (; q < s->n_options[k]; q++) {
            if (!s->allowed[k][q])
                continue;
            if (++steps > budget)
                return 0;
            const double *cq = s->contrib[k] + (size_t)q * d;
            for (size_t i = 0; i < d; i++)
                x[i] = p[i] + cq[i];
            if (completable(c, suf, k + 1, x, y)) {
                ok = 1;
                break;
            }
        }
        if (ok) {
            outcome[k] = q;
            if (++k == ni)
                return 1;
            next[k] = 0;
        } else {
            if (k == 0)
                return 0;
            k--;
            next[k] = outcome[k] + 1;
        }
    }
}

static int lex_less(const uint32_t *a, const uint32_t *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return a[k] < b[k];
    return 0;
}

void ac_solutions_free(ac_solutions *s)
{
    if (!s)
        return;
    ac_solution *all[3] = {&s->nash, &s->kalai, &s->welfare};
    for (int i = 0; i < 3; i++) {
        free(all[i]->utility);
        free(all[i]->outcome);
    }
    free(s->best);
    memset(s, 0, sizeof *s);
}

ac_status ac_solutions_compute(const ac_space *s, const ac_frontier *feasible,
                               ac_solutions *out, ac_error *err)
{
    return ac__solutions_budget(s, feasible, NULL, out, err);
}

ac_status ac__solutions_budget(const ac_space *s, const ac_frontier *feasible,
                               const ac__budget *budget, ac_solutions *out, ac_error *err)
{
    memset(out, 0, sizeof *out);
    if (!s || !feasible)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_solutions_compute: missing argument");
    const size_t d = s->n_parties, ni = s->n_issues, n = feasible->count;
    if (feasible->n_parties != d || feasible->n_issues != ni)
        return ac_error_set(err, AC_EARG, NULL, 0, 0,
                            "ac_solutions_compute: the frontier does not match the space");
    if (!n)
        return AC_OK; /* empty ZOPA: nothing found */

    ac_status st = AC_OK;
    double *span = malloc(d * sizeof *span), *floor = malloc(d * sizeof *floor);
    double *pre = malloc((ni + 1) * d * sizeof *pre), *y = malloc(d * sizeof *y);
    uint32_t *next = malloc((ni + 1) * sizeof *next);
    out->best = malloc(d * sizeof *out->best);
    if (!span || !floor || !pre || !y || !next || !out->best) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    const double *U = feasible->utility;
    for (size_t i = 0; i < d; i++) {
        out->best[i] = U[i];
        for (size_t a = 1; a < n; a++)
            if (U[a * d + i] > out->best[i])
                out->best[i] = U[a * d + i];
        span[i] = out->best[i] - s->reservation[i];
    }
    ctx_t c = {.s = s, .d = d, .ni = ni, .r = s->reservation, .best = out->best, .span = span};
    ac_solution *sol[OBJ_COUNT] = {&out->nash, &out->kalai, &out->welfare};
    for (int w = 0; w < OBJ_COUNT; w++) {
        c.which = (obj_t)w;
        double V = objective(&c, c.which, U);
        for (size_t a = 1; a < n; a++) {
            double x = objective(&c, c.which, U + a * d);
            if (x > V)
                V = x;
        }
        c.target = V - AC_EPS;
        ac_solution *so = sol[w];
        so->outcome = malloc((ni ? ni : 1) * sizeof *so->outcome);
        so->utility = malloc(d * sizeof *so->utility);
        if (!so->outcome || !so->utility) {
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        target_floors(&c, V, floor);
        suffix_t *suf;
        if ((st = suffixes_build(s, floor, budget, &suf, err)))
            goto done;
        int found = search(&c, suf, so->outcome, pre, next, y);
        suffixes_free(suf, ni);
        if (!found) {
            /* Not reached when the completion test is exact; the frontier always holds a
             * maximiser, so answer with its lexicographically smallest tied point. */
            const uint32_t *pick = NULL;
            for (size_t a = 0; a < n; a++) {
                const uint32_t *oa = feasible->outcome + a * ni;
                if (in_target(&c, U + a * d) && (!pick || lex_less(oa, pick, ni)))
                    pick = oa;
            }
            if (!pick) {
                st = ac_error_set(err, AC_EINTERNAL, NULL, 0, 0,
                                  "no maximiser found on the feasible frontier");
                goto done;
            }
            memcpy(so->outcome, pick, ni * sizeof *so->outcome);
        }
        ac_space_utility(s, so->outcome, so->utility);
        so->value = objective(&c, c.which, so->utility);
        so->found = 1;
    }
done:
    free(span);
    free(floor);
    free(pre);
    free(y);
    free(next);
    if (st)
        ac_solutions_free(out);
    return st;
}
