/* `accord plan token DB PARTY|mediator [--revoke]`: a new access token for the review
 * server (accord serve), printed once on standard output and never again: the record
 * keeps only its SHA-256. --revoke ends every live token of that party (or of the
 * mediator) instead; sessions signed in with them end on their next request. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cli_plan_token(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_plan;
    const char *db = NULL, *subject = NULL;
    int revoke = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--revoke"))
            revoke = 1;
        else if (cli_is_option(argv[i]))
            return cli_usage_error(c, "unknown option '%s' for token", argv[i]);
        else if (!db)
            db = argv[i];
        else if (!subject)
            subject = argv[i];
        else
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
    }
    if (!db || !subject)
        return cli_usage_error(c, "token needs DB and a party id or 'mediator'");
    ac_ledger *lg;
    int rc = cli_plan_open(db, 0, &lg);
    if (rc)
        return rc;
    ac_error err;
    ac_error_clear(&err);
    ac_status s;
    if (revoke) {
        size_t n = 0;
        s = ac_ledger_token_revoke(lg, subject, &n, &err);
        if (!s)
            printf("revoked %zu token%s of %s\n", n, n == 1 ? "" : "s", subject);
    } else {
        char token[AC_SERVE_TOKEN_LEN + 1], hash[AC_SERVE_HASH_LEN + 1];
        s = ac_serve_token_new(token, hash, &err);
        if (!s)
            s = ac_ledger_token_add(lg, subject, hash, &err);
        if (!s) {
            printf("%s\n", token);
            fprintf(stderr, "accord: saved a token for %s; only its hash is kept, so this is "
                            "the only time it is shown\n", subject);
        }
        memset(token, 0, sizeof token);
    }
    if (s)
        rc = cli_report_error(s, &err);
    ac_ledger_close(lg);
    return rc;
}
