/* The issue-by-issue Pareto dynamic programme (see dp_frontier.h).
 *
 * Invariants between layers:
 *   - the layer's points are in candidate order (lexicographic prefix order when the
 *     issues are taken in file order);
 *   - for every party j, ord[j] lists the layer's points by ascending u_j, and val[j]
 *     holds those u_j in the same order.
 * The second one is what makes a layer cheap: the candidates of the next layer are the
 * layer shifted by each option's contribution, and a shift keeps the order (floating-
 * point addition is monotone), so each column of the candidates is sorted by merging
 * m sorted runs (m = options of the issue) instead of sorting from scratch. Ranks (as
 * ac__ranks defines them) fall out of the merge, and ac__filter_ranks does the rest in
 * linear time plus a Fenwick tree. Filtering the merged runs by the kept points gives
 * the next layer's ord again. The merge reads val, not the points, so it streams
 * through memory instead of missing the cache on every element.
 *
 * Memory: the current layer and the candidates of the next one (about options x layer
 * size), in buffers that grow geometrically and are reused from layer to layer; plus,
 * when tracking outcomes, one (parent, option) pair per kept point of every layer. */
#include "analysis/dp_frontier.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/dominance.h"

#define NONE UINT32_MAX
/* Pruning by what a party can still gain compares sums taken in different orders; this
 * much slack keeps rounding from dropping a vector whose completion lands exactly on
 * the floor. Once nothing is left to gain the final test is exact. */
#define PRUNE_SLACK 1e-12
/* From this many candidates a layer of four or more parties is filtered with one k-d
 * tree per copy when the copy proof holds (measured: docs/scale.md). */
#define GROUPS_MIN_POINTS 512
/* With more copies a kept point asks more trees: 6 and 8 options measured 0.87-1.08x. */
#define GROUPS_MAX_COPIES 4

typedef struct {
    uint32_t parent, option;
} backptr;

typedef struct {
    const ac_space *s;
    const ac__dp_opts *o;
    size_t d;
    /* the current layer */
    size_t n;
    double *u;
    size_t u_cap;
    uint32_t *ord; /* d runs of n: ord[j * n + a] */
    size_t ord_cap;
    double *val; /* d runs of n: val[j * n + a] = u[ord[j * n + a] * d + j] */
    size_t val_cap;
    /* the candidates of the next layer */
    size_t nc;
    double *cu;
    size_t cu_cap;
    uint32_t *cpar, *copt;
    size_t cpar_cap, copt_cap;
    uint32_t *cmap; /* [n * m]: candidate id of (point, option slot), NONE if pruned */
    size_t cmap_cap;
    int dense; /* nothing pruned: the id of (point, slot) is point * m + slot */
    uint32_t *sorted; /* d runs of nc: candidates by ascending u_j */
    size_t sorted_cap;
    double *sval; /* d runs of nc: their u_j */
    size_t sval_cap;
    uint32_t *rank; /* [nc * d] */
    size_t rank_cap;
    unsigned char *keep;
    size_t keep_cap;
    uint32_t *newidx;
    size_t newidx_cap;
    /* the options of the issue being taken, and the merge heap */
    uint32_t *opts;
    uint32_t *hpos, *heap;
    double *hkey;
    /* the copy proof (see merge_column): per option slot, the last merged candidate's
     * rank and its value before the shift; mixed: the proof failed on this layer */
    int prove, mixed;
    uint32_t *prank;
    double *pval;
    /* file-order tie-break (opts.file_ties out of file order): each point's prefix
     * outcome packed so that unsigned comparison of its kw words is file order, issue k's
     * option at bits kshift[k] of word kword[k] (0 for issues not taken yet) */
    size_t kw;
    uint32_t *kword, *kshift;
    uint64_t *key, *nkey; /* [n * kw]: the layer's keys; the next layer's */
    size_t key_cap, nkey_cap;
    size_t issue; /* the issue being taken */
    /* back-pointers per layer (when tracking) */
    backptr **bp;
    size_t *bp_n;
    size_t layers;
    double bp_bytes; /* back-pointers kept so far */
} dp_t;

/* Working memory of one layer with nc candidates: candidates (utilities, parent,
 * option, map), per-column sorted ids, values and ranks, keep and new index, the k-d
 * tree (ranks in leaf order, node maxima, positions), and the next layer (utilities,
 * ord, val). An estimate, on the high side, for the memory cap. */
