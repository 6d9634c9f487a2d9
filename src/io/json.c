/* A small streaming JSON writer for machine output (analyze --json, traces, sweeps).
 *
 * The writer keeps a stack of open containers and, per container, how many members it
 * holds, so commas, colons and indentation come out right whatever order the calls
 * arrive in. Misuse (a value in an object without a key, a key in an array, closing the
 * wrong container) drops only the offending call, so the rest still comes out well
 * formed, and the writer remembers the error for ac_json_free() to report.
 *
 * Invariants: the output is always valid JSON as far as it goes. Strings are escaped
 * (control characters as \uXXXX or their short forms; invalid UTF-8 replaced by U+FFFD;
 * U+2028/U+2029 escaped so the text is also valid JavaScript). Numbers never print as
 * nan/inf (they become null) and always use '.' as the decimal separator. Each
 * complete top-level value ends with a newline, so one writer can emit JSON Lines. */
#include "accord/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FRAME_OBJECT, FRAME_ARRAY };

typedef struct frame {
    unsigned char kind;
    size_t count; /* members written so far */
} frame;

struct ac_json {
    FILE *fp;
    int indent;
    int bad;      /* misuse, bad input or allocation failure seen */
    int have_key; /* a key was written and waits for its value */
    size_t depth, cap;
    frame *stack;
};

#define INDENT_MAX 16

ac_json *ac_json_new(FILE *fp, int indent)
{
    if (!fp)
        return NULL;
    ac_json *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->fp = fp;
    w->indent = indent < 0 ? 0 : indent > INDENT_MAX ? INDENT_MAX : indent;
    return w;
}

ac_status ac_json_free(ac_json *w)
{
    if (!w)
        return AC_EARG;
    int misused = w->bad || w->depth != 0 || w->have_key;
    int failed = fflush(w->fp) != 0 || ferror(w->fp);
    free(w->stack);
    free(w);
    return failed ? AC_EIO : misused ? AC_EARG : AC_OK;
}

static void newline_indent(ac_json *w, size_t level)
{
    if (!w->indent)
        return;
    /* One write per run of spaces, not one call per character: indentation is most of
     * the bytes of a large frontier's JSON. */
    static const char spaces[] = "\n                                                               ";
    size_t n = level * (size_t)w->indent, chunk = sizeof spaces - 2;
    fwrite(spaces, 1, 1 + (n < chunk ? n : chunk), w->fp);
    for (n = n < chunk ? 0 : n - chunk; n; n -= n < chunk ? n : chunk)
        fwrite(spaces + 1, 1, n < chunk ? n : chunk, w->fp);
}

/* Called before every value. Returns 0 when the value may not be written here. */
static int begin_value(ac_json *w)
{
    if (!w)
        return 0;
    if (w->depth == 0)
        return 1;
    frame *top = &w->stack[w->depth - 1];
    if (top->kind == FRAME_OBJECT) {
        if (!w->have_key) {
            w->bad = 1;
            return 0;
        }
        w->have_key = 0;
        return 1;
    }
    if (top->count++)
        fputc(',', w->fp);
    newline_indent(w, w->depth);
    return 1;
}

/* Called after every complete value (scalars and closed containers). */
static void end_value(ac_json *w)
{
    if (w->depth == 0)
        fputc('\n', w->fp);
}

static void put_utf8_escaped(ac_json *w, const unsigned char *s)
{
    FILE *fp = w->fp;
    fputc('"', fp);
    while (*s) {
        unsigned c = *s;
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", fp); break;
            case '\\': fputs("\\\\", fp); break;
            case '\b': fputs("\\b", fp); break;
            case '\f': fputs("\\f", fp); break;
            case '\n': fputs("\\n", fp); break;
            case '\r': fputs("\\r", fp); break;
            case '\t': fputs("\\t", fp); break;
            default:
                if (c < 0x20 || c == 0x7f)
                    fprintf(fp, "\\u%04x", c);
                else
                    fputc((int)c, fp);
            }
            s++;
            continue;
        }
        /* Decode one multi-byte sequence, rejecting overlong forms, surrogates and
         * code points past U+10FFFF, so what we pass through is well-formed UTF-8. */
        size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
        unsigned cp = len == 4 ? (c & 0x07) : len == 3 ? (c & 0x0f) : (c & 0x1f);
        size_t i = 1;
        for (; len && i < len; i++) {
            if ((s[i] & 0xc0) != 0x80)
                break;
            cp = (cp << 6) | (s[i] & 0x3f);
        }
        int valid = len && i == len && c <= 0xf4 &&
                    !(len == 2 && cp < 0x80) && !(len == 3 && cp < 0x800) &&
                    !(len == 4 && cp < 0x10000) && cp <= 0x10ffff &&
                    !(cp >= 0xd800 && cp <= 0xdfff);
        if (!valid) {
            /* Replace the lead byte only and resync on the next byte: a truncated
             * sequence must not swallow the ASCII that follows it. */
            fputs("\\ufffd", fp);
            s++;
            continue;
        }
        if (cp == 0x2028 || cp == 0x2029)
            fprintf(fp, "\\u%04x", cp);
        else
            fwrite(s, 1, len, fp);
        s += len;
    }
    fputc('"', fp);
}

