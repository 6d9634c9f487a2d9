/* Nash, GMR, SMR and SEQ stability for every decision maker and state
 * (include/accord/stability.h, docs/stability.md).
 *
 * The definitions quantify over the states the other decision makers can reach from a
 * state by legal sequences of moves (no one moves twice in a row). Taken literally, that
 * is one search per (decision maker, improvement) pair: quadratic in the states. Here
 * every question is turned into a maximum over a reachable set: for focal decision maker
 * i, take the graph whose nodes are (state, last mover among the others) and whose edges
 * are the others' moves by anyone but the last mover. "Some sanction leaves i no better
 * off than at s" becomes "the worst state for i reachable from the improvement is ranked
 * no better than s", and the worst reachable rank of every node comes out of one Tarjan
 * pass (strongly connected components, maximum propagated from sinks back). GMR and SMR
 * share the graph of all moves (SMR with the value "the best i can reach in one move from
 * there"); SEQ uses the graph of improving moves only. So each decision maker costs two
 * linear passes, exact, whatever the number of states.
 *
 * Ranks: 0 is most preferred; t is preferred to s by i when rank_i(t) < rank_i(s). */
#include "accord/stability.h"

#include <stdlib.h>
#include <string.h>

#include "accord/model.h"

struct ac_stability {
    size_t n_states, n_dms;
    unsigned char *flag; /* [dm * n_states + state]: bit k set when stable under concept k */
};

const char *ac_stab_concept_name(ac_stab_concept k)
{
    static const char *const names[AC_STAB_N] = {"nash", "gmr", "smr", "seq"};
    return k < AC_STAB_N ? names[k] : "?";
}

typedef struct {
    uint32_t node, kk, pos;
} frame;

/* The graph of one focal decision maker. */
typedef struct {
    const ac_conflict *c;
    size_t S, h;
    size_t hm[AC_CONFLICT_MAX_DMS]; /* the other decision makers */
    int improving;                   /* edges only where the mover strictly improves */
    size_t nv;                       /* values propagated */
    const uint32_t *val[2];          /* [state] */
    uint32_t *best[2];               /* [node]: largest value reachable, node included */
    /* work arrays */
    int32_t *idx, *low;
    unsigned char *onst;
    uint32_t *stk;
    frame *fr;
} graph;

static int edge_ok(const graph *g, size_t k, size_t from, size_t to)
{
    return !g->improving || ac_conflict_rank(g->c, k, to) < ac_conflict_rank(g->c, k, from);
}

/* Advances frame f to its next successor; returns 0 when there is none. */
static int next_succ(const graph *g, frame *f, uint32_t *w)
{
    size_t t = f->node / g->h, jj = f->node % g->h;
    while (f->kk < g->h) {
        if (f->kk == jj) {
            f->kk++;
            f->pos = 0;
            continue;
        }
        const uint32_t *to;
        size_t k = g->hm[f->kk], n = ac_conflict_moves(g->c, k, t, &to);
        while (f->pos < n) {
            uint32_t u = to[f->pos++];
            if (edge_ok(g, k, t, u)) {
                *w = (uint32_t)(u * g->h + f->kk);
                return 1;
            }
        }
        f->kk++;
        f->pos = 0;
    }
    return 0;
}

static void absorb(graph *g, uint32_t v, uint32_t w)
{
    for (size_t q = 0; q < g->nv; q++)
        if (g->best[q][w] > g->best[q][v])
            g->best[q][v] = g->best[q][w];
}

/* Tarjan's algorithm without recursion; best[] of a component is the largest value in
 * it or in any component it reaches (components are completed sinks first). */
static void propagate(graph *g)
{
    size_t N = g->S * g->h;
    int32_t counter = 0;
    size_t sp = 0, fp = 0;
    for (size_t i = 0; i < N; i++)
        g->idx[i] = -1;
    for (size_t r = 0; r < N; r++) {
        if (g->idx[r] >= 0)
            continue;
        g->fr[fp++] = (frame){(uint32_t)r, 0, 0};
        g->idx[r] = g->low[r] = counter++;
        g->stk[sp++] = (uint32_t)r;
        g->onst[r] = 1;
        for (size_t q = 0; q < g->nv; q++)
            g->best[q][r] = g->val[q][r / g->h];
        while (fp) {
            frame *f = &g->fr[fp - 1];
            uint32_t v = f->node, w;
            if (next_succ(g, f, &w)) {
                if (g->idx[w] < 0) {
                    g->idx[w] = g->low[w] = counter++;
                    g->stk[sp++] = w;
                    g->onst[w] = 1;
                    for (size_t q = 0; q < g->nv; q++)
                        g->best[q][w] = g->val[q][w / g->h];
                    g->fr[fp++] = (frame){w, 0, 0};
                } else if (g->onst[w]) {
                    if (g->idx[w] < g->low[v])
                        g->low[v] = g->idx[w];
                } else {
                    absorb(g, v, w);
                }
                continue;
            }
            if (g->low[v] == g->idx[v]) {
                /* v is the root of a component: its members are v and above it. */
                size_t top = sp;
                uint32_t m[2] = {0, 0};
                do {
                    uint32_t x = g->stk[--sp];
                    for (size_t q = 0; q < g->nv; q++)
                        if (g->best[q][x] > m[q])
                            m[q] = g->best[q][x];
                } while (g->stk[sp] != v);
                for (size_t i = sp; i < top; i++) {
                    uint32_t x = g->stk[i];
                    g->onst[x] = 0;
                    for (size_t q = 0; q < g->nv; q++)
                        g->best[q][x] = m[q];
                }
            }
            fp--;
            if (fp) {
                uint32_t p = g->fr[fp - 1].node;
                if (g->low[v] < g->low[p])
                    g->low[p] = g->low[v];
                if (!g->onst[v])
                    absorb(g, p, v);
            }
        }
    }
}

