/* accord — forecasting where talks will land: KTAB's spatial model of politics (SMP)
 * and Bueno de Mesquita's expected-utility model as replicated by Scholz, Calbert and
 * Smith (2011). Equations, sources and departures: docs/forecast.md.
 *
 * The input is a table of actors by dimensions (ac_fc_input): for each actor and
 * dimension a position on 0..100, a salience on 0..100 (an actor's saliences sum to at
 * most 100) and a capability (> 0). It comes from a KTAB-style CSV file (accord/ktab.h),
 * from the `dimensions` section of a model file, or from a negotiation model's ordered
 * options (ac_fc_input_from_model). Both models are deterministic: the same input and
 * options give the same bytes, and relabelling or reordering the actors only relabels
 * and reorders the result (exact ties are broken by actor order, see docs/forecast.md). */
#ifndef ACCORD_FORECAST_H
#define ACCORD_FORECAST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_FC_MAX_ACTORS 250 /* KTAB's own limit */
#define AC_FC_MAX_DIMS 1000

/* ---- the input table ---- */
typedef struct ac_fc_input ac_fc_input;
/* NULL when out of memory or a size is 0 or beyond the limits. Every cell starts at
 * position 0, salience 0, capability 1; names start empty. */
ac_fc_input *ac_fc_input_new(size_t n_actors, size_t n_dims);
void ac_fc_input_free(ac_fc_input *in);
ac_fc_input *ac_fc_input_clone(const ac_fc_input *in);
int ac_fc_input_equal(const ac_fc_input *a, const ac_fc_input *b);

/* Setters copy the strings; AC_EARG for a bad index or value, AC_ENOMEM. */
ac_status ac_fc_input_set_title(ac_fc_input *in, const char *title, const char *desc,
                                ac_error *err);
ac_status ac_fc_input_set_actor(ac_fc_input *in, size_t a, const char *name, const char *desc,
                                ac_error *err);
ac_status ac_fc_input_set_dim(ac_fc_input *in, size_t d, const char *name, ac_error *err);
/* position in [0,100], salience in [0,100], capability > 0 and finite. */
ac_status ac_fc_input_set(ac_fc_input *in, size_t a, size_t d, double position,
                          double salience, double capability, ac_error *err);
/* Whole-table rules: names present and unique, every actor's saliences sum to at most
 * 100 (plus 1e-9) and to more than 0. */
ac_status ac_fc_input_check(const ac_fc_input *in, ac_error *err);

size_t ac_fc_n_actors(const ac_fc_input *in);
size_t ac_fc_n_dims(const ac_fc_input *in);
const char *ac_fc_title(const ac_fc_input *in);       /* never NULL */
const char *ac_fc_description(const ac_fc_input *in); /* never NULL */
const char *ac_fc_actor(const ac_fc_input *in, size_t a);
const char *ac_fc_actor_desc(const ac_fc_input *in, size_t a);
const char *ac_fc_dim(const ac_fc_input *in, size_t d);
double ac_fc_position(const ac_fc_input *in, size_t a, size_t d);
double ac_fc_salience(const ac_fc_input *in, size_t a, size_t d);
double ac_fc_capability(const ac_fc_input *in, size_t a, size_t d);
/* The actor's capability for the SMP, which has one per actor: the mean over dimensions
 * (the same number when, as in KTAB's files, it does not vary). */
double ac_fc_actor_capability(const ac_fc_input *in, size_t a);

/* A model's `dimensions` section (NULL when it has none). set takes over d (NULL
 * removes the section). */
const ac_fc_input *ac_model_dimensions(const ac_model *m);
void ac_model_set_dimensions(ac_model *m, ac_fc_input *d);

/* The forecast input of a model: its `dimensions` section when it has one, else the
 * mapping of docs/forecast.md (each issue a dimension, its options in file order at
 * evenly spaced positions 0..100, every party with preferences placed at its best option,
 * salience 100 x its weight, capability its influence, 1 when unset). */
ac_status ac_fc_input_from_model(const ac_model *m, ac_fc_input **out, ac_error *err);

/* ---- the spatial model of politics ---- */
typedef enum { AC_VR_BINARY, AC_VR_PROPBIN, AC_VR_PROP, AC_VR_PROPCBC, AC_VR_CUBIC,
               AC_VR_ASYMPROSP } ac_vote_rule;
