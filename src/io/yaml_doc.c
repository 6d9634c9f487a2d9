/* YAML text -> libyaml document, and the checked node readers the model loader uses.
 *
 * Parsing takes two passes over the text. The first reads events only, to find what the
 * document API would hide or mishandle: aliases (rejected: a document API walk could
 * follow them into exponential expansion or a cycle, and the model format has no use
 * for them), explicit tags, a second document, syntax errors, and nesting deeper than
 * AC__YAML_MAX_DEPTH (stopped there, before libyaml's cost for deep flow collections
 * grows). The second pass loads the first document with yaml_parser_load. Both passes
 * see the same text, so a syntax error, when there is one, is always found by the first.
 *
 * Nothing here aborts or exits: libyaml failures become located problems, allocation
 * failures set nomem. */
#include "io/yaml_doc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

ac_status ac__ydoc_init(ac__ydoc *y, const char *file)
{
    memset(y, 0, sizeof *y);
    y->file = file;
    y->diags = ac_diags_new();
    if (!y->diags)
        return AC_ENOMEM;
    /* When this fails, numbers fall back to the process locale, which is "C" unless
     * the program changed it. */
    y->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return AC_OK;
}

void ac__ydoc_free(ac__ydoc *y)
{
    if (y->have_doc)
        yaml_document_delete(&y->doc);
    y->have_doc = 0;
    ac_diags_free(y->diags);
    y->diags = NULL;
    if (y->c_locale)
        freelocale(y->c_locale);
    y->c_locale = (locale_t)0;
}

static void vreport(ac__ydoc *y, int line, int col, const char *fmt, va_list ap)
{
    y->problems++;
    if (y->problems > AC__YAML_MAX_PROBLEMS)
        return;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (ac_diags_add(y->diags, y->file, line, col, "%s", msg) != AC_OK)
        y->nomem = 1;
}

void ac__yreport_at(ac__ydoc *y, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(y, line, col, fmt, ap);
    va_end(ap);
}

void ac__yreport(ac__ydoc *y, const yaml_node_t *at, const char *fmt, ...)
{
    int line = at ? (int)at->start_mark.line + 1 : 0;
    int col = at ? (int)at->start_mark.column + 1 : 0;
    va_list ap;
    va_start(ap, fmt);
    vreport(y, line, col, fmt, ap);
    va_end(ap);
}

static void report_mark(ac__ydoc *y, yaml_mark_t mk, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report_mark(ac__ydoc *y, yaml_mark_t mk, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(y, (int)mk.line + 1, (int)mk.column + 1, fmt, ap);
    va_end(ap);
}

const char *ac__yshow(char buf[AC__YSHOW], const char *s)
{
    /* Leave room for an escape (4 bytes), "..." and the NUL. */
    const size_t limit = AC__YSHOW - 9;
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (n >= limit) {
            /* Do not cut a UTF-8 sequence in two. */
            while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
                n--;
            if (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0xC0)
                n--;
            memcpy(buf + n, "...", 4);
            return buf;
        }
        if (*c == '\n')
            n += (size_t)snprintf(buf + n, AC__YSHOW - n, "\\n");
        else if (*c == '\t')
            n += (size_t)snprintf(buf + n, AC__YSHOW - n, "\\t");
        else if (*c < 0x20 || *c == 0x7F)
            n += (size_t)snprintf(buf + n, AC__YSHOW - n, "\\x%02X", *c);
        else
            buf[n++] = (char)*c;
    }
    buf[n] = 0;
    return buf;
}

static int is_plain_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *s = (const char *)n->data.scalar.value;
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

const char *ac__ykind(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_MAPPING_NODE:
        return "a mapping";
    case YAML_SEQUENCE_NODE:
        return "a list";
    case YAML_SCALAR_NODE:
        return is_plain_null(n) ? "nothing" : "text";
    default:
        return "nothing";
    }
}

