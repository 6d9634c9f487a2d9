/* A small SVG builder: a growable text buffer with XML escaping and numbers rounded to
 * 0.1 px, plus the few shapes the charts draw. Also used as the text buffer for HTML
 * tables. Invariant: after an allocation failure the buffer is marked failed, every later
 * append is a no-op, and finishing returns NULL; callers check once at the end. */
#include "report/report_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ac_svg {
    char *buf;
    size_t len, cap;
    int failed;
};

static int reserve(ac_svg *s, size_t extra)
{
    if (s->failed)
        return -1;
    if (s->len + extra + 1 <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < s->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            s->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(s->buf, cap);
    if (!p) {
        s->failed = 1;
        return -1;
    }
    s->buf = p;
    s->cap = cap;
    return 0;
}

static void put(ac_svg *s, const char *p, size_t n)
{
    if (reserve(s, n))
        return;
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    s->buf[s->len] = 0;
}

static void puts_(ac_svg *s, const char *p) { put(s, p, strlen(p)); }

ac_svg *ac__buf_new(void)
{
    ac_svg *s = calloc(1, sizeof *s);
    if (s && reserve(s, 0)) {
        free(s);
        return NULL;
    }
    if (s)
        s->buf[0] = 0;
    return s;
}

char *ac__buf_take(ac_svg *s)
{
    if (!s)
        return NULL;
    char *p = s->failed ? NULL : s->buf;
    if (!p)
        free(s->buf);
    free(s);
    return p;
}

void ac_svg_free(ac_svg *s)
{
    if (!s)
        return;
    free(s->buf);
    free(s);
}

void ac_svg_raw(ac_svg *s, const char *fmt, ...)
{
    if (!s || s->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        put(s, tmp, (size_t)n);
        return;
    }
    if (reserve(s, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && p[1] >= 0xA0)
            return 0; /* surrogate */
        if (c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            return 0; /* U+FFFE, U+FFFF: not XML characters */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if ((p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

void ac_svg_esc(ac_svg *s, const char *text)
{
    if (!s || !text)
        return;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        unsigned c = *p;
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            puts_(s, rep);
            p++;
            continue;
        }
        if (c < 0x20 && c != '\t' && c != '\n') {
            puts_(s, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        size_t n = utf8_len(p);
        if (!n) {
            puts_(s, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        put(s, (const char *)p, n);
        p += n;
    }
}

char *ac_fmt_num(double x, int decimals, char *buf, size_t size)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(x))
        x = 0;
    snprintf(buf, size, "%.*f", decimals, x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = 0;
        if (e == dot)
            *e = 0;
    }
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    return buf;
}

void ac__buf_numd(ac_svg *s, double x, int decimals)
{
    char b[64];
    puts_(s, ac_fmt_num(x, decimals, b, sizeof b));
}

void ac_svg_num(ac_svg *s, double x) { ac__buf_numd(s, x, 1); }

ac_svg *ac_svg_new(double width, double height, const char *title)
{
    ac_svg *s = ac__buf_new();
    if (!s)
        return NULL;
    puts_(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    ac_svg_num(s, width);
    puts_(s, "\" height=\"");
    ac_svg_num(s, height);
    puts_(s, "\" viewBox=\"0 0 ");
    ac_svg_num(s, width);
    puts_(s, " ");
    ac_svg_num(s, height);
    puts_(s, "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
    if (title) {
        puts_(s, "<title>");
        ac_svg_esc(s, title);
        puts_(s, "</title>\n");
    }
    /* Styles scoped by class, so the charts look the same inline and standalone. */
    puts_(s, "<style>"
             ".axis{stroke:#444;stroke-width:1}"
             ".grid{stroke:#e3e3e3;stroke-width:1}"
             ".tick{fill:#444;font-size:11px}"
             ".label{fill:#222;font-size:12px;font-weight:600}"
             ".ttl{fill:#111;font-size:14px;font-weight:700}"
             ".small{fill:#333;font-size:11px}"
             ".zopa{stroke:#666;stroke-width:1;stroke-dasharray:5 4}"
             ".zopaarea{fill:" AC_COLOR_GREEN ";fill-opacity:0.08}"
             ".pt,.ptl{fill:" AC_COLOR_BLUE ";fill-opacity:0.55}"
             ".cell{stroke:#fff;stroke-width:1}"
             "</style>\n");
    return s;
}

char *ac_svg_finish(ac_svg *s)
{
    if (!s)
        return NULL;
    puts_(s, "</svg>\n");
    return ac__buf_take(s);
}

static void attr_cls(ac_svg *s, const char *cls)
{
    if (cls && *cls) {
        puts_(s, " class=\"");
        ac_svg_esc(s, cls);
        puts_(s, "\"");
    }
}

/* Closes an element, with a <title> child (a tooltip) when tip is given. */
static void close_tip(ac_svg *s, const char *tag, const char *tip)
{
    if (tip) {
        puts_(s, "><title>");
        ac_svg_esc(s, tip);
        puts_(s, "</title></");
        puts_(s, tag);
        puts_(s, ">\n");
    } else {
        puts_(s, "/>\n");
    }
}

void ac_svg_line(ac_svg *s, double x1, double y1, double x2, double y2, const char *cls)
{
    puts_(s, "<line x1=\"");
    ac_svg_num(s, x1);
    puts_(s, "\" y1=\"");
    ac_svg_num(s, y1);
    puts_(s, "\" x2=\"");
    ac_svg_num(s, x2);
    puts_(s, "\" y2=\"");
    ac_svg_num(s, y2);
    puts_(s, "\"");
    attr_cls(s, cls);
    puts_(s, "/>\n");
}

void ac_svg_rect(ac_svg *s, double x, double y, double w, double h, const char *cls,
                 const char *fill, const char *tip)
{
    puts_(s, "<rect x=\"");
    ac_svg_num(s, x);
    puts_(s, "\" y=\"");
    ac_svg_num(s, y);
    puts_(s, "\" width=\"");
    ac_svg_num(s, w < 0 ? 0 : w);
    puts_(s, "\" height=\"");
    ac_svg_num(s, h < 0 ? 0 : h);
    puts_(s, "\"");
    attr_cls(s, cls);
    if (fill) {
        puts_(s, " fill=\"");
        ac_svg_esc(s, fill);
        puts_(s, "\"");
    }
    close_tip(s, "rect", tip);
}

void ac_svg_circle(ac_svg *s, double cx, double cy, double r, const char *cls, const char *tip)
{
    puts_(s, "<circle cx=\"");
    ac_svg_num(s, cx);
    puts_(s, "\" cy=\"");
    ac_svg_num(s, cy);
    puts_(s, "\" r=\"");
    ac_svg_num(s, r);
    puts_(s, "\"");
    attr_cls(s, cls);
    close_tip(s, "circle", tip);
}

void ac_svg_text(ac_svg *s, double x, double y, const char *anchor, const char *cls,
                 double rotate, const char *text)
{
    puts_(s, "<text x=\"");
    ac_svg_num(s, x);
    puts_(s, "\" y=\"");
    ac_svg_num(s, y);
    puts_(s, "\"");
    if (anchor && strcmp(anchor, "start")) {
        puts_(s, " text-anchor=\"");
        ac_svg_esc(s, anchor);
        puts_(s, "\"");
    }
    attr_cls(s, cls);
    if (rotate != 0) {
        puts_(s, " transform=\"rotate(");
        ac_svg_num(s, rotate);
        puts_(s, " ");
        ac_svg_num(s, x);
        puts_(s, " ");
        ac_svg_num(s, y);
        puts_(s, ")\"");
    }
    puts_(s, ">");
    ac_svg_esc(s, text);
    puts_(s, "</text>\n");
}

char *ac_xml_escape(const char *text)
{
    ac_svg *s = ac__buf_new();
    if (!s)
        return NULL;
    ac_svg_esc(s, text ? text : "");
    return ac__buf_take(s);
}

/* ---- helpers shared by the charts ---- */

char *ac__strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *ac__stem(const char *prefix, const char *a, const char *b)
{
    size_t n = strlen(prefix) + (a ? strlen(a) + 1 : 0) + (b ? strlen(b) + 1 : 0) + 1;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s%s%s%s%s", prefix, a ? "-" : "", a ? a : "", b ? "-" : "", b ? b : "");
    for (char *q = p; *q; q++) {
        unsigned char c = (unsigned char)*q;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || (c == '.' && q != p)))
            *q = '_';
    }
    return p;
}

ac_status ac__chart_make(char *name, char *title, char *caption, char *svg, char *table,
                         ac_chart **out, ac_error *err)
{
    *out = NULL;
    ac_chart *c = calloc(1, sizeof *c);
    if (!c || !name || !title || !caption || !svg || !table) {
        free(c);
        free(name);
        free(title);
        free(caption);
        free(svg);
        free(table);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    }
    c->name = name;
    c->title = title;
    c->caption = caption;
    c->svg = svg;
    c->table = table;
    *out = c;
    return AC_OK;
}

void ac_chart_free(ac_chart *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->title);
    free(c->caption);
    free(c->svg);
    free(c->table);
    free(c);
}

double ac__tick_step(double lo, double hi, int n)
{
    double span = hi - lo;
    if (!(span > 0) || n < 1)
        return 1;
    double raw = span / n;
    double p = pow(10, floor(log10(raw)));
    double m = raw / p;
    double step = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
    return step * p;
}

const char *ac__stance_color(ac_stance s)
{
    switch (s) {
    case AC_STANCE_AGREE: return AC_COLOR_BLUE;
    case AC_STANCE_CRITICISE: return AC_COLOR_ORANGE;
    case AC_STANCE_REJECT: return AC_COLOR_VERMILLION;
    default: return "#DDDDDD";
    }
}

const char *ac__stance_label(ac_stance s)
{
    switch (s) {
    case AC_STANCE_AGREE: return "agree";
    case AC_STANCE_CRITICISE: return "criticise";
    case AC_STANCE_REJECT: return "reject";
    default: return "not discussed";
    }
}
