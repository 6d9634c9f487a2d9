/* Aligned text tables for the reports: cells are collected first, column widths are
 * measured in display columns (UTF-8 aware), then the table is printed with two spaces
 * between columns and an optional rule under the header rows.
 *
 * Allocation failures are remembered and reported by cli_table_print(), so building a
 * table needs no error checks at every cell. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct cli_table {
    size_t ncols;
    size_t ncells, cap;
    char **cells;       /* row-major; NULL for a cell that could not be stored */
    int *align;         /* [ncols] */
    size_t *max_width;  /* [ncols]; 0: no limit */
    size_t header_rows;
    int oom;
};

cli_table *cli_table_new(size_t ncols)
{
    if (!ncols)
        return NULL;
    cli_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->ncols = ncols;
    t->align = calloc(ncols, sizeof *t->align);
    t->max_width = calloc(ncols, sizeof *t->max_width);
    if (!t->align || !t->max_width) {
        cli_table_free(t);
        return NULL;
    }
    return t;
}

void cli_table_free(cli_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncells; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->align);
    free(t->max_width);
    free(t);
}

void cli_table_align(cli_table *t, size_t col, int align)
{
    if (t && col < t->ncols)
        t->align[col] = align;
}

void cli_table_max_width(cli_table *t, size_t col, size_t width)
{
    if (t && col < t->ncols)
        t->max_width[col] = width;
}

void cli_table_cell(cli_table *t, const char *fmt, ...)
{
    if (!t)
        return;
    if (t->ncells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **cells = realloc(t->cells, cap * sizeof *cells);
        if (!cells) {
            t->oom = 1;
            return;
        }
        t->cells = cells;
        t->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) {
        s = NULL;
        t->oom = 1;
    }
    va_end(ap);
    size_t col = t->ncells % t->ncols;
    if (s && t->max_width[col] && cli_width(s) > t->max_width[col]) {
        char *cut = malloc(strlen(s) + 4);
        if (cut)
            cli_fit(s, t->max_width[col], cut, strlen(s) + 4);
        else
            t->oom = 1;
        free(s);
        s = cut;
    }
    t->cells[t->ncells++] = s;
}

void cli_table_header_done(cli_table *t)
{
    if (t)
        t->header_rows = (t->ncells + t->ncols - 1) / t->ncols;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

int cli_table_print(const cli_table *t, FILE *fp, size_t indent)
{
    if (!t || t->oom)
        return -1;
    size_t nc = t->ncols, rows = (t->ncells + nc - 1) / nc;
    size_t *w = calloc(nc, sizeof *w);
    if (!w)
        return -1;
    for (size_t i = 0; i < t->ncells; i++) {
        size_t cw = cli_width(t->cells[i]);
        if (cw > w[i % nc])
            w[i % nc] = cw;
    }
    for (size_t r = 0; r < rows; r++) {
        /* Trailing blanks are trimmed: find the last non-empty cell of the row. */
        size_t last = 0;
        int any = 0;
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * nc + c;
            if (i < t->ncells && t->cells[i] && t->cells[i][0])
                last = c, any = 1;
        }
        if (any)
            pad(fp, indent);
        for (size_t c = 0; any && c <= last; c++) {
            size_t i = r * nc + c;
            const char *s = i < t->ncells && t->cells[i] ? t->cells[i] : "";
            size_t fill = w[c] - cli_width(s);
            if (c)
                fputs("  ", fp);
            if (t->align[c] == CLI_RIGHT)
                pad(fp, fill);
            fputs(s, fp);
            if (t->align[c] == CLI_LEFT && c < last)
                pad(fp, fill);
        }
        fputc('\n', fp);
        if (r + 1 == t->header_rows) {
            pad(fp, indent);
            for (size_t c = 0; c < nc; c++) {
                if (c)
                    fputs("  ", fp);
                for (size_t k = 0; k < w[c]; k++)
                    fputc('-', fp);
            }
            fputc('\n', fp);
        }
    }
    free(w);
    return 0;
}
