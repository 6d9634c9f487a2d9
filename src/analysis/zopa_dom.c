/* Weighted dominance counting: the join step of the ZOPA count (see zopa_dom.h).
 *
 * Items are numbered 0..n-1, points first (i < np), then queries.
 *
 * Keys. Each coordinate's values are replaced by block keys. Listed by descending value,
 * points before queries among equal values, the items fall into maximal runs of one kind
 * (blocks); block g gets key g, numbered so that point blocks are even and query blocks
 * odd. A point dominates a query on that coordinate exactly when its key is smaller
 * (equal values count, and two items of one key are of one kind). Values that no item of
 * the other kind separates share a key, so a coordinate has far fewer keys than values
 * (the ZOPA's states lie on a grid: 3,463 values give 1,036 keys on the embedded model
 * with US interests). The distinct values are found by hashing when they are few (at most
 * DOM_HASH_MAX), else by a radix sort of every value.
 *
 * Method by the number of coordinates:
 *  1  a sweep of point weights by key;
 *  2  a sweep in (a, b) order with a Fenwick tree over b;
 *  3  block CDQ: the items sorted by (a, b), so that each block of a is a run already
 *     sorted by b; divide and conquer over the blocks (split at the block boundary
 *     nearest the middle item: items of one block never pair, so blocks are leaves and
 *     the depth is log2 of the blocks, not of the items), merging by b and summing c in a
 *     Fenwick tree (its slots are point keys / 2: only points are added). Ranges of at most
 *     CDQ_LEAF items are counted pair by pair;
 *  4  halving on a fourth coordinate h by key ranges: every node holds the items whose h
 *     key lies in its range, still sorted by (a, b) (a stable partition hands each child
 *     its part), and its cross set (points of the lower half, queries of the upper) is
 *     handed to the three-coordinate step without any sorting;
 *  5+ halving by positions on the leading coordinates down to four.
 * The coordinate with the least halving cost (simulated from the key histograms: the
 * ZOPA's met coordinates make one coordinate far cheaper than the others) is halved on,
 * the one with fewest keys is a, the next c.
 *
 * Threads. The three-coordinate problems are tasks in a shared stack; with more than one
 * thread a large one is cut by the median of c into its lower part, its upper part and the
 * pairs across (lower points with upper queries: c holds for all of them, a
 * two-coordinate sweep), so that several threads share even a single problem. The
 * total is a sum of integers, so it does not depend on how the work was shared.
 *
 * Weights. The engine runs on 64-bit weights (16-byte items, 64-bit Fenwick sums). When
 * the point weights sum below 2^64 and every query weight fits 64 bits (the usual case:
 * a side's weights sum to at most the outcomes of its issues) one pass counts
 * everything; else the weights are cut into 32-bit limbs and one pass per pair of limbs
 * counts sum wq_m wp_l, added at 2^(32 (l + m)): every sum still fits (2^31 items times
 * 2^32), and the total is exact modulo 2^128, where it lies. */
#include "analysis/zopa_dom.h"

#include "analysis/radix.h"
#include "core/bigmem.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Below this many items a node of four or more coordinates is counted pair by pair. */
#define DOM_BRUTE 32
/* Below this many items a three-coordinate range is counted pair by pair. */
#define CDQ_LEAF 48
/* Distinct values of a coordinate beyond which ranking sorts every value. */
#define DOM_HASH_MAX ((size_t)1 << 16)
/* With more than one thread, three-coordinate problems at least this big are cut. */
#define DOM_SPLIT_MIN ((size_t)1 << 17)
/* Problems smaller than this run where they arise rather than through the task stack. */
#define DOM_TASK_MIN ((size_t)4096)
/* Nodes at least this big check the budget first. */
#define DOM_CHECK_MIN ((size_t)1 << 15)

typedef struct {
    uint64_t w;  /* the weight, or one 32-bit limb of it */
    uint32_t b;  /* key on the merge coordinate (its parity tells the kind) */
    uint32_t c;  /* key on the Fenwick coordinate */
} it3;

typedef struct {
    uint64_t w;
    uint32_t a, b, c, h;
} it4;

typedef struct task {
    struct task *next;
    it3 *x;         /* sorted by (a, b) */
    uint32_t *blk;  /* [nb + 1] block starts (runs of one a key), blk[nb] = m */
    size_t m, nb;
} task;

typedef struct {
    uint64_t *fen; /* 1-based, all zero between uses */
    ac__u128 sum;
} worker;

typedef struct {
    size_t np, n, d;
    uint32_t **key;   /* [d][n] block keys */
    uint32_t *K;      /* [d] keys per coordinate */
    size_t perm[8];   /* roles: perm[d-1] = c, perm[d-2] = b, perm[d-3] = a, perm[d-4] = h */
    size_t fslots;    /* Fenwick slots of the workers */
    size_t slots_b, slots_c;
    int threads;
    int last_pass;    /* the keys may be dropped once the items hold them */
    const ac__budget *budget;
    atomic_int nomem, stop;
    /* the task stack */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    task *head;
    size_t pending;   /* items in queued tasks */
    int active;       /* workers running a task */
    int producing;    /* the calling thread may still push */
} dom_t;

static int halted(dom_t *t)
{
    return atomic_load_explicit(&t->nomem, memory_order_relaxed) ||
           atomic_load_explicit(&t->stop, memory_order_relaxed);
}

static int check(dom_t *t)
{
    if (halted(t))
        return 1;
    if (ac__budget_check(t->budget)) {
        atomic_store(&t->stop, 1);
        return 1;
    }
    return 0;
}

static void fen_add(uint64_t *f, size_t size, size_t pos, uint64_t w)
{
    for (size_t x = pos + 1; x <= size; x += x & (~x + 1))
        f[x] += w;
}

static uint64_t fen_sum(const uint64_t *f, size_t pos)
{
    uint64_t s = 0;
    for (size_t x = pos + 1; x > 0; x &= x - 1)
        s += f[x];
    return s;
}

