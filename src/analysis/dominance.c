/* The shared non-dominated filter (see dominance.h). Cost: O(n log n) for one to three
 * parties (sort, then a running maximum or a Fenwick tree of maxima); beyond, the same
 * sorted sweep asks a k-d tree of the kept points (dominance_kd.c), or, as the baseline,
 * scans them all (O(n * F), F the size of the frontier). Ordering by rank vectors is an
 * LSD counting sort (ranks are dense and below n), O(d * n), stable, so equal vectors
 * stay in index order; ranking sorts each column's doubles by their bit patterns
 * (radix.c), and ac__filter_ranks lets callers that already have sorted columns skip
 * that too. */
#include "analysis/dominance.h"

#include <stdlib.h>
#include <string.h>

#include "accord/space.h"
#include "analysis/radix.h"

/* Each column sorted by a radix sort of its doubles' bit patterns (the order of equal
 * values does not matter: they share a rank). */
ac_status ac__ranks(const double *u, size_t n, size_t d, uint32_t *rank)
{
    if (!n)
        return AC_OK;
    if (n > UINT32_MAX)
        return AC_ELIMIT;
    uint64_t *key = malloc(n * sizeof *key), *tk = malloc(n * sizeof *tk);
    uint32_t *idx = malloc(n * sizeof *idx), *ti = malloc(n * sizeof *ti);
    ac_status st = AC_ENOMEM;
    if (!key || !tk || !idx || !ti)
        goto done;
    for (size_t j = 0; j < d; j++) {
        for (size_t i = 0; i < n; i++) {
            idx[i] = (uint32_t)i;
            key[i] = ac__sortable_double(u[i * d + j]);
        }
        if (ac__radix_sort(key, idx, n, tk, ti))
            goto done;
        uint32_t r = 0;
        rank[(size_t)idx[0] * d + j] = 0;
        for (size_t i = 1; i < n; i++) {
            if (u[(size_t)idx[i] * d + j] - u[(size_t)idx[i - 1] * d + j] > AC_EPS)
                r++;
            rank[(size_t)idx[i] * d + j] = r;
        }
    }
    st = AC_OK;
done:
    free(key);
    free(tk);
    free(idx);
    free(ti);
    return st;
}

/* perm = 0..n-1 ordered by rank vector descending, first coordinate first, ties by
 * index: stable counting sorts from the last coordinate to the first. Ranks are below n
 * (at most n distinct values per column), so every pass is O(n). */
