/* Monte Carlo sweeps: many runs of ac_talks_run, each on preferences drawn from the
 * model's uncertainty, reduced into deal rates, per-point distributions, expected
 * utilities and the most frequent agreements.
 *
 * Determinism across thread counts: run i uses the stream ac_rng_seed(seed, i) for both
 * its draws and its talks. Integer results (counts) are summed per worker and added up,
 * which is exact in any order. Floating sums are kept per block of BLOCK runs, summed in
 * run order within the block, and the blocks are added in block order at the end, so the
 * rounding is the same whatever thread ran which block. */
#include "accord/sim.h"
#include "sim/sweep_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK AC_SWEEP_BLOCK

void ac_sweep_opts_init(ac_sweep_opts *o)
{
    memset(o, 0, sizeof *o);
    o->runs = 1000;
    o->seed = 1;
    o->perturb = 1;
    ac_talks_opts_init(&o->talks);
}

/* ---- agreements: an open-addressing table of outcomes and counts ---- */

typedef struct table {
    size_t K, cap, used;
    uint32_t *keys; /* [cap * K] */
    uint64_t *count; /* [cap]; 0 = empty */
} table;

static uint64_t hash_outcome(const uint32_t *x, size_t K)
{
    uint64_t h = 0x9e3779b97f4a7c15u;
    for (size_t k = 0; k < K; k++) {
        h ^= x[k] + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
        h *= 0xff51afd7ed558ccdu;
    }
    return h ^ (h >> 33);
}

static int table_init(table *t, size_t K, size_t cap)
{
    t->K = K;
    t->cap = cap;
    t->used = 0;
    t->keys = calloc(cap * K, sizeof *t->keys);
    t->count = calloc(cap, sizeof *t->count);
    return t->keys && t->count ? 0 : -1;
}

static void table_free(table *t)
{
    free(t->keys);
    free(t->count);
}

static int table_add(table *t, const uint32_t *x, uint64_t c);

static int table_grow(table *t)
{
    table nt;
    if (table_init(&nt, t->K, t->cap * 2)) {
        table_free(&nt);
        return -1;
    }
    for (size_t j = 0; j < t->cap; j++)
        if (t->count[j])
            table_add(&nt, &t->keys[j * t->K], t->count[j]);
    table_free(t);
    *t = nt;
    return 0;
}

static int table_add(table *t, const uint32_t *x, uint64_t c)
{
    if ((t->used + 1) * 2 > t->cap && table_grow(t))
        return -1;
    size_t j = (size_t)(hash_outcome(x, t->K) & (t->cap - 1));
    while (t->count[j] && memcmp(&t->keys[j * t->K], x, t->K * sizeof *x))
        j = (j + 1) & (t->cap - 1);
    if (!t->count[j]) {
        memcpy(&t->keys[j * t->K], x, t->K * sizeof *x);
        t->used++;
    }
    t->count[j] += c;
    return 0;
}

/* ---- workers ---- */

typedef struct shared {
    const ac_model *m;
    const ac_sweep_opts *o;
    size_t n, K, slots, nblocks; /* nblocks: all blocks of the sweep */
    size_t owned;                /* blocks of this share */
    size_t rank, ranks;
    const size_t *off;
    double *block_sums; /* [nblocks * 3n]: utility sum, squares, deal utility sum */
    atomic_size_t next_block;
    atomic_uint_fast64_t done;
    atomic_int finished; /* workers that have returned */
} shared;

