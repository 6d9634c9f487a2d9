/* Internals of the review server shared by its files: the server and request structs,
 * the response a handler fills, a growable text buffer, sessions, form and JSON body
 * helpers, and the handlers (api.c: /api/v1/..., pages.c: the HTML pages).
 *
 * Invariants: a handler runs with its own record connection (r->lg, from the server's
 * pool, one per worker), with r->role already established (auth.c) and the body whole
 * and within the limit; it fills r's response and never writes to the socket itself. */
#ifndef ACCORD_SERVE_INTERNAL_H
#define ACCORD_SERVE_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#include "accord/accord.h"
#include "analysis/mediation_internal.h"

/* ---- a growable text buffer (never fails visibly: oom is remembered) ---- */
typedef struct ac__sbuf {
    char *p;
    size_t n, cap;
    int oom;
} ac__sbuf;
void ac__sb_add(ac__sbuf *b, const char *s, size_t n);
void ac__sb_str(ac__sbuf *b, const char *s);
void ac__sb_printf(ac__sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Escaped for HTML text and attribute values. NULL adds nothing. */
void ac__sb_html(ac__sbuf *b, const char *s);
/* The text, owned by the caller (NULL when out of memory); empties b. */
char *ac__sb_take(ac__sbuf *b, size_t *len);
void ac__sb_free(ac__sbuf *b);

/* ---- sessions of the pages (in memory: a restart signs everybody out) ---- */
#define AC__SID_LEN 64
typedef struct ac__session {
    char sid[AC__SID_LEN + 1];
    char token_hash[AC_SERVE_HASH_LEN + 1]; /* checked against the record on every request */
    char csrf[AC__SID_LEN + 1];
    long long expires;                       /* unix seconds */
} ac__session;
typedef struct ac__sessions {
    pthread_mutex_t lock;
    size_t n, cap;
    ac__session *s;
} ac__sessions;

/* ---- the server ---- */
typedef struct ac__pool {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    size_t n, free_n;
    ac_ledger **all, **free_list;
} ac__pool;

struct ac_server {
    struct MHD_Daemon *d;
    ac_serve_opts o;
    char *db;
    unsigned port;
    int tls;
    ac__pool pool;
    ac__sessions sessions;
};

typedef enum { AC__ROLE_NONE = 0, AC__ROLE_PARTY = 1, AC__ROLE_MEDIATOR = 2 } ac__role;

typedef struct ac__req {
    struct ac_server *srv;
    struct MHD_Connection *conn;
    const char *method, *path;
    const char *body;
    size_t body_len;
    ac_ledger *lg;
    /* who asks */
    ac__role role;
    char party[AC_ID_MAX + 1];       /* the party's id (role party) */
    const ac__session *session;      /* pages: the session (a copy, valid for the request) */
    ac__session session_copy;
    /* the answer */
    unsigned status;
    const char *type;                /* content type */
    ac__sbuf out;
    char location[256];              /* redirect target, "" for none */
    char cookie[2][256];             /* Set-Cookie values, "" for none */
    const char *allow;               /* Allow header of a 405 */
    int www_auth;                    /* add WWW-Authenticate: Bearer */
} ac__req;

/* ---- auth.c ---- */
/* Who the request is: Bearer token (API) or session cookie (pages). Sets r->role. */
void ac__auth_bearer(ac__req *r);
void ac__auth_cookie(ac__req *r);
/* Sign-in with a token: a new session; its cookie goes into r->cookie[0]. 0 or -1. */
int ac__session_new(ac__req *r, const char *token);
void ac__session_end(ac__req *r);
void ac__sessions_init(ac__sessions *s);
void ac__sessions_free(ac__sessions *s);
/* Constant-time comparison of two NUL-terminated strings. */
int ac__same(const char *a, const char *b);
/* A random hex string of AC__SID_LEN digits; 0 or -1. */
int ac__random_hex(char out[AC__SID_LEN + 1]);
/* The value of cookie name in the request's Cookie header, copied into buf ("" if none). */
void ac__cookie_get(ac__req *r, const char *name, char *buf, size_t size);

/* ---- form.c: application/x-www-form-urlencoded ---- */
typedef struct ac__form {
    size_t n;
    char **key, **val;
} ac__form;
/* Parses the body; -1 when malformed (bad escapes, too many fields, NUL bytes). */
int ac__form_parse(const char *body, size_t len, ac__form *f);
const char *ac__form_get(const ac__form *f, const char *key); /* NULL when absent */
void ac__form_free(ac__form *f);
/* True for valid UTF-8 (no overlong forms or surrogates). */
int ac__utf8_valid(const char *s);
/* Percent-decodes in place ('+' is a space); -1 on a bad escape or a NUL byte. */
int ac__url_decode(char *s);

/* ---- respond.c ---- */
/* A JSON error body {"error": {"status": N, "message": "..."}}. */
void ac__json_error(ac__req *r, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Starts a JSON answer: a writer onto r->out; finish with ac__json_done. */
typedef struct ac__jsonw {
    FILE *fp;
    char *mem;
    size_t len;
    ac_json *j;
} ac__jsonw;
ac_json *ac__json_begin(ac__jsonw *w);
void ac__json_done(ac__req *r, ac__jsonw *w, unsigned status);
/* HTTP status for a library failure: AC_EINPUT 400 (404 when notfound), else 500. */
unsigned ac__http_status(ac_status s);

/* ---- view.c: what the API and the pages both show ---- */
/* The draft of a version (0: latest), with every point's options (from the export; empty
 * when the version does not make a model). */
typedef struct ac__draft {
    ac_ledger_status *st;
    ac_model *m;   /* the exported model (stored preferences), or NULL */
} ac__draft;
ac_status ac__draft_get(ac_ledger *lg, int version, ac__draft *d, ac_error *err);
void ac__draft_free(ac__draft *d);
/* A party's own view of a draft from its own preferences. */
typedef struct ac__own {
    int version;
    double utility, reservation, margin;
    size_t n_points;
    double *weight, *value;     /* [n_points] normalised weight, value of the drafted option */
    unsigned char *red_line;    /* [n_points] drafted option is on its red line */
    ac_stance *derived;         /* [n_points] what its preferences say */
    size_t red_lines_crossed;
    int confidential;
} ac__own;
ac_status ac__own_get(ac_ledger *lg, int version, const char *party, ac__own *o, ac_error *err);
void ac__own_free(ac__own *o);
/* The mediation of a version from the parties' confidential preferences. */
ac_status ac__mediation_get(ac_ledger *lg, int version, ac_model **m, ac_mediation **x,
                            ac_error *err);
/* Every version's number, date, note and point count, oldest first. */
typedef struct ac__versions {
    size_t n;
    int *number;
    char **date, **note;
    size_t *points;
} ac__versions;
ac_status ac__versions_get(ac_ledger *lg, ac__versions *v, ac_error *err);
void ac__versions_free(ac__versions *v);
/* Writes JSON: the members version, date and note of a version; the draft, the stance list items (as {point: {...}}). */
void ac__json_version_head(ac_json *j, const ac_ledger_status *st);
void ac__json_draft(ac_json *j, const ac__draft *d);
void ac__serve_json_stances(ac_json *j, const ac_ledger_stance_list *l, const char *party);

/* ---- actions.c: the writes, shared by the API and the pages ---- */
int ac__stance_parse(const char *name, ac_stance *out); /* 0 or -1 */
ac_status ac__text_check(const char *what, const char *s, size_t max, ac_error *err);
/* r->party's stance on a point of the latest version; *version gets that version. */
ac_status ac__do_stance(ac__req *r, const char *point, const char *stance, const char *note,
                        const char *suggest, long long *id, int *version, ac_error *err);
ac_status ac__do_publish(ac__req *r, const char *note, const char *date,
                         const ac_ledger_change *c, size_t n, int *version, ac_error *err);

/* ---- api.c / pages.c ---- */
void ac__api(ac__req *r);
void ac__pages(ac__req *r);

#endif
