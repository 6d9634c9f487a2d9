/* `accord serve DB`, the running part: the review server on the record
 * (include/accord/serve.h). Reads the TLS certificate and key files, starts the server,
 * prints where it listens (the port chosen when the address asked for port 0) and serves
 * until SIGINT or SIGTERM. Only accord-full links it (cli_full.c says why). */
#include "cli/cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PEM_MAX (1 << 20)

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = malloc(PEM_MAX + 1);
    size_t n = buf ? fread(buf, 1, PEM_MAX + 1, fp) : 0;
    int bad = !buf || ferror(fp) || n > PEM_MAX;
    fclose(fp);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    return buf;
}

/* "ADDR:PORT", "[V6]:PORT", ":PORT" or "ADDR" into addr and port; -1 when malformed. */
static int parse_listen(const char *s, char *addr, size_t size, unsigned *port)
{
    const char *colon, *host = s;
    size_t hn;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close)
            return -1;
        host = s + 1;
        hn = (size_t)(close - host);
        colon = close[1] == ':' ? close + 1 : NULL;
        if (close[1] && !colon)
            return -1;
    } else {
        colon = strrchr(s, ':');
        if (colon && strchr(s, ':') != colon)
            return -1; /* a bare IPv6 address needs brackets */
        hn = colon ? (size_t)(colon - s) : strlen(s);
    }
    if (hn >= size)
        return -1;
    memcpy(addr, host, hn);
    addr[hn] = 0;
    if (!hn)
        snprintf(addr, size, "127.0.0.1");
    if (colon) {
        unsigned long long p;
        if (cli_parse_count(colon + 1, 65535, &p))
            return -1;
        *port = (unsigned)p;
    }
    return 0;
}

static int loopback(const char *addr)
{
    return !strncmp(addr, "127.", 4) || !strcmp(addr, "::1");
}

int cli_serve_run(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_serve;
    const char *db = NULL, *listen = "127.0.0.1:8640", *cert = NULL, *key = NULL, *v;
    ac_serve_opts o;
    ac_serve_opts_init(&o);
    int r;
    for (int i = 1; i < argc; i++) {
        unsigned long long n = 0;
        if ((r = cli_option_value(c, argc, argv, &i, "--listen", &v))) {
            listen = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--tls-cert", &v))) {
            cert = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--tls-key", &v))) {
            key = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--threads", &v))) {
            if (r > 0 && (cli_parse_count(v, 256, &n) || !n))
                return cli_usage_error(c, "--threads wants 1 to 256");
            o.threads = (unsigned)n;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--max-connections", &v))) {
            if (r > 0 && (cli_parse_count(v, 100000, &n) || !n))
                return cli_usage_error(c, "--max-connections wants 1 to 100000");
            o.max_connections = (unsigned)n;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--timeout", &v))) {
            if (r > 0 && (cli_parse_count(v, 3600, &n) || !n))
                return cli_usage_error(c, "--timeout wants 1 to 3600 seconds");
            o.timeout = (unsigned)n;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--max-body", &v))) {
            if (r > 0 && (cli_parse_count(v, 64ull << 20, &n) || n < 1024))
                return cli_usage_error(c, "--max-body wants 1024 to 67108864 bytes");
            o.max_body = (size_t)n;
        } else if (cli_is_option(argv[i])) {
            return cli_usage_error(c, "unknown option '%s'", argv[i]);
        } else if (!db) {
            db = argv[i];
            continue;
        } else {
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
        }
        if (r < 0)
            return CLI_EUSAGE;
    }
    if (!db)
        return cli_usage_error(c, "missing DB");
    if (!cert != !key)
        return cli_usage_error(c, "--tls-cert and --tls-key go together");
    char addr[64];
    o.port = AC_SERVE_PORT_DEFAULT;
    if (parse_listen(listen, addr, sizeof addr, &o.port))
        return cli_usage_error(c, "--listen wants ADDR:PORT (IPv6 as [ADDR]:PORT), not '%s'",
                               listen);
    o.address = addr;
    o.db = db;
    char *cert_pem = NULL, *key_pem = NULL;
    if (cert && (!(cert_pem = read_file(cert)) || !(key_pem = read_file(key)))) {
        fprintf(stderr, "accord: cannot read %s\n", cert_pem ? key : cert);
        free(cert_pem);
        return CLI_EINPUT;
    }
    o.tls_cert = cert_pem;
    o.tls_key = key_pem;
    /* the server's threads inherit the blocked signals; only sigwait below takes them */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    ac_server *srv;
    ac_error err;
    ac_error_clear(&err);
    ac_status s = ac_server_start(&o, &srv, &err);
    free(cert_pem);
    free(key_pem);
    if (s)
        return cli_report_error(s, &err);
    int v6 = strchr(addr, ':') != NULL;
    printf("accord serve: %s on %s://%s%s%s:%u/\n", db, cert ? "https" : "http", v6 ? "[" : "",
           addr, v6 ? "]" : "", ac_server_port(srv));
    fflush(stdout);
    if (!cert && !loopback(addr))
        fprintf(stderr, "accord serve: warning: plain HTTP on a non-loopback address sends "
                        "tokens in the clear; use --tls-cert/--tls-key or a TLS reverse proxy\n");
    int sig = 0;
    sigwait(&set, &sig);
    ac_server_stop(srv);
    fprintf(stderr, "accord serve: stopped\n");
    return CLI_OK;
}
