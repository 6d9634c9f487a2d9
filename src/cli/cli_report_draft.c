/* The draft part of the text report: each party's utility against its reservation
 * value, the stance matrix (points as rows, parties as columns) and progress by count
 * and by salience, with a plain sentence when the two tell different stories. */
#include "cli/cli.h"

#include <stdint.h>

/* Model index of the i-th active party. */
static size_t party_of(const ac_analysis *a, size_t i) { return ac_space_party(ac_analysis_space(a), i); }

/* Why the draft fails a party, or NULL when it is acceptable to it. */
static const char *draft_problem(const ac_analysis *a, size_t i)
{
    const ac_space *s = ac_analysis_space(a);
    for (size_t k = 0; k < ac_space_n_issues(s); k++)
        if (ac_analysis_stance(a, i, k) == AC_STANCE_REJECT)
            return "crosses a red line";
    if (ac_analysis_plan_utility(a)[i] < ac_space_reservation(s, i) - AC_EPS)
        return "below its reservation value";
    return NULL;
}

static int print_draft_utilities(FILE *fp, const ac_model *m, const ac_analysis *a)
{
    size_t np = ac_space_n_parties(ac_analysis_space(a));
    cli_table *t = cli_table_new(5);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, 40);
    for (size_t c = 1; c < 4; c++)
        cli_table_align(t, c, CLI_RIGHT);
    cli_table_cell(t, "party");
    cli_table_cell(t, "utility");
    cli_table_cell(t, "reservation");
    cli_table_cell(t, "margin");
    cli_table_cell(t, "acceptable");
    cli_table_header_done(t);
    for (size_t i = 0; i < np; i++) {
        double u = ac_analysis_plan_utility(a)[i], r = ac_space_reservation(ac_analysis_space(a), i);
        const char *why = draft_problem(a, i);
        cli_table_cell(t, "%s", ac_party_name(m, party_of(a, i)));
        cli_table_cell(t, "%.4f", u);
        cli_table_cell(t, "%.4f", r);
        cli_table_cell(t, "%+.4f", u - r);
        cli_table_cell(t, "%s%s", why ? "no, " : "yes", why ? why : "");
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

static int print_stance_matrix(FILE *fp, const ac_model *m, const ac_analysis *a)
{
    const ac_space *s = ac_analysis_space(a);
    size_t np = ac_space_n_parties(s), ni = ac_space_n_issues(s);
    cli_table *t = cli_table_new(np + 2);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, CLI_ISSUE_COLS);
    size_t used = 2 + CLI_ISSUE_COLS;
    for (size_t i = 0; i < np; i++) {
        size_t w = cli_width(ac_party_name(m, party_of(a, i)));
        used += 2 + (w > CLI_PARTY_COLS ? CLI_PARTY_COLS : w < 9 ? 9 : w); /* 9: "criticise" */
    }
    cli_table_max_width(t, 1, cli_share_width(fp, used, 1));
    for (size_t c = 2; c < np + 2; c++)
        cli_table_max_width(t, c, CLI_PARTY_COLS);
    cli_table_cell(t, "point");
    cli_table_cell(t, "draft");
    for (size_t i = 0; i < np; i++)
        cli_table_cell(t, "%s", ac_party_name(m, party_of(a, i)));
    cli_table_header_done(t);
    for (size_t k = 0; k < ni; k++) {
        cli_table_cell(t, "%s", ac_issue_title(m, k));
        cli_table_cell(t, "%s", ac_option_title(m, k, ac_analysis_plan(a)[k]));
        for (size_t i = 0; i < np; i++)
            cli_table_cell(t, "%s", ac_stance_name(ac_analysis_stance(a, i, k)));
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

static void print_progress(FILE *fp, const ac_analysis *a, const cli_report_opts *o)
{
    ac_progress prog = ac_analysis_progress(a);
    const ac_progress *p = &prog;
    double by_count = p->of ? 100.0 * (double)p->points / (double)p->of : 0;
    double by_weight = 100.0 * p->weighted;
    fprintf(fp, "\n  Progress: %zu of %zu point%s agreed (%.0f%%); weighted by salience %.0f%%.\n",
            p->points, p->of, p->of == 1 ? "" : "s", by_count, by_weight);
    if (by_count - by_weight > 15)
        fprintf(fp, "  The count flatters the draft: the points still open are the ones the\n"
                    "  parties care about most.\n");
    else if (by_weight - by_count > 15)
        fprintf(fp, "  The count undersells the draft: the points already agreed are the ones\n"
                    "  the parties care about most.\n");
    fprintf(fp, "  (A party agrees to a point when the draft's option is within %g of its best\n"
                "  option there; it rejects an option on its red line; else it criticises.)\n",
            o->agree_within);
}

int cli_report_draft(FILE *fp, const ac_model *m, const ac_analysis *a, const cli_report_opts *o)
{
    fprintf(fp, "\nDraft plan\n");
    if (print_draft_utilities(fp, m, a))
        return -1;
    size_t np = ac_space_n_parties(ac_analysis_space(a)), bad = 0;
    for (size_t i = 0; i < np; i++)
        bad += draft_problem(a, i) != NULL;
    if (!bad)
        fprintf(fp, "  The draft is acceptable to every party.\n");
    else
        fprintf(fp, "  The draft is not acceptable to %zu of the %zu parties.\n", bad, np);
    fputc('\n', fp);
    if (print_stance_matrix(fp, m, a))
        return -1;
    print_progress(fp, a, o);
    return 0;
}