/* "a list" or "text 'abc'": what was found, for "expected X, found Y" messages. */
static const char *found(const yaml_node_t *n, char buf[AC__YSHOW + 16])
{
    if (n->type == YAML_SCALAR_NODE && !is_plain_null(n)) {
        char show[AC__YSHOW];
        snprintf(buf, AC__YSHOW + 16, "'%s'", ac__yshow(show, (const char *)n->data.scalar.value));
        return buf;
    }
    return ac__ykind(n);
}

int ac__yexpect(ac__ydoc *y, const yaml_node_t *n, yaml_node_type_t t, const char *what)
{
    if (n->type == t)
        return 1;
    const char *want = t == YAML_MAPPING_NODE    ? "a mapping"
                       : t == YAML_SEQUENCE_NODE ? "a list"
                                                 : "text";
    char fb[AC__YSHOW + 16];
    ac__yreport(y, n, "expected %s for %s, found %s", want, what, found(n, fb));
    return 0;
}

const char *ac__ystr(ac__ydoc *y, const yaml_node_t *n, const char *what, int allow_null)
{
    if (!ac__yexpect(y, n, YAML_SCALAR_NODE, what))
        return NULL;
    if (!allow_null && is_plain_null(n)) {
        ac__yreport(y, n, "expected text for %s, found nothing", what);
        return NULL;
    }
    const char *s = (const char *)n->data.scalar.value;
    /* A "\0" escape in a quoted scalar: C strings would silently cut it. */
    if (strlen(s) != n->data.scalar.length) {
        ac__yreport(y, n, "%s contains a NUL character", what);
        return NULL;
    }
    return s;
}

/* Decimal numbers only: no hex, no YAML 1.1 sexagesimal or underscores, no inf/nan. */
static int number_syntax(const char *s)
{
    const char *c = s;
    int digits = 0;
    if (*c == '+' || *c == '-')
        c++;
    while (*c >= '0' && *c <= '9')
        c++, digits++;
    if (*c == '.') {
        c++;
        while (*c >= '0' && *c <= '9')
            c++, digits++;
    }
    if (!digits)
        return 0;
    if (*c == 'e' || *c == 'E') {
        c++;
        if (*c == '+' || *c == '-')
            c++;
        if (!(*c >= '0' && *c <= '9'))
            return 0;
        while (*c >= '0' && *c <= '9')
            c++;
    }
    return *c == 0;
}

static int non_finite_spelling(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (*s == '.')
        s++;
    return !strcasecmp(s, "inf") || !strcasecmp(s, "infinity") || !strcasecmp(s, "nan");
}

int ac__ynumber(ac__ydoc *y, const yaml_node_t *n, const char *what, double *out)
{
    char show[AC__YSHOW], fb[AC__YSHOW + 16];
    if (n->type != YAML_SCALAR_NODE || is_plain_null(n)) {
        ac__yreport(y, n, "expected a number for %s, found %s", what, found(n, fb));
        return 0;
    }
    const char *s = (const char *)n->data.scalar.value;
    if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        ac__yreport(
            y, n, "expected a number for %s, found quoted text '%s' (write numbers without quotes)",
            what, ac__yshow(show, s));
        return 0;
    }
    if (non_finite_spelling(s)) {
        ac__yreport(y, n, "%s must be a finite number, found '%s'", what, ac__yshow(show, s));
        return 0;
    }
    if (!number_syntax(s)) {
        ac__yreport(y, n, "expected a number for %s, found '%s'", what, ac__yshow(show, s));
        return 0;
    }
    char *end;
    errno = 0;
    double v = y->c_locale ? strtod_l(s, &end, y->c_locale) : strtod(s, &end);
    if (*end || !isfinite(v)) {
        /* Past DBL_MAX: "1e999". Underflow to a tiny or zero value is kept. */
        ac__yreport(y, n, "%s is out of range: '%s'", what, ac__yshow(show, s));
        return 0;
    }
    *out = v;
    return 1;
}