static double layer_bytes(size_t d, size_t kw, double nc)
{
    return nc * (8.0 * d + 12 + 4.0 * d + 8.0 * d + 4.0 * d + 5 + (4.0 * d + 13 + 6 + d) +
                 20.0 * d + 16.0 * (double)kw);
}

/* Candidates a and b (of the issue being taken) in file order of their prefixes: the
 * parents' keys with each one's option put in. Distinct candidates are distinct
 * prefixes, so this is a strict order. */
static int file_less(const void *ctx, size_t a, size_t b)
{
    const dp_t *t = ctx;
    const size_t kw = t->kw, wk = t->kword[t->issue];
    const uint64_t *ka = t->key + (size_t)t->cpar[a] * kw, *kb = t->key + (size_t)t->cpar[b] * kw;
    for (size_t w = 0; w < kw; w++) {
        uint64_t x = ka[w], y = kb[w];
        if (w == wk) {
            x |= (uint64_t)t->copt[a] << t->kshift[t->issue];
            y |= (uint64_t)t->copt[b] << t->kshift[t->issue];
        }
        if (x != y)
            return x < y;
    }
    return 0;
}

static ac_status stop_error(const dp_t *t, ac_error *err, ac__stop why, size_t layer)
{
    if (t->o->stopped)
        *t->o->stopped = why;
    if (!layer)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "Pareto frontier: stopped by %s before the first issue",
                            ac__stop_what(why));
    return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                        "Pareto frontier: stopped by %s after %zu of %zu issues (%zu partial "
                        "points)",
                        ac__stop_what(why), layer, t->layers, t->n);
}

/* Grows *p to hold at least n elements of size elem (geometric growth, contents kept). */
static int reserve(void **p, size_t *cap, size_t n, size_t elem)
{
    if (n <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < n) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (c > SIZE_MAX / elem)
        return -1;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

#define RESERVE(t, field, n) reserve((void **)&(t)->field, &(t)->field##_cap, (n), sizeof *(t)->field)

static void dp_free(dp_t *t)
{
    free(t->u);
    free(t->ord);
    free(t->val);
    free(t->cu);
    free(t->cpar);
    free(t->copt);
    free(t->cmap);
    free(t->sorted);
    free(t->sval);
    free(t->rank);
    free(t->keep);
    free(t->newidx);
    free(t->opts);
    free(t->kword);
    free(t->kshift);
    free(t->key);
    free(t->nkey);
    free(t->hpos);
    free(t->heap);
    free(t->hkey);
    free(t->prank);
    free(t->pval);
    if (t->bp)
        for (size_t j = 0; j < t->layers; j++)
            free(t->bp[j]);
    free(t->bp);
    free(t->bp_n);
}

void ac__dp_result_free(ac__dp_result *r)
{
    if (!r)
        return;
    free(r->utility);
    free(r->outcome);
    memset(r, 0, sizeof *r);
}

/* Binary min-heap of option slots keyed by hkey[slot]. */
static void heap_down(uint32_t *h, size_t n, const double *key, size_t i)
{
    uint32_t x = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && key[h[c + 1]] < key[h[c]])
            c++;
        if (!(key[h[c]] < key[x]))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = x;
}

/* Moves slot's run position to its next unpruned candidate; returns that candidate's
 * id, or NONE at the end of the run. */
static uint32_t run_next(const dp_t *t, const uint32_t *ord, size_t m, uint32_t slot)
{
    if (t->dense) /* no lookup: the map is the identity */
        return t->hpos[slot] < t->n ? (uint32_t)(ord[t->hpos[slot]] * m + slot) : NONE;
    while (t->hpos[slot] < t->n) {
        uint32_t id = t->cmap[(size_t)ord[t->hpos[slot]] * m + slot];
        if (id != NONE)
            return id;
        t->hpos[slot]++;
    }
    return NONE;
}

/* The copy proof. The candidates are m copies of the layer F, copy o = F + c_o, and the
 * filter may look for a candidate's dominators in the other copies only (ac__groups) if no
 * candidate is dominated by one of its own copy. F is not dominated within itself under
 * its own ranks (the ranks of F's values alone: they split wherever the ranks F was
 * filtered under did), so a point f of F is below another, g, in some column j there.
 * Shifting keeps the order, and ranks follow the order, so f + c_o stays below g + c_o in
 * column j unless the new ranks merged them: values 1e-9 apart chain across copies, and
 * one rank can swallow two values of one copy that were distinct. Ranks along a copy's
 * run are non-decreasing, so it is enough that no two neighbours of a run that F's own
 * ranks split (values more than AC_EPS apart) get the same new rank, in any column: then
 * no candidate is >= another of its copy everywhere, and the promise holds. The test costs
 * one comparison per merged candidate. */

