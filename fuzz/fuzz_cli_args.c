/* Fuzz target: the command line of `accord`. The whole front end (every file of src/cli) is
 * compiled with -Dmain=accord_main, and the fuzzer calls accord_main with an argv made
 * from the bytes: the first byte picks the first word from a fixed list (check, analyze,
 * help and the --help/--version spellings, plus unknown words), the rest is split at
 * newlines (and NULs) into at most 16 arguments.
 *
 * Nothing here may write files, read standard input or run a long analysis, so inputs
 * are skipped when an argument contains '/', is "-" (stdin), "@default" (the 27-point
 * model) or mentions threads; the argument "@m" is replaced by the path of a tiny
 * 6-outcome model written once at start-up, and the working directory is an empty
 * scratch directory so that any other name is a missing file. stdout goes to /dev/null;
 * scripts/fuzz.sh adds -close_fd_mask=2 to silence the CLI's stderr.
 *
 * Properties: no crash, leak or undefined behaviour, and the exit status is one of the
 * documented codes 0..3. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int accord_main(int argc, char **argv);

static const char tiny_model[] =
    "accord: 1\n"
    "title: Test talks\n"
    "parties:\n"
    "  - {id: m, name: Mediator, role: mediator}\n"
    "  - {id: a, name: Alpha, reservation: 0.2}\n"
    "  - {id: b, name: Beta, reservation: 0.2}\n"
    "issues:\n"
    "  - id: land\n"
    "    options: [north, split, south]\n"
    "  - id: money\n"
    "    options: [low, high]\n"
    "preferences:\n"
    "  a:\n"
    "    weights: {land: 1, money: 1}\n"
    "    values: {land: {north: 1, split: 0.5, south: 0}, money: {low: 0, high: 1}}\n"
    "  b:\n"
    "    weights: {land: 1, money: 1}\n"
    "    values: {land: {north: 0, split: 0.5, south: 1}, money: {low: 1, high: 0}}\n"
    "    red_lines: [{issue: land, options: [north]}]\n"
    "plan: {land: split, money: high}\n";

static char model_path[4096], scratch[64], scratch_cwd[80];

static void cleanup(void)
{
    remove(model_path);
    rmdir(scratch_cwd);
    rmdir(scratch);
}

static const char *const first_words[] = {
    "check", "analyze", "help", "--help", "-h", "--version", "-V", "", "chek", "--bogus",
};
#define N_FIRST (sizeof first_words / sizeof first_words[0])
#define MAX_ARGS 16

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[] = "/tmp/accord-fuzz-cli-XXXXXX";
    if (!mkdtemp(dir))
        abort();
    snprintf(model_path, sizeof model_path, "%s/tiny.yaml", dir);
    FILE *fp = fopen(model_path, "w");
    if (!fp || fputs(tiny_model, fp) < 0 || fclose(fp) != 0)
        abort();
    char cwd[sizeof dir + 8];
    snprintf(cwd, sizeof cwd, "%s/cwd", dir);
    if (mkdir(cwd, 0700) != 0 || chdir(cwd) != 0)
        abort();
    snprintf(scratch, sizeof scratch, "%s", dir);
    snprintf(scratch_cwd, sizeof scratch_cwd, "%s", cwd);
    atexit(cleanup);
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

/* 1 when the argument may be passed on (see the top of the file). */
static int allowed(const char *a)
{
    return !strchr(a, '/') && strcmp(a, "-") && !strstr(a, "@default") && !strstr(a, "thread");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 4096)
        return 0;
    char *buf = malloc(size);
    if (!buf)
        abort();
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = 0;
    char *argv[MAX_ARGS + 3];
    int argc = 0;
    argv[argc++] = "accord";
    argv[argc++] = (char *)first_words[data[0] % N_FIRST];
    int ok = 1;
    if (size > 1) {
        char *s = buf;
        for (;;) {
            size_t n = strcspn(s, "\n");
            int last = s[n] == 0;
            s[n] = 0;
            if (argc == MAX_ARGS + 2 || !allowed(s)) {
                ok = 0;
                break;
            }
            argv[argc++] = !strcmp(s, "@m") ? model_path : s;
            if (last || (size_t)(s + n + 1 - buf) >= size - 1)
                break;
            s += n + 1;
        }
    }
    argv[argc] = NULL;
    if (ok) {
        int rc = accord_main(argc, argv);
        if (rc < 0 || rc > 3) {
            fprintf(stderr, "fuzz_cli_args: exit status %d is not one of 0..3\n", rc);
            abort();
        }
        fflush(stdout);
        clearerr(stdout);
    }
    free(buf);
    return 0;
}
