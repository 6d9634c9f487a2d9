/* `accord simulate MODEL`: one simulated talk (ac_talks_run) printed as a summary, as
 * JSON (--json) and, with --trace, as one JSON line per round. Also home of the options
 * simulate and sweep share (protocol, variant, strategies, rounds, seed) and of
 * cli_simulate_demo(), the short talk `accord demo` shows.
 *
 * The summary measures the result against the model as written: the Nash point and the
 * Pareto frontier come from ac_analyze, and the outcome's utilities for those checks are
 * the model's (events may have moved preferences during the talks; the reported
 * utilities are those at the end). The same seed gives the same bytes. */
#include "cli/cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cli_sim_args_init(cli_sim_args *a)
{
    memset(a, 0, sizeof *a);
    ac_talks_opts_init(&a->talks);
    a->seed = 1;
}

void cli_sim_args_free(cli_sim_args *a)
{
    free(a->strategy_args);
    free(a->strategies);
    a->strategy_args = NULL;
    a->strategies = NULL;
}

int cli_sim_take_option(const cli_command *c, int argc, char **argv, int *i, cli_sim_args *a)
{
    const char *v;
    int r;
    unsigned long long n;
    if ((r = cli_option_value(c, argc, argv, i, "--protocol", &v))) {
        if (r < 0)
            return -CLI_EUSAGE;
        if (ac_protocol_parse(v, &a->talks.protocol))
            return -cli_usage_error(c, "--protocol is mediated, shuttle or alternating, not '%s'", v);
    } else if ((r = cli_option_value(c, argc, argv, i, "--variant", &v))) {
        if (r < 0)
            return -CLI_EUSAGE;
        if (ac_variant_parse(v, &a->talks.variant))
            return -cli_usage_error(c, "--variant is hill, veto or anneal, not '%s'", v);
    } else if ((r = cli_option_value(c, argc, argv, i, "--rounds", &v))) {
        if (r < 0)
            return -CLI_EUSAGE;
        if (cli_parse_count(v, 100000000, &n) || n == 0)
            return -cli_usage_error(c, "--rounds needs a whole number from 1 to 1e8, not '%s'", v);
        a->talks.rounds = (unsigned)n;
    } else if ((r = cli_option_value(c, argc, argv, i, "--seed", &v))) {
        if (r < 0)
            return -CLI_EUSAGE;
        if (cli_parse_count(v, UINT64_MAX, &n))
            return -cli_usage_error(c, "--seed needs a whole number >= 0, not '%s'", v);
        a->seed = n;
    } else if ((r = cli_option_value(c, argc, argv, i, "--strategy", &v))) {
        if (r < 0)
            return -CLI_EUSAGE;
        const char *eq = strchr(v, '=');
        ac_strategy s;
        if (!eq || eq == v || ac_strategy_parse(eq + 1, &s))
            return -cli_usage_error(c, "--strategy needs PARTY=NAME[:PARAM] with NAME boulware, "
                                       "linear, conceder, tit-for-tat, hardliner or random, "
                                       "not '%s'", v);
        const char **p = realloc(a->strategy_args, (a->n_strategy_args + 1) * sizeof *p);
        if (!p)
            return -CLI_EINTERNAL;
        a->strategy_args = p;
        p[a->n_strategy_args++] = v;
    } else {
        return 0;
    }
    return 1;
}

int cli_sim_resolve(const cli_command *c, const ac_model *m, cli_sim_args *a)
{
    size_t np = ac_model_n_parties(m), n = 0;
    for (size_t p = 0; p < np; p++)
        n += ac_party_role(m, p) == AC_ROLE_PARTY;
    a->strategies = calloc(n ? n : 1, sizeof *a->strategies);
    if (!a->strategies)
        return CLI_EINTERNAL;
    for (size_t i = 0; i < n; i++)
        ac_strategy_default(&a->strategies[i]);
    for (size_t j = 0; j < a->n_strategy_args; j++) {
        const char *v = a->strategy_args[j], *eq = strchr(v, '=');
        char id[AC_ID_MAX + 1];
        size_t len = (size_t)(eq - v);
        if (len > AC_ID_MAX)
            return cli_usage_error(c, "--strategy: no party '%.*s'", (int)len, v);
        memcpy(id, v, len);
        id[len] = 0;
        size_t p = ac_party_find(m, id);
        if (p == AC_NONE || ac_party_role(m, p) != AC_ROLE_PARTY)
            return cli_usage_error(c, "--strategy: no party '%s' (a mediator has no strategy)", id);
        size_t i = 0;
        for (size_t q = 0; q < p; q++)
            i += ac_party_role(m, q) == AC_ROLE_PARTY;
        ac_strategy_parse(eq + 1, &a->strategies[i]);
    }
    a->talks.strategy = a->strategies;
    return 0;
}

/* ---- one talk ---- */