static void open_frame(ac_json *w, unsigned char kind, int ch)
{
    if (!begin_value(w))
        return;
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        frame *st = realloc(w->stack, cap * sizeof *st);
        if (!st) {
            w->bad = 1;
            return;
        }
        w->stack = st;
        w->cap = cap;
    }
    w->stack[w->depth++] = (frame){kind, 0};
    fputc(ch, w->fp);
}

static void close_frame(ac_json *w, unsigned char kind, int ch)
{
    if (!w)
        return;
    if (w->depth == 0 || w->stack[w->depth - 1].kind != kind) {
        w->bad = 1;
        return;
    }
    if (w->have_key) { /* a key without its value: give it one so the text stays JSON */
        fputs("null", w->fp);
        w->have_key = 0;
        w->bad = 1;
    }
    size_t count = w->stack[w->depth - 1].count;
    w->depth--;
    if (count)
        newline_indent(w, w->depth);
    fputc(ch, w->fp);
    end_value(w);
}

void ac_json_begin_object(ac_json *w) { open_frame(w, FRAME_OBJECT, '{'); }
void ac_json_end_object(ac_json *w) { close_frame(w, FRAME_OBJECT, '}'); }
void ac_json_begin_array(ac_json *w) { open_frame(w, FRAME_ARRAY, '['); }
void ac_json_end_array(ac_json *w) { close_frame(w, FRAME_ARRAY, ']'); }

void ac_json_key(ac_json *w, const char *key)
{
    if (!w)
        return;
    if (!key || w->depth == 0 || w->stack[w->depth - 1].kind != FRAME_OBJECT || w->have_key) {
        w->bad = 1;
        return;
    }
    if (w->stack[w->depth - 1].count++)
        fputc(',', w->fp);
    newline_indent(w, w->depth);
    put_utf8_escaped(w, (const unsigned char *)key);
    fputs(w->indent ? ": " : ":", w->fp);
    w->have_key = 1;
}

void ac_json_string(ac_json *w, const char *s)
{
    if (!begin_value(w))
        return;
    if (s)
        put_utf8_escaped(w, (const unsigned char *)s);
    else
        fputs("null", w->fp);
    end_value(w);
}

/* printf follows the C locale's decimal point; JSON wants '.' whatever the locale. */
static void fix_decimal_point(char *buf)
{
    for (char *p = buf; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == 'e' || *p == 'E'))
            *p = '.';
}

/* Writes x with prec significant digits into buf; true when that reads back as x. */
static int reads_back(char *buf, size_t size, int prec, double x)
{
    int n = snprintf(buf, size, "%.*g", prec, x);
    return n > 0 && (size_t)n < size && strtod(buf, NULL) == x;
}

void ac_json_number(ac_json *w, double x)
{
    if (!begin_value(w))
        return;
    if (!isfinite(x)) {
        fputs("null", w->fp);
        end_value(w);
        return;
    }
    /* At least 9 significant digits (readable, and enough for 1e-9 comparisons), and
     * the fewest beyond that which read back as the same double; 17 always do. Reading
     * back is monotone in the precision (the p-digit rounding is also a p+1-digit
     * decimal, so the p+1-digit rounding is at least as close), hence a search rather
     * than trying every precision: 9 first (most of a model's numbers), then 16, 17. */
    char buf[40], shorter[40];
    if (!reads_back(buf, sizeof buf, 9, x)) {
        /* Numbers computed from data mostly need 16 or 17 digits: try 16 first; when it
         * fails the answer is 17, which always reads back. */
        if (!reads_back(buf, sizeof buf, 16, x)) {
            snprintf(buf, sizeof buf, "%.17g", x);
        } else {
            int lo = 10, hi = 16; /* buf holds hi digits, which read back */
            for (int first = 1; lo < hi; first = 0) {
                int mid = first ? hi - 1 : (lo + hi) / 2; /* 15 first: usually 16 it is */
                if (reads_back(shorter, sizeof shorter, mid, x)) {
                    memcpy(buf, shorter, sizeof buf);
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
        }
    }
    fix_decimal_point(buf);
    fputs(buf, w->fp);
    end_value(w);
}

void ac_json_int(ac_json *w, long long x)
{
    if (!begin_value(w))
        return;
    fprintf(w->fp, "%lld", x);
    end_value(w);
}

static int valid_digits(const char *d)
{
    if (!d || !*d || (d[0] == '0' && d[1]))
        return 0;
    for (; *d; d++)
        if (*d < '0' || *d > '9')
            return 0;
    return 1;
}

void ac_json_number_log10(ac_json *w, double log10x)
{
    if (!isfinite(log10x) || log10x < 300) {
        ac_json_number(w, pow(10.0, log10x));
        return;
    }
    if (!begin_value(w))
        return;
    double e = floor(log10x);
    fprintf(w->fp, "%.15ge%.0f", pow(10.0, log10x - e), e);
    end_value(w);
}

void ac_json_uint_str(ac_json *w, const char *digits)
{
    if (!begin_value(w))
        return;
    if (valid_digits(digits)) {
        fputs(digits, w->fp);
    } else {
        /* Keep the document well formed but report the misuse at free time. */
        fputs("null", w->fp);
        w->bad = 1;
    }
    end_value(w);
}

void ac_json_bool(ac_json *w, int b)
{
    if (!begin_value(w))
        return;
    fputs(b ? "true" : "false", w->fp);
    end_value(w);
}

void ac_json_null(ac_json *w)
{
    if (!begin_value(w))
        return;
    fputs("null", w->fp);
    end_value(w);
}
