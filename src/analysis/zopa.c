/* The size of the ZOPA without visiting outcomes (see accord/zopa.h).
 *
 * Exact path, meet in the middle:
 *  1. Only allowed options count (an option on an active party's red line is never
 *     acceptable). Parties whose least possible utility already meets the threshold
 *     t_i = r_i - AC_EPS are dropped: they constrain nothing. The D parties left are the
 *     coordinates of every vector below.
 *  2. Per issue, the allowed options are grouped into "branches": distinct contribution
 *     vectors with a multiplicity (an issue nobody weighs is one branch).
 *  3. Two sides, left and right, each start from the zero vector and take issues one at
 *     a time, the side with fewer states taking the next one (so their sizes stay
 *     balanced), the issue that moves utilities most first. A side's states are the
 *     DISTINCT partial utility vectors of its issues, each with the number of option
 *     choices (ac__u128) reaching it, kept in a hash map keyed by the quantised vector.
 *  4. Bounds against the complement of a side's issues (everything it has not taken:
 *     issues still in the pool and those of the other side): a state v is dead when
 *     v_i + max_rest_i < t_i for some i (no completion is acceptable: dropped) and sure
 *     when v_i + min_rest_i >= t_i for all i (every completion is acceptable: its count
 *     goes to the side's "sure" total, which later issues of the side multiply). A
 *     single coordinate with v_i + min_rest_i >= t_i is met whatever comes: it is set to
 *     ZOPA_MET, so states that differ only in met coordinates merge (this is what keeps
 *     30-issue models within reach: many states are met for one party).
 *  5. With every issue taken, the surviving left states L, right states R, and the sure
 *     totals Ls, Rs (in outcomes of the side's issues) give
 *         count = Ls * (|R| + Rs) + |L| * Rs + #{(l, r) in L x R: l + r >= t}
 *     (|X| = summed counts; a dead state's outcomes pair acceptably with nobody, a sure
 *     state's with everybody not dead — and a sure state and a dead state of the other
 *     side cannot meet, their bounds contradict). The last term is weighted dominance
 *     counting of the points r against the queries t - l (analysis/zopa_dom.c), after
 *     dropping coordinates every pair satisfies.
 *
 * Quantisation: partial sums of the same contributions in different orders differ by
 * floating-point noise (~1e-16), and must merge, or the state count explodes on models
 * with ties (grid values). So the hash key is round(v_i * 2^bits) per coordinate, and a
 * state keeps the exact double vector of the first member seen. Why this is safe: the
 * members of one cell differ from its representative by less than one cell (2^-bits);
 * each later issue adds the same contribution to all of them and may merge them into a
 * cell again, so after k issues an outcome's utility as the algorithm sees it is within
 * k * 2^-bits of its true sum. bits is the least >= 32 (and <= 48) with n_issues *
 * 2^-bits <= AC_EPS / 8 (39 bits for 40 issues: cells of 1.8e-12). The count is exactly
 * the number of acceptable outcomes except for outcomes with a utility within AC_EPS/8
 * of its threshold r_i - AC_EPS, i.e. within the tolerance band where AC_EPS already
 * makes "equal" ambiguous; models with values on a grid (multiples of 1/20, integer
 * weights) never come that close. Floating-point noise between this summation order
 * and another is of the same kind, ~1e-15.
 *
 * Estimate path: when the states would exceed max_states (both sides together) or are
 * projected to, early, from the growth of the first issues (see projected_states), when
 * the caller's budget runs out (time or interrupt), when
 * memory runs out, or when the outcome count overflows ac__u128, a seeded Monte Carlo
 * estimate: outcomes drawn uniformly over all options (splitmix64), a 95% Wilson score
 * interval scaled to the outcome count. */
#include "accord/zopa.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/budget.h"
#include "analysis/zopa_dom.h"
#include "analysis/zopa_internal.h"
#include "core/bigmem.h"

