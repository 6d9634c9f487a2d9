/* The walks over one chunk: the ZOPA count alone (the fast path), pass 1 (count, best
 * utilities, welfare and Nash records, frontier candidates) and pass 2 (Kalai records,
 * which need the best utilities b_i of the whole ZOPA first).
 *
 * See enum_internal.h for the partial sums and the bounds. Invariants of the walks:
 *  - part + k * np holds the utilities of issues 0..k-1 of dig[0..k-1], summed in issue
 *    order, whenever a node at level k runs;
 *  - outcomes are visited in lexicographic order, so the first record of a value is the
 *    lexicographically first outcome with it, and a chunk point always precedes the
 *    outcomes its front is asked about;
 *  - nothing is allocated per outcome: the front and the record windows grow
 *    geometrically and are reused across chunks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/enum_internal.h"

#define AC__INLINE static inline __attribute__((always_inline))

/* ---------------------------------------------------------------- counting kernels */

/* ZOPA outcomes among the last issue's options below prefix utilities p (prefix free of
 * red lines). p + min and p + max bound p + c exactly, so the shortcuts are exact. */
AC__INLINE uint64_t count_last(const ac__eplan *P, const double *p, size_t np)
{
    const size_t L = P->ni - 1, na = P->na[L];
    const double *mn = P->minZ + L * np, *mx = P->maxZ + L * np, *t = P->t;
    int all = 1;
    for (size_t i = 0; i < np; i++) {
        if (p[i] + mx[i] < t[i])
            return 0;
        all &= p[i] + mn[i] >= t[i];
    }
    if (all)
        return na;
    const double *c = P->lsoa;
    uint64_t n = 0;
    /* Branch-free so the compiler can vectorise over options. */
    for (size_t j = 0; j < na; j++) {
        int ok = 1;
        for (size_t i = 0; i < np; i++)
            ok &= p[i] + c[i * na + j] >= t[i];
        n += (uint64_t)ok;
    }
    return n;
}

/* Bounds of a subtree at level k < L: 0 none acceptable, 2 all acceptable, 1 maybe. */
AC__INLINE int classify(const ac__eplan *P, const double *p, size_t k, size_t np)
{
    const double *mn = P->minZ + k * np, *mx = P->maxZ + k * np, *t = P->t;
    const double sl = P->slack;
    int all = 1;
    for (size_t i = 0; i < np; i++) {
        if (p[i] + mx[i] + sl < t[i])
            return 0;
        all &= p[i] + mn[i] - sl >= t[i];
    }
    return all ? 2 : 1;
}

/* ZOPA count below a node at level k < L whose prefix is free of red lines; only
 * allowed options are followed, so every prefix met stays free of them. */
AC__INLINE ac__u128 count_sub_body(const ac__eplan *P, double *part, size_t k, size_t np,
                                  ac__ecount_sub_fn self)
{
    const size_t L = P->ni - 1;
    const double *p = part + k * np;
    int cls = classify(P, p, k, np);
    if (cls == 0)
        return 0;
    if (cls == 2)
        return P->asuf[k];
    double *q = part + (k + 1) * np;
    const double *c = P->acon[k];
    const size_t na = P->na[k];
    ac__u128 n = 0;
    if (k + 1 == L) {
        uint64_t m = 0;
        for (size_t j = 0; j < na; j++) {
            for (size_t i = 0; i < np; i++)
                q[i] = p[i] + c[j * np + i];
            m += count_last(P, q, np);
        }
        n = m;
    } else {
        for (size_t j = 0; j < na; j++) {
            for (size_t i = 0; i < np; i++)
                q[i] = p[i] + c[j * np + i];
            n += self(P, part, k + 1);
        }
    }
    return n;
}

static ac__u128 count_sub_1(const ac__eplan *P, double *part, size_t k)
{
    return count_sub_body(P, part, k, 1, count_sub_1);
}
static ac__u128 count_sub_2(const ac__eplan *P, double *part, size_t k)
{
    return count_sub_body(P, part, k, 2, count_sub_2);
}
static ac__u128 count_sub_3(const ac__eplan *P, double *part, size_t k)
{
    return count_sub_body(P, part, k, 3, count_sub_3);
}
static ac__u128 count_sub_4(const ac__eplan *P, double *part, size_t k)
{
    return count_sub_body(P, part, k, 4, count_sub_4);
}
static ac__u128 count_sub_n(const ac__eplan *P, double *part, size_t k)
{
    return count_sub_body(P, part, k, P->np, count_sub_n);
}

