/* `accord report MODEL -o REPORT.html [--svg DIR]`: the analysis of a model as one
 * self-contained HTML page with SVG charts accord draws itself (src/report), and with
 * --svg every chart as its own SVG file too. Also home of cli_report_demo(), which
 * `accord demo` calls to write the report of the embedded model.
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
} report_args;

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
static int build(const ac_model *m, const report_args *ra, ac_report **out)
{
    *out = NULL;
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

int cli_report_demo(const ac_model *m, const char *path)
{
    report_args ra = {path, NULL, AC_AGREE_WITHIN_DEFAULT, 0};
    return write_report(m, &ra);
}

static int run_report(int argc, char **argv)
{
    const cli_command *c = &cli_cmd_report;
    const char *path = NULL, *v;
    report_args ra = {NULL, NULL, AC_AGREE_WITHIN_DEFAULT, 0};
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
    int rc = cli_load_model(path, &m);
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
    .usage = "accord report MODEL [-o REPORT.html] [--svg DIR] [--agree-within X]\n"
             "                     [--threads N]",
    .help = "Writes one self-contained HTML page (inline CSS and SVG: no scripts, no\n"
            "external files, works offline) with charts accord draws itself: the Pareto\n"
            "frontier with the ZOPA, the Nash, Kalai-Smorodinsky and welfare points, the\n"
            "draft and the smallest revision every party accepts (one chart per pair of\n"
            "parties); the stance of every party on every point as a heat map; and the\n"
            "draft's progress by count and by salience. Under every chart, the table of\n"
            "its numbers. Prints the path written.\n\n"
            "Options:\n"
            "  -o, --output FILE  the HTML file (default: report.html)\n"
            "  --svg DIR          also write each chart as DIR/NAME.svg (DIR is created)\n"
            "  --agree-within X   stance threshold, as in analyze (default 0.1)\n"
            "  --threads N        worker threads; 0 (default) is one per core\n",
    .run = run_report,
};
