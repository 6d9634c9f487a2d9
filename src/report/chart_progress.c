/* The progress chart: for each draft (the model's, or each version of the ledger) two
 * horizontal bars on a 0-100% scale, the share of points every party agrees to (by
 * count) and the same weighted by the parties' mean salience. The gap between the two
 * bars is the point of the chart: "90% agreed" can still leave the points that matter. */
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define W 640.0
#define LX 150.0
#define RX 560.0
#define TOP 70.0
#define BAR 16.0
#define GROUP 46.0

static double bx(double share)
{
    if (!(share > 0))
        share = 0;
    if (share > 1)
        share = 1;
    return LX + share * (RX - LX);
}

static double count_share(const ac_progress *p)
{
    return p->of ? (double)p->points / (double)p->of : 0;
}

static char *caption(const ac_progress_view *v)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "The blue bar is the share of points every party agrees to, counted point "
                  "by point; the orange bar weighs each agreed point by how much the parties "
                  "care about it (their mean salience). When the orange bar is much shorter, "
                  "the points still open are the ones that matter most.");
    if (v->n > 1)
        ac_svg_raw(b, " One pair of bars per version of the draft, oldest first.");
    return ac__buf_take(b);
}

static char *table(const ac_progress_view *v)
{
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">draft</th><th scope=\"col\">points "
                  "agreed</th><th scope=\"col\">of</th><th scope=\"col\">by count</th>"
                  "<th scope=\"col\">weighted</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < v->n; i++) {
        const ac_progress *p = &v->progress[i];
        ac_svg_raw(t, "<tr><th scope=\"row\">");
        ac_svg_esc(t, v->label[i]);
        ac_svg_raw(t, "</th><td>%zu</td><td>%zu</td><td>", p->points, p->of);
        ac__buf_numd(t, 100 * count_share(p), 1);
        ac_svg_raw(t, "%%</td><td>");
        ac__buf_numd(t, 100 * p->weighted, 1);
        ac_svg_raw(t, "%%</td></tr>\n");
    }
    ac_svg_raw(t, "</tbody></table>\n");
    return ac__buf_take(t);
}

ac_status ac_chart_progress(const ac_progress_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->n || !v->label || !v->progress)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_progress: bad arguments");
    const char *title = v->n > 1 ? "Progress over the versions of the draft"
                                 : "Progress of the draft";
    double h = TOP + GROUP * (double)v->n + 44;
    ac_svg *s = ac_svg_new(W, h, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    ac_svg_text(s, 10, 24, "start", "ttl", 0, title);
    ac_svg_rect(s, LX, 36, 14, 14, NULL, AC_COLOR_BLUE, NULL);
    ac_svg_text(s, LX + 19, 47, "start", "small", 0, "by count");
    ac_svg_rect(s, LX + 110, 36, 14, 14, NULL, AC_COLOR_ORANGE, NULL);
    ac_svg_text(s, LX + 129, 47, "start", "small", 0, "weighted by salience");
    double bottom = TOP + GROUP * (double)v->n;
    for (int i = 0; i <= 10; i += 2) {
        double x = bx(i / 10.0);
        char lab[16];
        snprintf(lab, sizeof lab, "%d%%", i * 10);
        ac_svg_line(s, x, TOP - 6, x, bottom, "grid");
        ac_svg_line(s, x, bottom, x, bottom + 5, "axis");
        ac_svg_text(s, x, bottom + 18, "middle", "tick", 0, lab);
    }
    ac_svg_line(s, LX, bottom, RX, bottom, "axis");
    ac_svg_line(s, LX, TOP - 6, LX, bottom, "axis");
    ac_svg_text(s, (LX + RX) / 2, bottom + 36, "middle", "label", 0,
                "share of the draft's points agreed by every party");
    for (size_t i = 0; i < v->n; i++) {
        const ac_progress *p = &v->progress[i];
        double y = TOP + GROUP * (double)i;
        char buf[200], tip[300];
        const char *lab = v->label[i];
        snprintf(buf, sizeof buf, "%s", lab);
        if (strlen(buf) > 22)
            strcpy(buf + 19, "...");
        ac_svg_text(s, LX - 8, y + BAR + 4, "end", "label", 0, buf);
        double c = count_share(p), wgt = p->weighted;
        char a[32], b[32];
        snprintf(tip, sizeof tip, "%s: %zu of %zu points (%s%%)", lab, p->points, p->of,
                 ac_fmt_num(100 * c, 1, a, sizeof a));
        ac_svg_rect(s, LX, y, bx(c) - LX, BAR, "bar count", AC_COLOR_BLUE, tip);
        snprintf(buf, sizeof buf, "%zu of %zu (%s%%)", p->points, p->of, a);
        ac_svg_text(s, bx(c) + 5, y + 12, "start", "small", 0, buf);
        snprintf(tip, sizeof tip, "%s: weighted %s%%", lab, ac_fmt_num(100 * wgt, 1, b, sizeof b));
        ac_svg_rect(s, LX, y + BAR + 2, bx(wgt) - LX, BAR, "bar weighted", AC_COLOR_ORANGE, tip);
        snprintf(buf, sizeof buf, "weighted %s%%", b);
        ac_svg_text(s, bx(wgt) + 5, y + BAR + 14, "start", "small", 0, buf);
    }
    return ac__chart_make(ac__stem(v->n > 1 ? "progress-versions" : "progress", NULL, NULL),
                          ac__strdup(title), caption(v), ac_svg_finish(s), table(v), out, err);
}
