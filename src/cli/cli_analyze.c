/* `accord analyze MODEL`: the whole analysis of a model (ac_analyze) printed as a report
 * for people or, with --json, as the JSON of DESIGN §5. Also home of
 * cli_analyze_model(), which `accord demo` shares, so both print the same report.
 *
 * The progress bar goes to stderr and only to a terminal: stdout carries the report and
 * nothing else, which is what lets `--json | jq` work. */
#include "cli/cli.h"

#include <stdint.h>
#include <string.h>

struct frontier_csv {
    const ac_model *m;
    const ac_analysis *a;
    size_t limit;
};

static ac_status frontier_csv(FILE *fp, const void *ctx, ac_error *err)
{
    const struct frontier_csv *c = ctx;
    return ac_analysis_write_csv(fp, c->m, c->a, c->limit, err);
}

int cli_analyze_model(const ac_model *m, const ac_analyze_opts *ao, const cli_report_opts *ro,
                      int json)
{
    cli_progress prog;
    cli_progress_init(&prog);
    ac_analyze_opts o = *ao;
    if (prog.enabled) {
        o.progress = cli_progress_update;
        o.progress_ctx = &prog;
    }
    if (!o.max_memory)
        o.max_memory = cli_default_memory_cap();
    o.cancel = cli_interrupt_arm();
    ac_analysis *a = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_analyze(m, &o, &a, &err);
    cli_interrupt_disarm();
    cli_progress_done(&prog);
    if (st != AC_OK) {
        ac_analysis_free(a);
        return cli_report_error(st, &err);
    }
    if (!ac_analysis_complete(a))
        fprintf(stderr, "accord: the analysis is incomplete: %s\n", ac_analysis_stopped(a));
    int rc = CLI_OK;
    if (ro->csv) {
        struct frontier_csv c = {m, a, ro->limit};
        rc = cli_write_csv(ro->csv, frontier_csv, &c);
    }
    if (rc) {
        /* the CSV could not be written: said so already */
    } else if (json) {
        ac_analysis_json_opts jo = {ro->limit, ro->feasible};
        st = ac_analysis_write_json(stdout, m, a, &jo, &err);
        rc = st == AC_OK ? CLI_OK : cli_report_error(st, &err);
    } else {
        rc = cli_report_text(stdout, m, a, ro);
    }
    if (!rc && ac_analysis_interrupted(a))
        rc = CLI_EINTERRUPT;
    ac_analysis_free(a);
    return rc;
}

static int parse_method(const char *v, ac_method *out)
{
    static const ac_method methods[] = {AC_METHOD_AUTO, AC_METHOD_ENUMERATE, AC_METHOD_DP};
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (!strcmp(v, ac_method_name(methods[i]))) {
            *out = methods[i];
            return 0;
        }
    return -1;
}

