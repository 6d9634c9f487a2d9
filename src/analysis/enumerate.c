/* Exhaustive enumeration (accord/enumerate.h): planning, threads, and merging the
 * per-chunk results.
 *
 * How a full enumeration runs (the walks themselves are in enum_walk.c):
 *  1. Pass 1 in phases (see pass1): each phase's chunks are checked against a seed (the
 *     frontier candidates of all chunks of the earlier phases, rid of dominated ones)
 *     and bounded below by their best utilities and welfare / Nash maxima (values
 *     actually attained in the ZOPA, so they only prune what cannot matter).
 *  2. Merge: counts add, best[] is a maximum, frontier candidates are gathered and
 *     normalised (ac_frontier_normalize keeps the lexicographically smallest outcome per
 *     vector), records are merged in chunk order as below.
 *  3. Pass 2 over the ZOPA for Kalai, which needs b_i = best[] of the whole ZOPA, with the
 *     Kalai value of known ZOPA outcomes (the welfare and Nash answers and the ZOPA
 *     frontier points) as a lower bound.
 * The chunk boundaries, the phases and what seeds and bounds each of them depend on the
 * space only, never on the thread count or timing: results are identical for any
 * number of threads.
 *
 * Solutions. The answer for an objective is the lexicographically first ZOPA outcome
 * with value >= V - AC_EPS, V the maximum. That outcome is larger than every value
 * before it, so it is a running-maximum record of its chunk, and every chunk keeps its
 * records within AC_EPS of its own maximum (enum_internal.h). Merge: V = max of the
 * chunk maxima; the first chunk whose maximum reaches V - AC_EPS holds the answer, its
 * first record reaching V - AC_EPS. */
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord/enumerate.h"
#include "analysis/enum_internal.h"

/* Chunks: about 64 outcomes at least, at most about 1024 of them (more on the
 * overshoot of one issue), so threads balance and per-chunk costs stay small. */
#define CHUNK_TARGET_MAX 1024
#define CHUNK_MIN_OUTCOMES 64
#define PASS1_SHARE 0.8 /* of the progress fraction */
#define MAX_THREADS 1024

