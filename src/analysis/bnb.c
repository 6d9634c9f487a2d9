/* Nash, Kalai-Smorodinsky and welfare points by branch and bound over the ZOPA, without
 * any frontier (the contract is in bnb.h).
 *
 * The search fixes issues one at a time and bounds what a prefix can still reach with
 * two relaxations that are exact per issue because utilities are additive:
 *   the box: party i gets at most p_i + rem_i (the best of every remaining issue for i);
 *   a hyperplane: for multipliers lam >= 0, lam . u <= lam . p + sum over the remaining
 *     issues of max_q lam . c_kq.
 * Over {box, hyperplane, u >= r - AC_EPS} each objective has a closed-form maximum (a
 * clamp, a fractional knapsack, water-filling for the product, a common gain for the
 * minimum), and that set being empty proves the prefix cannot reach the ZOPA. The
 * multipliers are chosen once per objective by minimising the bound at the root (a
 * coordinate search): this is the Lagrangian dual of the relaxation, near tight when
 * there are many issues, and it is what keeps the search small; the box alone is far
 * too loose with four or more parties.
 *
 * Each objective takes two searches, so that ties follow solutions.h exactly:
 *   A. its best value V: issues with the widest spread first, children best bound first,
 *      pruning subtrees whose bound cannot beat the incumbent (V stays the exact maximum
 *      of the objective as computed on ac_space_utility, the arithmetic every other
 *      method uses);
 *   B. the lexicographically smallest outcome at V - AC_EPS or above, issue by issue in
 *      file order: each issue takes its least option for which a qualifying completion
 *      exists, each such question a search like A (held issues first, then widest first,
 *      best bound first, pruning below V - AC_EPS) that stops at its first witness.
 *      Search A's argmax witnesses its own options, so only smaller ones are asked.
 *      (A plain depth-first search in file order, the first version, found the same
 *      outcome but pruned badly: with opposed values and 7 or 8 parties it ran for
 *      minutes after A had taken seconds.)
 * Bounds are padded by a hair (MARGIN) so rounding never prunes a qualifying outcome;
 * padding only costs pruning. b_i (the ideal point of Kalai) comes first, one search A
 * per party. */
#include "analysis/bnb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OBJ_BEST, OBJ_NASH, OBJ_KALAI, OBJ_WELFARE } obj_t;

#define MARGIN 1e-12
#define CHECK_EVERY 4096
#define LAMBDA_EVALS 4000

typedef struct {
    double bound;
    uint32_t q;
} kid_t;

typedef struct {
    const ac_space *s;
    size_t d, ni, maxopt, total_opts;
    const ac__budget *budget;
    size_t max_nodes, nodes, next_check;
    int stop;
    ac__stop why;
    obj_t which;
    size_t party;       /* OBJ_BEST: whose utility */
    double *lo;         /* [d] r_i - AC_EPS */
    double *span;       /* [d] b_i - r_i (Kalai) */
    double sum_lo;
    size_t *ord;        /* [ni] issues in search order */
    size_t *off;        /* [ni] first option of issue k in lc */
    double *rem;        /* [(ni+1) d] best gain of each party over ord[t..] */
    double *lam;        /* [d] the hyperplane's multipliers */
    double lam_lo;      /* lam . lo */
    size_t *by_lam;     /* [d] parties by ascending lam (the knapsack's order) */
    double *lc;         /* [total_opts] lam . c_kq */
    double *lrem;       /* [ni+1] best lam . c over ord[t..] */
    uint32_t *cur;      /* [ni] outcome being built, by issue index */
    double *p;          /* [(ni+1) d] partial utilities by depth */
    double *lp;         /* [ni+1] lam . p by depth */
    kid_t *kid;         /* [ni maxopt] children by depth */
    double *u, *cap, *tmp; /* [d] scratch */
    unsigned char *done; /* [d] scratch */
    double target; /* A: incumbent value; B: V - AC_EPS */
    int have;      /* A: an incumbent exists */
    uint32_t *hit; /* [ni] A: incumbent outcome; B: the answer */
    uint32_t *fixed; /* [ni] B: the option an issue is held at, or FREE */
} bnb_t;

#define FREE UINT32_MAX

/* The objectives exactly as solutions.h defines them, in the arithmetic of the
 * frontier-based answer and the brute-force definition. */
