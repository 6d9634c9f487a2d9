/* The revision engine (see revision.h) and the K-best revision search (mediate.h).
 *
 * Frontiers are built lazily, one change budget b at a time and, within a budget, from
 * the last issue back to the first: F[b][k] merges F[b][k+1] shifted by each option that
 * costs nothing (the draft's, or every option when unbudgeted) with F[b-1][k+1] shifted
 * by each option that costs a change. A vector dominated among those stays dominated
 * whatever the issues before k add, so F[b][0] holds, up to dominance, every utility
 * vector reachable with at most b changes; since every target is upward closed in the
 * utilities, testing a prefix against prefix + F is an exact completion test.
 *
 * K best (Lawler's partition): the best outcome o of a subspace "prefix o_0..o_{j-1}
 * fixed, options E excluded at issue j" is removed by splitting the subspace into
 * "same prefix, E + {o_j} excluded at j" and, for every p > j, "prefix o_0..o_{p-1},
 * {o_p} excluded at p". Each subspace knows its fewest changes c and the best Nash
 * product V at c (from the frontiers); the next revision is the lexicographically first
 * outcome with c* changes and product >= V* - AC_EPS over the subspaces that can hold
 * one, exactly the rule applied to what is left. */
#include "analysis/revision.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/mediate.h"
#include "analysis/dominance.h"

/* Pruning compares sums taken in different orders; this much slack keeps rounding from
 * dropping a vector whose completion lands exactly on a floor. */
#define PRUNE_SLACK 1e-12
/* A search that needs more steps than this has met tolerance effects it cannot settle. */
#define SEARCH_STEPS 5000000

typedef struct {
    size_t n;
    double *u;
} front_t;

struct ac__rv {
    const ac_space *s;
    size_t d, ni;
    const uint32_t *draft;   /* NULL: unbudgeted */
    unsigned char *locked;   /* [ni] */
    unsigned char **allow;   /* [ni][n_options]: options the engine may use */
    double *floor;           /* [d] */
    double *pref;            /* [(ni + 1) * d] best gain over issues before k */
    size_t bmax;             /* budgets beyond this change nothing */
    size_t nb;               /* layers built: F[0 .. nb-1] */
    front_t **F;             /* F[b][k], k = 0 .. ni */
    double *buf;             /* candidate scratch */
    size_t buf_cap;
    unsigned char *keep;
    size_t keep_cap;
};

void ac__rv_free(ac__rv *e)
{
    if (!e)
        return;
    for (size_t b = 0; b < e->nb; b++) {
        for (size_t k = 0; k <= e->ni; k++)
            free(e->F[b][k].u);
        free(e->F[b]);
    }
    free(e->F);
    if (e->allow)
        for (size_t k = 0; k < e->ni; k++)
            free(e->allow[k]);
    free(e->allow);
    free(e->locked);
    free(e->floor);
    free(e->pref);
    free(e->buf);
    free(e->keep);
    free(e);
}

/* May option q of issue k be used at all? */
static int usable(const ac__rv *e, size_t k, uint32_t q)
{
    if (!e->allow[k][q])
        return 0;
    return !(e->draft && e->locked[k] && q != e->draft[k]);
}

static size_t cost(const ac__rv *e, size_t k, uint32_t q)
{
    return e->draft && q != e->draft[k];
}

ac_status ac__rv_new(const ac_space *s, const uint32_t *draft, const unsigned char *locked,
                     const unsigned char *const *allow, const double *floor, ac__rv **out,
                     ac_error *err)
{
    *out = NULL;
    const size_t d = s->n_parties, ni = s->n_issues;
    ac__rv *e = calloc(1, sizeof *e);
    if (!e)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    e->s = s;
    e->d = d;
    e->ni = ni;
    e->draft = draft;
    e->locked = calloc(ni ? ni : 1, 1);
    e->allow = calloc(ni ? ni : 1, sizeof *e->allow);
    e->floor = malloc(d * sizeof *e->floor);
    e->pref = calloc((ni + 1) * d, sizeof *e->pref);
    if (!e->locked || !e->allow || !e->floor || !e->pref)
        goto oom;
    for (size_t k = 0; k < ni; k++) {
        e->allow[k] = malloc(s->n_options[k]);
        if (!e->allow[k])
            goto oom;
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            e->allow[k][q] = allow ? allow[k][q] : s->allowed[k][q];
        e->locked[k] = draft && locked && locked[k];
        e->bmax += draft && !e->locked[k];
    }
    for (size_t i = 0; i < d; i++)
        e->floor[i] = floor ? floor[i] : s->reservation[i];
    for (size_t k = 0; k < ni; k++)
        for (size_t i = 0; i < d; i++) {
            double b = 0;
            int any = 0;
            for (uint32_t q = 0; q < s->n_options[k]; q++)
                if (usable(e, k, q)) {
                    double c = s->contrib[k][(size_t)q * d + i];
                    if (!any || c > b)
                        b = c;
                    any = 1;
                }
            e->pref[(k + 1) * d + i] = e->pref[k * d + i] + b;
        }
    *out = e;
    return AC_OK;
oom:
    ac__rv_free(e);
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}

