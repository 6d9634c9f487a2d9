/* The conflict chart: the graph model drawn as a graph. States sit on a circle in file
 * order (the layout GMCR tools use for their integrated graphs), each decision maker's
 * unilateral moves are arrows in its colour, bent so that a move and its reverse stay
 * two visible arcs, and the equilibria are filled: dark green when the state is an
 * equilibrium under all four concepts, light green under some, with the concepts'
 * letters under the state. Beyond 60 states a drawing of every move is unreadable, so
 * only the equilibria are drawn, as a grid, and the caption says how many were left out.
 * The table behind the chart lists the states drawn with their equilibrium concepts. */
#include "report/report_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/stability.h"

#define W 760.0
#define MAX_DRAWN 60
#define NODE_R 17.0

static const char *const dm_color[] = {AC_COLOR_BLUE,   AC_COLOR_ORANGE, AC_COLOR_GREEN,
                                       AC_COLOR_VERMILLION, AC_COLOR_PURPLE, AC_COLOR_SKY,
                                       AC_COLOR_GREY,   "#000000"};
#define N_COLORS (sizeof dm_color / sizeof dm_color[0])
static const char letters[AC_STAB_N] = {'N', 'G', 'S', 'Q'};

static void concepts(unsigned char eq, char *buf)
{
    size_t n = 0;
    for (int k = 0; k < AC_STAB_N; k++)
        if (eq >> k & 1) {
            if (n)
                buf[n++] = ' ';
            buf[n++] = letters[k];
        }
    buf[n] = 0;
}

static const char *fill_of(unsigned char eq)
{
    return eq == (1u << AC_STAB_N) - 1 ? AC_COLOR_GREEN : eq ? "#bfe6d6" : "#ffffff";
}

static char *table(const ac_conflict_view *v, int all)
{
    const ac_conflict *c = v->conflict;
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">state</th><th scope=\"col\">title</th>");
    static const char *const names[AC_STAB_N] = {"Nash", "GMR", "SMR", "SEQ"};
    for (int k = 0; k < AC_STAB_N; k++)
        ac_svg_raw(t, "<th scope=\"col\">%s equilibrium</th>", names[k]);
    ac_svg_raw(t, "</tr></thead>\n<tbody>\n");
    for (size_t s = 0; s < ac_conflict_n_states(c); s++) {
        if (!all && !v->eq[s])
            continue;
        ac_svg_raw(t, "<tr><th scope=\"row\">");
        ac_svg_esc(t, ac_conflict_state_id(c, s));
        if (s == v->status_quo)
            ac_svg_raw(t, " (status quo)");
        ac_svg_raw(t, "</th><td>");
        ac_svg_esc(t, ac_conflict_state_title(c, s) ? ac_conflict_state_title(c, s) : "");
        ac_svg_raw(t, "</td>");
        for (int k = 0; k < AC_STAB_N; k++)
            ac_svg_raw(t, "<td>%s</td>", v->eq[s] >> k & 1 ? "yes" : "no");
        ac_svg_raw(t, "</tr>\n");
    }
    ac_svg_raw(t, "</tbody></table>\n");
    return ac__buf_take(t);
}

static void legend(ac_svg *s, const ac_conflict *c, double y)
{
    double x = 14;
    for (size_t d = 0; d < ac_conflict_n_dms(c); d++) {
        const char *name = ac_conflict_dm_name(c, d);
        double w = 34 + 6.6 * (double)(strlen(name) < 40 ? strlen(name) : 40);
        if (x + w > W - 10) {
            x = 14;
            y += 18;
        }
        ac_svg_raw(s, "<line x1=\"");
        ac_svg_num(s, x);
        ac_svg_raw(s, "\" y1=\"");
        ac_svg_num(s, y - 4);
        ac_svg_raw(s, "\" x2=\"");
        ac_svg_num(s, x + 22);
        ac_svg_raw(s, "\" y2=\"");
        ac_svg_num(s, y - 4);
        ac_svg_raw(s, "\" stroke=\"%s\" stroke-width=\"2.5\" marker-end=\"url(#cfa%zu)\"/>\n",
                   dm_color[d % N_COLORS], d % N_COLORS);
        char buf[48];
        snprintf(buf, sizeof buf, "%.40s", name);
        ac_svg_text(s, x + 28, y, "start", "small", 0, buf);
        x += w;
    }
}

