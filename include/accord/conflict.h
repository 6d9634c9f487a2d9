/* accord — a conflict in the graph model for conflict resolution (GMCR; Kilgour, Hipel and
 * Fang 1987): states, decision makers, each decision maker's unilateral moves between
 * states and its preference ranking of the states (ties allowed). docs/stability.md.
 *
 * ac_conflict is opaque. It is built with ac_conflict_add_* / ac_conflict_set_* and sealed
 * with ac_conflict_finish(), which sorts and deduplicates the moves and checks that every
 * decision maker ranks every state; the accessors read a finished conflict only. The YAML
 * loader expands the option form of a model file (GMCR II) into this explicit form.
 * Indices are 0-based in the order things were added. */
#ifndef ACCORD_CONFLICT_H
#define ACCORD_CONFLICT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Limits: far beyond textbook conflicts (9 to a few thousand states), small enough that
 * the analysis stays exact and fast. */
#define AC_CONFLICT_MAX_STATES 200000
#define AC_CONFLICT_MAX_DMS 32
#define AC_CONFLICT_MAX_MOVES 20000000 /* moves of all decision makers together */

typedef struct ac_conflict ac_conflict;

ac_conflict *ac_conflict_new(void); /* NULL when out of memory */
void ac_conflict_free(ac_conflict *c);
ac_conflict *ac_conflict_clone(const ac_conflict *c); /* NULL when out of memory */

/* ---- building (before ac_conflict_finish) ---- */
/* title may be NULL. The id must be a valid id (ac_id_valid) and new. */
ac_status ac_conflict_add_state(ac_conflict *c, const char *id, const char *title,
                                size_t *index, ac_error *err);
/* name may be NULL (defaults to the id). */
ac_status ac_conflict_add_dm(ac_conflict *c, const char *id, const char *name, size_t *index,
                             ac_error *err);
/* A unilateral move of dm from one state to another (not to itself); repeats are merged. */
ac_status ac_conflict_add_move(ac_conflict *c, size_t dm, size_t from, size_t to, ac_error *err);
/* dm's rank of a state: 0 is most preferred; equal ranks are equally preferred. */
ac_status ac_conflict_set_rank(ac_conflict *c, size_t dm, size_t state, uint32_t rank,
                               ac_error *err);
ac_status ac_conflict_set_status_quo(ac_conflict *c, size_t state, ac_error *err);
/* Seals the conflict: at least one state, two decision makers, every rank set. */
ac_status ac_conflict_finish(ac_conflict *c, ac_error *err);

/* ---- reading (after ac_conflict_finish) ---- */
size_t ac_conflict_n_states(const ac_conflict *c);
size_t ac_conflict_n_dms(const ac_conflict *c);
const char *ac_conflict_state_id(const ac_conflict *c, size_t state);
const char *ac_conflict_state_title(const ac_conflict *c, size_t state); /* NULL when unset */
const char *ac_conflict_dm_id(const ac_conflict *c, size_t dm);
const char *ac_conflict_dm_name(const ac_conflict *c, size_t dm);
size_t ac_conflict_find_state(const ac_conflict *c, const char *id); /* AC_NONE when absent */
size_t ac_conflict_find_dm(const ac_conflict *c, const char *id);
uint32_t ac_conflict_rank(const ac_conflict *c, size_t dm, size_t state);
/* The states dm can move to from state, ascending; their count is returned. */
size_t ac_conflict_moves(const ac_conflict *c, size_t dm, size_t state, const uint32_t **to);
size_t ac_conflict_n_moves(const ac_conflict *c); /* all decision makers */
size_t ac_conflict_status_quo(const ac_conflict *c); /* AC_NONE when unset */
/* True when both hold the same states, decision makers, moves, ranks and status quo. */
int ac_conflict_equal(const ac_conflict *a, const ac_conflict *b);

#ifdef __cplusplus
}
#endif
#endif
