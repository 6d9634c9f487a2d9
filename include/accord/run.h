/* accord — one call from a model to the JSON of an analysis, a mediation, a simulated
 * talk or a sweep: what `accord analyze|mediate|simulate|sweep MODEL --json` prints, for
 * programs and other languages (the Python package calls this) that want the result as
 * text rather than walking the structs.
 *
 * The model is a path (as for ac_scenario_load: a YAML model, a GENIUS / GeniusWeb scenario folder or file, "-"
 * for standard input or "@default") or, with AC_RUN_TEXT, the YAML (or JSON) text of a
 * model. Options are a JSON object, NULL or "" for the defaults; its keys are those of
 * the command's options, with '_' for '-':
 *   analyze   method ("auto", "enumerate", "dp"), threads, feasible, limit, agree_within
 *   mediate   top, trades, agree_within
 *   simulate  protocol, variant, rounds, seed, strategies ({"party": "name[:param]"})
 *   sweep     runs (required), threads, seed, protocol, variant, rounds, strategies
 *   forecast  model ("smp", "eu"), turns, dim (eu: a name or a number from 1), variant
 *             (eu: "issue" or "scholz"), vote_rule, victory, risk_range, risk_adjust,
 *             commit, interp, bargain, pce, state_trans, seed, stop_on_cycle (smp); the
 *             model may also be a KTAB .csv path
 * An unknown key or a value out of range fails with AC_EARG and says which. */
#ifndef ACCORD_RUN_H
#define ACCORD_RUN_H

#include <stddef.h>

#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { AC_RUN_PATH = 0, AC_RUN_TEXT = 1 } ac_run_source;

/* Runs `what` ("analyze", "mediate", "simulate", "sweep" or "forecast") on the model and sets *json to
 * the JSON text (NUL-terminated, ending with a newline; free it with ac_free). name
 * labels a model given as text in messages (NULL: "<model>"). Problems with the model go
 * to diags (may be NULL) as well as err, each with its file, line and column. */
ac_status ac_run(const char *what, const char *model, ac_run_source source, const char *name,
                 const char *options, char **json, ac_diags *diags, ac_error *err);

/* Frees text the library returned (ac_run's JSON). */
void ac_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
