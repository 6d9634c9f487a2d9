/* A growable text buffer for response bodies. Out of memory is remembered, not
 * reported at every call: the response turns into a 500 when the body is taken. */
#include "serve/serve_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ac__sb_add(ac__sbuf *b, const char *s, size_t n)
{
    if (b->oom || !n)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void ac__sb_str(ac__sbuf *b, const char *s)
{
    if (s)
        ac__sb_add(b, s, strlen(s));
}

void ac__sb_printf(ac__sbuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        ac__sb_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ac__sb_add(b, big, (size_t)n);
    free(big);
}

void ac__sb_html(ac__sbuf *b, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            ac__sb_add(b, run, (size_t)(s - run));
            ac__sb_str(b, rep);
            run = s + 1;
        }
    }
    ac__sb_add(b, run, (size_t)(s - run));
}

char *ac__sb_take(ac__sbuf *b, size_t *len)
{
    char *p = b->oom ? NULL : b->p;
    if (b->oom)
        free(b->p);
    else if (!p)
        p = calloc(1, 1);
    if (len)
        *len = p ? b->n : 0;
    memset(b, 0, sizeof *b);
    return p;
}

void ac__sb_free(ac__sbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}
