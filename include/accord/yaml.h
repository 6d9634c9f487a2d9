/* accord — reading and writing model files (YAML, version 1; docs/model-format.md).
 *
 * The loader validates everything and reports every problem it finds, each with its
 * file:line:col, to diags (may be NULL); err gets the first one. On failure *out is NULL. */
#ifndef ACCORD_YAML_H
#define ACCORD_YAML_H

#include <stddef.h>
#include <stdio.h>

#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_MODEL_FILE_MAX (16u * 1024u * 1024u) /* largest model file accepted, bytes */

/* path "-" reads standard input; "@default" the embedded model; "@us-interests" the same
 * plan with the United States as a party. */
ac_status ac_model_load_file(const char *path, ac_model **out, ac_diags *diags,
                             ac_error *err);
/* name is used in messages. */
ac_status ac_model_load_string(const char *text, size_t len, const char *name,
                               ac_model **out, ac_diags *diags, ac_error *err);
ac_status ac_model_write_yaml(const ac_model *m, FILE *fp, ac_error *err);

/* The embedded default model's YAML text (NUL-terminated). */
const char *ac_default_model_text(void);
size_t ac_default_model_size(void);

#ifdef __cplusplus
}
#endif
#endif
