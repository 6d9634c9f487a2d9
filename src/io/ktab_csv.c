/* KTAB-style CSV files (accord/ktab.h) -> the forecast input table.
 *
 * Fields are split on commas; a field may be double-quoted ("" inside stands for one
 * quote); blanks around a field are dropped; one empty field at the end of a line (KTAB's
 * files end their lines with a comma) is ignored. Numbers are read in the C locale. Every
 * problem is reported at the line and column where its field starts, and the reader goes
 * on to the next field, so one pass reports them all.
 *
 * Invariant: never exits or aborts; frees everything on every path; returns a table only
 * when not a single problem was found. */
#include "accord/ktab.h"
#include "io/read_file.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBLEMS 200

typedef struct {
    char *text; /* unquoted, trimmed; owned by the line's buffer */
    int col;    /* 1-based column where the field starts */
} field;

typedef struct {
    const char *file;
    ac_diags *diags;
    size_t problems;
    int nomem;
    locale_t c_locale;
} reader;

static void report(reader *R, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(reader *R, int line, int col, const char *fmt, ...)
{
    R->problems++;
    if (R->problems > MAX_PROBLEMS)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ac_diags_add(R->diags, R->file, line, col, "%s", msg) != AC_OK)
        R->nomem = 1;
}

/* A field's text made safe to quote: control characters shown as '?', cut at 40. */
static const char *show(char buf[64], const char *s)
{
    size_t n = 0;
    for (; *s && n < 40; s++)
        buf[n++] = (unsigned char)*s < 0x20 ? '?' : *s;
    if (*s)
        memcpy(buf + n, "...", 4);
    else
        buf[n] = 0;
    return buf;
}

/* Splits one line (without its end) into fields, in place. Returns the count, or -1 when
 * out of memory; *fs grows as needed. An unterminated quote is reported. */
static int split(reader *R, char *s, size_t len, int lineno, field **fs, size_t *cap)
{
    size_t n = 0, i = 0;
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        int col = (int)i + 1;
        char *out = s + i, *w = out;
        if (i < len && s[i] == '"') {
            i++;
            int closed = 0;
            while (i < len) {
                if (s[i] == '"') {
                    if (i + 1 < len && s[i + 1] == '"') {
                        *w++ = '"';
                        i += 2;
                        continue;
                    }
                    closed = 1;
                    i++;
                    break;
                }
                *w++ = s[i++];
            }
            if (!closed)
                report(R, lineno, col, "unterminated quoted field");
            while (i < len && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (i < len && s[i] != ',') {
                report(R, lineno, (int)i + 1, "unexpected text after a quoted field");
                while (i < len && s[i] != ',')
                    i++;
            }
        } else {
            while (i < len && s[i] != ',')
                *w++ = s[i++];
            while (w > out && (w[-1] == ' ' || w[-1] == '\t'))
                w--;
        }
        int at_end = i >= len;
        if (n == *cap) {
            size_t nc = *cap ? 2 * *cap : 16;
            field *f = realloc(*fs, nc * sizeof *f);
            if (!f)
                return -1;
            *fs = f;
            *cap = nc;
        }
        (*fs)[n].text = out;
        (*fs)[n].col = col;
        n++;
        *w = 0; /* safe: w <= the separator's position, or the line's end */
        if (at_end)
            break;
        i++; /* the comma */
    }
    if (n > 1 && !*(*fs)[n - 1].text)
        n--; /* KTAB's trailing comma */
    return (int)n;
}

static int number(reader *R, const field *f, int lineno, double *out)
{
    if (!*f->text) {
        return 0;
    }
    char *end;
    errno = 0;
    locale_t old = uselocale(R->c_locale);
    double x = strtod(f->text, &end);
    uselocale(old);
    (void)lineno;
    if (*end || errno == ERANGE || !isfinite(x))
        return 0;
    *out = x;
    return 1;
}

