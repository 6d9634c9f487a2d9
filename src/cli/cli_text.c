/* Text helpers for reports meant for people: display width of UTF-8 titles, cutting them
 * to a column, word wrapping, and compact number forms ("1.8e16", "0.00667%").
 *
 * Table widths follow the terminal when stdout is one, else a fixed 120 columns, so
 * piped output does not depend on the window it happened to run in.
 *
 * Width counts code points: titles are mostly Latin or Cyrillic, where that is the
 * column count; cutting never splits a multi-byte character. */
#include "cli/cli.h"

#include <math.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int is_continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

size_t cli_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        w += !is_continuation(*p);
    return w;
}

/* Byte offset just past the first `cols` code points of s. */
static size_t bytes_for(const char *s, size_t cols)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, w = 0;
    while (p[i]) {
        if (!is_continuation(p[i])) {
            if (w == cols)
                break;
            w++;
        }
        i++;
    }
    return i;
}

char *cli_fit(const char *s, size_t width, char *buf, size_t size)
{
    if (!size)
        return buf;
    if (!s)
        s = "";
    size_t keep = strlen(s);
    const char *dots = "";
    if (cli_width(s) > width) {
        keep = bytes_for(s, width > 3 ? width - 3 : width);
        /* Prefer to cut between words when that loses little ("Only after..." rather
         * than "Only after Ukraine wi..."). */
        size_t space = keep;
        while (space > keep / 2 && space + 8 > keep && s[space] != ' ')
            space--;
        if (s[space] == ' ' && space > keep / 2)
            keep = space;
        /* Trailing spaces or punctuation before "..." look like a layout bug. */
        while (keep && strchr(" ,;:-", s[keep - 1]))
            keep--;
        dots = width > 3 ? "..." : "";
    }
    size_t nd = strlen(dots);
    if (keep + nd + 1 > size) { /* a small buffer: back off to a character boundary */
        keep = size > nd + 1 ? size - nd - 1 : 0;
        while (keep && is_continuation((unsigned char)s[keep]))
            keep--;
        if (keep + nd + 1 > size)
            nd = 0;
    }
    memcpy(buf, s, keep);
    memcpy(buf + keep, dots, nd);
    buf[keep + nd] = 0;
    return buf;
}

void cli_wrap(FILE *fp, const char *text, size_t indent, size_t width)
{
    const char *p = text ? text : "";
    size_t col = 0;
    while (*p) {
        if (*p == '\n') { /* keep the author's paragraph breaks */
            fputc('\n', fp);
            col = 0;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t len = strcspn(p, " \n");
        char word[1024];
        size_t n = len < sizeof word - 1 ? len : sizeof word - 1;
        memcpy(word, p, n);
        word[n] = 0;
        size_t w = cli_width(word);
        if (col && col + 1 + w > width) {
            fputc('\n', fp);
            col = 0;
        }
        if (!col) {
            fprintf(fp, "%*s", (int)indent, "");
            col = indent;
        } else {
            fputc(' ', fp);
            col++;
        }
        fwrite(p, 1, len, fp);
        col += w;
        p += len;
    }
    if (col)
        fputc('\n', fp);
}

char *cli_sci(double x, char *buf, size_t size)
{
    if (!isfinite(x) || x <= 0) {
        snprintf(buf, size, "%g", x);
        return buf;
    }
    int e = (int)floor(log10(x));
    double mant = x / pow(10.0, e);
    /* 9.96 rounds to 10.0 at one decimal: carry into the exponent. */
    if (mant >= 9.95) {
        mant /= 10;
        e++;
    }
    snprintf(buf, size, "%.1fe%d", mant, e);
    return buf;
}

char *cli_percent(double share, char *buf, size_t size)
{
    double pct = share * 100;
    if (!isfinite(pct))
        snprintf(buf, size, "?%%");
    else if (pct == 0 || pct == 100 || (pct >= 10 && pct < 99.5))
        snprintf(buf, size, "%.0f%%", pct);
    else if (pct > 99)
        snprintf(buf, size, "%.3g%%", pct < 99.9 ? pct : 99.9); /* never round up to all */
    else
        snprintf(buf, size, "%.2g%%", pct);
    return buf;
}

size_t cli_line_width(FILE *fp)
{
    struct winsize ws;
    if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 120;
}

size_t cli_share_width(FILE *fp, size_t used, size_t n)
{
    size_t width = cli_line_width(fp);
    size_t cols = width > used + 2 * n ? (width - used - 2 * n) / n : 0;
    return cols < 16 ? 16 : cols > 48 ? 48 : cols;
}
