/* Internal to exhaustive enumeration (enumerate.c, enum_walk.c, enum_front.c).
 *
 * The space is cut into chunks: every value of the leading `depth` issues is one chunk
 * (mixed-radix index in lexicographic order, so chunk order is outcome order). A chunk
 * is walked depth-first in odometer order (last issue fastest) with one partial-sum
 * vector per issue level: part[k] holds the utilities of issues 0..k-1, computed as
 * part[k+1] = part[k] + contrib[k][o]. That is exactly the summation order of
 * ac_space_utility (and of the model's own utility), so every utility the walk sees is
 * bit-for-bit the one any other code computes for that outcome, and exact ties and the
 * AC_EPS tests come out the same; nothing drifts however long the walk.
 *
 * Pruning. At every node the walk bounds what the subtree below it can hold: per party,
 * prefix + the sum of per-issue minima/maxima of the remaining issues. At the last issue
 * the bounds are p + min_o c and p + max_o c, which floating-point addition (monotone)
 * makes exact bounds of the values the loop computes. Above it the suffix sums are
 * rounded differently from the walk's sums, so they are widened by `slack`, a bound on
 * the rounding error of two sums of at most n_issues terms. Pruning never changes a
 * result: a subtree is skipped only when nothing in it can be counted, be a frontier
 * candidate, or improve a running maximum.
 *
 * Results are kept per chunk and merged in chunk order; nothing a chunk computes depends
 * on which thread ran it or on other chunks of the same phase, so results are identical
 * for any thread count. */
#ifndef ACCORD_ANALYSIS_ENUM_INTERNAL_H
#define ACCORD_ANALYSIS_ENUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "accord/enumerate.h"
#include "core/space_internal.h"
#include "analysis/budget.h"

struct ac__eplan;

/* Counting kernels, chosen by party count so the inner loops see a constant. */
typedef ac__u128 (*ac__ecount_sub_fn)(const struct ac__eplan *P, double *part, size_t k);

/* Read-only tables shared by all threads. Arrays indexed [k * np + i] run over issue
 * levels k = 0..n_issues (level n_issues: the empty suffix). */
typedef struct ac__eplan {
    const ac_space *s;
    size_t np, ni;
    int feasible;
    double *t;       /* [np] r_i - AC_EPS: u_i is acceptable iff u_i >= t_i (oracle's test) */
    double slack;    /* widening of bounds above the last issue */
    /* Suffix sums over issues k..ni-1 of the per-issue min / max contribution over the
     * options no party's red line forbids (Z). */
    double *minZ, *maxZ;
    /* Frontier-relevant options: an option is dropped when another option of the same
     * issue (allowed, for a feasible frontier) contributes at least as much to every
     * party and more than AC_EPS + slack more to one, or exactly the same with a smaller
     * index. Swapping it in turns any outcome into one that dominates it (sums are
     * monotone, the margin survives rounding), or into the same vector with a smaller
     * outcome; so outcomes with a dropped option are never frontier representatives.
     * maxR: suffix sums of the per-issue max over relevant options. */
    unsigned char **rel; /* [ni][n_options[k]] */
    double *maxR;
    ac__u128 *asuf;   /* [ni + 1] product of allowed-option counts over issues k.. */
    uint32_t *na;    /* [ni] allowed options per issue */
    uint32_t **aidx; /* [ni][na[k]] their option indices, ascending */
    double **acon;   /* [ni][na[k] * np] their contributions */
    double *lsoa;    /* [np * na[ni-1]] last issue's allowed contributions, party-major */
    ac__ecount_sub_fn count_sub; /* ZOPA count of the subtree below a node at level k */
    /* chunking */
    size_t depth;    /* leading issues fixed per chunk, <= ni - 1 */
    size_t n_chunks;
} ac__eplan;

/* A window of running-maximum records of one objective in one chunk: strictly
 * increasing values, all within AC_EPS of the running maximum `max`. The answer of the
 * whole enumeration is always one of some chunk's records (see enumerate.c). */
typedef struct ac__erec {
    size_t n, cap;
    double max; /* -INFINITY until the first record */
    double *v;
    uint32_t *o; /* [cap * ni] */
} ac__erec;

/* A k-d tree over points (see enum_front.c), for "is some point >= x - AC_EPS in every
 * coordinate" queries. Zero it before the first build; a build reuses its buffers.
 * Two parties: no tree, the points sorted by the first coordinate, and only a frontier
 * (a staircase) is searched completely. */
typedef struct ac__ekd {
    size_t np, n, cap_rows, cap_nodes;
    double *u;                 /* [n * np] the points, reordered */
    double *box;               /* [nodes * np] per-coordinate maximum of a node's points */
    uint32_t *lo, *hi, *right; /* a node's rows; its right child, 0 for a leaf (the left
                                  child is the next node) */
    double *tmp;               /* [np] */
} ac__ekd;

