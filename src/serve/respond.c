/* Answers in JSON: a writer onto the response body (the library's JSON writer on a
 * memory stream) and the error body every failure of the API uses. */
#include "serve/serve_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

ac_json *ac__json_begin(ac__jsonw *w)
{
    w->mem = NULL;
    w->len = 0;
    w->j = NULL;
    w->fp = open_memstream(&w->mem, &w->len);
    if (w->fp)
        w->j = ac_json_new(w->fp, 2);
    return w->j;
}

void ac__json_done(ac__req *r, ac__jsonw *w, unsigned status)
{
    int bad = !w->j || ac_json_free(w->j) != 0;
    if (w->fp) {
        fputc('\n', w->fp);
        bad |= fclose(w->fp) != 0;
    }
    if (bad) {
        free(w->mem);
        ac__sb_free(&r->out);
        r->out.oom = 1;
        r->status = 500;
        return;
    }
    ac__sb_free(&r->out);
    ac__sb_add(&r->out, w->mem, w->len);
    free(w->mem);
    r->status = status;
    r->type = "application/json";
}

void ac__json_error(ac__req *r, unsigned status, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "error");
        ac_json_begin_object(j);
        ac_json_key(j, "status");
        ac_json_int(j, status);
        ac_json_key(j, "message");
        ac_json_string(j, msg);
        ac_json_end_object(j);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, status);
    if (status == 401)
        r->www_auth = 1;
}

unsigned ac__http_status(ac_status s)
{
    switch (s) {
    case AC_OK: return 200;
    case AC_EINPUT: case AC_EARG: return 400;
    case AC_ELIMIT: return 413;
    default: return 500;
    }
}
