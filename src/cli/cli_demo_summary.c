/* The closing summary of `accord demo`: the story of the talks in a few lines, every
 * figure computed. It joins the record (where the sides stand on the latest version, by
 * count and by salience) with the model (mediation and a sweep of the latest version,
 * exported from the record, as `accord plan export` writes it):
 *
 *   where the sides stand   the leading group's joint agreement, the others' stances;
 *   why "N% agreed" is no deal   the salience of what the main rejecter rejects, and the
 *                                salience of the points every party agrees to;
 *   what blocks it          the impasses of the mediation (and who rejects them on record);
 *   the smallest revision   every side accepts, with each side's margin over no deal;
 *   the odds                a sweep of simulated talks over the model's uncertainty: the
 *                           share that ends in a deal and how the deals settle the
 *                           blocking point.
 *
 * The same numbers come out of `accord plan status --json`, `accord plan export` with
 * `accord mediate --json` and `accord sweep --runs CLI_SUMMARY_RUNS --json` (the tests
 * check them against each other). */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void para(FILE *fp, const char *text)
{
    cli_wrap(fp, text, 2, 78);
}

static double pct(size_t n, size_t of)
{
    return of ? 100.0 * (double)n / (double)of : 0;
}

/* Appends to buf (size), keeping it terminated. */
static size_t add(char *buf, size_t size, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static size_t add(char *buf, size_t size, size_t len, const char *fmt, ...)
{
    if (len >= size)
        return len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
    return n < 0 ? len : len + (size_t)n;
}

static const char *verb(const char *name, const char *one, const char *many)
{
    return cli_name_plural(name) ? many : one;
}

/* Where the sides stand and why the count is not a deal: the record alone. */
static int record_lines(FILE *fp, const ac_ledger_status *s)
{
    size_t K = s->n_points, R = cli_status_rows(s);
    char buf[2048], names[512];
    cli_coalition c;
    if (cli_status_coalition(s, &c))
        return -1;
    size_t len = add(buf, sizeof buf, 0, "Where the sides stand: ");
    int first = 1;
    if (c.n) {
        first = 0;
        cli_coalition_names(s, &c, names, sizeof names);
        len = add(buf, sizeof buf, len, "%s %s on %zu of the %zu points (%.0f%%)", names,
                  c.n == 1 && !cli_name_plural(names) ? "agrees" : "agree", c.points, K,
                  pct(c.points, K));
    }
    for (size_t r = 0; r < R; r++) {
        if ((c.n && c.in[r]) || !cli_status_row_shown(s, r))
            continue;
        size_t agreed = 0, rejected = 0;
        for (size_t k = 0; k < K; k++) {
            agreed += cli_status_stance(s, r, k) == AC_STANCE_AGREE;
            rejected += cli_status_stance(s, r, k) == AC_STANCE_REJECT;
        }
        const char *n = cli_status_row_name(s, r);
        len = add(buf, sizeof buf, len, "%s%s%s %s to %zu", first ? "" : "; ", cli_name_the(n), n,
                  verb(n, "agrees", "agree"), agreed);
        first = 0;
        if (rejected)
            len = add(buf, sizeof buf, len, " and %s %zu", verb(n, "rejects", "reject"),
                      rejected);
    }
    if (s->progress.points)
        len = add(buf, sizeof buf, len, ". %zu of the %zu points have every party's agreement.",
                  s->progress.points, K);
    else
        len = add(buf, sizeof buf, len, ". No point has every party's agreement yet.");
    para(fp, buf);

    /* why the count is not a deal */
    size_t who = cli_status_main_rejecter(s, &c);
    len = add(buf, sizeof buf, 0, "Why %.0f%% of the points agreed is not a deal: ",
              c.n ? pct(c.points, K) : pct(s->progress.points, K));
    if (who != AC_NONE) {
        const char *n = s->party_name[who];
        len = add(buf, sizeof buf, len, "the points %s%s %s carry %.0f%% of %s salience, and ",
                  cli_name_the(n), n, verb(n, "rejects", "reject"),
                  100.0 * s->party_rejected_weight[who], cli_name_plural(n) ? "their" : "its");
    }
    add(buf, sizeof buf, len, "weighted by salience the draft is %.0f%% agreed.",
        100.0 * s->progress.weighted);
    para(fp, buf);
    cli_coalition_free(&c);
    return 0;
}

/* Record row of a model issue id; AC_NONE when the version has no such point. */
static size_t record_point(const ac_ledger_status *s, const char *id)
{
    for (size_t k = 0; k < s->n_points; k++)
        if (!strcmp(s->point_id[k], id))
            return k;
    return AC_NONE;
}

/* The impasses that block the draft, hard ones first; none when no agreement exists. */
static size_t n_blocking(const ac_mediation *x)
{
    return ac_mediation_zopa_empty(x) ? 0 : ac_mediation_n_hard(x) + ac_mediation_n_soft(x);
}

static size_t blocking(const ac_mediation *x, size_t a)
{
    size_t nh = ac_mediation_n_hard(x);
    return a < nh ? ac_mediation_hard(x, a) : ac_mediation_soft(x, a - nh);
}

/* The point a later line refers to as "that point": the only impasse, if there is one. */
static size_t the_point(const ac_mediation *x)
{
    return n_blocking(x) == 1 ? blocking(x, 0) : AC_NONE;
}

static size_t name_point(char *buf, size_t size, size_t len, const ac_model *m,
                         const ac_mediation *x, size_t k)
{
    return k == the_point(x) ? add(buf, size, len, "that point")
                             : add(buf, size, len, "\"%s\"", ac_issue_title(m, k));
}

static void blocking_line(FILE *fp, const ac_ledger_status *s, const ac_model *m,
                          const ac_mediation *x)
{
    char buf[2048];
    size_t len = add(buf, sizeof buf, 0, "What blocks it: ");
    if (ac_mediation_zopa_empty(x))
        len = add(buf, sizeof buf, len, "no agreement exists that every side prefers to no deal");
    else if (!ac_mediation_n_hard(x) && !ac_mediation_n_soft(x))
        len = add(buf, sizeof buf, len, "no single point; every point can stay as drafted in "
                                        "some agreement every side accepts");
    for (size_t a = 0; a < n_blocking(x); a++) {
        size_t k = blocking(x, a);
        len = add(buf, sizeof buf, len, "%sthe point \"%s\" (drafted: \"%s\")", a ? "; " : "",
                  ac_issue_title(m, k), ac_option_title(m, k, ac_mediation_draft(x)[k]));
        size_t row = record_point(s, ac_issue_id(m, k)), n = 0;
        const char *last = NULL;
        for (size_t i = 0; row != AC_NONE && i < s->n_parties; i++)
            if (s->stances[i * s->n_points + row] == AC_STANCE_REJECT) {
                last = s->party_name[i];
                len = add(buf, sizeof buf, len, "%s%s%s", n++ ? " and " : ", which ",
                          cli_name_the(last), last);
            }
        if (n)
            len = add(buf, sizeof buf, len, " %s on the record",
                      n > 1 || cli_name_plural(last) ? "reject" : "rejects");
        len = add(buf, sizeof buf, len, a < ac_mediation_n_hard(x)
                                            ? ": every option of it is on some side's red line"
                                            : ": no agreement every side accepts keeps it as "
                                              "drafted");
    }
    add(buf, sizeof buf, len, ".");
    para(fp, buf);
}

static void revision_line(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    if (ac_mediation_zopa_empty(x) || !ac_mediation_n_revisions(x))
        return;
    const ac_revision *r = ac_mediation_revision(x, 0);
    char buf[2048];
    size_t len;
    if (!r->changes) {
        len = add(buf, sizeof buf, 0, "The draft itself is acceptable to every side");
    } else {
        len = add(buf, sizeof buf, 0, "The smallest revision every side accepts changes %zu of "
                                      "the %zu points: ",
                  r->changes, ac_mediation_n_issues(x));
        size_t n = 0;
        for (size_t k = 0; k < ac_mediation_n_issues(x); k++)
            if (r->outcome[k] != ac_mediation_draft(x)[k]) {
                len = add(buf, sizeof buf, len, "%s", n++ ? "; " : "");
                len = name_point(buf, sizeof buf, len, m, x, k);
                len = add(buf, sizeof buf, len, ", to \"%s\"",
                          ac_option_title(m, k, r->outcome[k]));
            }
    }
    len = add(buf, sizeof buf, len, " (margin over no deal:");
    for (size_t i = 0; i < ac_mediation_n_parties(x); i++)
        len = add(buf, sizeof buf, len, "%s %s %+.2f", i ? "," : "",
                  ac_party_name(m, ac_mediation_party(x, i)),
                  r->utility[i] - ac_space_reservation(ac_mediation_space(x), i));
    add(buf, sizeof buf, len, ").");
    para(fp, buf);
}

/* A share with one decimal, never rounded to all or nothing. */
static char *share(double x, char *buf, size_t size)
{
    double p = 100.0 * x;
    if (p > 99.95 && x < 1)
        p = 99.9;
    else if (p < 0.05 && x > 0)
        p = 0.1;
    snprintf(buf, size, x == 0 ? "0%%" : x == 1 ? "100%%" : "%.1f%%", p);
    return buf;
}

static int odds_line(FILE *fp, const ac_model *m, const ac_mediation *x)
{
    cli_sim_args a;
    cli_sim_args_init(&a);
    int rc = cli_sim_resolve(&cli_cmd_demo, m, &a);
    if (rc) {
        cli_sim_args_free(&a);
        return rc;
    }
    ac_sweep_opts so;
    ac_sweep_opts_init(&so);
    so.runs = CLI_SUMMARY_RUNS;
    so.seed = a.seed;
    so.talks = a.talks;
    ac_sweep *s = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_sweep_run(m, &so, &s, &err);
    cli_sim_args_free(&a);
    if (st)
        return cli_report_error(st, &err);
    double lo, hi;
    uint64_t runs = ac_sweep_runs(s), deals = ac_sweep_deals(s);
    ac_wilson95(deals, runs, &lo, &hi);
    char buf[2048], p1[32], p2[32], p3[32];
    size_t len = add(buf, sizeof buf, 0,
                     "The odds: %s of %llu simulated talks over the model's uncertainty end in "
                     "a deal (95%% interval %s to %s)",
                     share(runs ? (double)deals / (double)runs : 0, p1, sizeof p1),
                     (unsigned long long)runs, share(lo, p2, sizeof p2),
                     share(hi, p3, sizeof p3));
    /* how the deals settle the points that block the draft */
    const ac_revision *r = ac_mediation_zopa_empty(x) ? NULL : ac_mediation_revision(x, 0);
    for (size_t b = 0; deals && b < n_blocking(x); b++) {
        size_t k = blocking(x, b);
        len = add(buf, sizeof buf, len, b ? "; " : ", and ");
        if (r && r->outcome[k] != ac_mediation_draft(x)[k]) {
            len = add(buf, sizeof buf, len, "%s of the deals move ",
                      share((double)ac_sweep_option_count(s, k, r->outcome[k]) / (double)deals, p1,
                            sizeof p1));
            len = name_point(buf, sizeof buf, len, m, x, k);
            len = add(buf, sizeof buf, len, " as the revision does; ");
        } else {
            len = name_point(buf, sizeof buf, len, m, x, k);
            len = add(buf, sizeof buf, len, ": ");
        }
        uint64_t kept = ac_sweep_option_count(s, k, ac_mediation_draft(x)[k]);
        if (kept)
            len = add(buf, sizeof buf, len, "%s keep it as drafted",
                      share((double)kept / (double)deals, p2, sizeof p2));
        else
            len = add(buf, sizeof buf, len, "none keeps it as drafted");
    }
    add(buf, sizeof buf, len, ".");
    para(fp, buf);
    ac_sweep_free(s);
    return CLI_OK;
}

int cli_demo_summary(FILE *fp, const char *ledger)
{
    ac_ledger *lg;
    int rc = cli_plan_open(ledger, 0, &lg);
    if (rc)
        return rc;
    ac_error err;
    ac_error_clear(&err);
    ac_ledger_status *s = NULL;
    ac_model *m = NULL;
    ac_status st = ac_ledger_status_get(lg, 0, &s, &err);
    if (!st)
        st = ac_ledger_export(lg, 0, &m, &err);
    ac_ledger_close(lg);
    if (st) {
        ac_ledger_status_free(s);
        return cli_report_error(st, &err);
    }
    fprintf(fp, "\nSummary of the talks\n====================\n");
    char head[256];
    snprintf(head, sizeof head, "On the latest version of the record (version %d of %s, %zu "
                                "points):",
             s->version, s->date ? s->date : "?", s->n_points);
    para(fp, head);
    rc = record_lines(fp, s) ? CLI_EINTERNAL : CLI_OK;
    ac_mediation *x = NULL;
    if (!rc) {
        ac_mediate_opts mo;
        ac_mediate_opts_init(&mo);
        st = ac_mediate(m, &mo, &x, &err);
        if (st)
            rc = cli_report_error(st, &err);
    }
    if (!rc) {
        blocking_line(fp, s, m, x);
        revision_line(fp, m, x);
        rc = odds_line(fp, m, x);
    }
    if (!rc)
        para(fp, "(Stances come from the record of public statements; what blocks the draft, "
                 "the revision and the odds come from the model, whose preferences are "
                 "estimates.)");
    ac_mediation_free(x);
    ac_model_free(m);
    ac_ledger_status_free(s);
    return rc;
}
