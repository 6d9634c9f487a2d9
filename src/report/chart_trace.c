/* The simulated-talk chart: each party's utility round by round as a line (distinct
 * colour AND dash pattern per party, so the lines part without colour), the model's
 * reservation values as thin lines in the party's colour, the rounds where events fired
 * as numbered dotted verticals (explained in the legend and the table), and the deal. */
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define W 760.0
#define X0 64.0
#define X1 560.0
#define Y0 44.0
#define Y1 360.0
#define H 410.0
#define TABLE_ROWS 120

static const char *const COLORS[] = {AC_COLOR_BLUE,   AC_COLOR_VERMILLION, AC_COLOR_GREEN,
                                     AC_COLOR_PURPLE, AC_COLOR_ORANGE,     AC_COLOR_SKY,
                                     "#000000",       AC_COLOR_GREY};
static const char *const DASH[] = {"", "8 3", "2 3", "10 3 2 3", "4 4", "1 2", "12 4", "6 2 2 2"};

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

typedef struct frame {
    double lo, hi; /* rounds on the x axis */
} frame;

static double px(const frame *f, double r)
{
    double span = f->hi - f->lo;
    return X0 + (span > 0 ? (r - f->lo) / span : 0.5) * (X1 - X0);
}
static double py(double u) { return Y1 - clamp01(u) * (Y1 - Y0); }

static char *caption(const ac_trace_view *v)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "Each line follows one party's utility for the text on the table, round by "
                  "round, over %zu rounds of a simulated mediated talk; the thin lines are the "
                  "parties' reservation values in the model. ", v->n_rounds);
    if (v->n_events)
        ac_svg_raw(b, "Dotted verticals mark the rounds where events (moves of a party's "
                      "reservation value or priorities) took effect. ");
    if (v->deal_round)
        ac_svg_raw(b, "The talk ends in a deal at round %u.", v->deal_round);
    else
        ac_svg_raw(b, "The talk reaches no deal before its deadline.");
    return ac__buf_take(b);
}

static char *table(const ac_trace_view *v)
{
    ac_svg *t = ac__buf_new();
    if (v->n_events) {
        ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">event</th><th scope=\"col\">round"
                      "</th><th scope=\"col\">what</th></tr></thead>\n<tbody>\n");
        for (size_t e = 0; e < v->n_events; e++) {
            ac_svg_raw(t, "<tr><td>E%zu</td><td>%u</td><td>", e + 1, v->events[e].round);
            ac_svg_esc(t, v->events[e].label ? v->events[e].label : "");
            ac_svg_raw(t, "</td></tr>\n");
        }
        ac_svg_raw(t, "</tbody></table>\n");
    }
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">round</th>");
    for (size_t i = 0; i < v->n_parties; i++) {
        ac_svg_raw(t, "<th scope=\"col\">");
        ac_svg_esc(t, v->party[i]);
        ac_svg_raw(t, "</th>");
    }
    ac_svg_raw(t, "</tr></thead>\n<tbody>\n");
    size_t step = v->n_rounds > TABLE_ROWS ? (v->n_rounds + TABLE_ROWS - 1) / TABLE_ROWS : 1;
    for (size_t r = 0; r < v->n_rounds; r++) {
        if (r % step && r + 1 != v->n_rounds)
            continue;
        ac_svg_raw(t, "<tr><td>%u</td>", v->round[r]);
        for (size_t i = 0; i < v->n_parties; i++) {
            ac_svg_raw(t, "<td>");
            ac__buf_numd(t, v->utility[r * v->n_parties + i], 4);
            ac_svg_raw(t, "</td>");
        }
        ac_svg_raw(t, "</tr>\n");
    }
    ac_svg_raw(t, "</tbody></table>\n");
    if (step > 1)
        ac_svg_raw(t, "<p class=\"note\">Every %zu-th round and the last.</p>\n", step);
    return ac__buf_take(t);
}

