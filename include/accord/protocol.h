/* accord — simulated talks: the mediated single-text procedure (hill climbing, veto and
 * annealing variants), shuttle rounds, and stacked alternating offers; model events and
 * discount factors apply as the talks go.
 *
 * An ac_talks is built once from a model and run many times: every buffer is allocated
 * by ac_talks_new, so a run allocates nothing (sweeps run millions). Parties are the
 * active (non-mediator) parties in model order, as in ac_space. Time: rounds are numbered
 * 1..R and round r happens at t = r / R; events with at <= t fire at the start of the
 * first such round, in model order. A party accepts a text when it crosses none of its
 * red lines and d^t * u >= its aspiration (from its strategy, never below its current
 * reservation). */
#ifndef ACCORD_PROTOCOL_H
#define ACCORD_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "accord/model.h"
#include "accord/rng.h"
#include "accord/stance.h"
#include "accord/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { AC_PROTO_MEDIATED = 0, AC_PROTO_SHUTTLE = 1, AC_PROTO_ALTERNATING = 2 } ac_protocol;
typedef enum { AC_VARIANT_HILL = 0, AC_VARIANT_VETO = 1, AC_VARIANT_ANNEAL = 2 } ac_variant;

const char *ac_protocol_name(ac_protocol p); /* "mediated", "shuttle", "alternating" */
/* AC_OK, or AC_EINPUT for an unknown name (out untouched). */
ac_status ac_protocol_parse(const char *s, ac_protocol *out);
const char *ac_variant_name(ac_variant v);   /* "hill", "veto", "anneal" */
ac_status ac_variant_parse(const char *s, ac_variant *out); /* as ac_protocol_parse */

#define AC_TALKS_ROUNDS_DEFAULT 100

typedef struct ac_talks_opts {
    ac_protocol protocol;
    ac_variant variant;        /* mediated only */
    unsigned rounds;           /* the deadline; 0 means AC_TALKS_ROUNDS_DEFAULT */
    double agree_within;       /* stance threshold; negative or NaN: the default 0.1 */
    const ac_strategy *strategy; /* [active parties], or NULL: every party boulware */
} ac_talks_opts;
void ac_talks_opts_init(ac_talks_opts *o);

/* One round as the observer sees it; pointers are valid during the call only. */
typedef struct ac_talks_round {
    unsigned round;
    double t;
    size_t proposer;              /* alternating: the offering party; else AC_NONE (mediator) */
    size_t visited;               /* shuttle: the party met; else AC_NONE */
    const uint32_t *offer;        /* [n_issues] the text on the table */
    const double *utility;        /* [n_parties] undiscounted, current preferences */
    const double *aspiration;     /* [n_parties] */
    const unsigned char *accept;  /* [n_parties] */
    const ac_stance *stances;     /* [n_parties * n_issues] */
    size_t n_fired;
    const size_t *fired;          /* model indices of the events fired this round */
} ac_talks_round;
typedef void (*ac_talks_observer)(void *ctx, const ac_talks_round *r);

/* Pointers are owned by the ac_talks and valid until its next run. */
typedef struct ac_talks_result {
    int deal;
    unsigned round;           /* the round of the deal, or the last round */
    double t;
    const uint32_t *outcome;  /* [n_issues] the agreed (or last) text */
    const double *utility;    /* [n_parties] undiscounted, preferences at the end */
    const double *discounted; /* [n_parties] utility * d^t */
    const double *reservation; /* [n_parties] at the end (events applied) */
} ac_talks_result;

typedef struct ac_talks ac_talks;
/* The model must pass ac_model_check. */
ac_status ac_talks_new(const ac_model *m, ac_talks **out, ac_error *err);
void ac_talks_free(ac_talks *t);
size_t ac_talks_n_parties(const ac_talks *t);
size_t ac_talks_party(const ac_talks *t, size_t i); /* model index of active party i */
/* Back to the model's preferences and reservations. */
void ac_talks_reset(ac_talks *t);
/* Back to the model, then the model's uncertainty applied with draws from r. */
void ac_talks_perturb(ac_talks *t, ac_rng *r);
/* Runs the talks from the preferences the last reset or perturb set (events move them
 * during the run; the next run starts again from that state). r drives the random strategy and the annealing variant.
 * cb may be NULL. */
ac_status ac_talks_run(ac_talks *t, const ac_talks_opts *o, ac_rng *r, ac_talks_observer cb,
                       void *ctx, ac_talks_result *res, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