/* A coordinate every completion satisfies is set to this value, so that states which
 * differ only there merge; it stays satisfied in every later bound and in the join.
 * Far above any utility (at most 1), yet ZOPA_MET * 2^48 fits a cell's int64. */
#define ZOPA_MET 1024.0
/* States whose candidates are generated (and their hash slots prefetched) together. */
#define ZOPA_BLOCK 16
#define ZOPA_DEFAULT_MAX_STATES ((size_t)20000000)
/* State indices are 32-bit in the hash slots. */
#define ZOPA_STATES_CAP ((size_t)UINT32_MAX - 1)
/* Monte Carlo: samples and the work they may cost (issues * samples). */
#define ZOPA_MAX_SAMPLES ((size_t)1 << 22)
#define ZOPA_MIN_SAMPLES ((size_t)1 << 16)
#define ZOPA_SAMPLE_WORK 2.0e8

typedef struct {
    size_t nb;        /* branches: distinct contribution vectors of the allowed options */
    double *vec;      /* [nb * D] */
    ac__u128 *mult;    /* [nb] allowed options sharing the vector */
    double *lo, *hi;  /* [D] least / greatest contribution over the allowed options */
    uint32_t allowed; /* number of allowed options */
    double spread;    /* sum over D of hi - lo: how much the issue moves utilities */
    int side;         /* -1 in the pool, else the side that took it */
} zissue;

typedef struct {
    double *v;    /* [n * D] partial utilities, the first vector seen of each cell */
    ac__u128 *c;   /* [n] option choices of the side's issues reaching the state */
    size_t n;
    ac__u128 sure; /* option choices of the side's issues whose every completion is acceptable */
    double ratio; /* last step: states kept / candidates (states times branches) */
} zside;

typedef struct {
    size_t D, ni;
    double *t; /* [D] thresholds r_i - AC_EPS */
    zissue *iss;
    double scale; /* 2^bits */
} zctx;

/* One step's state set: arrays of distinct vectors plus an open-addressing index. */
typedef struct {
    size_t D;
    double scale;
    double *v;
    ac__u128 *c;
    size_t n, cap, limit;
    uint64_t *slot; /* 0 empty, else (hash tag << 32) | (state index + 1) */
    size_t mask;
    int64_t *key;   /* [D] scratch */
} zmap;

/* Round to nearest (half away from zero) without a libm call: this is the hottest line.
 * |x * scale| <= 2^58 (x is a utility within [0, 1] or ZOPA_MET; scale <= 2^48). */
static int64_t cell(double x, double scale)
{
    double y = x * scale;
    return y >= 0 ? (int64_t)(y + 0.5) : -(int64_t)(0.5 - y);
}

static uint64_t hash_key(const int64_t *k, size_t D)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (size_t j = 0; j < D; j++) {
        h ^= (uint64_t)k[j];
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

static void zmap_free(zmap *m)
{
    free(m->v);
    free(m->c);
    free(m->slot);
    free(m->key);
    memset(m, 0, sizeof *m);
}

static ac_status zmap_init(zmap *m, size_t D, double scale, size_t expect, size_t limit)
{
    memset(m, 0, sizeof *m);
    m->D = D;
    m->scale = scale;
    m->limit = limit;
    m->cap = expect < 16 ? 16 : expect;
    if (m->cap > limit)
        m->cap = limit < 1 ? 1 : limit;
    size_t slots = 32;
    while (slots < 2 * m->cap)
        slots <<= 1;
    m->mask = slots - 1;
    m->v = ac__big_alloc(m->cap * D * sizeof *m->v);
    m->c = ac__big_alloc(m->cap * sizeof *m->c);
    m->slot = ac__big_zalloc(slots * sizeof *m->slot);
    m->key = malloc(D * sizeof *m->key);
    if (!m->v || !m->c || !m->slot || !m->key) {
        zmap_free(m);
        return AC_ENOMEM;
    }
    return AC_OK;
}

static ac_status zmap_rehash(zmap *m)
{
    size_t slots = (m->mask + 1) * 2;
    uint64_t *s = ac__big_zalloc(slots * sizeof *s);
    if (!s)
        return AC_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        for (size_t j = 0; j < m->D; j++)
            m->key[j] = cell(m->v[i * m->D + j], m->scale);
        uint64_t h = hash_key(m->key, m->D);
        size_t pos = h & (slots - 1);
        while (s[pos])
            pos = (pos + 1) & (slots - 1);
        s[pos] = (h >> 32 << 32) | (uint64_t)(i + 1);
    }
    free(m->slot);
    m->slot = s;
    m->mask = slots - 1;
    return AC_OK;
}

