/* `accord serve`: the command's name and help. What it runs, cli_serve_run, lives in
 * cli_serve_run.c (accord-full) or execs accord-full (cli_full.c), so that the usual
 * command does not load the HTTP and TLS libraries. */
#include "cli/cli.h"

const cli_command cli_cmd_serve = {
    .name = "serve",
    .summary = "the review server: each party reviews the draft from its own browser",
    .usage = "accord serve DB [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
             "                    [--threads N] [--max-connections N] [--timeout S] [--max-body B]\n"
             "       accord plan token DB PARTY|mediator [--revoke]",
    .help =
        "Serves the record DB (kept by 'accord plan') over HTTP: each party signs in with\n"
        "its own token, sees the current draft and its history, records its stance, note\n"
        "and suggested option on every point, and edits its own preferences, which\n"
        "nobody else reads; the mediator sees every stance and note, progress, impasses,\n"
        "the smallest revision every side accepts and package trades (computed from the\n"
        "parties' confidential preferences without showing them) and publishes the next\n"
        "version. Pages at /, a JSON API at /api/v1/ (docs/serve.md). Every write is one\n"
        "transaction, answered after its commit. Stops on SIGINT or SIGTERM.\n\n"
        "  --listen ADDR:PORT    where to listen (default 127.0.0.1:8640; port 0: any free\n"
        "                        port, printed on start)\n"
        "  --tls-cert FILE       PEM certificate (chain) for HTTPS, with --tls-key FILE;\n"
        "                        without them plain HTTP, for loopback behind a TLS proxy\n"
        "  --threads N           worker threads (default 4)\n"
        "  --max-connections N   open connections at most (default 256; 64 per address)\n"
        "  --timeout S           seconds a connection may stay idle (default 15)\n"
        "  --max-body B          bytes of a request body at most (default 65536)\n\n"
        "Tokens: 'accord plan token DB PARTY' prints a new token for a party ('mediator'\n"
        "for the mediator), once; only its hash is stored. --revoke ends every token of\n"
        "that party.\n",
    .run = cli_serve_run,
};