static ac_status order_by_rank(const uint32_t *rank, size_t n, size_t d, size_t *perm)
{
    size_t *tmp = malloc(n * sizeof *tmp);
    size_t *cnt = malloc((n + 1) * sizeof *cnt);
    if (!tmp || !cnt) {
        free(tmp);
        free(cnt);
        return AC_ENOMEM;
    }
    size_t *a = perm, *b = tmp;
    for (size_t i = 0; i < n; i++)
        a[i] = i;
    for (size_t j = d; j-- > 0;) {
        uint32_t top = 0;
        for (size_t i = 0; i < n; i++)
            if (rank[i * d + j] > top)
                top = rank[i * d + j];
        memset(cnt, 0, ((size_t)top + 1) * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[rank[i * d + j]]++;
        /* descending: the highest rank's bucket starts at 0 */
        size_t pos = 0;
        for (size_t r = (size_t)top + 1; r-- > 0;) {
            size_t c = cnt[r];
            cnt[r] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t q = a[i];
            b[cnt[rank[q * d + j]]++] = q;
        }
        size_t *t = a;
        a = b;
        b = t;
    }
    if (a != perm)
        memcpy(perm, a, n * sizeof *perm);
    free(tmp);
    free(cnt);
    return AC_OK;
}

ac_status ac__order_desc(const double *u, size_t n, size_t d, size_t *perm)
{
    if (!n)
        return AC_OK;
    uint32_t *rank = malloc(n * d * sizeof *rank);
    if (!rank)
        return AC_ENOMEM;
    ac_status st = ac__ranks(u, n, d, rank);
    if (!st)
        st = order_by_rank(rank, n, d, perm);
    free(rank);
    return st;
}

/* Fenwick tree over reversed second-coordinate ranks holding the largest third rank seen,
 * so "max third rank among points with second rank >= r" is a prefix query. */
static void fen_update(int64_t *t, size_t m, size_t pos, int64_t v)
{
    for (size_t i = pos + 1; i <= m; i += i & (~i + 1))
        if (t[i] < v)
            t[i] = v;
}

static int64_t fen_query(const int64_t *t, size_t pos)
{
    int64_t best = -1;
    for (size_t i = pos + 1; i > 0; i -= i & (~i + 1))
        if (t[i] > best)
            best = t[i];
    return best;
}

ac_status ac__pareto_filter(const double *u, size_t n, size_t d, unsigned char *keep)
{
    if (!n)
        return AC_OK;
    uint32_t *rank = malloc(n * d * sizeof *rank);
    if (!rank)
        return AC_ENOMEM;
    ac_status st = ac__ranks(u, n, d, rank);
    if (!st)
        st = ac__filter_ranks(rank, n, d, keep);
    free(rank);
    return st;
}

#define KD_MIN_POINTS 512

ac_status ac__filter_ranks(const uint32_t *rank, size_t n, size_t d, unsigned char *keep)
{
    return ac__filter_ranks_with(rank, n, d, keep, AC__FILTER_AUTO, NULL, NULL);
}

ac_status ac__filter_ranks_with(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                                ac__filter_kind kind, const ac__budget *budget,
                                ac__stop *stopped)
{
    return ac__filter_ranks_tie(rank, n, d, keep, kind, budget, stopped, NULL);
}

static int same_vector(const uint32_t *a, const uint32_t *b, size_t d)
{
    size_t j = 0;
    while (j < d && a[j] == b[j])
        j++;
    return j == d;
}

/* perm lists equal vectors next to each other, the kept one (if any) first: move each
 * group's keep to its least member under tie. */
static void resolve_ties(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                         unsigned char *keep, const ac__tie *tie)
{
    for (size_t a = 0; a < n;) {
        size_t b = a + 1, best = perm[a];
        while (b < n && same_vector(rank + perm[b] * d, rank + perm[a] * d, d)) {
            if (tie->less(tie->ctx, perm[b], best))
                best = perm[b];
            b++;
        }
        if (keep[perm[a]] && best != perm[a]) {
            keep[perm[a]] = 0;
            keep[best] = 1;
        }
        a = b;
    }
}

static ac_status filter_sorted(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                               unsigned char *keep, ac__filter_kind kind,
                               const ac__budget *budget, ac__stop *stopped,
                               const ac__groups *groups);

ac_status ac__filter_ranks_tie(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                               ac__filter_kind kind, const ac__budget *budget,
                               ac__stop *stopped, const ac__tie *tie)
{
    return ac__filter_ranks_groups(rank, n, d, keep, kind, budget, stopped, tie, NULL);
}

ac_status ac__filter_ranks_groups(const uint32_t *rank, size_t n, size_t d, unsigned char *keep,
                                  ac__filter_kind kind, const ac__budget *budget,
                                  ac__stop *stopped, const ac__tie *tie,
                                  const ac__groups *groups)
{
    if (!n)
        return AC_OK;
    memset(keep, 0, n);
    size_t *perm = malloc(n * sizeof *perm);
    if (!perm)
        return AC_ENOMEM;
    ac_status st = order_by_rank(rank, n, d, perm);
    if (!st)
        st = filter_sorted(rank, perm, n, d, keep, kind, budget, stopped, groups);
    if (!st && tie && tie->less)
        resolve_ties(rank, perm, n, d, keep, tie);
    free(perm);
    return st;
}

static ac_status filter_sorted(const uint32_t *rank, const size_t *perm, size_t n, size_t d,
                               unsigned char *keep, ac__filter_kind kind,
                               const ac__budget *budget, ac__stop *stopped,
                               const ac__groups *groups)
{
    ac_status st = AC_OK;
    /* perm is sorted by rank vector descending, equal vectors by index: an earlier
     * distinct vector is lexicographically greater, so it dominates q exactly when it is
     * >= q in every coordinate past the first. */
    /* below a few hundred points building the tree costs more than scanning */
    if (d >= 4 && (kind == AC__FILTER_KD || (kind == AC__FILTER_AUTO && n >= KD_MIN_POINTS)))
        return ac__filter_sorted_kd(rank, perm, n, d, keep, budget, stopped, groups);
    int64_t *fen = NULL;
    size_t m = 0, *kept = NULL, nk = 0;
    if (d == 3) {
        for (size_t i = 0; i < n; i++)
            if (rank[i * d + 1] + 1 > m)
                m = rank[i * d + 1] + 1;
        fen = malloc((m + 1) * sizeof *fen);
        if (!fen)
            st = AC_ENOMEM;
        else
            for (size_t i = 0; i <= m; i++)
                fen[i] = -1;
    } else if (d >= 4) {
        kept = malloc(n * sizeof *kept);
        if (!kept)
            st = AC_ENOMEM;
    }
    int64_t best2 = -1;
    for (size_t a = 0; !st && a < n; a++) {
        if (budget && d >= 4 && a % 1024 == 1023 && ac__budget_check(budget)) {
            if (stopped)
                *stopped = ac__budget_check(budget);
            st = AC_ELIMIT; /* the scan is the slow one: it must stop too */
            break;
        }
        size_t q = perm[a];
        const uint32_t *rq = rank + q * d;
        if (a > 0) {
            /* a duplicate of the previous point (same vector, smaller index)? */
            const uint32_t *rp = rank + perm[a - 1] * d;
            size_t j = 0;
            while (j < d && rp[j] == rq[j])
                j++;
            if (j == d)
                continue;
        }
        int dominated;
        if (d == 1) {
            dominated = a > 0;
        } else if (d == 2) {
            dominated = best2 >= (int64_t)rq[1];
        } else if (d == 3) {
            dominated = fen_query(fen, m - 1 - rq[1]) >= (int64_t)rq[2];
        } else {
            dominated = 0;
            for (size_t b = 0; b < nk && !dominated; b++) {
                const uint32_t *rp = rank + kept[b] * d;
                size_t j = 1;
                while (j < d && rp[j] >= rq[j])
                    j++;
                dominated = j == d;
            }
        }
        if (dominated)
            continue;
        keep[q] = 1;
        if (d == 2 && (int64_t)rq[1] > best2)
            best2 = rq[1];
        else if (d == 3)
            fen_update(fen, m, m - 1 - rq[1], rq[2]);
        else if (d >= 4)
            kept[nk++] = q;
    }
    free(fen);
    free(kept);
    return st;
}
