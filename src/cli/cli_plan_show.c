/* The reading sub-commands of `accord plan`: status (the stance matrix, progress and
 * impasses of a version, as text or JSON), diff, log and export. They never write to the
 * record.
 *
 * status shows recorded stances the way `accord analyze` shows derived ones: points as
 * rows with their titles and drafted options, parties as columns, then progress by count
 * and weighted by salience, so a "90% agreed" can be read against what is left. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/yaml.h"

/* Parses "DB [--version V] [--json] [-o FILE]" as allowed by the flags. */
typedef struct {
    const char *db, *out;
    int version, json;
} show_args;

enum { ALLOW_JSON = 1, ALLOW_OUT = 2 };

static int parse_show(int argc, char **argv, int allow, const char *what, show_args *a)
{
    const cli_command *c = &cli_cmd_plan;
    const char *v;
    int r, rc;
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        if ((r = cli_option_value(c, argc, argv, &i, "--version", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            if ((rc = cli_plan_version_arg(v, &a->version)))
                return rc;
        } else if ((allow & ALLOW_JSON) && !strcmp(argv[i], "--json")) {
            a->json = 1;
        } else if ((allow & ALLOW_OUT) && (r = cli_option_value(c, argc, argv, &i, "-o", &v))) {
            if (r < 0)
                return CLI_EUSAGE;
            a->out = v;
        } else if (cli_is_option(argv[i])) {
            return cli_usage_error(c, "unknown option '%s' for %s", argv[i], what);
        } else if (!a->db) {
            a->db = argv[i];
        } else {
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!a->db)
        return cli_usage_error(c, "%s needs DB", what);
    return CLI_OK;
}

/* ---- status ---- */

static int status_text(FILE *fp, const ac_ledger_status *s)
{
    size_t P = s->n_parties, K = s->n_points, R = cli_status_rows(s);
    fprintf(fp, "Version %d of %s: %zu point%s%s%s\n", s->version, s->date ? s->date : "?", K,
            K == 1 ? "" : "s", s->note ? " - " : "", s->note ? s->note : "");
    /* a mediator's column only when it has taken a stance on this version */
    unsigned char *show = calloc(R + 1, 1);
    if (!show)
        return -1;
    size_t ncols = 0;
    for (size_t r = 0; r < R; r++)
        ncols += show[r] = cli_status_row_shown(s, r);
    cli_table *t = cli_table_new(ncols + 2);
    if (!t) {
        free(show);
        return -1;
    }
    cli_table_max_width(t, 0, CLI_ISSUE_COLS);
    size_t used = 2 + CLI_ISSUE_COLS;
    for (size_t r = 0; r < R; r++) {
        if (!show[r])
            continue;
        size_t w = cli_width(cli_status_row_name(s, r));
        used += 2 + (w > CLI_PARTY_COLS ? CLI_PARTY_COLS : w < 13 ? 13 : w); /* "not-discussed" */
    }
    cli_table_max_width(t, 1, cli_share_width(fp, used, 1));
    for (size_t c = 2; c < ncols + 2; c++)
        cli_table_max_width(t, c, CLI_PARTY_COLS);
    cli_table_cell(t, "point");
    cli_table_cell(t, "draft");
    for (size_t r = 0; r < R; r++)
        if (show[r])
            cli_table_cell(t, "%s", cli_status_row_name(s, r));
    cli_table_header_done(t);
    for (size_t k = 0; k < K; k++) {
        cli_table_cell(t, "%s", s->point_title[k]);
        cli_table_cell(t, "%s", s->option_title[k] ? s->option_title[k]
                                : s->option_id[k]  ? s->option_id[k]
                                                   : "(not drafted)");
        for (size_t r = 0; r < R; r++)
            if (show[r])
                cli_table_cell(t, "%s", ac_stance_name(cli_status_stance(s, r, k)));
    }
    free(show);
    fputc('\n', fp);
    int rc = cli_table_print(t, fp, 2);
    cli_table_free(t);
    if (rc)
        return rc;
    fputc('\n', fp);
    if (cli_status_progress_text(fp, s))
        return -1;
    if (!s->n_impasses) {
        fprintf(fp, "\n  Impasses: none (no party rejects a point).\n");
        return 0;
    }
    fprintf(fp, "\n  Impasses: %zu point%s some party rejects\n", s->n_impasses,
            s->n_impasses == 1 ? "" : "s");
    for (size_t x = 0; x < s->n_impasses; x++) {
        size_t k = s->impasse[x];
        fprintf(fp, "    %s (rejected by", s->point_title[k]);
        const char *sep = " ";
        for (size_t i = 0; i < P; i++)
            if (s->stances[i * K + k] == AC_STANCE_REJECT) {
                fprintf(fp, "%s%s", sep, s->party_name[i]);
                sep = ", ";
            }
        fprintf(fp, ")\n");
    }
    return 0;
}

int cli_plan_status(int argc, char **argv)
{
    show_args a;
    int rc = parse_show(argc, argv, ALLOW_JSON, "status", &a);
    ac_ledger *lg;
    if (rc || (rc = cli_plan_open(a.db, 0, &lg)))
        return rc;
    ac_error err;
    ac_error_clear(&err);
    ac_ledger_status *s;
    ac_status st = ac_ledger_status_get(lg, a.version, &s, &err);
    ac_ledger_close(lg);
    if (st)
        return cli_report_error(st, &err);
    if (a.json) {
        st = ac_ledger_status_write_json(stdout, s, &err);
        ac_ledger_status_free(s);
        return st == AC_OK ? CLI_OK : cli_report_error(st, &err);
    }
    rc = status_text(stdout, s);
    ac_ledger_status_free(s);
    if (rc) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    return CLI_OK;
}

/* ---- diff ---- */

int cli_plan_diff(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_plan;
    const char *pos[3] = {NULL, NULL, NULL};
    int n = 0, v1, v2, rc;
    for (int i = 1; i < argc; i++) {
        if (cli_is_option(argv[i]))
            return cli_usage_error(c, "unknown option '%s' for diff", argv[i]);
        if (n == 3)
            return cli_usage_error(c, "unexpected argument '%s'", argv[i]);
        pos[n++] = argv[i];
    }
    if (n < 3)
        return cli_usage_error(c, "diff needs DB V1 V2");
    if ((rc = cli_plan_version_arg(pos[1], &v1)) || (rc = cli_plan_version_arg(pos[2], &v2)))
        return rc;
    ac_ledger *lg;
    if ((rc = cli_plan_open(pos[0], 0, &lg)))
        return rc;
    ac_error err;
    ac_error_clear(&err);
    ac_ledger_diff *d;
    ac_status st = ac_ledger_diff_get(lg, v1, v2, &d, &err);
    ac_ledger_close(lg);
    if (st)
        return cli_report_error(st, &err);
    printf("Version %d -> %d: %zu change%s\n", d->v1, d->v2, d->n, d->n == 1 ? "" : "s");
    for (size_t i = 0; i < d->n; i++) {
        const ac_ledger_diff_item *it = &d->items[i];
        const char *from = it->from ? it->from : "(none)", *to = it->to ? it->to : "(none)";
        switch (it->kind) {
        case AC_DIFF_ADDED:
            printf("  + %-22s added: %s (draft: %s)\n", it->point, it->title, to);
            break;
        case AC_DIFF_DROPPED:
            printf("  - %-22s dropped: %s (was: %s)\n", it->point, it->title, from);
            break;
        case AC_DIFF_MERGED:
            printf("  * %-22s merged from %s: %s (draft: %s)\n", it->point, from, it->title, to);
            break;
        case AC_DIFF_OPTION:
            printf("  ~ %-22s %s -> %s\n", it->point, from, to);
            break;
        case AC_DIFF_REWORDED:
            printf("  \" %-22s reworded: \"%s\" -> \"%s\"\n", it->point, from, to);
            break;
        }
    }
    ac_ledger_diff_free(d);
    return CLI_OK;
}

/* ---- log ---- */

static int print_entry(void *ctx, const ac_ledger_entry *e)
{
    (void)ctx;
    switch (e->kind) {
    case AC_LOG_VERSION:
        printf("%s  version %-4lld %zu point%s", e->date, e->id, e->n_points,
               e->n_points == 1 ? "" : "s");
        break;
    case AC_LOG_MEETING:
        printf("%s  meeting %-4lld %s (%s)", e->date, e->id, e->place,
               e->parties ? e->parties : "");
        break;
    case AC_LOG_STANCE:
        printf("%s  stance  %-4lld v%d %s %s on %s", e->date, e->id, e->version, e->party,
               ac_stance_name(e->stance), e->point);
        break;
    }
    if (e->note)
        printf(": %s", e->note);
    putchar('\n');
    return 0;
}

int cli_plan_log(int argc, char **argv)
{
    show_args a;
    int rc = parse_show(argc, argv, 0, "log", &a);
    ac_ledger *lg;
    if (rc || (rc = cli_plan_open(a.db, 0, &lg)))
        return rc;
    if (a.version) {
        ac_ledger_close(lg);
        return cli_usage_error(&cli_cmd_plan, "log takes no --version");
    }
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_ledger_log(lg, print_entry, NULL, &err);
    ac_ledger_close(lg);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

/* ---- export ---- */

int cli_plan_export(int argc, char **argv)
{
    show_args a;
    int rc = parse_show(argc, argv, ALLOW_OUT, "export", &a);
    ac_ledger *lg;
    if (rc || (rc = cli_plan_open(a.db, 0, &lg)))
        return rc;
    ac_error err;
    ac_error_clear(&err);
    ac_model *m;
    ac_status st = ac_ledger_export(lg, a.version, &m, &err);
    ac_ledger_close(lg);
    if (st)
        return cli_report_error(st, &err);
    int to_stdout = !a.out || !strcmp(a.out, "-");
    if (to_stdout) {
        st = ac_model_write_yaml(m, stdout, &err);
        ac_model_free(m);
        return st ? cli_report_error(st, &err) : CLI_OK;
    }
    /* a temporary file renamed into place: a failed export never leaves half a model */
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", a.out, (long)getpid());
    FILE *fp = fopen(tmp, "w");
    if (!fp) {
        fprintf(stderr, "accord: cannot write %s\n", a.out);
        ac_model_free(m);
        return CLI_EINPUT;
    }
    st = ac_model_write_yaml(m, fp, &err);
    if (st) {
        rc = cli_report_error(st, &err);
        fclose(fp);
    } else if (fclose(fp) != 0 || rename(tmp, a.out) != 0) {
        fprintf(stderr, "accord: error writing %s\n", a.out);
        rc = CLI_EINPUT;
    }
    if (rc)
        remove(tmp);
    ac_model_free(m);
    return rc;
}