ac_status ac_chart_trace(const ac_trace_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->n_parties || !v->n_rounds || !v->party || !v->round || !v->utility ||
        (v->n_events && !v->events))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_trace: bad arguments");
    const char *title = "A simulated talk, round by round";
    ac_svg *s = ac_svg_new(W, H, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    frame f = {v->round[0], v->round[v->n_rounds - 1]};
    if (f.hi <= f.lo)
        f.hi = f.lo + 1;
    ac_svg_text(s, X0, 24, "start", "ttl", 0, title);
    ac_svg_rect(s, X0, Y0, X1 - X0, Y1 - Y0, "plot", "none", NULL);
    char lab[64];
    for (int i = 0; i <= 5; i++) {
        double u = i / 5.0;
        ac_svg_line(s, X0, py(u), X1, py(u), "grid");
        ac_svg_line(s, X0 - 5, py(u), X0, py(u), "axis");
        ac_svg_text(s, X0 - 8, py(u) + 4, "end", "tick", 0, ac_fmt_num(u, 1, lab, sizeof lab));
    }
    double step = ac__tick_step(f.lo, f.hi, 8);
    if (step < 1)
        step = 1;
    for (double r = step * (double)(long long)(f.lo / step); r <= f.hi + 1e-9; r += step) {
        if (r < f.lo - 1e-9)
            continue;
        ac_svg_line(s, px(&f, r), Y1, px(&f, r), Y1 + 5, "axis");
        ac_svg_text(s, px(&f, r), Y1 + 18, "middle", "tick", 0, ac_fmt_num(r, 0, lab, sizeof lab));
    }
    ac_svg_line(s, X0, Y1, X1, Y1, "axis");
    ac_svg_line(s, X0, Y0, X0, Y1, "axis");
    ac_svg_text(s, (X0 + X1) / 2, Y1 + 40, "middle", "label", 0, "round");
    ac_svg_text(s, 18, (Y0 + Y1) / 2, "middle", "label", -90, "utility");
    for (size_t e = 0; e < v->n_events; e++) {
        double x = px(&f, v->events[e].round);
        ac_svg_raw(s, "<line class=\"event\" stroke=\"#555\" stroke-dasharray=\"2 3\" x1=\"");
        ac_svg_num(s, x);
        ac_svg_raw(s, "\" y1=\"%g\" x2=\"", Y0);
        ac_svg_num(s, x);
        ac_svg_raw(s, "\" y2=\"%g\"><title>", Y1);
        ac_svg_esc(s, v->events[e].label ? v->events[e].label : "event");
        ac_svg_raw(s, "</title></line>\n");
        snprintf(lab, sizeof lab, "E%zu", e + 1);
        ac_svg_text(s, x + 3, Y0 + 12 + 12 * (double)(e % 3), "start", "small", 0, lab);
    }
    if (v->deal_round) {
        double x = px(&f, v->deal_round);
        ac_svg_raw(s, "<line class=\"deal\" stroke=\"#111\" stroke-width=\"2\" x1=\"");
        ac_svg_num(s, x);
        ac_svg_raw(s, "\" y1=\"%g\" x2=\"", Y0);
        ac_svg_num(s, x);
        ac_svg_raw(s, "\" y2=\"%g\"/>\n", Y1);
        ac_svg_text(s, x - 4, Y1 - 8, "end", "label", 0, "deal");
    }
    for (size_t i = 0; i < v->n_parties; i++) {
        const char *col = COLORS[i % 8], *dash = DASH[i % 8];
        if (v->reservation) {
            ac_svg_raw(s, "<line class=\"res\" stroke=\"%s\" stroke-width=\"1\" "
                          "stroke-opacity=\"0.6\" x1=\"%g\" x2=\"%g\" y1=\"", col, X0, X1);
            ac_svg_num(s, py(v->reservation[i]));
            ac_svg_raw(s, "\" y2=\"");
            ac_svg_num(s, py(v->reservation[i]));
            ac_svg_raw(s, "\"/>\n");
        }
        ac_svg_raw(s, "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\"%s%s%s "
                      "d=\"", col, *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "");
        for (size_t r = 0; r < v->n_rounds; r++) {
            ac_svg_raw(s, r ? "L" : "M");
            ac_svg_num(s, px(&f, v->round[r]));
            ac_svg_raw(s, " ");
            ac_svg_num(s, py(v->utility[r * v->n_parties + i]));
        }
        ac_svg_raw(s, "\"><title>");
        ac_svg_esc(s, v->party[i]);
        ac_svg_raw(s, "</title></path>\n");
        /* legend */
        double ly = Y0 + 6 + 22 * (double)i;
        ac_svg_raw(s, "<line stroke=\"%s\" stroke-width=\"2.2\"%s%s%s x1=\"%g\" x2=\"%g\" "
                      "y1=\"", col, *dash ? " stroke-dasharray=\"" : "", dash, *dash ? "\"" : "",
                   X1 + 16, X1 + 46);
        ac_svg_num(s, ly);
        ac_svg_raw(s, "\" y2=\"");
        ac_svg_num(s, ly);
        ac_svg_raw(s, "\"/>\n");
        ac_svg_text(s, X1 + 52, ly + 4, "start", "small", 0, v->party[i]);
    }
    if (v->n_events) {
        double ly = Y0 + 6 + 22 * (double)v->n_parties + 6;
        ac_svg_raw(s, "<line stroke=\"#555\" stroke-dasharray=\"2 3\" x1=\"%g\" x2=\"%g\" y1=\"",
                   X1 + 16, X1 + 46);
        ac_svg_num(s, ly);
        ac_svg_raw(s, "\" y2=\"");
        ac_svg_num(s, ly);
        ac_svg_raw(s, "\"/>\n");
        ac_svg_text(s, X1 + 52, ly + 4, "start", "small", 0, "event (E1, E2, ...)");
    }
    ac_status st = ac__chart_make(ac__stem("trace", NULL, NULL), ac__strdup(title), caption(v),
                                  ac_svg_finish(s), table(v), out, err);
    if (!st)
        (*out)->wide = 1;
    return st;
}
