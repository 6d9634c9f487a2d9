/* `accord report MODEL -o REPORT.html [--svg DIR] [--ledger DB] [--sweep SWEEP.json]
 * [--trace TRACE.jsonl]`: the analysis of a model as one self-contained HTML page with SVG
 * charts accord draws itself (src/report), and with --svg every chart as its own SVG file
 * too. --ledger adds the record's versions (progress over versions, the latest recorded
 * stances); --trace a simulated talk written by `accord simulate --trace`; --sweep a
 * sweep written by `accord sweep --json` (both read by the library, src/io/report_inputs.c;
 * ids are matched to the model's names). Also home of cli_report_demo(), which `accord demo` calls to write
 * the report of the embedded model.
 *
 * The page is written to a temporary file beside the target and renamed into place, so
 * a reader never sees half a report. stdout carries only the path written. */
#include "cli/cli.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct report_args {
    const char *out;     /* the HTML file */
    const char *svg_dir; /* NULL: no separate SVG files */
    double agree_within;
    int threads;
    const char *ledger, *sweep, *trace; /* optional inputs */
} report_args;

/* ---------------------------------------------------------------- ledger ---- */

static int add_ledger(ac_report *r, const char *path)
{
    ac_error err;
    ac_error_clear(&err);
    ac_ledger *lg;
    ac_status st = ac_ledger_open(path, 0, &lg, &err);
    if (st)
        return cli_report_error(st, &err);
    ac_ledger_status *last = NULL;
    st = ac_ledger_status_get(lg, 0, &last, &err);
    int nv = st ? 0 : last->version;
    ac_progress *pr = nv ? calloc((size_t)nv, sizeof *pr) : NULL;
    char **labels = nv ? calloc((size_t)nv, sizeof *labels) : NULL;
    if (!st && (!pr || !labels))
        st = ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (int v = 1; v <= nv && !st; v++) {
        ac_ledger_status *vs;
        st = ac_ledger_status_get(lg, v, &vs, &err);
        if (st)
            break;
        pr[v - 1] = vs->progress;
        labels[v - 1] = malloc(64);
        if (labels[v - 1])
            snprintf(labels[v - 1], 64, "v%d %s", v, vs->date ? vs->date : "");
        else
            st = ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        ac_ledger_status_free(vs);
    }
    if (!st)
        st = ac_report_section(r, "The record of the talks",
                               "From the ledger: the stances the parties took on the record, "
                               "version after version of the draft. Points nobody spoke to "
                               "stay not discussed.",
                               &err);
    ac_chart *c;
    if (!st) {
        ac_progress_view pv = {(size_t)nv, (const char *const *)labels, pr};
        st = ac_chart_progress(&pv, &c, &err);
        if (!st)
            st = ac_report_add(r, c, &err);
    }
    if (!st) {
        char title[96];
        snprintf(title, sizeof title, "Recorded stances, version %d", last->version);
        const char **opt = calloc(last->n_points ? last->n_points : 1, sizeof *opt);
        if (!opt)
            st = ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t k = 0; opt && k < last->n_points; k++)
            opt[k] = last->option_title[k] ? last->option_title[k]
                                           : last->option_id[k] ? last->option_id[k] : "";
        ac_stance_view sv = {title, "stances-recorded", last->n_parties, last->n_points,
                             (const char *const *)last->party_name,
                             (const char *const *)last->point_title, opt, last->stances};
        if (!st)
            st = ac_chart_stances(&sv, &c, &err);
        if (!st)
            st = ac_report_add(r, c, &err);
        free(opt);
    }
    for (int v = 0; labels && v < nv; v++)
        free(labels[v]);
    free(labels);
    free(pr);
    ac_ledger_status_free(last);
    ac_ledger_close(lg);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

static int add_input(ac_status st, ac_error *err)
{
    return st ? cli_report_error(st, err) : CLI_OK;
}

static char *subtitle(const ac_model *m)
{
    size_t np = 0, ni = ac_model_n_issues(m);
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        np += ac_party_role(m, i) != AC_ROLE_MEDIATOR;
    char *s = malloc(256);
    if (s)
        snprintf(s, 256, "Analysis by accord: %zu part%s, %zu point%s. Preferences are model "
                         "estimates, not facts.",
                 np, np == 1 ? "y" : "ies", ni, ni == 1 ? "" : "s");
    return s;
}