void ac_enum_result_free(ac_enum_result *r)
{
    if (!r)
        return;
    ac_frontier_free(r->pareto);
    ac_solutions_free(&r->sol);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------------ plan */

static void plan_free(ac__eplan *P)
{
    free(P->t);
    free(P->minZ);
    free(P->maxZ);
    free(P->maxR);
    if (P->rel)
        for (size_t k = 0; k < P->ni; k++)
            free(P->rel[k]);
    free(P->rel);
    free(P->asuf);
    free(P->na);
    if (P->aidx)
        for (size_t k = 0; k < P->ni; k++)
            free(P->aidx[k]);
    if (P->acon)
        for (size_t k = 0; k < P->ni; k++)
            free(P->acon[k]);
    free(P->aidx);
    free(P->acon);
    free(P->lsoa);
    memset(P, 0, sizeof *P);
}

/* Marks the frontier-relevant options of issue k (see enum_internal.h); needs slack. */
static void mark_relevant(ac__eplan *P, size_t k)
{
    const ac_space *s = P->s;
    size_t np = P->np;
    uint32_t no = s->n_options[k];
    const double *c = s->contrib[k];
    for (uint32_t o = 0; o < no; o++) {
        int rel = !P->feasible || s->allowed[k][o];
        for (uint32_t q = 0; q < no && rel; q++) {
            if (q == o || (P->feasible && !s->allowed[k][q]))
                continue;
            int ge = 1, margin = 0, same = 1;
            for (size_t i = 0; i < np && ge; i++) {
                double a = c[(size_t)q * np + i], b = c[(size_t)o * np + i];
                ge = a >= b;
                margin |= a - b > AC_EPS + P->slack;
                same &= a == b;
            }
            if (ge && (margin || (same && q < o)))
                rel = 0;
        }
        P->rel[k][o] = (unsigned char)rel;
    }
}

static int plan_build(ac__eplan *P, const ac_space *s, int feasible)
{
    memset(P, 0, sizeof *P);
    size_t np = s->n_parties, ni = s->n_issues;
    P->s = s;
    P->np = np;
    P->ni = ni;
    P->feasible = feasible != 0;
    P->t = malloc(np * sizeof *P->t);
    P->minZ = calloc((ni + 1) * np, sizeof(double));
    P->maxZ = calloc((ni + 1) * np, sizeof(double));
    P->maxR = calloc((ni + 1) * np, sizeof(double));
    P->rel = calloc(ni, sizeof *P->rel);
    P->asuf = calloc(ni + 1, sizeof *P->asuf);
    P->na = calloc(ni, sizeof *P->na);
    P->aidx = calloc(ni, sizeof *P->aidx);
    P->acon = calloc(ni, sizeof *P->acon);
    if (!P->t || !P->minZ || !P->maxZ || !P->maxR || !P->rel || !P->asuf || !P->na ||
        !P->aidx || !P->acon)
        return 0;
    for (size_t i = 0; i < np; i++)
        P->t[i] = s->reservation[i] - AC_EPS;
    /* magnitude of any partial sum, for the rounding slack */
    double mag = 1;
    for (size_t i = 0; i < np; i++) {
        double m = fabs(s->reservation[i]);
        for (size_t k = 0; k < ni; k++) {
            double big = 0;
            for (uint32_t o = 0; o < s->n_options[k]; o++)
                big = fmax(big, fabs(s->contrib[k][(size_t)o * np + i]));
            m += big;
        }
        mag = fmax(mag, m);
    }
    /* Two sums of at most ni + 2 terms, each rounding by at most DBL_EPSILON/2 * mag. */
    P->slack = 4.0 * (double)(ni + 2) * DBL_EPSILON * mag;
    P->asuf[ni] = 1;
    for (size_t k = ni; k-- > 0;) {
        uint32_t no = s->n_options[k], na = 0;
        for (uint32_t o = 0; o < no; o++)
            na += s->allowed[k][o] != 0;
        P->na[k] = na;
        P->aidx[k] = malloc((na ? na : 1) * sizeof **P->aidx);
        P->acon[k] = malloc((na ? na : 1) * np * sizeof **P->acon);
        if (!P->aidx[k] || !P->acon[k])
            return 0;
        for (uint32_t o = 0, j = 0; o < no; o++)
            if (s->allowed[k][o]) {
                P->aidx[k][j] = o;
                memcpy(P->acon[k] + (size_t)j * np, s->contrib[k] + (size_t)o * np,
                       np * sizeof(double));
                j++;
            }
        P->asuf[k] = P->asuf[k + 1] * na;
        if (!(P->rel[k] = malloc(no)))
            return 0;
        mark_relevant(P, k);
        for (size_t i = 0; i < np; i++) {
            double mnZ = INFINITY, mxZ = -INFINITY, mxR = -INFINITY;
            for (uint32_t o = 0; o < no; o++) {
                double c = s->contrib[k][(size_t)o * np + i];
                if (P->rel[k][o])
                    mxR = fmax(mxR, c);
                if (s->allowed[k][o]) {
                    mnZ = fmin(mnZ, c);
                    mxZ = fmax(mxZ, c);
                }
            }
            if (!na) /* never read: asuf is 0 from here up */
                mnZ = mxZ = 0;
            if (mxR == -INFINITY) /* no relevant option (feasible, none allowed) */
                mxR = 0;
            /* level k + 1 first, so the last issue's entry is its exact min / max */
            P->minZ[k * np + i] = mnZ + P->minZ[(k + 1) * np + i];
            P->maxZ[k * np + i] = mxZ + P->maxZ[(k + 1) * np + i];
            P->maxR[k * np + i] = mxR + P->maxR[(k + 1) * np + i];
        }
    }
    size_t L = ni - 1, nl = P->na[L];
    P->lsoa = malloc((nl ? nl : 1) * np * sizeof *P->lsoa);
    if (!P->lsoa)
        return 0;
    for (size_t j = 0; j < nl; j++)
        for (size_t i = 0; i < np; i++)
            P->lsoa[i * nl + j] = P->acon[L][j * np + i];
    ac__eplan_kernels(P);
    /* chunk depth: the fewest leading issues giving the target number of chunks,
     * keeping the last issue inside the walk */
    double outcomes = ac__u128_double(s->outcomes);
    double target = fmin(CHUNK_TARGET_MAX, fmax(1.0, outcomes / CHUNK_MIN_OUTCOMES));
    size_t chunks = 1, D = 0;
    while (D + 1 < ni && (double)chunks < target) {
        chunks *= s->n_options[D];
        D++;
    }
    P->depth = D;
    P->n_chunks = chunks;
    return 1;
}

/* --------------------------------------------------------------------- threads */

enum { JOB_COUNT, JOB_PASS1, JOB_PASS2 };

typedef struct chunk_res {
    ac__u128 zopa;
    size_t nrec[3];
    double recmax[3];
    double *recv[3];
    uint32_t *reco[3];
    size_t nf;
    double *fu;
    uint32_t *fo;
} chunk_res;

typedef struct run {
    const ac__eplan *P;
    int kind;
    const size_t *jobs; /* chunk indices; NULL: 0..n_jobs-1 */
    size_t n_jobs;
    atomic_size_t next, done;
    atomic_int failed;
    /* pass 1 */
    const ac__ekd *seed; /* NULL: none */
    const double *lb_best; /* NULL: none */
    double lbw, lbn;
    /* pass 2 */
    const double *span;
    double lbk;
    /* outputs */
    chunk_res *res;
    double *best; /* [n_chunks * np] */
    ac__u128 total; /* JOB_COUNT, under mu */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int running;
} run;

static int save_rec(chunk_res *cr, int j, const ac__erec *r, size_t ni)
{
    cr->nrec[j] = r->n;
    cr->recmax[j] = r->max;
    if (!r->n)
        return 1;
    cr->recv[j] = malloc(r->n * sizeof(double));
    cr->reco[j] = malloc(r->n * ni * sizeof(uint32_t));
    if (!cr->recv[j] || !cr->reco[j])
        return 0;
    memcpy(cr->recv[j], r->v, r->n * sizeof(double));
    memcpy(cr->reco[j], r->o, r->n * ni * sizeof(uint32_t));
    return 1;
}

static int save_front(chunk_res *cr, const ac__efront *F)
{
    size_t np = F->np, ni = F->ni, m = F->n;
    cr->nf = m;
    if (!m)
        return 1;
    cr->fu = malloc(m * np * sizeof(double));
    cr->fo = malloc(m * ni * sizeof(uint32_t));
    if (!cr->fu || !cr->fo)
        return 0;
    memcpy(cr->fu, F->u, m * np * sizeof(double));
    memcpy(cr->fo, F->o, m * ni * sizeof(uint32_t));
    return 1;
}

static int run_chunk(run *R, ac__ews *w, size_t c, ac__u128 *sum)
{
    const ac__eplan *P = R->P;
    size_t np = P->np, ni = P->ni;
    chunk_res *cr = R->res ? &R->res[c] : NULL;
    switch (R->kind) {
    case JOB_COUNT:
        *sum += ac__enum_count_chunk(w, c);
        return 1;
    case JOB_PASS1:
        for (size_t i = 0; i < np; i++)
            w->best[i] = R->lb_best ? R->lb_best[i] : -INFINITY;
        w->lbw = R->lbw;
        w->lbn = R->lbn;
        ac__enum_pass1_chunk(w, c, R->seed);
        if (w->oom)
            return 0;
        cr->zopa = w->cnt;
        memcpy(R->best + c * np, w->best, np * sizeof(double));
        return save_rec(cr, AC__W, &w->rec[AC__W], ni) &&
               save_rec(cr, AC__N, &w->rec[AC__N], ni) && save_front(cr, &w->F);
    default:
        memcpy(w->span, R->span, np * sizeof(double));
        w->lbk = R->lbk;
        ac__enum_pass2_chunk(w, c);
        return !w->oom && save_rec(cr, AC__K, &w->rec[AC__K], ni);
    }
}

static void *worker(void *arg)
{
    run *R = arg;
    ac__ews w;
    ac__u128 sum = 0;
    if (!ac__ews_init(&w, R->P)) {
        atomic_store(&R->failed, 1);
    } else {
        while (!atomic_load(&R->failed)) {
            size_t j = atomic_fetch_add(&R->next, 1);
            if (j >= R->n_jobs)
                break;
            if (!run_chunk(R, &w, R->jobs ? R->jobs[j] : j, &sum))
                atomic_store(&R->failed, 1);
            atomic_fetch_add(&R->done, 1);
        }
        ac__ews_free(&w);
    }
    pthread_mutex_lock(&R->mu);
    R->total += sum;
    R->running--;
    pthread_cond_signal(&R->cv);
    pthread_mutex_unlock(&R->mu);
    return NULL;
}

typedef struct progress_t {
    void (*fn)(void *ctx, double fraction);
    void *ctx;
    double base, scale; /* fraction = base + scale * chunks done */
    const ac__budget *budget; /* checked by the waiting thread; may be NULL */
    ac__stop *stopped;
} progress_t;

/* Runs R's jobs on up to `threads` workers. The calling thread only waits, waking at
 * least every 100 ms to report progress, so the callback always runs on it. */
static ac_status run_jobs(run *R, int threads, const progress_t *pg)
{
    atomic_init(&R->next, 0);
    atomic_init(&R->done, 0);
    atomic_init(&R->failed, 0);
    R->total = 0;
    if (!R->n_jobs)
        return AC_OK;
    size_t n = (size_t)threads < R->n_jobs ? (size_t)threads : R->n_jobs;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    pthread_t *tid = malloc(n * sizeof *tid);
    if (!tid)
        return AC_ENOMEM;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&R->mu, NULL);
    pthread_cond_init(&R->cv, &ca);
    pthread_condattr_destroy(&ca);
    size_t started = 0;
    R->running = (int)n;
    for (; started < n; started++)
        if (pthread_create(&tid[started], NULL, worker, R))
            break;
    if (started < n) {
        pthread_mutex_lock(&R->mu);
        R->running -= (int)(n - started);
        pthread_mutex_unlock(&R->mu);
    }
    if (!started) {
        R->running = 1;
        worker(R); /* no thread could start: do the work here */
    }
    pthread_mutex_lock(&R->mu);
    while (R->running > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 100 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&R->cv, &R->mu, &ts);
        ac__stop why = pg ? ac__budget_check(pg->budget) : AC__GO;
        if (why && !atomic_load(&R->failed)) {
            /* workers finish their chunk and take no other */
            atomic_store(&R->failed, 2);
            if (pg->stopped)
                *pg->stopped = why;
        }
        if (pg && pg->fn && R->running > 0) {
            pthread_mutex_unlock(&R->mu);
            pg->fn(pg->ctx, pg->base + pg->scale * (double)atomic_load(&R->done));
            pthread_mutex_lock(&R->mu);
        }
    }
    pthread_mutex_unlock(&R->mu);
    for (size_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    free(tid);
    pthread_mutex_destroy(&R->mu);
    pthread_cond_destroy(&R->cv);
    int failed = atomic_load(&R->failed);
    return failed == 2 ? AC_ELIMIT : failed ? AC_ENOMEM : AC_OK;
}

