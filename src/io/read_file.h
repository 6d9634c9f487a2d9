/* Internal to src/io: reading a whole input stream, bounded, for the loaders. */
#ifndef ACCORD_IO_READ_FILE_H
#define ACCORD_IO_READ_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "accord/error.h"

/* Reads fp to its end, but at most max + 1 bytes: one more than allowed is enough for the
 * caller to know the input is too large, without reading all of a huge one. *text (caller
 * frees; may be NULL when empty) and *len on success; path names the input in messages. */
ac_status ac__read_stream(FILE *fp, const char *path, size_t max, char **text, size_t *len,
                          ac_error *err);

/* Opens path ("-" is standard input, named "<stdin>" in messages), reads it as
 * ac__read_stream does and closes it. *name is the name to use in messages. */
ac_status ac__read_path(const char *path, size_t max, const char **name, char **text,
                        size_t *len, ac_error *err);

#endif