static int count(const field *f, long lo, long hi, long *out)
{
    const char *s = f->text;
    if (!*s)
        return 0;
    long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s) || v > 100000)
            return 0;
        v = 10 * v + (*s - '0');
    }
    if (v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

typedef struct {
    char *start;
    size_t len;
    int no;
} line_t;

ac_status ac_ktab_load_string(const char *text, size_t len, const char *name, ac_fc_input **out,
                              ac_diags *diags, ac_error *err)
{
    if (!out || (!text && len))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ktab_load_string: bad arguments");
    *out = NULL;
    reader R = {.file = name ? name : "<string>"};
    ac_diags *own = NULL;
    if (!diags && !(diags = own = ac_diags_new()))
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    R.diags = diags;
    size_t first_diag = ac_diags_count(diags);
    R.c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    char *buf = malloc(len + 1);
    line_t *lines = NULL;
    field *fs = NULL;
    size_t fcap = 0, nl = 0;
    ac_fc_input *in = NULL;
    char **dnames = NULL;
    if (!R.c_locale || !buf) {
        R.nomem = 1;
        goto done;
    }
    if (len > AC_KTAB_FILE_MAX) {
        report(&R, 0, 0, "the file is larger than the limit of %u bytes for a CSV",
               AC_KTAB_FILE_MAX);
        goto done;
    }
    if (len)
        memcpy(buf, text, len);
    buf[len] = 0;
    size_t off = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
    size_t maxl = 1;
    for (size_t i = off; i < len; i++)
        if (buf[i] == '\n')
            maxl++;
    lines = malloc(maxl * sizeof *lines);
    if (!lines) {
        R.nomem = 1;
        goto done;
    }
    for (size_t i = off, no = 1; i <= len; no++) {
        size_t j = i;
        while (j < len && buf[j] != '\n')
            j++;
        size_t e = j;
        if (e > i && buf[e - 1] == '\r')
            e--;
        if (memchr(buf + i, 0, e - i)) {
            report(&R, (int)no, (int)((char *)memchr(buf + i, 0, e - i) - (buf + i)) + 1,
                   "the line holds a NUL byte");
            goto done;
        }
        lines[nl++] = (line_t){buf + i, e - i, (int)no};
        i = j + 1;
    }
    /* Blank lines at the end carry nothing. */
    while (nl > 0) {
        line_t *l = &lines[nl - 1];
        size_t k = 0;
        while (k < l->len && (l->start[k] == ' ' || l->start[k] == '\t' || l->start[k] == ','))
            k++;
        if (k < l->len)
            break;
        nl--;
    }
    if (nl == 0) {
        report(&R, 1, 1, "the file is empty: a KTAB CSV starts 'name,description,nActors,nDims,'");
        goto done;
    }
    char sh[64];
    /* line 1: name, description, nActors, nDims */
    int n = split(&R, lines[0].start, lines[0].len, 1, &fs, &fcap);
    if (n < 0) {
        R.nomem = 1;
        goto done;
    }
    long na = 0, nd = 0;
    char *title = NULL, *desc = NULL;
    if (n < 4) {
        report(&R, 1, 1,
               "the first line must be 'name,description,nActors,nDims,': found %d field%s", n,
               n == 1 ? "" : "s");
        goto done;
    }
    for (int k = 4; k < n; k++)
        report(&R, 1, fs[k].col, "unexpected field '%s' after nDims on the first line",
               show(sh, fs[k].text));
    title = fs[0].text;
    desc = fs[1].text;
    if (!count(&fs[2], 2, AC_FC_MAX_ACTORS, &na))
        report(&R, 1, fs[2].col, "nActors must be a whole number from 2 to %d, found '%s'",
               AC_FC_MAX_ACTORS, show(sh, fs[2].text));
    if (!count(&fs[3], 1, AC_FC_MAX_DIMS, &nd))
        report(&R, 1, fs[3].col, "nDims must be a whole number from 1 to %d, found '%s'",
               AC_FC_MAX_DIMS, show(sh, fs[3].text));
    if (!na || !nd)
        goto done;
    if (!(in = ac_fc_input_new((size_t)na, (size_t)nd)) ||
        ac_fc_input_set_title(in, title, desc, NULL)) {
        R.nomem = 1;
        goto done;
    }
    /* line 2: the header */
    long want = 3 + 2 * nd;
    if (nl < 2) {
        report(&R, lines[0].no + 1, 1,
               "missing the header line 'Actor,Description,Power,Pstn1,Sal1,...'");
        goto done;
    }
    n = split(&R, lines[1].start, lines[1].len, 2, &fs, &fcap);
    if (n < 0) {
        R.nomem = 1;
        goto done;
    }
    int header_ok = 1;
    if (n != want) {
        report(&R, 2, n > want ? fs[want].col : 1,
               "the header line has %d field%s; 'Actor,Description,Power' and a position and "
               "a salience for each of the %ld dimension%s make %ld",
               n, n == 1 ? "" : "s", nd, nd == 1 ? "" : "s", want);
        header_ok = 0;
    }
    for (long d = 0; header_ok && d < nd; d++) {
        field *f = &fs[3 + 2 * d];
        if (!*f->text) {
            report(&R, 2, f->col, "dimension %ld has no name (its position column header)",
                   d + 1);
            continue;
        }
        for (long e = 0; e < d; e++)
            if (!strcmp(fs[3 + 2 * e].text, f->text)) {
                report(&R, 2, f->col, "duplicate dimension name '%s' (first in column %d)",
                       show(sh, f->text), fs[3 + 2 * e].col);
                break;
            }
        if (ac_fc_input_set_dim(in, (size_t)d, f->text, NULL))
            R.nomem = 1;
    }
    if (!header_ok)
        goto done;
    dnames = calloc(AC_FC_MAX_DIMS, sizeof *dnames);
    if (!dnames) {
        R.nomem = 1;
        goto done;
    }
    for (long d = 0; d < nd; d++)
        dnames[d] = (char *)ac_fc_dim(in, (size_t)d);
    /* the actors */
    size_t have = nl - 2;
    for (size_t a = 0; a < have && a < (size_t)na; a++) {
        line_t *l = &lines[2 + a];
        n = split(&R, l->start, l->len, l->no, &fs, &fcap);
        if (n < 0) {
            R.nomem = 1;
            goto done;
        }
        if (n != want) {
            if (n > want)
                report(&R, l->no, fs[want].col,
                       "an actor line has %ld fields (name, description, capability, and a "
                       "position and a salience per dimension); this one has %d",
                       want, n);
            else
                report(&R, l->no, (int)l->len + 1,
                       "an actor line has %ld fields (name, description, capability, and a "
                       "position and a salience per dimension); this one has %d",
                       want, n);
            continue;
        }
        const char *nm = fs[0].text;
        if (!*nm)
            report(&R, l->no, fs[0].col, "the actor has no name");
        else if (strlen(nm) > 64)
            report(&R, l->no, fs[0].col, "the actor name '%s' is longer than 64 bytes",
                   show(sh, nm));
        else {
            for (size_t b = 0; b < a; b++)
                if (!strcmp(ac_fc_actor(in, b), nm)) {
                    report(&R, l->no, fs[0].col, "duplicate actor '%s' (first on line %d)",
                           show(sh, nm), lines[2 + b].no);
                    break;
                }
        }
        if (ac_fc_input_set_actor(in, a, nm, fs[1].text, NULL))
            R.nomem = 1;
        double cap = 0;
        int cap_ok = number(&R, &fs[2], l->no, &cap) && cap > 0 && cap <= 1e8;
        if (!cap_ok)
            report(&R, l->no, fs[2].col,
                   "the capability must be a number above 0 and at most 1e8, found '%s'",
                   show(sh, fs[2].text));
        double total = 0;
        int cells_ok = cap_ok;
        for (long d = 0; d < nd; d++) {
            field *fp = &fs[3 + 2 * d], *fsal = &fs[4 + 2 * d];
            double p = 0, s = 0;
            if (!number(&R, fp, l->no, &p) || p < 0 || p > 100) {
                report(&R, l->no, fp->col, "the position on '%s' must be a number in [0,100], "
                       "found '%s'", dnames[d], show(sh, fp->text));
                cells_ok = 0;
            }
            if (!number(&R, fsal, l->no, &s) || s < 0 || s > 100) {
                report(&R, l->no, fsal->col, "the salience on '%s' must be a number in "
                       "[0,100], found '%s'", dnames[d], show(sh, fsal->text));
                cells_ok = 0;
                s = 0;
            }
            total += s;
            if (cells_ok && ac_fc_input_set(in, a, (size_t)d, p, s, cap, NULL))
                R.nomem = 1;
        }
        if (total > 100 + 1e-9)
            report(&R, l->no, fs[4].col,
                   "the saliences of actor '%s' sum to %g; they may sum to at most 100",
                   show(sh, nm), total);
        else if (cells_ok && !(total > 0))
            report(&R, l->no, fs[4].col, "actor '%s' has salience 0 on every dimension",
                   show(sh, nm));
    }
    if (have < (size_t)na)
        report(&R, nl ? lines[nl - 1].no + 1 : 1, 1,
               "the file ends after %zu actor line%s; the first line announces nActors = %ld",
               have, have == 1 ? "" : "s", na);
    else if (have > (size_t)na)
        report(&R, lines[2 + na].no, 1,
               "more actor lines than the first line announces (nActors = %ld)", na);
done:
    free(dnames);
    free(fs);
    free(lines);
    free(buf);
    if (R.c_locale)
        freelocale(R.c_locale);
    ac_status st = AC_OK;
    if (R.nomem) {
        st = ac_error_set(err, AC_ENOMEM, R.file, 0, 0, "out of memory");
    } else if (R.problems) {
        if (R.problems > MAX_PROBLEMS &&
            ac_diags_add(diags, R.file, 0, 0, "too many problems: %zu more not shown",
                         R.problems - MAX_PROBLEMS) != AC_OK)
            st = AC_ENOMEM;
        const ac_diag *d = ac_diags_get(diags, first_diag);
        ac_status s2 = ac_error_set(err, AC_EINPUT, d->file, d->line, d->col, "%s", d->message);
        if (!st)
            st = s2;
    } else {
        *out = in;
        in = NULL;
    }
    ac_fc_input_free(in);
    ac_diags_free(own);
    return st;
}

ac_status ac_ktab_load_file(const char *path, ac_fc_input **out, ac_diags *diags, ac_error *err)
{
    if (!path || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ktab_load_file: bad arguments");
    *out = NULL;
    const char *name;
    char *buf;
    size_t n;
    ac_status st = ac__read_path(path, AC_KTAB_FILE_MAX, &name, &buf, &n, err);
    if (!st)
        st = ac_ktab_load_string(buf, n, name, out, diags, err);
    free(buf);
    return st;
}