/* Up to this many runs a linear scan for the smallest head beats a heap. */
#define MERGE_LINEAR_MAX 8

/* Sorts the candidates by column j (merging the m shifted runs of ord[j]) into
 * sorted[j * nc ..] and sval[j * nc ..], and assigns their ranks in that column.
 * A run's keys are val[j] + the option's contribution: the very sums the candidates
 * hold, so the merged order is exact. */
static void merge_column(dp_t *t, size_t j, size_t m, const double *cj)
{
    const size_t d = t->d, n = t->n;
    const uint32_t *ord = t->ord + j * n;
    const double *val = t->val + j * n;
    uint32_t *out = t->sorted + j * t->nc;
    double *oval = t->sval + j * t->nc;
    uint32_t *hid = t->heap + m; /* current candidate of each slot */
    size_t hn = 0;
    for (uint32_t slot = 0; slot < m; slot++) {
        t->hpos[slot] = 0;
        t->prank[slot] = NONE;
        uint32_t id = run_next(t, ord, m, slot);
        if (id == NONE)
            continue;
        t->hkey[slot] = val[t->hpos[slot]] + cj[slot];
        hid[slot] = id;
        t->heap[hn++] = slot;
    }
    int linear = m <= MERGE_LINEAR_MAX;
    if (!linear)
        for (size_t i = hn / 2; i-- > 0;)
            heap_down(t->heap, hn, t->hkey, i);
    size_t w = 0;
    uint32_t r = 0;
    double prev = 0;
    while (hn) {
        size_t at = 0;
        if (linear)
            for (size_t i = 1; i < hn; i++)
                if (t->hkey[t->heap[i]] < t->hkey[t->heap[at]])
                    at = i;
        uint32_t slot = t->heap[at];
        uint32_t id = hid[slot];
        double v = t->hkey[slot];
        /* the same rule as ac__ranks: a new rank where neighbours differ by > AC_EPS */
        if (w > 0 && v - prev > AC_EPS)
            r++;
        t->rank[(size_t)id * d + j] = r;
        if (t->prove) {
            /* a rank boundary of the copy's own values lost to the merge */
            double x = val[t->hpos[slot]];
            if (t->prank[slot] == r && x - t->pval[slot] > AC_EPS)
                t->mixed = 1;
            t->prank[slot] = r;
            t->pval[slot] = x;
        }
        prev = v;
        oval[w] = v;
        out[w++] = id;
        t->hpos[slot]++;
        id = run_next(t, ord, m, slot);
        if (id == NONE) {
            t->heap[at] = t->heap[--hn];
        } else {
            t->hkey[slot] = val[t->hpos[slot]] + cj[slot];
            hid[slot] = id;
        }
        if (!linear && hn)
            heap_down(t->heap, hn, t->hkey, 0);
    }
}

/* Takes issue k: candidates, pruning, filter, compaction into the new current layer.
 * rem[i]: what party i can still gain after this issue. */