static double objective(const bnb_t *c, const double *u)
{
    const size_t d = c->d;
    const double *r = c->s->reservation;
    double x;
    switch (c->which) {
    case OBJ_BEST:
        return u[c->party];
    case OBJ_WELFARE:
        x = 0;
        for (size_t i = 0; i < d; i++)
            x += u[i];
        return x;
    case OBJ_NASH:
        x = 1;
        for (size_t i = 0; i < d; i++)
            x *= fmax(0.0, u[i] - r[i]);
        return x;
    case OBJ_KALAI:
        x = INFINITY;
        for (size_t i = 0; i < d; i++) {
            double g = c->span[i] > AC_EPS ? (u[i] - r[i]) / c->span[i] : 1.0;
            if (g < x)
                x = g;
        }
        return x;
    }
    return 0;
}

static int acceptable(const bnb_t *c, const double *u)
{
    for (size_t i = 0; i < c->d; i++)
        if (u[i] < c->s->reservation[i] - AC_EPS)
            return 0;
    return 1;
}

/* Water-filling: max prod v_i over 0 <= v <= cap, lam . v <= B (B >= 0). Parties with
 * lam_i = 0 take their cap; the others share B equally in lam_i v_i, those whose cap is
 * below the share clamped at it. */
static double nash_fill(bnb_t *c, double B)
{
    const size_t d = c->d;
    double prod = 1;
    size_t m = 0;
    for (size_t i = 0; i < d; i++) {
        c->done[i] = c->lam[i] <= 0;
        if (c->done[i])
            prod *= c->cap[i];
        else
            m++;
    }
    while (m) {
        double tau = B / (double)m;
        int clamped = 0;
        for (size_t i = 0; i < d; i++)
            if (!c->done[i] && c->lam[i] * c->cap[i] <= tau) {
                prod *= c->cap[i];
                B -= c->lam[i] * c->cap[i];
                c->done[i] = 1;
                m--;
                clamped = 1;
            }
        if (!clamped) {
            for (size_t i = 0; i < d; i++)
                if (!c->done[i])
                    prod *= tau / c->lam[i];
            break;
        }
        if (B < 0)
            B = 0;
    }
    return prod;
}

/* An upper bound of the objective over the completions of a prefix of t issues (in
 * search order) with partial utility p and lam . p = lp; -INFINITY when no completion
 * is acceptable. */
static double node_bound(bnb_t *c, size_t t, const double *p, double lp)
{
    const size_t d = c->d;
    const double *rem = c->rem + t * d;
    for (size_t i = 0; i < d; i++) {
        double cap = p[i] + rem[i] - c->lo[i] + MARGIN;
        if (cap < 0)
            return -INFINITY;
        c->cap[i] = cap;
    }
    double W = lp + c->lrem[t];
    double B = W - c->lam_lo + MARGIN * (1 + fabs(W) + fabs(c->lam_lo));
    if (B < 0)
        return -INFINITY;
    switch (c->which) {
    case OBJ_BEST: {
        size_t j = c->party;
        double v = c->cap[j];
        if (c->lam[j] > 0 && B / c->lam[j] < v)
            v = B / c->lam[j];
        return c->lo[j] + v;
    }
    case OBJ_WELFARE: {
        double tot = c->sum_lo;
        for (size_t a = 0; a < d; a++) {
            size_t i = c->by_lam[a];
            double take = c->cap[i];
            if (c->lam[i] > 0) {
                if (B / c->lam[i] < take)
                    take = B / c->lam[i];
                B -= take * c->lam[i];
                if (B < 0)
                    B = 0;
            }
            tot += take;
        }
        return tot;
    }
    case OBJ_NASH:
        return nash_fill(c, B);
    case OBJ_KALAI: {
        double g = INFINITY, den = 0;
        int degenerate = 0;
        for (size_t i = 0; i < d; i++) {
            if (c->span[i] > AC_EPS) {
                double gi = (c->cap[i] - AC_EPS) / c->span[i];
                if (gi < g)
                    g = gi;
                den += c->lam[i] * c->span[i];
            } else {
                degenerate = 1;
            }
        }
        if (degenerate && g > 1)
            g = 1;
        if (den > 0 && B / den < g)
            g = B / den;
        return g;
    }
    }
    return INFINITY;
}

