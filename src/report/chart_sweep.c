/* The sweep chart: the probability of a deal with its 95% interval, then one 100%-wide
 * stacked bar per point splitting the deals by the option they agreed there (segments in
 * option order, each with a tooltip; the most frequent option named beside the bar). */
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define W 900.0
#define LX 330.0
#define RX 640.0
#define TOP 110.0
#define ROW 22.0
#define MAX_LABEL 46

static const char *const COLORS[] = {AC_COLOR_BLUE, AC_COLOR_ORANGE, AC_COLOR_GREEN,
                                     AC_COLOR_VERMILLION, AC_COLOR_SKY, AC_COLOR_PURPLE,
                                     AC_COLOR_YELLOW, AC_COLOR_GREY};

static double bx(double share)
{
    share = share < 0 ? 0 : share > 1 ? 1 : share;
    return LX + share * (RX - LX);
}

/* At most n characters of s (UTF-8) with "..." when cut. */
static void cut(const char *s, size_t n, char *buf, size_t size)
{
    size_t chars = 0, i = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p[i] && i + 4 < size) {
        if ((p[i] & 0xC0) != 0x80 && ++chars > n)
            break;
        i++;
    }
    while (i > 0 && p[i] && (p[i] & 0xC0) == 0x80)
        i--;
    memcpy(buf, s, i);
    strcpy(buf + i, p[i] ? "..." : "");
}

static char *caption(const ac_sweep_view *v)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "Over %llu simulated talks with the model's uncertainty drawn anew each "
                  "time, %llu ended in a deal. Each bar splits those deals by the option "
                  "agreed on one point (options in the model's order, left to right); the "
                  "label names the most frequent one. A bar that is one colour is a point "
                  "the talks settle the same way whatever happens.",
               v->runs, v->deals);
    return ac__buf_take(b);
}

static char *table(const ac_sweep_view *v)
{
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><tbody><tr><th scope=\"row\">runs</th><td>%llu</td></tr>"
                  "<tr><th scope=\"row\">deals</th><td>%llu (", v->runs, v->deals);
    ac__buf_numd(t, v->runs ? 100.0 * (double)v->deals / (double)v->runs : 0, 1);
    ac_svg_raw(t, "%%; 95%% interval ");
    ac__buf_numd(t, 100 * v->deal_lo, 1);
    ac_svg_raw(t, "-");
    ac__buf_numd(t, 100 * v->deal_hi, 1);
    ac_svg_raw(t, "%%)</td></tr></tbody></table>\n<table><thead><tr><th scope=\"col\">point"
                  "</th><th scope=\"col\">option</th><th scope=\"col\">share of deals</th>"
                  "</tr></thead>\n<tbody>\n");
    size_t q = 0;
    for (size_t k = 0; k < v->n_points; k++)
        for (size_t o = 0; o < v->n_options[k]; o++, q++) {
            ac_svg_raw(t, "<tr>");
            if (o == 0) {
                ac_svg_raw(t, "<th scope=\"row\" rowspan=\"%zu\">", v->n_options[k]);
                ac_svg_esc(t, v->point[k]);
                ac_svg_raw(t, "</th>");
            }
            ac_svg_raw(t, "<td>");
            ac_svg_esc(t, v->option[q]);
            ac_svg_raw(t, "</td><td>");
            ac__buf_numd(t, 100 * v->share[q], 1);
            ac_svg_raw(t, "%%</td></tr>\n");
        }
    ac_svg_raw(t, "</tbody></table>\n");
    return ac__buf_take(t);
}

ac_status ac_chart_sweep(const ac_sweep_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || (v->n_points && (!v->point || !v->n_options || !v->option || !v->share)))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_sweep: bad arguments");
    const char *title = "Monte Carlo sweep: deals and what they settle";
    double h = TOP + ROW * (double)v->n_points + 50;
    ac_svg *s = ac_svg_new(W, h, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    ac_svg_text(s, 10, 24, "start", "ttl", 0, title);
    /* probability of a deal, with its interval */
    double p = v->runs ? (double)v->deals / (double)v->runs : 0;
    char a[32], b[32], c[32], lab[600];
    snprintf(lab, sizeof lab, "probability of a deal: %s%% (95%%: %s-%s%%)",
             ac_fmt_num(100 * p, 1, a, sizeof a), ac_fmt_num(100 * v->deal_lo, 1, b, sizeof b),
             ac_fmt_num(100 * v->deal_hi, 1, c, sizeof c));
    ac_svg_text(s, LX - 8, 56, "end", "label", 0, "deal");
    ac_svg_rect(s, LX, 44, RX - LX, 16, NULL, "#eeeeee", NULL);
    ac_svg_rect(s, LX, 44, bx(p) - LX, 16, "dealbar", AC_COLOR_BLUE, lab);
    ac_svg_raw(s, "<line stroke=\"#111\" stroke-width=\"1.5\" y1=\"52\" y2=\"52\" x1=\"");
    ac_svg_num(s, bx(v->deal_lo));
    ac_svg_raw(s, "\" x2=\"");
    ac_svg_num(s, bx(v->deal_hi));
    ac_svg_raw(s, "\"/>\n");
    ac_svg_text(s, RX + 8, 56, "start", "small", 0, lab);
    ac_svg_text(s, LX, TOP - 16, "start", "label", 0, "share of deals agreeing on each option");
    for (int i = 0; i <= 4; i++) {
        double x = bx(i / 4.0);
        snprintf(a, sizeof a, "%d%%", i * 25);
        ac_svg_line(s, x, TOP - 4, x, TOP + ROW * (double)v->n_points, "grid");
        ac_svg_text(s, x, TOP + ROW * (double)v->n_points + 16, "middle", "tick", 0, a);
    }
    size_t q = 0;
    for (size_t k = 0; k < v->n_points; k++) {
        double y = TOP + ROW * (double)k;
        char buf[300];
        cut(v->point[k], MAX_LABEL, buf, sizeof buf);
        ac_svg_text(s, LX - 8, y + 14, "end", "small", 0, buf);
        double x = LX, best = -1;
        size_t bo = 0;
        for (size_t o = 0; o < v->n_options[k]; o++, q++) {
            double sh = v->share[q] < 0 ? 0 : v->share[q];
            double w = sh * (RX - LX);
            char tip[600];
            snprintf(tip, sizeof tip, "%s: %s, %s%% of deals", v->point[k], v->option[q],
                     ac_fmt_num(100 * sh, 1, a, sizeof a));
            if (w > 0)
                ac_svg_rect(s, x, y + 3, w, ROW - 6, "seg", COLORS[o % 8], tip);
            x += w;
            if (sh > best) {
                best = sh;
                bo = q;
            }
        }
        if (v->n_options[k] && best > 0) {
            char opt[200];
            cut(v->option[bo], 30, opt, sizeof opt);
            snprintf(buf, sizeof buf, "%s %s%%", opt, ac_fmt_num(100 * best, 0, a, sizeof a));
            ac_svg_text(s, RX + 8, y + 14, "start", "small", 0, buf);
        }
    }
    ac_status st = ac__chart_make(ac__stem("sweep", NULL, NULL), ac__strdup(title), caption(v),
                                  ac_svg_finish(s), table(v), out, err);
    if (!st)
        (*out)->wide = 1;
    return st;
}
