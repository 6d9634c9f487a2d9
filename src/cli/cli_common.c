/* Shared plumbing of the sub-commands: usage errors, option values, strict number
 * parsing, mapping library statuses to exit codes, and loading a model with every
 * problem printed as file:line:col: message.
 *
 * Numbers are parsed strictly (whole string, no sign, no spaces) because a silently
 * misread "--limit 1O" is worse than a usage error. */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const cli_command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "accord%s%s: ", c ? " " : "", c ? c->name : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (c)
        fprintf(stderr, "\nusage: %s\nTry 'accord %s --help' for more.\n", c->usage, c->name);
    else
        fprintf(stderr, "\nTry 'accord --help' for the commands.\n");
    return CLI_EUSAGE;
}

int cli_is_option(const char *arg) { return arg[0] == '-' && arg[1] != 0; }

int cli_option_value(const cli_command *c, int argc, char **argv, int *i, const char *name,
                     const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != 0)
        return 0;
    if (*i + 1 >= argc) {
        cli_usage_error(c, "option %s needs a value", name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int cli_parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end || x > max)
        return -1;
    *out = x;
    return 0;
}

int cli_parse_real(const char *s, double lo, double hi, double *out)
{
    if (!s || !*s || !(*s == '.' || *s == '-' || (*s >= '0' && *s <= '9')))
        return -1;
    errno = 0;
    char *end;
    double x = strtod(s, &end);
    if (errno || *end || !isfinite(x) || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

int cli_exit_code(ac_status s)
{
    switch (s) {
    case AC_OK:
        return CLI_OK;
    case AC_ENOMEM:
    case AC_EINTERNAL:
        return CLI_EINTERNAL;
    case AC_EINPUT:
    case AC_EIO:
    case AC_ELIMIT:
    case AC_EARG:
        return CLI_EINPUT;
    }
    return CLI_EINTERNAL;
}

int cli_report_error(ac_status s, const ac_error *err)
{
    char msg[1024];
    if (err && err->code != AC_OK)
        ac_error_format(err, msg, sizeof msg);
    else
        snprintf(msg, sizeof msg, "%s", ac_strerror(s));
    fprintf(stderr, "accord: %s\n", msg);
    return cli_exit_code(s);
}

/* Prints one diagnostic in the same form as ac_error_format, so both paths agree. */
void cli_print_diag(const ac_diag *d)
{
    ac_error e;
    ac_error_clear(&e);
    e.code = AC_EINPUT;
    snprintf(e.file, sizeof e.file, "%s", d->file ? d->file : "");
    e.line = d->line;
    e.col = d->col;
    snprintf(e.message, sizeof e.message, "%s", d->message ? d->message : "");
    char msg[1024];
    ac_error_format(&e, msg, sizeof msg);
    fprintf(stderr, "%s\n", msg);
}

int cli_load_model(const char *path, ac_model **out)
{
    *out = NULL;
    ac_diags *diags = ac_diags_new();
    if (!diags) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_EINTERNAL;
    }
    ac_error err;
    ac_error_clear(&err);
    /* GENIUS / GeniusWeb folders and .xml/.json files go through the scenario loader. */
    ac_status st = ac_scenario_kind_of(path) == AC_SCENARIO_YAML
                       ? ac_model_load_file(path, out, diags, &err)
                       : ac_scenario_load(path, 0, out, diags, &err);
    int rc = CLI_OK;
    if (st != AC_OK) {
        ac_model_free(*out); /* the loader promises NULL on failure; be safe regardless */
        *out = NULL;
        ac_diags_sort(diags);
        size_t n = ac_diags_count(diags);
        for (size_t i = 0; i < n; i++)
            cli_print_diag(ac_diags_get(diags, i));
        if (n == 0) {
            /* a problem without a position (unreadable file, out of memory) */
            char msg[1024];
            ac_error_format(&err, msg, sizeof msg);
            if (err.file[0])
                fprintf(stderr, "%s\n", msg);
            else if (strstr(msg, path)) /* the loader already named the file */
                fprintf(stderr, "accord: %s\n", msg);
            else
                fprintf(stderr, "accord: %s: %s\n", path, msg);
        }
        rc = cli_exit_code(st);
    }
    ac_diags_free(diags);
    return rc;
}

size_t cli_active_party(const ac_model *m, size_t i)
{
    for (size_t p = 0; p < ac_model_n_parties(m); p++)
        if (ac_party_role(m, p) == AC_ROLE_PARTY && i-- == 0)
            return p;
    return AC_NONE;
}
