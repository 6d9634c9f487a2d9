/* The charts of one analysis, in the order a reader needs them: key figures; the Pareto
 * frontier with the ZOPA and the solutions (one projection per pair of active parties);
 * and, for a model with a draft, the stance heat map and the progress bars. Turns the
 * library's results (ac_analysis, ac_mediation) into the plain views the charts take. */
#include "analysis/analysis_internal.h"
#include "analysis/mediation_internal.h"
#include "report/report_internal.h"

#include <stdlib.h>
#include <string.h>

static void card(ac_svg *b, const char *value, const char *label)
{
    ac_svg_raw(b, "<div class=\"card\"><b>");
    ac_svg_esc(b, value);
    ac_svg_raw(b, "</b><span>");
    ac_svg_esc(b, label);
    ac_svg_raw(b, "</span></div>");
}

static void sci(double x, char *buf, size_t size)
{
    if (x < 1e6) {
        snprintf(buf, size, "%.0f", x);
        return;
    }
    int e = 0;
    while (x >= 9.95) {
        x /= 10;
        e++;
    }
    snprintf(buf, size, "%.1fe%d", x, e);
}

static ac_status key_figures(ac_report *r, const ac_model *m, const ac_analysis *a,
                             const ac_mediation *x, ac_error *err)
{
    const ac_space *s = a->space;
    ac_svg *b = ac__buf_new();
    if (!b)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    char v[96], l[160];
    ac_svg_raw(b, "<div class=\"cards\">");
    snprintf(v, sizeof v, "%zu", s->n_parties);
    snprintf(l, sizeof l, "parties at the table, %zu points", s->n_issues);
    card(b, v, l);
    sci(s->outcomes_overflow ? 0 : ac__u128_double(s->outcomes), v, sizeof v);
    if (s->outcomes_overflow)
        snprintf(v, sizeof v, "1e%.1f", s->outcomes_log10);
    card(b, v, "possible outcomes");
    double share = 0;
    if (a->zopa.exact) {
        double c = ac_u128_double(a->zopa.count);
        sci(c, v, sizeof v);
        share = s->outcomes_overflow ? 0 : c / ac__u128_double(s->outcomes);
    } else {
        char e[64];
        sci(a->zopa.estimate, e, sizeof e);
        snprintf(v, sizeof v, "~%s", e);
    }
    snprintf(l, sizeof l, "outcomes acceptable to every party (ZOPA%s%.2g%%)",
             a->zopa.exact ? ", " : ", estimate, ", 100 * share);
    card(b, v, l);
    snprintf(v, sizeof v, "%zu", a->pareto ? a->pareto->count : 0);
    card(b, v, "points on the Pareto frontier");
    if (a->has_plan) {
        size_t ok = 0;
        for (size_t i = 0; i < s->n_parties; i++)
            ok += a->plan_utility[i] >= s->reservation[i] - AC_EPS;
        snprintf(v, sizeof v, "%zu of %zu", a->progress.points, a->progress.of);
        card(b, v, "draft points agreed by every party");
        snprintf(v, sizeof v, "%zu of %zu", ok, s->n_parties);
        card(b, v, "parties whose reservation value the draft meets");
        if (x && x->n_revisions) {
            snprintf(v, sizeof v, "%zu", x->revisions[0].changes);
            card(b, v, "points the smallest acceptable revision changes");
        }
    }
    ac_svg_raw(b, "</div>");
    char *html = ac__buf_take(b);
    if (!html)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    const char *desc = ac_model_description(m);
    ac_status st = ac_report_section(r, "Key figures", desc, err);
    if (!st)
        st = ac_report_add_html(r, html, err);
    free(html);
    return st;
}

