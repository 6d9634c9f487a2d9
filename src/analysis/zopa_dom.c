/* Weighted dominance counting: the join step of the ZOPA count (see zopa_dom.h).
 *
 * Items are numbered 0..n-1, points first (i < np), then queries. Every coordinate is
 * first replaced by its rank among all values of that coordinate, points and queries
 * together, equal doubles sharing a rank; from then on "p_j >= q_j" is the exact integer
 * test "rank_j(p) >= rank_j(q)" and the doubles are no longer needed.
 *
 * Invariant used for ties everywhere: the order key of item i on coordinate j is
 *     key_j(i) = (K_j - 1 - rank_j(i)) * 2 + is_query(i),     K_j = distinct values.
 * Ascending key order lists larger values first and, among equal values, points before
 * queries. Point keys are even and query keys odd, so for a point a and a query b,
 * key_j(a) < key_j(b) exactly when p_j(a) >= q_j(b) (equal values count).
 *
 * Method by the number of coordinates left: 1, a sweep in key order; 2, a sweep over
 * the first with a Fenwick tree of weight sums over the second; 3, CDQ divide and
 * conquer over the key order of the first coordinate, merge-sorting by the second and
 * summing the third in a Fenwick tree; more, halving over the first coordinate's order
 * and recursing on the cross pairs (points of the first half, queries of the second,
 * which agree on that coordinate by construction) with one coordinate fewer. Cost
 * O(n log^(d-1) n). Small sets are done pair by pair.
 *
 * The one Fenwick tree (over the last coordinate) is all zeros between uses: whoever
 * adds to it subtracts the same amounts before returning. Weights are unsigned 128-bit,
 * so the subtraction is exact even through wrap-around.
 *
 * The three-coordinate step, where the time goes, works on 64-bit weights: 16-byte items
 * and a 64-bit Fenwick tree take about 40% less time than 128-bit ones. When the point
 * weights sum below 2^64 and every query weight fits 64 bits (the usual case: a side's
 * weights sum to at most the outcomes of its issues) one pass counts everything; else
 * the weights are cut into 32-bit limbs and one pass per pair of limbs counts
 * sum wq_m wp_l, added at 2^(32 (l + m)): every sum still fits (2^31 items times 2^32),
 * and the total is exact modulo 2^128, where it lies. */
#include "analysis/zopa_dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Below this many items a set is counted pair by pair: cheaper than sorting. */
#define DOM_BRUTE 32

typedef struct {
    size_t np, n, d;
    const ac__u128 *wp, *wq;
    uint32_t **rank; /* [d][n] */
    uint32_t *K;     /* [d] */
    ac__u128 *fen;    /* [K[d-1] + 1], 1-based, over f = K - 1 - rank of the last coordinate */
    uint64_t *fen64; /* the same for the three-coordinate step's 64-bit weights */
    int nomem;
} dom_t;

/* The weight travels with the item because the merges stream through items while a
 * lookup by index would miss the cache on every Fenwick operation. */
typedef struct {
    uint64_t w;  /* the weight, or one 32-bit limb of it */
    uint32_t k1; /* key on the middle coordinate (its parity tells the kind) */
    uint32_t f2; /* K - 1 - rank on the last coordinate: smaller means larger value */
} it3;

static ac__u128 weight(const dom_t *t, uint32_t i)
{
    return i < t->np ? t->wp[i] : t->wq[i - t->np];
}

static uint32_t key_of(const dom_t *t, size_t j, uint32_t i)
{
    return (t->K[j] - 1 - t->rank[j][i]) * 2u + (i >= t->np);
}

static void fen_add(ac__u128 *f, size_t size, size_t pos, ac__u128 w)
{
    for (size_t x = pos + 1; x <= size; x += x & (~x + 1))
        f[x] += w;
}

static void fen_sub(ac__u128 *f, size_t size, size_t pos, ac__u128 w)
{
    for (size_t x = pos + 1; x <= size; x += x & (~x + 1))
        f[x] -= w;
}