/* ---- ranking ---------------------------------------------------------------------- */

/* The block walk over distinct values in descending order: flags bit 0 "a point has it",
 * bit 1 "a query has it"; pk / qk receive the keys of its points and queries. Returns the
 * number of keys. */
typedef struct {
    int64_t key;
    int kind;
} walk_t;

static void walk_value(walk_t *wk, unsigned flags, uint32_t *pk, uint32_t *qk)
{
    if (flags & 1) {
        if (wk->kind != 0) {
            wk->key = wk->key < 0 ? 0 : wk->key + 1;
            wk->kind = 0;
        }
        *pk = (uint32_t)wk->key;
    }
    if (flags & 2) {
        if (wk->kind != 1) {
            wk->key = wk->key < 0 ? 1 : wk->key + 1;
            wk->kind = 1;
        }
        *qk = (uint32_t)wk->key;
    }
}

static double value_of(const double *p, const double *q, size_t np, size_t d, size_t j, size_t i)
{
    return i < np ? p[i * d + j] : q[(i - np) * d + j];
}

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
}

typedef struct {
    uint64_t s; /* sortable value */
    uint32_t i; /* distinct index */
} dval;

static int dval_desc(const void *x, const void *y)
{
    uint64_t a = ((const dval *)x)->s, b = ((const dval *)y)->s;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* Few distinct values: hash them, sort those, map the items. Returns 1 done, 0 too many
 * distinct values (nothing written that matters), -1 out of memory. */
static int rank_hash(const double *p, const double *q, size_t np, size_t n, size_t d, size_t j,
                     uint32_t *key, uint32_t *K)
{
    size_t cap = 1024, nd = 0, dcap = 256;
    uint64_t *hv = malloc(cap * sizeof *hv);
    uint32_t *hs = calloc(cap, sizeof *hs);
    uint64_t *dv = malloc(dcap * sizeof *dv);
    unsigned char *df = malloc(dcap);
    int rc = -1;
    uint32_t *pk = NULL, *qk = NULL;
    dval *order = NULL;
    if (!hv || !hs || !dv || !df)
        goto out;
    uint64_t last = 0;
    uint32_t last_i = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        uint64_t s = ac__sortable_double(value_of(p, q, np, d, j, i));
        uint32_t di;
        if (s == last && last_i != UINT32_MAX) {
            di = last_i;
        } else {
            size_t pos = mix64(s) & (cap - 1);
            while (hs[pos] && hv[pos] != s)
                pos = (pos + 1) & (cap - 1);
            if (hs[pos]) {
                di = hs[pos] - 1;
            } else {
                if (nd >= DOM_HASH_MAX) {
                    rc = 0;
                    goto out;
                }
                if (nd == dcap) {
                    dcap *= 2;
                    uint64_t *v2 = realloc(dv, dcap * sizeof *v2);
                    if (!v2)
                        goto out;
                    dv = v2;
                    unsigned char *f2 = realloc(df, dcap);
                    if (!f2)
                        goto out;
                    df = f2;
                }
                di = (uint32_t)nd;
                dv[nd] = s;
                df[nd] = 0;
                nd++;
                hv[pos] = s;
                hs[pos] = di + 1;
                if (nd * 2 > cap) {
                    /* grow: rebuild from the distinct list */
                    size_t nc = cap * 2;
                    uint64_t *nv = malloc(nc * sizeof *nv);
                    uint32_t *ns = calloc(nc, sizeof *ns);
                    if (!nv || !ns) {
                        free(nv);
                        free(ns);
                        goto out;
                    }
                    for (size_t a = 0; a < nd; a++) {
                        size_t ps = mix64(dv[a]) & (nc - 1);
                        while (ns[ps])
                            ps = (ps + 1) & (nc - 1);
                        nv[ps] = dv[a];
                        ns[ps] = (uint32_t)a + 1;
                    }
                    free(hv);
                    free(hs);
                    hv = nv;
                    hs = ns;
                    cap = nc;
                }
            }
            last = s;
            last_i = di;
        }
        df[di] |= (unsigned char)(i < np ? 1 : 2);
        key[i] = di;
    }
    order = malloc(nd * sizeof *order);
    pk = malloc(nd * sizeof *pk);
    qk = malloc(nd * sizeof *qk);
    if (!order || !pk || !qk)
        goto out;
    for (size_t a = 0; a < nd; a++)
        order[a] = (dval){dv[a], (uint32_t)a};
    qsort(order, nd, sizeof *order, dval_desc);
    walk_t w = {-1, -1};
    for (size_t a = 0; a < nd; a++) {
        uint32_t di = order[a].i;
        walk_value(&w, df[di], &pk[di], &qk[di]);
    }
    *K = (uint32_t)(w.key + 1);
    for (size_t i = 0; i < n; i++)
        key[i] = i < np ? pk[key[i]] : qk[key[i]];
    rc = 1;
out:
    free(hv);
    free(hs);
    free(dv);
    free(df);
    free(order);
    free(pk);
    free(qk);
    return rc;
}

/* Many distinct values: a radix sort of all of them. Returns 0, or -1 out of memory. */
static int rank_sort(const double *p, const double *q, size_t np, size_t n, size_t d, size_t j,
                     uint32_t *key, uint32_t *K)
{
    uint32_t *idx = malloc(n * sizeof *idx), *ti = malloc(n * sizeof *ti);
    uint64_t *sk = malloc(n * sizeof *sk), *tk = malloc(n * sizeof *tk);
    int rc = -1;
    if (!idx || !ti || !sk || !tk)
        goto out;
    for (size_t i = 0; i < n; i++) {
        idx[i] = (uint32_t)i;
        sk[i] = ac__sortable_double(value_of(p, q, np, d, j, i));
    }
    if (ac__radix_sort(sk, idx, n, tk, ti))
        goto out;
    walk_t w = {-1, -1};
    /* groups of equal values, from the largest */
    for (size_t hi = n; hi > 0;) {
        size_t lo = hi - 1;
        while (lo > 0 && sk[lo - 1] == sk[hi - 1])
            lo--;
        unsigned flags = 0;
        for (size_t a = lo; a < hi; a++)
            flags |= idx[a] < np ? 1u : 2u;
        uint32_t pk = 0, qk = 0;
        walk_value(&w, flags, &pk, &qk);
        for (size_t a = lo; a < hi; a++)
            key[idx[a]] = idx[a] < np ? pk : qk;
        hi = lo;
    }
    *K = (uint32_t)(w.key + 1);
    rc = 0;
out:
    free(idx);
    free(ti);
    free(sk);
    free(tk);
    return rc;
}

