/* What the API and the pages both show, gathered from the record: a version's draft with
 * its points' options, a party's own view of the draft (from its own preferences), the
 * mediation computed from every party's confidential preferences, the list of versions,
 * and the JSON of drafts and stances. */
#include "serve/serve_internal.h"

#include <stdlib.h>
#include <string.h>

#include "io/json_out.h"

ac_status ac__draft_get(ac_ledger *lg, int version, ac__draft *d, ac_error *err)
{
    memset(d, 0, sizeof *d);
    ac_status s = ac_ledger_status_get(lg, version, &d->st, err);
    if (s)
        return s;
    /* the options come from the export; a version with an undrafted point has none */
    if (ac_ledger_export(lg, d->st->version, &d->m, NULL) != AC_OK)
        d->m = NULL;
    return AC_OK;
}

void ac__draft_free(ac__draft *d)
{
    ac_ledger_status_free(d->st);
    ac_model_free(d->m);
    memset(d, 0, sizeof *d);
}

ac_status ac__own_get(ac_ledger *lg, int version, const char *party, ac__own *o, ac_error *err)
{
    memset(o, 0, sizeof *o);
    ac_ledger_prefs *p;
    ac_status s = ac_ledger_prefs_get(lg, version, party, &p, err);
    if (s)
        return s;
    o->confidential = p->confidential;
    o->version = p->version;
    ac_ledger_prefs_free(p);
    ac_model *m;
    s = ac_ledger_export_ex(lg, o->version, AC_LEDGER_EXPORT_CONFIDENTIAL, &m, err);
    if (s)
        return s;
    size_t i = ac_party_find(m, party), n = ac_model_n_issues(m);
    uint32_t *plan = calloc(n + 1, sizeof *plan);
    o->weight = calloc(n + 1, sizeof *o->weight);
    o->value = calloc(n + 1, sizeof *o->value);
    o->red_line = calloc(n + 1, 1);
    o->derived = calloc(n + 1, sizeof *o->derived);
    if (!plan || !o->weight || !o->value || !o->red_line || !o->derived || i == AC_NONE) {
        free(plan);
        ac_model_free(m);
        ac__own_free(o);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    o->n_points = n;
    for (size_t k = 0; k < n; k++) {
        size_t opt = ac_model_plan(m, k);
        plan[k] = (uint32_t)opt;
        o->weight[k] = ac_pref_weight(m, i, k);
        o->value[k] = ac_pref_value(m, i, k, opt);
        o->red_line[k] = (unsigned char)ac_pref_red_line(m, i, k, opt);
        o->red_lines_crossed += o->red_line[k];
        o->derived[k] = ac_stance_derive(m, i, k, opt, AC_AGREE_WITHIN_DEFAULT);
    }
    o->utility = ac_model_utility(m, i, plan);
    o->reservation = ac_party_reservation(m, i);
    o->margin = o->utility - o->reservation;
    free(plan);
    ac_model_free(m);
    return AC_OK;
}

void ac__own_free(ac__own *o)
{
    free(o->weight);
    free(o->value);
    free(o->red_line);
    free(o->derived);
    memset(o, 0, sizeof *o);
}

ac_status ac__mediation_get(ac_ledger *lg, int version, ac_model **m, ac_mediation **x,
                            ac_error *err)
{
    *x = NULL;
    ac_status s = ac_ledger_export_ex(lg, version, AC_LEDGER_EXPORT_CONFIDENTIAL, m, err);
    if (s)
        return s;
    ac_mediate_opts o;
    ac_mediate_opts_init(&o);
    s = ac_mediate(*m, &o, x, err);
    if (s) {
        ac_model_free(*m);
        *m = NULL;
    }
    return s;
}

typedef struct {
    ac__versions *v;
    size_t cap;
    int oom;
} versions_walk;

static int on_entry(void *vctx, const ac_ledger_entry *e)
{
    versions_walk *w = vctx;
    if (e->kind != AC_LOG_VERSION)
        return 0;
    ac__versions *v = w->v;
    if (v->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        int *nb = realloc(v->number, cap * sizeof *nb);
        if (nb)
            v->number = nb;
        char **d = realloc(v->date, cap * sizeof *d);
        if (d)
            v->date = d;
        char **no = realloc(v->note, cap * sizeof *no);
        if (no)
            v->note = no;
        size_t *p = realloc(v->points, cap * sizeof *p);
        if (p)
            v->points = p;
        if (!nb || !d || !no || !p) {
            w->oom = 1;
            return 1;
        }
        w->cap = cap;
    }
    v->number[v->n] = (int)e->id;
    v->date[v->n] = strdup(e->date ? e->date : "");
    v->note[v->n] = e->note ? strdup(e->note) : NULL;
    v->points[v->n] = e->n_points;
    w->oom |= !v->date[v->n] || (e->note && !v->note[v->n]);
    v->n++;
    return w->oom;
}

ac_status ac__versions_get(ac_ledger *lg, ac__versions *v, ac_error *err)
{
    memset(v, 0, sizeof *v);
    versions_walk w = {v, 0, 0};
    ac_status s = ac_ledger_log(lg, on_entry, &w, err);
    if (!s && w.oom)
        s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (s) {
        ac__versions_free(v);
        return s;
    }
    /* the log is in date order; versions are shown by number */
    for (size_t i = 1; i < v->n; i++)
        for (size_t k = i; k > 0 && v->number[k - 1] > v->number[k]; k--) {
            int tn = v->number[k];
            v->number[k] = v->number[k - 1];
            v->number[k - 1] = tn;
            char *td = v->date[k];
            v->date[k] = v->date[k - 1];
            v->date[k - 1] = td;
            char *tt = v->note[k];
            v->note[k] = v->note[k - 1];
            v->note[k - 1] = tt;
            size_t tp = v->points[k];
            v->points[k] = v->points[k - 1];
            v->points[k - 1] = tp;
        }
    return AC_OK;
}

void ac__versions_free(ac__versions *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->date[i]);
        free(v->note[i]);
    }
    free(v->number);
    free(v->date);
    free(v->note);
    free(v->points);
    memset(v, 0, sizeof *v);
}