static ac_status resolve_threads(int threads, int *out, ac_error *err)
{
    *out = 1; /* defined on every path: optimisers cannot see that the error code is non-zero */
    if (threads < 0)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "threads must be >= 0, not %d", threads);
    if (threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        threads = n > 0 ? (int)(n < MAX_THREADS ? n : MAX_THREADS) : 1;
    }
    *out = threads;
    return AC_OK;
}

/* ---------------------------------------------------------------------- merging */

static void res_free(chunk_res *res, size_t n)
{
    if (!res)
        return;
    for (size_t c = 0; c < n; c++) {
        for (int j = 0; j < 3; j++) {
            free(res[c].recv[j]);
            free(res[c].reco[j]);
        }
        free(res[c].fu);
        free(res[c].fo);
    }
    free(res);
}

/* The first record, in chunk order, within AC_EPS of the largest chunk maximum; NULL
 * when no chunk has a record. */
static const uint32_t *merge_rec(const chunk_res *res, size_t n, int j, size_t ni)
{
    double V = -INFINITY;
    for (size_t c = 0; c < n; c++)
        if (res[c].nrec[j] && res[c].recmax[j] > V)
            V = res[c].recmax[j];
    for (size_t c = 0; c < n; c++) {
        if (!res[c].nrec[j] || res[c].recmax[j] < V - AC_EPS)
            continue;
        for (size_t e = 0; e < res[c].nrec[j]; e++)
            if (res[c].recv[j][e] >= V - AC_EPS)
                return res[c].reco[j] + e * ni;
    }
    return NULL;
}