void ac__eplan_kernels(ac__eplan *P)
{
    static const ac__ecount_sub_fn by_np[5] = {NULL, count_sub_1, count_sub_2, count_sub_3,
                                               count_sub_4};
    P->count_sub = P->np <= 4 ? by_np[P->np] : count_sub_n;
}

/* Count below a node at any level (prefix free of red lines). */
static ac__u128 count_below(const ac__eplan *P, double *part, size_t k)
{
    if (k + 1 == P->ni)
        return count_last(P, part + k * P->np, P->np);
    return P->count_sub(P, part, k);
}

/* --------------------------------------------------------------------- workspace */

int ac__ews_init(ac__ews *w, const ac__eplan *P)
{
    memset(w, 0, sizeof *w);
    w->P = P;
    size_t np = P->np, ni = P->ni;
    w->part = calloc((ni + 1) * np, sizeof *w->part);
    w->dig = calloc(ni, sizeof *w->dig);
    w->u = calloc(np, sizeof *w->u);
    w->h = calloc(np, sizeof *w->h);
    w->span = calloc(np, sizeof *w->span);
    w->best = calloc(np, sizeof *w->best);
    int front = ac__efront_init(&w->F, np, ni);
    if (!front || !w->part || !w->dig || !w->u || !w->h || !w->span || !w->best) {
        ac__ews_free(w);
        return 0;
    }
    return 1;
}

void ac__ews_free(ac__ews *w)
{
    free(w->part);
    free(w->dig);
    free(w->u);
    free(w->h);
    free(w->span);
    free(w->best);
    for (int j = 0; j < 3; j++) {
        free(w->rec[j].v);
        free(w->rec[j].o);
    }
    ac__efront_free(&w->F);
    memset(w, 0, sizeof *w);
}

/* Sets dig[0..depth-1] and part[0..depth] for a chunk; returns 1 when the prefix
 * crosses no red line. */
static int chunk_prefix(ac__ews *w, size_t chunk)
{
    const ac__eplan *P = w->P;
    const ac_space *s = P->s;
    size_t np = P->np, D = P->depth;
    for (size_t k = D; k-- > 0;) {
        w->dig[k] = (uint32_t)(chunk % s->n_options[k]);
        chunk /= s->n_options[k];
    }
    int ok = 1;
    for (size_t i = 0; i < np; i++)
        w->part[i] = 0;
    for (size_t k = 0; k < D; k++) {
        const double *c = s->contrib[k] + (size_t)w->dig[k] * np;
        for (size_t i = 0; i < np; i++)
            w->part[(k + 1) * np + i] = w->part[k * np + i] + c[i];
        ok &= s->allowed[k][w->dig[k]] != 0;
    }
    return ok;
}

ac__u128 ac__enum_count_chunk(ac__ews *w, size_t chunk)
{
    if (!chunk_prefix(w, chunk) || !w->P->asuf[0])
        return 0;
    return count_below(w->P, w->part, w->P->depth);
}

/* A new running maximum x of objective j: keep it, forget records more than AC_EPS
 * below it (no answer can be among them any more). */
static void rec_push(ac__ews *w, int j, double x)
{
    ac__erec *r = &w->rec[j];
    size_t ni = w->P->ni, drop = 0;
    while (drop < r->n && r->v[drop] < x - AC_EPS)
        drop++;
    if (drop) {
        memmove(r->v, r->v + drop, (r->n - drop) * sizeof *r->v);
        memmove(r->o, r->o + drop * ni, (r->n - drop) * ni * sizeof *r->o);
        r->n -= drop;
    }
    r->max = x;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        double *v = realloc(r->v, cap * sizeof *v);
        if (v)
            r->v = v;
        uint32_t *o = realloc(r->o, cap * ni * sizeof *o);
        if (o)
            r->o = o;
        if (!v || !o) {
            w->oom = 1;
            return;
        }
        r->cap = cap;
    }
    r->v[r->n] = x;
    memcpy(r->o + r->n * ni, w->dig, ni * sizeof *r->o);
    r->n++;
}