/* Makes lam the hyperplane's multipliers: lam . c per option, suffix maxima in the
 * current order, the knapsack's order. */
static void set_lambda(bnb_t *c, const double *lam)
{
    const ac_space *s = c->s;
    const size_t d = c->d, ni = c->ni;
    memcpy(c->lam, lam, d * sizeof *lam);
    c->lam_lo = 0;
    for (size_t i = 0; i < d; i++)
        c->lam_lo += lam[i] * c->lo[i];
    for (size_t k = 0; k < ni; k++)
        for (uint32_t q = 0; q < s->n_options[k]; q++) {
            const double *cq = s->contrib[k] + (size_t)q * d;
            double x = 0;
            for (size_t i = 0; i < d; i++)
                x += lam[i] * cq[i];
            c->lc[c->off[k] + q] = x;
        }
    c->lrem[ni] = 0;
    for (size_t t = ni; t-- > 0;) {
        size_t k = c->ord[t];
        double best = -INFINITY;
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            if (s->allowed[k][q] && c->lc[c->off[k] + q] > best)
                best = c->lc[c->off[k] + q];
        c->lrem[t] = c->lrem[t + 1] + best;
    }
    for (size_t a = 0; a < d; a++) {
        size_t i = a, b = a;
        c->by_lam[a] = i;
        while (b > 0 && lam[c->by_lam[b - 1]] > lam[i]) {
            c->by_lam[b] = c->by_lam[b - 1];
            b--;
        }
        c->by_lam[b] = i;
    }
}

/* The search order (every allowed option has been checked to exist) and rem for it. */
static void set_order(bnb_t *c, const size_t *ord)
{
    const ac_space *s = c->s;
    const size_t d = c->d, ni = c->ni;
    memcpy(c->ord, ord, ni * sizeof *ord);
    for (size_t i = 0; i < d; i++)
        c->rem[ni * d + i] = 0;
    for (size_t t = ni; t-- > 0;) {
        size_t k = ord[t];
        for (size_t i = 0; i < d; i++) {
            double best = -INFINITY;
            for (uint32_t q = 0; q < s->n_options[k]; q++)
                if (s->allowed[k][q] && s->contrib[k][(size_t)q * d + i] > best)
                    best = s->contrib[k][(size_t)q * d + i];
            c->rem[t * d + i] = c->rem[(t + 1) * d + i] + best;
        }
    }
}

static double root_bound(bnb_t *c, const double *lam)
{
    set_lambda(c, lam);
    memset(c->p, 0, c->d * sizeof *c->p);
    return node_bound(c, 0, c->p, 0);
}

/* Minimises the root bound over lam >= 0 by a multiplicative coordinate search
 * (the bound does not depend on lam's scale), starting from init; leaves the best lam
 * set. */
static void choose_lambda(bnb_t *c, const double *init)
{
    const size_t d = c->d;
    double *best = malloc(d * sizeof *best), *trial = malloc(d * sizeof *trial);
    if (!best || !trial) { /* the box alone is still a valid bound */
        free(best);
        free(trial);
        memset(c->tmp, 0, d * sizeof *c->tmp);
        set_lambda(c, c->tmp);
        return;
    }
    memcpy(best, init, d * sizeof *best);
    double fb = root_bound(c, best);
    double f = 4;
    int evals = 0;
    while (f > 1.01 && evals < LAMBDA_EVALS && fb > -INFINITY) {
        int improved = 0;
        for (size_t i = 0; i < d; i++) {
            double mean = 0;
            size_t nz = 0;
            for (size_t j = 0; j < d; j++)
                if (best[j] > 0) {
                    mean += best[j];
                    nz++;
                }
            mean = nz ? mean / (double)nz : 1.0;
            double cand[3] = {best[i] * f, best[i] / f, 0};
            if (best[i] <= 0) {
                cand[0] = mean;
                cand[1] = mean / (f * f);
            }
            for (int a = 0; a < 3; a++) {
                if (cand[a] == best[i])
                    continue;
                memcpy(trial, best, d * sizeof *trial);
                trial[i] = cand[a];
                double ft = root_bound(c, trial);
                evals++;
                if (ft < fb - 1e-15 * fabs(fb)) {
                    fb = ft;
                    memcpy(best, trial, d * sizeof *best);
                    improved = 1;
                }
            }
        }
        if (!improved)
            f = sqrt(f);
    }
    set_lambda(c, best);
    free(best);
    free(trial);
}

