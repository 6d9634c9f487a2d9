/* accord — stability analysis in the graph model for conflict resolution
 * (docs/stability.md).
 *
 * For every decision maker and state of a conflict (include/accord/conflict.h): Nash
 * stability, general metarationality (GMR), symmetric metarationality (SMR) and
 * sequential stability (SEQ), with sanctions by the coalition of all other decision
 * makers moving in any legal sequence (no decision maker moves twice in a row); the
 * equilibria (states stable for every decision maker) under each; the status-quo
 * analysis (where unilateral improvements lead from a given state); and the coalition
 * analysis of the equilibria (which groups could jointly move to a state all of them
 * prefer; Kilgour, Hipel, Fang and Peng 2001). Everything is exact; the four concepts cost a few passes over the graph of
 * (state, last mover) pairs per decision maker, not a search per state. */
#ifndef ACCORD_STABILITY_H
#define ACCORD_STABILITY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/conflict.h"
#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AC_STAB_NASH = 0,
    AC_STAB_GMR = 1,
    AC_STAB_SMR = 2,
    AC_STAB_SEQ = 3,
    AC_STAB_N = 4
} ac_stab_concept;

const char *ac_stab_concept_name(ac_stab_concept k); /* "nash", "gmr", "smr", "seq" */

typedef struct ac_stability ac_stability;

ac_status ac_stability_run(const ac_conflict *c, ac_stability **out, ac_error *err);
void ac_stability_free(ac_stability *s);
/* Whether state is stable for dm under concept k. */
int ac_stability_stable(const ac_stability *s, size_t dm, size_t state, ac_stab_concept k);
/* Whether state is stable for every decision maker under k. */
int ac_stability_equilibrium(const ac_stability *s, size_t state, ac_stab_concept k);

/* ---- status quo ---- */
/* One unilateral move. */
typedef struct ac_stab_step {
    size_t dm, from, to;
} ac_stab_step;

typedef struct ac_status_quo ac_status_quo;
/* The states reachable from `from` by legal sequences of unilateral improvements (each
 * move strictly improves its mover; no decision maker moves twice in a row), with a
 * shortest such sequence to each. */
ac_status ac_status_quo_run(const ac_conflict *c, size_t from, ac_status_quo **out,
                            ac_error *err);
void ac_status_quo_free(ac_status_quo *q);
/* Moves on a shortest path to state; 0 for `from` itself; SIZE_MAX when unreachable. */
size_t ac_status_quo_distance(const ac_status_quo *q, size_t state);
/* Writes the path to state (at most cap steps) into steps; returns its length
 * (SIZE_MAX when unreachable). */
size_t ac_status_quo_path(const ac_status_quo *q, size_t state, ac_stab_step *steps,
                          size_t cap);

/* ---- coalitions ---- */
/* A coalitional improvement of coalition H from state s: a state t reachable from s by a
 * legal sequence of moves of members of H, which every member prefers strictly to s (for
 * a coalition of one: a unilateral improvement). The analysis looks at every state that
 * is an equilibrium under at least one concept and reports the minimal coalitions that
 * can improve on it (no subset of them can), when that takes at most max_work steps (0:
 * a default of 2e8). Over the budget it looks only at the equilibria of the stronger
 * concepts: Nash, SEQ and SMR; Nash and SEQ; Nash alone (ac_coalitions_levels); when
 * even that is too much it reports AC_ELIMIT. */
typedef struct ac_coalition_move {
    uint64_t members; /* bit d set: decision maker d is in the coalition */
    size_t to;
} ac_coalition_move;

typedef struct ac_coalitions ac_coalitions;
ac_status ac_coalitions_run(const ac_conflict *c, const ac_stability *s, double max_work,
                            ac_coalitions **out, ac_error *err);
void ac_coalitions_free(ac_coalitions *k);
size_t ac_coalitions_n_states(const ac_coalitions *k);     /* the states looked at */
/* The concepts whose equilibria were looked at: 4 all (Nash, SEQ, SMR, GMR), 3 Nash, SEQ
 * and SMR, 2 Nash and SEQ, 1 Nash only. */
int ac_coalitions_levels(const ac_coalitions *k);
size_t ac_coalitions_state(const ac_coalitions *k, size_t i); /* ascending */
/* The minimal coalitions that can improve on the i-th state looked at, in the order of
 * their member bits as numbers (one target each: the one the members rank best in total,
 * then the lowest index); none means the state is coalitionally stable. */
size_t ac_coalitions_moves(const ac_coalitions *k, size_t i, const ac_coalition_move **moves);

/* ---- machine output ---- */
/* Writes the analysis as the JSON of docs/stability.md (what `accord stability --json`
 * prints, without the blank line the command adds after it): the title of model m, the
 * decision makers and states of its conflict, the equilibria under each concept, every
 * decision maker's stability at every state, the status-quo analysis when sq is not
 * NULL (its reachable states and the paths to the equilibria), and the coalition
 * analysis when co is not NULL, else why_no_coalitions as the reason it was not run
 * (may be NULL). Indented by 2, ending with a newline. AC_EARG when m has no conflict or
 * st is NULL; AC_EIO when the stream could not be written. */
ac_status ac_stability_write_json(FILE *fp, const ac_model *m, const ac_stability *st,
                                  const ac_status_quo *sq, const ac_coalitions *co,
                                  const char *why_no_coalitions, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