static ac_status frontier_charts(ac_report *r, const ac_model *m, const ac_analysis *a,
                                 const ac_mediation *x, ac_error *err)
{
    const ac_space *s = a->space;
    const ac_frontier *f = a->pareto;
    size_t np = s->n_parties, n = f ? f->count : 0;
    if (np < 2)
        return AC_OK; /* one party: nothing to bargain over, no frontier to draw */
    ac_status st = ac_report_section(
        r, "Pareto frontier",
        np > 2 ? "With more than two parties the frontier is drawn pair by pair: each chart "
                 "shows every frontier point seen from two of the parties, so some points "
                 "hide behind others and some look dominated that are not."
               : "The outcomes no other outcome improves for one party without hurting the "
                 "other, with the zone of possible agreement and the bargaining solutions.",
        err);
    if (st)
        return st;
    double *xs = malloc((n ? n : 1) * sizeof *xs), *ys = malloc((n ? n : 1) * sizeof *ys);
    if (!xs || !ys) {
        free(xs);
        free(ys);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    double mk[5][2];
    for (size_t i = 0; i < np && !st; i++)
        for (size_t j = i + 1; j < np && !st; j++) {
            for (size_t k = 0; k < n; k++) {
                xs[k] = f->utility[k * np + i];
                ys[k] = f->utility[k * np + j];
            }
            ac_frontier_view v;
            memset(&v, 0, sizeof v);
            v.name_a = ac_party_name(m, s->party[i]);
            v.name_b = ac_party_name(m, s->party[j]);
            v.id_a = ac_party_id(m, s->party[i]);
            v.id_b = ac_party_id(m, s->party[j]);
            v.res_a = s->reservation[i];
            v.res_b = s->reservation[j];
            v.count = n;
            v.x = xs;
            v.y = ys;
            v.feasible = 0;
            const double *src[5] = {
                a->sol.nash.found ? a->sol.nash.utility : NULL,
                a->sol.kalai.found ? a->sol.kalai.utility : NULL,
                a->sol.welfare.found ? a->sol.welfare.utility : NULL,
                a->has_plan ? a->plan_utility : NULL,
                x && x->n_revisions ? x->revisions[0].utility : NULL,
            };
            const double **dst[5] = {&v.nash, &v.kalai, &v.welfare, &v.draft, &v.revision};
            for (int q = 0; q < 5; q++)
                if (src[q]) {
                    mk[q][0] = src[q][i];
                    mk[q][1] = src[q][j];
                    *dst[q] = mk[q];
                }
            ac_chart *c;
            st = ac_chart_frontier(&v, &c, err);
            if (!st)
                st = ac_report_add(r, c, err);
        }
    free(xs);
    free(ys);
    return st;
}

static ac_status draft_charts(ac_report *r, const ac_model *m, const ac_analysis *a,
                              ac_error *err)
{
    const ac_space *s = a->space;
    size_t np = s->n_parties, ni = s->n_issues;
    ac_status st = ac_report_section(
        r, "The draft",
        "Where each party stands on each point of the draft, as the model's preferences "
        "imply: a party agrees when the drafted option is close to its best option there, "
        "rejects an option on its red line, and criticises the rest.",
        err);
    if (st)
        return st;
    const char **party = calloc(np, sizeof *party);
    const char **point = calloc(ni, sizeof *point);
    const char **option = calloc(ni, sizeof *option);
    if (!party || !point || !option) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < np; i++)
        party[i] = ac_party_name(m, s->party[i]);
    for (size_t k = 0; k < ni; k++) {
        point[k] = ac_issue_title(m, k);
        option[k] = ac_option_title(m, k, a->plan[k]);
    }
    ac_stance_view sv = {"Stances on the draft", "stances", np, ni, party, point, option,
                         a->stances};
    ac_chart *c;
    st = ac_chart_stances(&sv, &c, err);
    if (!st)
        st = ac_report_add(r, c, err);
    if (!st) {
        const char *label[1] = {"draft"};
        ac_progress_view pv = {1, label, &a->progress};
        st = ac_chart_progress(&pv, &c, err);
        if (!st)
            st = ac_report_add(r, c, err);
    }
done:
    free(party);
    free(point);
    free(option);
    return st;
}

ac_status ac_report_add_analysis(ac_report *r, const ac_model *m, const ac_analysis *a,
                                 const ac_mediation *x, ac_error *err)
{
    if (!r || !m || !a || !a->space)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_report_add_analysis: bad arguments");
    ac_status st = key_figures(r, m, a, x, err);
    if (!st)
        st = frontier_charts(r, m, a, x, err);
    if (!st && a->has_plan)
        st = draft_charts(r, m, a, err);
    return st;
}
