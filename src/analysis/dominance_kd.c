/* The non-dominated filter for four or more coordinates (see dominance.h): a sort-first
 * sweep whose "is q dominated by a point kept so far?" question is answered by a k-d tree
 * instead of by comparing q with every kept point.
 *
 * Points are visited in descending lexicographic order of their rank vectors, so every
 * point that can dominate q comes before it and is already >= q in the first coordinate:
 * q is dominated exactly when some kept point is >= q in each of the other d - 1
 * coordinates (a distinct vector; equal vectors are neighbours in the order and the
 * first one wins, as in the scan filter). That is an orthant-emptiness query.
 *
 * The tree is static: it is built once over all n points (in coordinates 1 .. d-1,
 * median splits on the widest coordinate, leaves of up to LEAF points stored contiguously
 * for the cache), and each node holds, per coordinate, 1 + the largest rank of the kept
 * points below it (0: none kept yet). A query descends only into nodes whose maxima are
 * >= q everywhere, trying the upper half of each split first, since dominators have large
 * ranks; inserting a kept point raises the maxima on its leaf-to-root path and stops as
 * soon as an ancestor is already at least as high. Ranks are integers, so every test is
 * exact and the output is that of the scan filter, bit for bit (tests hold it to that).
 *
 * Copies (ac__groups): the caller may promise that the points come in copies none of whose
 * points dominates another of the same copy. Then there is one tree per copy (sharing one
 * point -> position map) and a point is asked only of the other copies' trees, the tree
 * of the last dominator first. Every answer is still an exact dominance test, and what
 * the one-tree sweep would find in the point's own copy cannot exist, so the keep is the
 * same; the gain is smaller trees (the Pareto programme's layers are such copies).
 *
 * Cost: building O(n log n) per coordinate; queries are where the time goes and depend
 * on the data; on random utilities in four to six dimensions they touch a small fraction
 * of the kept points (bench/bench_frontier.c measures the ratio to the scan). Memory:
 * n * (d - 1) ranks copied in leaf order plus about n / 4 node maxima. */
#include "analysis/dominance.h"

#include <stdlib.h>
#include <string.h>

#define LEAF 8
#define MAX_DEPTH 64

typedef struct {
    uint32_t lo, hi;          /* positions lo .. hi-1 */
    uint32_t left, right;     /* children (0: leaf; the root is node 0, never a child);
                               * right is always left + 1 */
    uint32_t parent;
} kd_node;

typedef struct {
    const uint32_t *rank;
    size_t d, k;    /* k = d - 1 coordinates in the tree */
    uint32_t *idx;  /* position -> point */
    kd_node *node;
    size_t nn, ncap;
    /* per node, S = k + 3 words together (a query reads them one after the other):
     * [j < k] 1 + largest kept rank in tree coordinate j below it (0: none), [k] its
     * first child (0: a leaf; the second child is the next node), [k + 1, k + 2] its
     * positions lo, hi */
    uint32_t *qn;
    size_t S;
    uint32_t *pts;  /* [pos * k + j]: rank of point idx[pos] in coordinate j + 1 */
    uint32_t *leaf; /* [pos]: its leaf */
    uint32_t *pos;  /* [point]: its position (the sweep's map, shared by its trees) */
    unsigned char *in; /* [pos]: kept */
} kd_t;

/* Position p's rank in tree coordinate j (coordinate j + 1 of the point). The ranks are
 * copied once, in position order, and move with the points while the tree is built: the
 * build then reads them one after the other instead of all over the rank array. */
static inline uint32_t key(const kd_t *t, uint32_t p, size_t j)
{
    return t->pts[(size_t)p * t->k + j];
}

static inline void swap_pos(kd_t *t, uint32_t x, uint32_t y)
{
    uint32_t s = t->idx[x];
    t->idx[x] = t->idx[y];
    t->idx[y] = s;
    uint32_t *a = t->pts + (size_t)x * t->k, *b = t->pts + (size_t)y * t->k;
    for (size_t j = 0; j < t->k; j++) {
        s = a[j];
        a[j] = b[j];
        b[j] = s;
    }
}

/* Moves the positions lo..hi whose key in coordinate j is below lim before the others;
 * returns where the others start. */