/* Removes the candidates another candidate dominates (beyond AC_EPS, as the chunks'
 * own fronts do), keeping the order of the rest. Beyond three parties normalising costs
 * O(candidates * frontier) and chunk fronts overlap a lot; a k-d tree makes this pass
 * cheap and leaves normalisation little to do (up to three parties normalising is
 * O(n log n) and needs no help). A vector equal to another is kept: the representative
 * is normalisation's to choose. */
static int drop_dominated(ac_frontier *f)
{
    size_t np = f->n_parties, ni = f->n_issues, m = 0;
    if (np < 4 || f->count < 64)
        return 1;
    ac__ekd T;
    memset(&T, 0, sizeof T);
    if (!ac__ekd_build(&T, f->utility, f->count, np)) {
        ac__ekd_free(&T);
        return 0;
    }
    for (size_t a = 0; a < f->count; a++) {
        if (ac__ekd_find(&T, f->utility + a * np, 1))
            continue;
        if (m != a) {
            memcpy(f->utility + m * np, f->utility + a * np, np * sizeof(double));
            memcpy(f->outcome + m * ni, f->outcome + a * ni, ni * sizeof(uint32_t));
        }
        m++;
    }
    f->count = m;
    ac__ekd_free(&T);
    return 1;
}

/* The points of prev (may be NULL) and the frontier candidates of the chunks in `which`
 * (NULL: all), normalised; or, for a seed (`seed` set) of four parties or more, only
 * rid of dominated points, which is all a seed needs and far cheaper there. The result
 * does not depend on the order of the input: normalisation orders points by outcome
 * first, and no outcome comes twice. */
