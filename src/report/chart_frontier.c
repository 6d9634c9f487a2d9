/* The Pareto frontier chart: one scatter of the frontier's utility vectors seen from two
 * parties (for three or more parties the report draws one per pair), the ZOPA corner
 * bounded by the reservation lines, and the Nash, Kalai-Smorodinsky and welfare points,
 * the draft and the smallest revision as distinct shapes with a legend. Every frontier
 * point is one <circle class="pt">, so its count is the frontier's size; marks use
 * <path class="mark">. Axes run over [0,1] (utilities); coordinates are clamped into the
 * plot box. */
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define W 600.0
#define H 456.0
#define X0 64.0
#define X1 420.0
#define Y0 44.0
#define Y1 400.0
#define TABLE_POINTS 50

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }
static double px(double u) { return X0 + clamp01(u) * (X1 - X0); }
static double py(double u) { return Y1 - clamp01(u) * (Y1 - Y0); }

typedef struct mark {
    const char *label, *color, *shape;
    const double *u;
} mark;

/* A marker path of the given shape centred on (x, y). */
static void shape(ac_svg *s, const char *kind, double x, double y, const char *color,
                  const char *tip)
{
    ac_svg_raw(s, "<path class=\"mark\" fill=\"%s\" stroke=\"#111\" stroke-width=\"1\" d=\"",
               color);
    if (!strcmp(kind, "diamond")) {
        ac_svg_raw(s, "M"); ac_svg_num(s, x); ac_svg_raw(s, " "); ac_svg_num(s, y - 7);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + 7); ac_svg_raw(s, " "); ac_svg_num(s, y);
        ac_svg_raw(s, "L"); ac_svg_num(s, x); ac_svg_raw(s, " "); ac_svg_num(s, y + 7);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - 7); ac_svg_raw(s, " "); ac_svg_num(s, y);
    } else if (!strcmp(kind, "square")) {
        ac_svg_raw(s, "M"); ac_svg_num(s, x - 5.5); ac_svg_raw(s, " "); ac_svg_num(s, y - 5.5);
        ac_svg_raw(s, "h11v11h-11");
    } else if (!strcmp(kind, "triangle")) {
        ac_svg_raw(s, "M"); ac_svg_num(s, x); ac_svg_raw(s, " "); ac_svg_num(s, y - 7);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + 7); ac_svg_raw(s, " "); ac_svg_num(s, y + 5);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - 7); ac_svg_raw(s, " "); ac_svg_num(s, y + 5);
    } else if (!strcmp(kind, "cross")) {
        /* an X drawn as a filled polygon */
        double a = 6.5, b = 2.2;
        ac_svg_raw(s, "M"); ac_svg_num(s, x - a); ac_svg_raw(s, " "); ac_svg_num(s, y - a + b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - a + b); ac_svg_raw(s, " "); ac_svg_num(s, y - a);
        ac_svg_raw(s, "L"); ac_svg_num(s, x); ac_svg_raw(s, " "); ac_svg_num(s, y - b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + a - b); ac_svg_raw(s, " "); ac_svg_num(s, y - a);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + a); ac_svg_raw(s, " "); ac_svg_num(s, y - a + b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + b); ac_svg_raw(s, " "); ac_svg_num(s, y);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + a); ac_svg_raw(s, " "); ac_svg_num(s, y + a - b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x + a - b); ac_svg_raw(s, " "); ac_svg_num(s, y + a);
        ac_svg_raw(s, "L"); ac_svg_num(s, x); ac_svg_raw(s, " "); ac_svg_num(s, y + b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - a + b); ac_svg_raw(s, " "); ac_svg_num(s, y + a);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - a); ac_svg_raw(s, " "); ac_svg_num(s, y + a - b);
        ac_svg_raw(s, "L"); ac_svg_num(s, x - b); ac_svg_raw(s, " "); ac_svg_num(s, y);
    } else { /* star */
        static const double px5[10][2] = {{0, -8},    {2.2, -2.6}, {7.6, -2.5}, {3.4, 1},
                                          {4.7, 6.5}, {0, 3.3},    {-4.7, 6.5}, {-3.4, 1},
                                          {-7.6, -2.5}, {-2.2, -2.6}};
        for (int i = 0; i < 10; i++) {
            ac_svg_raw(s, i ? "L" : "M");
            ac_svg_num(s, x + px5[i][0]);
            ac_svg_raw(s, " ");
            ac_svg_num(s, y + px5[i][1]);
        }
    }
    ac_svg_raw(s, "Z\"><title>");
    ac_svg_esc(s, tip);
    ac_svg_raw(s, "</title></path>\n");
}