static ac_status take_issue(dp_t *t, size_t k, const double *rem, size_t layer, ac_error *err)
{
    const ac_space *s = t->s;
    const size_t d = t->d, n = t->n;
    const double *floor = t->o->floor;
    size_t m = 0;
    for (uint32_t q = 0; q < s->n_options[k]; q++)
        if (!t->o->allowed_only || s->allowed[k][q])
            t->opts[m++] = q;
    if ((double)n * (double)m >= (double)NONE)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "Pareto frontier: too many candidate points at issue %zu", k + 1);
    size_t ncmax = n * m;
    const ac__budget *bud = t->o->budget;
    if (ac__budget_over_memory(bud, layer_bytes(d, t->kw, (double)ncmax) + t->bp_bytes))
        return stop_error(t, err, AC__STOP_MEMORY, layer - 1);
    if (RESERVE(t, cu, ncmax * d) || RESERVE(t, cpar, ncmax) || RESERVE(t, copt, ncmax) ||
        RESERVE(t, cmap, ncmax))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");

    /* Candidates, point-major and option-minor, so ids follow prefix order. */
    double slack[64], *sl = slack;
    if (floor && d > 64 && !(sl = malloc(d * sizeof *sl)))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (floor)
        for (size_t i = 0; i < d; i++)
            sl[i] = floor[i] - (rem[i] > 0 ? PRUNE_SLACK : 0) - rem[i];
    size_t nc = 0;
    const double *contrib = s->contrib[k];
    for (size_t p = 0; p < n; p++) {
        const double *up = t->u + p * d;
        for (size_t slot = 0; slot < m; slot++) {
            const double *c = contrib + (size_t)t->opts[slot] * d;
            double *w = t->cu + nc * d;
            int ok = 1;
            for (size_t i = 0; i < d; i++) {
                w[i] = up[i] + c[i];
                /* u_i + rem_i < floor_i, rearranged so rem and floor combine once */
                if (floor && w[i] < sl[i])
                    ok = 0;
            }
            if (!ok) {
                t->cmap[p * m + slot] = NONE;
                continue;
            }
            t->cmap[p * m + slot] = (uint32_t)nc;
            t->cpar[nc] = (uint32_t)p;
            t->copt[nc] = t->opts[slot];
            nc++;
        }
    }
    if (sl != slack)
        free(sl);
    t->nc = nc;
    t->dense = nc == ncmax;
    if (!nc) {
        t->n = 0;
        return AC_OK;
    }

    if (RESERVE(t, sorted, nc * d) || RESERVE(t, sval, nc * d) || RESERVE(t, rank, nc * d) ||
        RESERVE(t, keep, nc) || RESERVE(t, newidx, nc))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    const ac__dp_groups gm = t->o->groups;
    int want_groups = d >= 4 && gm != AC__DP_GROUPS_OFF &&
                      t->o->filter != AC__FILTER_SCAN &&
                      (gm == AC__DP_GROUPS_ALWAYS ||
                       (nc >= GROUPS_MIN_POINTS && m <= GROUPS_MAX_COPIES));
    t->prove = want_groups;
    t->mixed = 0;
    for (size_t j = 0; j < d; j++) {
        /* a large layer's columns take a good part of a second each: check between them
         * too, so that an interrupt is not kept waiting */
        ac__stop why0 = ac__budget_check(bud);
        if (why0)
            return stop_error(t, err, why0, layer - 1);
        for (size_t slot = 0; slot < m; slot++)
            t->hkey[m + slot] = contrib[(size_t)t->opts[slot] * d + j];
        merge_column(t, j, m, t->hkey + m);
    }
    ac__stop why1 = ac__budget_check(bud);
    if (why1)
        return stop_error(t, err, why1, layer - 1);
    ac__stop why = AC__GO;
    t->issue = k;
    ac__tie tie = {file_less, t};
    ac__groups copies = {t->copt, s->n_options[k]};
    int grouped = want_groups && !t->mixed;
    if (want_groups && t->o->stats)
        *(grouped ? &t->o->stats->grouped : &t->o->stats->unproven) += 1;
    /* ALWAYS reaches the trees below the size where the filter would scan */
    ac__filter_kind kind = grouped && gm == AC__DP_GROUPS_ALWAYS ? AC__FILTER_KD : t->o->filter;
    ac_status fs = ac__filter_ranks_groups(t->rank, nc, d, t->keep, kind, bud, &why,
                                           t->kw ? &tie : NULL, grouped ? &copies : NULL);
    if (fs == AC_ELIMIT)
        return stop_error(t, err, why, layer - 1);
    if (fs)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");

    /* Compaction keeps candidate order, hence prefix order. */
    size_t n2 = 0;
    for (size_t c = 0; c < nc; c++)
        if (t->keep[c])
            t->newidx[c] = (uint32_t)n2++;
    size_t maxp = t->o->max_points;
    if (bud && bud->max_points && (!maxp || bud->max_points < maxp))
        maxp = bud->max_points;
    if (maxp && n2 > maxp) {
        /* the user's limit, not a caller's own cap */
        if (t->o->stopped && bud && bud->max_points && n2 > bud->max_points)
            *t->o->stopped = AC__STOP_POINTS;
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "Pareto frontier: %zu non-dominated partial points after %zu of "
                            "%zu issues, more than the limit of %zu",
                            n2, layer, t->layers, maxp);
    }
    if (RESERVE(t, u, n2 * d) || RESERVE(t, ord, n2 * d) || RESERVE(t, val, n2 * d))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t c = 0; c < nc; c++)
        if (t->keep[c])
            memcpy(t->u + (size_t)t->newidx[c] * d, t->cu + c * d, d * sizeof *t->u);
    for (size_t j = 0; j < d; j++) {
        const uint32_t *in = t->sorted + j * nc;
        const double *iv = t->sval + j * nc;
        uint32_t *o = t->ord + j * n2;
        double *ov = t->val + j * n2;
        for (size_t a = 0; a < nc; a++)
            if (t->keep[in[a]]) {
                *o++ = t->newidx[in[a]];
                *ov++ = iv[a];
            }
    }
    if (t->kw) {
        if (RESERVE(t, nkey, n2 * t->kw))
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        const size_t kw = t->kw, wk = t->kword[k];
        for (size_t c = 0; c < nc; c++)
            if (t->keep[c]) {
                uint64_t *dst = t->nkey + (size_t)t->newidx[c] * kw;
                memcpy(dst, t->key + (size_t)t->cpar[c] * kw, kw * sizeof *dst);
                dst[wk] |= (uint64_t)t->copt[c] << t->kshift[k];
            }
        uint64_t *sk = t->key;
        size_t sc = t->key_cap;
        t->key = t->nkey;
        t->key_cap = t->nkey_cap;
        t->nkey = sk;
        t->nkey_cap = sc;
    }
    if (t->o->track) {
        backptr *b = malloc((n2 ? n2 : 1) * sizeof *b);
        if (!b)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t c = 0; c < nc; c++)
            if (t->keep[c])
                b[t->newidx[c]] = (backptr){t->cpar[c], t->copt[c]};
        t->bp[layer - 1] = b;
        t->bp_n[layer - 1] = n2;
        t->bp_bytes += (double)n2 * sizeof *b;
    }
    t->n = n2;
    return AC_OK;
}