/* Sum over positions 0..pos. */
static ac__u128 fen_sum(const ac__u128 *f, size_t pos)
{
    ac__u128 s = 0;
    for (size_t x = pos + 1; x > 0; x &= x - 1)
        s += f[x];
    return s;
}

/* The 64-bit tree; subtracting is adding the two's complement. */
static void fen_add64(uint64_t *f, size_t size, size_t pos, uint64_t w)
{
    for (size_t x = pos + 1; x <= size; x += x & (~x + 1))
        f[x] += w;
}

static uint64_t fen_sum64(const uint64_t *f, size_t pos)
{
    uint64_t s = 0;
    for (size_t x = pos + 1; x > 0; x &= x - 1)
        s += f[x];
    return s;
}

/* Doubles to keys whose unsigned order is the numeric order; -0.0 becomes +0.0 so the two
 * zeros (equal as doubles) share a rank. */
static uint64_t sortable(double x)
{
    if (x == 0)
        x = 0;
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (b >> 63) ? ~b : b | (1ull << 63);
}

/* Stable sort of (key, idx) pairs by key: insertion sort for few, else LSD radix on
 * digits of 8 bits (16 for large arrays: half the passes), skipping digits on which all
 * keys agree (ranks are small numbers, so most passes vanish). tk, ti: scratch of m
 * entries. Returns 0, or -1 when out of memory (nothing sorted). */
static int sort_keys(uint64_t *key, uint32_t *idx, size_t m, uint64_t *tk, uint32_t *ti)
{
    if (m < 64) {
        for (size_t a = 1; a < m; a++) {
            uint64_t k = key[a];
            uint32_t v = idx[a];
            size_t b = a;
            for (; b > 0 && key[b - 1] > k; b--) {
                key[b] = key[b - 1];
                idx[b] = idx[b - 1];
            }
            key[b] = k;
            idx[b] = v;
        }
        return 0;
    }
    unsigned bits = m >= ((size_t)1 << 17) ? 16 : 8;
    size_t nbuckets = (size_t)1 << bits, mask = nbuckets - 1;
    size_t *cnt = malloc(nbuckets * sizeof *cnt);
    if (!cnt)
        return -1;
    uint64_t vor = 0, vand = ~0ull;
    for (size_t a = 0; a < m; a++) {
        vor |= key[a];
        vand &= key[a];
    }
    uint64_t diff = vor ^ vand;
    uint64_t *ka = key, *kb = tk;
    uint32_t *ia = idx, *ib = ti;
    for (unsigned sh = 0; sh < 64; sh += bits) {
        if (!((diff >> sh) & mask))
            continue;
        memset(cnt, 0, nbuckets * sizeof *cnt);
        for (size_t a = 0; a < m; a++)
            cnt[(ka[a] >> sh) & mask]++;
        size_t sum = 0;
        for (size_t b = 0; b < nbuckets; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t a = 0; a < m; a++) {
            size_t pos = cnt[(ka[a] >> sh) & mask]++;
            kb[pos] = ka[a];
            ib[pos] = ia[a];
        }
        uint64_t *sk = ka;
        ka = kb;
        kb = sk;
        uint32_t *si = ia;
        ia = ib;
        ib = si;
    }
    free(cnt);
    if (ka != key) {
        memcpy(key, ka, m * sizeof *key);
        memcpy(idx, ia, m * sizeof *idx);
    }
    return 0;
}

/* Pairs of idx[0..m) dominating on coordinates j..d-1, one by one. */
static void brute(const dom_t *t, const uint32_t *idx, size_t m, size_t j, ac__u128 *res)
{
    for (size_t a = 0; a < m; a++) {
        uint32_t p = idx[a];
        if (p >= t->np)
            continue;
        for (size_t b = 0; b < m; b++) {
            uint32_t q = idx[b];
            if (q < t->np)
                continue;
            size_t c = j;
            while (c < t->d && t->rank[c][p] >= t->rank[c][q])
                c++;
            if (c == t->d)
                *res += weight(t, p) * weight(t, q);
        }
    }
}

