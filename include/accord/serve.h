/* accord — the review server: the record kept by `accord plan` served over HTTP(S), so
 * that each party reviews the draft from its own browser, confidentially, and the
 * mediator sees where the sides stand and publishes the next version.
 *
 * Access is by token: ac_serve_token_new makes one (256 bits from the OS's random source,
 * as 64 hex digits); only its SHA-256 (ac_serve_token_hash) goes into the record
 * (ac_ledger_token_add). The API takes `Authorization: Bearer TOKEN`; the pages a session
 * cookie (HttpOnly, SameSite=Strict) after a sign-in form, with a CSRF token on every
 * form. A party reads and edits only what is its own; the mediator reads every stance
 * and note and an analysis computed from the parties' confidential preferences that
 * never shows them. The routes and their JSON are docs/serve.md.
 *
 * Every write is one transaction of the record and is acknowledged only after its
 * commit. The server runs its own threads (libmicrohttpd, event-driven, so a slow client
 * holds a connection slot but no thread) with limits on connections, request size,
 * header count and time. */
#ifndef ACCORD_SERVE_H
#define ACCORD_SERVE_H

#include <stddef.h>

#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_SERVE_TOKEN_LEN 64   /* hex digits of a token (256 bits) */
#define AC_SERVE_HASH_LEN 64    /* hex digits of a token's SHA-256 */
#define AC_SERVE_PORT_DEFAULT 8640

/* A new random token and its hash (both NUL-terminated hex). AC_EIO when the OS's random
 * source fails. */
ac_status ac_serve_token_new(char token[AC_SERVE_TOKEN_LEN + 1],
                             char hash[AC_SERVE_HASH_LEN + 1], ac_error *err);
/* The SHA-256 of text, as hex. AC_EARG when text is NULL. */
ac_status ac_serve_token_hash(const char *text, char hash[AC_SERVE_HASH_LEN + 1],
                              ac_error *err);

typedef struct ac_serve_opts {
    const char *db;            /* the record (must exist and be initialised) */
    const char *address;       /* IPv4 or IPv6 literal to listen on; NULL: 127.0.0.1 */
    unsigned port;             /* 0: any free port (see ac_server_port) */
    const char *tls_cert;      /* PEM text (not a path); NULL for plain HTTP */
    const char *tls_key;       /* PEM text; with tls_cert */
    unsigned threads;          /* worker threads; 0: 4 */
    unsigned max_connections;  /* 0: 256 */
    unsigned max_per_ip;       /* connections from one address; 0: 64 */
    unsigned timeout;          /* seconds a connection may stay idle; 0: 15 */
    unsigned request_time;     /* seconds a request's body may take to arrive; 0: 30 */
    size_t max_body;           /* bytes of a request body; 0: 64 KiB */
    unsigned max_headers;      /* header lines of a request; 0: 64 */
    size_t max_header_bytes;   /* memory of a connection for its headers; 0: 32 KiB */
} ac_serve_opts;

void ac_serve_opts_init(ac_serve_opts *o);

typedef struct ac_server ac_server;

/* Opens the record and starts listening; returns once the server takes requests. */
ac_status ac_server_start(const ac_serve_opts *o, ac_server **out, ac_error *err);
/* The port it listens on (the one chosen when opts.port was 0). */
unsigned ac_server_port(const ac_server *s);
/* Stops listening, finishes the requests under way and frees everything. */
void ac_server_stop(ac_server *s);

#ifdef __cplusplus
}
#endif
#endif