static uint64_t zmap_hash(zmap *m, const double *v, int64_t *key)
{
    for (size_t j = 0; j < m->D; j++)
        key[j] = cell(v[j], m->scale);
    return hash_key(key, m->D);
}

/* Adds count c at vector v, whose cell is key with hash h: AC_OK, AC_ELIMIT (a new state
 * beyond the limit), AC_ENOMEM. */
static ac_status zmap_add(zmap *m, const double *v, const int64_t *key, uint64_t h, ac__u128 c)
{
    size_t D = m->D;
    uint64_t tag = h >> 32;
    size_t pos = h & m->mask;
    for (uint64_t s; (s = m->slot[pos]) != 0; pos = (pos + 1) & m->mask) {
        if (s >> 32 != tag)
            continue;
        size_t i = (size_t)(uint32_t)s - 1, j = 0;
        const double *w = m->v + i * D;
        while (j < D && cell(w[j], m->scale) == key[j])
            j++;
        if (j == D) {
            m->c[i] += c;
            return AC_OK;
        }
    }
    if (m->n >= m->limit)
        return AC_ELIMIT;
    if (m->n == m->cap) {
        /* glibc grows large blocks with mremap, so doubling costs no copy */
        size_t cap = m->cap * 2 > m->limit ? m->limit : m->cap * 2;
        double *nv = realloc(m->v, cap * D * sizeof *nv);
        if (!nv)
            return AC_ENOMEM;
        m->v = nv;
        ac__u128 *nc = realloc(m->c, cap * sizeof *nc);
        if (!nc)
            return AC_ENOMEM;
        m->c = nc;
        m->cap = cap;
    }
    memcpy(m->v + m->n * D, v, D * sizeof *v);
    m->c[m->n] = c;
    m->slot[pos] = (tag << 32) | (uint64_t)(m->n + 1);
    m->n++;
    if (m->n * 2 > m->mask + 1)
        return zmap_rehash(m);
    return AC_OK;
}

/* Side s takes issue k. rest_hi / rest_lo bound what the issues outside the side (after
 * taking k) can add; limit caps the side's states. */
