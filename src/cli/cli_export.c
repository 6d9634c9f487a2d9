/* `accord export genius MODEL DIR`: writes a model as a GENIUS scenario (DIR/domain.xml
 * and one DIR/<party>.xml profile per non-mediator party), so GENIUS agents and tools can
 * negotiate over it. What GENIUS cannot express is named on standard error, never
 * dropped silently. */
#include "cli/cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static int run_export(int argc, char **argv)
{
    const char *pos[3] = {NULL, NULL, NULL};
    int n = 0, dashdash = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && !strcmp(a, "--")) {
            dashdash = 1;
            continue;
        }
        if (!dashdash && cli_is_option(a))
            return cli_usage_error(&cli_cmd_export, "unknown option '%s'", a);
        if (n == 3)
            return cli_usage_error(&cli_cmd_export, "unexpected argument '%s'", a);
        pos[n++] = a;
    }
    if (n < 3)
        return cli_usage_error(&cli_cmd_export, "needs the format, MODEL and DIR");
    if (strcmp(pos[0], "genius"))
        return cli_usage_error(&cli_cmd_export, "unknown format '%s' (genius)", pos[0]);
    ac_model *m;
    int rc = cli_load_model(pos[1], &m);
    if (rc)
        return rc;
    if (mkdir(pos[2], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "accord: %s: %s\n", pos[2], strerror(errno));
        ac_model_free(m);
        return CLI_EINPUT;
    }
    ac_error err;
    ac_error_clear(&err);
    unsigned dropped = 0;
    ac_status st = ac_genius_export(m, pos[2], &dropped, &err);
    ac_model_free(m);
    if (st)
        return cli_report_error(st, &err);
    static const struct {
        unsigned bit;
        const char *what;
    } kinds[] = {
        {AC_GENIUS_DROPPED_MEDIATOR, "mediators"},
        {AC_GENIUS_DROPPED_RED_LINES, "red lines"},
        {AC_GENIUS_DROPPED_PLAN, "draft plan"},
        {AC_GENIUS_DROPPED_EVENTS, "events"},
        {AC_GENIUS_DROPPED_UNCERTAINTY, "uncertainty"},
        {AC_GENIUS_DROPPED_INFLUENCE, "influence"},
        {AC_GENIUS_DROPPED_DESCRIPTION, "descriptions"},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (dropped & kinds[k].bit)
            fprintf(stderr, "accord export: note: GENIUS has no %s; left out\n", kinds[k].what);
    return CLI_OK;
}

const cli_command cli_cmd_export = {
    .name = "export",
    .summary = "write a model as a GENIUS scenario (domain and one profile per party)",
    .usage = "accord export genius MODEL DIR",
    .help = "Writes DIR/domain.xml and DIR/<party>.xml for every party that is not a\n"
            "mediator, in GENIUS's XML layout (DIR is created when missing). Values become\n"
            "evaluations, weights are normalised, and the reservation value and discount\n"
            "factor are kept. GENIUS has no mediators, red lines, drafts, events,\n"
            "uncertainty or influence: those are left out, with a note on standard error.\n"
            "Importing the result gives the model back when each party's best value on\n"
            "every issue is 1 (GENIUS divides by the largest evaluation; docs/genius.md).\n",
    .run = run_export,
};