/* Counts nodes and asks the budget now and then; returns 1 when the search must stop. */
static int tick(bnb_t *c, size_t n)
{
    c->nodes += n;
    if (c->max_nodes && c->nodes > c->max_nodes) {
        c->stop = 1;
        c->why = AC__GO;
    } else if (c->nodes >= c->next_check) {
        c->next_check = c->nodes + CHECK_EVERY;
        ac__stop w = ac__budget_check(c->budget);
        if (w) {
            c->stop = 1;
            c->why = w;
        }
    }
    return c->stop;
}

static void leaf_max(bnb_t *c)
{
    ac_space_utility(c->s, c->cur, c->u);
    if (!acceptable(c, c->u))
        return;
    double x = objective(c, c->u);
    if (!c->have || x > c->target) {
        c->have = 1;
        c->target = x;
        memcpy(c->hit, c->cur, c->ni * sizeof *c->hit);
    }
}

/* Search A below depth t: the best objective value, children best bound first. */
static void search_max(bnb_t *c, size_t t)
{
    const ac_space *s = c->s;
    const size_t d = c->d;
    if (t == c->ni) {
        leaf_max(c);
        return;
    }
    size_t k = c->ord[t];
    const double *p = c->p + t * d;
    double *x = c->p + (t + 1) * d;
    kid_t *kid = c->kid + t * c->maxopt;
    size_t nk = 0;
    for (uint32_t q = 0; q < s->n_options[k]; q++) {
        if (!s->allowed[k][q])
            continue;
        const double *cq = s->contrib[k] + (size_t)q * d;
        for (size_t i = 0; i < d; i++)
            x[i] = p[i] + cq[i];
        double b = node_bound(c, t + 1, x, c->lp[t] + c->lc[c->off[k] + q]);
        if (b == -INFINITY || (c->have && b <= c->target))
            continue;
        size_t a = nk++;
        while (a > 0 && kid[a - 1].bound < b) {
            kid[a] = kid[a - 1];
            a--;
        }
        kid[a].bound = b;
        kid[a].q = q;
    }
    if (tick(c, s->n_options[k]))
        return;
    for (size_t a = 0; a < nk; a++) {
        if (c->have && kid[a].bound <= c->target)
            break; /* sorted: the rest cannot beat the incumbent either */
        uint32_t q = kid[a].q;
        const double *cq = s->contrib[k] + (size_t)q * d;
        for (size_t i = 0; i < d; i++)
            x[i] = p[i] + cq[i];
        c->lp[t + 1] = c->lp[t] + c->lc[c->off[k] + q];
        c->cur[k] = q;
        search_max(c, t + 1);
        if (c->stop)
            return;
    }
}

/* Is there a qualifying leaf (acceptable, objective >= target) below depth t? Issues
 * held by fixed take only that option (they come first in the order); the others go
 * widest first, children best bound first, as in search A, so a witness turns up early
 * and an empty subtree is proved by the bounds. On success the witness is in hit. */
static int search_exists(bnb_t *c, size_t t)
{
    const ac_space *s = c->s;
    const size_t d = c->d;
    if (t == c->ni) {
        ac_space_utility(s, c->cur, c->u);
        if (!acceptable(c, c->u) || objective(c, c->u) < c->target)
            return 0;
        memcpy(c->hit, c->cur, c->ni * sizeof *c->hit);
        return 1;
    }
    size_t k = c->ord[t];
    const double *p = c->p + t * d;
    double *x = c->p + (t + 1) * d;
    kid_t *kid = c->kid + t * c->maxopt;
    size_t nk = 0;
    uint32_t q0 = c->fixed[k] == FREE ? 0 : c->fixed[k];
    uint32_t q1 = c->fixed[k] == FREE ? s->n_options[k] : c->fixed[k] + 1;
    for (uint32_t q = q0; q < q1; q++) {
        if (!s->allowed[k][q])
            continue;
        const double *cq = s->contrib[k] + (size_t)q * d;
        for (size_t i = 0; i < d; i++)
            x[i] = p[i] + cq[i];
        double b = node_bound(c, t + 1, x, c->lp[t] + c->lc[c->off[k] + q]);
        if (b == -INFINITY || b < c->target)
            continue;
        size_t a = nk++;
        while (a > 0 && kid[a - 1].bound < b) {
            kid[a] = kid[a - 1];
            a--;
        }
        kid[a].bound = b;
        kid[a].q = q;
    }
    if (tick(c, q1 - q0))
        return 0;
    for (size_t a = 0; a < nk; a++) {
        uint32_t q = kid[a].q;
        const double *cq = s->contrib[k] + (size_t)q * d;
        for (size_t i = 0; i < d; i++)
            x[i] = p[i] + cq[i];
        c->lp[t + 1] = c->lp[t] + c->lc[c->off[k] + q];
        c->cur[k] = q;
        if (search_exists(c, t + 1))
            return 1;
        if (c->stop)
            return 0;
    }
    return 0;
}