static ac_status extend(const zctx *z, zside *s, size_t k, const double *rest_hi,
                        const double *rest_lo, size_t limit)
{
    const zissue *is = &z->iss[k];
    size_t D = z->D, nb = is->nb;
    /* size the map from the share of candidates that survived and stayed distinct last
     * time (rehashing a large table costs more than the step itself) */
    size_t bound = s->n > limit / nb ? limit : s->n * nb;
    double guess = (double)bound * fmin(1.0, s->ratio * 1.25);
    zmap m;
    ac_status st = zmap_init(&m, D, z->scale, (size_t)guess, limit);
    if (st)
        return st;
    /* candidates of ZOPA_BLOCK states at a time: vectors, cells, hashes, counts; their
     * slots are prefetched together so that the cache misses overlap */
    size_t cmax = ZOPA_BLOCK * nb;
    double *nv = malloc(cmax * D * sizeof *nv);
    int64_t *key = malloc(cmax * D * sizeof *key);
    uint64_t *h = malloc(cmax * sizeof *h);
    ac__u128 *w = malloc(cmax * sizeof *w);
    if (!nv || !key || !h || !w) {
        st = AC_ENOMEM;
        goto out;
    }
    ac__u128 newsure = 0;
    for (size_t a0 = 0; a0 < s->n && !st; a0 += ZOPA_BLOCK) {
        size_t a1 = a0 + ZOPA_BLOCK < s->n ? a0 + ZOPA_BLOCK : s->n, nc = 0;
        for (size_t a = a0; a < a1; a++) {
            const double *base = s->v + a * D;
            for (size_t b = 0; b < nb; b++) {
                const double *add = is->vec + b * D;
                double *x = nv + nc * D;
                int dead = 0, sure = 1;
                for (size_t j = 0; j < D; j++) {
                    if (base[j] == ZOPA_MET) {
                        x[j] = ZOPA_MET;
                        continue;
                    }
                    x[j] = base[j] + add[j];
                    if (x[j] + rest_hi[j] < z->t[j]) {
                        dead = 1;
                        break;
                    }
                    if (x[j] + rest_lo[j] < z->t[j])
                        sure = 0;
                    else
                        x[j] = ZOPA_MET;
                }
                if (dead)
                    continue;
                if (sure) {
                    newsure += s->c[a] * is->mult[b];
                    continue;
                }
                w[nc] = s->c[a] * is->mult[b];
                h[nc] = zmap_hash(&m, x, key + nc * D);
                __builtin_prefetch(&m.slot[h[nc] & m.mask]);
                nc++;
            }
        }
        /* second wave: the state a slot points to (the probe itself is redone) */
        for (size_t c = 0; c < nc; c++) {
            uint64_t sl = m.slot[h[c] & m.mask];
            if (sl && sl >> 32 == h[c] >> 32) {
                __builtin_prefetch(m.v + ((size_t)(uint32_t)sl - 1) * D);
                __builtin_prefetch(m.c + ((size_t)(uint32_t)sl - 1), 1);
            }
        }
        for (size_t c = 0; c < nc && !st; c++)
            st = zmap_add(&m, nv + c * D, key + c * D, h[c], w[c]);
    }
out:
    free(nv);
    free(key);
    free(h);
    free(w);
    if (st) {
        zmap_free(&m);
        return st;
    }
    s->ratio = bound ? (double)m.n / (double)bound : 1.0;
    free(s->v);
    free(s->c);
    free(m.slot);
    free(m.key);
    s->n = m.n;
    /* shrink to fit; a failed shrink keeps the larger block, which is fine */
    s->v = m.v;
    s->c = m.c;
    if (m.n && m.n < m.cap) {
        double *v2 = realloc(m.v, m.n * D * sizeof *v2);
        if (v2)
            s->v = v2;
        ac__u128 *c2 = realloc(m.c, m.n * sizeof *c2);
        if (c2)
            s->c = c2;
    }
    s->sure = s->sure * is->allowed + newsure;
    return AC_OK;
}

/* Next issue for a side: issues of one branch first (they add no state), then the one
 * that moves utilities most, so the bounds on what remains tighten early. */
static size_t pick_issue(const zctx *z)
{
    size_t best = z->ni;
    for (size_t k = 0; k < z->ni; k++) {
        const zissue *is = &z->iss[k];
        if (is->side >= 0)
            continue;
        if (best == z->ni)
            best = k;
        else {
            const zissue *b = &z->iss[best];
            int one_k = is->nb == 1, one_b = b->nb == 1;
            if (one_k != one_b ? one_k : is->spread > b->spread)
                best = k;
        }
    }
    return best;
}

static ac__u128 sum_counts(const zside *s)
{
    ac__u128 x = 0;
    for (size_t a = 0; a < s->n; a++)
        x += s->c[a];
    return x;
}

/* The join: pairs of surviving states whose sum meets every threshold. Consumes the
 * vectors and counts of both sides (the vectors rewritten in place, then both handed to
 * the counter, which frees them). */
