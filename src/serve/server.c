/* The HTTP server: libmicrohttpd with its own polling threads (a pool, event-driven: a
 * slow or idle client holds a connection slot, never a worker), the limits (connections
 * in all and per address, idle timeout, header memory and count, body size, time for a
 * body to arrive), the record connections (one per worker, from a pool), and the
 * dispatch of a whole request to the API or the pages.
 *
 * A request's body is collected in its connection context, capped at max_body; the
 * handler runs once the body is complete, with a record connection of its own, and its
 * writes commit before the answer is queued: an acknowledged write is on disk. */
#include "serve/serve_internal.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

void ac_serve_opts_init(ac_serve_opts *o)
{
    memset(o, 0, sizeof *o);
}

typedef struct conn_ctx {
    ac__sbuf body;
    struct timespec started;
    int refused; /* a response went out before the body was read */
    int too_big; /* the body passed the limit: dropped */
} conn_ctx;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) * 1e-9;
}

/* ---- the pool of record connections ---- */

static ac_ledger *pool_get(ac__pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->free_n == 0)
        pthread_cond_wait(&p->ready, &p->lock);
    ac_ledger *lg = p->free_list[--p->free_n];
    pthread_mutex_unlock(&p->lock);
    return lg;
}

static void pool_put(ac__pool *p, ac_ledger *lg)
{
    pthread_mutex_lock(&p->lock);
    p->free_list[p->free_n++] = lg;
    pthread_cond_signal(&p->ready);
    pthread_mutex_unlock(&p->lock);
}

static ac_status pool_open(ac__pool *p, const char *db, size_t n, ac_error *err)
{
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->ready, NULL);
    p->all = calloc(n, sizeof *p->all);
    p->free_list = calloc(n, sizeof *p->free_list);
    if (!p->all || !p->free_list)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        ac_status s = ac_ledger_open(db, 0, &p->all[i], err);
        if (s)
            return s;
        p->n++;
        p->free_list[p->free_n++] = p->all[i];
    }
    return AC_OK;
}

static void pool_close(ac__pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        ac_ledger_close(p->all[i]);
    free(p->all);
    free(p->free_list);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->ready);
}

/* ---- answering ---- */

static enum MHD_Result send_req(ac__req *r)
{
    size_t len;
    char *body = ac__sb_take(&r->out, &len);
    if (!body) {
        r->status = 500;
        r->type = "text/plain; charset=utf-8";
        body = strdup("out of memory\n");
        len = body ? strlen(body) : 0;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, body ? body : (char *)"", body ? MHD_RESPMEM_MUST_FREE
                                                                            : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                            r->type ? r->type : "text/plain; charset=utf-8");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    /* the pages need no script at all: none may run */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
                            " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    if (r->srv->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (r->location[0])
        MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, r->location);
    for (int i = 0; i < 2; i++)
        if (r->cookie[i][0])
            MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->cookie[i]);
    if (r->allow)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, r->allow);
    if (r->www_auth)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"accord\"");
    enum MHD_Result ret = MHD_queue_response(r->conn, r->status ? r->status : 500, resp);
    MHD_destroy_response(resp);
    return ret;
}

static int is_api(const char *path)
{
    return !strncmp(path, "/api/", 5) || !strcmp(path, "/api");
}