/* Search B: the lexicographically smallest qualifying outcome, issue by issue in file
 * order: issue k takes the least option whose prefix (the answer's options on issues
 * before k, then it) still has a qualifying completion, each asked of search_exists.
 * best holds a qualifying outcome (search A's argmax) and ends as the answer; an option
 * at or above best's needs no asking, best itself witnesses it. order: scratch [ni].
 * Returns 0, or 1 when the budget stopped it. */
static int lex_first(bnb_t *c, uint32_t *best, const size_t *by_spread, size_t *order)
{
    const ac_space *s = c->s;
    const size_t ni = c->ni;
    double *lam = c->tmp;
    memcpy(lam, c->lam, c->d * sizeof *lam);
    for (size_t k = 0; k < ni; k++) {
        for (uint32_t q = 0; q < best[k]; q++) {
            if (!s->allowed[k][q])
                continue;
            /* issues 0..k held, then the free ones widest first */
            size_t n = 0;
            for (size_t j = 0; j <= k; j++) {
                c->fixed[j] = j < k ? best[j] : q;
                order[n++] = j;
            }
            for (size_t j = k + 1; j < ni; j++)
                c->fixed[j] = FREE;
            for (size_t t = 0; t < ni; t++)
                if (by_spread[t] > k)
                    order[n++] = by_spread[t];
            set_order(c, order);
            set_lambda(c, lam);
            memset(c->p, 0, c->d * sizeof *c->p);
            c->lp[0] = 0;
            int found = search_exists(c, 0);
            if (c->stop)
                return 1;
            if (found) {
                memcpy(best, c->hit, ni * sizeof *best);
                break;
            }
        }
    }
    return 0;
}

/* Search A from the root after choosing the multipliers; incumbent from the pool. */
static void run_max(bnb_t *c, const double *lam0, const uint32_t *pool, size_t n_pool)
{
    c->have = 0;
    for (size_t a = 0; a < n_pool; a++) {
        memcpy(c->cur, pool + a * c->ni, c->ni * sizeof *c->cur);
        leaf_max(c);
    }
    choose_lambda(c, lam0);
    memset(c->p, 0, c->d * sizeof *c->p);
    c->lp[0] = 0;
    search_max(c, 0);
}

static int spread_desc(const void *a, const void *b)
{
    const double *x = *(const double *const *)a, *y = *(const double *const *)b;
    if (*x != *y)
        return *x > *y ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: by issue */
}

static void bnb_free(bnb_t *c)
{
    free(c->lo);
    free(c->span);
    free(c->ord);
    free(c->off);
    free(c->rem);
    free(c->lam);
    free(c->by_lam);
    free(c->lc);
    free(c->lrem);
    free(c->cur);
    free(c->p);
    free(c->lp);
    free(c->kid);
    free(c->u);
    free(c->cap);
    free(c->tmp);
    free(c->done);
    free(c->hit);
    free(c->fixed);
}

static ac_status fill(const bnb_t *c, ac_solution *so, const uint32_t *outcome)
{
    so->outcome = malloc((c->ni ? c->ni : 1) * sizeof *so->outcome);
    so->utility = malloc(c->d * sizeof *so->utility);
    if (!so->outcome || !so->utility)
        return AC_ENOMEM;
    memcpy(so->outcome, outcome, c->ni * sizeof *outcome);
    ac_space_utility(c->s, outcome, so->utility);
    so->value = objective(c, so->utility);
    so->found = 1;
    return AC_OK;
}

