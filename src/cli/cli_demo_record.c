/* The example record of the 2025 talks for `accord demo`: the commands of
 * data/make-example-record.sh are embedded at build time (cmake/record-commands.sh), one
 * command a line, arguments separated by 0x1f, the database path written as {DB}. The
 * demo replays them through the `plan` command into a temporary database, so the record's
 * status can be shown without any file from the source tree. */
#include "cli/cli.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_example_record_text(void);
size_t cli_example_record_size(void);

#define MAX_ARGS 128

/* Runs one embedded line; stdout (the commands' confirmations) is silenced meanwhile. */
static int replay_line(char *line, const char *db)
{
    char *argv[MAX_ARGS + 1];
    int argc = 0;
    for (char *p = line, *f = line;; p++) {
        if (*p != '\x1f' && *p)
            continue;
        int end = !*p;
        *p = 0;
        if (argc == MAX_ARGS)
            return CLI_EINTERNAL;
        argv[argc++] = strcmp(f, "{DB}") ? f : (char *)db;
        if (end)
            break;
        f = p + 1;
    }
    argv[argc] = NULL;
    if (argc < 2 || strcmp(argv[0], "plan"))
        return CLI_EINTERNAL;
    fflush(stdout);
    int saved = dup(STDOUT_FILENO), null = open("/dev/null", O_WRONLY);
    if (saved < 0 || null < 0) {
        if (saved >= 0)
            close(saved);
        if (null >= 0)
            close(null);
        return CLI_EINTERNAL;
    }
    dup2(null, STDOUT_FILENO);
    close(null);
    int rc = cli_cmd_plan.run(argc, argv);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    return rc;
}

int cli_demo_record(char *dir, size_t dir_size, char *db, size_t db_size)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dir_size, "%s/accord-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "accord demo: cannot create a temporary directory for the record\n");
        return CLI_EINTERNAL;
    }
    snprintf(db, db_size, "%s/example-record.db", dir);
    size_t n = cli_example_record_size();
    char *text = malloc(n + 1);
    if (!text)
        return CLI_EINTERNAL;
    memcpy(text, cli_example_record_text(), n + 1);
    int rc = CLI_OK;
    for (char *line = text; !rc && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        if (*line)
            rc = replay_line(line, db);
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(text);
    if (rc)
        fprintf(stderr, "accord demo: building the example record failed\n");
    return rc;
}

void cli_demo_record_remove(const char *dir, const char *db)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char path[4200];
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        unlink(path);
    }
    rmdir(dir);
}
