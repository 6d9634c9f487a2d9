/* The stance heat map: one row per point of the draft, one column per party, each cell
 * coloured by the party's stance (agree / criticise / reject / not discussed) and also
 * labelled with it, so the chart reads without colour. Long point titles are cut to fit
 * (whole UTF-8 characters) and given in full in the cell tooltips and the table. */
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

#define LABEL_W 330.0
#define CELL_W 112.0
#define CELL_H 22.0
#define TOP 96.0
#define MAX_LABEL 48

/* Copies at most n characters of s (UTF-8) into buf, with "…" when cut. */
static const char *cut(const char *s, size_t n, char *buf, size_t size)
{
    size_t chars = 0, i = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p[i] && i + 8 < size) {
        if ((p[i] & 0xC0) != 0x80) {
            if (chars == n - 1) {
                /* is there more than one character left? */
                size_t j = i + 1;
                while (p[j] && (p[j] & 0xC0) == 0x80)
                    j++;
                if (p[j]) {
                    memcpy(buf, s, i);
                    strcpy(buf + i, "\xE2\x80\xA6");
                    return buf;
                }
            }
            chars++;
        }
        i++;
    }
    if (p[i]) { /* buffer too small: cut here at a character boundary */
        while (i > 0 && (p[i] & 0xC0) == 0x80)
            i--;
        memcpy(buf, s, i);
        strcpy(buf + i, "\xE2\x80\xA6");
        return buf;
    }
    memcpy(buf, s, i + 1);
    return buf;
}

static const char *ink(ac_stance st)
{
    return st == AC_STANCE_AGREE || st == AC_STANCE_REJECT ? "#ffffff" : "#111111";
}

static char *caption(const ac_stance_view *v)
{
    ac_svg *b = ac__buf_new();
    ac_svg_raw(b, "Each row is one of the %zu points, each column one of the %zu parties; a "
                  "cell shows the party's stance on the point as drafted. Blue: agree; "
                  "orange: criticise; vermilion: reject (a red line); grey: not discussed. "
                  "A point is settled only when its whole row is blue.",
               v->n_points, v->n_parties);
    return ac__buf_take(b);
}

static char *table(const ac_stance_view *v)
{
    ac_svg *t = ac__buf_new();
    ac_svg_raw(t, "<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">point</th>");
    if (v->option)
        ac_svg_raw(t, "<th scope=\"col\">draft</th>");
    for (size_t i = 0; i < v->n_parties; i++) {
        ac_svg_raw(t, "<th scope=\"col\">");
        ac_svg_esc(t, v->party[i]);
        ac_svg_raw(t, "</th>");
    }
    ac_svg_raw(t, "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < v->n_points; k++) {
        ac_svg_raw(t, "<tr><td>%zu</td><th scope=\"row\">", k + 1);
        ac_svg_esc(t, v->point[k]);
        ac_svg_raw(t, "</th>");
        if (v->option) {
            ac_svg_raw(t, "<td>");
            ac_svg_esc(t, v->option[k] ? v->option[k] : "");
            ac_svg_raw(t, "</td>");
        }
        for (size_t i = 0; i < v->n_parties; i++) {
            ac_stance st = v->stances[i * v->n_points + k];
            ac_svg_raw(t, "<td class=\"st-%d\">%s</td>", (int)st, ac__stance_label(st));
        }
        ac_svg_raw(t, "</tr>\n");
    }
    ac_svg_raw(t, "</tbody></table>\n");
    return ac__buf_take(t);
}

ac_status ac_chart_stances(const ac_stance_view *v, ac_chart **out, ac_error *err)
{
    *out = NULL;
    if (!v || !v->party || !v->point || !v->stances || !v->n_parties)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_chart_stances: bad arguments");
    const char *title = v->title ? v->title : "Stances on the draft";
    double w = LABEL_W + CELL_W * (double)v->n_parties + 20;
    if (w < 620)
        w = 620;
    double h = TOP + CELL_H * (double)v->n_points + 30;
    ac_svg *s = ac_svg_new(w, h, title);
    if (!s)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory drawing a chart");
    ac_svg_text(s, 10, 24, "start", "ttl", 0, title);
    /* legend */
    double lx = 10;
    for (int st = 0; st < 4; st++) {
        ac_svg_rect(s, lx, 38, 14, 14, "cell", ac__stance_color((ac_stance)st), NULL);
        ac_svg_text(s, lx + 19, 49, "start", "small", 0, ac__stance_label((ac_stance)st));
        lx += 19 + 5.8 * (double)strlen(ac__stance_label((ac_stance)st)) + 24;
    }
    /* party names over the columns */
    char buf[256];
    for (size_t i = 0; i < v->n_parties; i++) {
        double cx = LABEL_W + CELL_W * ((double)i + 0.5);
        ac_svg_text(s, cx, TOP - 10, "middle", "label", 0, cut(v->party[i], 18, buf, sizeof buf));
    }
    for (size_t k = 0; k < v->n_points; k++) {
        double y = TOP + CELL_H * (double)k;
        char lab[300];
        snprintf(lab, sizeof lab, "%zu. %s", k + 1, v->point[k]);
        ac_svg_text(s, LABEL_W - 8, y + CELL_H / 2 + 4, "end", "small", 0,
                    cut(lab, MAX_LABEL, buf, sizeof buf));
        for (size_t i = 0; i < v->n_parties; i++) {
            ac_stance st = v->stances[i * v->n_points + k];
            double x = LABEL_W + CELL_W * (double)i;
            char tip[700];
            snprintf(tip, sizeof tip, "%s on %s%s%s: %s", v->party[i], v->point[k],
                     v->option && v->option[k] ? " = " : "",
                     v->option && v->option[k] ? v->option[k] : "", ac__stance_label(st));
            ac_svg_rect(s, x, y, CELL_W, CELL_H, "cell", ac__stance_color(st), tip);
            ac_svg_raw(s, "<text x=\"");
            ac_svg_num(s, x + CELL_W / 2);
            ac_svg_raw(s, "\" y=\"");
            ac_svg_num(s, y + CELL_H / 2 + 4);
            ac_svg_raw(s, "\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">%s</text>\n",
                       ink(st), ac__stance_label(st));
        }
    }
    const char *name = v->name ? v->name : "stances";
    ac_status st = ac__chart_make(ac__stem(name, NULL, NULL), ac__strdup(title), caption(v),
                                  ac_svg_finish(s), table(v), out, err);
    if (!st)
        (*out)->wide = 1;
    return st;
}