static uint32_t partition(kd_t *t, uint32_t lo, uint32_t hi, size_t j, uint32_t lim)
{
    uint32_t i = lo, e = hi;
    for (;;) {
        while (i < e && key(t, i, j) < lim)
            i++;
        while (i < e && key(t, e - 1, j) >= lim)
            e--;
        if (i >= e)
            return i;
        swap_pos(t, i++, --e);
    }
}

/* Splits positions lo..hi (whose keys in coordinate j are not all equal) in two non-empty
 * halves, keys of the lower half below those of the upper, at about the median: the
 * median of nine keys spread over the range, then one pass. Not the exact median (which
 * cost a quickselect, about three passes): the tree's shape does not change the answers,
 * and a slightly uneven split costs queries less than the exact one cost building. */
static uint32_t split(kd_t *t, uint32_t lo, uint32_t hi, size_t j)
{
    uint32_t smp[9];
    size_t ns = hi - lo < 9 ? hi - lo : 9;
    for (size_t a = 0; a < ns; a++) {
        uint32_t v = key(t, lo + (uint32_t)((uint64_t)(hi - lo - 1) * a / (ns - 1 ? ns - 1 : 1)), j);
        size_t b = a;
        for (; b > 0 && smp[b - 1] > v; b--)
            smp[b] = smp[b - 1];
        smp[b] = v;
    }
    uint32_t pv = smp[ns / 2];
    uint32_t mid = partition(t, lo, hi, j, pv);
    /* pv the least key: put its equals below instead (some key is above it) */
    return mid > lo ? mid : partition(t, lo, hi, j, pv + 1);
}

static uint32_t new_node(kd_t *t, uint32_t lo, uint32_t hi, uint32_t parent)
{
    uint32_t id = (uint32_t)t->nn++;
    t->node[id] = (kd_node){lo, hi, 0, 0, parent};
    return id;
}

/* Keys read to choose the split coordinate of a large range. */
#define SAMPLE 64

/* The coordinate whose keys at positions lo, lo + step, ... below hi spread the most, and
 * that spread (0: all equal). */
static uint32_t widest(const kd_t *t, uint32_t lo, uint32_t hi, uint32_t step, size_t *bj)
{
    uint32_t bw = 0;
    for (size_t j = 0; j < t->k; j++) {
        uint32_t mn = UINT32_MAX, mx = 0;
        for (uint32_t p = lo; p < hi; p += step) {
            uint32_t v = key(t, p, j);
            if (v < mn)
                mn = v;
            if (v > mx)
                mx = v;
        }
        if (mx - mn > bw) {
            bw = mx - mn;
            *bj = j;
        }
    }
    return bw;
}

/* Builds the subtree of positions lo..hi under node id (iteratively, by an explicit
 * stack of pending nodes, so deep inputs cannot overflow the C stack). */
static void build(kd_t *t)
{
    uint32_t stack[2 * MAX_DEPTH + 2];
    size_t sp = 0;
    stack[sp++] = 0;
    while (sp) {
        uint32_t id = stack[--sp];
        kd_node *nd = &t->node[id];
        uint32_t lo = nd->lo, hi = nd->hi;
        if (hi - lo <= LEAF || t->nn + 2 > t->ncap || sp + 2 > sizeof stack / sizeof *stack)
            continue;
        /* split the widest coordinate, judged on a sample of a large range (any
         * coordinate whose keys differ would do); a range of equal points stays one leaf */
        uint32_t step = hi - lo > 16 * SAMPLE ? (hi - lo) / SAMPLE : 1;
        size_t bj = 0;
        uint32_t bw = widest(t, lo, hi, step, &bj);
        if (!bw && step > 1)
            bw = widest(t, lo, hi, 1, &bj);
        if (!bw)
            continue;
        uint32_t mid = split(t, lo, hi, bj);
        uint32_t l = new_node(t, lo, mid, id);
        uint32_t r = new_node(t, mid, hi, id);
        t->node[id].left = l;
        t->node[id].right = r;
        stack[sp++] = l;
        stack[sp++] = r;
    }
}

static void kd_free(kd_t *t)
{
    free(t->idx);
    free(t->node);
    free(t->qn);
    free(t->pts);
    free(t->leaf);
    free(t->in);
}

/* The tree over points ids[0..n) (NULL: 0..n-1), n >= 1; it writes their positions into
 * pos, the caller's point -> position map, which trees over disjoint sets share. */
