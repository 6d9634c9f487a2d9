/* The `accord` command: finds the sub-command, answers --help and --version, runs it
 * and turns its result into the exit status (0 ok, 1 input error, 2 usage error,
 * 3 internal error). Each sub-command lives in its own cli_<name>.c and carries its
 * own help text, so adding one means one file and one line in the table below. */
#include "cli/cli.h"

#include <string.h>

static const cli_command *const commands[] = {
    &cli_cmd_demo,
    &cli_cmd_check,
    &cli_cmd_analyze,
    &cli_cmd_plan,
    &cli_cmd_mediate,
    &cli_cmd_stability,
    &cli_cmd_simulate,
    &cli_cmd_sweep,
    &cli_cmd_report,
    &cli_cmd_forecast,
    &cli_cmd_import,
    &cli_cmd_export,
    &cli_cmd_serve,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(commands[i]->name, name))
            return commands[i];
    return NULL;
}

static void print_usage(FILE *fp)
{
    fprintf(fp, "usage: accord COMMAND [ARGS...]\n"
                "       accord help [COMMAND] | --help | --version\n\n"
                "Analyse mediated multi-party negotiations: the outcome space, the zone of\n"
                "possible agreement, the Pareto frontier, bargaining solutions and the\n"
                "progress of a draft plan.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(fp, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(fp, "\nMODEL is a YAML model file (docs/model-format.md), '-' for standard input,\n"
                "'@default' for the embedded model ('@us-interests': the same plan with the\n"
                "United States as a party of its own), or a GENIUS / GeniusWeb scenario (a\n"
                "folder, or one .xml / .json profile; docs/genius.md).\n\n"
                "Exit status: 0 ok, 1 input error, 2 usage error, 3 internal error.\n"
                "Run 'accord COMMAND --help' for a command's options.\n");
}

static void print_command_help(const cli_command *c)
{
    printf("usage: %s\n\n%s", c->usage, c->help);
}

static int is_help(const char *a) { return !strcmp(a, "-h") || !strcmp(a, "--help"); }

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EUSAGE;
    }
    const char *name = argv[1];
    if (is_help(name)) {
        print_usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
        printf("accord %s\n", ACCORD_VERSION);
        return CLI_OK;
    }
    if (!strcmp(name, "help")) {
        if (argc == 2) {
            print_usage(stdout);
            return CLI_OK;
        }
        if (argc > 3)
            return cli_usage_error(NULL, "help takes one command");
        const cli_command *c = find_command(argv[2]);
        if (!c)
            return cli_usage_error(NULL, "no command '%s'", argv[2]);
        print_command_help(c);
        return CLI_OK;
    }
    const cli_command *c = find_command(name);
    if (!c)
        return cli_usage_error(NULL, cli_is_option(name) ? "unknown option '%s'"
                                                          : "unknown command '%s'",
                               name);
    /* --help anywhere before "--" wins over everything else on the line. */
    for (int i = 2; i < argc && strcmp(argv[i], "--"); i++)
        if (is_help(argv[i])) {
            print_command_help(c);
            return CLI_OK;
        }
    return c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    cli_full_set_argv(argv);
    int rc = dispatch(argc, argv);
    /* A report that could not be written completely is not a success. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && rc == CLI_OK) {
        fprintf(stderr, "accord: error writing to standard output\n");
        rc = CLI_EINPUT;
    }
    return rc;
}
