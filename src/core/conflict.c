/* The conflict of the graph model (include/accord/conflict.h): states, decision makers,
 * moves and preference ranks.
 *
 * While building, moves and ranks are kept as plain triples so that states and decision
 * makers may be added in any order; ac_conflict_finish() turns them into one compressed
 * adjacency list per decision maker (offsets by state, targets ascending, no repeats) and
 * one dense rank table, which is all the analysis reads. State ids are found through an
 * open-addressing index, so loading 200000 states is not quadratic. */
#include "accord/conflict.h"

#include <stdlib.h>
#include <string.h>

#include "accord/model.h"

typedef struct {
    uint32_t dm, from, to;
} move_t;

typedef struct {
    uint32_t dm, state, rank;
} rank_t;

struct ac_conflict {
    char **sid, **stitle;
    size_t n_states, cap_states;
    uint32_t *slots; /* state index + 1, 0 free; capacity a power of two >= 2 n_states */
    size_t cap_slots;
    char **did, **dname;
    size_t n_dms;
    move_t *mv;
    size_t n_mv, cap_mv;
    rank_t *rk;
    size_t n_rk, cap_rk;
    size_t status_quo;
    int finished;
    /* after finish */
    size_t **off;    /* [dm][n_states + 1] */
    uint32_t **dst;  /* [dm][moves of dm] */
    uint32_t *rank;  /* [dm * n_states + state] */
};

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

static size_t hash_id(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    return (size_t)(h ^ (h >> 31));
}

ac_conflict *ac_conflict_new(void)
{
    ac_conflict *c = calloc(1, sizeof *c);
    if (c)
        c->status_quo = AC_NONE;
    return c;
}

void ac_conflict_free(ac_conflict *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_states; i++) {
        free(c->sid[i]);
        free(c->stitle[i]);
    }
    for (size_t d = 0; d < c->n_dms; d++) {
        free(c->did[d]);
        free(c->dname[d]);
        if (c->off)
            free(c->off[d]);
        if (c->dst)
            free(c->dst[d]);
    }
    free(c->sid);
    free(c->stitle);
    free(c->slots);
    free(c->did);
    free(c->dname);
    free(c->mv);
    free(c->rk);
    free(c->off);
    free(c->dst);
    free(c->rank);
    free(c);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * size);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

static int rehash(ac_conflict *c, size_t cap)
{
    uint32_t *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < c->n_states; i++) {
        size_t h = hash_id(c->sid[i]) & (cap - 1);
        while (s[h])
            h = (h + 1) & (cap - 1);
        s[h] = (uint32_t)i + 1;
    }
    free(c->slots);
    c->slots = s;
    c->cap_slots = cap;
    return 0;
}

size_t ac_conflict_find_state(const ac_conflict *c, const char *id)
{
    if (!c->cap_slots || !id)
        return AC_NONE;
    for (size_t h = hash_id(id) & (c->cap_slots - 1);; h = (h + 1) & (c->cap_slots - 1)) {
        uint32_t v = c->slots[h];
        if (!v)
            return AC_NONE;
        if (!strcmp(c->sid[v - 1], id))
            return v - 1;
    }
}

size_t ac_conflict_find_dm(const ac_conflict *c, const char *id)
{
    for (size_t d = 0; id && d < c->n_dms; d++)
        if (!strcmp(c->did[d], id))
            return d;
    return AC_NONE;
}

static ac_status building(const ac_conflict *c, ac_error *err)
{
    if (c->finished)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "the conflict is already finished");
    return AC_OK;
}