int ac__ybool(ac__ydoc *y, const yaml_node_t *n, const char *what, int *out)
{
    if (n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        const char *s = (const char *)n->data.scalar.value;
        if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE")) {
            *out = 1;
            return 1;
        }
        if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE")) {
            *out = 0;
            return 1;
        }
    }
    char fb[AC__YSHOW + 16];
    ac__yreport(y, n, "expected true or false for %s, found %s", what, found(n, fb));
    return 0;
}

yaml_node_t *ac__ynode(ac__ydoc *y, int id) { return yaml_document_get_node(&y->doc, id); }

yaml_node_t *ac__ydoc_root(ac__ydoc *y)
{
    return y->have_doc ? yaml_document_get_root_node(&y->doc) : NULL;
}

static int key_is(const yaml_node_t *k, const char *name)
{
    return k->type == YAML_SCALAR_NODE && k->data.scalar.length == strlen(name) &&
           !memcmp(k->data.scalar.value, name, k->data.scalar.length);
}

/* Optimal string alignment distance, for "did you mean" hints; both strings short. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t d[34][34];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb];
}

static ac__yfield *suggest(const char *key, ac__yfield *f, size_t n)
{
    size_t lk = strlen(key);
    if (lk > 32)
        return NULL;
    ac__yfield *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; i < n; i++) {
        if (strlen(f[i].name) > 32)
            continue;
        size_t d = edit_distance(key, f[i].name);
        if (d < bd && d < lk) {
            bd = d;
            best = &f[i];
        }
    }
    return best;
}

void ac__yfields(ac__ydoc *y, const yaml_node_t *map, ac__yfield *f, size_t n, const char *where)
{
    for (size_t i = 0; i < n; i++)
        f[i].k = f[i].v = f[i].hint = NULL;
    if (map->type != YAML_MAPPING_NODE)
        return;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ac__ynode(y, p->key), *v = ac__ynode(y, p->value);
        if (!k || !v)
            continue;
        if (k->type != YAML_SCALAR_NODE) {
            ac__yreport(y, k, "a key must be text, found %s %s", ac__ykind(k), where);
            continue;
        }
        size_t i = 0;
        while (i < n && !key_is(k, f[i].name))
            i++;
        char show[AC__YSHOW];
        const char *key = (const char *)k->data.scalar.value;
        if (i == n) {
            ac__yfield *hint = suggest(key, f, n);
            if (hint && !hint->hint)
                hint->hint = k;
            if (hint)
                ac__yreport(y, k, "unknown key '%s' %s (did you mean '%s'?)", ac__yshow(show, key),
                            where, hint->name);
            else
                ac__yreport(y, k, "unknown key '%s' %s", ac__yshow(show, key), where);
        } else if (f[i].k) {
            ac__yreport(y, k, "duplicate key '%s' %s (first at line %d)", f[i].name, where,
                        (int)f[i].k->start_mark.line + 1);
        } else {
            f[i].k = k;
            f[i].v = v;
        }
    }
}

yaml_node_t *ac__yrequire(ac__ydoc *y, const yaml_node_t *map, const ac__yfield *f,
                          const char *where)
{
    if (!f->v && !f->hint)
        ac__yreport(y, map, "missing key '%s' %s", f->name, where);
    return f->v;
}

yaml_node_t *ac__ylookup(ac__ydoc *y, const yaml_node_t *map, const char *name)
{
    if (map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ac__ynode(y, p->key);
        if (k && key_is(k, name))
            return ac__ynode(y, p->value);
    }
    return NULL;
}

/* libyaml's reader reports a byte offset, not a mark: count lines and characters. */
static void offset_to_position(const char *text, size_t len, size_t off, int *line, int *col)
{
    if (off > len)
        off = len;
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n' || (ch == '\r' && !(i + 1 < len && text[i + 1] == '\n'))) {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void report_parser(ac__ydoc *y, const yaml_parser_t *p, const char *text, size_t len)
{
    if (p->error == YAML_MEMORY_ERROR) {
        y->nomem = 1;
        return;
    }
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        offset_to_position(text, len, p->problem_offset, &line, &col);
        if (p->problem_value != -1)
            ac__yreport_at(y, line, col, "syntax error: %s (#%X)", problem,
                           (unsigned)p->problem_value);
        else
            ac__yreport_at(y, line, col, "syntax error: %s", problem);
        return;
    }
    if (p->error == YAML_COMPOSER_ERROR && p->context) {
        /* libyaml puts the problem's name in context ("found duplicate anchor; first
         * occurrence") and only "second occurrence" in problem. */
        size_t n = strcspn(p->context, ";");
        report_mark(y, p->problem_mark,
                    "syntax error: %.*s (first occurrence at line %d, column %d)", (int)n,
                    p->context, (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
        return;
    }
    if (p->context)
        report_mark(y, p->problem_mark, "syntax error: %s (%s at line %d, column %d)", problem,
                    p->context, (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
    else
        report_mark(y, p->problem_mark, "syntax error: %s", problem);
}

static int init_parser(ac__ydoc *y, yaml_parser_t *p, const char *text, size_t len)
{
    if (!yaml_parser_initialize(p)) {
        y->nomem = 1;
        return 0;
    }
    /* Model files are UTF-8; a fixed encoding keeps reader offsets in bytes of text. */
    yaml_parser_set_encoding(p, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(p, (const unsigned char *)text, len);
    return 1;
}

static void check_tag(ac__ydoc *y, const yaml_event_t *ev, const yaml_char_t *tag)
{
    if (!tag)
        return;
    char show[AC__YSHOW];
    report_mark(y, ev->start_mark, "YAML tags are not supported (found '%s')",
                ac__yshow(show, (const char *)tag));
}

/* The event pass: returns 1 when the document pass may follow. */
static int prescan(ac__ydoc *y, const char *text, size_t len)
{
    yaml_parser_t p;
    if (!init_parser(y, &p, text, len))
        return 0;
    int docs = 0, ok = 1, aliases = 0, depth = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_parser(y, &p, text, len);
            ok = 0;
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++docs == 2)
                report_mark(y, ev.start_mark,
                            "a second YAML document: a model file holds exactly one document");
            break;
        case YAML_ALIAS_EVENT:
            aliases++;
            report_mark(y, ev.start_mark, "aliases are not supported (write the value out)");
            break;
        case YAML_SCALAR_EVENT:
            check_tag(y, &ev, ev.data.scalar.tag);
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            check_tag(y, &ev,
                      ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.tag
                                                           : ev.data.mapping_start.tag);
            if (++depth > AC__YAML_MAX_DEPTH) {
                report_mark(y, ev.start_mark, "lists and mappings nested more than %d deep",
                            AC__YAML_MAX_DEPTH);
                ok = 0;
            }
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        default:
            break;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (end || !ok || y->nomem)
            break;
    }
    yaml_parser_delete(&p);
    if (!ok || aliases || y->nomem)
        return 0;
    if (!docs) {
        ac__yreport_at(y, 1, 1,
                       "empty document: expected a model (a mapping starting with 'accord: 1')");
        return 0;
    }
    return 1;
}

int ac__ydoc_parse(ac__ydoc *y, const char *text, size_t len)
{
    if (!prescan(y, text, len))
        return 0;
    yaml_parser_t p;
    if (!init_parser(y, &p, text, len))
        return 0;
    if (!yaml_parser_load(&p, &y->doc)) {
        /* Composer problems the event pass cannot see, such as a repeated anchor. */
        report_parser(y, &p, text, len);
        yaml_parser_delete(&p);
        return 0;
    }
    y->have_doc = 1;
    yaml_parser_delete(&p);
    yaml_node_t *root = ac__ydoc_root(y);
    if (!root || is_plain_null(root)) {
        ac__yreport_at(y, 1, 1,
                       "empty document: expected a model (a mapping starting with 'accord: 1')");
        return 0;
    }
    return 1;
}