static ac_status join(const zctx *z, zside *L, zside *R, int threads, ac__zopa_share *share,
                      const ac__budget *budget, ac__u128 *out)
{
    if (share) {
        int busy = atomic_load(&share->busy);
        threads = threads - busy >= 1 ? threads - busy : 1;
    }
    size_t D = z->D, dk = 0;
    *out = 0;
    if (!L->n || !R->n)
        return AC_OK;
    unsigned char *keep = malloc(D);
    if (!keep)
        return AC_ENOMEM;
    /* a coordinate every pair satisfies (least left + least right already meets the
     * threshold; floating addition is monotone, so every pair's sum does too) costs a
     * log factor for nothing */
    for (size_t j = 0; j < D; j++) {
        double ml = INFINITY, mr = INFINITY;
        for (size_t a = 0; a < L->n; a++)
            ml = fmin(ml, L->v[a * D + j]);
        for (size_t a = 0; a < R->n; a++)
            mr = fmin(mr, R->v[a * D + j]);
        keep[j] = ml + mr < z->t[j];
        dk += keep[j];
    }
    /* compact in place (write position never passes read position); queries t - l */
    for (size_t a = 0; a < L->n; a++)
        for (size_t j = 0, w = 0; j < D; j++)
            if (keep[j])
                L->v[a * dk + w++] = z->t[j] - L->v[a * D + j];
    for (size_t a = 0; a < R->n; a++)
        for (size_t j = 0, w = 0; j < D; j++)
            if (keep[j])
                R->v[a * dk + w++] = R->v[a * D + j];
    free(keep);
    ac_status st = ac__dom_count(R->v, R->c, R->n, L->v, L->c, L->n, dk, threads, budget, out);
    L->v = R->v = NULL; /* taken over and freed */
    L->c = R->c = NULL;
    return st;
}

static void ctx_free(zctx *z)
{
    if (z->iss)
        for (size_t k = 0; k < z->ni; k++) {
            free(z->iss[k].vec);
            free(z->iss[k].mult);
            free(z->iss[k].lo);
            free(z->iss[k].hi);
        }
    free(z->iss);
    free(z->t);
}