static void markers(ac_svg *s)
{
    ac_svg_raw(s, "<defs>");
    for (size_t i = 0; i < N_COLORS; i++)
        ac_svg_raw(s,
                   "<marker id=\"cfa%zu\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                   "markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                   "<path d=\"M0,0L10,5L0,10z\" fill=\"%s\"/></marker>",
                   i, dm_color[i]);
    ac_svg_raw(s, "</defs>\n");
}

static void node(ac_svg *s, const ac_conflict_view *v, size_t st, double x, double y, double r)
{
    const ac_conflict *c = v->conflict;
    char tip[512], eqs[16];
    concepts(v->eq[st], eqs);
    const char *title = ac_conflict_state_title(c, st);
    snprintf(tip, sizeof tip, "%s%s%s%s%s%s", ac_conflict_state_id(c, st), title ? ": " : "",
             title ? title : "", v->eq[st] ? " — equilibrium: " : "", eqs,
             st == v->status_quo ? " (status quo)" : "");
    ac_svg_raw(s, "<circle cx=\"");
    ac_svg_num(s, x);
    ac_svg_raw(s, "\" cy=\"");
    ac_svg_num(s, y);
    ac_svg_raw(s, "\" r=\"");
    ac_svg_num(s, r);
    ac_svg_raw(s, "\" fill=\"%s\" stroke=\"#333\" stroke-width=\"%s\"><title>", fill_of(v->eq[st]),
               st == v->status_quo ? "3.5" : "1.2");
    ac_svg_esc(s, tip);
    ac_svg_raw(s, "</title></circle>\n");
    const char *id = ac_conflict_state_id(c, st);
    char shown[12];
    snprintf(shown, sizeof shown, "%s", id);
    if (strlen(id) > 7)
        strcpy(shown + 5, "..");
    ac_svg_raw(s, "<text x=\"");
    ac_svg_num(s, x);
    ac_svg_raw(s, "\" y=\"");
    ac_svg_num(s, y + 4);
    ac_svg_raw(s, "\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"%s\">",
               v->eq[st] == (1u << AC_STAB_N) - 1 ? "#ffffff" : "#111111");
    ac_svg_esc(s, shown);
    ac_svg_raw(s, "</text>\n");
}

/* A move from (x1,y1) to (x2,y2) as a quadratic arc bent to its right. */
static void arc(ac_svg *s, double x1, double y1, double x2, double y2, size_t color, double bend,
                const char *tip)
{
    double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
    if (len < 1)
        return;
    double nx = dy / len, ny = -dx / len;
    double cx = (x1 + x2) / 2 + nx * bend * len, cy = (y1 + y2) / 2 + ny * bend * len;
    double ax = cx - x1, ay = cy - y1, al = sqrt(ax * ax + ay * ay);
    double bx = cx - x2, by = cy - y2, bl = sqrt(bx * bx + by * by);
    double sx = x1 + ax / al * NODE_R, sy = y1 + ay / al * NODE_R;
    double ex = x2 + bx / bl * (NODE_R + 2), ey = y2 + by / bl * (NODE_R + 2);
    ac_svg_raw(s, "<path d=\"M");
    ac_svg_num(s, sx);
    ac_svg_raw(s, ",");
    ac_svg_num(s, sy);
    ac_svg_raw(s, "Q");
    ac_svg_num(s, cx);
    ac_svg_raw(s, ",");
    ac_svg_num(s, cy);
    ac_svg_raw(s, " ");
    ac_svg_num(s, ex);
    ac_svg_raw(s, ",");
    ac_svg_num(s, ey);
    ac_svg_raw(s, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" stroke-opacity=\"0.8\" "
                  "marker-end=\"url(#cfa%zu)\"><title>",
               dm_color[color], color);
    ac_svg_esc(s, tip);
    ac_svg_raw(s, "</title></path>\n");
}