static void rec_reset(ac__ews *w)
{
    for (int j = 0; j < 3; j++) {
        w->rec[j].n = 0;
        w->rec[j].max = -INFINITY;
    }
}

/* ---------------------------------------------------------------------- pass 1 */

/* Can a ZOPA outcome with utilities <= h (componentwise) change best[] or set a new
 * welfare or Nash record? */
static int improvable(const ac__ews *w, const double *h)
{
    const ac__eplan *P = w->P;
    size_t np = P->np;
    for (size_t i = 0; i < np; i++)
        if (h[i] > w->best[i])
            return 1;
    double x = ac__welfare(h, np);
    if (x >= w->lbw - AC_EPS && x > w->rec[AC__W].max)
        return 1;
    x = ac__nash(h, P->s->reservation, np);
    return x >= w->lbn - AC_EPS && x > w->rec[AC__N].max;
}

static void zopa_visit(ac__ews *w, const double *u)
{
    const ac__eplan *P = w->P;
    size_t np = P->np;
    for (size_t i = 0; i < np; i++)
        if (u[i] > w->best[i])
            w->best[i] = u[i];
    double x = ac__welfare(u, np);
    if (x >= w->lbw - AC_EPS && x > w->rec[AC__W].max)
        rec_push(w, AC__W, x);
    x = ac__nash(u, P->s->reservation, np);
    if (x >= w->lbn - AC_EPS && x > w->rec[AC__N].max)
        rec_push(w, AC__N, x);
}

/* h = p + b + sl */
static void bound(double *h, const double *p, const double *b, double sl, size_t np)
{
    for (size_t i = 0; i < np; i++)
        h[i] = p[i] + b[i] + sl;
}

/* The last issue below prefix utilities p; ok: the prefix crosses no red line; rel: its
 * options are all frontier-relevant. */
static void p1_last(ac__ews *w, int ok, int rel)
{
    const ac__eplan *P = w->P;
    const ac_space *s = P->s;
    const size_t np = P->np, L = P->ni - 1;
    const double *p = w->part + L * np, *t = P->t;
    double *h = w->h, *u = w->u;
    int zany = 0, zall = 0;
    if (ok && P->na[L]) {
        zany = zall = 1;
        for (size_t i = 0; i < np && zany; i++) {
            zany = p[i] + P->maxZ[L * np + i] >= t[i];
            zall &= p[i] + P->minZ[L * np + i] >= t[i];
        }
        zall &= zany;
    }
    int nz = 0, nf;
    if (zany) {
        bound(h, p, P->maxZ + L * np, 0, np);
        nz = improvable(w, h);
    }
    nf = rel && (zany || !P->feasible);
    if (nf) {
        bound(h, p, P->maxR + L * np, 0, np);
        nf = !ac__efront_rejects(&w->F, h);
    }
    if (!nz && !nf) {
        if (zany)
            w->cnt += zall ? P->na[L] : count_last(P, p, np);
        return;
    }
    const double *c = s->contrib[L];
    const unsigned char *al = s->allowed[L], *fr = P->rel[L];
    const uint32_t no = s->n_options[L];
    for (uint32_t o = 0; o < no; o++) {
        int acc = ok && al[o];
        for (size_t i = 0; i < np; i++) {
            u[i] = p[i] + c[(size_t)o * np + i];
            acc &= u[i] >= t[i];
        }
        if (acc)
            w->cnt++;
        int front = nf && fr[o]; /* a relevant option is allowed when feasible is set */
        if (!(acc && nz) && !front)
            continue;
        w->dig[L] = o;
        if (acc && nz)
            zopa_visit(w, u);
        if (front && (acc || !P->feasible) && !ac__efront_rejects(&w->F, u) &&
            !ac__efront_add(&w->F, u, w->dig))
            w->oom = 1;
    }
}

