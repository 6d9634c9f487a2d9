/* Who is asking: a Bearer token for the API, a session cookie for the pages.
 *
 * A token is looked up by its SHA-256 in the record on every request, so a revoked token
 * stops working at once, for the API and for every session signed in with it. Sessions
 * live in memory only (a restart signs everybody out; nothing secret is written): a
 * random id in an HttpOnly, SameSite=Strict cookie (Secure over TLS), the hash of the
 * token it was opened with, and a CSRF token that every form of the session carries. */
#include "serve/serve_internal.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SESSION_SECONDS (12 * 3600)
#define MAX_SESSIONS 10000

void ac__sessions_init(ac__sessions *s)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
}

void ac__sessions_free(ac__sessions *s)
{
    free(s->s);
    pthread_mutex_destroy(&s->lock);
}

/* Sets the role from a token's hash; leaves AC__ROLE_NONE for an unknown or revoked one. */
static void role_from_hash(ac__req *r, const char *hash)
{
    char party[AC_ID_MAX + 1];
    int found = 0;
    if (ac_ledger_token_find(r->lg, hash, party, &found, NULL) != AC_OK || !found)
        return;
    if (party[0]) {
        r->role = AC__ROLE_PARTY;
        memcpy(r->party, party, strlen(party) + 1);
    } else {
        r->role = AC__ROLE_MEDIATOR;
    }
}

void ac__auth_bearer(ac__req *r)
{
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7))
        return;
    const char *t = h + 7;
    while (*t == ' ')
        t++;
    char hash[AC_SERVE_HASH_LEN + 1];
    if (strlen(t) > 256 || ac_serve_token_hash(t, hash, NULL))
        return;
    role_from_hash(r, hash);
}

void ac__cookie_get(ac__req *r, const char *name, char *buf, size_t size)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
    buf[0] = 0;
    if (v && strlen(v) < size)
        memcpy(buf, v, strlen(v) + 1);
}

static long long now_s(void) { return (long long)time(NULL); }

void ac__auth_cookie(ac__req *r)
{
    char sid[AC__SID_LEN + 1];
    ac__cookie_get(r, "accord_session", sid, sizeof sid);
    if (strlen(sid) != AC__SID_LEN)
        return;
    ac__sessions *ss = &r->srv->sessions;
    int found = 0;
    long long now = now_s();
    pthread_mutex_lock(&ss->lock);
    for (size_t i = 0; i < ss->n; i++)
        if (ac__same(ss->s[i].sid, sid) && ss->s[i].expires > now) {
            r->session_copy = ss->s[i];
            found = 1;
            break;
        }
    pthread_mutex_unlock(&ss->lock);
    if (!found)
        return;
    role_from_hash(r, r->session_copy.token_hash);
    if (r->role != AC__ROLE_NONE)
        r->session = &r->session_copy;
}

int ac__session_new(ac__req *r, const char *token)
{
    char hash[AC_SERVE_HASH_LEN + 1];
    if (!token || strlen(token) > 256 || ac_serve_token_hash(token, hash, NULL))
        return -1;
    role_from_hash(r, hash);
    if (r->role == AC__ROLE_NONE)
        return -1;
    ac__session n;
    memset(&n, 0, sizeof n);
    if (ac__random_hex(n.sid) || ac__random_hex(n.csrf))
        return -1;
    memcpy(n.token_hash, hash, sizeof hash);
    long long now = now_s();
    n.expires = now + SESSION_SECONDS;
    ac__sessions *ss = &r->srv->sessions;
    int ok = 1;
    pthread_mutex_lock(&ss->lock);
    size_t w = 0; /* drop expired sessions, then the oldest when full */
    for (size_t i = 0; i < ss->n; i++)
        if (ss->s[i].expires > now)
            ss->s[w++] = ss->s[i];
    ss->n = w;
    if (ss->n >= MAX_SESSIONS) {
        memmove(ss->s, ss->s + 1, (ss->n - 1) * sizeof *ss->s);
        ss->n--;
    }
    if (ss->n == ss->cap) {
        size_t cap = ss->cap ? 2 * ss->cap : 64;
        ac__session *p = realloc(ss->s, cap * sizeof *p);
        if (p) {
            ss->s = p;
            ss->cap = cap;
        } else {
            ok = 0;
        }
    }
    if (ok)
        ss->s[ss->n++] = n;
    pthread_mutex_unlock(&ss->lock);
    if (!ok)
        return -1;
    r->session_copy = n;
    r->session = &r->session_copy;
    snprintf(r->cookie[0], sizeof r->cookie[0],
             "accord_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", n.sid,
             SESSION_SECONDS, r->srv->tls ? "; Secure" : "");
    return 0;
}

void ac__session_end(ac__req *r)
{
    if (r->session) {
        ac__sessions *ss = &r->srv->sessions;
        pthread_mutex_lock(&ss->lock);
        for (size_t i = 0; i < ss->n; i++)
            if (!strcmp(ss->s[i].sid, r->session->sid)) {
                ss->s[i] = ss->s[--ss->n];
                break;
            }
        pthread_mutex_unlock(&ss->lock);
    }
    snprintf(r->cookie[0], sizeof r->cookie[0],
             "accord_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
             r->srv->tls ? "; Secure" : "");
    r->session = NULL;
    r->role = AC__ROLE_NONE;
}