static int rank_coord(const double *p, const double *q, size_t np, size_t n, size_t d, size_t j,
                      uint32_t *key, uint32_t *K)
{
    int r = rank_hash(p, q, np, n, d, j, key, K);
    if (r < 0)
        return -1;
    if (r > 0)
        return 0;
    return rank_sort(p, q, np, n, d, j, key, K);
}

/* ---- sorting the items ------------------------------------------------------------ */

/* it4 by (a, b), stable LSD radix on 16-bit digits (8 for small arrays), skipping digits
 * on which all items agree. The result is in *x (tmp is scratch of m). */
static int sort_it4(it4 **x, it4 **tmp, size_t m)
{
    if (m < 2)
        return 0;
    unsigned bits = m >= ((size_t)1 << 16) ? 16 : 8;
    size_t nb = (size_t)1 << bits, mask = nb - 1;
    size_t *cnt = malloc(nb * sizeof *cnt);
    if (!cnt)
        return -1;
    uint64_t vor = 0, vand = ~0ull;
    for (size_t i = 0; i < m; i++) {
        uint64_t k = (uint64_t)(*x)[i].a << 32 | (*x)[i].b;
        vor |= k;
        vand &= k;
    }
    uint64_t diff = vor ^ vand;
    it4 *src = *x, *dst = *tmp;
    for (unsigned sh = 0; sh < 64; sh += bits) {
        if (!((diff >> sh) & mask))
            continue;
        memset(cnt, 0, nb * sizeof *cnt);
        for (size_t i = 0; i < m; i++)
            cnt[(((uint64_t)src[i].a << 32 | src[i].b) >> sh) & mask]++;
        size_t sum = 0;
        for (size_t b = 0; b < nb; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < m; i++)
            dst[cnt[(((uint64_t)src[i].a << 32 | src[i].b) >> sh) & mask]++] = src[i];
        it4 *s = src;
        src = dst;
        dst = s;
    }
    free(cnt);
    *x = src;
    *tmp = dst;
    return 0;
}

/* ---- three coordinates ------------------------------------------------------------ */

/* Fenwick slots for a coordinate of K keys: one per point key (even keys, slot key / 2);
 * a query of key k sums slots 0..k / 2, the point keys below it. */
static size_t slots_of(uint32_t K)
{
    return ((size_t)K + 1) / 2;
}

/* Pairs within x[lo..hi) in (a, b) order, one by one: a point listed before a query has
 * a smaller a key (one key is one kind). Then sorts the range by b. */
static ac__u128 leaf3(it3 *x, size_t lo, size_t hi)
{
    ac__u128 acc = 0;
    for (size_t i = lo; i < hi; i++) {
        if (x[i].b & 1)
            continue;
        for (size_t k = i + 1; k < hi; k++)
            if ((x[k].b & 1) && x[i].b < x[k].b && x[i].c < x[k].c)
                acc += (ac__u128)x[i].w * x[k].w;
    }
    for (size_t i = lo + 1; i < hi; i++) {
        it3 v = x[i];
        size_t k = i;
        for (; k > lo && x[k - 1].b > v.b; k--)
            x[k] = x[k - 1];
        x[k] = v;
    }
    return acc;
}

/* Block CDQ over blocks blo..bhi of blk (see the top of the file). dst and src hold the
 * range identically on entry, sorted by (a, b); on return dst's range is sorted by b and
 * the pairs inside it are counted; src's is scratch. */
static ac__u128 cdq3(dom_t *t, worker *wk, it3 *dst, it3 *src, const uint32_t *blk, size_t blo,
                     size_t bhi)
{
    size_t lo = blk[blo], hi = blk[bhi];
    if (bhi - blo < 2)
        return 0;
    if (hi - lo <= CDQ_LEAF)
        return leaf3(dst, lo, hi);
    if (hi - lo >= DOM_CHECK_MIN && check(t))
        return 0;
    /* the block boundary nearest the middle item */
    size_t target = lo + (hi - lo) / 2, l = blo + 1, r = bhi - 1;
    while (l < r) {
        size_t mm = l + (r - l) / 2;
        if (blk[mm] < target)
            l = mm + 1;
        else
            r = mm;
    }
    if (l > blo + 1 && target - blk[l - 1] < blk[l] - target)
        l--;
    size_t bm = l, mid = blk[bm];
    ac__u128 acc = cdq3(t, wk, src, dst, blk, blo, bm) + cdq3(t, wk, src, dst, blk, bm, bhi);
    /* Cross pairs: points of the lower half against queries of the upper. Merging by b
     * (equal keys are one kind and never pair) puts each query after exactly the points
     * with a smaller b key; the Fenwick tree answers c. */
    uint64_t *f = wk->fen;
    size_t fs = t->slots_c, x = lo, y = mid, o = lo, added = 0;
    while (x < mid && y < hi) {
        if (src[x].b <= src[y].b) {
            if (!(src[x].b & 1)) {
                fen_add(f, fs, src[x].c >> 1, src[x].w);
                added++;
            }
            dst[o++] = src[x++];
        } else {
            if (src[y].b & 1)
                acc += (ac__u128)src[y].w * fen_sum(f, src[y].c >> 1);
            dst[o++] = src[y++];
        }
    }
    size_t xe = x;
    for (; y < hi; y++) {
        if (src[y].b & 1)
            acc += (ac__u128)src[y].w * fen_sum(f, src[y].c >> 1);
        dst[o++] = src[y];
    }
    if (x < mid)
        memcpy(dst + o, src + x, (mid - x) * sizeof *dst);
    /* back to zeros: a small tree is cheaper to wipe than to unwind */
    if (added * 8 > fs)
        memset(f, 0, (fs + 1) * sizeof *f);
    else
        for (x = lo; x < xe; x++)
            if (!(src[x].b & 1))
                fen_add(f, fs, src[x].c >> 1, ~src[x].w + 1);
    return acc;
}