/* Builds the report of m: analysis, and the mediation when the model has a draft. */
/* A conflict model (docs/stability.md) has only its conflict section to show. */
static int build_conflict(const ac_model *m, const report_args *ra, ac_report **out)
{
    if (ra->ledger || ra->trace || ra->sweep) {
        fprintf(stderr, "accord: a conflict model has no parties: --ledger, --trace and --sweep "
                        "do not apply\n");
        return CLI_EINPUT;
    }
    const ac_conflict *c = ac_model_conflict(m);
    char sub[128];
    snprintf(sub, sizeof sub, "Conflict of %zu decision makers over %zu states",
             ac_conflict_n_dms(c), ac_conflict_n_states(c));
    const char *title = ac_model_title(m);
    ac_report *r = ac_report_new(*title ? title : "accord report", sub);
    if (!r)
        return cli_report_error(AC_ENOMEM, NULL);
    int rc = cli_stability_report(r, m);
    if (rc)
        ac_report_free(r);
    else
        *out = r;
    return rc;
}

static int build(const ac_model *m, const report_args *ra, ac_report **out)
{
    *out = NULL;
    if (!ac_model_n_issues(m))
        return build_conflict(m, ra, out);
    ac_error err;
    ac_error_clear(&err);
    cli_progress prog;
    cli_progress_init(&prog);
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    ao.agree_within = ra->agree_within;
    ao.threads = ra->threads;
    if (prog.enabled) {
        ao.progress = cli_progress_update;
        ao.progress_ctx = &prog;
    }
    ac_analysis *a = NULL;
    ac_status st = ac_analyze(m, &ao, &a, &err);
    cli_progress_done(&prog);
    if (st) {
        ac_analysis_free(a);
        return cli_report_error(st, &err);
    }
    ac_mediation *x = NULL;
    if (ac_model_has_plan(m)) {
        ac_mediate_opts mo;
        ac_mediate_opts_init(&mo);
        mo.agree_within = ra->agree_within;
        st = ac_mediate(m, &mo, &x, &err);
        if (st) {
            ac_analysis_free(a);
            return cli_report_error(st, &err);
        }
    }
    char *sub = subtitle(m);
    const char *title = ac_model_title(m);
    ac_report *r = sub ? ac_report_new(*title ? title : "accord report", sub) : NULL;
    free(sub);
    if (!r)
        st = ac_error_set(&err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    else
        st = ac_report_add_analysis(r, m, a, x, &err);
    ac_mediation_free(x);
    ac_analysis_free(a);
    if (st) {
        ac_report_free(r);
        return cli_report_error(st, &err);
    }
    int rc = cli_forecast_report(r, m);
    if (!rc && ra->ledger)
        rc = add_ledger(r, ra->ledger);
    if (!rc && ra->trace)
        rc = add_input(ac_report_add_trace_jsonl(r, m, ra->trace, &err), &err);
    if (!rc && ra->sweep)
        rc = add_input(ac_report_add_sweep_json(r, m, ra->sweep, &err), &err);
    if (!rc)
        rc = cli_stability_report(r, m);
    if (rc) {
        ac_report_free(r);
        return rc;
    }
    *out = r;
    return CLI_OK;
}

static int write_page(const ac_report *r, const char *path)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    FILE *fp = fopen(tmp, "wb");
    if (!fp) {
        fprintf(stderr, "accord: cannot write %s: %s\n", path, strerror(errno));
        free(tmp);
        return CLI_EINPUT;
    }
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_report_write_html(r, fp, &err);
    if (fclose(fp) != 0 && !st)
        st = ac_error_set(&err, AC_EIO, path, 0, 0, "could not write the report");
    if (!st && rename(tmp, path) != 0)
        st = ac_error_set(&err, AC_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
    if (st)
        remove(tmp);
    free(tmp);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

static int write_svgs(const ac_report *r, const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "accord: cannot create %s: %s\n", dir, strerror(errno));
        return CLI_EINPUT;
    }
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_report_write_svgs(r, dir, &err);
    return st ? cli_report_error(st, &err) : CLI_OK;
}

static int write_report(const ac_model *m, const report_args *ra)
{
    ac_report *r;
    int rc = build(m, ra, &r);
    if (rc)
        return rc;
    rc = write_page(r, ra->out);
    if (!rc && ra->svg_dir)
        rc = write_svgs(r, ra->svg_dir);
    ac_report_free(r);
    return rc;
}

int cli_report_demo(const ac_model *m, const char *path, const char *ledger)
{
    report_args ra = {path, NULL, AC_AGREE_WITHIN_DEFAULT, 0, ledger, NULL, NULL};
    return write_report(m, &ra);
}

