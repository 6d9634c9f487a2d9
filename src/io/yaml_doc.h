/* Internal to src/io: a parsed YAML document plus the problem list of one load.
 *
 * yaml_doc.c turns text into a libyaml document (refusing aliases, tags, several
 * documents and syntax errors, each reported at its position) and offers the small
 * checked readers the model loader is written with: every reader either returns a
 * usable value or reports one located problem and returns a failure, so the loader can
 * carry on and find the next problem. Positions are 1-based (libyaml's are 0-based).
 *
 * Invariant: every string handed out points into the document and lives as long as it. */
#ifndef ACCORD_IO_YAML_DOC_H
#define ACCORD_IO_YAML_DOC_H

#include <locale.h>
#include <stddef.h>
#include <yaml.h>

#include "accord/error.h"

/* After this many problems the rest are counted, not stored: a hostile 16 MiB file
 * could otherwise make millions of messages. */
#define AC__YAML_MAX_PROBLEMS 1000

typedef struct ac__ydoc {
    const char *file; /* name used in messages */
    yaml_document_t doc;
    int have_doc;      /* doc must be deleted */
    ac_diags *diags;   /* every stored problem, in the order found */
    size_t problems;   /* all problems, stored or not */
    int nomem;         /* an allocation failed: the load ends with AC_ENOMEM */
    locale_t c_locale; /* numbers are read in the C locale whatever the process uses */
} ac__ydoc;

/* Deepest nesting of mappings and lists accepted. A model needs 6 levels; libyaml 0.2.5
 * spends time quadratic in the depth of flow collections, so "[[[[..." must be cut
 * short while it is still cheap. */
#define AC__YAML_MAX_DEPTH 64

/* Size of the buffer ac__yshow writes to. */
#define AC__YSHOW 128

ac_status ac__ydoc_init(ac__ydoc *y, const char *file);
void ac__ydoc_free(ac__ydoc *y);

/* Parses text into y->doc. Returns 1 when there is a document root to walk (problems
 * such as a second document may still have been reported), 0 when there is nothing to
 * walk (syntax error, alias, empty input: all reported). */
int ac__ydoc_parse(ac__ydoc *y, const char *text, size_t len);

yaml_node_t *ac__ydoc_root(ac__ydoc *y);
yaml_node_t *ac__ynode(ac__ydoc *y, int id);

void ac__yreport_at(ac__ydoc *y, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ac__yreport(ac__ydoc *y, const yaml_node_t *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A user string made safe to quote in a message: control characters escaped, long
 * strings cut. Returns buf. */
const char *ac__yshow(char buf[AC__YSHOW], const char *s);
/* "a mapping", "a list", "text" (or "nothing" for an empty plain scalar). */
const char *ac__ykind(const yaml_node_t *n);

/* Reports "expected <kind> for <what>, found ..." unless n has type t. */
int ac__yexpect(ac__ydoc *y, const yaml_node_t *n, yaml_node_type_t t, const char *what);
/* A scalar as a C string: NULL after reporting when n is not a scalar or holds a NUL.
 * allow_null == 0 also rejects a plain null (empty, ~, null). */
const char *ac__ystr(ac__ydoc *y, const yaml_node_t *n, const char *what, int allow_null);
/* A finite number written as a plain scalar (0.4, 1, +0.05, -0.05, 1e-3). */
int ac__ynumber(ac__ydoc *y, const yaml_node_t *n, const char *what, double *out);
/* A plain true/false. */
int ac__ybool(ac__ydoc *y, const yaml_node_t *n, const char *what, int *out);

/* The keys a mapping may have. ac__yfields fills k and v (NULL when absent), reporting
 * non-text keys, unknown keys ("unknown key 'x' in <where>") and repeated keys. An unknown
 * key close to a field's name is suggested for it and remembered in hint. */
typedef struct ac__yfield {
    const char *name;
    yaml_node_t *k, *v;
    yaml_node_t *hint; /* an unknown key reported with "did you mean" this field */
} ac__yfield;
void ac__yfields(ac__ydoc *y, const yaml_node_t *map, ac__yfield *f, size_t n, const char *where);
/* Reports "missing key 'name' <where>" at map, unless a misspelling of it was already
 * reported. Returns f->v. */
yaml_node_t *ac__yrequire(ac__ydoc *y, const yaml_node_t *map, const ac__yfield *f,
                          const char *where);
/* The value of the first text key equal to name, or NULL; reports nothing. */
yaml_node_t *ac__ylookup(ac__ydoc *y, const yaml_node_t *map, const char *name);

#endif
