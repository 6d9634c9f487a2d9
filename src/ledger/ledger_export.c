/* The record back into a model: the model stored at init, with one version's draft as
 * its plan. The version's points become the issues (in draft order, with their titles at
 * that version); a point that is still a model issue keeps its values, red lines, lock
 * and description; a merged point carries its first source's options and values with the
 * summed weights of its sources; a point added later has options but no preferences
 * (weight 0). Dropped points leave the model, and so do the events' weight moves and the
 * uncertainty entries that refer to them, so the exported model passes ac_model_check. */
#include "ledger/ledger_internal.h"

#include <stdlib.h>
#include <string.h>

#include "accord/yaml.h"

typedef struct {
    long long id;
    char *code, *title, *issue, *option;
    int own; /* the point is the model issue itself (not merged, not added) */
} xpoint;

typedef struct {
    int version;
    int flags;
    ac_model *out;
} export_ctx;

static ac_status load_stored_model(ac_ledger *lg, ac_model **m, ac_error *err)
{
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(lg, "SELECT value FROM meta WHERE key = 'model'", &st, err);
    if (s)
        return s;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s: the record has no model", lg->path);
    }
    const char *yaml = (const char *)sqlite3_column_text(st, 0);
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    s = ac_model_load_string(yaml, len, "stored model", m, NULL, err);
    sqlite3_finalize(st);
    return s;
}

/* New issue index of the model issue k0, or AC_NONE when its point left the draft. */
static size_t map_issue(const ac_model *m0, size_t k0, const xpoint *p, size_t n)
{
    const char *id = ac_issue_id(m0, k0);
    for (size_t j = 0; j < n; j++)
        if (p[j].own && !strcmp(p[j].issue, id))
            return j;
    return AC_NONE;
}

static ac_status build(ac_ledger *lg, const ac_model *m0, int version, int flags, xpoint *p,
                       size_t n, ac_model *m, ac_error *err)
{
    size_t np = ac_model_n_parties(m0);
    /* conf[i]: party i's own preferences replace the stored model's */
    unsigned char *conf = calloc(np + 1, 1);
    if (!conf)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    ac_status s = ac_model_set_title(m, ac_model_title(m0), err);
    if (!s && ac_model_description(m0))
        s = ac_model_set_description(m, ac_model_description(m0), err);
    for (size_t i = 0; i < np && !s; i++) {
        s = ac_model_add_party(m, ac_party_id(m0, i), ac_party_name(m0, i), ac_party_role(m0, i),
                               NULL, err);
        if (!s && ac_party_role(m0, i) != AC_ROLE_MEDIATOR) {
            s = ac_model_set_reservation(m, i, ac_party_reservation(m0, i), err);
            if (!s)
                s = ac_model_set_influence(m, i, ac_party_influence(m0, i), err);
            if (!s)
                s = ac_model_set_discount(m, i, ac_party_discount(m0, i), err);
            double r;
            int found = 0;
            if (!s && (flags & AC_LEDGER_EXPORT_CONFIDENTIAL))
                s = ac__lg_conf_reservation(lg, ac_party_id(m0, i), &r, &found, err);
            if (!s && found) {
                conf[i] = 1;
                s = ac_model_set_reservation(m, i, r, err);
            }
        }
        if (!s && (ac_party_has_preferences(m0, i) || conf[i]))
            s = ac_model_set_has_preferences(m, i, err);
    }
    for (size_t j = 0; j < n && !s; j++) {
        size_t k0 = p[j].issue ? ac_issue_find(m0, p[j].issue) : AC_NONE;
        s = ac_model_add_issue(m, p[j].code, p[j].title, NULL, err);
        if (!s && p[j].own && k0 != AC_NONE && ac_issue_description(m0, k0))
            s = ac_model_set_issue_description(m, j, ac_issue_description(m0, k0), err);
        sqlite3_stmt *st;
        if (!s)
            s = ac__lg_prep(lg, "SELECT code, title FROM option WHERE point = ? ORDER BY pos", &st,
                            err);
        if (s)
            break;
        sqlite3_bind_int64(st, 1, p[j].id);
        while (!s && sqlite3_step(st) == SQLITE_ROW)
            s = ac_model_add_option(m, j, (const char *)sqlite3_column_text(st, 0),
                                    (const char *)sqlite3_column_text(st, 1), NULL, err);
        sqlite3_finalize(st);
        size_t no = ac_model_n_options(m, j);
        /* values and red lines of the model issue the point carries */
        for (size_t i = 0; i < np && !s && k0 != AC_NONE; i++) {
            if (ac_party_role(m0, i) == AC_ROLE_MEDIATOR || conf[i])
                continue;
            for (size_t o = 0; o < no && !s; o++) {
                size_t o0 = ac_option_find(m0, k0, ac_option_id(m, j, o));
                if (o0 == AC_NONE)
                    continue;
                if (ac_pref_has_value(m0, i, k0, o0))
                    s = ac_model_set_value(m, i, j, o, ac_pref_value(m0, i, k0, o0), err);
                if (!s && ac_pref_red_line(m0, i, k0, o0))
                    s = ac_model_set_red_line(m, i, j, o, err);
            }
        }
        /* weights from the record (a merge summed them); none without model values */
        if (!s && k0 != AC_NONE)
            s = ac__lg_prep(lg, "SELECT pa.code, w.raw FROM weight w JOIN party pa"
                                " ON pa.id = w.party WHERE w.point = ?", &st, err);
        if (!s && k0 != AC_NONE) {
            sqlite3_bind_int64(st, 1, p[j].id);
            while (!s && sqlite3_step(st) == SQLITE_ROW) {
                size_t i = ac_party_find(m0, (const char *)sqlite3_column_text(st, 0));
                double w = sqlite3_column_double(st, 1);
                if (i != AC_NONE && !conf[i] && w > 0)
                    s = ac_model_set_weight(m, i, j, w, err);
            }
            sqlite3_finalize(st);
        }
        for (size_t i = 0; i < np && !s; i++)
            if (conf[i])
                s = ac__lg_conf_apply(lg, m, i, p[j].id, j, err);
        if (!s) {
            size_t o = ac_option_find(m, j, p[j].option);
            s = o == AC_NONE ? ac_error_set(err, AC_EINTERNAL, NULL, 0, 0,
                                            "option '%s' of point '%s' is missing", p[j].option,
                                            p[j].code)
                             : ac_model_set_plan(m, j, o, err);
        }
        if (!s && p[j].own && k0 != AC_NONE && ac_model_locked(m0, k0))
            s = ac_model_set_locked(m, j, 1, err);
    }
    /* events and uncertainty, minus what refers to points that left */
    for (size_t e = 0; e < ac_model_n_events(m0) && !s; e++) {
        const ac_event *ev = ac_model_event(m0, e);
        size_t *wi = calloc(ev->n_weights + 1, sizeof *wi);
        double *wd = calloc(ev->n_weights + 1, sizeof *wd);
        ac_event x = *ev;
        x.n_weights = 0;
        if (!wi || !wd)
            s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        for (size_t q = 0; q < ev->n_weights && !s; q++) {
            size_t j = map_issue(m0, ev->weight_issue[q], p, n);
            if (j != AC_NONE) {
                wi[x.n_weights] = j;
                wd[x.n_weights++] = ev->weight_delta[q];
            }
        }
        x.weight_issue = wi;
        x.weight_delta = wd;
        if (!s && (x.has_reservation || x.n_weights))
            s = ac_model_add_event(m, &x, err);
        free(wi);
        free(wd);
    }
    for (size_t u = 0; u < ac_model_n_uncertainty(m0) && !s; u++) {
        ac_uncertainty x = *ac_model_uncertainty(m0, u);
        if (x.kind != AC_UNC_RESERVATION) {
            x.issue = map_issue(m0, x.issue, p, n);
            if (x.issue == AC_NONE)
                continue;
        }
        s = ac_model_add_uncertainty(m, &x, err);
    }
    free(conf);
    ac_error why;
    if (!s && ac_model_check(m, &why))
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "version %d does not make a valid model: %s",
                         version, why.message);
    return s;
}