ac_status ac_conflict_add_state(ac_conflict *c, const char *id, const char *title,
                                size_t *index, ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (!id || !ac_id_valid(id))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid state id");
    if (ac_conflict_find_state(c, id) != AC_NONE)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "duplicate state id '%s'", id);
    if (c->n_states >= AC_CONFLICT_MAX_STATES)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "too many states (the limit is %d)",
                            AC_CONFLICT_MAX_STATES);
    if (grow((void **)&c->sid, &c->cap_states, c->n_states + 1, sizeof *c->sid))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    char **t = realloc(c->stitle, c->cap_states * sizeof *t);
    if (!t)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    c->stitle = t;
    char *i = dup(id), *ti = dup(title);
    if (!i || (title && !ti)) {
        free(i);
        free(ti);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    c->sid[c->n_states] = i;
    c->stitle[c->n_states] = ti;
    c->n_states++;
    if (2 * c->n_states > c->cap_slots && rehash(c, c->cap_slots ? 2 * c->cap_slots : 64)) {
        c->n_states--;
        free(i);
        free(ti);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (c->cap_slots && 2 * c->n_states <= c->cap_slots) {
        size_t h = hash_id(id) & (c->cap_slots - 1);
        while (c->slots[h] && c->slots[h] != c->n_states)
            h = (h + 1) & (c->cap_slots - 1);
        c->slots[h] = (uint32_t)c->n_states;
    }
    if (index)
        *index = c->n_states - 1;
    return AC_OK;
}

ac_status ac_conflict_add_dm(ac_conflict *c, const char *id, const char *name, size_t *index,
                             ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (!id || !ac_id_valid(id))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid decision maker id");
    if (ac_conflict_find_dm(c, id) != AC_NONE)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "duplicate decision maker id '%s'", id);
    if (c->n_dms >= AC_CONFLICT_MAX_DMS)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0,
                            "too many decision makers (the limit is %d)", AC_CONFLICT_MAX_DMS);
    char **a = realloc(c->did, (c->n_dms + 1) * sizeof *a);
    if (!a)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    c->did = a;
    char **b = realloc(c->dname, (c->n_dms + 1) * sizeof *b);
    if (!b)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    c->dname = b;
    char *i = dup(id), *n = dup(name ? name : id);
    if (!i || !n) {
        free(i);
        free(n);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    c->did[c->n_dms] = i;
    c->dname[c->n_dms] = n;
    if (index)
        *index = c->n_dms;
    c->n_dms++;
    return AC_OK;
}

ac_status ac_conflict_add_move(ac_conflict *c, size_t dm, size_t from, size_t to, ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (dm >= c->n_dms || from >= c->n_states || to >= c->n_states)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "move: index out of range");
    if (from == to)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "a move must lead to another state");
    if (c->n_mv >= AC_CONFLICT_MAX_MOVES)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "too many moves (the limit is %d)",
                            AC_CONFLICT_MAX_MOVES);
    if (grow((void **)&c->mv, &c->cap_mv, c->n_mv + 1, sizeof *c->mv))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    c->mv[c->n_mv++] = (move_t){(uint32_t)dm, (uint32_t)from, (uint32_t)to};
    return AC_OK;
}

ac_status ac_conflict_set_rank(ac_conflict *c, size_t dm, size_t state, uint32_t rank,
                               ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (dm >= c->n_dms || state >= c->n_states)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "rank: index out of range");
    if (grow((void **)&c->rk, &c->cap_rk, c->n_rk + 1, sizeof *c->rk))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    c->rk[c->n_rk++] = (rank_t){(uint32_t)dm, (uint32_t)state, rank};
    return AC_OK;
}

ac_status ac_conflict_set_status_quo(ac_conflict *c, size_t state, ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (state >= c->n_states)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "status quo: index out of range");
    c->status_quo = state;
    return AC_OK;
}

static int move_cmp(const void *a, const void *b)
{
    const move_t *x = a, *y = b;
    if (x->dm != y->dm)
        return x->dm < y->dm ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->to < y->to ? -1 : x->to > y->to;
}

ac_status ac_conflict_finish(ac_conflict *c, ac_error *err)
{
    ac_status st = building(c, err);
    if (st)
        return st;
    if (!c->n_states)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the conflict has no state");
    if (c->n_dms < 2)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "a conflict needs at least two decision makers");
    size_t S = c->n_states, D = c->n_dms;
    c->rank = malloc(D * S * sizeof *c->rank);
    unsigned char *set = calloc(D * S, 1);
    c->off = calloc(D, sizeof *c->off);
    c->dst = calloc(D, sizeof *c->dst);
    if (!c->rank || !set || !c->off || !c->dst) {
        free(set);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < c->n_rk; i++) {
        c->rank[c->rk[i].dm * S + c->rk[i].state] = c->rk[i].rank;
        set[c->rk[i].dm * S + c->rk[i].state] = 1;
    }
    for (size_t d = 0; d < D; d++)
        for (size_t s = 0; s < S; s++)
            if (!set[d * S + s]) {
                free(set);
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                    "decision maker '%s' does not rank state '%s'", c->did[d],
                                    c->sid[s]);
            }
    free(set);
    free(c->rk);
    c->rk = NULL;
    c->n_rk = c->cap_rk = 0;

    if (c->n_mv)
        qsort(c->mv, c->n_mv, sizeof *c->mv, move_cmp);
    size_t n = 0;
    for (size_t i = 0; i < c->n_mv; i++)
        if (!n || move_cmp(&c->mv[n - 1], &c->mv[i]))
            c->mv[n++] = c->mv[i];
    c->n_mv = n;
    size_t i = 0;
    for (size_t d = 0; d < D; d++) {
        size_t first = i;
        while (i < n && c->mv[i].dm == d)
            i++;
        c->off[d] = calloc(S + 1, sizeof **c->off);
        c->dst[d] = malloc((i - first ? i - first : 1) * sizeof **c->dst);
        if (!c->off[d] || !c->dst[d])
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t j = first; j < i; j++) {
            c->off[d][c->mv[j].from + 1]++;
            c->dst[d][j - first] = c->mv[j].to;
        }
        for (size_t s = 0; s < S; s++)
            c->off[d][s + 1] += c->off[d][s];
    }
    free(c->mv);
    c->mv = NULL;
    c->cap_mv = 0;
    c->finished = 1;
    return AC_OK;
}