static void axes(ac_svg *s, const ac_frontier_view *v)
{
    for (int i = 0; i <= 5; i++) {
        double u = i / 5.0;
        char b[16];
        ac_fmt_num(u, 1, b, sizeof b);
        ac_svg_line(s, px(u), Y0, px(u), Y1, "grid");
        ac_svg_line(s, X0, py(u), X1, py(u), "grid");
        ac_svg_line(s, px(u), Y1, px(u), Y1 + 5, "axis");
        ac_svg_line(s, X0 - 5, py(u), X0, py(u), "axis");
        ac_svg_text(s, px(u), Y1 + 18, "middle", "tick", 0, b);
        ac_svg_text(s, X0 - 8, py(u) + 4, "end", "tick", 0, b);
    }
    ac_svg_line(s, X0, Y1, X1, Y1, "axis");
    ac_svg_line(s, X0, Y0, X0, Y1, "axis");
    char lab[256];
    snprintf(lab, sizeof lab, "utility of %s", v->name_a);
    ac_svg_text(s, (X0 + X1) / 2, Y1 + 40, "middle", "label", 0, lab);
    snprintf(lab, sizeof lab, "utility of %s", v->name_b);
    ac_svg_text(s, 18, (Y0 + Y1) / 2, "middle", "label", -90, lab);
}

static char *caption(const ac_frontier_view *v)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "Each dot is one of the %zu points of the Pareto frontier%s, placed by the "
                  "utility of ", v->count, v->feasible ? " over the ZOPA" : " over all outcomes");
    ac_svg_esc(b, v->name_a);
    ac_svg_raw(b, " (across) and of ");
    ac_svg_esc(b, v->name_b);
    ac_svg_raw(b, " (up). The dashed lines are their reservation values: only the shaded "
                  "corner is better than no deal for both. The shapes mark the bargaining "
                  "solutions over the ZOPA, the draft and the smallest revision that every "
                  "party accepts.");
    return ac__buf_take(b);
}

static void table_row(ac_svg *t, const char *label, double a, double b)
{
    ac_svg_raw(t, "<tr><th scope=\"row\">");
    ac_svg_esc(t, label);
    ac_svg_raw(t, "</th><td>");
    ac__buf_numd(t, a, 4);
    ac_svg_raw(t, "</td><td>");
    ac__buf_numd(t, b, 4);
    ac_svg_raw(t, "</td></tr>\n");
}

static char *table(const ac_frontier_view *v, const mark *mk, size_t nmk)
{
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">point</th><th scope=\"col\">");
    ac_svg_esc(t, v->name_a);
    ac_svg_raw(t, "</th><th scope=\"col\">");
    ac_svg_esc(t, v->name_b);
    ac_svg_raw(t, "</th></tr></thead>\n<tbody>\n");
    table_row(t, "reservation value", v->res_a, v->res_b);
    for (size_t i = 0; i < nmk; i++)
        if (mk[i].u)
            table_row(t, mk[i].label, mk[i].u[0], mk[i].u[1]);
    size_t shown = v->count < TABLE_POINTS ? v->count : TABLE_POINTS;
    for (size_t i = 0; i < shown; i++) {
        char lab[64];
        snprintf(lab, sizeof lab, "frontier #%zu", i + 1);
        table_row(t, lab, v->x[i], v->y[i]);
    }
    ac_svg_raw(t, "</tbody></table>\n");
    if (shown < v->count)
        ac_svg_raw(t, "<p class=\"note\">The first %zu of %zu frontier points; "
                      "<code>accord analyze --json</code> lists them all.</p>\n",
                   shown, v->count);
    return ac__buf_take(t);
}