/* For every state s1: the largest best[q] over the nodes the others reach in one move
 * from s1 (-1: the others have no such move). */
static void sanctions(const graph *g, size_t q, int64_t *out)
{
    for (size_t s1 = 0; s1 < g->S; s1++) {
        int64_t w = -1;
        for (size_t jj = 0; jj < g->h; jj++) {
            const uint32_t *to;
            size_t k = g->hm[jj], n = ac_conflict_moves(g->c, k, s1, &to);
            for (size_t x = 0; x < n; x++)
                if (edge_ok(g, k, s1, to[x]) && (int64_t)g->best[q][to[x] * g->h + jj] > w)
                    w = g->best[q][to[x] * g->h + jj];
        }
        out[s1] = w;
    }
}

ac_status ac_stability_run(const ac_conflict *c, ac_stability **out, ac_error *err)
{
    if (!c || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_stability_run: no conflict");
    *out = NULL;
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c), N = S * (D - 1);
    ac_stability *r = calloc(1, sizeof *r);
    graph g;
    memset(&g, 0, sizeof g);
    g.c = c;
    g.S = S;
    g.h = D - 1;
    uint32_t *rank_i = malloc(S * sizeof *rank_i), *reach_i = malloc(S * sizeof *reach_i);
    int64_t *w[3] = {malloc(S * sizeof(int64_t)), malloc(S * sizeof(int64_t)),
                     malloc(S * sizeof(int64_t))};
    g.best[0] = malloc(N * sizeof *g.best[0]);
    g.best[1] = malloc(N * sizeof *g.best[1]);
    g.idx = malloc(N * sizeof *g.idx);
    g.low = malloc(N * sizeof *g.low);
    g.onst = calloc(N, 1);
    g.stk = malloc(N * sizeof *g.stk);
    g.fr = malloc(N * sizeof *g.fr);
    ac_status st = AC_OK;
    if (!r || !rank_i || !reach_i || !w[0] || !w[1] || !w[2] || !g.best[0] || !g.best[1] ||
        !g.idx || !g.low || !g.onst || !g.stk || !g.fr || !(r->flag = calloc(D * S, 1))) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    r->n_states = S;
    r->n_dms = D;
    for (size_t i = 0; i < D; i++) {
        for (size_t d = 0, n = 0; d < D; d++)
            if (d != i)
                g.hm[n++] = d;
        for (size_t s = 0; s < S; s++) {
            /* For SMR: the best i can reach from s in one move, s included. */
            uint32_t rk = rank_i[s] = ac_conflict_rank(c, i, s);
            const uint32_t *to;
            size_t n = ac_conflict_moves(c, i, s, &to);
            for (size_t x = 0; x < n; x++)
                if (ac_conflict_rank(c, i, to[x]) < rk)
                    rk = ac_conflict_rank(c, i, to[x]);
            reach_i[s] = rk;
        }
        g.improving = 0;
        g.nv = 2;
        g.val[0] = rank_i;
        g.val[1] = reach_i;
        propagate(&g);
        sanctions(&g, 0, w[0]);
        sanctions(&g, 1, w[1]);
        g.improving = 1;
        g.nv = 1;
        propagate(&g);
        sanctions(&g, 0, w[2]);
        for (size_t s = 0; s < S; s++) {
            int nash = 1, gmr = 1, smr = 1, seq = 1;
            const uint32_t *to;
            size_t n = ac_conflict_moves(c, i, s, &to);
            for (size_t x = 0; x < n; x++) {
                size_t s1 = to[x];
                if (rank_i[s1] >= rank_i[s])
                    continue; /* not an improvement */
                nash = 0;
                gmr &= w[0][s1] >= (int64_t)rank_i[s];
                smr &= w[1][s1] >= (int64_t)rank_i[s];
                seq &= w[2][s1] >= (int64_t)rank_i[s];
            }
            r->flag[i * S + s] = (unsigned char)(nash << AC_STAB_NASH | gmr << AC_STAB_GMR |
                                                 smr << AC_STAB_SMR | seq << AC_STAB_SEQ);
        }
    }
    *out = r;
    r = NULL;
done:
    ac_stability_free(r);
    free(rank_i);
    free(reach_i);
    for (int q = 0; q < 3; q++)
        free(w[q]);
    free(g.best[0]);
    free(g.best[1]);
    free(g.idx);
    free(g.low);
    free(g.onst);
    free(g.stk);
    free(g.fr);
    return st;
}

void ac_stability_free(ac_stability *s)
{
    if (!s)
        return;
    free(s->flag);
    free(s);
}

int ac_stability_stable(const ac_stability *s, size_t dm, size_t state, ac_stab_concept k)
{
    return (s->flag[dm * s->n_states + state] >> k) & 1;
}

int ac_stability_equilibrium(const ac_stability *s, size_t state, ac_stab_concept k)
{
    for (size_t d = 0; d < s->n_dms; d++)
        if (!ac_stability_stable(s, d, state, k))
            return 0;
    return 1;
}
