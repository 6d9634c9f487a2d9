/* Status-quo analysis (include/accord/stability.h): from a given state, where can the
 * conflict go if every move is a unilateral improvement for the decision maker making it
 * and no decision maker moves twice in a row? A breadth-first search over (state, last
 * mover) pairs gives the reachable states and a shortest legal sequence to each; ties
 * between equally short sequences go to the one found first, which follows decision
 * makers and target states in index order, so the answer is deterministic. */
#include "accord/stability.h"

#include <stdlib.h>

#include "accord/model.h"

struct ac_status_quo {
    size_t S, D, from;
    size_t *dist;   /* [node = state * D + last mover] */
    size_t *parent; /* [node]: previous node, AC_NONE for a first move */
    size_t *best;   /* [state]: the node of a shortest path, AC_NONE when unreachable */
};

ac_status ac_status_quo_run(const ac_conflict *c, size_t from, ac_status_quo **out,
                            ac_error *err)
{
    if (!c || !out || from >= ac_conflict_n_states(c))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_status_quo_run: bad arguments");
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c), N = S * D;
    ac_status_quo *q = calloc(1, sizeof *q);
    size_t *queue = malloc(N * sizeof *queue);
    if (!q || !queue || !(q->dist = malloc(N * sizeof *q->dist)) ||
        !(q->parent = malloc(N * sizeof *q->parent)) || !(q->best = malloc(S * sizeof *q->best))) {
        free(queue);
        ac_status_quo_free(q);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    q->S = S;
    q->D = D;
    q->from = from;
    for (size_t i = 0; i < N; i++)
        q->dist[i] = SIZE_MAX;
    for (size_t s = 0; s < S; s++)
        q->best[s] = AC_NONE;
    size_t head = 0, tail = 0;
    /* The start has no last mover (D stands for nobody): the first move may be anyone's. */
    for (size_t v = AC_NONE, t = from, j = D;; v = queue[head++], t = v / D, j = v % D) {
        for (size_t k = 0; k < D; k++) {
            if (k == j)
                continue;
            const uint32_t *to;
            size_t n = ac_conflict_moves(c, k, t, &to);
            for (size_t x = 0; x < n; x++) {
                size_t w = to[x] * D + k;
                if (ac_conflict_rank(c, k, to[x]) < ac_conflict_rank(c, k, t) &&
                    q->dist[w] == SIZE_MAX) {
                    q->dist[w] = v == AC_NONE ? 1 : q->dist[v] + 1;
                    q->parent[w] = v;
                    queue[tail++] = w;
                }
            }
        }
        if (head == tail)
            break;
    }
    /* Nodes leave the queue in order of distance: the first one seen per state is best. */
    for (size_t i = 0; i < tail; i++)
        if (q->best[queue[i] / D] == AC_NONE)
            q->best[queue[i] / D] = queue[i];
    free(queue);
    *out = q;
    return AC_OK;
}

void ac_status_quo_free(ac_status_quo *q)
{
    if (!q)
        return;
    free(q->dist);
    free(q->parent);
    free(q->best);
    free(q);
}

size_t ac_status_quo_distance(const ac_status_quo *q, size_t state)
{
    if (state == q->from)
        return 0;
    return q->best[state] == AC_NONE ? SIZE_MAX : q->dist[q->best[state]];
}

size_t ac_status_quo_path(const ac_status_quo *q, size_t state, ac_stab_step *steps, size_t cap)
{
    size_t len = ac_status_quo_distance(q, state);
    if (len == SIZE_MAX || len == 0)
        return len;
    size_t i = len, v = q->best[state];
    while (v != AC_NONE) {
        size_t p = q->parent[v];
        i--;
        if (i < cap)
            steps[i] = (ac_stab_step){v % q->D, p == AC_NONE ? q->from : p / q->D, v / q->D};
        v = p;
    }
    return len;
}