ac_status ac_chart_frontier(const ac_frontier_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->name_a || !v->name_b || (v->count && (!v->x || !v->y)))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_frontier: bad arguments");
    mark mk[] = {
        {"Nash point", AC_COLOR_VERMILLION, "diamond", v->nash},
        {"Kalai-Smorodinsky point", AC_COLOR_ORANGE, "square", v->kalai},
        {"welfare point", AC_COLOR_GREEN, "triangle", v->welfare},
        {"draft", "#111111", "cross", v->draft},
        {"smallest revision", AC_COLOR_PURPLE, "star", v->revision},
    };
    size_t nmk = sizeof mk / sizeof mk[0];
    char title[300];
    snprintf(title, sizeof title, "Pareto frontier: %s and %s", v->name_a, v->name_b);
    ac_svg *s = ac_svg_new(W, H, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    ac_svg_text(s, X0, 24, "start", "ttl", 0, title);
    ac_svg_rect(s, X0, Y0, X1 - X0, Y1 - Y0, "plot", "none", NULL); /* the plot box */
    /* the ZOPA corner */
    ac_svg_rect(s, px(v->res_a), Y0, X1 - px(v->res_a), py(v->res_b) - Y0, "zopaarea", NULL,
                "where both are better off than without a deal");
    axes(s, v);
    ac_svg_line(s, px(v->res_a), Y0, px(v->res_a), Y1, "zopa");
    ac_svg_line(s, X0, py(v->res_b), X1, py(v->res_b), "zopa");
    ac_svg_raw(s, "<g class=\"frontier\">\n");
    double r = v->count > 2000 ? 1.6 : v->count > 200 ? 2.2 : 3.2;
    for (size_t i = 0; i < v->count; i++) {
        ac_svg_raw(s, "<circle class=\"pt\" cx=\"");
        ac_svg_num(s, px(v->x[i]));
        ac_svg_raw(s, "\" cy=\"");
        ac_svg_num(s, py(v->y[i]));
        ac_svg_raw(s, "\" r=\"");
        ac_svg_num(s, r);
        ac_svg_raw(s, "\"/>\n");
    }
    ac_svg_raw(s, "</g>\n<g class=\"marks\">\n");
    for (size_t i = 0; i < nmk; i++)
        if (mk[i].u) {
            char tip[160], a[16], b[16];
            snprintf(tip, sizeof tip, "%s: %s, %s", mk[i].label,
                     ac_fmt_num(mk[i].u[0], 3, a, sizeof a), ac_fmt_num(mk[i].u[1], 3, b, sizeof b));
            shape(s, mk[i].shape, px(mk[i].u[0]), py(mk[i].u[1]), mk[i].color, tip);
        }
    ac_svg_raw(s, "</g>\n<g class=\"legend\">\n");
    double ly = Y0 + 6;
    ac_svg_circle(s, X1 + 26, ly, 3.2, "ptl", NULL);
    ac_svg_text(s, X1 + 40, ly + 4, "start", "small", 0, "frontier point");
    ly += 22;
    for (size_t i = 0; i < nmk; i++) {
        if (!mk[i].u)
            continue;
        shape(s, mk[i].shape, X1 + 26, ly, mk[i].color, mk[i].label);
        ac_svg_text(s, X1 + 40, ly + 4, "start", "small", 0, mk[i].label);
        ly += 22;
    }
    ac_svg_line(s, X1 + 16, ly, X1 + 36, ly, "zopa");
    ac_svg_text(s, X1 + 40, ly + 4, "start", "small", 0, "reservation value");
    ly += 22;
    ac_svg_rect(s, X1 + 18, ly - 7, 16, 14, "zopaarea", NULL, NULL);
    ac_svg_text(s, X1 + 40, ly + 4, "start", "small", 0, "better than no deal");
    ac_svg_raw(s, "</g>\n");
    return ac__chart_make(ac__stem("frontier", v->id_a, v->id_b), ac__strdup(title), caption(v),
                          ac_svg_finish(s), table(v, mk, nmk), out, err);
}
