/* A one-line progress bar on stderr for long analyses.
 *
 * Drawn only when stderr is a terminal, so logs, pipes and --json consumers never see
 * it; stdout is never touched. It redraws only when the whole percent or the stage
 * changes (the library may report far more often than a terminal can show), and
 * cli_progress_done() erases it so the report starts on a clean line. */
#include "cli/cli.h"

#include <string.h>
#include <unistd.h>

#define BAR_COLS 30

void cli_progress_init(cli_progress *p)
{
    memset(p, 0, sizeof *p);
    p->enabled = isatty(STDERR_FILENO);
    p->last_percent = -1;
}

void cli_progress_update(void *ctx, double fraction, const char *what)
{
    cli_progress *p = ctx;
    if (!p || !p->enabled)
        return;
    if (!(fraction >= 0))
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    int percent = (int)(fraction * 100);
    if (!what)
        what = "";
    if (percent == p->last_percent && !strncmp(what, p->last_what, sizeof p->last_what - 1))
        return;
    p->last_percent = percent;
    snprintf(p->last_what, sizeof p->last_what, "%s", what);
    char label[32], bar[BAR_COLS + 1];
    cli_fit(what, 24, label, sizeof label);
    int filled = (int)(fraction * BAR_COLS);
    for (int i = 0; i < BAR_COLS; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_COLS] = 0;
    /* \033[K clears what a longer previous label left behind. */
    size_t w = cli_width(label); /* %-24s would pad by bytes, not columns */
    fprintf(stderr, "\r%s%*s [%s] %3d%%\033[K", label, (int)(w < 24 ? 24 - w : 0), "", bar,
            percent);
    fflush(stderr);
    p->drawn = 1;
}

void cli_progress_done(cli_progress *p)
{
    if (p && p->enabled && p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->drawn = 0;
    }
}
