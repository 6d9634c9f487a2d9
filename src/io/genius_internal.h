/* Helpers shared by the GENIUS / GeniusWeb importers and exporter (src/io/genius_*.c,
 * geniusweb.c, scenario.c): reading a whole file with a size limit, turning free text
 * into valid accord ids, strict number parsing and file basenames. Not public API. */
#ifndef ACCORD_IO_GENIUS_INTERNAL_H
#define ACCORD_IO_GENIUS_INTERNAL_H

#include <stddef.h>

#include "accord/error.h"
#include "accord/model.h"

/* True when the n bytes at s are well-formed UTF-8 sequences. */
int ac__genius_valid_utf8(const unsigned char *s, size_t n);
/* Reads path whole (NUL-terminated, at most AC_GENIUS_FILE_MAX bytes). */
ac_status ac__genius_read_file(const char *path, char **buf, size_t *len, ac_error *err);

/* Writes into out (AC_ID_MAX + 1 bytes) an id made from free text: runs of characters
 * outside [A-Za-z0-9_.-] become one '_' (none at either end); empty text gives fallback. */
void ac__genius_make_id(const char *text, const char *fallback, char *out);

/* Kinds of id lists ac__genius_unique_id checks against. */
enum { AC__ID_PARTY, AC__ID_ISSUE, AC__ID_OPTION };
/* Makes id unique in its list (issue for options) by appending _2, _3, ... */
void ac__genius_unique_id(const ac_model *m, int kind, size_t issue, char *id);

/* Whole-string finite decimal number (surrounding white space allowed); 0 on success. */
int ac__genius_parse_num(const char *s, double *out);
/* Whole-string decimal integer in [-2^31, 2^31-1] (surrounding white space allowed). */
int ac__genius_parse_int(const char *s, long *out);

/* The file name of path without directories and without extension ext (if it ends so). */
void ac__genius_basename(const char *path, const char *ext, char *out, size_t size);

/* Copies text without leading and trailing white space into a new string (NULL: ENOMEM). */
char *ac__genius_trim_dup(const char *text);

/* GENIUS XML: sets *is_domain when the file is a domain (root <negotiation_template>, or a
 * <utility_space> without weights or evaluations), clears it for a profile. */
ac_status ac__genius_classify(const char *path, int *is_domain, ac_error *err);

#endif
