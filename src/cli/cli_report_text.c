/* The analysis as a report for people: parties, the size of the outcome space and the
 * ZOPA, the Pareto frontier, the bargaining solutions side by side (utilities and the
 * chosen option of every point); the draft follows (cli_report_draft.c).
 *
 * Everything is named by title (party names, issue and option titles), cut to a column
 * width; ids are for the JSON. Utilities get four decimals: enough to tell points
 * apart, few enough to read. */
#include "cli/cli.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define TEXT_WIDTH 78
#define DEFAULT_TEXT_LIMIT 20

/* Model index of the i-th active party. */
static size_t party_of(const ac_analysis *a, size_t i) { return ac_space_party(ac_analysis_space(a), i); }

static void print_heading(FILE *fp, const char *text)
{
    fprintf(fp, "\n%s\n", text);
}

static void print_title(FILE *fp, const ac_model *m)
{
    const char *title = ac_model_title(m);
    if (!*title)
        title = "(untitled model)";
    fprintf(fp, "%s\n", title);
    for (size_t i = cli_width(title); i; i--)
        fputc('=', fp);
    fputc('\n', fp);
    if (ac_model_description(m)) {
        fputc('\n', fp);
        cli_wrap(fp, ac_model_description(m), 0, TEXT_WIDTH);
    }
}