ac_conflict *ac_conflict_clone(const ac_conflict *c)
{
    if (!c || !c->finished)
        return NULL;
    ac_conflict *k = ac_conflict_new();
    if (!k)
        return NULL;
    ac_error e;
    size_t S = c->n_states, D = c->n_dms;
    for (size_t s = 0; s < S; s++)
        if (ac_conflict_add_state(k, c->sid[s], c->stitle[s], NULL, &e))
            goto fail;
    for (size_t d = 0; d < D; d++) {
        if (ac_conflict_add_dm(k, c->did[d], c->dname[d], NULL, &e))
            goto fail;
        for (size_t s = 0; s < S; s++) {
            if (ac_conflict_set_rank(k, d, s, c->rank[d * S + s], &e))
                goto fail;
            for (size_t j = c->off[d][s]; j < c->off[d][s + 1]; j++)
                if (ac_conflict_add_move(k, d, s, c->dst[d][j], &e))
                    goto fail;
        }
    }
    if (c->status_quo != AC_NONE && ac_conflict_set_status_quo(k, c->status_quo, &e))
        goto fail;
    if (ac_conflict_finish(k, &e))
        goto fail;
    return k;
fail:
    ac_conflict_free(k);
    return NULL;
}

size_t ac_conflict_n_states(const ac_conflict *c) { return c->n_states; }
size_t ac_conflict_n_dms(const ac_conflict *c) { return c->n_dms; }
const char *ac_conflict_state_id(const ac_conflict *c, size_t s) { return c->sid[s]; }
const char *ac_conflict_state_title(const ac_conflict *c, size_t s) { return c->stitle[s]; }
const char *ac_conflict_dm_id(const ac_conflict *c, size_t d) { return c->did[d]; }
const char *ac_conflict_dm_name(const ac_conflict *c, size_t d) { return c->dname[d]; }
uint32_t ac_conflict_rank(const ac_conflict *c, size_t d, size_t s)
{
    return c->rank[d * c->n_states + s];
}
size_t ac_conflict_moves(const ac_conflict *c, size_t d, size_t s, const uint32_t **to)
{
    *to = c->dst[d] + c->off[d][s];
    return c->off[d][s + 1] - c->off[d][s];
}
size_t ac_conflict_n_moves(const ac_conflict *c)
{
    size_t n = 0;
    for (size_t d = 0; d < c->n_dms; d++)
        n += c->off[d][c->n_states];
    return n;
}
size_t ac_conflict_status_quo(const ac_conflict *c) { return c->status_quo; }

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int ac_conflict_equal(const ac_conflict *a, const ac_conflict *b)
{
    if (!a || !b)
        return a == b;
    if (a->n_states != b->n_states || a->n_dms != b->n_dms || a->status_quo != b->status_quo ||
        !a->finished || !b->finished)
        return 0;
    size_t S = a->n_states;
    for (size_t s = 0; s < S; s++)
        if (strcmp(a->sid[s], b->sid[s]) || !same_str(a->stitle[s], b->stitle[s]))
            return 0;
    for (size_t d = 0; d < a->n_dms; d++) {
        if (strcmp(a->did[d], b->did[d]) || strcmp(a->dname[d], b->dname[d]))
            return 0;
        if (memcmp(a->off[d], b->off[d], (S + 1) * sizeof *a->off[d]) ||
            memcmp(a->dst[d], b->dst[d], a->off[d][S] * sizeof *a->dst[d]))
            return 0;
    }
    return !memcmp(a->rank, b->rank, a->n_dms * S * sizeof *a->rank);
}