/* Builds the context. *trivial: 1 when the answer needs no DP, with it in *count. */
static ac_status ctx_new(const ac_space *s, zctx *z, int *trivial, ac__u128 *count)
{
    size_t np = s->n_parties, ni = s->n_issues;
    memset(z, 0, sizeof *z);
    z->ni = ni;
    *trivial = 0;
    ac__u128 all = 1;
    for (size_t k = 0; k < ni; k++) {
        uint32_t a = 0;
        for (uint32_t o = 0; o < s->n_options[k]; o++)
            a += s->allowed[k][o] != 0;
        if (!a) {
            *trivial = 1;
            *count = 0;
            return AC_OK;
        }
        all *= a;
    }
    /* least and greatest utility per party over allowed options, summed in issue order
     * (the order ac_space_utility uses: floating addition is monotone, so every
     * outcome's utility lies between these two sums exactly) */
    double *umin = calloc(np, sizeof *umin), *umax = calloc(np, sizeof *umax);
    size_t *dim = malloc(np * sizeof *dim);
    if (!umin || !umax || !dim) {
        free(umin);
        free(umax);
        free(dim);
        return AC_ENOMEM;
    }
    for (size_t k = 0; k < ni; k++)
        for (size_t i = 0; i < np; i++) {
            double lo = INFINITY, hi = -INFINITY;
            for (uint32_t o = 0; o < s->n_options[k]; o++)
                if (s->allowed[k][o]) {
                    lo = fmin(lo, s->contrib[k][o * np + i]);
                    hi = fmax(hi, s->contrib[k][o * np + i]);
                }
            umin[i] += lo;
            umax[i] += hi;
        }
    size_t D = 0;
    int dead = 0;
    for (size_t i = 0; i < np; i++) {
        double t = s->reservation[i] - AC_EPS;
        if (umax[i] < t)
            dead = 1;
        if (umin[i] < t)
            dim[D++] = i;
    }
    free(umin);
    free(umax);
    if (dead || !D) {
        free(dim);
        *trivial = 1;
        *count = dead ? 0 : all;
        return AC_OK;
    }
    z->D = D;
    int bits = 32;
    while (bits < 48 && (double)ni * ldexp(1.0, -bits) > AC_EPS / 8)
        bits++;
    z->scale = ldexp(1.0, bits);
    z->t = malloc(D * sizeof *z->t);
    z->iss = calloc(ni, sizeof *z->iss);
    if (!z->t || !z->iss)
        goto nomem;
    for (size_t j = 0; j < D; j++)
        z->t[j] = s->reservation[dim[j]] - AC_EPS;
    for (size_t k = 0; k < ni; k++) {
        zissue *is = &z->iss[k];
        uint32_t no = s->n_options[k];
        is->side = -1;
        is->vec = malloc((size_t)no * D * sizeof *is->vec);
        is->mult = malloc(no * sizeof *is->mult);
        is->lo = malloc(D * sizeof *is->lo);
        is->hi = malloc(D * sizeof *is->hi);
        if (!is->vec || !is->mult || !is->lo || !is->hi)
            goto nomem;
        for (size_t j = 0; j < D; j++) {
            is->lo[j] = INFINITY;
            is->hi[j] = -INFINITY;
        }
        for (uint32_t o = 0; o < no; o++) {
            if (!s->allowed[k][o])
                continue;
            is->allowed++;
            double *v = is->vec + is->nb * D;
            for (size_t j = 0; j < D; j++) {
                v[j] = s->contrib[k][(size_t)o * np + dim[j]];
                is->lo[j] = fmin(is->lo[j], v[j]);
                is->hi[j] = fmax(is->hi[j], v[j]);
            }
            /* identical vectors (exactly: same doubles from the same products) branch once */
            size_t b = 0;
            while (b < is->nb && memcmp(is->vec + b * D, v, D * sizeof *v) != 0)
                b++;
            if (b < is->nb)
                is->mult[b]++;
            else
                is->mult[is->nb++] = 1;
        }
        for (size_t j = 0; j < D; j++)
            is->spread += is->hi[j] - is->lo[j];
    }
    free(dim);
    return AC_OK;
nomem:
    free(dim);
    ctx_free(z);
    return AC_ENOMEM;
}

/* The exact count, or AC_ELIMIT / AC_ENOMEM when out of reach. */
/* Deciding early: once both sides hold EARLY_MIN_STATES states (before that, growth is
 * that of the first, most spread issues and says little), the state count each side
 * would reach if every remaining issue (half to each side) multiplied its states as its
 * last one did. Growth slows as bounds kill or settle states, so this overshoots; only a
 * projection past EARLY_MARGIN times the budget gives up. On random 4-party models of
 * 27 issues that happens ten issues before the budget itself is hit (3.5 s and 1.2 GB
 * saved); the embedded model's projection peaks at a fifth of it. */
#define EARLY_MIN_STATES 10000
#define EARLY_MARGIN 4.0

static double projected_states(const zside side[2], const double growth[2], size_t left)
{
    double total = 0;
    for (int a = 0; a < 2; a++)
        total += (double)side[a].n * pow(growth[a] > 1 ? growth[a] : 1, (double)left / 2);
    return total;
}

void ac__zopa_share_init(ac__zopa_share *sh)
{
    atomic_init(&sh->busy, 0);
    atomic_init(&sh->permille, 0);
}

static void advance(ac__zopa_share *sh, double fraction)
{
    if (!sh)
        return;
    int want = fraction >= 1 ? 1000 : fraction > 0 ? (int)(fraction * 1000) : 0;
    int have = atomic_load(&sh->permille);
    while (want > have && !atomic_compare_exchange_weak(&sh->permille, &have, want))
        ;
}