/* Bits for file-order keys: issue 0 most significant, an issue's option never split
 * between two words. */
static ac_status key_layout(dp_t *t, ac_error *err)
{
    const size_t ni = t->s->n_issues;
    t->kword = malloc((ni ? ni : 1) * sizeof *t->kword);
    t->kshift = malloc((ni ? ni : 1) * sizeof *t->kshift);
    if (!t->kword || !t->kshift)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    size_t word = 0, used = 0, any = 0;
    for (size_t k = 0; k < ni; k++) {
        uint32_t bits = 0;
        while (bits < 32 && (t->s->n_options[k] - 1) >> bits)
            bits++;
        if (used + bits > 64) {
            word++;
            used = 0;
        }
        t->kword[k] = (uint32_t)word;
        t->kshift[k] = (uint32_t)(64 - used - bits);
        if (!bits)
            t->kshift[k] = 0; /* one option: nothing to compare */
        used += bits;
        any |= bits != 0;
    }
    t->kw = any ? word + 1 : 0;
    return AC_OK;
}

/* Each point's utility summed over the taken issues in file order, as a run in file order
 * computes it (0, then + issue 0, + issue 1, ...): the same doubles to the last bit. */
static void file_order_sums(const ac_space *s, const unsigned char *taken,
                            const uint32_t *outcome, size_t n, double *u)
{
    const size_t d = s->n_parties, ni = s->n_issues;
    for (size_t a = 0; a < n; a++) {
        double *x = u + a * d;
        for (size_t i = 0; i < d; i++)
            x[i] = 0;
        for (size_t k = 0; k < ni; k++)
            if (taken[k]) {
                const double *c = s->contrib[k] + (size_t)outcome[a * ni + k] * d;
                for (size_t i = 0; i < d; i++)
                    x[i] += c[i];
            }
    }
}