static int run_report(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_report;
    const char *path = NULL, *v;
    report_args ra = {NULL, NULL, AC_AGREE_WITHIN_DEFAULT, 0, NULL, NULL, NULL};
    int options_done = 0, r;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && !strcmp(a, "--")) {
            options_done = 1;
        } else if (!options_done && cli_is_option(a)) {
            if ((r = cli_option_value(c, argc, argv, &i, "-o", &v)) ||
                (r = cli_option_value(c, argc, argv, &i, "--output", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                if (!*v)
                    return cli_usage_error(c, "-o needs a file name");
                ra.out = v;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--svg", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                if (!*v)
                    return cli_usage_error(c, "--svg needs a directory");
                ra.svg_dir = v;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--ledger", &v)) ||
                       (r = cli_option_value(c, argc, argv, &i, "--sweep", &v)) ||
                       (r = cli_option_value(c, argc, argv, &i, "--trace", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                int which = !strncmp(a, "--ledger", 8) ? 0 : !strncmp(a, "--sweep", 7) ? 1 : 2;
                const char **dst[3] = {&ra.ledger, &ra.sweep, &ra.trace};
                static const char *const names[3] = {"--ledger", "--sweep", "--trace"};
                if (!*v)
                    return cli_usage_error(c, "%s needs a file", names[which]);
                *dst[which] = v;
            } else if ((r = cli_option_value(c, argc, argv, &i, "--agree-within", &v))) {
                if (r < 0)
                    return CLI_EUSAGE;
                if (cli_parse_real(v, 0, 1, &ra.agree_within))
                    return cli_usage_error(c, "--agree-within needs a number in [0, 1], not '%s'",
                                           v);
            } else if ((r = cli_option_value(c, argc, argv, &i, "--threads", &v))) {
                unsigned long long n;
                if (r < 0)
                    return CLI_EUSAGE;
                if (cli_parse_count(v, 4096, &n))
                    return cli_usage_error(c, "--threads needs a whole number from 0 to 4096, "
                                              "not '%s'", v);
                ra.threads = (int)n;
            } else {
                return cli_usage_error(c, "unknown option '%s'", a);
            }
        } else if (path) {
            return cli_usage_error(c, "unexpected argument '%s'", a);
        } else {
            path = a;
        }
    }
    if (!path)
        return cli_usage_error(c, "missing MODEL");
    if (!ra.out)
        ra.out = "report.html";
    ac_model *m;
    int rc = cli_load_model_any(path, &m);
    if (rc)
        return rc;
    rc = write_report(m, &ra);
    ac_model_free(m);
    if (!rc)
        printf("%s\n", ra.out);
    return rc;
}

const cli_command cli_cmd_report = {
    .name = "report",
    .summary = "the analysis as one self-contained HTML page with SVG charts",
    .usage = "accord report MODEL [-o REPORT.html] [--svg DIR] [--ledger DB]\n"
             "                     [--sweep SWEEP.json] [--trace TRACE.jsonl]\n"
             "                     [--agree-within X] [--threads N]",
    .help = "Writes one self-contained HTML page (inline CSS and SVG: no scripts, no\n"
            "external files, works offline) with charts accord draws itself: the Pareto\n"
            "frontier with the ZOPA, the Nash, Kalai-Smorodinsky and welfare points, the\n"
            "draft and the smallest revision every party accepts (one chart per pair of\n"
            "parties); the stance of every party on every point as a heat map; and the\n"
            "draft's progress by count and by salience; with --ledger, --trace and --sweep\n"
            "also the record, a simulated talk and a sweep. Under every chart, the table\n"
            "of its numbers. Prints the path written.\n\n"
            "Options:\n"
            "  -o, --output FILE  the HTML file (default: report.html)\n"
            "  --svg DIR          also write each chart as DIR/NAME.svg (DIR is created)\n"
            "  --ledger DB        add the record's progress over its versions and the\n"
            "                     latest recorded stances (a record of 'accord plan')\n"
            "  --trace FILE       add a simulated talk ('accord simulate --trace FILE')\n"
            "  --sweep FILE       add a sweep ('accord sweep --json > FILE'): the\n"
            "                     probability of a deal, the options agreed per point\n"
            "  --agree-within X   stance threshold, as in analyze (default 0.1)\n"
            "  --threads N        worker threads; 0 (default) is one per core\n",
    .run = run_report,
};
