/* The brute-force stability oracle (stab_oracle.h). */
#include "stab_oracle.h"

#include <stdlib.h>
#include <string.h>

#include "accord/model.h"
#include "accord/rng.h"

void oracle_reach(const ac_conflict *c, uint64_t members, size_t s, int improving,
                  unsigned char *out)
{
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c);
    /* seen[t][j]: t reached with last mover j. Repeat until nothing changes. */
    unsigned char *seen = calloc(S * D, 1);
    memset(out, 0, S);
    for (size_t j = 0; j < D; j++) {
        if (!(members >> j & 1))
            continue;
        const uint32_t *to;
        size_t n = ac_conflict_moves(c, j, s, &to);
        for (size_t x = 0; x < n; x++)
            if (!improving || ac_conflict_rank(c, j, to[x]) < ac_conflict_rank(c, j, s))
                seen[to[x] * D + j] = 1;
    }
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t t = 0; t < S; t++)
            for (size_t j = 0; j < D; j++) {
                if (!seen[t * D + j])
                    continue;
                for (size_t k = 0; k < D; k++) {
                    if (k == j || !(members >> k & 1))
                        continue;
                    const uint32_t *to;
                    size_t n = ac_conflict_moves(c, k, t, &to);
                    for (size_t x = 0; x < n; x++)
                        if ((!improving || ac_conflict_rank(c, k, to[x]) < ac_conflict_rank(c, k, t)) &&
                            !seen[to[x] * D + k]) {
                            seen[to[x] * D + k] = 1;
                            changed = 1;
                        }
                }
            }
    }
    for (size_t t = 0; t < S; t++)
        for (size_t j = 0; j < D; j++)
            out[t] |= seen[t * D + j];
    free(seen);
}

int oracle_stable(const ac_conflict *c, size_t i, size_t s, ac_stab_concept k)
{
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c);
    uint64_t others = ((D >= 64 ? 0 : (1ull << D)) - 1) & ~(1ull << i);
    uint32_t rs = ac_conflict_rank(c, i, s);
    unsigned char *r = malloc(S);
    const uint32_t *to;
    size_t n = ac_conflict_moves(c, i, s, &to);
    int stable = 1;
    for (size_t x = 0; x < n && stable; x++) {
        size_t s1 = to[x];
        if (ac_conflict_rank(c, i, s1) >= rs)
            continue; /* not a unilateral improvement */
        if (k == AC_STAB_NASH) {
            stable = 0;
            break;
        }
        oracle_reach(c, others, s1, k == AC_STAB_SEQ, r);
        int sanctioned = 0;
        for (size_t s2 = 0; s2 < S && !sanctioned; s2++) {
            if (!r[s2] || ac_conflict_rank(c, i, s2) < rs)
                continue;
            if (k != AC_STAB_SMR) {
                sanctioned = 1;
                continue;
            }
            /* SMR: no counter-move of i from s2 does better than s. */
            const uint32_t *t3;
            size_t m = ac_conflict_moves(c, i, s2, &t3);
            int ok = 1;
            for (size_t y = 0; y < m; y++)
                ok &= ac_conflict_rank(c, i, t3[y]) >= rs;
            sanctioned = ok;
        }
        stable = sanctioned;
    }
    free(r);
    return stable;
}

ac_conflict *oracle_random_conflict(uint64_t seed, size_t max_states, size_t max_dms, double p)
{
    ac_rng g;
    ac_rng_seed(&g, seed, 0);
    size_t S = 1 + (size_t)ac_rng_below(&g, max_states);
    size_t D = 2 + (size_t)ac_rng_below(&g, max_dms - 1);
    ac_conflict *c = ac_conflict_new();
    char id[32];
    for (size_t s = 0; s < S; s++) {
        snprintf(id, sizeof id, "s%zu", s + 1);
        ac_conflict_add_state(c, id, NULL, NULL, NULL);
    }
    for (size_t d = 0; d < D; d++) {
        snprintf(id, sizeof id, "d%zu", d + 1);
        ac_conflict_add_dm(c, id, NULL, NULL, NULL);
        size_t levels = 1 + (size_t)ac_rng_below(&g, S);
        for (size_t s = 0; s < S; s++) {
            ac_conflict_set_rank(c, d, s, (uint32_t)ac_rng_below(&g, levels), NULL);
            for (size_t t = 0; t < S; t++)
                if (t != s && ac_rng_unit(&g) < p)
                    ac_conflict_add_move(c, d, s, t, NULL);
        }
    }
    if (ac_conflict_finish(c, NULL)) {
        ac_conflict_free(c);
        return NULL;
    }
    return c;
}
