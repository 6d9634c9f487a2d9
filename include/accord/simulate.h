/* accord — one simulated talk, measured against the analysis of the model as written.
 *
 * ac_simulate runs the talks of protocol.h once from the model's own preferences (seeded:
 * same seed, same result) and records the result, the round each model event fired, the
 * distance of the outcome's utilities (under the model as written) to the Nash point,
 * and whether the outcome is Pareto optimal against the analysis' frontier. This is
 * what `accord simulate` prints; ac_simulation_write_json writes its JSON. */
#ifndef ACCORD_SIMULATE_H
#define ACCORD_SIMULATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/analyze.h"
#include "accord/error.h"
#include "accord/model.h"
#include "accord/protocol.h"
#include "accord/strategy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_simulate_opts {
    ac_talks_opts talks;        /* talks.strategy NULL: every party boulware */
    uint64_t seed;              /* default 1 */
    ac_talks_observer observer; /* called after every round; may be NULL */
    void *observer_ctx;
} ac_simulate_opts;
void ac_simulate_opts_init(ac_simulate_opts *o);

typedef struct ac_simulation {
    size_t n_parties, n_issues, n_events;
    size_t *party;            /* [n_parties] model index of each active party */
    ac_talks_opts talks;      /* as run; talks.strategy points at strategies */
    ac_strategy *strategies;  /* [n_parties] */
    uint64_t seed;
    int deal;
    unsigned round;           /* the round of the deal, or the last round */
    double t;
    uint32_t *outcome;        /* [n_issues] the agreed (or last) text */
    double *utility;          /* [n_parties] undiscounted, preferences at the end */
    double *discounted;       /* [n_parties] */
    double *reservation;      /* [n_parties] at the end (events applied) */
    double *model_utility;    /* [n_parties] the outcome under the model as written */
    int has_nash;             /* the model's ZOPA is not empty */
    double nash_distance;     /* Euclidean, in utility space; NaN without a Nash point */
    double *nash_utility;     /* [n_parties] */
    int pareto_optimal;       /* no frontier point dominates model_utility */
    unsigned *event_round;    /* [n_events] the round each event fired, 0 if never */
} ac_simulation;

/* Runs the talks. a: the model's analysis (a frontier over all outcomes) when the caller
 * has it, NULL to compute it here with the default options. o may be NULL. */
ac_status ac_simulate(const ac_model *m, const ac_simulate_opts *o, const ac_analysis *a,
                      ac_simulation **out, ac_error *err);
void ac_simulation_free(ac_simulation *s);

/* The JSON of docs/simulate.md (what `accord simulate --json` prints), indented by 2,
 * ending with a newline. AC_EIO when the stream could not be written. */
ac_status ac_simulation_write_json(FILE *fp, const ac_model *m, const ac_simulation *s,
                                   ac_error *err);
/* One round as one compact JSON line (what `accord simulate --trace` writes). */
ac_status ac_talks_round_write_json(FILE *fp, const ac_model *m, const ac_talks_round *r,
                                    ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