void ac__json_version_head(ac_json *j, const ac_ledger_status *st)
{
    ac_json_key(j, "version");
    ac_json_int(j, st->version);
    ac_json_key(j, "date");
    ac_json_string(j, st->date);
    ac_json_key(j, "note");
    ac_json_string(j, st->note);
}

void ac__json_draft(ac_json *j, const ac__draft *d)
{
    const ac_ledger_status *st = d->st;
    ac_json_begin_object(j);
    ac__json_version_head(j, st);
    ac_json_key(j, "points");
    ac_json_begin_array(j);
    for (size_t k = 0; k < st->n_points; k++) {
        ac_json_begin_object(j);
        ac__json_point_members(j, st, k);
        ac_json_key(j, "options");
        ac_json_begin_array(j);
        size_t mk = d->m ? ac_issue_find(d->m, st->point_id[k]) : AC_NONE;
        for (size_t o = 0; mk != AC_NONE && o < ac_model_n_options(d->m, mk); o++) {
            ac_json_begin_object(j);
            ac_json_key(j, "id");
            ac_json_string(j, ac_option_id(d->m, mk, o));
            ac_json_key(j, "title");
            ac_json_string(j, ac_option_title(d->m, mk, o));
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
    ac_json_end_object(j);
}

void ac__serve_json_stances(ac_json *j, const ac_ledger_stance_list *l, const char *party)
{
    ac_json_begin_object(j);
    for (size_t i = 0; i < l->n; i++) {
        const ac_ledger_stance_item *it = &l->items[i];
        if (strcmp(it->party, party))
            continue;
        ac_json_key(j, it->point);
        ac_json_begin_object(j);
        ac_json_key(j, "stance");
        ac_json_string(j, ac_stance_name(it->stance));
        ac_json_key(j, "note");
        ac_json_string(j, it->note);
        ac_json_key(j, "suggest");
        ac_json_string(j, it->suggest);
        ac_json_key(j, "date");
        ac_json_string(j, it->date);
        ac_json_key(j, "recorded");
        ac_json_string(j, it->recorded);
        ac_json_key(j, "id");
        ac_json_int(j, it->id);
        ac_json_end_object(j);
    }
    ac_json_end_object(j);
}