/* Handles one option; returns 0 when handled, else an exit code (usage error). */
static int take_option(int argc, char **argv, int *i, ac_analyze_opts *ao, cli_report_opts *ro,
                       int *json)
{
    const cli_command *c = &cli_cmd_analyze;
    const char *a = argv[*i], *v;
    int r;
    unsigned long long n;
    if (!strcmp(a, "--json")) {
        *json = 1;
    } else if ((r = cli_option_value(c, argc, argv, i, "--csv", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        ro->csv = v;
    } else if (!strcmp(a, "--feasible")) {
        ao->feasible = ro->feasible = 1;
    } else if ((r = cli_option_value(c, argc, argv, i, "--limit", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        if (cli_parse_count(v, SIZE_MAX - 1, &n))
            return cli_usage_error(c, "--limit needs a whole number >= 0, not '%s'", v);
        ro->limit = (size_t)n;
    } else if ((r = cli_option_value(c, argc, argv, i, "--threads", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        if (cli_parse_count(v, 4096, &n))
            return cli_usage_error(c, "--threads needs a whole number from 0 (one per core) to "
                                      "4096, not '%s'", v);
        ao->threads = (int)n;
    } else if ((r = cli_option_value(c, argc, argv, i, "--method", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        if (parse_method(v, &ao->method))
            return cli_usage_error(c, "--method is auto, enumerate or dp, not '%s'", v);
    } else if ((r = cli_option_value(c, argc, argv, i, "--max-frontier", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        if (cli_parse_count(v, SIZE_MAX - 1, &n) || !n)
            return cli_usage_error(c, "--max-frontier needs a whole number >= 1, not '%s'", v);
        ao->max_frontier = (size_t)n;
    } else if ((r = cli_option_value(c, argc, argv, i, "--time-limit", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        double x;
        if (cli_parse_real(v, 0, 1e9, &x) || !(x > 0))
            return cli_usage_error(c, "--time-limit needs seconds > 0, not '%s'", v);
        ao->time_limit = x;
    } else if ((r = cli_option_value(c, argc, argv, i, "--max-memory", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        if (cli_parse_count(v, (unsigned long long)(SIZE_MAX >> 20), &n) || !n)
            return cli_usage_error(c, "--max-memory needs megabytes >= 1, not '%s'", v);
        ao->max_memory = (size_t)n << 20;
    } else if ((r = cli_option_value(c, argc, argv, i, "--agree-within", &v))) {
        if (r < 0)
            return CLI_EUSAGE;
        double x;
        if (cli_parse_real(v, 0, 1, &x))
            return cli_usage_error(c, "--agree-within needs a number in [0, 1], not '%s'", v);
        ro->agree_within = x;
        ao->agree_within = x;
    } else {
        return cli_usage_error(c, "unknown option '%s'", a);
    }
    return 0;
}

static int run_analyze(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0, options_done = 0;
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    cli_report_opts ro = {SIZE_MAX, 0, AC_AGREE_WITHIN_DEFAULT, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && !strcmp(a, "--")) {
            options_done = 1;
        } else if (!options_done && cli_is_option(a)) {
            int rc = take_option(argc, argv, &i, &ao, &ro, &json);
            if (rc)
                return rc;
        } else if (path) {
            return cli_usage_error(&cli_cmd_analyze, "unexpected argument '%s'", a);
        } else {
            path = a;
        }
    }
    if (!path)
        return cli_usage_error(&cli_cmd_analyze, "missing MODEL");
    ac_model *m;
    int rc = cli_load_model(path, &m);
    if (rc)
        return rc;
    rc = cli_analyze_model(m, &ao, &ro, json);
    ac_model_free(m);
    return rc;
}

const cli_command cli_cmd_analyze = {
    .name = "analyze",
    .summary = "outcome space, ZOPA, Pareto frontier, Nash/Kalai/welfare points, draft",
    .usage = "accord analyze MODEL [--json] [--feasible] [--limit N] [--threads N]\n"
             "                      [--method auto|enumerate|dp] [--agree-within X] [--csv FILE]\n"
             "                      [--max-frontier N] [--time-limit S] [--max-memory MB]",
    .help = "Analyses MODEL exactly: the number of outcomes, the ZOPA (outcomes acceptable to\n"
            "every party), the Pareto frontier, the Nash, Kalai-Smorodinsky and welfare\n"
            "points, and, when the model has a draft plan, its utilities, every party's\n"
            "stance on every point and the draft's progress.\n\n"
            "Options:\n"
            "  --json            print JSON (DESIGN.md section 5) instead of the report\n"
            "  --feasible        take the Pareto frontier over the ZOPA only\n"
            "                    (default: over all outcomes, as GENIUS and NegMAS do)\n"
            "  --limit N         list at most N frontier points\n"
            "                    (default: all in JSON, 20 in the report)\n"
            "  --threads N       worker threads; 0 (default) is one per core\n"
            "  --method M        auto (default) picks the cheaper of enumeration and the\n"
            "                    issue-by-issue methods; enumerate or dp forces one\n"
            "  --max-frontier N  stop a frontier (partial ones too) past N points\n"
            "  --time-limit S    stop after S seconds\n"
            "  --max-memory MB   cap a frontier's working memory (default: half the RAM)\n"
            "                    At a limit, or on Ctrl-C, the report says what was not\n"
            "                    computed (JSON: \"exact\": false); a second Ctrl-C quits.\n"
            "  --agree-within X  a party agrees to a point of the draft when the draft's\n"
            "                    option is within X of its best option there (default 0.1)\n"
            "  --csv FILE        also write the Pareto frontier (the points listed) as CSV\n"
            "                    to FILE, '-' for standard output\n",
    .run = run_analyze,
};