static void push3(dom_t *t, worker *wk, it3 *x, uint32_t *blk, size_t m, size_t nb);

/* Cuts x by the median of c (see the top of the file): returns 1 when it did (x and blk
 * are then freed or handed on), 0 when the cut would be too lopsided. */
static int split3(dom_t *t, worker *wk, it3 *x, uint32_t *blk, size_t m, size_t nb)
{
    enum { NS = 255 };
    uint32_t smp[NS];
    for (size_t s = 0; s < NS; s++)
        smp[s] = x[(size_t)((double)m * (s + 0.5) / NS)].c;
    for (size_t s = 1; s < NS; s++) {
        uint32_t v = smp[s];
        size_t k = s;
        for (; k > 0 && smp[k - 1] > v; k--)
            smp[k] = smp[k - 1];
        smp[k] = v;
    }
    uint32_t cut = smp[NS / 2];
    if (cut == smp[0]) {
        size_t s = NS / 2;
        while (s < NS && smp[s] == cut)
            s++;
        if (s == NS)
            return 0;
        cut = smp[s];
    }
    size_t nlo = 0;
    for (size_t i = 0; i < m; i++)
        nlo += x[i].c < cut;
    if (nlo < m / 16 || m - nlo < m / 16)
        return 0;
    it3 *lo = ac__big_alloc(nlo * sizeof *lo), *hi = ac__big_alloc((m - nlo) * sizeof *hi);
    uint32_t *blo = malloc((nb + 1) * sizeof *blo), *bhi = malloc((nb + 1) * sizeof *bhi);
    if (!lo || !hi || !blo || !bhi) {
        free(lo);
        free(hi);
        free(blo);
        free(bhi);
        return 0; /* counted whole instead */
    }
    /* the pairs across, in (a, b) order with a Fenwick tree over b; the parts keep the
     * order and the blocks */
    uint64_t *f = wk->fen;
    size_t fs = t->slots_b, nl = 0, nh = 0, nbl = 0, nbh = 0, added = 0;
    ac__u128 acc = 0;
    for (size_t g = 0; g < nb; g++) {
        size_t l0 = nl, h0 = nh;
        for (size_t i = blk[g]; i < blk[g + 1]; i++) {
            it3 v = x[i];
            if (v.c < cut) {
                if (!(v.b & 1)) {
                    fen_add(f, fs, v.b >> 1, v.w);
                    added++;
                }
                lo[nl++] = v;
            } else {
                if (v.b & 1)
                    acc += (ac__u128)v.w * fen_sum(f, v.b >> 1);
                hi[nh++] = v;
            }
        }
        if (nl > l0)
            blo[nbl++] = (uint32_t)l0;
        if (nh > h0)
            bhi[nbh++] = (uint32_t)h0;
    }
    if (added * 8 > fs)
        memset(f, 0, (fs + 1) * sizeof *f);
    else
        for (size_t i = 0; i < nl; i++)
            if (!(lo[i].b & 1))
                fen_add(f, fs, lo[i].b >> 1, ~lo[i].w + 1);
    blo[nbl] = (uint32_t)nl;
    bhi[nbh] = (uint32_t)nh;
    wk->sum += acc;
    free(x);
    free(blk);
    push3(t, wk, lo, blo, nl, nbl);
    push3(t, wk, hi, bhi, nh, nbh);
    return 1;
}

/* Counts the pairs of x (taken over: freed here) into wk->sum. */
static void run3(dom_t *t, worker *wk, it3 *x, uint32_t *blk, size_t m, size_t nb)
{
    if (halted(t) || nb < 2 || (m >= DOM_CHECK_MIN && check(t))) {
        free(x);
        free(blk);
        return;
    }
    if (t->threads > 1 && m >= DOM_SPLIT_MIN && split3(t, wk, x, blk, m, nb))
        return;
    it3 *y = ac__big_alloc(m * sizeof *y);
    if (!y) {
        atomic_store(&t->nomem, 1);
    } else {
        memcpy(y, x, m * sizeof *y);
        wk->sum += cdq3(t, wk, x, y, blk, 0, nb);
    }
    free(y);
    free(x);
    free(blk);
}

/* A three-coordinate problem to count: queued for any thread, or counted at once when it
 * is small, when this is the only thread, or when the queue already holds a lot. */
static void push3(dom_t *t, worker *wk, it3 *x, uint32_t *blk, size_t m, size_t nb)
{
    if (t->threads > 1 && m >= DOM_TASK_MIN) {
        task *k = malloc(sizeof *k);
        if (k) {
            *k = (task){NULL, x, blk, m, nb};
            pthread_mutex_lock(&t->mu);
            if (t->pending + m <= 2 * t->n) {
                k->next = t->head;
                t->head = k;
                t->pending += m;
                pthread_cond_signal(&t->cv);
                pthread_mutex_unlock(&t->mu);
                return;
            }
            pthread_mutex_unlock(&t->mu);
            free(k);
        }
    }
    run3(t, wk, x, blk, m, nb);
}