static int print_parties(FILE *fp, const ac_model *m)
{
    print_heading(fp, "Parties");
    cli_table *t = cli_table_new(3);
    if (!t)
        return -1;
    cli_table_align(t, 2, CLI_RIGHT);
    cli_table_max_width(t, 0, 40);
    cli_table_cell(t, "name");
    cli_table_cell(t, "id");
    cli_table_cell(t, "reservation");
    cli_table_header_done(t);
    for (size_t i = 0; i < ac_model_n_parties(m); i++) {
        cli_table_cell(t, "%s", ac_party_name(m, i));
        cli_table_cell(t, "%s", ac_party_id(m, i));
        if (ac_party_role(m, i) == AC_ROLE_MEDIATOR)
            cli_table_cell(t, "mediator");
        else
            cli_table_cell(t, "%.4f", ac_party_reservation(m, i));
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

/* A count as exact digits, with "(1.8e16)" when the digits get long. */
static void count_text(ac_u128 n, char *buf, size_t size)
{
    char digits[48], sci[32];
    ac_u128_str(n, digits, sizeof digits);
    if (ac_u128_double(n) >= 1000000)
        snprintf(buf, size, "%s (%s)", digits, cli_sci(ac_u128_double(n), sci, sizeof sci));
    else
        snprintf(buf, size, "%s", digits);
}

static void outcome_count(const ac_space *s, char *buf, size_t size)
{
    char sci[32];
    if (ac_space_outcomes_overflow(s))
        snprintf(buf, size, "about %s outcomes",
                 cli_sci(pow(10.0, ac_space_outcomes_log10(s)), sci, sizeof sci));
    else {
        char n[80];
        count_text(ac_space_outcomes(s), n, sizeof n);
        snprintf(buf, size, "%s outcome%s", n,
                 ac_u128_double(ac_space_outcomes(s)) == 1 ? "" : "s");
    }
}

static double space_size(const ac_space *s)
{
    return ac_space_outcomes_overflow(s) ? pow(10.0, ac_space_outcomes_log10(s))
                                         : ac_u128_double(ac_space_outcomes(s));
}

static void zopa_text(const ac_analysis *a, char *buf, size_t size)
{
    const ac_zopa_count *z = ac_analysis_zopa(a);
    char pct[32], lo[32], hi[32], est[32];
    if (z->exact) {
        if (ac_u128_double(z->count) == 0) {
            snprintf(buf, size, "empty: no outcome is acceptable to every party");
            return;
        }
        char digits[80];
        count_text(z->count, digits, sizeof digits);
        double share = ac_u128_double(z->count) / space_size(ac_analysis_space(a));
        snprintf(buf, size, "%s outcome%s acceptable to every party (%s of the space)", digits,
                 ac_u128_double(z->count) == 1 ? "" : "s", cli_percent(share, pct, sizeof pct));
        return;
    }
    snprintf(buf, size,
             "about %s outcomes acceptable to every party (%s of the space; estimated from "
             "%zu samples, 95%% interval %s to %s)",
             cli_sci(z->estimate, est, sizeof est),
             cli_percent(z->estimate / space_size(ac_analysis_space(a)), pct, sizeof pct), z->samples,
             cli_sci(z->lo, lo, sizeof lo), cli_sci(z->hi, hi, sizeof hi));
}

static const char *method_text(ac_method m)
{
    switch (m) {
    case AC_METHOD_ENUMERATE: return "enumeration of every outcome";
    case AC_METHOD_DP: return "issue by issue (dynamic programming), no outcome visited";
    default: return ac_method_name(m);
    }
}

static int print_space(FILE *fp, const ac_analysis *a)
{
    print_heading(fp, "Outcomes");
    cli_table *t = cli_table_new(2);
    if (!t)
        return -1;
    char buf[512];
    outcome_count(ac_analysis_space(a), buf, sizeof buf);
    cli_table_cell(t, "space");
    cli_table_cell(t, "%s, every combination of options", buf);
    zopa_text(a, buf, sizeof buf);
    cli_table_cell(t, "ZOPA");
    cli_table_cell(t, "%s", buf);
    cli_table_cell(t, "method");
    cli_table_cell(t, "%s", method_text(ac_analysis_method(a)));
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    return rc;
}

static int print_frontier(FILE *fp, const ac_model *m, const ac_analysis *a,
                          const cli_report_opts *o)
{
    const ac_frontier *f = ac_analysis_frontier(a);
    size_t count = f ? f->count : 0, np = ac_space_n_parties(ac_analysis_space(a));
    const char *over = o->feasible ? "the ZOPA" : "all outcomes";
    char head[128];
    if (!ac_analysis_pareto_exact(a)) {
        snprintf(head, sizeof head, "Pareto frontier over %s: not computed (budget)", over);
        print_heading(fp, head);
        return 0;
    }
    if (!count) {
        snprintf(head, sizeof head, "Pareto frontier over %s: empty", over);
        print_heading(fp, head);
        return 0;
    }
    snprintf(head, sizeof head, "Pareto frontier over %s: %zu point%s", over, count,
             count == 1 ? "" : "s");
    print_heading(fp, head);
    size_t limit = o->limit == SIZE_MAX ? DEFAULT_TEXT_LIMIT : o->limit;
    size_t shown = count < limit ? count : limit;
    if (shown) {
        cli_table *t = cli_table_new(np + 1);
        if (!t)
            return -1;
        for (size_t c = 0; c <= np; c++) {
            cli_table_align(t, c, CLI_RIGHT);
            cli_table_max_width(t, c, CLI_PARTY_COLS);
        }
        cli_table_cell(t, "#");
        for (size_t i = 0; i < np; i++)
            cli_table_cell(t, "%s", ac_party_name(m, party_of(a, i)));
        cli_table_header_done(t);
        for (size_t p = 0; p < shown; p++) {
            cli_table_cell(t, "%zu", p + 1);
            for (size_t i = 0; i < np; i++)
                cli_table_cell(t, "%.4f", f->utility[p * np + i]);
        }
        int rc = cli_table_print(t, fp, 2);
        cli_table_free(t);
        if (rc)
            return rc;
    }
    if (shown < count)
        fprintf(fp, "  %zu more point%s not shown (--limit N shows more).\n", count - shown,
                count - shown == 1 ? "" : "s");
    return 0;
}

static int print_solutions(FILE *fp, const ac_model *m, const ac_analysis *a)
{
    const ac_solutions *all = ac_analysis_solutions(a);
    const ac_solution *sol[3] = {&all->nash, &all->kalai, &all->welfare};
    if (!ac_analysis_solutions_exact(a)) {
        print_heading(fp, "Bargaining solutions: not computed (budget)");
        return 0;
    }
    if (!sol[0]->found || !sol[1]->found || !sol[2]->found) {
        print_heading(fp, "Bargaining solutions: none, the ZOPA is empty");
        return 0;
    }
    print_heading(fp, "Bargaining solutions over the ZOPA");
    size_t np = ac_space_n_parties(ac_analysis_space(a));
    size_t ni = ac_space_n_issues(ac_analysis_space(a));
    cli_table *t = cli_table_new(4);
    if (!t)
        return -1;
    cli_table_max_width(t, 0, CLI_ISSUE_COLS);
    for (size_t c = 1; c < 4; c++)
        cli_table_max_width(t, c, cli_share_width(fp, 2 + CLI_ISSUE_COLS, 3));
    cli_table_cell(t, "%s", "");
    cli_table_cell(t, "Nash");
    cli_table_cell(t, "Kalai-Smorodinsky");
    cli_table_cell(t, "Welfare");
    cli_table_header_done(t);
    for (size_t i = 0; i < np; i++) {
        cli_table_cell(t, "%s", ac_party_name(m, party_of(a, i)));
        for (size_t j = 0; j < 3; j++)
            cli_table_cell(t, "%.4f", sol[j]->utility[i]);
    }
    cli_table_cell(t, "objective");
    cli_table_cell(t, "product %.4g", sol[0]->value);
    cli_table_cell(t, "least share %.4f", sol[1]->value);
    cli_table_cell(t, "sum %.4f", sol[2]->value);
    for (size_t c = 0; c < 4; c++) /* blank row between utilities and points */
        cli_table_cell(t, "%s", "");
    for (size_t k = 0; k < ni; k++) {
        cli_table_cell(t, "%s", ac_issue_title(m, k));
        for (size_t j = 0; j < 3; j++)
            cli_table_cell(t, "%s", ac_option_title(m, k, sol[j]->outcome[k]));
    }
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    if (!rc)
        fprintf(fp, "\n  Nash: the largest product of gains over the reservation values.\n"
                    "  Kalai-Smorodinsky: the largest least share of a party's possible gain.\n"
                    "  Welfare: the largest sum of utilities.\n");
    return rc;
}

int cli_report_text(FILE *fp, const ac_model *m, const ac_analysis *a, const cli_report_opts *o)
{
    print_title(fp, m);
    int rc = print_parties(fp, m);
    rc = rc ? rc : print_space(fp, a);
    rc = rc ? rc : print_frontier(fp, m, a, o);
    rc = rc ? rc : print_solutions(fp, m, a);
    if (!rc && ac_analysis_has_plan(a))
        rc = cli_report_draft(fp, m, a, o);
    if (!rc && !ac_analysis_complete(a))
        fprintf(fp, "\nIncomplete: %s.\n", ac_analysis_stopped(a));
    if (rc) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    return CLI_OK;
}
