/* Coalition analysis of the equilibria (include/accord/stability.h): for each state that
 * is an equilibrium under at least one concept and each coalition (a single decision
 * maker is a coalition of one, whose improvements are its unilateral ones), a
 * breadth-first search over (state, last mover in the coalition)
 * finds every state the coalition can reach by a legal sequence of its members' moves;
 * the coalition can improve when one of them is strictly preferred to the start by every
 * member. The work is counted before it starts (equilibria x coalitions x graph size),
 * and the analysis declines with AC_ELIMIT beyond the caller's budget, since the number
 * of coalitions doubles with every decision maker. */
#include "accord/stability.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/model.h"

struct ac_coalitions {
    int levels; /* concepts covered: the first `levels` of Nash, SEQ, SMR, GMR */
    size_t n;
    size_t *state;
    size_t *off; /* [n + 1] into mv */
    ac_coalition_move *mv;
};

void ac_coalitions_free(ac_coalitions *k)
{
    if (!k)
        return;
    free(k->state);
    free(k->off);
    free(k->mv);
    free(k);
}

size_t ac_coalitions_n_states(const ac_coalitions *k) { return k->n; }
int ac_coalitions_levels(const ac_coalitions *k) { return k->levels; }

/* The concepts in the order the analysis drops them when over budget, strongest first. */
static const ac_stab_concept level_concept[AC_STAB_N] = {AC_STAB_NASH, AC_STAB_SEQ, AC_STAB_SMR,
                                                         AC_STAB_GMR};

static int looked_at(const ac_stability *s, size_t t, int levels)
{
    for (int q = 0; q < levels; q++)
        if (ac_stability_equilibrium(s, t, level_concept[q]))
            return 1;
    return 0;
}
size_t ac_coalitions_state(const ac_coalitions *k, size_t i) { return k->state[i]; }
size_t ac_coalitions_moves(const ac_coalitions *k, size_t i, const ac_coalition_move **moves)
{
    *moves = k->mv + k->off[i];
    return k->off[i + 1] - k->off[i];
}

ac_status ac_coalitions_run(const ac_conflict *c, const ac_stability *s, double max_work,
                            ac_coalitions **out, ac_error *err)
{
    if (!c || !s || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_coalitions_run: bad arguments");
    *out = NULL;
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c), M = ac_conflict_n_moves(c);
    if (max_work <= 0)
        max_work = 2e8;
    /* The weakest concepts go first when everything is beyond the budget. */
    double coalitions = ldexp(1.0, (int)D) - 1;
    size_t n = 0;
    int levels = AC_STAB_N;
    for (; levels > 0; levels--) {
        n = 0;
        for (size_t t = 0; t < S; t++)
            n += (size_t)looked_at(s, t, levels);
        if ((double)n * coalitions * ((double)S * D + (double)M * D) <= max_work)
            break;
    }
    if (!levels)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "coalition analysis skipped: %zu Nash equilibria x %.0f coalitions "
                            "over %zu states is beyond the budget of %.0f steps",
                            n, coalitions, S, max_work);
    ac_coalitions *k = calloc(1, sizeof *k);
    size_t N = S * D, cap = 0, nm = 0;
    uint32_t *seen = calloc(N, sizeof *seen);
    size_t *queue = malloc(N * sizeof *queue);
    if (k)
        k->levels = levels;
    if (!k || !seen || !queue || !(k->state = malloc((n ? n : 1) * sizeof *k->state)) ||
        !(k->off = calloc(n + 1, sizeof *k->off)))
        goto nomem;
    uint32_t gen = 0;
    for (size_t t0 = 0; t0 < S; t0++) {
        if (!looked_at(s, t0, levels))
            continue;
        k->state[k->n] = t0;
        size_t first = nm;
        for (uint64_t h = 1; h < (1ull << D); h++) {
            /* Only minimal coalitions: a proper subset is a smaller number, so any
             * improving subset of h has been found already. */
            int covered = 0;
            for (size_t i = first; i < nm && !covered; i++)
                covered = (k->mv[i].members & h) == k->mv[i].members;
            if (covered)
                continue;
            gen++;
            size_t head = 0, tail = 0;
            for (size_t d = 0; d < D; d++) {
                if (!(h >> d & 1))
                    continue;
                const uint32_t *to;
                size_t m = ac_conflict_moves(c, d, t0, &to);
                for (size_t x = 0; x < m; x++)
                    if (seen[to[x] * D + d] != gen) {
                        seen[to[x] * D + d] = gen;
                        queue[tail++] = to[x] * D + d;
                    }
            }
            while (head < tail) {
                size_t v = queue[head++], t = v / D, j = v % D;
                for (size_t d = 0; d < D; d++) {
                    if (d == j || !(h >> d & 1))
                        continue;
                    const uint32_t *to;
                    size_t m = ac_conflict_moves(c, d, t, &to);
                    for (size_t x = 0; x < m; x++)
                        if (seen[to[x] * D + d] != gen) {
                            seen[to[x] * D + d] = gen;
                            queue[tail++] = to[x] * D + d;
                        }
                }
            }
            /* The best target: every member strictly better off; least total rank. */
            size_t best = AC_NONE;
            uint64_t best_sum = 0;
            for (size_t i = 0; i < tail; i++) {
                size_t t = queue[i] / D;
                uint64_t sum = 0;
                int all = 1;
                for (size_t d = 0; d < D && all; d++)
                    if (h >> d & 1) {
                        all = ac_conflict_rank(c, d, t) < ac_conflict_rank(c, d, t0);
                        sum += ac_conflict_rank(c, d, t);
                    }
                if (all && (best == AC_NONE || sum < best_sum || (sum == best_sum && t < best))) {
                    best = t;
                    best_sum = sum;
                }
            }
            if (best == AC_NONE)
                continue;
            if (nm == cap) {
                size_t nc = cap ? 2 * cap : 16;
                ac_coalition_move *mv = realloc(k->mv, nc * sizeof *mv);
                if (!mv)
                    goto nomem;
                k->mv = mv;
                cap = nc;
            }
            k->mv[nm++] = (ac_coalition_move){h, best};
        }
        k->n++;
        k->off[k->n] = nm;
    }
    free(seen);
    free(queue);
    *out = k;
    return AC_OK;
nomem:
    free(seen);
    free(queue);
    ac_coalitions_free(k);
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}
