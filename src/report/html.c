/* The report: an ordered list of sections, charts and HTML blocks, written as one
 * self-contained page (inline CSS, inline SVG, no script, no external asset, nothing
 * fetched) whose markup is also well-formed XML (XHTML-compatible), and as one SVG file
 * per chart. Each chart comes with its title, a short explanation and, under a
 * disclosure, the table of the numbers it draws. */
#include "report/report_internal.h"

#include "accord/accord.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef enum { ITEM_SECTION, ITEM_CHART, ITEM_HTML } item_kind;

typedef struct item {
    item_kind kind;
    char *heading, *intro; /* SECTION */
    ac_chart *chart;       /* CHART */
    char *html;            /* HTML */
} item;

struct ac_report {
    char *title, *subtitle;
    item *items;
    size_t n, cap;
    size_t n_charts;
};

ac_report *ac_report_new(const char *title, const char *subtitle)
{
    ac_report *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->title = ac__strdup(title ? title : "accord report");
    r->subtitle = subtitle ? ac__strdup(subtitle) : NULL;
    if (!r->title || (subtitle && !r->subtitle)) {
        ac_report_free(r);
        return NULL;
    }
    return r;
}

void ac_report_free(ac_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->items[i].heading);
        free(r->items[i].intro);
        free(r->items[i].html);
        ac_chart_free(r->items[i].chart);
    }
    free(r->items);
    free(r->title);
    free(r->subtitle);
    free(r);
}

static item *push(ac_report *r)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        item *p = realloc(r->items, cap * sizeof *p);
        if (!p)
            return NULL;
        r->items = p;
        r->cap = cap;
    }
    item *it = &r->items[r->n];
    memset(it, 0, sizeof *it);
    return it;
}