/* Takes tasks until none is left and no one can push more. */
static void work(dom_t *t, worker *wk)
{
    pthread_mutex_lock(&t->mu);
    for (;;) {
        task *k = t->head;
        if (k) {
            t->head = k->next;
            t->pending -= k->m;
            t->active++;
            pthread_mutex_unlock(&t->mu);
            run3(t, wk, k->x, k->blk, k->m, k->nb);
            free(k);
            pthread_mutex_lock(&t->mu);
            t->active--;
            if (!t->head && !t->active && !t->producing)
                pthread_cond_broadcast(&t->cv);
            continue;
        }
        if (!t->producing && !t->active)
            break;
        pthread_cond_wait(&t->cv, &t->mu);
    }
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

/* it4 items sorted by (a, b) (taken over: freed here) to a three-coordinate problem (b, c
 * and the blocks of a). */
static void push_it4(dom_t *t, worker *wk, it4 *v, size_t m)
{
    it3 *x = ac__big_alloc(m * sizeof *x);
    uint32_t *blk = malloc((m + 1) * sizeof *blk);
    if (!x || !blk) {
        free(x);
        free(blk);
        free(v);
        atomic_store(&t->nomem, 1);
        return;
    }
    size_t nb = 0;
    for (size_t i = 0; i < m; i++) {
        if (!i || v[i].a != v[i - 1].a)
            blk[nb++] = (uint32_t)i;
        x[i] = (it3){v[i].w, v[i].b, v[i].c};
    }
    blk[nb] = (uint32_t)m;
    free(v);
    push3(t, wk, x, blk, m, nb);
}

/* ---- four coordinates ------------------------------------------------------------- */

/* The h key in (klo, khi) whose prefix count pre[s] is nearest target (pre ascending). */
static uint32_t split_key(const uint32_t *pre, uint32_t klo, uint32_t khi, size_t target)
{
    uint32_t l = klo + 1, r = khi - 1;
    while (l < r) {
        uint32_t mm = l + (r - l) / 2;
        if (pre[mm] < target)
            l = mm + 1;
        else
            r = mm;
    }
    if (l > klo + 1 && target - pre[l - 1] < pre[l] - target)
        l--;
    return l;
}

static ac__u128 brute4(const it4 *v, size_t lo, size_t hi)
{
    ac__u128 acc = 0;
    for (size_t i = lo; i < hi; i++) {
        if (v[i].a & 1)
            continue;
        for (size_t k = lo; k < hi; k++)
            if ((v[k].a & 1) && v[i].a < v[k].a && v[i].b < v[k].b && v[i].c < v[k].c &&
                v[i].h < v[k].h)
                acc += (ac__u128)v[i].w * v[k].w;
    }
    return acc;
}

typedef struct {
    const uint32_t *pre, *pp, *pq; /* prefix counts by h key: all, points, queries */
    it3 *cx;
    uint32_t *cb;
} node_ctx;

/* in[lo..hi): the items whose h key lies in [klo, khi), sorted by (a, b); out: scratch of
 * the same range. */
static void node4(dom_t *t, worker *wk, const node_ctx *nc, it4 *in, it4 *out, size_t lo,
                  size_t hi, uint32_t klo, uint32_t khi)
{
    if (hi - lo < 2 || khi - klo < 2 || halted(t))
        return;
    if (hi - lo <= DOM_BRUTE) {
        wk->sum += brute4(in, lo, hi);
        return;
    }
    if (hi - lo >= DOM_CHECK_MIN && check(t))
        return;
    uint32_t s = split_key(nc->pre, klo, khi, lo + (hi - lo) / 2);
    size_t nl = nc->pre[s] - nc->pre[klo];
    size_t cp = nc->pp[s] - nc->pp[klo], cq = nc->pq[khi] - nc->pq[s], m = cp + cq;
    it3 *x = NULL;
    uint32_t *blk = NULL;
    if (cp && cq) {
        x = ac__big_alloc(m * sizeof *x);
        blk = malloc((m + 1) * sizeof *blk);
        if (!x || !blk) {
            free(x);
            free(blk);
            atomic_store(&t->nomem, 1);
            return;
        }
    }
    /* one pass: the stable partition and the cross set, both in (a, b) order */
    size_t pl = lo, pr = lo + nl, k = 0, nb = 0;
    uint32_t lasta = UINT32_MAX;
    for (size_t i = lo; i < hi; i++) {
        it4 v = in[i];
        int left = v.h < s;
        if (left)
            out[pl++] = v;
        else
            out[pr++] = v;
        if (x && left == !(v.a & 1)) {
            if (v.a != lasta || !k)
                blk[nb++] = (uint32_t)k;
            lasta = v.a;
            x[k++] = (it3){v.w, v.b, v.c};
        }
    }
    if (x) {
        blk[nb] = (uint32_t)k;
        push3(t, wk, x, blk, m, nb);
    }
    node4(t, wk, nc, out, in, lo, lo + nl, klo, s);
    node4(t, wk, nc, out, in, lo + nl, hi, s, khi);
}

/* v[0..m) sorted by (a, b), h keys below Kh (any order); v and tmp are scratch (freed by
 * the caller). */
static void run4(dom_t *t, worker *wk, it4 *v, it4 *tmp, size_t m, uint32_t Kh)
{
    uint32_t *pre = calloc((size_t)Kh + 1, sizeof *pre), *pp = calloc((size_t)Kh + 1, sizeof *pp),
             *pq = calloc((size_t)Kh + 1, sizeof *pq);
    if (!pre || !pp || !pq) {
        atomic_store(&t->nomem, 1);
        goto out;
    }
    for (size_t i = 0; i < m; i++)
        (v[i].a & 1 ? pq : pp)[v[i].h + 1]++;
    for (uint32_t k = 0; k < Kh; k++) {
        pp[k + 1] += pp[k];
        pq[k + 1] += pq[k];
        pre[k + 1] = pp[k + 1] + pq[k + 1];
    }
    node_ctx nc = {pre, pp, pq, NULL, NULL};
    node4(t, wk, &nc, v, tmp, 0, m, 0, Kh);
out:
    free(pre);
    free(pp);
    free(pq);
}

/* ---- choosing roles --------------------------------------------------------------- */

/* The cost of halving on a coordinate, from its histogram alone: the sum over the
 * nodes of the halving of m log m for the cross set m (what the three-coordinate step
 * pays). */
static double halve_cost(const uint32_t *pre, const uint32_t *pp, const uint32_t *pq,
                         uint32_t klo, uint32_t khi, int depth)
{
    if (khi - klo < 2 || pre[khi] - pre[klo] <= DOM_BRUTE || depth > 60)
        return 0;
    uint32_t s = split_key(pre, klo, khi, pre[klo] + (pre[khi] - pre[klo]) / 2);
    double cp = pp[s] - pp[klo], cq = pq[khi] - pq[s], c = 0;
    if (cp > 0 && cq > 0)
        c = (cp + cq) * log2(cp + cq);
    return c + halve_cost(pre, pp, pq, klo, s, depth + 1) +
           halve_cost(pre, pp, pq, s, khi, depth + 1);
}

static int choose_roles(dom_t *t)
{
    size_t d = t->d;
    double cost[8] = {0};
    int used[8] = {0};
    if (d >= 4)
        for (size_t j = 0; j < d; j++) {
            uint32_t K = t->K[j];
            uint32_t *pp = calloc((size_t)K + 1, sizeof *pp), *pq = calloc((size_t)K + 1, sizeof *pq),
                     *pre = calloc((size_t)K + 1, sizeof *pre);
            if (!pp || !pq || !pre) {
                free(pp);
                free(pq);
                free(pre);
                return -1;
            }
            for (size_t i = 0; i < t->n; i++)
                (i < t->np ? pp : pq)[t->key[j][i] + 1]++;
            for (uint32_t k = 0; k < K; k++) {
                pp[k + 1] += pp[k];
                pq[k + 1] += pq[k];
                pre[k + 1] = pp[k + 1] + pq[k + 1];
            }
            cost[j] = halve_cost(pre, pp, pq, 0, K, 0);
            free(pp);
            free(pq);
            free(pre);
        }
    /* halving coordinates: the cheapest first */
    for (size_t r = 0; r + 3 < d; r++) {
        size_t best = d;
        for (size_t j = 0; j < d; j++)
            if (!used[j] && (best == d || cost[j] < cost[best]))
                best = j;
        used[best] = 1;
        t->perm[r] = best;
    }
    /* of the last three: a the fewest keys, c the next, b the other */
    size_t rest[3], nr = 0;
    for (size_t j = 0; j < d; j++)
        if (!used[j])
            rest[nr++] = j;
    for (size_t x = 1; x < nr; x++)
        for (size_t y = x; y > 0 && t->K[rest[y]] < t->K[rest[y - 1]]; y--) {
            size_t s = rest[y];
            rest[y] = rest[y - 1];
            rest[y - 1] = s;
        }
    if (nr == 3) {
        t->perm[d - 3] = rest[0];
        t->perm[d - 1] = rest[1];
        t->perm[d - 2] = rest[2];
    } else {
        for (size_t x = 0; x < nr; x++)
            t->perm[d - nr + x] = rest[x];
    }
    return 0;
}

/* ---- the engine ------------------------------------------------------------------- */

/* it4 items of the last four roles (or three: h = 0) for items idx[0..m). */
static it4 *make_it4(dom_t *t, const uint64_t *w, const uint32_t *idx, size_t m)
{
    size_t d = t->d;
    it4 *v = ac__big_alloc(m * sizeof *v);
    if (!v)
        return NULL;
    const uint32_t *ka = t->key[t->perm[d - 3]], *kb = t->key[t->perm[d - 2]],
                   *kc = t->key[t->perm[d - 1]], *kh = d >= 4 ? t->key[t->perm[d - 4]] : NULL;
    for (size_t a = 0; a < m; a++) {
        uint32_t i = idx ? idx[a] : (uint32_t)a;
        v[a] = (it4){w[i], ka[i], kb[i], kc[i], kh ? kh[i] : 0};
    }
    if (!idx && t->last_pass)
        for (size_t j = 0; j < d; j++) {
            /* the whole set is in the items now */
            free(t->key[j]);
            t->key[j] = NULL;
        }
    return v;
}

/* Four coordinates left (the last four roles) for items idx[0..m), or all when idx is
 * NULL. */
static void solve4(dom_t *t, worker *wk, const uint64_t *w, const uint32_t *idx, size_t m)
{
    it4 *v = make_it4(t, w, idx, m), *tmp = ac__big_alloc(m * sizeof *tmp);
    uint32_t Kh = t->K[t->perm[t->d - 4]];
    if (!v || !tmp || sort_it4(&v, &tmp, m)) {
        atomic_store(&t->nomem, 1);
        goto out;
    }
    if (idx && Kh > 4 * m + 64) {
        /* a small set under a wide key range: its own dense h keys keep the histograms
         * small (order is all that matters; the kind is read off a) */
        uint64_t *hk = malloc(m * sizeof *hk), *tk = malloc(m * sizeof *tk);
        uint32_t *ix = malloc(m * sizeof *ix), *ti = malloc(m * sizeof *ti);
        int bad = !hk || !tk || !ix || !ti;
        if (!bad) {
            for (size_t a = 0; a < m; a++) {
                hk[a] = v[a].h;
                ix[a] = (uint32_t)a;
            }
            bad = ac__radix_sort(hk, ix, m, tk, ti);
        }
        if (!bad) {
            uint32_t r = 0;
            for (size_t a = 0; a < m; a++) {
                if (a && hk[a] != hk[a - 1])
                    r++;
                v[ix[a]].h = r;
            }
            Kh = r + 1;
        }
        free(hk);
        free(tk);
        free(ix);
        free(ti);
        if (bad) {
            atomic_store(&t->nomem, 1);
            goto out;
        }
    }
    run4(t, wk, v, tmp, m, Kh);
out:
    free(v);
    free(tmp);
}

static ac__u128 weight_pair(const uint64_t *w, uint32_t p, uint32_t q)
{
    return (ac__u128)w[p] * w[q];
}

/* Five or more coordinates left from role j on: halving by positions (the old way), the
 * cross sets one coordinate fewer. idx is reordered. */
static void solve_gen(dom_t *t, worker *wk, const uint64_t *w, uint32_t *idx, size_t m, size_t j);

static void halve_gen(dom_t *t, worker *wk, const uint64_t *w, const uint32_t *idx, size_t lo,
                      size_t hi, size_t j)
{
    if (halted(t) || hi - lo < 2)
        return;
    size_t d = t->d;
    if (hi - lo <= DOM_BRUTE) {
        for (size_t a = lo; a < hi; a++) {
            uint32_t p = idx[a];
            if (p >= t->np)
                continue;
            for (size_t b = a + 1; b < hi; b++) {
                uint32_t q = idx[b];
                if (q < t->np)
                    continue;
                size_t c = j + 1;
                while (c < d && t->key[t->perm[c]][p] < t->key[t->perm[c]][q])
                    c++;
                if (c == d)
                    wk->sum += weight_pair(w, p, q);
            }
        }
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    halve_gen(t, wk, w, idx, lo, mid, j);
    halve_gen(t, wk, w, idx, mid, hi, j);
    size_t pts = 0, qs = 0;
    for (size_t a = lo; a < mid; a++)
        pts += idx[a] < t->np;
    for (size_t a = mid; a < hi; a++)
        qs += idx[a] >= t->np;
    if (!pts || !qs)
        return;
    uint32_t *cross = malloc((pts + qs) * sizeof *cross);
    if (!cross) {
        atomic_store(&t->nomem, 1);
        return;
    }
    size_t m = 0;
    for (size_t a = lo; a < mid; a++)
        if (idx[a] < t->np)
            cross[m++] = idx[a];
    for (size_t a = mid; a < hi; a++)
        if (idx[a] >= t->np)
            cross[m++] = idx[a];
    solve_gen(t, wk, w, cross, m, j + 1);
    free(cross);
}

static void solve_gen(dom_t *t, worker *wk, const uint64_t *w, uint32_t *idx, size_t m, size_t j)
{
    if (halted(t) || m < 2 || (m >= DOM_CHECK_MIN && check(t)))
        return;
    if (t->d - j == 4) {
        solve4(t, wk, w, idx, m);
        return;
    }
    uint64_t *key = malloc(m * sizeof *key), *tk = malloc(m * sizeof *tk);
    uint32_t *ti = malloc(m * sizeof *ti);
    int bad = !key || !tk || !ti;
    if (!bad) {
        const uint32_t *kj = t->key[t->perm[j]];
        for (size_t a = 0; a < m; a++)
            key[a] = kj[idx[a]];
        bad = ac__radix_sort(key, idx, m, tk, ti);
    }
    free(key);
    free(tk);
    free(ti);
    if (bad) {
        atomic_store(&t->nomem, 1);
        return;
    }
    halve_gen(t, wk, w, idx, 0, m, j);
}

typedef struct {
    dom_t *t;
    worker *wk;
} thread_arg;

static void *thread_main(void *arg)
{
    thread_arg *a = arg;
    work(a->t, a->wk);
    return NULL;
}

/* One pass of the count on 64-bit weights w (points' sum below 2^64). */
static ac__u128 engine(dom_t *t, worker *wks, const uint64_t *w)
{
    size_t d = t->d, n = t->n, np = t->np;
    worker *w0 = &wks[0];
    w0->sum = 0;
    if (d == 1) {
        /* point weights by slot, then prefix sums */
        const uint32_t *k = t->key[0];
        size_t fs = slots_of(t->K[0]);
        uint64_t *acc = calloc(fs + 1, sizeof *acc);
        if (!acc) {
            atomic_store(&t->nomem, 1);
            return 0;
        }
        for (size_t i = 0; i < np; i++)
            acc[(k[i] >> 1) + 1] += w[i];
        for (size_t s = 0; s < fs; s++)
            acc[s + 1] += acc[s];
        ac__u128 r = 0;
        for (size_t i = np; i < n; i++)
            r += (ac__u128)w[i] * acc[(k[i] >> 1) + 1];
        free(acc);
        return r;
    }
    if (d == 2) {
        /* a sweep in (a, b) order, Fenwick over b */
        it4 *v = ac__big_alloc(n * sizeof *v), *tmp = ac__big_alloc(n * sizeof *tmp);
        if (v && tmp)
            for (size_t i = 0; i < n; i++)
                v[i] = (it4){w[i], t->key[0][i], t->key[1][i], 0, 0};
        if (!v || !tmp || sort_it4(&v, &tmp, n)) {
            free(v);
            free(tmp);
            atomic_store(&t->nomem, 1);
            return 0;
        }
        size_t fs = slots_of(t->K[1]);
        ac__u128 r = 0;
        for (size_t i = 0; i < n; i++) {
            if (v[i].a & 1)
                r += (ac__u128)v[i].w * fen_sum(w0->fen, v[i].b >> 1);
            else
                fen_add(w0->fen, fs, v[i].b >> 1, v[i].w);
        }
        memset(w0->fen, 0, (fs + 1) * sizeof *w0->fen);
        free(v);
        free(tmp);
        return r;
    }
    t->slots_b = slots_of(t->K[t->perm[d - 2]]);
    t->slots_c = slots_of(t->K[t->perm[d - 1]]);
    t->head = NULL;
    t->pending = 0;
    t->active = 0;
    t->producing = 1;
    pthread_t th[64];
    thread_arg ta[64];
    int started = 0;
    for (int k = 1; k < t->threads && k < 64; k++) {
        wks[k].sum = 0;
        ta[k] = (thread_arg){t, &wks[k]};
        if (pthread_create(&th[k], NULL, thread_main, &ta[k]))
            break;
        started = k;
    }
    if (d == 3) {
        it4 *v = make_it4(t, w, NULL, n), *tmp = ac__big_alloc(n * sizeof *tmp);
        if (!v || !tmp || sort_it4(&v, &tmp, n))
            atomic_store(&t->nomem, 1);
        free(tmp);
        if (!halted(t))
            push_it4(t, w0, v, n);
        else
            free(v);
    } else if (d == 4) {
        solve4(t, w0, w, NULL, n);
    } else {
        uint32_t *idx = malloc(n * sizeof *idx);
        if (!idx) {
            atomic_store(&t->nomem, 1);
        } else {
            for (size_t i = 0; i < n; i++)
                idx[i] = (uint32_t)i;
            solve_gen(t, w0, w, idx, n, 0);
        }
        free(idx);
    }
    pthread_mutex_lock(&t->mu);
    t->producing = 0;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
    work(t, w0);
    ac__u128 r = w0->sum;
    for (int k = 1; k <= started; k++) {
        pthread_join(th[k], NULL);
        r += wks[k].sum;
    }
    return r;
}

ac_status ac__dom_count(double *p, ac__u128 *wp, size_t np, double *q, ac__u128 *wq, size_t nq,
                        size_t d, int threads, const ac__budget *budget, ac__u128 *out)
{
    *out = 0;
    ac_status st = AC_OK;
    if (!np || !nq)
        goto early;
    if (d == 0) {
        ac__u128 sp = 0, sq = 0;
        for (size_t a = 0; a < np; a++)
            sp += wp[a];
        for (size_t b = 0; b < nq; b++)
            sq += wq[b];
        *out = sp * sq;
        goto early;
    }
    /* keys are 32 bits; items fit 31 */
    if (np > (size_t)INT32_MAX || nq > (size_t)INT32_MAX - np || d > 8) {
        st = d > 8 ? AC_EARG : AC_ELIMIT;
        goto early;
    }
    if (threads < 1)
        threads = 1;
    if (threads > 64)
        threads = 64;
    size_t n = np + nq;
    dom_t t = {.np = np, .n = n, .d = d, .threads = threads, .budget = budget};
    atomic_init(&t.nomem, 0);
    atomic_init(&t.stop, 0);
    worker wks[64];
    memset(wks, 0, sizeof wks);
    uint64_t *w = NULL;
    int sync = 0;
    st = AC_ENOMEM;
    t.key = calloc(d, sizeof *t.key);
    t.K = calloc(d, sizeof *t.K);
    if (!t.key || !t.K)
        goto done;
    for (size_t j = 0; j < d; j++) {
        t.key[j] = ac__big_alloc(n * sizeof **t.key);
        if (!t.key[j] || rank_coord(p, q, np, n, d, j, t.key[j], &t.K[j]))
            goto done;
    }
    free(p);
    free(q);
    p = q = NULL;
    if (choose_roles(&t))
        goto done;
    size_t maxk = 0;
    for (size_t j = 0; j < d; j++)
        maxk = t.K[j] > maxk ? t.K[j] : maxk;
    t.fslots = slots_of((uint32_t)maxk);
    for (int k = 0; k < threads; k++) {
        wks[k].fen = calloc(t.fslots + 1, sizeof *wks[k].fen);
        if (!wks[k].fen)
            goto done;
    }
    if (pthread_mutex_init(&t.mu, NULL))
        goto done;
    if (pthread_cond_init(&t.cv, NULL)) {
        pthread_mutex_destroy(&t.mu);
        goto done;
    }
    sync = 1;
    ac__u128 psum = 0, qmax = 0;
    int psum_over = 0;
    for (size_t a = 0; a < np; a++) {
        psum_over |= psum + wp[a] < psum;
        psum += wp[a];
    }
    for (size_t b = 0; b < nq; b++)
        qmax = wq[b] > qmax ? wq[b] : qmax;
    int one_pass = !psum_over && (psum >> 64) == 0 && (qmax >> 64) == 0;
    w = ac__big_alloc(n * sizeof *w);
    if (!w)
        goto done;
    ac__u128 res = 0;
    unsigned limbs = one_pass ? 1 : 4;
    for (unsigned lp = 0; lp < limbs; lp++)
        for (unsigned lq = 0; lq < limbs; lq++) {
            if (32 * (lp + lq) >= 128)
                continue; /* a multiple of 2^128: nothing modulo 2^128 */
            int any_p = 0, any_q = 0;
            for (size_t i = 0; i < n; i++) {
                ac__u128 x = i < np ? wp[i] : wq[i - np];
                w[i] = one_pass ? (uint64_t)x
                                : (uint64_t)(x >> (32 * (i < np ? lp : lq))) & 0xffffffffu;
                if (i < np)
                    any_p |= w[i] != 0;
                else
                    any_q |= w[i] != 0;
            }
            if (one_pass) {
                free(wp);
                free(wq);
                wp = wq = NULL;
            }
            if (!any_p || !any_q)
                continue;
            t.last_pass = one_pass && d <= 4;
            res += engine(&t, wks, w) << (32 * (lp + lq));
            if (halted(&t))
                break;
        }
    if (atomic_load(&t.nomem))
        st = AC_ENOMEM;
    else if (atomic_load(&t.stop))
        st = AC_ELIMIT;
    else {
        *out = res;
        st = AC_OK;
    }
done:
    if (sync) {
        pthread_cond_destroy(&t.cv);
        pthread_mutex_destroy(&t.mu);
    }
    for (int k = 0; k < threads; k++)
        free(wks[k].fen);
    if (t.key)
        for (size_t j = 0; j < d; j++)
            free(t.key[j]);
    free(t.key);
    free(t.K);
    free(w);
early:
    free(p);
    free(q);
    free(wp);
    free(wq);
    return st;
}