static ac_status export_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    export_ctx *xc = vctx;
    int version = xc->version;
    ac_model *m0 = NULL, *m = NULL;
    xpoint *p = NULL;
    size_t n = 0;
    sqlite3_stmt *st;
    long long count = 0;
    int found, oom = 0;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_version(lg, &version, err);
    if (!s)
        s = ac__lg_prep(lg, "SELECT count(*) FROM draft WHERE version = ?", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        s = ac__lg_int(lg, st, &count, &found, err);
    }
    if (!s && !(p = calloc((size_t)count + 1, sizeof *p)))
        s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (!s)
        s = ac__lg_prep(lg, "SELECT d.point, pt.code, d.title, pt.issue, d.option,"
                            " pt.issue IS NOT NULL AND pt.issue = pt.code AND pt.merged_from IS NULL"
                            " FROM draft d JOIN point pt ON pt.id = d.point"
                            " WHERE d.version = ? ORDER BY d.pos", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        while (n < (size_t)count && sqlite3_step(st) == SQLITE_ROW) {
            xpoint *x = &p[n++];
            x->id = sqlite3_column_int64(st, 0);
            x->code = ac__lg_strdup((const char *)sqlite3_column_text(st, 1));
            x->title = ac__lg_strdup((const char *)sqlite3_column_text(st, 2));
            if (sqlite3_column_type(st, 3) != SQLITE_NULL)
                x->issue = ac__lg_strdup((const char *)sqlite3_column_text(st, 3));
            if (sqlite3_column_type(st, 4) != SQLITE_NULL)
                x->option = ac__lg_strdup((const char *)sqlite3_column_text(st, 4));
            x->own = sqlite3_column_int(st, 5);
            oom |= !x->code || !x->title;
        }
        sqlite3_finalize(st);
        if (oom)
            s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t j = 0; j < n && !s; j++)
        if (!p[j].option)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "point '%s' has no drafted option in version %d: a model's plan "
                             "needs one for every point", p[j].code, version);
    if (!s)
        s = load_stored_model(lg, &m0, err);
    if (!s && !(m = ac_model_new()))
        s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (!s)
        s = build(lg, m0, version, xc->flags, p, n, m, err);
    for (size_t j = 0; j < n; j++) {
        free(p[j].code);
        free(p[j].title);
        free(p[j].issue);
        free(p[j].option);
    }
    free(p);
    ac_model_free(m0);
    if (s)
        ac_model_free(m);
    else
        xc->out = m;
    return s;
}

ac_status ac_ledger_export(ac_ledger *lg, int version, ac_model **out, ac_error *err)
{
    return ac_ledger_export_ex(lg, version, 0, out, err);
}

ac_status ac_ledger_export_ex(ac_ledger *lg, int version, int flags, ac_model **out,
                              ac_error *err)
{
    if (!lg || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_export: no record");
    *out = NULL;
    export_ctx xc = {version, flags, NULL};
    ac_status s = ac__lg_tx(lg, 0, export_tx, &xc, err);
    if (s) {
        ac_model_free(xc.out);
        return s;
    }
    *out = xc.out;
    return AC_OK;
}