ac_status ac__dp_run(const ac_space *s, const ac__dp_opts *o, ac__dp_result *out,
                     ac_error *err)
{
    memset(out, 0, sizeof *out);
    const size_t d = s->n_parties, ni = s->n_issues;
    size_t L = o->order ? o->n_order : ni;
    dp_t t = {.s = s, .o = o, .d = d};
    ac_status st = AC_OK;
    size_t maxopt = 1;
    for (size_t k = 0; k < ni; k++)
        if (s->n_options[k] > maxopt)
            maxopt = s->n_options[k];
    /* rem[j * d + i]: party i's best gain over the issues not taken before layer j */
    double *rem = calloc((L + 1) * d, sizeof *rem);
    double *best = calloc(ni * d, sizeof *best);
    unsigned char *taken = calloc(ni ? ni : 1, 1);
    t.opts = malloc(maxopt * sizeof *t.opts);
    t.hpos = malloc(maxopt * sizeof *t.hpos);
    t.heap = malloc(2 * maxopt * sizeof *t.heap); /* heap, then each slot's head id */
    t.hkey = malloc(2 * maxopt * sizeof *t.hkey); /* keys, then contributions */
    t.prank = malloc(maxopt * sizeof *t.prank);
    t.pval = malloc(maxopt * sizeof *t.pval);
    t.layers = L;
    if (o->track) {
        t.bp = calloc(L ? L : 1, sizeof *t.bp);
        t.bp_n = calloc(L ? L : 1, sizeof *t.bp_n);
    }
    if (!rem || !best || !taken || !t.opts || !t.hpos || !t.heap || !t.hkey || !t.prank || !t.pval ||
        (o->track && (!t.bp || !t.bp_n))) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < ni; k++)
        for (size_t i = 0; i < d; i++) {
            double b = 0;
            int any = 0;
            for (uint32_t q = 0; q < s->n_options[k]; q++) {
                if (o->allowed_only && !s->allowed[k][q])
                    continue;
                double c = s->contrib[k][(size_t)q * d + i];
                if (!any || c > b)
                    b = c;
                any = 1;
            }
            best[k * d + i] = b;
        }
    for (size_t j = 0; j < L; j++) {
        size_t k = o->order ? o->order[j] : j;
        if (k >= ni || taken[k]) {
            st = ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "DP issue order is invalid");
            goto done;
        }
        taken[k] = 1;
    }
    for (size_t k = 0; k < ni; k++)
        if (!taken[k])
            for (size_t i = 0; i < d; i++)
                rem[L * d + i] += best[k * d + i];
    for (size_t j = L; j-- > 0;) {
        size_t k = o->order ? o->order[j] : j;
        for (size_t i = 0; i < d; i++)
            rem[j * d + i] = rem[(j + 1) * d + i] + best[k * d + i];
    }

    int in_file_order = 1;
    for (size_t j = 0; j < L; j++)
        in_file_order &= (o->order ? o->order[j] : j) == j;
    if (o->file_ties && o->track && !in_file_order && (st = key_layout(&t, err)))
        goto done;

    /* Layer 0: the empty prefix, unless even the best of everything misses a floor. */
    if (RESERVE(&t, u, d) || RESERVE(&t, ord, d) || RESERVE(&t, val, d)) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    t.n = 1;
    for (size_t i = 0; i < d; i++) {
        t.u[i] = 0;
        t.ord[i] = 0;
        t.val[i] = 0;
        if (o->floor && rem[i] < o->floor[i] - (rem[i] > 0 ? PRUNE_SLACK : 0))
            t.n = 0;
    }
    if (t.kw) {
        if (RESERVE(&t, key, t.kw)) {
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        memset(t.key, 0, t.kw * sizeof *t.key);
    }
    if (o->on_layer && (st = o->on_layer(o->ctx, 0, t.u, t.n)))
        goto done;
    for (size_t j = 0; j < L && t.n; j++) {
        size_t k = o->order ? o->order[j] : j;
        ac__stop why = ac__budget_check(o->budget);
        if (why) {
            st = stop_error(&t, err, why, j);
            goto done;
        }
        if ((st = take_issue(&t, k, rem + (j + 1) * d, j + 1, err)))
            goto done;
        if (o->on_layer && (st = o->on_layer(o->ctx, j + 1, t.u, t.n)))
            goto done;
    }

    if (t.n) {
        out->utility = malloc(t.n * d * sizeof *out->utility);
        if (!out->utility) {
            st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            goto done;
        }
        memcpy(out->utility, t.u, t.n * d * sizeof *out->utility);
        if (o->track) {
            out->outcome = calloc(t.n * (ni ? ni : 1), sizeof *out->outcome);
            if (!out->outcome) {
                st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
            /* Walk the back-pointers from the last layer to the first. */
            for (size_t a = 0; a < t.n; a++) {
                uint32_t idx = (uint32_t)a;
                for (size_t j = L; j-- > 0;) {
                    backptr b = t.bp[j][idx];
                    out->outcome[a * ni + (o->order ? o->order[j] : j)] = b.option;
                    idx = b.parent;
                }
            }
            if (o->file_ties && !in_file_order)
                file_order_sums(s, taken, out->outcome, t.n, out->utility);
        }
        out->count = t.n;
    }
done:
    if (st)
        ac__dp_result_free(out);
    free(rem);
    free(best);
    free(taken);
    dp_free(&t);
    return st;
}
