/* `accord sweep MODEL --runs N`: a Monte Carlo sweep of simulated talks (ac_sweep_run)
 * over the model's uncertainty, events and the chosen strategies, printed as a summary
 * or JSON. The output never mentions the thread count: it is the same bytes for any
 * --threads, which the tests check. The progress bar goes to stderr, only to a terminal. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

struct sweep_csv {
    const ac_model *m;
    const ac_sweep *s;
};

static ac_status sweep_csv(FILE *fp, const void *ctx, ac_error *err)
{
    const struct sweep_csv *c = ctx;
    return ac_sweep_write_csv(fp, c->m, c->s, err);
}

static void print_text(FILE *fp, const ac_model *m, const cli_sim_args *a, const ac_sweep *s)
{
    size_t n = ac_sweep_n_parties(s), K = ac_sweep_n_issues(s);
    uint64_t runs = ac_sweep_runs(s), deals = ac_sweep_deals(s);
    char buf[64], b2[64], b3[32], b4[32];
    double lo, hi;
    fprintf(fp, "Sweep: %llu runs of %s talks", (unsigned long long)runs,
            ac_protocol_name(a->talks.protocol));
    if (a->talks.protocol == AC_PROTO_MEDIATED)
        fprintf(fp, " (%s)", ac_variant_name(a->talks.variant));
    fprintf(fp, ", deadline %u rounds, seed %llu\n",
            a->talks.rounds ? a->talks.rounds : AC_TALKS_ROUNDS_DEFAULT,
            (unsigned long long)a->seed);
    fprintf(fp, "Strategies:");
    for (size_t i = 0; i < n; i++)
        fprintf(fp, " %s %s%s", ac_party_id(m, cli_active_party(m, i)),
                ac_strategy_format(&a->strategies[i], buf, sizeof buf), i + 1 < n ? "," : "\n");
    ac_wilson95(deals, runs, &lo, &hi);
    fprintf(fp, "\nDeal in %s of runs (95%% interval %s to %s)",
            cli_percent(runs ? (double)deals / (double)runs : 0, buf, sizeof buf),
            cli_percent(lo, b3, sizeof b3), cli_percent(hi, b4, sizeof b4));
    if (deals)
        fprintf(fp, ", on average at round %.1f", (double)ac_sweep_rounds_sum(s) / (double)deals);
    fprintf(fp, ".\n\nExpected utility (no deal counts the reservation):\n");
    fprintf(fp, "  %-18s %8s %19s %14s\n", "party", "mean", "95% interval", "mean in deals");
    for (size_t i = 0; i < n; i++) {
        double mean;
        ac_mean95(ac_sweep_utility_sum(s, i), ac_sweep_utility_sq(s, i), runs, &mean, &lo, &hi);
        fprintf(fp, "  %-18s %8.3f   [%6.3f, %6.3f] ",
                cli_fit(ac_party_name(m, cli_active_party(m, i)), 18, buf, sizeof buf), mean, lo, hi);
        if (deals)
            fprintf(fp, "%14.3f\n", ac_sweep_deal_utility_sum(s, i) / (double)deals);
        else
            fprintf(fp, "%14s\n", "-");
    }
    if (!deals)
        return;
    fprintf(fp, "\nAgreed option on every point (share of deals):\n");
    for (size_t k = 0; k < K; k++) {
        fprintf(fp, "  %-30s", cli_fit(ac_issue_title(m, k), 30, buf, sizeof buf));
        const char *sep = " ";
        for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
            uint64_t c = ac_sweep_option_count(s, k, o);
            if (!c)
                continue;
            fprintf(fp, "%s%s %s", sep, ac_option_id(m, k, o),
                    cli_percent((double)c / (double)deals, b2, sizeof b2));
            sep = ", ";
        }
        fputc('\n', fp);
    }
    fprintf(fp, "\nMost frequent agreements (%zu distinct):\n", ac_sweep_n_agreements(s));
    for (size_t q = 0; q < ac_sweep_n_agreements(s) && q < 5; q++) {
        const uint32_t *outcome;
        uint64_t count;
        ac_sweep_agreement(s, q, &outcome, &count);
        ac_wilson95(count, runs, &lo, &hi);
        fprintf(fp, "  #%zu  %s of runs (%s to %s):", q + 1,
                cli_percent((double)count / (double)runs, buf, sizeof buf),
                cli_percent(lo, b3, sizeof b3), cli_percent(hi, b4, sizeof b4));
        for (size_t k = 0; k < K; k++)
            fprintf(fp, " %s=%s", ac_issue_id(m, k), ac_option_id(m, k, outcome[k]));
        fputc('\n', fp);
    }
}

static int run_sweep(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_sweep;
    const char *path = NULL, *csv = NULL;
    int json = 0, options_done = 0, rc, runs_set = 0, mpi = 0, rank = 0, size = 1;
    cli_sim_args a;
    cli_sim_args_init(&a);
    ac_sweep_opts so;
    ac_sweep_opts_init(&so);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v;
        int r;
        unsigned long long x;
        if (!options_done && !strcmp(arg, "--")) {
            options_done = 1;
        } else if (!options_done && cli_is_option(arg)) {
            if (!strcmp(arg, "--json")) {
                json = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--csv", &v))) {
                if (r < 0) {
                    cli_sim_args_free(&a);
                    return CLI_EUSAGE;
                }
                csv = v;
            } else if (!strcmp(arg, "--mpi")) {
                if (!cli_sweep_mpi_available() && cli_full_available()) {
                    cli_sim_args_free(&a);
                    return cli_full_exec(); /* accord-full has MPI when the build has it */
                }
                if (!cli_sweep_mpi_available()) {
                    cli_sim_args_free(&a);
                    return cli_usage_error(c, "--mpi: this accord was built without MPI "
                                              "(cmake -DACCORD_MPI=ON)");
                }
                mpi = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--runs", &v))) {
                if (r < 0 || cli_parse_count(v, 1000000000000ULL, &x) || x == 0) {
                    cli_sim_args_free(&a);
                    return r < 0 ? CLI_EUSAGE
                                 : cli_usage_error(c, "--runs needs a whole number from 1 to "
                                                      "1e12, not '%s'", v);
                }
                so.runs = x;
                runs_set = 1;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--threads", &v))) {
                if (r < 0 || cli_parse_count(v, 4096, &x)) {
                    cli_sim_args_free(&a);
                    return r < 0 ? CLI_EUSAGE
                                 : cli_usage_error(c, "--threads needs a whole number from 0 "
                                                      "(one per core) to 4096, not '%s'", v);
                }
                so.threads = (int)x;
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
    if (!path || !runs_set) {
        cli_sim_args_free(&a);
        return cli_usage_error(c, path ? "missing --runs N" : "missing MODEL");
    }
    if (mpi && cli_sweep_mpi_begin(&rank, &size)) {
        cli_sim_args_free(&a);
        fprintf(stderr, "accord: MPI could not start\n");
        return CLI_EINTERNAL;
    }
    ac_model *m;
    rc = cli_load_model(path, &m);
    if (rc) {
        cli_sim_args_free(&a);
        if (mpi)
            cli_sweep_mpi_end();
        return rc;
    }
    rc = cli_sim_resolve(c, m, &a);
    if (!rc) {
        so.seed = a.seed;
        so.talks = a.talks;
        so.rank = rank;
        so.ranks = size;
        cli_progress prog;
        cli_progress_init(&prog);
        prog.enabled &= rank == 0; /* one bar, from rank 0's share */
        if (prog.enabled) {
            so.progress = cli_progress_update;
            so.progress_ctx = &prog;
        }
        ac_sweep *s = NULL;
        ac_error err;
        ac_error_clear(&err);
        ac_status st = ac_sweep_run(m, &so, &s, &err);
        cli_progress_done(&prog);
        if (st != AC_OK) {
            rc = cli_report_error(st, &err);
            if (mpi)
                cli_sweep_mpi_merge(NULL, rank, size); /* the other ranks wait: abort them */
        } else if (mpi && cli_sweep_mpi_merge(s, rank, size)) {
            fprintf(stderr, "accord: merging the ranks' results failed\n");
            rc = CLI_EINTERNAL;
        } else if (rank != 0) {
            /* rank 0 prints the merged sweep */
        } else if (csv && (rc = cli_write_csv(csv, sweep_csv, &(struct sweep_csv){m, s}))) {
            /* reported */
        } else if (json) {
            st = ac_sweep_write_json(stdout, m, &so, s, &err);
            if (st != AC_OK)
                rc = cli_report_error(st, &err);
        } else {
            print_text(stdout, m, &a, s);
        }
        ac_sweep_free(s);
    }
    cli_sim_args_free(&a);
    ac_model_free(m);
    if (mpi)
        cli_sweep_mpi_end();
    return rc;
}

