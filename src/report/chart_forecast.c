/* The forecast chart: the forecast position of each dimension (0..100) turn by turn, so
 * the reader sees where the talks are heading and which points move most before they
 * settle. At most eight lines are drawn (the dimensions that moved most, in their order);
 * the table under the chart has every dimension's first and last forecast. */
#include "report/report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 760.0
#define LX 60.0
#define RX 560.0
#define TOP 50.0
#define BOT 330.0
#define MAX_LINES 8

static const char *const COLORS[] = {AC_COLOR_BLUE, AC_COLOR_ORANGE, AC_COLOR_GREEN,
                                     AC_COLOR_VERMILLION, AC_COLOR_SKY, AC_COLOR_PURPLE,
                                     AC_COLOR_GREY, AC_COLOR_YELLOW};

static double px(const ac_forecast_view *v, size_t t)
{
    return v->n_turns > 1 ? LX + (RX - LX) * (double)t / (double)(v->n_turns - 1) : LX;
}

static double py(double x)
{
    x = x < 0 ? 0 : x > 100 ? 100 : x;
    return BOT - (BOT - TOP) * x / 100.0;
}

/* Total movement of dimension k over the turns. */
static double travel(const ac_forecast_view *v, size_t k)
{
    double s = 0;
    for (size_t t = 1; t < v->n_turns; t++)
        s += fabs(v->forecast[t * v->n_dims + k] - v->forecast[(t - 1) * v->n_dims + k]);
    return s;
}

static char *caption(const ac_forecast_view *v, size_t drawn)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "Each line is the forecast on one dimension (0 to 100, the first option to "
                  "the last) after each turn of bargaining: the positions weighted by the "
                  "probability that each wins. ");
    if (v->stable)
        ac_svg_raw(b, "The positions settled after %zu turns. ", v->n_turns - 1);
    else
        ac_svg_raw(b, "The run stopped after %zu turns, before the positions settled. ",
                   v->n_turns - 1);
    if (drawn < v->n_dims)
        ac_svg_raw(b, "The %zu dimensions that moved most are drawn; the table has all %zu.",
                   drawn, v->n_dims);
    return ac__buf_take(b);
}

static char *table(const ac_forecast_view *v)
{
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">dimension</th><th scope=\"col\">turn "
                  "0</th><th scope=\"col\">turn %zu</th><th scope=\"col\">moved</th></tr>"
                  "</thead>\n<tbody>\n", v->n_turns - 1);
    for (size_t k = 0; k < v->n_dims; k++) {
        ac_svg_raw(t, "<tr><th scope=\"row\">");
        ac_svg_esc(t, v->dim[k]);
        ac_svg_raw(t, "</th><td>");
        ac__buf_numd(t, v->forecast[k], 1);
        ac_svg_raw(t, "</td><td>");
        ac__buf_numd(t, v->forecast[(v->n_turns - 1) * v->n_dims + k], 1);
        ac_svg_raw(t, "</td><td>");
        ac__buf_numd(t, travel(v, k), 1);
        ac_svg_raw(t, "</td></tr>\n");
    }
    ac_svg_raw(t, "</tbody></table>\n");
    return ac__buf_take(t);
}

ac_status ac_chart_forecast(const ac_forecast_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->n_dims || !v->n_turns || !v->dim || !v->forecast)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_forecast: bad arguments");
    size_t nd = v->n_dims, pick[MAX_LINES], np = 0;
    /* the MAX_LINES dimensions that travel most, ties to the earlier, kept in file order */
    int *used = calloc(nd, sizeof *used);
    if (!used)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    while (np < MAX_LINES && np < nd) {
        size_t best = nd;
        for (size_t k = 0; k < nd; k++)
            if (!used[k] && (best == nd || travel(v, k) > travel(v, best)))
                best = k;
        used[best] = 1;
        np++;
    }
    np = 0;
    for (size_t k = 0; k < nd; k++)
        if (used[k])
            pick[np++] = k;
    free(used);
    const char *title = "Where the forecast goes, turn by turn";
    ac_svg *s = ac_svg_new(W, BOT + 50, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    ac_svg_text(s, 10, 24, "start", "ttl", 0, title);
    for (int g = 0; g <= 100; g += 25) {
        char lab[8];
        snprintf(lab, sizeof lab, "%d", g);
        ac_svg_line(s, LX, py(g), RX, py(g), "grid");
        ac_svg_text(s, LX - 6, py(g) + 4, "end", "tick", 0, lab);
    }
    double step = ac__tick_step(0, (double)(v->n_turns > 1 ? v->n_turns - 1 : 1), 8);
    if (step < 1)
        step = 1;
    for (double t = 0; t <= (double)(v->n_turns - 1) + 1e-9; t += step) {
        char lab[16];
        snprintf(lab, sizeof lab, "%.0f", t);
        double x = px(v, (size_t)t);
        ac_svg_line(s, x, BOT, x, BOT + 5, "axis");
        ac_svg_text(s, x, BOT + 18, "middle", "tick", 0, lab);
    }
    ac_svg_line(s, LX, BOT, RX, BOT, "axis");
    ac_svg_line(s, LX, TOP, LX, BOT, "axis");
    ac_svg_text(s, (LX + RX) / 2, BOT + 38, "middle", "label", 0, "turn");
    for (size_t i = 0; i < np; i++) {
        size_t k = pick[i];
        const char *col = COLORS[i % (sizeof COLORS / sizeof COLORS[0])];
        ac_svg_raw(s, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", col);
        for (size_t t = 0; t < v->n_turns; t++) {
            ac_svg_num(s, px(v, t));
            ac_svg_raw(s, ",");
            ac_svg_num(s, py(v->forecast[t * nd + k]));
            ac_svg_raw(s, " ");
        }
        ac_svg_raw(s, "\"/>\n");
        double last = v->forecast[(v->n_turns - 1) * nd + k];
        char tip[200], val[32];
        snprintf(tip, sizeof tip, "%s: %s after turn %zu", v->dim[k],
                 ac_fmt_num(last, 1, val, sizeof val), v->n_turns - 1);
        ac_svg_rect(s, px(v, v->n_turns - 1) - 3.5, py(last) - 3.5, 7, 7, NULL, col, tip);
        ac_svg_rect(s, RX + 20, TOP + 18.0 * (double)i, 12, 12, NULL, col, NULL);
        char lab[96];
        snprintf(lab, sizeof lab, "%.36s %s", v->dim[k], val);
        ac_svg_text(s, RX + 38, TOP + 18.0 * (double)i + 10, "start", "small", 0, lab);
    }
    return ac__chart_make(ac__stem("forecast", NULL, NULL), ac__strdup(title),
                          caption(v, np), ac_svg_finish(s), table(v), out, err);
}