/* An answer before the body was read (too big, too slow, too many headers). */
static enum MHD_Result refuse(struct ac_server *srv, struct MHD_Connection *c, const char *url,
                              conn_ctx *ctx, unsigned status, const char *msg)
{
    ac__req r;
    memset(&r, 0, sizeof r);
    r.srv = srv;
    r.conn = c;
    ctx->refused = 1;
    if (is_api(url)) {
        ac__json_error(&r, status, "%s", msg);
    } else {
        r.status = status;
        ac__sb_printf(&r.out, "%s\n", msg);
    }
    return send_req(&r);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                             const char *method, const char *version, const char *upload,
                             size_t *upload_size, void **con_cls)
{
    (void)version;
    struct ac_server *srv = cls;
    conn_ctx *ctx = *con_cls;
    if (!ctx) {
        if (!(ctx = calloc(1, sizeof *ctx)))
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &ctx->started);
        *con_cls = ctx;
        int headers = MHD_get_connection_values(c, MHD_HEADER_KIND, NULL, NULL);
        if (headers < 0 || (unsigned)headers > srv->o.max_headers)
            return refuse(srv, c, url, ctx, 431, "too many header lines");
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > srv->o.max_body)
            return refuse(srv, c, url, ctx, 413, "request body too large");
        return MHD_YES;
    }
    if (ctx->refused) {
        *upload_size = 0; /* the answer is out; the rest is dropped with the connection */
        return MHD_YES;
    }
    if (*upload_size) {
        /* a body that takes too long to arrive loses its connection */
        if (since(&ctx->started) > srv->o.request_time)
            return MHD_NO;
        /* over the limit: the rest is read and dropped, then 413 (this libmicrohttpd
         * cannot answer in the middle of an upload) */
        if (ctx->too_big || ctx->body.n + *upload_size > srv->o.max_body) {
            ctx->too_big = 1;
            ac__sb_free(&ctx->body);
        } else {
            ac__sb_add(&ctx->body, upload, *upload_size);
        }
        *upload_size = 0;
        return ctx->body.oom ? MHD_NO : MHD_YES;
    }
    if (ctx->too_big)
        return refuse(srv, c, url, ctx, 413, "request body too large");
    ac__req r;
    memset(&r, 0, sizeof r);
    r.srv = srv;
    r.conn = c;
    r.method = method;
    r.path = url;
    r.body = ctx->body.p ? ctx->body.p : "";
    r.body_len = ctx->body.n;
    r.lg = pool_get(&srv->pool);
    if (is_api(url)) {
        ac__auth_bearer(&r);
        ac__api(&r);
    } else {
        ac__auth_cookie(&r);
        ac__pages(&r);
    }
    pool_put(&srv->pool, r.lg);
    return send_req(&r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    conn_ctx *ctx = *con_cls;
    if (ctx) {
        ac__sb_free(&ctx->body);
        free(ctx);
        *con_cls = NULL;
    }
}

/* libmicrohttpd's own messages would go to stderr: the library prints nothing */
static void quiet(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    (void)fmt;
    (void)ap;
}

ac_status ac_server_start(const ac_serve_opts *o, ac_server **out, ac_error *err)
{
    if (!o || !o->db || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_server_start: no record");
    *out = NULL;
    if (!o->tls_cert != !o->tls_key)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "TLS needs both a certificate and a key");
    struct sockaddr_storage sa;
    memset(&sa, 0, sizeof sa);
    const char *addr = o->address ? o->address : "127.0.0.1";
    int v6 = strchr(addr, ':') != NULL;
    if (o->port > 65535)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "port %u is out of range", o->port);
    if (v6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&sa;
        s6->sin6_family = AF_INET6;
        s6->sin6_port = htons((unsigned short)o->port);
        if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "'%s' is not an IP address", addr);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&sa;
        s4->sin_family = AF_INET;
        s4->sin_port = htons((unsigned short)o->port);
        if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "'%s' is not an IP address", addr);
    }
    ac_server *s = calloc(1, sizeof *s);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    s->o = *o;
    s->o.threads = o->threads ? o->threads : 4;
    s->o.max_connections = o->max_connections ? o->max_connections : 256;
    s->o.max_per_ip = o->max_per_ip ? o->max_per_ip : 64;
    s->o.timeout = o->timeout ? o->timeout : 15;
    s->o.request_time = o->request_time ? o->request_time : 30;
    s->o.max_body = o->max_body ? o->max_body : 64 * 1024;
    s->o.max_headers = o->max_headers ? o->max_headers : 64;
    s->o.max_header_bytes = o->max_header_bytes ? o->max_header_bytes : 32 * 1024;
    s->tls = o->tls_cert != NULL;
    ac__sessions_init(&s->sessions);
    ac_status st = pool_open(&s->pool, o->db, s->o.threads, err);
    if (!st) {
        ac_ledger_status *vs;
        /* refuse a record with nothing to review, before anyone connects */
        st = ac_ledger_status_get(s->pool.all[0], 0, &vs, err);
        ac_ledger_status_free(vs);
    }
    if (st) {
        ac_server_stop(s);
        return st;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (v6)
        flags |= MHD_USE_IPv6;
    if (s->tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {s->tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, (void *)o->tls_key},
        {s->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, (void *)o->tls_cert},
        {MHD_OPTION_END, 0, NULL},
    };
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_EXTERNAL_LOGGER, quiet, NULL,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->o.threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->o.max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s->o.max_per_ip,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->o.timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)s->o.max_header_bytes,
        MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
        MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
    if (!s->d) {
        ac_server_stop(s);
        return ac_error_set(err, AC_EIO, NULL, 0, 0,
                            "cannot listen on %s port %u (in use, not this machine's address, or "
                            "a bad TLS certificate or key)", addr, o->port);
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return AC_OK;
}

unsigned ac_server_port(const ac_server *s) { return s ? s->port : 0; }

void ac_server_stop(ac_server *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d);
    pool_close(&s->pool);
    ac__sessions_free(&s->sessions);
    free(s);
}