static int grow(void **p, size_t *cap, size_t n, size_t elem)
{
    if (n <= *cap)
        return 0;
    size_t c = *cap ? *cap : 1024;
    while (c < n)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* Builds layer b (all lower layers exist). */
static ac_status build_layer(ac__rv *e, size_t b, ac_error *err)
{
    const ac_space *s = e->s;
    const size_t d = e->d, ni = e->ni;
    front_t **F2 = realloc(e->F, (b + 1) * sizeof *F2);
    if (!F2)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    e->F = F2;
    front_t *L = calloc(ni + 1, sizeof *L);
    if (!L)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    e->F[b] = L;
    e->nb = b + 1;
    L[ni].n = 1;
    if (!(L[ni].u = calloc(d, sizeof *L[ni].u)))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = ni; k-- > 0;) {
        size_t n = 0;
        const double *pk = e->pref + k * d;
        for (uint32_t q = 0; q < s->n_options[k]; q++) {
            if (!usable(e, k, q))
                continue;
            size_t c = cost(e, k, q);
            if (c > b)
                continue;
            const front_t *src = &e->F[b - c][k + 1];
            if (grow((void **)&e->buf, &e->buf_cap, (n + src->n) * d, sizeof *e->buf))
                return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            const double *cq = s->contrib[k] + (size_t)q * d;
            for (size_t a = 0; a < src->n; a++) {
                double *w = e->buf + n * d;
                int ok = 1;
                for (size_t i = 0; i < d; i++) {
                    w[i] = src->u[a * d + i] + cq[i];
                    if (w[i] + pk[i] < e->floor[i] - AC_EPS - PRUNE_SLACK)
                        ok = 0;
                }
                n += ok;
            }
        }
        if (grow((void **)&e->keep, &e->keep_cap, n ? n : 1, 1))
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        if (n && ac__pareto_filter(e->buf, n, d, e->keep))
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        size_t m = 0;
        for (size_t a = 0; a < n; a++)
            m += e->keep[a];
        L[k].u = malloc((m ? m : 1) * d * sizeof *L[k].u);
        if (!L[k].u)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t a = 0, w = 0; a < n; a++)
            if (e->keep[a])
                memcpy(L[k].u + (w++) * d, e->buf + a * d, d * sizeof *L[k].u);
        L[k].n = m;
    }
    return AC_OK;
}

/* The frontier of issues k.. with at most b changes (b clamped to what can matter). */
static ac_status front(ac__rv *e, size_t b, size_t k, const front_t **f, ac_error *err)
{
    if (b > e->bmax)
        b = e->bmax;
    while (e->nb <= b) {
        ac_status st = build_layer(e, e->nb, err);
        if (st)
            return st;
    }
    *f = &e->F[b][k];
    return AC_OK;
}

static double objval(const ac__rv *e, ac__rv_obj obj, size_t party, const double *u)
{
    if (obj == AC__RV_PARTY)
        return u[party];
    if (obj == AC__RV_NONE)
        return 0;
    double x = 1;
    for (size_t i = 0; i < e->d; i++)
        x *= fmax(0.0, u[i] - e->s->reservation[i]);
    return x;
}

static int meets_floors(const ac__rv *e, const double *u)
{
    for (size_t i = 0; i < e->d; i++)
        if (u[i] < e->floor[i] - AC_EPS)
            return 0;
    return 1;
}

/* A subspace of Lawler's partition. */
typedef struct {
    uint32_t *prefix;     /* [ni]; the first j entries are fixed */
    size_t j;
    unsigned char *excl;  /* [n_options[j]] excluded at j (NULL when j == ni) */
    int valid;
    size_t c;             /* fewest changes */
    double V;             /* best objective at c */
    int done;             /* invalid and known to hold nothing at any budget */
    size_t lb;            /* when not valid: no completion has fewer changes than this */
} sub_t;

