/* Pieces shared by the library's JSON outputs (analysis, mediation, simulation, sweep,
 * the record's status): outcomes keyed by issue id, per-party numbers keyed by party id,
 * a version's points, and closing a writer with a status. Internal to the library (src/io
 * and the review server's API). */
#ifndef ACCORD_IO_JSON_OUT_H
#define ACCORD_IO_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "accord/json.h"
#include "accord/ledger.h"
#include "accord/model.h"
#include "accord/stance.h"

/* {"donbas": "dmz", ...}: the option id chosen on every issue. */
void ac__json_outcome(ac_json *w, const ac_model *m, const uint32_t *outcome);
/* {"ua": 0.81, ...}: x[i] keyed by the id of model party party[i]. */
void ac__json_parties(ac_json *w, const ac_model *m, const size_t *party, size_t n,
                      const double *x);
/* The model index of the i-th active (non-mediator) party, or AC_NONE. */
size_t ac__json_active_party(const ac_model *m, size_t i);
/* {"ua": x[0], ...} keyed by the active parties in model order. */
void ac__json_active(ac_json *w, const ac_model *m, const double *x);
/* {"ua": {"donbas": "agree", ...}, ...}: stances[i * n_issues + k] of model party party[i]. */
void ac__json_stances(ac_json *w, const ac_model *m, const size_t *party, size_t n,
                      const ac_stance *stances);
/* The members "points", "of" and "weighted" of a progress object (left open). */
void ac__json_progress_members(ac_json *w, const ac_progress *p);
/* The members "id", "title", "option" and "option_title" of point k of a version (left
 * open): the record's status JSON and the review server's draft share them. */
void ac__json_point_members(ac_json *w, const ac_ledger_status *s, size_t k);
/* Frees w; AC_EIO (with err filled) when the output was not written whole. */
ac_status ac__json_close(ac_json *w, ac_error *err);
/* A new indented writer, or AC_ENOMEM / AC_EARG in err. */
ac_status ac__json_open(FILE *fp, int indent, ac_json **w, ac_error *err);

#endif