static int kd_init(kd_t *t, const uint32_t *rank, const uint32_t *ids, size_t n, size_t d,
                   uint32_t *pos)
{
    memset(t, 0, sizeof *t);
    t->rank = rank;
    t->d = d;
    t->k = d - 1;
    /* a binary tree whose leaves hold at least one point has fewer than 2n nodes */
    t->ncap = 2 * n + 1;
    t->idx = malloc(n * sizeof *t->idx);
    t->node = malloc(t->ncap * sizeof *t->node);
    t->pts = malloc(n * t->k * sizeof *t->pts);
    t->leaf = malloc(n * sizeof *t->leaf);
    t->pos = pos;
    t->in = calloc(n, 1);
    if (!t->idx || !t->node || !t->pts || !t->leaf || !t->in)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t q = ids ? ids[i] : (uint32_t)i;
        t->idx[i] = q;
        for (size_t j = 0; j < t->k; j++)
            t->pts[i * t->k + j] = rank[(size_t)q * d + 1 + j];
    }
    new_node(t, 0, (uint32_t)n, 0);
    build(t);
    t->S = t->k + 3;
    t->qn = calloc(t->nn * t->S, sizeof *t->qn);
    if (!t->qn)
        return -1;
    for (size_t id = 0; id < t->nn; id++) {
        const kd_node *nd = &t->node[id];
        uint32_t *q = t->qn + id * t->S;
        q[t->k] = nd->left;
        q[t->k + 1] = nd->lo;
        q[t->k + 2] = nd->hi;
        if (nd->left)
            continue;
        for (uint32_t p = nd->lo; p < nd->hi; p++) {
            uint32_t q = t->idx[p];
            t->pos[q] = p;
            t->leaf[p] = (uint32_t)id;
        }
    }
    return 0;
}

/* A kept point >= q (the k tree coordinates of q) in every coordinate, or SIZE_MAX. */
static size_t kd_dominator(const kd_t *t, const uint32_t *q)
{
    const size_t k = t->k;
    uint32_t stack[2 * MAX_DEPTH + 2];
    size_t sp = 0;
    stack[sp++] = 0;
    const size_t S = t->S;
    while (sp) {
        uint32_t id = stack[--sp];
        const uint32_t *mx = t->qn + (size_t)id * S;
        size_t j = 0;
        while (j < k && mx[j] > q[j])
            j++;
        if (j < k)
            continue;
        uint32_t left = mx[k];
        if (left) {
            stack[sp++] = left; /* the lower half last: dominators are high */
            stack[sp++] = left + 1;
            continue;
        }
        for (uint32_t p = mx[k + 1], hi = mx[k + 2]; p < hi; p++) {
            if (!t->in[p])
                continue;
            const uint32_t *r = t->pts + (size_t)p * k;
            j = 0;
            while (j < k && r[j] >= q[j])
                j++;
            if (j == k)
                return t->idx[p];
        }
    }
    return SIZE_MAX;
}

static void kd_insert(kd_t *t, uint32_t point)
{
    const size_t k = t->k;
    uint32_t p = t->pos[point];
    t->in[p] = 1;
    const uint32_t *r = t->pts + (size_t)p * k;
    uint32_t id = t->leaf[p];
    for (;;) {
        uint32_t *mx = t->qn + (size_t)id * t->S;
        int raised = 0;
        for (size_t j = 0; j < k; j++)
            if (mx[j] < r[j] + 1) {
                mx[j] = r[j] + 1;
                raised = 1;
            }
        if (!raised || id == 0)
            break;
        id = t->node[id].parent;
    }
}

/* Queries between budget checks: a few milliseconds of work at most. */
#define CHECK_EVERY 4096
#define NO_TREE UINT32_MAX
#define PREFETCH 16

/* The trees of a sweep: one over all points, or one per non-empty copy. */
typedef struct {
    kd_t *tr;
    size_t nt;
    uint32_t *tree_of; /* [ng]: copy -> its tree (NO_TREE: empty); NULL: one tree */
    uint32_t *pos;     /* [n]: point -> position in its tree */
} forest;

static void forest_free(forest *f)
{
    if (f->tr)
        for (size_t t = 0; t < f->nt; t++)
            kd_free(&f->tr[t]);
    free(f->tr);
    free(f->tree_of);
    free(f->pos);
}