static void p1_node(ac__ews *w, size_t k, int ok, int rel)
{
    const ac__eplan *P = w->P;
    const ac_space *s = P->s;
    const size_t np = P->np, L = P->ni - 1;
    const double *p = w->part + k * np;
    double *h = w->h;
    int cls = ok && P->asuf[k] ? classify(P, p, k, np) : 0;
    int nz = 0, nf;
    if (cls) {
        bound(h, p, P->maxZ + k * np, P->slack, np);
        nz = improvable(w, h);
    }
    nf = rel && (cls || !P->feasible);
    if (nf) {
        bound(h, p, P->maxR + k * np, P->slack, np);
        nf = !ac__efront_rejects(&w->F, h);
    }
    if (!nz && !nf) {
        if (cls == 2)
            w->cnt += P->asuf[k];
        else if (cls == 1)
            w->cnt += P->count_sub(P, w->part, k);
        return;
    }
    double *q = w->part + (k + 1) * np;
    const double *c = s->contrib[k];
    const unsigned char *al = s->allowed[k], *fr = P->rel[k];
    for (uint32_t o = 0; o < s->n_options[k] && !w->oom; o++) {
        int ok2 = ok && al[o], rel2 = nf && fr[o];
        if (!ok2 && (P->feasible || !rel2))
            continue; /* nothing below counts, nor may be a candidate */
        w->dig[k] = o;
        for (size_t i = 0; i < np; i++)
            q[i] = p[i] + c[(size_t)o * np + i];
        if (k + 1 == L)
            p1_last(w, ok2, rel2);
        else
            p1_node(w, k + 1, ok2, rel2);
    }
}

void ac__enum_pass1_chunk(ac__ews *w, size_t chunk, const ac__ekd *seed)
{
    w->cnt = 0;
    rec_reset(w);
    ac__efront_reset(&w->F, seed);
    const ac__eplan *P = w->P;
    int ok = chunk_prefix(w, chunk), rel = 1;
    for (size_t k = 0; k < P->depth; k++)
        rel &= P->rel[k][w->dig[k]] != 0;
    if (P->depth == P->ni - 1)
        p1_last(w, ok, rel);
    else
        p1_node(w, P->depth, ok, rel);
    if (!ac__efront_finish(&w->F))
        w->oom = 1;
}

/* ---------------------------------------------------------------------- pass 2 */

/* Can a ZOPA outcome with utilities <= h set a new Kalai record? */
static int kalai_improvable(const ac__ews *w, const double *h)
{
    double x = ac__kalai(h, w->P->s->reservation, w->span, w->P->np);
    return x >= w->lbk - AC_EPS && x > w->rec[AC__K].max;
}

static void p2_last(ac__ews *w)
{
    const ac__eplan *P = w->P;
    const size_t np = P->np, L = P->ni - 1, na = P->na[L];
    const double *p = w->part + L * np, *t = P->t, *r = P->s->reservation;
    double *u = w->u;
    for (size_t i = 0; i < np; i++)
        if (p[i] + P->maxZ[L * np + i] < t[i])
            return;
    bound(w->h, p, P->maxZ + L * np, 0, np);
    if (!kalai_improvable(w, w->h))
        return;
    const double *c = P->acon[L];
    for (size_t j = 0; j < na; j++) {
        int acc = 1;
        for (size_t i = 0; i < np; i++) {
            u[i] = p[i] + c[j * np + i];
            acc &= u[i] >= t[i];
        }
        if (!acc)
            continue;
        double x = ac__kalai(u, r, w->span, np);
        if (x >= w->lbk - AC_EPS && x > w->rec[AC__K].max) {
            w->dig[L] = P->aidx[L][j];
            rec_push(w, AC__K, x);
        }
    }
}

static void p2_node(ac__ews *w, size_t k)
{
    const ac__eplan *P = w->P;
    const size_t np = P->np, L = P->ni - 1, na = P->na[k];
    const double *p = w->part + k * np;
    if (!classify(P, p, k, np))
        return;
    bound(w->h, p, P->maxZ + k * np, P->slack, np);
    if (!kalai_improvable(w, w->h))
        return;
    double *q = w->part + (k + 1) * np;
    const double *c = P->acon[k];
    for (size_t j = 0; j < na && !w->oom; j++) {
        w->dig[k] = P->aidx[k][j];
        for (size_t i = 0; i < np; i++)
            q[i] = p[i] + c[j * np + i];
        if (k + 1 == L)
            p2_last(w);
        else
            p2_node(w, k + 1);
    }
}

void ac__enum_pass2_chunk(ac__ews *w, size_t chunk)
{
    rec_reset(w);
    if (!chunk_prefix(w, chunk) || !w->P->asuf[0])
        return;
    if (w->P->depth == w->P->ni - 1)
        p2_last(w);
    else
        p2_node(w, w->P->depth);
}