/* The course of the talks for the summary (rounds where something changed) and the
 * trace, one JSON line per round. */
typedef struct sim_ctx {
    const ac_model *m;
    FILE *trace;
    FILE *log;
    size_t log_lines, log_max;
    size_t last_accepting;
    size_t n;
} sim_ctx;

static void observe(void *ctx, const ac_talks_round *r)
{
    sim_ctx *c = ctx;
    const ac_model *m = c->m;
    size_t n = c->n;
    size_t accepting = 0;
    for (size_t i = 0; i < n; i++)
        accepting += r->accept[i];
    if (c->log && (r->n_fired || accepting != c->last_accepting || r->round == 1) &&
        c->log_lines < c->log_max) {
        fprintf(c->log, "  round %4u  t=%.2f  %zu of %zu accept", r->round, r->t, accepting, n);
        if (r->proposer != AC_NONE)
            fprintf(c->log, "  (offer by %s)", ac_party_id(m, cli_active_party(m, r->proposer)));
        for (size_t e = 0; e < r->n_fired; e++) {
            const ac_event *ev = ac_model_event(m, r->fired[e]);
            fprintf(c->log, "%s event: %s", e ? ";" : "", ac_party_id(m, ev->party));
            if (ev->has_reservation)
                fprintf(c->log, " reservation %+.2f", ev->reservation);
            if (ev->n_weights)
                fprintf(c->log, " weights moved");
        }
        fputc('\n', c->log);
        c->log_lines++;
    }
    c->last_accepting = accepting;
    if (c->trace)
        ac_talks_round_write_json(c->trace, m, r, NULL); /* a failed write shows at fclose */
}

static void print_text(FILE *fp, const ac_model *m, const cli_sim_args *a,
                       const ac_simulation *res, const char *course)
{
    size_t n = res->n_parties, K = ac_model_n_issues(m);
    unsigned R = a->talks.rounds ? a->talks.rounds : AC_TALKS_ROUNDS_DEFAULT;
    char buf[32];
    fprintf(fp, "Simulated talks: %s", ac_protocol_name(a->talks.protocol));
    if (a->talks.protocol == AC_PROTO_MEDIATED)
        fprintf(fp, " single text (%s)", ac_variant_name(a->talks.variant));
    fprintf(fp, ", deadline %u rounds, seed %llu\n", R, (unsigned long long)a->seed);
    fprintf(fp, "Strategies:");
    for (size_t i = 0; i < n; i++)
        fprintf(fp, " %s %s%s", ac_party_id(m, res->party[i]),
                ac_strategy_format(&a->strategies[i], buf, sizeof buf), i + 1 < n ? "," : "\n");
    if (course && *course)
        fprintf(fp, "\nCourse of the talks:\n%s", course);
    if (res->deal)
        fprintf(fp, "\nDeal at round %u of %u (t = %.2f).\n", res->round, R, res->t);
    else
        fprintf(fp, "\nNo deal by the deadline (round %u). The last text:\n", R);
    if (res->deal)
        fprintf(fp, "Agreed text:\n");
    for (size_t k = 0; k < K; k++) {
        char b1[64], b2[64];
        fprintf(fp, "  %-30s %s\n", cli_fit(ac_issue_title(m, k), 30, b1, sizeof b1),
                cli_fit(ac_option_title(m, k, res->outcome[k]), 60, b2, sizeof b2));
    }
    fprintf(fp, "\n  %-18s %9s %11s %12s\n", "party", "utility", "discounted", "reservation");
    for (size_t i = 0; i < n; i++) {
        char b1[64];
        fprintf(fp, "  %-18s %9.3f %11.3f %12.3f\n",
                cli_fit(ac_party_name(m, res->party[i]), 18, b1, sizeof b1),
                res->utility[i], res->discounted[i], res->reservation[i]);
    }
    if (res->has_nash)
        fprintf(fp, "\nDistance to the Nash point: %.3f (in utility space, the model as written)\n",
                res->nash_distance);
    else
        fprintf(fp, "\nNo Nash point: the ZOPA of the model as written is empty.\n");
    fprintf(fp, "Pareto optimal: %s\n", res->pareto_optimal ? "yes" : "no");
}

