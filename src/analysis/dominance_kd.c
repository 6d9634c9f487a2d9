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
    uint32_t *pos;  /* [point]: its position */
    unsigned char *in; /* [pos]: kept */
} kd_t;

static inline uint32_t key(const kd_t *t, uint32_t p, size_t j)
{
    return t->rank[(size_t)p * t->d + 1 + j];
}

/* Rearranges idx[lo..hi) so that idx[mid] holds the element of rank mid by coordinate j,
 * smaller keys before it and larger after: quickselect with a three-way partition, so
 * runs of equal ranks (grid values) do not make it quadratic. */
static void select_mid(kd_t *t, uint32_t lo, uint32_t hi, uint32_t mid, size_t j)
{
    uint32_t *a = t->idx;
    while (hi - lo > 1) {
        uint32_t x = key(t, a[lo], j), y = key(t, a[lo + (hi - lo) / 2], j),
                 z = key(t, a[hi - 1], j);
        uint32_t pv = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        uint32_t lt = lo, i = lo, gt = hi;
        while (i < gt) {
            uint32_t v = key(t, a[i], j);
            if (v < pv) {
                uint32_t s = a[lt];
                a[lt++] = a[i];
                a[i++] = s;
            } else if (v > pv) {
                uint32_t s = a[--gt];
                a[gt] = a[i];
                a[i] = s;
            } else {
                i++;
            }
        }
        if (mid < lt)
            hi = lt;
        else if (mid >= gt)
            lo = gt;
        else
            return;
    }
}

static uint32_t new_node(kd_t *t, uint32_t lo, uint32_t hi, uint32_t parent)
{
    uint32_t id = (uint32_t)t->nn++;
    t->node[id] = (kd_node){lo, hi, 0, 0, parent};
    return id;
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
        /* split the widest coordinate; a range of equal points stays one leaf */
        size_t bj = 0;
        uint32_t bw = 0;
        for (size_t j = 0; j < t->k; j++) {
            uint32_t mn = UINT32_MAX, mx = 0;
            for (uint32_t p = lo; p < hi; p++) {
                uint32_t v = key(t, t->idx[p], j);
                if (v < mn)
                    mn = v;
                if (v > mx)
                    mx = v;
            }
            if (mx - mn > bw) {
                bw = mx - mn;
                bj = j;
            }
        }
        if (!bw)
            continue;
        uint32_t mid = lo + (hi - lo) / 2;
        select_mid(t, lo, hi, mid, bj);
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
    free(t->pos);
    free(t->in);
}

static int kd_init(kd_t *t, const uint32_t *rank, size_t n, size_t d)
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
    t->pos = malloc(n * sizeof *t->pos);
    t->in = calloc(n, 1);
    if (!t->idx || !t->node || !t->pts || !t->leaf || !t->pos || !t->in)
        return -1;
    for (size_t i = 0; i < n; i++)
        t->idx[i] = (uint32_t)i;
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
            for (size_t j = 0; j < t->k; j++)
                t->pts[(size_t)p * t->k + j] = key(t, q, j);
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

ac_status ac__filter_sorted_kd(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                               unsigned char *keep, const ac__budget *budget,
                               ac__stop *stopped)
{
    kd_t t = {0}; /* kd_free() takes it even when kd_init() is never called */
    if (n >= UINT32_MAX / 2 || kd_init(&t, rank, n, d)) {
        kd_free(&t);
        return AC_ENOMEM;
    }
    uint32_t *q = malloc(d * sizeof *q);
    if (!q) {
        kd_free(&t);
        return AC_ENOMEM;
    }
    size_t last = SIZE_MAX; /* the last dominator found: often the next one too */
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
        for (size_t j = 0; j < t.k; j++)
            q[j] = rp[1 + j];
        size_t by = kd_dominator(&t, q);
        if (by != SIZE_MAX) {
            last = by;
            continue;
        }
        keep[p] = 1;
        kd_insert(&t, (uint32_t)p);
    }
    free(q);
    kd_free(&t);
    return st;
}