typedef struct worker {
    shared *sh;
    pthread_t thread;
    int started;
    ac_status st;
    ac_error err;
    uint64_t deals, rounds_sum;
    uint64_t *option_count; /* [slots] */
    double *scratch;        /* [3n] the current block's sums */
    table agreements;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    size_t n = sh->n, K = sh->K;
    ac_talks *t = NULL;
    w->st = ac_talks_new(sh->m, &t, &w->err);
    if (w->st != AC_OK)
        goto done;
    for (;;) {
        size_t j = atomic_fetch_add(&sh->next_block, 1);
        if (j >= sh->owned)
            break;
        size_t b = sh->rank + j * sh->ranks;
        /* sums in the worker's own buffer, stored once per block: blocks of other threads
         * share cache lines with this one */
        double *sum = w->scratch, *sq = sum + n, *dsum = sq + n;
        memset(sum, 0, 3 * n * sizeof *sum);
        uint64_t lo = (uint64_t)b * BLOCK, hi = lo + BLOCK;
        if (hi > sh->o->runs)
            hi = sh->o->runs;
        for (uint64_t run = lo; run < hi; run++) {
            ac_rng r;
            ac_rng_seed(&r, sh->o->seed, run);
            if (sh->o->perturb)
                ac_talks_perturb(t, &r);
            else
                ac_talks_reset(t);
            ac_talks_result res;
            w->st = ac_talks_run(t, &sh->o->talks, &r, NULL, NULL, &res, &w->err);
            if (w->st != AC_OK)
                goto done;
            for (size_t i = 0; i < n; i++) {
                double u = res.deal ? res.discounted[i] : res.reservation[i];
                sum[i] += u;
                sq[i] += u * u;
                if (res.deal)
                    dsum[i] += res.utility[i];
            }
            if (res.deal) {
                w->deals++;
                w->rounds_sum += res.round;
                for (size_t k = 0; k < K; k++)
                    w->option_count[sh->off[k] + res.outcome[k]]++;
                if (table_add(&w->agreements, res.outcome, 1)) {
                    w->st = ac_error_set(&w->err, AC_ENOMEM, NULL, 0, 0, "out of memory");
                    goto done;
                }
            }
        }
        memcpy(&sh->block_sums[b * 3 * n], sum, 3 * n * sizeof *sum);
        atomic_fetch_add(&sh->done, hi - lo);
    }
done:
    ac_talks_free(t);
    atomic_fetch_add(&sh->finished, 1);
    return NULL;
}

static int cmp_agreement(const void *a, const void *b, void *K)
{
    const ac_agreement *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    for (size_t k = 0; k < *(size_t *)K; k++)
        if (x->outcome[k] != y->outcome[k])
            return x->outcome[k] < y->outcome[k] ? -1 : 1;
    return 0;
}

void ac_sweep_free(ac_sweep *s)
{
    if (!s)
        return;
    free(s->option_count);
    free(s->option_offset);
    free(s->utility_sum);
    free(s->utility_sq);
    free(s->deal_utility_sum);
    free(s->agreement_keys);
    free(s->block_sums);
    free(s->agreements);
    free(s);
}

