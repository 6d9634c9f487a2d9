/* `accord mediate MODEL`: where the draft stands and how little must change for every
 * side to accept it (ac_mediate), as a report for people or, with --json, as JSON
 * (docs/mediate.md). Also home of cli_mediate_report(), which `accord demo` prints
 * after the analysis.
 *
 * The report leads with what a mediator acts on: stances and progress say where the
 * draft stands, impasses where it is stuck, the revision what to change; the no-deal
 * section replaces the revision when no agreement exists at all. */
#include "cli/cli.h"

#include <stdint.h>
#include <string.h>

static const char *pname(const ac_model *m, const ac_mediation *x, size_t i)
{
    return ac_party_name(m, ac_mediation_party(x, i));
}

/* ---------------------------------------------------------------- text ---- */

static int print_stances(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    size_t np = ac_mediation_n_parties(x), ni = ac_mediation_n_issues(x);
    const uint32_t *draft = ac_mediation_draft(x);
    cli_table *t = cli_table_new(np + 2);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, CLI_ISSUE_COLS);
    size_t used = 2 + CLI_ISSUE_COLS;
    for (size_t i = 0; i < np; i++) {
        size_t w = cli_width(pname(m, x, i));
        used += 2 + (w > CLI_PARTY_COLS ? CLI_PARTY_COLS : w < 9 ? 9 : w);
    }
    cli_table_max_width(t, 1, cli_share_width(fp, used, 1));
    for (size_t c = 2; c < np + 2; c++)
        cli_table_max_width(t, c, CLI_PARTY_COLS);
    cli_table_cell(t, "point");
    cli_table_cell(t, "draft");
    for (size_t i = 0; i < np; i++)
        cli_table_cell(t, "%s", pname(m, x, i));
    cli_table_header_done(t);
    for (size_t k = 0; k < ni; k++) {
        cli_table_cell(t, "%s%s", ac_issue_title(m, k), ac_model_locked(m, k) ? " [locked]" : "");
        cli_table_cell(t, "%s", ac_option_title(m, k, draft[k]));
        for (size_t i = 0; i < np; i++)
            cli_table_cell(t, "%s", ac_stance_name(ac_mediation_stance(x, i, k)));
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

static void print_progress(FILE *fp, const ac_model *m, const ac_mediation *x, double within)
{
    ac_progress prog = ac_mediation_progress(x);
    const ac_progress *p = &prog;
    double by_count = p->of ? 100.0 * (double)p->points / (double)p->of : 0;
    double by_weight = 100.0 * p->weighted;
    fprintf(fp, "\nProgress\n  %zu of %zu point%s agreed by every party (%.0f%%); weighted by "
                "salience %.0f%%.\n",
            p->points, p->of, p->of == 1 ? "" : "s", by_count, by_weight);
    char buf[2048];
    size_t len = (size_t)snprintf(buf, sizeof buf, "Each party's own weight on the agreed points:");
    for (size_t i = 0; i < ac_mediation_n_parties(x) && len < sizeof buf; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s %.0f%%", i ? "," : "",
                                pname(m, x, i), 100.0 * ac_mediation_progress_by_party(x, i));
    if (len < sizeof buf)
        snprintf(buf + len, sizeof buf - len, ".");
    cli_wrap(fp, buf, 2, 78);
    if (by_count - by_weight > 15)
        fprintf(fp, "  The count flatters the draft: the points still open are the ones the\n"
                    "  parties care about most.\n");
    else if (by_weight - by_count > 15)
        fprintf(fp, "  The count undersells the draft: the points already agreed are the ones\n"
                    "  the parties care about most.\n");
    fprintf(fp, "  (A party agrees to a point when the draft's option is within %g of its best\n"
                "  option there; it rejects an option on its red line; else it criticises.)\n",
            within);
}

static void print_impasses(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    fprintf(fp, "\nImpasses\n");
    size_t n_hard = ac_mediation_n_hard(x), n_soft = ac_mediation_n_soft(x);
    if (!n_hard)
        fprintf(fp, "  hard: none (every point has an option no party's red line forbids)\n");
    for (size_t a = 0; a < n_hard; a++)
        fprintf(fp, "  hard: %s (every option is on some party's red line)\n",
                ac_issue_title(m, ac_mediation_hard(x, a)));
    if (ac_mediation_zopa_empty(x))
        fprintf(fp, "  soft: not assessed, no agreement exists (below)\n");
    else if (!n_soft)
        fprintf(fp, "  soft: none (every point can stay as drafted in some agreement)\n");
    for (size_t a = 0; a < n_soft; a++) {
        char buf[1024];
        size_t k = ac_mediation_soft(x, a);
        snprintf(buf, sizeof buf, "soft: %s (no agreement keeps the draft's \"%s\")",
                 ac_issue_title(m, k), ac_option_title(m, k, ac_mediation_draft(x)[k]));
        cli_wrap(fp, buf, 2, 78);
    }
}

static int print_revision(FILE *fp, const ac_model *m, const ac_mediation *x, size_t a)
{
    const ac_revision *r = ac_mediation_revision(x, a);
    const uint32_t *draft = ac_mediation_draft(x);
    size_t np = ac_mediation_n_parties(x), ni = ac_mediation_n_issues(x);
    /* Titles of options are long and often share their first words, so each change
     * gets its own lines, wrapped, rather than a table that would cut them. */
    for (size_t k = 0; k < ni; k++)
        if (r->outcome[k] != draft[k]) {
            char buf[1024];
            fprintf(fp, "  %s\n", ac_issue_title(m, k));
            snprintf(buf, sizeof buf, "from: %s", ac_option_title(m, k, draft[k]));
            cli_wrap(fp, buf, 4, 78);
            snprintf(buf, sizeof buf, "to:   %s", ac_option_title(m, k, r->outcome[k]));
            cli_wrap(fp, buf, 4, 78);
        }
    if (r->changes)
        fputc('\n', fp);
    cli_table *t = cli_table_new(5);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, 40);
    for (size_t c = 1; c < 5; c++)
        cli_table_align(t, c, CLI_RIGHT);
    cli_table_cell(t, "party");
    cli_table_cell(t, "draft");
    cli_table_cell(t, "revision");
    cli_table_cell(t, "reservation");
    cli_table_cell(t, "margin");
    cli_table_header_done(t);
    for (size_t i = 0; i < np; i++) {
        cli_table_cell(t, "%s", pname(m, x, i));
        double res = ac_space_reservation(ac_mediation_space(x), i);
        cli_table_cell(t, "%.4f", ac_mediation_draft_utility(x)[i]);
        cli_table_cell(t, "%.4f", r->utility[i]);
        cli_table_cell(t, "%.4f", res);
        cli_table_cell(t, "%+.4f", r->utility[i] - res);
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

static int print_revisions(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    if (ac_mediation_zopa_empty(x))
        return 0;
    size_t nl = 0, ni = ac_mediation_n_issues(x), nr = ac_mediation_n_revisions(x);
    for (size_t k = 0; k < ni; k++)
        nl += ac_model_locked(m, k) != 0;
    if (!nr) {
        fprintf(fp, "\nSmallest revision\n  None: no agreement keeps the %zu locked point%s as "
                    "drafted.\n", nl, nl == 1 ? "" : "s");
        return 0;
    }
    for (size_t a = 0; a < nr; a++) {
        const ac_revision *r = ac_mediation_revision(x, a);
        if (a == 0)
            fprintf(fp, "\nSmallest revision every party accepts\n");
        else
            fprintf(fp, "\nRevision #%zu\n", a + 1);
        if (r->changes == 0)
            fprintf(fp, "  The draft itself is acceptable to every party (Nash product %.4g).\n",
                    r->nash);
        else
            fprintf(fp, "  Change %zu of %zu point%s (Nash product %.4g)%s:\n", r->changes,
                    ni, ni == 1 ? "" : "s", r->nash,
                    nl ? ", locked points kept" : "");
        if (print_revision(fp, m, x, a))
            return -1;
    }
    if (nr == 1)
        fprintf(fp, "  (Fewest points changed, then the highest Nash product; --top K lists\n"
                    "  the K best.)\n");
    return 0;
}

static int print_no_deal(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    if (!ac_mediation_zopa_empty(x))
        return 0;
    size_t np = ac_mediation_n_parties(x);
    fprintf(fp, "\nNo deal\n  No agreement exists that every side prefers to no deal.\n\n");
    cli_table *t = cli_table_new(4);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, 40);
    for (size_t c = 1; c < 4; c++)
        cli_table_align(t, c, CLI_RIGHT);
    cli_table_cell(t, "party");
    cli_table_cell(t, "reservation");
    cli_table_cell(t, "best it can get");
    cli_table_cell(t, "drop needed");
    cli_table_header_done(t);
    for (size_t i = 0; i < np; i++) {
        cli_table_cell(t, "%s", pname(m, x, i));
        cli_table_cell(t, "%.4f", ac_space_reservation(ac_mediation_space(x), i));
        double drop;
        const uint32_t *opens;
        if (ac_mediation_drop(x, i, &drop, &opens)) {
            double best = ac_model_utility(m, ac_mediation_party(x, i), opens);
            cli_table_cell(t, "%.4f", best);
            cli_table_cell(t, "%.4f", drop);
        } else {
            cli_table_cell(t, "-");
            cli_table_cell(t, "none works");
        }
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    if (rc)
        return rc;
    fprintf(fp, "  (The drop of one party's reservation value, the others' fixed, that makes\n"
                "  some outcome free of red lines acceptable to all; \"none works\": red lines\n"
                "  or the others' reservation values exclude every outcome.)\n\n");
    ac_redlines_status rl = ac_mediation_redlines(x);
    if (rl == AC_REDLINES_NONE) {
        fprintf(fp, "  Relaxing red lines alone opens no agreement: reservation values block it.\n");
    } else if (rl == AC_REDLINES_CUT) {
        fprintf(fp, "  Red lines: the search stopped after %zu sets without finding one that\n"
                    "  opens an agreement.\n", ac_mediation_redline_checks(x));
    } else {
        fprintf(fp, "  Smallest set of red lines whose relaxing opens an agreement (%zu):\n",
                ac_mediation_n_redlines(x));
        for (size_t a = 0; a < ac_mediation_n_redlines(x); a++) {
            size_t party, issue, option;
            ac_mediation_redline(x, a, &party, &issue, &option);
            fprintf(fp, "    %s: %s -- %s\n", pname(m, x, party), ac_issue_title(m, issue),
                    ac_option_title(m, issue, option));
        }
    }
    return 0;
}

static int print_trades(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    fprintf(fp, "\nPackage trades (each side concedes on one point and gains on the other)\n");
    if (!ac_mediation_n_trades(x)) {
        fprintf(fp, "  None: no pair of points lets two parties both gain from the draft.\n");
        return 0;
    }
    for (size_t a = 0; a < ac_mediation_n_trades(x); a++) {
        const ac_trade *tr = ac_mediation_trade(x, a);
        char buf[2048];
        snprintf(buf, sizeof buf,
                 "%zu. %s concedes on \"%s\" (%s), %s on \"%s\" (%s): %s %+.4f, %s %+.4f, "
                 "joint %+.4f.",
                 a + 1, pname(m, x, tr->party_a), ac_issue_title(m, tr->issue_a),
                 ac_option_title(m, tr->issue_a, tr->option_a), pname(m, x, tr->party_b),
                 ac_issue_title(m, tr->issue_b), ac_option_title(m, tr->issue_b, tr->option_b),
                 pname(m, x, tr->party_a), tr->gain_a, pname(m, x, tr->party_b), tr->gain_b,
                 tr->gain_a + tr->gain_b);
        cli_wrap(fp, buf, 2, 78);
    }
    return 0;
}

int cli_mediate_report(FILE *fp, const ac_model *m, const ac_mediation *x, double within,
                       int brief)
{
    /* brief: the stance matrix and the progress were just printed by the analysis (demo) */
    if (!brief) {
        fprintf(fp, "Stances on the draft\n");
        if (print_stances(fp, m, x))
            return -1;
        print_progress(fp, m, x, within);
    }
    print_impasses(fp, m, x);
    if (print_revisions(fp, m, x) || print_no_deal(fp, m, x) || print_trades(fp, m, x))
        return -1;
    return 0;
}

/* ------------------------------------------------------------- command ---- */

struct stance_csv {
    const ac_model *m;
    const ac_mediation *x;
};

static ac_status stance_csv(FILE *fp, const void *ctx, ac_error *err)
{
    const struct stance_csv *c = ctx;
    return ac_mediation_write_csv(fp, c->m, c->x, err);
}

int cli_mediate_model(const ac_model *m, const ac_mediate_opts *o, int json, int brief,
                      const char *csv)
{
    ac_mediation *x = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_mediate(m, o, &x, &err);
    if (st)
        return cli_report_error(st, &err);
    int rc = CLI_OK;
    if (csv) {
        struct stance_csv c = {m, x};
        rc = cli_write_csv(csv, stance_csv, &c);
    }
    if (rc) {
        /* reported */
    } else if (json) {
        st = ac_mediation_write_json(stdout, m, x, &err);
        /* the command has always ended its mediation JSON with an empty line */
        if (st == AC_OK && fputc('\n', stdout) == EOF)
            st = ac_error_set(&err, AC_EIO, NULL, 0, 0, "error writing the JSON output");
        rc = st == AC_OK ? CLI_OK : cli_report_error(st, &err);
    } else {
        rc = cli_mediate_report(stdout, m, x, o->agree_within, brief) ? CLI_EINTERNAL : CLI_OK;
    }
    ac_mediation_free(x);
    return rc;
}

static int run_mediate(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_mediate;
    const char *path = NULL, *v, *csv = NULL;
    int json = 0, options_done = 0, r;
    ac_mediate_opts o;
    ac_mediate_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        unsigned long long n;
        if (!options_done && !strcmp(a, "--")) {
            options_done = 1;
        } else if (options_done || !cli_is_option(a)) {
            if (path)
                return cli_usage_error(c, "unexpected argument '%s'", a);
            path = a;
        } else if (!strcmp(a, "--json")) {
            json = 1;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--csv", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            csv = v;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--top", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            if (cli_parse_count(v, 1000, &n) || n < 1)
                return cli_usage_error(c, "--top needs a whole number from 1 to 1000, not '%s'", v);
            o.top = (size_t)n;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--trades", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            if (cli_parse_count(v, 1000, &n))
                return cli_usage_error(c, "--trades needs a whole number from 0 to 1000, not '%s'", v);
            o.trades = (size_t)n;
        } else if ((r = cli_option_value(c, argc, argv, &i, "--agree-within", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            if (cli_parse_real(v, 0, 1, &o.agree_within))
                return cli_usage_error(c, "--agree-within needs a number in [0, 1], not '%s'", v);
        } else {
            return cli_usage_error(c, "unknown option '%s'", a);
        }
    }
    if (!path)
        return cli_usage_error(c, "missing MODEL");
    ac_model *m;
    int rc = cli_load_model(path, &m);
    if (rc)
        return rc;
    rc = cli_mediate_model(m, &o, json, 0, csv);
    ac_model_free(m);
    return rc;
}

const cli_command cli_cmd_mediate = {
    .name = "mediate",
    .summary = "stances, progress, impasses and the smallest acceptable revision of the draft",
    .usage = "accord mediate MODEL [--json] [--top K] [--agree-within X] [--trades N]\n"
             "                      [--csv FILE]",
    .help = "For a model with a draft plan: every party's stance on every point, progress\n"
            "by count and by salience, hard and soft impasses, and the smallest revision\n"
            "every party accepts (fewest points changed, then the highest Nash product;\n"
            "locked points never change). When no agreement exists: how far each party's\n"
            "reservation value must drop, and the fewest red lines whose relaxing opens\n"
            "one. Then package trades: two points, two parties, each conceding one and\n"
            "gaining the other, both better off than under the draft.\n\n"
            "Options:\n"
            "  --json            print JSON (docs/mediate.md) instead of the report\n"
            "  --top K           list the K best revisions (default 1, at most 1000)\n"
            "  --agree-within X  a party agrees to a point when the draft's option is within\n"
            "                    X of its best option there (default 0.1)\n"
            "  --trades N        list at most N package trades (default 5)\n"
            "  --csv FILE        also write the stance matrix as CSV to FILE ('-': standard\n"
            "                    output)\n",
    .run = run_mediate,
};