static int simulate(FILE *out, const ac_model *m, cli_sim_args *a, const char *trace_path,
                    int json, size_t log_max, const ac_analysis *given)
{
    ac_error err;
    ac_error_clear(&err);
    ac_analysis *an = NULL;
    ac_simulation *res = NULL;
    FILE *trace = NULL;
    char *course = NULL;
    size_t course_len = 0;
    int rc = CLI_OK;
    ac_status st;
    if (!given) {
        ac_analyze_opts ao;
        ac_analyze_opts_init(&ao);
        st = ac_analyze(m, &ao, &an, &err);
        if (st != AC_OK) {
            rc = cli_report_error(st, &err);
            goto out;
        }
        given = an;
    }
    if (trace_path) {
        trace = fopen(trace_path, "w");
        if (!trace) {
            fprintf(stderr, "accord: cannot write %s\n", trace_path);
            rc = CLI_EINPUT;
            goto out;
        }
    }
    sim_ctx c = {m, trace, NULL, 0, log_max, 0, 0};
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        c.n += ac_party_role(m, p) == AC_ROLE_PARTY;
    if (!json && log_max)
        c.log = open_memstream(&course, &course_len);
    ac_simulate_opts so;
    ac_simulate_opts_init(&so);
    so.talks = a->talks;
    so.seed = a->seed;
    so.observer = observe;
    so.observer_ctx = &c;
    st = ac_simulate(m, &so, given, &res, &err);
    if (c.log)
        fclose(c.log);
    if (st != AC_OK) {
        rc = cli_report_error(st, &err);
        goto out;
    }
    if (json) {
        st = ac_simulation_write_json(out, m, res, &err);
        if (st != AC_OK)
            rc = cli_report_error(st, &err);
    } else
        print_text(out, m, a, res, course);
out:
    if (trace && fclose(trace) != 0 && rc == CLI_OK) {
        fprintf(stderr, "accord: error writing %s\n", trace_path);
        rc = CLI_EINPUT;
    }
    free(course);
    ac_simulation_free(res);
    ac_analysis_free(an);
    return rc;
}

int cli_simulate_demo(FILE *out, const ac_model *m, const ac_analysis *a0)
{
    cli_sim_args a;
    cli_sim_args_init(&a);
    int rc = cli_sim_resolve(&cli_cmd_simulate, m, &a);
    if (!rc)
        rc = simulate(out, m, &a, NULL, 0, 20, a0);
    cli_sim_args_free(&a);
    return rc;
}

static int run_simulate(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_simulate;
    const char *path = NULL, *trace = NULL;
    int json = 0, options_done = 0, rc;
    cli_sim_args a;
    cli_sim_args_init(&a);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        int r;
        if (!options_done && !strcmp(arg, "--")) {
            options_done = 1;
        } else if (!options_done && cli_is_option(arg)) {
            if (!strcmp(arg, "--json")) {
                json = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--trace", &v))) {
                if (r < 0) {
                    cli_sim_args_free(&a);
                    return CLI_EUSAGE;
                }
                trace = v;
            } else if ((r = cli_sim_take_option(c, argc, argv, &i, &a)) <= 0) {
                cli_sim_args_free(&a);
                return r < 0 ? -r : cli_usage_error(c, "unknown option '%s'", arg);
            }
        } else if (path) {
            cli_sim_args_free(&a);
            return cli_usage_error(c, "unexpected argument '%s'", arg);
        } else {
            path = arg;
        }
    }
    if (!path) {
        cli_sim_args_free(&a);
        return cli_usage_error(c, "missing MODEL");
    }
    ac_model *m;
    rc = cli_load_model(path, &m);
    if (rc) {
        cli_sim_args_free(&a);
        return rc;
    }
    rc = cli_sim_resolve(c, m, &a);
    if (!rc)
        rc = simulate(stdout, m, &a, trace, json, 40, NULL);
    cli_sim_args_free(&a);
    ac_model_free(m);
    return rc;
}

const cli_command cli_cmd_simulate = {
    .name = "simulate",
    .summary = "simulated talks: mediated single text, shuttle, alternating offers",
    .usage = "accord simulate MODEL [--protocol mediated|shuttle|alternating]\n"
             "                       [--variant hill|veto|anneal] [--strategy PARTY=NAME[:PARAM]]...\n"
             "                       [--rounds N] [--seed S] [--trace FILE.jsonl] [--json]",
    .help = "Simulates one round of talks on MODEL until every party accepts the text or the\n"
            "deadline passes; the model's events move reservations (and weights) on the way\n"
            "and discount factors apply. Prints the result, its distance to the Nash point\n"
            "and whether it is Pareto optimal. See docs/simulate.md.\n\n"
            "Options:\n"
            "  --protocol P      mediated (default): the mediator revises one text from every\n"
            "                    party's answers; shuttle: it meets one party at a time;\n"
            "                    alternating: the parties take turns making offers\n"
            "  --variant V       mediated revisions: hill (default), veto (no party worse off)\n"
            "                    or anneal (seeded random changes)\n"
            "  --strategy P=S    party P's strategy: boulware[:e] (default, e 0.2), linear,\n"
            "                    conceder[:e] (e 2), tit-for-tat, hardliner[:margin] (0.05),\n"
            "                    random\n"
            "  --rounds N        the deadline in rounds (default 100)\n"
            "  --seed S          seed of the random strategy and variant (default 1)\n"
            "  --trace FILE      write one JSON line per round to FILE\n"
            "  --json            print JSON instead of the summary\n",
    .run = run_simulate,
};
