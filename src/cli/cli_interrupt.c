/* Ctrl-C for long commands: the first SIGINT raises a flag the library polls (through
 * ac_analyze_opts.cancel), so the command stops within a fraction of a second and still
 * prints what it has, marked incomplete; a second SIGINT ends the process at once, the
 * usual way, for when the user does not want even that. Also the default memory cap:
 * half the machine's RAM, so a frontier too large for it stops with a message instead of
 * waking the out-of-memory killer. */
#include "cli/cli.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t g_interrupted;
static volatile int g_cancel;

static void on_sigint(int sig)
{
    (void)sig;
    g_interrupted = 1;
    g_cancel = 1;
    signal(SIGINT, SIG_DFL);
}

volatile const int *cli_interrupt_arm(void)
{
    g_interrupted = 0;
    g_cancel = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    return &g_cancel;
}

void cli_interrupt_disarm(void)
{
    signal(SIGINT, SIG_DFL);
}

int cli_interrupted(void) { return g_interrupted != 0; }

size_t cli_default_memory_cap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return 0;
    return (size_t)pages / 2 * (size_t)size;
}