/* The states' steps take about three fifths of an exact count (the embedded models: 57%
 * and 35%), the join the rest; a step's work grows with the states it makes, so the
 * fraction of the steps done is the states made so far against those plus the
 * projection of the rest. */
#define STEPS_SHARE 0.6

static ac_status count_exact(zctx *z, size_t max_states, const ac__budget *budget, int threads,
                             ac__zopa_share *share, ac__u128 *out)
{
    double made = 0;
    double growth[2] = {1, 1};
    size_t D = z->D, ni = z->ni;
    zside side[2] = {{0}, {0}};
    double *rest = malloc(2 * D * sizeof *rest);
    ac_status st = AC_ENOMEM;
    if (!rest)
        return st;
    for (int a = 0; a < 2; a++) {
        side[a].v = calloc(D, sizeof *side[a].v);
        side[a].c = malloc(sizeof *side[a].c);
        if (!side[a].v || !side[a].c)
            goto done;
        side[a].c[0] = 1;
        side[a].n = 1;
        side[a].ratio = 1;
    }
    st = AC_OK;
    for (size_t step = 0; step < ni; step++) {
        /* a side with nothing left alive: dead everywhere means no acceptable outcome */
        if ((!side[0].n && !side[0].sure) || (!side[1].n && !side[1].sure)) {
            *out = 0;
            goto done;
        }
        int a = side[0].n <= side[1].n ? 0 : 1;
        zside *s = &side[a], *other = &side[1 - a];
        size_t k = pick_issue(z);
        z->iss[k].side = a;
        if (!s->n) {
            s->sure *= z->iss[k].allowed;
            continue;
        }
        double *hi = rest, *lo = rest + D;
        for (size_t j = 0; j < D; j++)
            hi[j] = lo[j] = 0;
        for (size_t q = 0; q < ni; q++)
            if (z->iss[q].side != a)
                for (size_t j = 0; j < D; j++) {
                    hi[j] += z->iss[q].hi[j];
                    lo[j] += z->iss[q].lo[j];
                }
        if (other->n >= max_states) {
            st = AC_ELIMIT;
            goto done;
        }
        size_t before = s->n;
        if (ac__budget_check(budget)) {
            st = AC_ELIMIT;
            goto done;
        }
        st = extend(z, s, k, hi, lo, max_states - other->n);
        if (st)
            goto done;
        growth[a] = before ? (double)s->n / (double)before : 1;
        made += (double)s->n;
        if (step + 1 < ni) {
            double rest_states = projected_states(side, growth, ni - step - 1);
            advance(share, STEPS_SHARE * made / (made + rest_states));
        }
        if (side[0].n >= EARLY_MIN_STATES && side[1].n >= EARLY_MIN_STATES &&
            projected_states(side, growth, ni - step - 1) > EARLY_MARGIN * (double)max_states) {
            st = AC_ELIMIT;
            goto done;
        }
    }
    if ((!side[0].n && !side[0].sure) || (!side[1].n && !side[1].sure)) {
        *out = 0;
        goto done;
    }
    {
        zside *L = &side[0], *R = &side[1];
        ac__u128 lj = sum_counts(L), rj = sum_counts(R), pairs = 0;
        advance(share, STEPS_SHARE);
        st = join(z, L, R, threads, share, budget, &pairs);
        if (!st)
            *out = L->sure * (rj + R->sure) + lj * R->sure + pairs;
    }
done:
    for (int a = 0; a < 2; a++) {
        free(side[a].v);
        free(side[a].c);
    }
    free(rest);
    return st;
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Seeded Monte Carlo over all options (a red-lined option makes a sample unacceptable),
 * with a 95% Wilson score interval scaled to the outcome count. */
static ac_status estimate(const ac_space *s, uint64_t seed, ac_zopa_count *out)
{
    size_t np = s->n_parties, ni = s->n_issues;
    double *u = malloc(np * sizeof *u);
    if (!u)
        return AC_ENOMEM;
    double work = (double)ni * (double)(np + 2);
    size_t n = ZOPA_MAX_SAMPLES;
    if ((double)n * work > ZOPA_SAMPLE_WORK)
        n = (size_t)(ZOPA_SAMPLE_WORK / work);
    if (n < ZOPA_MIN_SAMPLES)
        n = ZOPA_MIN_SAMPLES;
    uint64_t rng = seed;
    size_t hits = 0;
    for (size_t x = 0; x < n; x++) {
        int ok = 1;
        for (size_t i = 0; i < np; i++)
            u[i] = 0;
        for (size_t k = 0; k < ni; k++) {
            /* uniform index by multiply-shift: bias below n_options / 2^64 */
            uint32_t o = (uint32_t)(((ac__u128)splitmix64(&rng) * s->n_options[k]) >> 64);
            if (!s->allowed[k][o]) {
                ok = 0;
                break;
            }
            const double *c = s->contrib[k] + (size_t)o * np;
            for (size_t i = 0; i < np; i++)
                u[i] += c[i];
        }
        for (size_t i = 0; i < np && ok; i++)
            ok = u[i] >= s->reservation[i] - AC_EPS;
        hits += (size_t)ok;
    }
    free(u);
    double total = s->outcomes_overflow ? pow(10.0, s->outcomes_log10)
                                        : ac__u128_double(s->outcomes);
    double N = (double)n, p = (double)hits / N, z = 1.959963984540054, z2 = z * z;
    double centre = (p + z2 / (2 * N)) / (1 + z2 / N);
    double half = z * sqrt(p * (1 - p) / N + z2 / (4 * N * N)) / (1 + z2 / N);
    /* shares of zero stay zero even when the outcome count is beyond double range */
    double lo = fmax(0.0, centre - half), hi = fmin(1.0, centre + half);
    out->exact = 0;
    out->count = ac__u128_out(0);
    out->estimate = p > 0 ? p * total : 0;
    out->lo = lo > 0 ? lo * total : 0;
    out->hi = hi > 0 ? hi * total : 0;
    out->samples = n;
    return AC_OK;
}

ac_status ac_zopa_count_dp(const ac_space *s, size_t max_states, uint64_t seed,
                           ac_zopa_count *out, ac_error *err)
{
    return ac__zopa_count_budget(s, max_states, seed, NULL, 1, NULL, out, err);
}

ac_status ac__zopa_count_budget(const ac_space *s, size_t max_states, uint64_t seed,
                                const ac__budget *budget, int threads, ac__zopa_share *share,
                                ac_zopa_count *out, ac_error *err)
{
    if (!s || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_zopa_count_dp: NULL argument");
    memset(out, 0, sizeof *out);
    if (!max_states)
        max_states = ZOPA_DEFAULT_MAX_STATES;
    if (max_states > ZOPA_STATES_CAP)
        max_states = ZOPA_STATES_CAP;
    ac_status st = AC_ELIMIT;
    if (!s->outcomes_overflow) {
        zctx z;
        int trivial;
        ac__u128 count = 0;
        st = ctx_new(s, &z, &trivial, &count);
        if (!st && !trivial) {
            st = count_exact(&z, max_states, budget, threads, share, &count);
            ctx_free(&z);
        }
        if (!st) {
            out->exact = 1;
            out->count = ac__u128_out(count);
            out->estimate = out->lo = out->hi = ac__u128_double(count);
            advance(share, 1);
            return AC_OK;
        }
    }
    /* out of reach exactly (too many states, too little memory, or a count beyond
     * ac__u128): estimate instead */
    st = estimate(s, seed, out);
    if (st)
        return ac_error_set(err, st, NULL, 0, 0, "out of memory");
    advance(share, 1);
    return AC_OK;
}
