/* `accord demo`: the main job on the embedded model (@default), for a first look
 * without writing a model: a short note on what the model is and how far to trust it,
 * then the same report `accord analyze @default` prints, `accord mediate @default`, a
 * simulated mediated talk with the model's events, the status of the example record of
 * the real talks (when one is given), and the HTML report, whose path it prints; it ends
 * with a summary of the talks (cli_demo_summary.c), the part a newcomer reads first. */
#include "cli/cli.h"

#include <stdint.h>
#include <string.h>

#define DEMO_REPORT "accord-demo-report.html"
#define DEMO_FRONTIER_ROWS 5
#define DEMO_TRADES 3

/* Where to look next: the plan with the United States as a party, whose analysis takes
 * a few seconds more than the demo should (so it is named, not run). */
static int demo_us_hint(void)
{
    ac_model *us;
    int rc = cli_load_model("@us-interests", &us);
    if (rc)
        return rc;
    size_t active = 0, n = ac_model_n_parties(us);
    for (size_t i = 0; i < n; i++)
        active += ac_party_role(us, i) != AC_ROLE_MEDIATOR;
    printf("\nWith the United States as a party of its own rather than the mediator (%zu active\n"
           "parties; docs/scale.md):\n  accord analyze @us-interests\n",
           active);
    ac_model_free(us);
    return CLI_OK;
}

static int run_demo(int argc, char **argv)
{
    const char *ledger = NULL, *report = DEMO_REPORT, *v;
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_option_value(&cli_cmd_demo, argc, argv, &i, "--ledger", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            ledger = v;
        } else if ((r = cli_option_value(&cli_cmd_demo, argc, argv, &i, "-o", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            report = v;
        } else {
            return cli_usage_error(&cli_cmd_demo,
                                   cli_is_option(argv[i]) ? "unknown option '%s'"
                                                          : "unexpected argument '%s'",
                                   argv[i]);
        }
    }
    ac_model *m;
    int rc = cli_load_model("@default", &m);
    if (rc)
        return rc;
    /* Without --ledger the demo builds the example record itself, in a temporary file. */
    char tmp_dir[4096] = "", tmp_db[4200] = "";
    if (!ledger) {
        rc = cli_demo_record(tmp_dir, sizeof tmp_dir, tmp_db, sizeof tmp_db);
        if (rc) {
            if (tmp_db[0])
                cli_demo_record_remove(tmp_dir, tmp_db);
            ac_model_free(m);
            return rc;
        }
        ledger = tmp_db;
    }
    printf("accord demo: the embedded model\n\n");
    cli_wrap(stdout,
             "An illustrative model of the 2025 peace plan talks on Ukraine. The parties' "
             "weights, values, red lines and reservation values are estimates made for "
             "the illustration, not positions the parties have stated; read the numbers "
             "as the consequences of those estimates. The model's file is "
             "data/peace-plan-2025.yaml; 'accord analyze @default --json' gives the same "
             "analysis as JSON.",
             2, 78);
    printf("\n");
    fflush(stdout); /* the header before the progress bar, when both go to a terminal */
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    /* a first look: the frontier's first points and the best trades, not all of them */
    cli_report_opts ro = {DEMO_FRONTIER_ROWS, 0, AC_AGREE_WITHIN_DEFAULT, NULL};
    rc = cli_analyze_model(m, &ao, &ro, 0);
    if (!rc) {
        /* The mediator's view of the same draft: stances, impasses, smallest revision. */
        printf("\nMediation: impasses and the smallest revision every side accepts\n");
        ac_mediate_opts mo;
        ac_mediate_opts_init(&mo);
        mo.agree_within = ro.agree_within;
        mo.trades = DEMO_TRADES;
        rc = cli_mediate_model(m, &mo, 0, 1, NULL);
    }
    if (!rc) {
        printf("\nA simulated mediated talk, with the model's events\n");
        fflush(stdout);
        rc = cli_simulate_demo(stdout, m, NULL);
    }
    if (!rc && ledger) {
        printf("\nThe record of the real talks (%s)\n",
               tmp_db[0] ? "the example record, built from data/make-example-record.sh" : ledger);
        fflush(stdout);
        char *args[] = {"status", (char *)ledger, NULL};
        rc = cli_plan_status(2, args);
    }
    if (!rc) {
        fflush(stdout);
        rc = cli_report_demo(m, report, ledger);
        if (!rc)
            printf("\nReport written to %s\n", report);
    }
    if (!rc)
        cli_demo_serve_hint(tmp_db[0] ? NULL : ledger);
    if (!rc)
        rc = demo_us_hint();
    if (!rc && ledger)
        rc = cli_demo_summary(stdout, ledger); /* last: what a newcomer reads first */
    if (tmp_db[0])
        cli_demo_record_remove(tmp_dir, tmp_db);
    ac_model_free(m);
    return rc;
}

const cli_command cli_cmd_demo = {
    .name = "demo",
    .summary = "analyse the embedded model (an illustrative 2025 peace plan)",
    .usage = "accord demo [--ledger DB] [-o REPORT.html]",
    .help = "Runs the main job on the embedded model (@default), an illustrative model of\n"
            "the 2025 peace plan talks whose preferences are estimates: the report of\n"
            "'accord analyze @default' (the frontier's first 5 points), 'accord mediate\n"
            "@default' (the 3 best trades), a simulated mediated talk with the model's\n"
            "events, the status of a record of the talks (--ledger DB; by default the\n"
            "example record of the 2025 talks, which the demo builds in a temporary file\n"
            "from the commands of data/make-example-record.sh), the HTML report (-o,\n"
            "default accord-demo-report.html), whose path it prints, and last a summary of\n"
            "the talks: where the sides stand on the record's latest version, why a high\n"
            "count of agreed points is not a deal, the point that blocks it, the smallest\n"
            "revision every side accepts and the odds of a deal in a sweep of simulated\n"
            "talks (the latest version exported, mediated and swept). Before the summary\n"
            "it names @us-interests, the same plan with the United States as a party.\n",
    .run = run_demo,
};