ac_status ac_report_section(ac_report *r, const char *heading, const char *intro,
                            ac_error *err)
{
    item *it = push(r);
    if (!it)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    it->kind = ITEM_SECTION;
    it->heading = ac__strdup(heading ? heading : "");
    it->intro = intro ? ac__strdup(intro) : NULL;
    if (!it->heading || (intro && !it->intro)) {
        free(it->heading);
        free(it->intro);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    r->n++;
    return AC_OK;
}

ac_status ac_report_add(ac_report *r, ac_chart *c, ac_error *err)
{
    item *it = c ? push(r) : NULL;
    if (!it) {
        ac_chart_free(c);
        return ac_error_set(err, c ? AC_ENOMEM : AC_EARG, NULL, 0, 0,
                            c ? "out of memory" : "ac_report_add: no chart");
    }
    it->kind = ITEM_CHART;
    it->chart = c;
    r->n++;
    r->n_charts++;
    return AC_OK;
}

ac_status ac_report_add_html(ac_report *r, const char *html, ac_error *err)
{
    item *it = push(r);
    char *copy = ac__strdup(html ? html : "");
    if (!it || !copy) {
        free(copy);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    it->kind = ITEM_HTML;
    it->html = copy;
    r->n++;
    return AC_OK;
}

size_t ac_report_n_charts(const ac_report *r) { return r ? r->n_charts : 0; }

const ac_chart *ac_report_chart(const ac_report *r, size_t i)
{
    for (size_t k = 0; r && k < r->n; k++)
        if (r->items[k].kind == ITEM_CHART && i-- == 0)
            return r->items[k].chart;
    return NULL;
}

static const char CSS[] =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f5f7;color:#1d1d1f;"
    "font:15px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}"
    "header{background:#12263a;color:#fff;padding:28px 40px 22px}"
    "header h1{margin:0 0 4px;font-size:26px;font-weight:700}"
    "header p{margin:0;color:#c9d6e3}"
    "nav{margin-top:14px;font-size:13px}"
    "nav a{color:#9fd3ff;margin-right:16px;text-decoration:none}"
    "main{max-width:1240px;margin:0 auto;padding:12px 28px 40px}"
    "section{margin-top:26px}"
    "h2{font-size:20px;margin:0 0 6px;border-bottom:2px solid #d8dde3;padding-bottom:4px}"
    "p.intro{margin:4px 0 14px;color:#3a3f45;max-width:900px}"
    ".figs{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}"
    "figure{margin:0;background:#fff;border:1px solid #dde1e6;border-radius:8px;"
    "padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.05);flex:1 1 540px;max-width:calc(50% - 9px)}"
    "figure.wide{flex-basis:100%;max-width:100%}"
    "@media (max-width:1100px){figure{max-width:100%}}"
    "figure svg{display:block;max-width:100%;height:auto;margin:0 auto}"
    "figcaption{font-size:13px;color:#444;margin-top:8px;max-width:720px}"
    "details{margin-top:8px;font-size:13px}"
    "summary{cursor:pointer;color:#0b5c93}"
    "table{border-collapse:collapse;margin:8px 0;font-size:13px;background:#fff}"
    "th,td{border:1px solid #e1e4e8;padding:3px 8px;text-align:left;vertical-align:top}"
    "thead th{background:#eef1f4}"
    "td{font-variant-numeric:tabular-nums}"
    "td.st-0{background:#d6e9f5}td.st-1{background:#fbeccc}"
    "td.st-2{background:#f6d3bf}td.st-3{background:#f0f0f0}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}"
    ".card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 16px;"
    "min-width:170px}"
    ".card b{display:block;font-size:22px;color:#12263a}"
    ".card span{font-size:12px;color:#555}"
    "p.note{font-size:12px;color:#555}"
    "footer{max-width:1240px;margin:0 auto;padding:0 28px 30px;font-size:12px;color:#666}";

static int slug_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* An id for section i: "s3-pareto-frontier". */
static void section_id(const char *heading, size_t i, char *buf, size_t size)
{
    size_t n = (size_t)snprintf(buf, size, "s%zu-", i);
    for (const unsigned char *p = (const unsigned char *)heading; *p && n + 2 < size; p++) {
        if (slug_char(*p))
            buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        else if (n && buf[n - 1] != '-')
            buf[n++] = '-';
    }
    buf[n] = 0;
}

ac_status ac_report_write_html(const ac_report *r, FILE *fp, ac_error *err)
{
    ac_svg *b = ac__buf_new();
    if (!b)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    ac_svg_raw(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
                  "<head>\n<meta charset=\"utf-8\"/>\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                  "<meta name=\"generator\" content=\"accord " ACCORD_VERSION "\"/>\n"
                  "<title>");
    ac_svg_esc(b, r->title);
    ac_svg_raw(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", CSS);
    ac_svg_esc(b, r->title);
    ac_svg_raw(b, "</h1>\n");
    if (r->subtitle) {
        ac_svg_raw(b, "<p>");
        ac_svg_esc(b, r->subtitle);
        ac_svg_raw(b, "</p>\n");
    }
    ac_svg_raw(b, "<nav>");
    char id[96];
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].kind == ITEM_SECTION) {
            section_id(r->items[i].heading, i, id, sizeof id);
            ac_svg_raw(b, "<a href=\"#%s\">", id);
            ac_svg_esc(b, r->items[i].heading);
            ac_svg_raw(b, "</a>");
        }
    ac_svg_raw(b, "</nav>\n</header>\n<main>\n");
    int in_section = 0, in_grid = 0;
    for (size_t i = 0; i < r->n; i++) {
        const item *it = &r->items[i];
        if (it->kind != ITEM_CHART && in_grid) {
            ac_svg_raw(b, "</div>\n");
            in_grid = 0;
        }
        if (it->kind == ITEM_SECTION) {
            if (in_section)
                ac_svg_raw(b, "</section>\n");
            section_id(it->heading, i, id, sizeof id);
            ac_svg_raw(b, "<section id=\"%s\">\n<h2>", id);
            ac_svg_esc(b, it->heading);
            ac_svg_raw(b, "</h2>\n");
            if (it->intro) {
                ac_svg_raw(b, "<p class=\"intro\">");
                ac_svg_esc(b, it->intro);
                ac_svg_raw(b, "</p>\n");
            }
            in_section = 1;
        } else if (it->kind == ITEM_HTML) {
            /* trusted: built by accord with escaping */
            ac_svg_raw(b, "<div class=\"block\">");
            ac_svg_raw(b, "%s", it->html);
            ac_svg_raw(b, "</div>\n");
        } else {
            const ac_chart *c = it->chart;
            if (!in_grid) {
                ac_svg_raw(b, "<div class=\"figs\">\n");
                in_grid = 1;
            }
            ac_svg_raw(b, "<figure%s id=\"chart-", c->wide ? " class=\"wide\"" : "");
            ac_svg_esc(b, c->name);
            ac_svg_raw(b, "\">\n%s<figcaption>%s</figcaption>\n", c->svg, c->caption);
            ac_svg_raw(b, "<details><summary>Table: the numbers behind &#8220;");
            ac_svg_esc(b, c->title);
            ac_svg_raw(b, "&#8221;</summary>\n%s</details>\n</figure>\n", c->table);
        }
    }
    if (in_grid)
        ac_svg_raw(b, "</div>\n");
    if (in_section)
        ac_svg_raw(b, "</section>\n");
    ac_svg_raw(b, "</main>\n<footer>Written by accord " ACCORD_VERSION
                  ". Everything on this page is drawn by accord itself: no scripts, no "
                  "external files; it works offline.</footer>\n</body>\n</html>\n");
    char *text = ac__buf_take(b);
    if (!text)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory writing the report");
    size_t len = strlen(text);
    int bad = fwrite(text, 1, len, fp) != len;
    free(text);
    if (bad || fflush(fp) != 0 || ferror(fp))
        return ac_error_set(err, AC_EIO, NULL, 0, 0, "could not write the report: %s",
                            strerror(errno));
    return AC_OK;
}

ac_status ac_report_write_svgs(const ac_report *r, const char *dir, ac_error *err)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->items[i].kind != ITEM_CHART)
            continue;
        const ac_chart *c = r->items[i].chart;
        size_t n = strlen(dir) + strlen(c->name) + 8;
        char *path = malloc(n);
        if (!path)
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        snprintf(path, n, "%s/%s.svg", dir, c->name);
        FILE *fp = fopen(path, "wb");
        if (!fp) {
            ac_status st = ac_error_set(err, AC_EIO, path, 0, 0, "cannot write: %s",
                                        strerror(errno));
            free(path);
            return st;
        }
        size_t len = strlen(c->svg);
        int bad = fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", fp) < 0 ||
                  fwrite(c->svg, 1, len, fp) != len;
        bad |= fclose(fp) != 0;
        if (bad) {
            ac_status st = ac_error_set(err, AC_EIO, path, 0, 0, "could not write the file");
            free(path);
            return st;
        }
        free(path);
    }
    return AC_OK;
}