static void sub_free(sub_t *u)
{
    free(u->prefix);
    free(u->excl);
}

/* The prefix's utility and changes. */
static size_t prefix_state(const ac__rv *e, const uint32_t *o, size_t j, double *x)
{
    size_t c = 0;
    memset(x, 0, e->d * sizeof *x);
    for (size_t k = 0; k < j; k++) {
        const double *cq = e->s->contrib[k] + (size_t)o[k] * e->d;
        for (size_t i = 0; i < e->d; i++)
            x[i] += cq[i];
        c += cost(e, k, o[k]);
    }
    return c;
}

/* Fewest changes and best objective over the completions in the subspace, looking at
 * no more than cap changes: budgets beyond the ones a search needs are never built. */
static ac_status sub_eval(ac__rv *e, ac__rv_obj obj, size_t party, sub_t *u, size_t cap,
                          double *x, double *y, ac_error *err)
{
    const size_t d = e->d, j = u->j;
    u->valid = 0;
    u->done = 1;
    if (j >= e->ni)
        return AC_OK;
    size_t cp = prefix_state(e, u->prefix, j, x);
    for (uint32_t q = 0; q < e->s->n_options[j]; q++) {
        if (!usable(e, j, q) || u->excl[q])
            continue;
        size_t cq = cp + cost(e, j, q);
        const double *con = e->s->contrib[j] + (size_t)q * d;
        for (size_t b = 0; b <= e->bmax; b++) {
            if (u->valid && cq + b > u->c)
                break;
            if (cq + b > cap)
                break;
            const front_t *f;
            ac_status st = front(e, b, j + 1, &f, err);
            if (st)
                return st;
            int any = 0;
            double best = 0;
            for (size_t a = 0; a < f->n; a++) {
                for (size_t i = 0; i < d; i++)
                    y[i] = x[i] + con[i] + f->u[a * d + i];
                if (!meets_floors(e, y))
                    continue;
                double v = objval(e, obj, party, y);
                if (!any || v > best)
                    best = v;
                any = 1;
            }
            if (!any)
                continue;
            if (!u->valid || cq + b < u->c || best > u->V) {
                u->c = cq + b;
                u->V = best;
            }
            u->valid = 1;
            break;
        }
    }
    if (!u->valid) {
        u->done = cap >= cp + 1 + e->bmax;
        u->lb = cap + 1;
    }
    return AC_OK;
}

/* Lexicographically first completion in the subspace with exactly C changes (no fewer
 * exist there) and objective >= Vt. Returns found in *found. */
