/* Internal: the models compiled into the library, by their '@' names. */
#ifndef ACCORD_IO_EMBEDDED_H
#define ACCORD_IO_EMBEDDED_H

#include <stddef.h>

/* True when name is one of them ("@default", "@us-interests"); then *text and *len are
 * its YAML (NUL-terminated; either pointer may be NULL). */
int ac__embedded_model(const char *name, const char **text, size_t *len);

#endif
