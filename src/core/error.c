/* Status names and texts from the one table in error.h; ac_error and the ac_diags list.
 * ac_diags owns copies of every string it is given. */
#include "accord/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ac_strerror(ac_status s)
{
    switch (s) {
#define AC__STATUS_TEXT(name, code, text) \
    case AC_##name:                       \
        return text;
        AC_STATUS_MAP(AC__STATUS_TEXT)
#undef AC__STATUS_TEXT
    }
    return "unknown status";
}

const char *ac_err_name(ac_status s)
{
    switch (s) {
#define AC__STATUS_NAME(name, code, text) \
    case AC_##name:                       \
        return "AC_" #name;
        AC_STATUS_MAP(AC__STATUS_NAME)
#undef AC__STATUS_NAME
    }
    return "AC_UNKNOWN";
}

void ac_error_clear(ac_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

ac_status ac_error_set(ac_error *err, ac_status code, const char *file, int line, int col,
                       const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void ac_error_format(const ac_error *err, char *buf, size_t size)
{
    if (!size)
        return;
    if (!err) {
        buf[0] = 0;
        return;
    }
    if (err->file[0] && err->line > 0 && err->col > 0)
        snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->col, err->message);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else
        snprintf(buf, size, "%s", err->message[0] ? err->message : ac_strerror(err->code));
}

struct ac_diags {
    ac_diag *items;
    size_t n, cap;
};

ac_diags *ac_diags_new(void) { return calloc(1, sizeof(ac_diags)); }

void ac_diags_free(ac_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free((char *)d->items[i].file);
        free((char *)d->items[i].message);
    }
    free(d->items);
    free(d);
}

size_t ac_diags_count(const ac_diags *d) { return d ? d->n : 0; }

const ac_diag *ac_diags_get(const ac_diags *d, size_t i)
{
    return (d && i < d->n) ? &d->items[i] : NULL;
}

ac_status ac_diags_add(ac_diags *d, const char *file, int line, int col, const char *fmt, ...)
{
    if (!d)
        return AC_OK;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        ac_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return AC_ENOMEM;
        d->items = items;
        d->cap = cap;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *f = strdup(file ? file : "");
    char *m = strdup(msg);
    if (!f || !m) {
        free(f);
        free(m);
        return AC_ENOMEM;
    }
    d->items[d->n++] = (ac_diag){f, line, col, m};
    return AC_OK;
}

void ac_diags_sort(ac_diags *d)
{
    if (!d)
        return;
    /* insertion sort: stable, and lists are short */
    for (size_t i = 1; i < d->n; i++) {
        ac_diag x = d->items[i];
        size_t j = i;
        while (j > 0 && (d->items[j - 1].line > x.line ||
                         (d->items[j - 1].line == x.line && d->items[j - 1].col > x.col))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}