/* CDQ over [lo, hi) of items in key order of the first of the three coordinates, held
 * identically in dst and src (merge sort with alternating buffers: no copying back). On
 * return dst[lo..hi) is sorted by k1 and the pairs inside the range have been counted;
 * src[lo..hi) is scratch. */
static void cdq3(const dom_t *t, it3 *dst, it3 *src, size_t lo, size_t hi, ac__u128 *res)
{
    size_t fsize = t->K[t->d - 1];
    if (hi - lo <= 48) {
        /* a point before a query already satisfies the first coordinate */
        for (size_t x = lo; x < hi; x++) {
            if (dst[x].k1 & 1)
                continue;
            for (size_t y = x + 1; y < hi; y++)
                if ((dst[y].k1 & 1) && dst[x].k1 < dst[y].k1 && dst[x].f2 <= dst[y].f2)
                    *res += (ac__u128)dst[x].w * dst[y].w;
        }
        for (size_t x = lo + 1; x < hi; x++) {
            it3 v = dst[x];
            size_t y = x;
            for (; y > lo && dst[y - 1].k1 > v.k1; y--)
                dst[y] = dst[y - 1];
            dst[y] = v;
        }
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    cdq3(t, src, dst, lo, mid, res);
    cdq3(t, src, dst, mid, hi, res);
    /* Cross pairs: points of the first half against queries of the second. Merging by
     * k1 (first half first on equal keys; equal keys are the same kind and never pair)
     * puts each query after exactly the points at least as large on the middle
     * coordinate; the Fenwick tree answers the last coordinate. */
    size_t x = lo, y = mid, o = lo;
    while (x < mid || y < hi) {
        if (y >= hi || (x < mid && src[x].k1 <= src[y].k1)) {
            if (!(src[x].k1 & 1))
                fen_add64(t->fen64, fsize, src[x].f2, src[x].w);
            dst[o++] = src[x++];
        } else {
            if (src[y].k1 & 1)
                *res += (ac__u128)src[y].w * fen_sum64(t->fen64, src[y].f2);
            dst[o++] = src[y++];
        }
    }
    for (x = lo; x < mid; x++)
        if (!(src[x].k1 & 1))
            fen_add64(t->fen64, fsize, src[x].f2, ~src[x].w + 1);
}

static void solve(dom_t *t, uint32_t *idx, size_t m, size_t j, ac__u128 *res);

/* idx[lo..hi) is in key order of coordinate j, with four or more coordinates left. */
static void halve(dom_t *t, const uint32_t *idx, size_t lo, size_t hi, size_t j, ac__u128 *res)
{
    if (t->nomem || hi - lo < 2)
        return;
    if (hi - lo <= DOM_BRUTE) {
        /* pair by pair; coordinate j holds for a point listed before a query */
        for (size_t a = lo; a < hi; a++) {
            uint32_t p = idx[a];
            if (p >= t->np)
                continue;
            for (size_t b = a + 1; b < hi; b++) {
                uint32_t q = idx[b];
                if (q < t->np)
                    continue;
                size_t c = j + 1;
                while (c < t->d && t->rank[c][p] >= t->rank[c][q])
                    c++;
                if (c == t->d)
                    *res += weight(t, p) * weight(t, q);
            }
        }
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    halve(t, idx, lo, mid, j, res);
    halve(t, idx, mid, hi, j, res);
    size_t pts = 0, qs = 0;
    for (size_t a = lo; a < mid; a++)
        pts += idx[a] < t->np;
    for (size_t a = mid; a < hi; a++)
        qs += idx[a] >= t->np;
    if (!pts || !qs)
        return;
    uint32_t *cross = malloc((pts + qs) * sizeof *cross);
    if (!cross) {
        t->nomem = 1;
        return;
    }
    size_t m = 0;
    for (size_t a = lo; a < mid; a++)
        if (idx[a] < t->np)
            cross[m++] = idx[a];
    for (size_t a = mid; a < hi; a++)
        if (idx[a] >= t->np)
            cross[m++] = idx[a];
    solve(t, cross, m, j + 1, res);
    free(cross);
}

/* Adds to *res the pairs among idx[0..m) that dominate on coordinates j..d-1 (d > j).
 * Reorders idx. */
static void solve(dom_t *t, uint32_t *idx, size_t m, size_t j, ac__u128 *res)
{
    if (t->nomem || m < 2)
        return;
    if (m <= DOM_BRUTE) {
        brute(t, idx, m, j, res);
        return;
    }
    uint64_t *key = malloc(m * sizeof *key), *tk = malloc(m * sizeof *tk);
    uint32_t *ti = malloc(m * sizeof *ti);
    if (!key || !tk || !ti) {
        free(key);
        free(tk);
        free(ti);
        t->nomem = 1;
        return;
    }
    for (size_t a = 0; a < m; a++)
        key[a] = key_of(t, j, idx[a]);
    int bad = sort_keys(key, idx, m, tk, ti);
    free(key);
    free(tk);
    free(ti);
    if (bad) {
        t->nomem = 1;
        return;
    }

    size_t left = t->d - j;
    if (left == 1) {
        ac__u128 acc = 0;
        for (size_t a = 0; a < m; a++) {
            if (idx[a] < t->np)
                acc += weight(t, idx[a]);
            else
                *res += weight(t, idx[a]) * acc;
        }
    } else if (left == 2) {
        size_t c = j + 1, fsize = t->K[c];
        for (size_t a = 0; a < m; a++) {
            uint32_t i = idx[a];
            size_t f = t->K[c] - 1 - t->rank[c][i];
            if (i < t->np)
                fen_add(t->fen, fsize, f, weight(t, i));
            else
                *res += weight(t, i) * fen_sum(t->fen, f);
        }
        for (size_t a = 0; a < m; a++) {
            uint32_t i = idx[a];
            if (i < t->np)
                fen_sub(t->fen, fsize, t->K[c] - 1 - t->rank[c][i], weight(t, i));
        }
    } else if (left == 3) {
        it3 *a3 = malloc(m * sizeof *a3), *tmp = malloc(m * sizeof *tmp);
        if (!a3 || !tmp) {
            free(a3);
            free(tmp);
            t->nomem = 1;
            return;
        }
        size_t c1 = j + 1, c2 = j + 2;
        ac__u128 psum = 0, qmax = 0;
        int psum_over = 0;
        for (size_t a = 0; a < m; a++) {
            uint32_t i = idx[a];
            ac__u128 w = weight(t, i);
            if (i < t->np) {
                psum_over |= psum + w < psum;
                psum += w;
            } else if (w > qmax) {
                qmax = w;
            }
        }
        int one_pass = !psum_over && (psum >> 64) == 0 && (qmax >> 64) == 0;
        /* limbs l of the points and m of the queries; one pass of the full weights */
        unsigned limbs = one_pass ? 1 : 4;
        for (unsigned lp = 0; lp < limbs; lp++)
            for (unsigned lq = 0; lq < limbs; lq++) {
                if (32 * (lp + lq) >= 128)
                    continue; /* a multiple of 2^128: nothing modulo 2^128 */
                int any_p = 0, any_q = 0;
                for (size_t a = 0; a < m; a++) {
                    uint32_t i = idx[a];
                    ac__u128 w = weight(t, i);
                    uint64_t x = one_pass ? (uint64_t)w
                                          : (uint64_t)(w >> (32 * (i < t->np ? lp : lq))) &
                                                0xffffffffu;
                    if (i < t->np)
                        any_p |= x != 0;
                    else
                        any_q |= x != 0;
                    a3[a] = (it3){x, key_of(t, c1, i), t->K[c2] - 1 - t->rank[c2][i]};
                }
                if (one_pass && j == 0 && m == t->n) {
                    /* the whole set in three coordinates: the ranks are all in the
                     * items now */
                    for (size_t c = 0; c < t->d; c++) {
                        free(t->rank[c]);
                        t->rank[c] = NULL;
                    }
                }
                if (!any_p || !any_q)
                    continue;
                memcpy(tmp, a3, m * sizeof *tmp);
                ac__u128 part = 0;
                cdq3(t, a3, tmp, 0, m, &part);
                *res += part << (32 * (lp + lq));
            }
        free(a3);
        free(tmp);
    } else {
        halve(t, idx, 0, m, j, res);
    }
}

ac_status ac__dom_count(double *p, const ac__u128 *wp, size_t np, double *q,
                        const ac__u128 *wq, size_t nq, size_t d, ac__u128 *out)
{
    *out = 0;
    if (!np || !nq || d == 0) {
        free(p);
        free(q);
    }
    if (!np || !nq)
        return AC_OK;
    if (d == 0) {
        ac__u128 sp = 0, sq = 0;
        for (size_t a = 0; a < np; a++)
            sp += wp[a];
        for (size_t b = 0; b < nq; b++)
            sq += wq[b];
        *out = sp * sq;
        return AC_OK;
    }
    /* keys are (rank * 2 + kind) in 32 bits */
    if (np > (size_t)INT32_MAX || nq > (size_t)INT32_MAX - np) {
        free(p);
        free(q);
        return AC_ELIMIT;
    }
    size_t n = np + nq;
    ac_status st = AC_ENOMEM;
    dom_t t = {.np = np, .n = n, .d = d, .wp = wp, .wq = wq};
    uint32_t *idx = malloc(n * sizeof *idx), *ti = malloc(n * sizeof *ti);
    uint64_t *key = malloc(n * sizeof *key), *tk = malloc(n * sizeof *tk);
    t.rank = calloc(d, sizeof *t.rank);
    t.K = calloc(d, sizeof *t.K);
    if (!idx || !ti || !key || !tk || !t.rank || !t.K)
        goto done;
    for (size_t j = 0; j < d; j++) {
        t.rank[j] = malloc(n * sizeof **t.rank);
        if (!t.rank[j])
            goto done;
        for (size_t i = 0; i < n; i++) {
            idx[i] = (uint32_t)i;
            key[i] = sortable(i < np ? p[i * d + j] : q[(i - np) * d + j]);
        }
        if (sort_keys(key, idx, n, tk, ti))
            goto done;
        uint32_t r = 0;
        for (size_t a = 0; a < n; a++) {
            if (a > 0 && key[a] != key[a - 1])
                r++;
            t.rank[j][idx[a]] = r;
        }
        t.K[j] = r + 1;
    }
    free(p);
    free(q);
    p = q = NULL;
    free(key);
    free(tk);
    free(ti);
    key = tk = NULL;
    ti = NULL;
    t.fen = calloc((size_t)t.K[d - 1] + 1, sizeof *t.fen);
    t.fen64 = calloc((size_t)t.K[d - 1] + 1, sizeof *t.fen64);
    if (!t.fen || !t.fen64)
        goto done;
    for (size_t i = 0; i < n; i++)
        idx[i] = (uint32_t)i;
    ac__u128 res = 0;
    solve(&t, idx, n, 0, &res);
    if (!t.nomem) {
        *out = res;
        st = AC_OK;
    }
done:
    free(p);
    free(q);
    if (t.rank)
        for (size_t j = 0; j < d; j++)
            free(t.rank[j]);
    free(t.rank);
    free(t.K);
    free(t.fen);
    free(t.fen64);
    free(idx);
    free(ti);
    free(key);
    free(tk);
    return st;
}