static int forest_init(forest *f, const uint32_t *rank, size_t n, size_t d,
                       const ac__groups *g)
{
    memset(f, 0, sizeof *f);
    f->pos = malloc(n * sizeof *f->pos);
    if (!f->pos)
        return -1;
    if (!g) {
        f->tr = calloc(1, sizeof *f->tr);
        if (!f->tr)
            return -1;
        f->nt = 1;
        return kd_init(&f->tr[0], rank, NULL, n, d, f->pos);
    }
    /* the points of each copy, copy by copy (a counting sort) */
    size_t *start = calloc(g->ng + 1, sizeof *start);
    uint32_t *ids = malloc(n * sizeof *ids);
    f->tree_of = malloc(g->ng * sizeof *f->tree_of);
    int rc = -1;
    if (!start || !ids || !f->tree_of)
        goto out;
    for (size_t i = 0; i < n; i++)
        start[g->group[i] + 1]++;
    size_t nt = 0;
    for (size_t c = 0; c < g->ng; c++) {
        f->tree_of[c] = start[c + 1] ? (uint32_t)nt++ : NO_TREE;
        start[c + 1] += start[c];
    }
    for (size_t i = 0; i < n; i++)
        ids[start[g->group[i]]++] = (uint32_t)i;
    f->tr = calloc(nt, sizeof *f->tr);
    if (!f->tr)
        goto out;
    f->nt = nt;
    /* start[c] is now the end of copy c */
    for (size_t c = 0, lo = 0; c < g->ng; lo = start[c++])
        if (f->tree_of[c] != NO_TREE &&
            kd_init(&f->tr[f->tree_of[c]], rank, ids + lo, start[c] - lo, d, f->pos))
            goto out;
    rc = 0;
out:
    free(start);
    free(ids);
    return rc;
}

ac_status ac__filter_sorted_kd(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                               unsigned char *keep, const ac__budget *budget,
                               ac__stop *stopped, const ac__groups *groups)
{
    if (!n)
        return AC_OK;
    forest f = {0};
    uint32_t *q = NULL;
    if (n >= UINT32_MAX / 2 || forest_init(&f, rank, n, d, groups) ||
        !(q = malloc(d * sizeof *q))) {
        forest_free(&f);
        return AC_ENOMEM;
    }
    const uint32_t *group = groups ? groups->group : NULL;
    size_t last = SIZE_MAX; /* the last dominator found: often the next one too */
    uint32_t last_tree = NO_TREE; /* its tree, asked first: dominators come in runs */
    ac_status st = AC_OK;
    for (size_t a = 0; a < n; a++) {
        if (budget && a % CHECK_EVERY == CHECK_EVERY - 1) {
            ac__stop why = ac__budget_check(budget);
            if (why) {
                if (stopped)
                    *stopped = why;
                st = AC_ELIMIT;
                break;
            }
        }
        /* the points come in no order of memory: ask for one a little ahead */
        if (a + PREFETCH < n)
            __builtin_prefetch(rank + perm[a + PREFETCH] * d);
        size_t p = perm[a];
        const uint32_t *rp = rank + p * d;
        if (a > 0) {
            const uint32_t *rq = rank + perm[a - 1] * d;
            size_t j = 0;
            while (j < d && rq[j] == rp[j])
                j++;
            if (j == d)
                continue;
        }
        if (last != SIZE_MAX) {
            const uint32_t *rl = rank + last * d;
            size_t j = 1;
            while (j < d && rl[j] >= rp[j])
                j++;
            if (j == d)
                continue;
        }
        for (size_t j = 0; j + 1 < d; j++)
            q[j] = rp[1 + j];
        /* with copies, p's own tree holds nothing that dominates it (the promise) */
        uint32_t own = group ? f.tree_of[group[p]] : 0;
        size_t by = SIZE_MAX;
        uint32_t bt = last_tree;
        if (!group)
            by = kd_dominator(&f.tr[0], q);
        else if (bt != NO_TREE && bt != own)
            by = kd_dominator(&f.tr[bt], q);
        for (uint32_t t = 0; group && by == SIZE_MAX && t < f.nt; t++)
            if (t != own && t != last_tree)
                by = kd_dominator(&f.tr[bt = t], q);
        if (by != SIZE_MAX) {
            last = by;
            last_tree = bt;
            continue;
        }
        keep[p] = 1;
        kd_insert(&f.tr[own], (uint32_t)p);
    }
    free(q);
    forest_free(&f);
    return st;
}
