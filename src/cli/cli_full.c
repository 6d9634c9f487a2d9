/* The usual `accord` binary leaves out the review server and MPI: their libraries
 * (libmicrohttpd, GnuTLS and Open MPI, some twenty shared objects with their constructors)
 * took most of its start-up, longer than the whole analysis of a million outcomes. So
 * `accord serve` and `accord sweep --mpi` exec accord-full, the same command with
 * everything linked, under the same process id and arguments. It lives beside the binary
 * in a build tree and in LIBEXECDIR/accord once installed (ACCORD_FULL_REL, the path from
 * the binary's folder). Built without ACCORD_LIGHT this file is accord-full's, which
 * runs everything itself. */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char **saved_argv;

void cli_full_set_argv(char **argv) { saved_argv = argv; }

#ifdef ACCORD_LIGHT

#ifndef ACCORD_FULL_REL
#define ACCORD_FULL_REL "../libexec/accord/accord-full"
#endif

int cli_full_available(void) { return 1; }

static int try_exec(const char *dir, size_t dn, const char *rel)
{
    char path[PATH_MAX];
    if (dn + 1 + strlen(rel) + 1 > sizeof path)
        return -1;
    memcpy(path, dir, dn);
    path[dn] = '/';
    strcpy(path + dn + 1, rel);
    if (access(path, X_OK))
        return -1;
    execv(path, saved_argv);
    return -1; /* errno says why */
}

int cli_full_exec(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || !saved_argv) {
        fprintf(stderr, "accord: cannot find accord-full (the binary's own path is unknown)\n");
        return CLI_EINTERNAL;
    }
    self[n] = 0;
    char *slash = strrchr(self, '/');
    size_t dn = slash ? (size_t)(slash - self) : 0;
    if (try_exec(self, dn, "accord-full") && try_exec(self, dn, ACCORD_FULL_REL)) {
        fprintf(stderr, "accord: this command runs in accord-full, which was not found beside "
                        "%.*s or at %.*s/%s (%s)\n",
                (int)dn, self, (int)dn, self, ACCORD_FULL_REL, strerror(errno));
        return CLI_EINTERNAL;
    }
    return CLI_EINTERNAL; /* not reached: exec succeeded or failed above */
}

int cli_serve_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_full_exec();
}

#else

int cli_full_available(void) { return 0; }
int cli_full_exec(void) { return CLI_EINTERNAL; }

#endif
