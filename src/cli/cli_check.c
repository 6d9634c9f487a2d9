/* `accord check MODEL`: validates a model file. Problems go to stderr as
 * file:line:col: message, sorted by position (exit 1); a valid model gets a one-line
 * summary on stdout (exit 0), so scripts and editors can use it alike. */
#include "cli/cli.h"

#include <math.h>
#include <string.h>

static void print_conflict(const ac_conflict *c)
{
    size_t d = ac_conflict_n_dms(c), s = ac_conflict_n_states(c), n = ac_conflict_n_moves(c);
    printf("ok: conflict of %zu decision makers, %zu state%s, %zu move%s\n", d, s,
           s == 1 ? "" : "s", n, n == 1 ? "" : "s");
}

static int run_check(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            if (i + 1 < argc && !path)
                path = argv[++i];
            if (i + 1 < argc)
                return cli_usage_error(&cli_cmd_check, "unexpected argument '%s'", argv[i + 1]);
            break;
        }
        if (cli_is_option(a))
            return cli_usage_error(&cli_cmd_check, "unknown option '%s'", a);
        if (path)
            return cli_usage_error(&cli_cmd_check, "unexpected argument '%s'", a);
        path = a;
    }
    if (!path)
        return cli_usage_error(&cli_cmd_check, "missing MODEL");

    ac_model *m;
    int rc = cli_load_model_any(path, &m);
    if (rc)
        return rc;
    const ac_conflict *cf = ac_model_conflict(m);
    if (cf && !ac_model_n_issues(m)) {
        print_conflict(cf);
        ac_model_free(m);
        return CLI_OK;
    }
    ac_space *s;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_space_new(m, &s, &err);
    if (st) {
        ac_model_free(m);
        return cli_report_error(st, &err);
    }
    size_t np = ac_model_n_parties(m);
    char count[48];
    int overflow = ac_space_outcomes_overflow(s);
    double lg = ac_space_outcomes_log10(s);
    if (overflow && lg >= 300)
        snprintf(count, sizeof count, "about 10^%.1f", lg); /* past double's range */
    else if (overflow)
        cli_sci(pow(10.0, lg), count, sizeof count);
    else
        ac_u128_str(ac_space_outcomes(s), count, sizeof count);
    printf("ok: %zu part%s (%zu active), %zu issue%s, %s outcome%s\n", np, np == 1 ? "y" : "ies",
           ac_space_n_parties(s), ac_model_n_issues(m), ac_model_n_issues(m) == 1 ? "" : "s", count,
           !overflow && ac_u128_double(ac_space_outcomes(s)) == 1 ? "" : "s");
    if (cf)
        print_conflict(cf);
    ac_space_free(s);
    ac_model_free(m);
    return CLI_OK;
}

const cli_command cli_cmd_check = {
    .name = "check",
    .summary = "validate a model file; print every problem as file:line:col",
    .usage = "accord check MODEL",
    .help = "Reads MODEL and checks it against the model format (docs/model-format.md).\n"
            "Every problem is printed on standard error as 'file:line:col: message', in\n"
            "file order, and the exit status is 1. A valid model gets a one-line summary:\n"
            "  ok: N parties (M active), K issues, X outcomes\n"
            "and a model with a conflict section (docs/stability.md) one more:\n"
            "  ok: conflict of D decision makers, S states, M moves\n",
    .run = run_check,
};
