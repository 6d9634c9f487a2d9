/* The candidate frontier one thread keeps while it walks a chunk, the seed it is
 * checked against, and the k-d tree both use.
 *
 * Two kinds of points reject a vector x (an outcome's utilities, or an upper bound of
 * the utilities of a whole subtree):
 *  - chunk points (outcomes of this chunk, met in lexicographic order, so earlier than
 *    anything asked about): y >= x - AC_EPS in every coordinate means y dominates x or
 *    has the same vector with an earlier outcome, so x is neither a frontier vector nor
 *    its representative;
 *  - seed points (a frontier from other chunks, computed before this phase; real
 *    outcomes that may come later in lexicographic order): they reject x only when they
 *    dominate it (>= x - AC_EPS everywhere and > x + AC_EPS somewhere); an equal seed must
 *    not, as x may be the representative.
 * Missing a rejection is harmless, and so is keeping a dominated chunk point: the
 * candidates are merged and filtered exactly by ac_frontier_normalize, which keeps the
 * lexicographically smallest outcome per vector. So searches may give up early (the
 * two-party one does).
 *
 * Chunk points, up to two parties: an array sorted by the first utility, descending,
 * from which a new point drops the points it dominates. Without values within AC_EPS of
 * each other, two-party points form a staircase (first utility descending, second
 * ascending), so a query looks at the few points at the end of a binary-searched prefix.
 * Three parties and more: points in insertion order, scanned newest first; past a few
 * dozen, those before `nidx` are indexed by a k-d tree, rebuilt when the unindexed tail
 * grows past an eighth of them (amortised O(log n) per insertion); dominated points are
 * dropped at the end of the chunk.
 * Seed points: a k-d tree fixed for a whole phase and shared by the threads (for two
 * parties a staircase searched like the chunk points).
 * In front of all, a small cache of the points that rejected the latest queries:
 * consecutive queries of a walk are alike. */
#include <stdlib.h>
#include <string.h>

#include "analysis/enum_internal.h"

static int weakly_covers(const double *y, const double *x, size_t np)
{
    for (size_t i = 0; i < np; i++)
        if (y[i] < x[i] - AC_EPS)
            return 0;
    return 1;
}