const cli_command cli_cmd_sweep = {
    .name = "sweep",
    .summary = "Monte Carlo sweep of simulated talks over the model's uncertainty",
    .usage = "accord sweep MODEL --runs N [--threads N] [--seed S] [--json] [--mpi]\n"
             "                    [--protocol mediated|shuttle|alternating] [--variant V]\n"
             "                    [--strategy PARTY=NAME[:PARAM]]... [--rounds N] [--csv FILE]",
    .help = "Runs the simulated talks N times, each time on preferences drawn from the\n"
            "model's uncertainty (weights, values, reservations) and with its events, and\n"
            "reports the probability of a deal, the agreed option on every point, the\n"
            "expected utilities and the most frequent agreements, with 95% intervals\n"
            "(Wilson for shares, normal for means). Run i is seeded from (S, i) alone: the\n"
            "output is the same bytes for any --threads. See docs/simulate.md.\n\n"
            "Options:\n"
            "  --runs N          number of runs (required)\n"
            "  --threads N       worker threads; 0 (default) is one per core\n"
            "  --seed S          the sweep's seed (default 1)\n"
            "  --json            print JSON instead of the summary\n"
            "  --mpi             split the runs across MPI ranks (mpirun -n K accord sweep\n"
            "                    ... --mpi; builds with cmake -DACCORD_MPI=ON); rank 0\n"
            "                    prints the same bytes as one process would\n"
            "  --csv FILE        also write the results as CSV to FILE ('-': standard output):\n"
            "                    rows deal, mean_round, utility per party, option per point\n"
            "  --protocol, --variant, --strategy, --rounds: as for accord simulate\n",
    .run = run_sweep,
};