static ac_status sub_search(ac__rv *e, ac__rv_obj obj, size_t party, const sub_t *u, size_t C,
                            double Vt, uint32_t *out, int *found, double *pre, size_t *chg,
                            uint32_t *next, double *y, ac_error *err)
{
    const size_t d = e->d, ni = e->ni, j = u->j;
    *found = 0;
    memcpy(out, u->prefix, j * sizeof *out);
    chg[j] = prefix_state(e, u->prefix, j, pre + j * d);
    size_t steps = 0, k = j;
    next[k] = 0;
    for (;;) {
        const double *p = pre + k * d;
        double *x = pre + (k + 1) * d;
        uint32_t q = next[k];
        int ok = 0;
        for (; q < e->s->n_options[k]; q++) {
            if (!usable(e, k, q) || (k == j && u->excl[q]))
                continue;
            size_t c = chg[k] + cost(e, k, q);
            if (c > C)
                continue;
            if (++steps > SEARCH_STEPS)
                return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                                    "revision search: step limit reached");
            const double *cq = e->s->contrib[k] + (size_t)q * d;
            for (size_t i = 0; i < d; i++)
                x[i] = p[i] + cq[i];
            const front_t *f;
            ac_status st = front(e, C - c, k + 1, &f, err);
            if (st)
                return st;
            for (size_t a = 0; a < f->n && !ok; a++) {
                for (size_t i = 0; i < d; i++)
                    y[i] = x[i] + f->u[a * d + i];
                ok = meets_floors(e, y) && objval(e, obj, party, y) >= Vt;
            }
            if (ok) {
                chg[k + 1] = c;
                break;
            }
        }
        if (ok) {
            out[k] = q;
            if (++k == ni) {
                *found = 1;
                return AC_OK;
            }
            next[k] = 0;
        } else {
            if (k == j)
                return AC_OK;
            k--;
            next[k] = out[k] + 1;
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

typedef struct {
    ac__rv *e;
    ac__rv_obj obj;
    size_t party;
    sub_t *subs;
    size_t n, cap;
    double *x, *y, *pre;
    size_t *chg;
    uint32_t *next, *cand;
} kbest_t;

static void kbest_free(kbest_t *t)
{
    for (size_t a = 0; a < t->n; a++)
        sub_free(&t->subs[a]);
    free(t->subs);
    free(t->x);
    free(t->y);
    free(t->pre);
    free(t->chg);
    free(t->next);
    free(t->cand);
}

/* Adds the subspace (prefix o_0..o_{j-1}, excl) and evaluates it. */
static ac_status kbest_add(kbest_t *t, const uint32_t *o, size_t j, const unsigned char *excl,
                           uint32_t also, size_t cap, ac_error *err)
{
    ac__rv *e = t->e;
    if (j >= e->ni)
        return AC_OK;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        sub_t *s2 = realloc(t->subs, cap * sizeof *s2);
        if (!s2)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        t->subs = s2;
        t->cap = cap;
    }
    sub_t *u = &t->subs[t->n];
    memset(u, 0, sizeof *u);
    u->j = j;
    u->prefix = malloc(e->ni * sizeof *u->prefix);
    u->excl = calloc(e->s->n_options[j], 1);
    if (!u->prefix || !u->excl) {
        sub_free(u);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    memcpy(u->prefix, o, e->ni * sizeof *o);
    if (excl)
        memcpy(u->excl, excl, e->s->n_options[j]);
    if (also != UINT32_MAX)
        u->excl[also] = 1;
    t->n++;
    return sub_eval(e, t->obj, t->party, u, cap, t->x, t->y, err);
}

/* The K best outcomes of the engine's target set in the order (changes, objective desc,
 * lexicographic); results in out[0 .. *n-1] (outcome rows of ni). */
static ac_status kbest(ac__rv *e, ac__rv_obj obj, size_t party, size_t K, uint32_t *out,
                       size_t *changes, double *values, size_t *n_out, ac_error *err)
{
    const size_t d = e->d, ni = e->ni;
    *n_out = 0;
    kbest_t t = {.e = e, .obj = obj, .party = party};
    t.x = malloc(d * sizeof *t.x);
    t.y = malloc(d * sizeof *t.y);
    t.pre = malloc((ni + 1) * d * sizeof *t.pre);
    t.chg = malloc((ni + 1) * sizeof *t.chg);
    t.next = malloc((ni + 1) * sizeof *t.next);
    t.cand = malloc((ni ? ni : 1) * sizeof *t.cand);
    ac_status st = AC_OK;
    if (!t.x || !t.y || !t.pre || !t.chg || !t.next || !t.cand) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    memset(t.cand, 0, (ni ? ni : 1) * sizeof *t.cand);
    if (ni == 0)
        goto done;
    if ((st = kbest_add(&t, t.cand, 0, NULL, UINT32_MAX, SIZE_MAX, err)))
        goto done;
    while (*n_out < K) {
        int any = 0;
        size_t cs = 0;
        double Vs = 0;
        /* Subspaces looked at under a smaller cap may hold something at the current
         * fewest changes: look again, up to that, until nothing changes. */
        for (int again = 1; again;) {
            again = 0;
            any = 0;
            for (size_t a = 0; a < t.n; a++) {
                const sub_t *u = &t.subs[a];
                if (!u->valid)
                    continue;
                if (!any || u->c < cs || (u->c == cs && u->V > Vs)) {
                    cs = u->c;
                    Vs = u->V;
                }
                any = 1;
            }
            for (size_t a = 0; a < t.n; a++) {
                sub_t *u = &t.subs[a];
                if (u->valid || u->done || (any && u->lb > cs))
                    continue;
                if ((st = sub_eval(e, obj, party, u, any ? cs : SIZE_MAX, t.x, t.y, err)))
                    goto done;
                again = 1;
            }
        }
        if (!any)
            break;
        uint32_t *best = out + *n_out * ni;
        size_t src = SIZE_MAX;
        for (size_t a = 0; a < t.n; a++) {
            const sub_t *u = &t.subs[a];
            if (!u->valid || u->c != cs || u->V < Vs - AC_EPS)
                continue;
            int found;
            st = sub_search(e, obj, party, u, cs, Vs - AC_EPS, t.cand, &found, t.pre, t.chg,
                            t.next, t.y, err);
            if (st)
                goto done;
            if (found && (src == SIZE_MAX || lex_less(t.cand, best, ni))) {
                memcpy(best, t.cand, ni * sizeof *best);
                src = a;
            }
        }
        if (src == SIZE_MAX) {
            st = ac_error_set(err, AC_EINTERNAL, NULL, 0, 0,
                              "revision search: a subspace's best outcome was not found");
            goto done;
        }
        double *u = t.x;
        ac_space_utility(e->s, best, u);
        changes[*n_out] = prefix_state(e, best, ni, t.y);
        values[*n_out] = objval(e, obj, party, u);
        (*n_out)++;
        if (*n_out == K)
            break;
        /* Partition the source subspace around the outcome just taken. */
        sub_t old = t.subs[src];
        t.subs[src] = t.subs[--t.n];
        /* the children hold nothing with fewer changes than the outcome taken */
        st = kbest_add(&t, best, old.j, old.excl, best[old.j], cs, err);
        for (size_t p = old.j + 1; !st && p < ni; p++)
            st = kbest_add(&t, best, p, NULL, best[p], cs, err);
        sub_free(&old);
        if (st)
            goto done;
    }
done:
    kbest_free(&t);
    return st;
}

ac_status ac__rv_feasible(ac__rv *e, int *yes, ac_error *err)
{
    *yes = 0;
    const front_t *f;
    ac_status st = front(e, e->bmax, 0, &f, err);
    if (st)
        return st;
    for (size_t a = 0; a < f->n && !*yes; a++)
        *yes = meets_floors(e, f->u + a * e->d);
    return AC_OK;
}

ac_status ac__rv_best(ac__rv *e, ac__rv_obj obj, size_t party, int *found, size_t *changes,
                      double *value, uint32_t *outcome, ac_error *err)
{
    size_t n = 0;
    ac_status st = kbest(e, obj, party, 1, outcome, changes, value, &n, err);
    *found = n == 1;
    return st;
}

void ac_revisions_free(ac_revision *r, size_t n)
{
    if (!r)
        return;
    for (size_t a = 0; a < n; a++) {
        free(r[a].outcome);
        free(r[a].utility);
    }
    free(r);
}

ac_status ac_revision_search(const ac_space *s, const uint32_t *draft,
                             const unsigned char *locked, size_t k, ac_revision **out,
                             size_t *n_out, ac_error *err)
{
    *out = NULL;
    *n_out = 0;
    if (!s || !draft)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_revision_search: missing argument");
    const size_t ni = s->n_issues, d = s->n_parties;
    for (size_t j = 0; j < ni; j++)
        if (draft[j] >= s->n_options[j])
            return ac_error_set(err, AC_EARG, NULL, 0, 0,
                                "ac_revision_search: draft option out of range");
    if (!k)
        return AC_OK;
    ac__rv *e;
    ac_status st = ac__rv_new(s, draft, locked, NULL, NULL, &e, err);
    if (st)
        return st;
    uint32_t *os = NULL;
    size_t *ch = NULL, n = 0;
    double *val = NULL;
    ac_revision *r = NULL;
    /* K beyond the outcome count is pointless; it also bounds the buffers. */
    double cap = ac__u128_double(s->outcomes);
    if (!s->outcomes_overflow && (double)k > cap)
        k = (size_t)cap;
    if (k > SIZE_MAX / ((ni ? ni : 1) * sizeof *os) / 2) {
        ac__rv_free(e);
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_revision_search: k is too large");
    }
    os = malloc(k * (ni ? ni : 1) * sizeof *os);
    ch = malloc(k * sizeof *ch);
    val = malloc(k * sizeof *val);
    if (!os || !ch || !val) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if ((st = kbest(e, AC__RV_NASH, 0, k, os, ch, val, &n, err)))
        goto done;
    r = calloc(n ? n : 1, sizeof *r);
    if (!r) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < n; a++) {
        r[a].changes = ch[a];
        r[a].nash = val[a];
        r[a].outcome = malloc((ni ? ni : 1) * sizeof *r[a].outcome);
        r[a].utility = malloc(d * sizeof *r[a].utility);
        if (!r[a].outcome || !r[a].utility) {
            ac_revisions_free(r, n);
            r = NULL;
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        memcpy(r[a].outcome, os + a * ni, ni * sizeof *os);
        ac_space_utility(s, r[a].outcome, r[a].utility);
    }
    *out = r;
    *n_out = n;
done:
    free(os);
    free(ch);
    free(val);
    ac__rv_free(e);
    return st;
}