static ac_status merge_front(const ac__eplan *P, const chunk_res *res, const size_t *which,
                             size_t n, const ac_frontier *prev, int seed, ac_frontier **out)
{
    size_t np = P->np, ni = P->ni, total = prev ? prev->count : 0;
    for (size_t a = 0; a < n; a++)
        total += res[which ? which[a] : a].nf;
    ac_frontier *f = calloc(1, sizeof *f);
    if (!f)
        return AC_ENOMEM;
    f->n_parties = np;
    f->n_issues = ni;
    if (total) {
        f->utility = malloc(total * np * sizeof(double));
        f->outcome = malloc(total * ni * sizeof(uint32_t));
        if (!f->utility || !f->outcome) {
            ac_frontier_free(f);
            return AC_ENOMEM;
        }
    }
    if (prev && prev->count) {
        memcpy(f->utility, prev->utility, prev->count * np * sizeof(double));
        memcpy(f->outcome, prev->outcome, prev->count * ni * sizeof(uint32_t));
        f->count = prev->count;
    }
    for (size_t a = 0; a < n; a++) {
        const chunk_res *cr = &res[which ? which[a] : a];
        if (!cr->nf)
            continue;
        memcpy(f->utility + f->count * np, cr->fu, cr->nf * np * sizeof(double));
        memcpy(f->outcome + f->count * ni, cr->fo, cr->nf * ni * sizeof(uint32_t));
        f->count += cr->nf;
    }
    if (!drop_dominated(f)) {
        ac_frontier_free(f);
        return AC_ENOMEM;
    }
    ac_status st = seed && np >= 4 ? AC_OK : ac_frontier_normalize(f, NULL);
    if (st) {
        ac_frontier_free(f);
        return st;
    }
    *out = f;
    return AC_OK;
}