static int strictly_somewhere(const double *y, const double *x, size_t np)
{
    for (size_t i = 0; i < np; i++)
        if (y[i] > x[i] + AC_EPS)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------- k-d tree */

#define LEAF 8

/* Orders rows lo..hi-1 of u (np doubles each) so that row mid holds the median of
 * coordinate j, rows before it are <= and rows after it >= (quickselect, Hoare). */
static void select_rows(double *u, size_t np, size_t lo, size_t hi, size_t mid, size_t j,
                        double *tmp)
{
    while (hi - lo > 1) {
        /* the lower middle: never the last row, so both parts are non-empty */
        double pivot = u[(lo + (hi - lo - 1) / 2) * np + j];
        size_t a = lo, b = hi - 1;
        for (;;) {
            while (u[a * np + j] < pivot)
                a++;
            while (u[b * np + j] > pivot)
                b--;
            if (a >= b)
                break;
            memcpy(tmp, u + a * np, np * sizeof *tmp);
            memcpy(u + a * np, u + b * np, np * sizeof *tmp);
            memcpy(u + b * np, tmp, np * sizeof *tmp);
            a++;
            b--;
        }
        /* rows lo..b are <= pivot, rows b+1..hi-1 are >= pivot */
        if (mid <= b)
            hi = b + 1;
        else
            lo = b + 1;
    }
}

/* Builds the subtree over rows lo..hi-1 at node `node`; returns the next free node.
 * Nodes are stored in pre-order, so a node's left child is the next node. */
static size_t build(ac__ekd *T, size_t node, size_t lo, size_t hi, size_t depth)
{
    size_t np = T->np;
    T->lo[node] = (uint32_t)lo;
    T->hi[node] = (uint32_t)hi;
    size_t next = node + 1;
    if (hi - lo > LEAF) {
        size_t mid = lo + (hi - lo) / 2;
        select_rows(T->u, np, lo, hi, mid, depth % np, T->tmp);
        next = build(T, next, lo, mid, depth + 1);
        T->right[node] = (uint32_t)next;
        next = build(T, next, mid, hi, depth + 1);
    } else {
        T->right[node] = 0; /* a leaf */
    }
    double *box = T->box + node * np;
    for (size_t i = 0; i < np; i++)
        box[i] = -__builtin_inf();
    for (size_t r = lo; r < hi; r++)
        for (size_t i = 0; i < np; i++)
            if (T->u[r * np + i] > box[i])
                box[i] = T->u[r * np + i];
    return next;
}

static int cmp_pair_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

int ac__ekd_build(ac__ekd *T, const double *u, size_t n, size_t np)
{
    T->np = np;
    T->n = 0;
    if (!n)
        return 1;
    /* leaves hold more than LEAF / 2 rows: fewer than n / 2 + 1 nodes */
    size_t nodes = n + 1;
    if (n > T->cap_rows) {
        double *nu = realloc(T->u, n * np * sizeof *nu);
        if (!nu)
            return 0;
        T->u = nu;
        T->cap_rows = n;
    }
    if (nodes > T->cap_nodes) {
        double *box = realloc(T->box, nodes * np * sizeof *box);
        if (box)
            T->box = box;
        uint32_t *lo = realloc(T->lo, nodes * sizeof *lo);
        if (lo)
            T->lo = lo;
        uint32_t *hi = realloc(T->hi, nodes * sizeof *hi);
        if (hi)
            T->hi = hi;
        uint32_t *right = realloc(T->right, nodes * sizeof *right);
        if (right)
            T->right = right;
        if (!box || !lo || !hi || !right)
            return 0;
        T->cap_nodes = nodes;
    }
    if (!T->tmp && !(T->tmp = malloc(np * sizeof *T->tmp)))
        return 0;
    memcpy(T->u, u, n * np * sizeof *u);
    T->n = n;
    if (np == 2)
        qsort(T->u, n, 2 * sizeof *T->u, cmp_pair_desc); /* no tree: see ac__ekd_find */
    else
        build(T, 0, 0, n, 0);
    return 1;
}

void ac__ekd_free(ac__ekd *T)
{
    free(T->u);
    free(T->box);
    free(T->lo);
    free(T->hi);
    free(T->right);
    free(T->tmp);
    memset(T, 0, sizeof *T);
}

const double *ac__ekd_find(const ac__ekd *T, const double *x, int strict)
{
    if (!T->n)
        return NULL;
    if (T->np == 2) {
        /* Rows sorted by the first utility, descending. The points that can cover x are
         * a prefix; for a frontier (a staircase) its last rows have the largest second
         * utility, and only they are tried. */
        size_t lo = 0, hi = T->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (T->u[2 * mid] >= x[0] - AC_EPS)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t j = lo, stop = lo > 4 ? lo - 4 : 0; j-- > stop;) {
            const double *y = T->u + 2 * j;
            if (weakly_covers(y, x, 2) && (!strict || strictly_somewhere(y, x, 2)))
                return y;
        }
        return NULL;
    }
    /* depth <= log2(n) + 1, and the stack holds at most one pending node per level */
    size_t np = T->np, stack[128], top = 0;
    stack[top++] = 0;
    while (top) {
        size_t node = stack[--top];
        if (!weakly_covers(T->box + node * np, x, np))
            continue;
        if (T->right[node]) {
            /* the right child holds the larger values of the split coordinate, more
             * likely to cover x: searched first (pushed last) */
            stack[top++] = node + 1;
            stack[top++] = T->right[node];
            continue;
        }
        for (size_t r = T->lo[node]; r < T->hi[node]; r++) {
            const double *y = T->u + r * np;
            if (weakly_covers(y, x, np) && (!strict || strictly_somewhere(y, x, np)))
                return y;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------------ chunk points */

/* Up to this many unindexed chunk points are scanned one by one. */
#define LOCAL_SCAN 64

int ac__efront_init(ac__efront *F, size_t np, size_t ni)
{
    memset(F, 0, sizeof *F);
    F->np = np;
    F->ni = ni;
    F->cu = malloc(AC__EFRONT_CACHE * np * sizeof *F->cu);
    F->cs = malloc(AC__EFRONT_CACHE);
    return F->cu && F->cs;
}

void ac__efront_free(ac__efront *F)
{
    free(F->u);
    free(F->o);
    free(F->cu);
    free(F->cs);
    ac__ekd_free(&F->idx);
    memset(F, 0, sizeof *F);
}

void ac__efront_reset(ac__efront *F, const ac__ekd *seed)
{
    F->n = 0;
    F->nidx = 0;
    F->idx.n = 0;
    F->nc = 0; /* chunk points of another chunk are not "earlier" here */
    F->seed = seed && seed->n ? seed : NULL;
}

static int reserve(ac__efront *F, size_t need)
{
    if (need <= F->cap)
        return 1;
    size_t cap = F->cap ? F->cap : 64;
    while (cap < need)
        cap *= 2;
    double *u = realloc(F->u, cap * F->np * sizeof *u);
    if (u)
        F->u = u;
    uint32_t *o = realloc(F->o, cap * F->ni * sizeof *o);
    if (o)
        F->o = o;
    if (!u || !o)
        return 0;
    F->cap = cap;
    return 1;
}

/* Puts a copy of y at the front of the cache. */
static void remember(ac__efront *F, const double *y, int seed)
{
    size_t np = F->np, n = F->nc < AC__EFRONT_CACHE ? F->nc + 1 : AC__EFRONT_CACHE;
    memmove(F->cu + np, F->cu, (n - 1) * np * sizeof *F->cu);
    memmove(F->cs + 1, F->cs, n - 1);
    memcpy(F->cu, y, np * sizeof *y);
    F->cs[0] = (unsigned char)seed;
    F->nc = n;
}

/* A hit swaps places with the front entry. */
static int cache_rejects(ac__efront *F, const double *x)
{
    size_t np = F->np;
    for (size_t c = 0; c < F->nc; c++) {
        const double *y = F->cu + c * np;
        if (!weakly_covers(y, x, np) || (F->cs[c] && !strictly_somewhere(y, x, np)))
            continue;
        if (c) {
            for (size_t i = 0; i < np; i++) {
                double t = F->cu[i];
                F->cu[i] = F->cu[c * np + i];
                F->cu[c * np + i] = t;
            }
            unsigned char t = F->cs[0];
            F->cs[0] = F->cs[c];
            F->cs[c] = t;
        }
        return 1;
    }
    return 0;
}

/* Number of leading points with u[0] >= v (strict: u[0] > v); sorted arrays only. */
static size_t count_ge(const ac__efront *F, double v, int strict)
{
    size_t lo = 0, hi = F->n, np = F->np;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double y = F->u[mid * np];
        if (strict ? y > v : y >= v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const double *local_find(ac__efront *F, const double *x)
{
    size_t np = F->np;
    if (np <= 2) {
        /* only points with u[0] >= x[0] - AC_EPS can cover x: a prefix; along the
         * staircase the second utility grows, so its last points are the ones to try */
        size_t m = count_ge(F, x[0] - AC_EPS, 0), stop = m > 4 ? m - 4 : 0;
        for (size_t j = m; j-- > stop;)
            if (weakly_covers(F->u + j * np, x, np))
                return F->u + j * np;
        return NULL;
    }
    /* the newest points first: they are the nearest to x */
    for (size_t j = F->n; j-- > F->nidx;)
        if (weakly_covers(F->u + j * np, x, np))
            return F->u + j * np;
    return ac__ekd_find(&F->idx, x, 0);
}

int ac__efront_rejects(ac__efront *F, const double *x)
{
    if (F->nc && cache_rejects(F, x))
        return 1;
    const double *y = F->n ? local_find(F, x) : NULL;
    if (y) {
        remember(F, y, 0);
        return 1;
    }
    y = F->seed ? ac__ekd_find(F->seed, x, 1) : NULL;
    if (y)
        remember(F, y, 1);
    return y != NULL;
}

/* True when x dominates y beyond AC_EPS (then y cannot be on the frontier). */
static int dominated_by(const double *y, const double *x, size_t np)
{
    int strict = 0;
    for (size_t i = 0; i < np; i++) {
        if (y[i] > x[i] + AC_EPS)
            return 0;
        if (y[i] < x[i] - AC_EPS)
            strict = 1;
    }
    return strict;
}

static void copy_point(ac__efront *F, size_t to, size_t from)
{
    memcpy(F->u + to * F->np, F->u + from * F->np, F->np * sizeof *F->u);
    memcpy(F->o + to * F->ni, F->o + from * F->ni, F->ni * sizeof *F->o);
}

int ac__efront_add(ac__efront *F, const double *x, const uint32_t *o)
{
    size_t np = F->np, ni = F->ni;
    if (!reserve(F, F->n + 1))
        return 0;
    if (np > 2) {
        memcpy(F->u + F->n * np, x, np * sizeof *x);
        memcpy(F->o + F->n * ni, o, ni * sizeof *o);
        F->n++;
        size_t tail = F->n - F->nidx;
        if (tail > LOCAL_SCAN && tail > F->nidx / 8) {
            if (!ac__ekd_build(&F->idx, F->u, F->n, np))
                return 0;
            F->nidx = F->n;
        }
        return 1;
    }
    /* Drop what x dominates: those points have u[0] <= x[0] + AC_EPS, a suffix. */
    size_t w = count_ge(F, x[0] + AC_EPS, 1);
    for (size_t j = w; j < F->n; j++)
        if (!dominated_by(F->u + j * np, x, np)) {
            if (w != j)
                copy_point(F, w, j);
            w++;
        }
    F->n = w;
    /* insert after the points with an equal first utility */
    size_t pos = count_ge(F, x[0], 0), tail = F->n - pos;
    memmove(F->u + (pos + 1) * np, F->u + pos * np, tail * np * sizeof *F->u);
    memmove(F->o + (pos + 1) * ni, F->o + pos * ni, tail * ni * sizeof *F->o);
    memcpy(F->u + pos * np, x, np * sizeof *x);
    memcpy(F->o + pos * ni, o, ni * sizeof *o);
    F->n++;
    return 1;
}

/* Is point j dominated by another one? Few points: a plain scan. */
static int dominated_in(const ac__efront *F, size_t j, int tree)
{
    size_t np = F->np;
    const double *x = F->u + j * np;
    if (tree)
        return ac__ekd_find(&F->idx, x, 1) != NULL;
    for (size_t a = 0; a < F->n; a++)
        if (a != j && dominated_by(x, F->u + a * np, np))
            return 1;
    return 0;
}

int ac__efront_finish(ac__efront *F)
{
    size_t np = F->np, w = 0;
    if (np <= 2 || F->n < 2)
        return 1;
    int tree = F->n > LOCAL_SCAN;
    if (tree && !ac__ekd_build(&F->idx, F->u, F->n, np))
        return 0;
    for (size_t j = 0; j < F->n; j++)
        if (!dominated_in(F, j, tree)) {
            if (w != j)
                copy_point(F, w, j);
            w++;
        }
    F->n = w;
    F->nidx = 0;
    F->idx.n = 0;
    return 1;
}