ac_status ac_chart_conflict(const ac_conflict_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->conflict || !v->eq)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_conflict: bad arguments");
    const ac_conflict *c = v->conflict;
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c), n_eq = 0;
    for (size_t st = 0; st < S; st++)
        n_eq += v->eq[st] != 0;
    int all = S <= MAX_DRAWN;
    const char *title = "The conflict: states, moves and equilibria";
    size_t shown = all ? S : (n_eq < 400 ? n_eq : 400);
    double radius = all ? fmax(170.0, fmin(300.0, 30.0 * (double)S / M_PI)) : 0;
    size_t cols = 16, rows = (shown + cols - 1) / cols;
    double top = 70 + 18 * (double)((D + 4) / 5);
    double h = all ? top + 2 * radius + 75 : top + 44.0 * (double)rows + 60;
    ac_svg *s = ac_svg_new(W, h, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    markers(s);
    ac_svg_text(s, 10, 24, "start", "ttl", 0, title);
    legend(s, c, 48);
    ac_svg_raw(s, "<g font-size=\"11\">");
    double fx = W - 250, fy = top - 12;
    ac_svg_rect(s, fx, fy - 10, 12, 12, "cell", AC_COLOR_GREEN, NULL);
    ac_svg_text(s, fx + 16, fy, "start", "small", 0, "all four concepts");
    ac_svg_rect(s, fx + 120, fy - 10, 12, 12, NULL, "#bfe6d6", NULL);
    ac_svg_text(s, fx + 136, fy, "start", "small", 0, "some concepts");
    if (v->status_quo != AC_NONE)
        ac_svg_text(s, fx + 16, fy + 16, "start", "small", 0, "thick outline: status quo");
    ac_svg_raw(s, "</g>\n");
    double cx = W / 2, cy = top + radius + 30;
    if (all) {
        double *px = malloc(S * sizeof *px), *py = malloc(S * sizeof *py);
        if (!px || !py) {
            free(px);
            free(py);
            free(ac_svg_finish(s));
            return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
        }
        for (size_t st = 0; st < S; st++) {
            double a = -M_PI / 2 + 2 * M_PI * (double)st / (double)S;
            px[st] = cx + radius * cos(a);
            py[st] = cy + radius * sin(a);
        }
        for (size_t d = 0; d < D; d++)
            for (size_t st = 0; st < S; st++) {
                const uint32_t *to;
                size_t n = ac_conflict_moves(c, d, st, &to);
                for (size_t x = 0; x < n; x++) {
                    char tip[300];
                    snprintf(tip, sizeof tip, "%s: %s -> %s", ac_conflict_dm_id(c, d),
                             ac_conflict_state_id(c, st), ac_conflict_state_id(c, to[x]));
                    arc(s, px[st], py[st], px[to[x]], py[to[x]], d % N_COLORS,
                        0.10 + 0.05 * (double)(d % 3), tip);
                }
            }
        for (size_t st = 0; st < S; st++) {
            node(s, v, st, px[st], py[st], NODE_R);
            char eqs[16];
            concepts(v->eq[st], eqs);
            if (*eqs) {
                /* Letters outside the circle, away from the centre. */
                double ux = (px[st] - cx) / radius, uy = (py[st] - cy) / radius;
                double ox = px[st] + ux * (NODE_R + 6), oy = py[st] + uy * (NODE_R + 10) + 4;
                ac_svg_text(s, ox, oy, ux < -0.3 ? "end" : ux > 0.3 ? "start" : "middle", "small",
                            0, eqs);
            }
        }
        free(px);
        free(py);
    } else {
        size_t i = 0;
        for (size_t st = 0; st < S && i < shown; st++) {
            if (!v->eq[st])
                continue;
            double x = 40 + 44.0 * (double)(i % cols), y = top + 20 + 44.0 * (double)(i / cols);
            node(s, v, st, x, y, 15);
            i++;
        }
        char note[160];
        snprintf(note, sizeof note, "%zu states, %zu of them equilibria%s; moves are not drawn "
                                    "beyond %d states",
                 S, n_eq, n_eq > shown ? " (the first 400 drawn)" : "", MAX_DRAWN);
        ac_svg_text(s, 14, h - 20, "start", "small", 0, note);
    }
    ac_svg *cap = ac__buf_new();
    ac_svg_raw(cap, "Each circle is a state; each arrow a unilateral move, in the colour of the "
                    "decision maker who makes it. Dark green states are equilibria under all "
                    "four stability concepts, light green under some (the letters: N Nash, G "
                    "GMR, S SMR, Q SEQ); white states are not an equilibrium under any. The "
                    "status quo has a thick outline. Hover a state or an arrow for its name.");
    return ac__chart_make(ac__stem("conflict", NULL, NULL), ac__strdup(title),
                          ac__buf_take(cap), ac_svg_finish(s), table(v, all), out, err);
}