static int set_solution(const ac_space *s, ac_solution *sol, const uint32_t *o, int which,
                        const double *span)
{
    size_t np = s->n_parties, ni = s->n_issues;
    sol->outcome = malloc(ni * sizeof *sol->outcome);
    sol->utility = malloc(np * sizeof *sol->utility);
    if (!sol->outcome || !sol->utility)
        return 0;
    memcpy(sol->outcome, o, ni * sizeof *o);
    ac_space_utility(s, o, sol->utility);
    sol->found = 1;
    sol->value = which == AC__W   ? ac__welfare(sol->utility, np)
                 : which == AC__N ? ac__nash(sol->utility, s->reservation, np)
                                  : ac__kalai(sol->utility, s->reservation, span, np);
    return 1;
}

/* ------------------------------------------------------------------------- API */

static ac_status check_space(const ac_space *s, ac_error *err)
{
    if (!s || !s->n_parties || !s->n_issues)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "enumeration needs a space with a party and an issue");
    if (s->outcomes_overflow)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "the outcome space (about 1e%.1f outcomes) is too large to enumerate",
                            s->outcomes_log10);
    return AC_OK;
}

ac_status ac_enumerate_count(const ac_space *s, int threads, ac_u128 *zopa, ac_error *err)
{
    *zopa = ac__u128_out(0);
    ac_status st = check_space(s, err);
    if (st)
        return st;
    int nt;
    if ((st = resolve_threads(threads, &nt, err)))
        return st;
    ac__eplan P;
    if (!plan_build(&P, s, 0)) {
        plan_free(&P);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    run R = {.P = &P, .kind = JOB_COUNT, .n_jobs = P.n_chunks};
    st = run_jobs(&R, nt, NULL);
    plan_free(&P);
    if (st)
        return ac_error_set(err, st, NULL, 0, 0, "out of memory");
    *zopa = ac__u128_out(R.total);
    return AC_OK;
}

typedef struct enum_state {
    const ac_space *s;
    ac__eplan P;
    chunk_res *res, *res2;
    double *best;
    size_t *jobs;
    ac__ekd seed;
} enum_state;

static void state_free(enum_state *E)
{
    res_free(E->res, E->P.n_chunks);
    res_free(E->res2, E->P.n_chunks);
    free(E->best);
    free(E->jobs);
    ac__ekd_free(&E->seed);
    plan_free(&E->P);
}

/* Pass 1 runs in phases of growing size: chunks at multiples of 256, then the other
 * multiples of 64, of 16, of 4, then the rest. Each phase is seeded with the frontier of
 * all the chunks before it and bounded by their maxima, so little work is done
 * unseeded (an unseeded chunk keeps its whole local frontier, most of it dominated). */
static const size_t phase_stride[] = {256, 64, 16, 4, 1};
#define N_PHASES (sizeof phase_stride / sizeof *phase_stride)

static ac_status pass1(enum_state *E, int nt, progress_t *pg)
{
    ac__eplan *P = &E->P;
    size_t np = P->np, nc = P->n_chunks, done = 0;
    double *lb = malloc(np * sizeof *lb);
    if (!lb)
        return AC_ENOMEM;
    for (size_t i = 0; i < np; i++)
        lb[i] = -INFINITY;
    double lbw = -INFINITY, lbn = -INFINITY;
    ac_frontier *acc = NULL; /* frontier of the chunks done so far */
    ac_status st = AC_OK;
    for (size_t ph = 0; ph < N_PHASES && !st; ph++) {
        size_t *jobs = E->jobs + done, n = 0;
        for (size_t c = 0; c < nc; c++)
            if (c % phase_stride[ph] == 0 && (ph == 0 || c % phase_stride[ph - 1] != 0))
                jobs[n++] = c;
        if (!n)
            continue;
        if (acc && !ac__ekd_build(&E->seed, acc->utility, acc->count, np)) {
            st = AC_ENOMEM;
            break;
        }
        run R = {.P = P, .kind = JOB_PASS1, .jobs = jobs, .n_jobs = n, .res = E->res,
                 .best = E->best, .lbw = lbw, .lbn = lbn, .lb_best = lb,
                 .seed = acc ? &E->seed : NULL};
        pg->base = pg->scale * (double)done;
        if ((st = run_jobs(&R, nt, pg)))
            break;
        done += n;
        if (done == nc)
            break;
        for (size_t a = 0; a < n; a++) {
            const chunk_res *cr = &E->res[jobs[a]];
            for (size_t i = 0; i < np; i++)
                lb[i] = fmax(lb[i], E->best[jobs[a] * np + i]);
            if (cr->nrec[AC__W])
                lbw = fmax(lbw, cr->recmax[AC__W]);
            if (cr->nrec[AC__N])
                lbn = fmax(lbn, cr->recmax[AC__N]);
        }
        ac_frontier *next = NULL;
        st = merge_front(P, E->res, jobs, n, acc, 1, &next);
        ac_frontier_free(acc);
        acc = next;
    }
    ac_frontier_free(acc);
    free(lb);
    return st;
}

static ac_status enumerate(enum_state *E, int nt, int feasible, const progress_t *pg0,
                           ac_enum_result *out)
{
    const ac_space *s = E->s;
    ac__eplan *P = &E->P;
    if (!plan_build(P, s, feasible))
        return AC_ENOMEM;
    size_t np = P->np, ni = P->ni, nc = P->n_chunks;
    E->res = calloc(nc, sizeof *E->res);
    E->best = malloc(nc * np * sizeof *E->best);
    E->jobs = malloc(nc * sizeof *E->jobs);
    if (!E->res || !E->best || !E->jobs)
        return AC_ENOMEM;
    progress_t pg = pg0 ? *pg0 : (progress_t){0};
    pg.scale = PASS1_SHARE / (double)nc;
    ac_status st = pass1(E, nt, &pg);
    if (st)
        return st;

    /* merge pass 1 */
    ac__u128 zopa = 0;
    for (size_t c = 0; c < nc; c++)
        zopa += E->res[c].zopa;
    out->zopa = ac__u128_out(zopa);
    if ((st = merge_front(P, E->res, NULL, nc, NULL, 0, &out->pareto)))
        return st;
    if (!zopa)
        return AC_OK;
    ac_solutions *sol = &out->sol;
    sol->best = malloc(np * sizeof *sol->best);
    if (!sol->best)
        return AC_ENOMEM;
    for (size_t i = 0; i < np; i++) {
        sol->best[i] = -INFINITY;
        for (size_t c = 0; c < nc; c++)
            sol->best[i] = fmax(sol->best[i], E->best[c * np + i]);
    }
    double *span = malloc(np * sizeof *span);
    if (!span)
        return AC_ENOMEM;
    for (size_t i = 0; i < np; i++)
        span[i] = sol->best[i] - s->reservation[i];
    const uint32_t *ow = merge_rec(E->res, nc, AC__W, ni), *on = merge_rec(E->res, nc, AC__N, ni);
    if (!ow || !on || !set_solution(s, &sol->welfare, ow, AC__W, span) ||
        !set_solution(s, &sol->nash, on, AC__N, span)) {
        free(span);
        return ow && on ? AC_ENOMEM : AC_EINTERNAL;
    }

    /* pass 2: Kalai, bounded below by ZOPA outcomes already known */
    const double *r = s->reservation;
    double lbk = fmax(ac__kalai(sol->welfare.utility, r, span, np),
                      ac__kalai(sol->nash.utility, r, span, np));
    const ac_frontier *f = out->pareto;
    for (size_t a = 0; a < f->count; a++)
        if (feasible || ac_space_acceptable(s, f->outcome + a * ni))
            lbk = fmax(lbk, ac__kalai(f->utility + a * np, r, span, np));
    E->res2 = calloc(nc, sizeof *E->res2);
    if (!E->res2) {
        free(span);
        return AC_ENOMEM;
    }
    run K = {.P = P, .kind = JOB_PASS2, .n_jobs = nc, .res = E->res2, .span = span, .lbk = lbk};
    pg.base = PASS1_SHARE;
    pg.scale = (1.0 - PASS1_SHARE) / (double)nc;
    st = run_jobs(&K, nt, &pg);
    const uint32_t *ok = st ? NULL : merge_rec(E->res2, nc, AC__K, ni);
    if (!st && (!ok || !set_solution(s, &sol->kalai, ok, AC__K, span)))
        st = ok ? AC_ENOMEM : AC_EINTERNAL;
    free(span);
    return st;
}

ac_status ac_enumerate(const ac_space *s, int threads, int feasible, double max_outcomes,
                       void (*progress)(void *ctx, double fraction), void *ctx,
                       ac_enum_result *out, ac_error *err)
{
    return ac__enumerate_budget(s, threads, feasible, max_outcomes, progress, ctx, NULL, out,
                                err);
}

ac_status ac__enumerate_budget(const ac_space *s, int threads, int feasible,
                               double max_outcomes, void (*progress)(void *ctx, double fraction),
                               void *ctx, const ac__budget *budget, ac_enum_result *out,
                               ac_error *err)
{
    memset(out, 0, sizeof *out);
    ac_status st = check_space(s, err);
    if (st)
        return st;
    if (max_outcomes > 0 && ac__u128_double(s->outcomes) > max_outcomes) {
        char buf[48];
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "the outcome space has %s outcomes, more than the enumeration "
                            "limit of %.0f",
                            ac__u128_str(s->outcomes, buf, sizeof buf), max_outcomes);
    }
    int nt;
    if ((st = resolve_threads(threads, &nt, err)))
        return st;
    enum_state E = {.s = s};
    ac__stop why = AC__GO;
    progress_t pg = {.fn = progress, .ctx = ctx, .budget = budget, .stopped = &why};
    st = enumerate(&E, nt, feasible, &pg, out);
    state_free(&E);
    if (st) {
        ac_enum_result_free(out);
        if (st == AC_ELIMIT)
            return ac_error_set(err, st, NULL, 0, 0, "enumeration stopped by %s",
                                ac__stop_what(why));
        if (st == AC_EINTERNAL)
            return ac_error_set(err, st, NULL, 0, 0, "enumeration lost track of a solution");
        return ac_error_set(err, st, NULL, 0, 0, "out of memory");
    }
    if (progress)
        progress(ctx, 1.0);
    return AC_OK;
}