ac_status ac_solutions_search(const ac_space *s, size_t max_nodes, ac_solutions *out,
                              ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_solutions_search: missing argument");
    return ac__solutions_bnb(s, NULL, max_nodes, out, NULL, NULL, err);
}

ac_status ac__solutions_bnb(const ac_space *s, const ac__budget *budget, size_t max_nodes,
                            ac_solutions *out, size_t *nodes, ac__stop *stopped,
                            ac_error *err)
{
    return ac__solutions_bnb_progress(s, budget, max_nodes, NULL, NULL, out, nodes, stopped,
                                      err);
}

ac_status ac__solutions_bnb_progress(const ac_space *s, const ac__budget *budget,
                                     size_t max_nodes, void (*progress)(void *, double),
                                     void *ctx, ac_solutions *out, size_t *nodes,
                                     ac__stop *stopped, ac_error *err)
{
    memset(out, 0, sizeof *out);
    if (nodes)
        *nodes = 0;
    if (stopped)
        *stopped = AC__GO;
    if (!s)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac__solutions_bnb: missing argument");
    const size_t d = s->n_parties, ni = s->n_issues;
    bnb_t c = {.s = s, .d = d, .ni = ni, .budget = budget, .max_nodes = max_nodes,
               .next_check = 0};
    for (size_t k = 0; k < ni; k++) {
        int any = 0;
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            any |= s->allowed[k][q] != 0;
        if (!any)
            return AC_OK; /* every option of an issue crosses a red line: empty ZOPA */
        if (s->n_options[k] > c.maxopt)
            c.maxopt = s->n_options[k];
        c.total_opts += s->n_options[k];
    }
    size_t n1 = ni ? ni : 1, pool_n = d + 3;
    c.lo = malloc(d * sizeof *c.lo);
    c.span = calloc(d, sizeof *c.span);
    c.ord = malloc(n1 * sizeof *c.ord);
    c.off = malloc(n1 * sizeof *c.off);
    c.rem = malloc((ni + 1) * d * sizeof *c.rem);
    c.lam = malloc(d * sizeof *c.lam);
    c.by_lam = malloc(d * sizeof *c.by_lam);
    c.lc = malloc((c.total_opts ? c.total_opts : 1) * sizeof *c.lc);
    c.lrem = malloc((ni + 1) * sizeof *c.lrem);
    c.cur = calloc(n1, sizeof *c.cur);
    c.p = malloc((ni + 1) * d * sizeof *c.p);
    c.lp = malloc((ni + 1) * sizeof *c.lp);
    c.kid = malloc(n1 * (c.maxopt ? c.maxopt : 1) * sizeof *c.kid);
    c.u = malloc(d * sizeof *c.u);
    c.cap = malloc(d * sizeof *c.cap);
    c.tmp = malloc(d * sizeof *c.tmp);
    c.done = malloc(d);
    c.hit = calloc(n1, sizeof *c.hit);
    c.fixed = malloc(n1 * sizeof *c.fixed);
    uint32_t *lex = malloc(n1 * sizeof *lex);
    uint32_t *pool = malloc(pool_n * n1 * sizeof *pool);
    size_t *order_buf = malloc(n1 * sizeof *order_buf);
    double **spread = malloc(n1 * sizeof *spread), *sv = malloc(n1 * sizeof *sv);
    double *lam0 = malloc(d * sizeof *lam0);
    size_t *by_spread = malloc(n1 * sizeof *by_spread);
    out->best = malloc(d * sizeof *out->best);
    ac_status st = AC_OK;
    if (!c.lo || !c.span || !c.ord || !c.off || !c.rem || !c.lam || !c.by_lam || !c.lc ||
        !c.lrem || !c.cur || !c.p || !c.lp || !c.kid || !c.u || !c.cap || !c.tmp || !c.done ||
        !c.hit || !c.fixed || !lex || !pool || !order_buf || !spread || !sv || !lam0 || !by_spread || !out->best) {
        st = AC_ENOMEM;
        goto done;
    }
    size_t n_pool = 0;
    c.sum_lo = 0;
    for (size_t i = 0; i < d; i++) {
        c.lo[i] = s->reservation[i] - AC_EPS;
        c.sum_lo += c.lo[i];
    }
    /* search A's order: the issues that move utilities most first */
    for (size_t k = 0, o = 0; k < ni; k++) {
        c.off[k] = o;
        o += s->n_options[k];
        sv[k] = 0;
        for (size_t i = 0; i < d; i++) {
            double lo = INFINITY, hi = -INFINITY;
            for (uint32_t q = 0; q < s->n_options[k]; q++)
                if (s->allowed[k][q]) {
                    double x = s->contrib[k][(size_t)q * d + i];
                    lo = x < lo ? x : lo;
                    hi = x > hi ? x : hi;
                }
            sv[k] += hi - lo;
        }
        spread[k] = &sv[k];
    }
    qsort(spread, ni, sizeof *spread, spread_desc);
    for (size_t t = 0; t < ni; t++)
        by_spread[t] = (size_t)(spread[t] - sv);

    /* b_i: the best u_i over the ZOPA */
    c.which = OBJ_BEST;
    set_order(&c, by_spread);
    for (size_t j = 0; j < d && !c.stop; j++) {
        c.party = j;
        memset(lam0, 0, d * sizeof *lam0);
        lam0[j] = 1;
        run_max(&c, lam0, pool, n_pool);
        if (c.stop)
            break;
        if (!c.have) { /* no acceptable outcome at all */
            free(out->best);
            out->best = NULL;
            goto done;
        }
        out->best[j] = c.target;
        memcpy(pool + n_pool++ * ni, c.hit, ni * sizeof *pool);
        if (progress)
            progress(ctx, (double)(j + 1) / (double)(d + 6));
    }
    for (size_t i = 0; i < d && !c.stop; i++)
        c.span[i] = out->best[i] - s->reservation[i];

    ac_solution *sol[3] = {&out->nash, &out->kalai, &out->welfare};
    const obj_t objs[3] = {OBJ_NASH, OBJ_KALAI, OBJ_WELFARE};
    for (int w = 0; w < 3 && !c.stop; w++) {
        c.which = objs[w];
        set_order(&c, by_spread);
        /* a starting point for the multipliers: the level set's normal at the best
         * outcome known (Nash), the normalised gains (Kalai), all ones (welfare) */
        const uint32_t *x0 = pool;
        double fx = -INFINITY;
        for (size_t a = 0; a < n_pool; a++) {
            ac_space_utility(s, pool + a * ni, c.u);
            double f = objective(&c, c.u);
            if (f > fx) {
                fx = f;
                x0 = pool + a * ni;
            }
        }
        ac_space_utility(s, x0, c.u);
        for (size_t i = 0; i < d; i++) {
            if (c.which == OBJ_NASH)
                lam0[i] = 1.0 / fmax(c.u[i] - s->reservation[i], 1e-6);
            else if (c.which == OBJ_KALAI)
                lam0[i] = 1.0 / fmax(c.span[i], 1e-6);
            else
                lam0[i] = 1;
        }
        run_max(&c, lam0, pool, n_pool);
        if (c.stop)
            break;
        if (progress)
            progress(ctx, (double)(d + 2 * (size_t)w + 1) / (double)(d + 6));
        uint32_t *argmax = pool + n_pool * ni; /* room for d + 3 */
        memcpy(argmax, c.hit, ni * sizeof *argmax);
        n_pool++;
        double V = c.target;
        /* search B, with the same multipliers re-summed in each order it takes */
        c.target = V - AC_EPS;
        memcpy(lex, argmax, ni * sizeof *lex);
        if (lex_first(&c, lex, by_spread, order_buf))
            break;
        if ((st = fill(&c, sol[w], lex)))
            goto done;
        if (progress)
            progress(ctx, (double)(d + 2 * (size_t)w + 2) / (double)(d + 6));
    }
done:
    if (nodes)
        *nodes = c.nodes;
    if (!st && c.stop) {
        ac_solutions_free(out);
        if (stopped)
            *stopped = c.why;
        if (c.why == AC__GO)
            st = ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                              "bargaining solutions: the search passed %zu nodes", max_nodes);
        else
            st = ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                              "bargaining solutions: stopped by %s after %zu search nodes",
                              ac__stop_what(c.why), c.nodes);
    } else if (st) {
        ac_solutions_free(out);
        st = ac_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    free(pool);
    free(lex);
    free(order_buf);
    free(spread);
    free(sv);
    free(lam0);
    free(by_spread);
    bnb_free(&c);
    return st;
}