typedef enum { AC_VP_LINEAR, AC_VP_SQUARE, AC_VP_QUARTIC, AC_VP_OCTIC, AC_VP_BINARY } ac_victory;
typedef enum { AC_RR_MIN, AC_RR_MID, AC_RR_MAX } ac_risk_range;
typedef enum { AC_RA_FULL, AC_RA_TWO_THIRDS, AC_RA_HALF, AC_RA_ONE_THIRD, AC_RA_NONE } ac_risk_adjust;
typedef enum { AC_TP_FULL, AC_TP_SEMI, AC_TP_NONE } ac_commit;
typedef enum { AC_IB_S1P1, AC_IB_S2P2, AC_IB_S2PMAX } ac_interp;
/* KTAB's PCEModel: how pairwise victory probabilities become each option's probability. */
typedef enum { AC_PCE_CONDITIONAL, AC_PCE_MARKOV_INCENTIVE, AC_PCE_MARKOV_UNIFORM } ac_pce;
/* KTAB's SMPBargnModel: the bargain an initiator proposes is interpolated from its own
 * estimates (init), offered also as the receiver would interpolate it (init-rcvr), or the
 * power-weighted compromise of the two (pw-comp). */
typedef enum { AC_BM_INIT, AC_BM_INIT_RCVR, AC_BM_PWCOMP } ac_bargain_model;
/* KTAB's StateTransMode: each actor takes the most probable option, or draws one. */
typedef enum { AC_ST_DETERMINISTIC, AC_ST_STOCHASTIC } ac_state_trans;

typedef struct ac_smp_opts {
    ac_vote_rule vote;       /* default AC_VR_PROP */
    ac_victory victory;      /* default AC_VP_LINEAR */
    ac_risk_range range;     /* default AC_RR_MID */
    ac_risk_adjust adjust;   /* default AC_RA_ONE_THIRD */
    ac_commit commit;        /* default AC_TP_SEMI */
    ac_interp interp;        /* default AC_IB_S2P2 */
    ac_pce pce;              /* default AC_PCE_CONDITIONAL */
    ac_bargain_model bargain; /* default AC_BM_INIT */
    ac_state_trans trans;    /* default AC_ST_DETERMINISTIC */
    uint64_t seed;           /* the draws of AC_ST_STOCHASTIC; default 1 */
    int stop_on_cycle;       /* default 0 (as KTAB): a detected cycle is only reported */
    unsigned max_turns;      /* default 100; turns = bargaining steps after turn 0 */
    unsigned min_turns;      /* default 2 */
    double stop_ratio;       /* default 0.02: stop when a step moves < 2% of the first */
} ac_smp_opts;
void ac_smp_opts_init(ac_smp_opts *o);
/* KTAB's names of the variants ("prop", "linear", "mid", "one-third", "semi", "s2p2"),
 * as the command's options and the JSON spell them; NULL beyond the last value. */
const char *ac_vote_rule_name(int v);
const char *ac_victory_name(int v);
const char *ac_risk_range_name(int v);
const char *ac_risk_adjust_name(int v);
const char *ac_commit_name(int v);
const char *ac_interp_name(int v);
const char *ac_pce_name(int v);         /* "conditional", "markov-incentive", "markov-uniform" */
const char *ac_state_trans_name(int v); /* "deterministic", "stochastic" */
const char *ac_bargain_name(int v);     /* "init", "init-rcvr", "pw-comp" */

typedef struct ac_smp_result {
    size_t n_actors, n_dims;
    size_t n_turns;   /* states, turn 0 (the input) included */
    int stable;       /* 1: stopped by the stability rule; 0: by max_turns or a cycle */
    /* Cycling instead of settling: cycle_period > 0 when the state of turn
     * t = cycle_from + cycle_period came back to that of turn cycle_from to within
     * stop_ratio of the first turn's move, while turn t itself moved more than that (the
     * first such return, periods 2 to 8). */
    size_t cycle_from, cycle_period;
    double *position; /* [turn][actor][dim], 0..100 */
    double *prob;     /* [turn][actor]: the probability of the actor's position winning */
    double *risk;     /* [turn][actor]: the inferred risk attitude R in [-1, 1] */
    double *forecast; /* [turn][dim]: sum over distinct positions of P x position */
    double *change;   /* [turn]: sum over actors of the distance moved to reach it (0..100) */
    unsigned *distinct; /* [turn]: number of distinct positions */
} ac_smp_result;
void ac_smp_result_free(ac_smp_result *r);

ac_status ac_forecast_smp(const ac_fc_input *in, const ac_smp_opts *o, ac_smp_result **out,
                          ac_error *err);
/* The JSON of docs/forecast.md (what `accord forecast --json` prints); AC_EIO when the
 * output could not be written whole. */
ac_status ac_smp_result_write_json(FILE *fp, const ac_fc_input *in, const ac_smp_opts *o,
                                   const ac_smp_result *r, ac_error *err);