int ac__ekd_build(ac__ekd *T, const double *u, size_t n, size_t np); /* 0 on ENOMEM */
void ac__ekd_free(ac__ekd *T);
/* A point >= x - AC_EPS in every coordinate (strict: and > x + AC_EPS in one), or NULL. */
const double *ac__ekd_find(const ac__ekd *T, const double *x, int strict);

/* The candidate frontier of one chunk (see enum_front.c). */
#define AC__EFRONT_CACHE 8
typedef struct ac__efront {
    size_t np, ni, n, cap;
    double *u;   /* [cap * np]: sorted by u[0] descending up to two parties, else in
                    insertion order */
    uint32_t *o; /* [cap * ni] */
    ac__ekd idx; /* three parties and more: the tree over points 0..nidx-1 */
    size_t nidx;
    const ac__ekd *seed; /* may be NULL */
    /* copies of the points that rejected recent queries, most recent first */
    size_t nc;
    double *cu;        /* [AC__EFRONT_CACHE * np] */
    unsigned char *cs; /* [AC__EFRONT_CACHE]: 1 for a seed point (rejects only strictly) */
} ac__efront;

int ac__efront_init(ac__efront *F, size_t np, size_t ni); /* 0 on ENOMEM */
void ac__efront_free(ac__efront *F);
/* Empties F; seed (may be NULL) is consulted by the rejections until the next reset. */
void ac__efront_reset(ac__efront *F, const ac__ekd *seed);
/* True when x is pointless as a candidate: a chunk point >= x - AC_EPS everywhere, or a
 * seed point dominates x. Sound for an upper bound x of a set of outcomes too. */
int ac__efront_rejects(ac__efront *F, const double *x);
/* Adds x (not rejected) with its outcome. 0 on ENOMEM. */
int ac__efront_add(ac__efront *F, const double *x, const uint32_t *o);
/* At the end of a chunk: drops the points another point dominates. 0 on ENOMEM. */
int ac__efront_finish(ac__efront *F);

/* One thread's workspace. Per-chunk state is reset by the chunk entry points. */
typedef struct ac__ews {
    const ac__eplan *P;
    double *part;  /* [(ni + 1) * np] */
    uint32_t *dig; /* [ni] current outcome */
    double *u, *h; /* [np] scratch */
    double *span;  /* [np] b_i - r_i for Kalai */
    ac__u128 cnt;
    double *best;  /* [np] running max of u_i over the chunk's ZOPA (or a lower bound) */
    /* Only objective values >= lb - AC_EPS can be answers; lb is an attained value. */
    double lbw, lbn, lbk;
    ac__erec rec[3]; /* welfare, nash, kalai */
    ac__efront F;
    int oom;
} ac__ews;

enum { AC__W = 0, AC__N = 1, AC__K = 2 };

int ac__ews_init(ac__ews *w, const ac__eplan *P); /* 0 on ENOMEM (then free) */
void ac__ews_free(ac__ews *w);

/* Chooses the counting kernel for P->np. */
void ac__eplan_kernels(ac__eplan *P);

/* The ZOPA count of one chunk. */
ac__u128 ac__enum_count_chunk(ac__ews *w, size_t chunk);
/* Pass 1 over one chunk: ZOPA count, best[], welfare and Nash records, frontier
 * candidates (w->F). Before the call the caller sets w->best, w->lbw, w->lbn; seed may be
 * NULL. w->oom is set on allocation failure. */
void ac__enum_pass1_chunk(ac__ews *w, size_t chunk, const ac__ekd *seed);
/* Pass 2 over one chunk: Kalai records. The caller sets w->span and w->lbk. */
void ac__enum_pass2_chunk(ac__ews *w, size_t chunk);

/* The objectives, computed exactly as the definitions (and the oracle) do. */
static inline double ac__welfare(const double *u, size_t np)
{
    double x = 0;
    for (size_t i = 0; i < np; i++)
        x += u[i];
    return x;
}

static inline double ac__nash(const double *u, const double *r, size_t np)
{
    double x = 1;
    for (size_t i = 0; i < np; i++) {
        double f = u[i] - r[i];
        x *= f > 0.0 ? f : 0.0; /* fmax(0, f) without libm; f is never NaN */
    }
    return x;
}

static inline double ac__kalai(const double *u, const double *r, const double *span, size_t np)
{
    double x = __builtin_inf();
    for (size_t i = 0; i < np; i++) {
        double g = span[i] > AC_EPS ? (u[i] - r[i]) / span[i] : 1.0;
        if (g < x)
            x = g;
    }
    return x;
}

/* ac_enumerate under the user's budget (analysis/budget.h): the waiting thread checks it
 * every 100 ms; at a limit the workers finish their chunks and the call fails with
 * AC_ELIMIT and a message naming the limit. budget may be NULL. */
ac_status ac__enumerate_budget(const ac_space *s, int threads, int feasible,
                               double max_outcomes, void (*progress)(void *ctx, double fraction),
                               void *ctx, const ac__budget *budget, ac_enum_result *out,
                               ac_error *err);

#endif