ac_status ac_sweep_run(const ac_model *m, const ac_sweep_opts *o, ac_sweep **out, ac_error *err)
{
    *out = NULL;
    ac_talks *probe;
    ac_status st = ac_talks_new(m, &probe, err);
    if (st != AC_OK)
        return st;
    size_t n = ac_talks_n_parties(probe), K = ac_model_n_issues(m);
    ac_talks_free(probe);
    ac_sweep *s = calloc(1, sizeof *s);
    shared sh = {0};
    worker *ws = NULL;
    int nthreads = o->threads;
    if (nthreads <= 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = c > 0 ? (int)c : 1;
    }
    sh.m = m;
    sh.o = o;
    sh.n = n;
    sh.K = K;
    sh.nblocks = (size_t)((o->runs + BLOCK - 1) / BLOCK);
    sh.ranks = o->ranks > 1 ? (size_t)o->ranks : 1;
    sh.rank = o->ranks > 1 && o->rank > 0 ? (size_t)o->rank : 0;
    sh.owned = sh.rank < sh.nblocks ? (sh.nblocks - sh.rank + sh.ranks - 1) / sh.ranks : 0;
    if ((size_t)nthreads > sh.owned)
        nthreads = sh.owned ? (int)sh.owned : 1;
    atomic_init(&sh.next_block, 0);
    atomic_init(&sh.done, 0);
    atomic_init(&sh.finished, 0);
    if (!s)
        goto nomem;
    s->n_parties = n;
    s->n_issues = K;
    s->runs = o->runs;
    s->option_offset = calloc(K, sizeof *s->option_offset);
    if (!s->option_offset)
        goto nomem;
    for (size_t k = 0; k < K; k++) {
        s->option_offset[k] = sh.slots;
        sh.slots += ac_model_n_options(m, k);
    }
    sh.off = s->option_offset;
    s->n_slots = sh.slots;
    s->option_count = calloc(sh.slots, sizeof *s->option_count);
    s->utility_sum = calloc(n, sizeof(double));
    s->utility_sq = calloc(n, sizeof(double));
    s->deal_utility_sum = calloc(n, sizeof(double));
    sh.block_sums = calloc(sh.nblocks * 3 * n + 1, sizeof(double));
    ws = calloc((size_t)nthreads, sizeof *ws);
    if (!s->option_count || !s->utility_sum || !s->utility_sq || !s->deal_utility_sum ||
        !sh.block_sums || !ws)
        goto nomem;
    for (int j = 0; j < nthreads; j++) {
        ws[j].sh = &sh;
        ws[j].option_count = calloc(sh.slots, sizeof(uint64_t));
        ws[j].scratch = calloc(3 * n, sizeof(double));
        if (!ws[j].option_count || !ws[j].scratch || table_init(&ws[j].agreements, K, 64))
            goto nomem;
    }
    /* Worker 0 runs on this thread when there is no progress to report. */
    int inline0 = !o->progress;
    for (int j = inline0; j < nthreads; j++) {
        if (pthread_create(&ws[j].thread, NULL, work, &ws[j])) {
            st = ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "cannot start a thread");
            break;
        }
        ws[j].started = 1;
    }
    if (inline0 && st == AC_OK)
        work(&ws[0]);
    if (o->progress) {
        int started = 0;
        for (int j = 0; j < nthreads; j++)
            started += ws[j].started;
        uint64_t share = 0; /* the runs of this share */
        for (size_t b = sh.rank; b < sh.nblocks; b += sh.ranks)
            share += (b + 1) * BLOCK <= o->runs ? BLOCK : o->runs - (uint64_t)b * BLOCK;
        /* Poll until every started worker has returned, whether it finished or failed. */
        while (atomic_load(&sh.finished) < started) {
            uint64_t d = atomic_load(&sh.done);
            o->progress(o->progress_ctx, share ? (double)d / (double)share : 1, "sweep");
            struct timespec ts = {0, 50 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
        o->progress(o->progress_ctx, 1, "sweep");
    }
    for (int j = 0; j < nthreads; j++)
        if (ws[j].started)
            pthread_join(ws[j].thread, NULL);
    if (st != AC_OK)
        goto fail;
    for (int j = 0; j < nthreads; j++)
        if (ws[j].st != AC_OK) {
            st = ws[j].st;
            if (err)
                *err = ws[j].err;
            goto fail;
        }
    /* Reduce: integers in any order, floating sums block by block in block order. */
    table all;
    if (table_init(&all, K, 64))
        goto nomem_all;
    for (int j = 0; j < nthreads; j++) {
        s->deals += ws[j].deals;
        s->rounds_sum += ws[j].rounds_sum;
        for (size_t q = 0; q < sh.slots; q++)
            s->option_count[q] += ws[j].option_count[q];
        for (size_t q = 0; q < ws[j].agreements.cap; q++)
            if (ws[j].agreements.count[q] &&
                table_add(&all, &ws[j].agreements.keys[q * K], ws[j].agreements.count[q])) {
                table_free(&all);
                goto nomem_all;
            }
    }
    s->n_blocks = sh.nblocks;
    s->block_sums = sh.block_sums;
    sh.block_sums = NULL;
    ac__sweep_finish_sums(s);
    if (all.used) {
        uint32_t *keys = malloc(all.used * K * sizeof *keys + 1);
        uint64_t *counts = malloc(all.used * sizeof *counts);
        if (!keys || !counts) {
            free(keys);
            free(counts);
            table_free(&all);
            goto nomem_all;
        }
        for (size_t q = 0, a = 0; q < all.cap; q++)
            if (all.count[q]) {
                memcpy(keys + a * K, &all.keys[q * K], K * sizeof *keys);
                counts[a++] = all.count[q];
            }
        st = ac__sweep_set_agreements(s, keys, counts, all.used, err);
        free(keys);
        free(counts);
        if (st != AC_OK) {
            table_free(&all);
            goto fail;
        }
    }
    table_free(&all);
    goto cleanup;
nomem_all:
nomem:
    st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
fail:
    ac_sweep_free(s);
    s = NULL;
cleanup:
    if (ws)
        for (int j = 0; j < nthreads; j++) {
            free(ws[j].option_count);
            free(ws[j].scratch);
            table_free(&ws[j].agreements);
        }
    free(ws);
    free(sh.block_sums);
    *out = s;
    return st;
}

void ac__sweep_finish_sums(ac_sweep *s)
{
    size_t n = s->n_parties;
    for (size_t i = 0; i < n; i++)
        s->utility_sum[i] = s->utility_sq[i] = s->deal_utility_sum[i] = 0;
    for (size_t b = 0; b < s->n_blocks; b++)
        for (size_t i = 0; i < n; i++) {
            s->utility_sum[i] += s->block_sums[b * 3 * n + i];
            s->utility_sq[i] += s->block_sums[b * 3 * n + n + i];
            s->deal_utility_sum[i] += s->block_sums[b * 3 * n + 2 * n + i];
        }
}

ac_status ac__sweep_set_agreements(ac_sweep *s, const uint32_t *outcomes,
                                   const uint64_t *counts, size_t n, ac_error *err)
{
    size_t K = s->n_issues;
    table all;
    if (table_init(&all, K, 64)) {
        table_free(&all);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t q = 0; q < n; q++)
        if (counts[q] && table_add(&all, outcomes + q * K, counts[q])) {
            table_free(&all);
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        }
    ac_agreement *list = calloc(all.used + 1, sizeof *list);
    uint32_t *keys = calloc(all.used * K + 1, sizeof *keys);
    if (!list || !keys) {
        free(list);
        free(keys);
        table_free(&all);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t q = 0, a = 0; q < all.cap; q++)
        if (all.count[q]) {
            list[a].outcome = keys + a * K;
            memcpy(keys + a * K, &all.keys[q * K], K * sizeof *keys);
            list[a].count = all.count[q];
            a++;
        }
    qsort_r(list, all.used, sizeof *list, cmp_agreement, &K);
    free(s->agreements);
    free(s->agreement_keys);
    s->agreements = list;
    s->agreement_keys = keys;
    s->n_agreements = all.used;
    table_free(&all);
    return AC_OK;
}

void ac_wilson95(uint64_t k, uint64_t n, double *lo, double *hi)
{
    if (!n) {
        *lo = 0;
        *hi = 1;
        return;
    }
    const double z = 1.959963984540054;
    double p = (double)k / (double)n, nn = (double)n, z2 = z * z;
    double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
    double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
    *lo = centre - half < 0 ? 0 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
    /* the bounds are exactly 0 and 1 at the ends; rounding would leave 0.9999999999 */
    if (k == 0)
        *lo = 0;
    if (k == n)
        *hi = 1;
}

void ac_mean95(double sum, double sumsq, uint64_t n, double *mean, double *lo, double *hi)
{
    if (!n) {
        *mean = *lo = *hi = NAN;
        return;
    }
    double nn = (double)n, mu = sum / nn;
    double var = n > 1 ? (sumsq - nn * mu * mu) / (nn - 1) : 0;
    if (var < 0)
        var = 0;
    double half = 1.959963984540054 * sqrt(var / nn);
    *mean = mu;
    *lo = mu - half;
    *hi = mu + half;
}