/* The pieces of one SMP state, exposed for tests: utilities u[i*n+j] of actor i for
 * actor j's position (risk-neutral when risk is NULL), the risk attitudes from the
 * risk-neutral Condorcet election, and that election's probabilities over the given
 * options (u is [actor][option], w the actors' weights). */
ac_status ac_smp_condorcet(size_t n_actors, size_t n_opts, const double *w, const double *u,
                           ac_vote_rule vote, ac_victory victory, double *p, ac_error *err);
/* The same election under any of KTAB's PCE models (ac_smp_condorcet is the conditional
 * one). The Markov models iterate to KTAB's tolerances (1e-8 incentive, 1e-6 uniform). */
ac_status ac_smp_pce(size_t n_actors, size_t n_opts, const double *w, const double *u,
                     ac_vote_rule vote, ac_victory victory, ac_pce pce, double *p,
                     ac_error *err);

/* ---- the expected-utility model ---- */
/* AC_EU_ISSUE: the equations as docs/forecast.md states them (P from each pair's own
 * votes). AC_EU_SCHOLZ: Scholz, Calbert and Smith's own program, as its public
 * transcription reproduces their published rounds: P over the sum of every vote on every
 * pair, each actor judging both sides of a dyad with its own exponent, confrontations
 * before compromises before capitulations (docs/forecast.md, "Variants"). */
typedef enum { AC_EU_ISSUE, AC_EU_SCHOLZ } ac_eu_variant;
const char *ac_eu_variant_name(int v); /* "issue", "scholz"; NULL beyond */

typedef struct ac_eu_opts {
    size_t dim;            /* the dimension to forecast; default 0 */
    unsigned max_rounds;   /* default 10; rounds after round 0 */
    ac_eu_variant variant; /* default AC_EU_ISSUE */
} ac_eu_opts;
void ac_eu_opts_init(ac_eu_opts *o);

typedef enum { AC_EU_NONE, AC_EU_CONFRONT, AC_EU_COMPROMISE, AC_EU_CAPITULATE } ac_eu_move;

typedef struct ac_eu_result {
    size_t n_actors;
    size_t n_rounds;   /* states, round 0 included */
    int stable;        /* 1: a round moved nobody */
    ac_eu_variant variant;
    /* cycle_period > 0 when the positions of round cycle_from + cycle_period are exactly
     * those of round cycle_from (the first repeat; the run goes on to max_rounds, the
     * rounds repeating). */
    size_t cycle_from, cycle_period;
    double range;      /* R = max - min of the initial positions */
    double *position;  /* [round][actor], the file's units */
    double *risk;      /* [round][actor]: the risk exponent r in [0.5, 2] */
    double *mean;      /* [round]: capability x salience weighted mean */
    double *median;    /* [round]: the weighted median voter position */
    ac_eu_move *move;  /* [round][actor]: how the actor reached this round (round 0: none) */
    size_t *mover;     /* [round][actor]: whose proposal it took (AC_NONE for none) */
} ac_eu_result;
void ac_eu_result_free(ac_eu_result *r);

ac_status ac_forecast_eu(const ac_fc_input *in, const ac_eu_opts *o, ac_eu_result **out,
                         ac_error *err);
/* "none", "confrontation", "compromise", "capitulation". */
const char *ac_eu_move_name(ac_eu_move m);
/* The JSON of docs/forecast.md for the run on dimension dim. */
ac_status ac_eu_result_write_json(FILE *fp, const ac_fc_input *in, size_t dim,
                                  const ac_eu_result *r, ac_error *err);

/* Pieces of the EU model, for tests. x, c, s: [n] positions, capabilities, saliences
 * (0..1); r: [n] risk exponents. prob[i*n+j] = P(i beats j); eu[i*n+j] = EU_i(i -> j). */
void ac_eu_tables(size_t n, const double *x, const double *c, const double *s,
                  const double *r, double range, double *prob, double *eu);
/* The same tables under AC_EU_SCHOLZ: prob[i*n+j] = P(i beats j) over all votes on all
 * pairs (0 when x_i = x_j); eu[a*n+b] = EU_a(a -> b) and eu_in[a*n+b] = EU_b(b -> a), both
 * as actor a reckons them (a's exponent). */
void ac_eu_tables_scholz(size_t n, const double *x, const double *c, const double *s,
                         const double *r, double range, double *prob, double *eu,
                         double *eu_in);
/* Risk exponents from the EU tables computed at r = 1. */
void ac_eu_risk(size_t n, const double *eu, double *r);
/* The position among x minimising sum_k w_k |x_k - y| (lowest on ties). */
double ac_eu_median(size_t n, const double *x, const double *w);

#ifdef __cplusplus
}
#endif
#endif
