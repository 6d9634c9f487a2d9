/* `accord import genius|geniusweb ...`: turns a GENIUS (XML) or GeniusWeb (JSON) scenario
 * into an accord model file (YAML), on standard output or in the file named by -o.
 * The semantics are those of docs/genius.md; the model is written only when the whole
 * import succeeded, so a failed import never leaves a half-written file behind. */
#include "cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_import(int argc, char **argv)
{
    const char *format = NULL, *output = NULL, *domain = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nf = 0;
    unsigned long long steps = 0;
    int rc = CLI_OK, dashdash = 0;
    if (!files) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    for (int i = 1; i < argc && rc == CLI_OK; i++) {
        const char *a = argv[i], *val;
        int r;
        if (!dashdash && !strcmp(a, "--")) {
            dashdash = 1;
            continue;
        }
        if (!dashdash && cli_is_option(a)) {
            if ((r = cli_option_value(&cli_cmd_import, argc, argv, &i, "-o", &val)) ||
                (r = cli_option_value(&cli_cmd_import, argc, argv, &i, "--output", &val))) {
                if (r < 0)
                    rc = CLI_EUSAGE;
                else
                    output = val;
            } else if ((r = cli_option_value(&cli_cmd_import, argc, argv, &i, "--steps", &val))) {
                if (r < 0)
                    rc = CLI_EUSAGE;
                else if (cli_parse_count(val, AC_GENIUS_MAX_OPTIONS, &steps) || steps < 2)
                    rc = cli_usage_error(&cli_cmd_import, "--steps needs an integer in [2, %u], got '%s'",
                                         AC_GENIUS_MAX_OPTIONS, val);
            } else if ((r = cli_option_value(&cli_cmd_import, argc, argv, &i, "--domain", &val))) {
                if (r < 0)
                    rc = CLI_EUSAGE;
                else
                    domain = val;
            } else
                rc = cli_usage_error(&cli_cmd_import, "unknown option '%s'", a);
            continue;
        }
        if (!format)
            format = a;
        else
            files[nf++] = a;
    }
    if (rc == CLI_OK && !format)
        rc = cli_usage_error(&cli_cmd_import, "missing the format (genius or geniusweb)");
    else if (rc == CLI_OK && strcmp(format, "genius") && strcmp(format, "geniusweb"))
        rc = cli_usage_error(&cli_cmd_import, "unknown format '%s' (genius or geniusweb)", format);
    else if (rc == CLI_OK && nf == 0)
        rc = cli_usage_error(&cli_cmd_import, "missing the scenario files");
    else if (rc == CLI_OK && domain && !strcmp(format, "genius"))
        rc = cli_usage_error(&cli_cmd_import, "--domain is for geniusweb (GENIUS takes the domain first)");
    if (rc != CLI_OK) {
        free(files);
        return rc;
    }

    ac_model *m = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st;
    struct stat sb;
    int folder = nf == 1 && stat(files[0], &sb) == 0 && S_ISDIR(sb.st_mode);
    if (!strcmp(format, "genius")) {
        if (folder || nf == 1)
            st = ac_scenario_load(files[0], (unsigned)steps, &m, NULL, &err);
        else
            st = ac_genius_import(files[0], files + 1, nf - 1, (unsigned)steps, &m, &err);
    } else if (folder && !domain)
        st = ac_scenario_load(files[0], 0, &m, NULL, &err);
    else
        st = ac_geniusweb_import(domain, files, nf, &m, &err);
    free(files);
    if (st) {
        char msg[1024];
        ac_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        return cli_exit_code(st);
    }
    FILE *fp = output ? fopen(output, "w") : stdout;
    if (!fp) {
        fprintf(stderr, "accord: %s: %s\n", output, strerror(errno));
        ac_model_free(m);
        return CLI_EINPUT;
    }
    st = ac_model_write_yaml(m, fp, &err);
    ac_model_free(m);
    if (output && fclose(fp) != 0 && !st)
        st = ac_error_set(&err, AC_EIO, output, 0, 0, "write error");
    if (st)
        return cli_report_error(st, &err);
    return CLI_OK;
}

const cli_command cli_cmd_import = {
    .name = "import",
    .summary = "convert a GENIUS (XML) or GeniusWeb (JSON) scenario into a model",
    .usage = "accord import genius DOMAIN.xml PROFILE.xml... [-o MODEL.yaml] [--steps N]\n"
             "       accord import genius FOLDER [-o MODEL.yaml] [--steps N]\n"
             "       accord import geniusweb PROFILE.json... [--domain DOMAIN.json] [-o MODEL.yaml]\n"
             "       accord import geniusweb FOLDER [-o MODEL.yaml]",
    .help = "Reads a negotiation scenario of GENIUS or GeniusWeb and writes the equivalent\n"
            "accord model (YAML) to standard output, or to MODEL.yaml with -o. Parties are\n"
            "named after the profile files, in the order given (file-name order in a FOLDER).\n"
            "Utilities follow GENIUS: discrete evaluations are divided by the issue's largest\n"
            "evaluation; integer and real issues use the profile's linear evaluator; weights,\n"
            "the reservation value and the discount factor are kept (docs/genius.md).\n\n"
            "Options:\n"
            "  -o, --output FILE  write the model to FILE instead of standard output\n"
            "  --steps N          points a real-valued issue is discretised into, both bounds\n"
            "                     included (default 11)\n"
            "  --domain FILE      GeniusWeb: a domain file every profile must match\n\n"
            "Problems are reported as file:line: message (exit 1).\n",
    .run = run_import,
};
