/* accord — the negotiation model: parties, issues with discrete options, each party's
 * preferences (weights, values, red lines), reservation values, a draft plan, events and
 * uncertainty.
 *
 * ac_model is opaque. It is built through the ac_model_add_* / ac_model_set_* calls
 * (the YAML loader and the importers use them too) and read through accessors. Builder
 * calls check their arguments (indices, ranges) and return AC_EARG on misuse; whole-model
 * rules (every weighted issue has values, weights not all zero, ...) are checked by
 * ac_model_check(). Indices are 0-based and follow file order. */
#ifndef ACCORD_MODEL_H
#define ACCORD_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_ID_MAX 64 /* longest id, in bytes */
#define AC_NONE ((size_t)-1)

typedef enum { AC_ROLE_PARTY = 0, AC_ROLE_MEDIATOR = 1 } ac_role;

typedef struct ac_model ac_model;

ac_model *ac_model_new(void); /* NULL when out of memory */
void ac_model_free(ac_model *m);
/* A deep copy; NULL when out of memory. */
ac_model *ac_model_clone(const ac_model *m);

/* True when id is a valid id: [A-Za-z0-9_.-]+, 1..AC_ID_MAX bytes. */
int ac_id_valid(const char *id);

/* ---- building ---- */
ac_status ac_model_set_title(ac_model *m, const char *title, ac_error *err);
ac_status ac_model_set_description(ac_model *m, const char *text, ac_error *err);
/* name may be NULL (defaults to the id). Returns the new party's index in *index (may be NULL). */
ac_status ac_model_add_party(ac_model *m, const char *id, const char *name, ac_role role,
                             size_t *index, ac_error *err);
ac_status ac_model_set_reservation(ac_model *m, size_t party, double r, ac_error *err);
ac_status ac_model_set_influence(ac_model *m, size_t party, double x, ac_error *err);
/* title may be NULL (defaults to the id). */
ac_status ac_model_add_issue(ac_model *m, const char *id, const char *title, size_t *index,
                             ac_error *err);
ac_status ac_model_set_issue_description(ac_model *m, size_t issue, const char *text,
                                         ac_error *err);
ac_status ac_model_add_option(ac_model *m, size_t issue, const char *id, const char *title,
                              size_t *index, ac_error *err);
/* Preferences. Raw weights (>= 0, normalised on read); a value in [0,1] for one option. */
ac_status ac_model_set_weight(ac_model *m, size_t party, size_t issue, double w, ac_error *err);
ac_status ac_model_set_value(ac_model *m, size_t party, size_t issue, size_t option, double v,
                             ac_error *err);
ac_status ac_model_set_red_line(ac_model *m, size_t party, size_t issue, size_t option,
                                ac_error *err);
/* Marks that the party has a preferences entry (even an empty one). */
ac_status ac_model_set_has_preferences(ac_model *m, size_t party, ac_error *err);
/* Draft plan: one option per issue. */
ac_status ac_model_set_plan(ac_model *m, size_t issue, size_t option, ac_error *err);
/* A locked point of the draft (a prior understanding) stays as drafted: no revision may
 * change it. Only meaningful with a plan; ac_model_check rejects locks without one. */
ac_status ac_model_set_locked(ac_model *m, size_t issue, int locked, ac_error *err);
/* Discount factor in (0,1] (GENIUS semantics): in simulations a party's utility at
 * normalised time t is multiplied by d^t. 1, the default, is no discount. */
ac_status ac_model_set_discount(ac_model *m, size_t party, double d, ac_error *err);

typedef struct ac_event {
    double at;          /* [0,1] share of the talks' time */
    size_t party;
    int has_reservation;
    double reservation; /* signed change */
    size_t n_weights;   /* number of (issue, delta) pairs */
    const size_t *weight_issue;
    const double *weight_delta;
    const char *note;   /* may be NULL */
} ac_event;
/* The model copies everything the event points to. */
ac_status ac_model_add_event(ac_model *m, const ac_event *ev, ac_error *err);

