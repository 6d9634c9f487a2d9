/* accord — reading KTAB-style CSV files of actors, positions and saliences
 * (docs/forecast.md, "KTAB CSV"):
 *
 *   name,description,nActors,nDims,
 *   Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,...
 *   one line per actor: name, description, capability, then a position and a salience
 *   (both 0..100) per dimension; an actor's saliences sum to at most 100.
 *
 * Every problem is reported as file:line:col: message to diags (may be NULL); err gets
 * the first one; on failure *out is NULL. */
#ifndef ACCORD_KTAB_H
#define ACCORD_KTAB_H

#include <stddef.h>

#include "accord/error.h"
#include "accord/forecast.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_KTAB_FILE_MAX (4u * 1024u * 1024u) /* largest CSV accepted, bytes */

/* path "-" reads standard input. */
ac_status ac_ktab_load_file(const char *path, ac_fc_input **out, ac_diags *diags, ac_error *err);
/* name is used in messages. */
ac_status ac_ktab_load_string(const char *text, size_t len, const char *name, ac_fc_input **out,
                              ac_diags *diags, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