typedef enum { AC_UNC_WEIGHT = 0, AC_UNC_VALUE = 1, AC_UNC_RESERVATION = 2 } ac_unc_kind;
typedef struct ac_uncertainty {
    size_t party;
    ac_unc_kind kind;
    size_t issue; /* AC_NONE for reservation */
    double sd;
} ac_uncertainty;
ac_status ac_model_add_uncertainty(ac_model *m, const ac_uncertainty *u, ac_error *err);

/* The conflict section (include/accord/conflict.h, docs/stability.md): the model takes
 * ownership of a finished conflict (NULL removes it). */
typedef struct ac_conflict ac_conflict;
ac_status ac_model_set_conflict(ac_model *m, ac_conflict *c);
const ac_conflict *ac_model_conflict(const ac_model *m); /* NULL when the file has none */

/* Whole-model rules that need no file positions: at least one non-mediator party and one
 * issue, every non-mediator party has preferences with a positive weight, every issue of
 * positive weight has a value for each option, mediators have no preferences, every issue
 * has an option, the plan (when any) covers every issue. A model with a conflict and
 * neither parties nor issues (a conflict model) passes. */
ac_status ac_model_check(const ac_model *m, ac_error *err);

/* ---- reading ---- */
const char *ac_model_title(const ac_model *m);       /* never NULL ("" when unset) */
const char *ac_model_description(const ac_model *m); /* NULL when unset */
size_t ac_model_n_parties(const ac_model *m);
size_t ac_model_n_issues(const ac_model *m);
size_t ac_model_n_options(const ac_model *m, size_t issue);

const char *ac_party_id(const ac_model *m, size_t party);
const char *ac_party_name(const ac_model *m, size_t party);
ac_role ac_party_role(const ac_model *m, size_t party);
double ac_party_reservation(const ac_model *m, size_t party);
double ac_party_influence(const ac_model *m, size_t party);
double ac_party_discount(const ac_model *m, size_t party);
int ac_party_has_preferences(const ac_model *m, size_t party);
size_t ac_party_find(const ac_model *m, const char *id); /* AC_NONE when absent */

const char *ac_issue_id(const ac_model *m, size_t issue);
const char *ac_issue_title(const ac_model *m, size_t issue);
const char *ac_issue_description(const ac_model *m, size_t issue); /* NULL when unset */
size_t ac_issue_find(const ac_model *m, const char *id);
const char *ac_option_id(const ac_model *m, size_t issue, size_t option);
const char *ac_option_title(const ac_model *m, size_t issue, size_t option);
size_t ac_option_find(const ac_model *m, size_t issue, const char *id);

double ac_pref_raw_weight(const ac_model *m, size_t party, size_t issue);
/* Normalised weight (raw / sum of the party's raw weights; 0 when the sum is 0). */
double ac_pref_weight(const ac_model *m, size_t party, size_t issue);
int ac_pref_has_value(const ac_model *m, size_t party, size_t issue, size_t option);
double ac_pref_value(const ac_model *m, size_t party, size_t issue, size_t option); /* 0 unset */
int ac_pref_red_line(const ac_model *m, size_t party, size_t issue, size_t option);

int ac_model_has_plan(const ac_model *m);
size_t ac_model_plan(const ac_model *m, size_t issue); /* AC_NONE when unset */
int ac_model_locked(const ac_model *m, size_t issue);

size_t ac_model_n_events(const ac_model *m);
const ac_event *ac_model_event(const ac_model *m, size_t i);
size_t ac_model_n_uncertainty(const ac_model *m);
const ac_uncertainty *ac_model_uncertainty(const ac_model *m, size_t i);

/* Utility of a party (by model index) for a full outcome (one option index per issue). */
double ac_model_utility(const ac_model *m, size_t party, const uint32_t *outcome);

/* True when both models hold the same content (values compared exactly). */
int ac_model_equal(const ac_model *a, const ac_model *b);

#ifdef __cplusplus
}
#endif
#endif
