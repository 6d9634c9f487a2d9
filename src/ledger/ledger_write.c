/* Writing to the record: initialising it from a model, recording plan versions (with
 * points added, dropped, merged and reworded), stances and meetings.
 *
 * Each public call is one transaction (ac__lg_tx): every check happens inside it, and any
 * failure rolls back whatever the call had written, so bad input changes nothing. A new
 * version is built in memory first (the "working draft": the base draft with the
 * changes applied in order) and then written whole. */
#include "ledger/ledger_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/yaml.h"

static ac_status nomem(ac_error *err)
{
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}

/* ---- init ---- */

static ac_status init_tx(ac_ledger *lg, void *ctx, ac_error *err)
{
    const ac_model *m = ctx;
    sqlite3_stmt *st;
    long long n = 0, id;
    int found;
    ac_status s = ac__lg_prep(lg, "SELECT count(*) FROM meta WHERE key = 'model'", &st, err);
    if (!s)
        s = ac__lg_int(lg, st, &n, &found, err);
    if (s)
        return s;
    if (n)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "%s: the record is already initialised", lg->path);

    /* The whole model, as YAML: the record's weights, values and events come from it. */
    char *yaml = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&yaml, &len);
    if (!fp)
        return nomem(err);
    s = ac_model_write_yaml(m, fp, err);
    if (fclose(fp) != 0 && !s)
        s = nomem(err);
    char now[21];
    ac__lg_now(now);
    const char *keys[3] = {"model", "title", "created"};
    const char *vals[3] = {yaml, ac_model_title(m), now};
    for (int i = 0; i < 3 && !s; i++) {
        s = ac__lg_prep(lg, "INSERT INTO meta(key, value) VALUES (?, ?)", &st, err);
        if (!s) {
            ac__lg_text(st, 1, keys[i]);
            ac__lg_text(st, 2, vals[i]);
            s = ac__lg_done(lg, st, err);
        }
    }
    free(yaml);

    size_t np = ac_model_n_parties(m), ni = ac_model_n_issues(m);
    long long *pid = calloc(np ? np : 1, sizeof *pid);
    if (!pid)
        return s ? s : nomem(err);
    for (size_t i = 0; i < np && !s; i++) {
        s = ac__lg_prep(lg, "INSERT INTO party(code, name, mediator) VALUES (?, ?, ?)", &st, err);
        if (s)
            break;
        ac__lg_text(st, 1, ac_party_id(m, i));
        ac__lg_text(st, 2, ac_party_name(m, i));
        sqlite3_bind_int(st, 3, ac_party_role(m, i) == AC_ROLE_MEDIATOR);
        s = ac__lg_done(lg, st, err);
        pid[i] = sqlite3_last_insert_rowid(lg->db);
    }
    for (size_t k = 0; k < ni && !s; k++) {
        s = ac__lg_prep(lg, "INSERT INTO point(code, title, issue) VALUES (?, ?, ?)", &st, err);
        if (s)
            break;
        ac__lg_text(st, 1, ac_issue_id(m, k));
        ac__lg_text(st, 2, ac_issue_title(m, k));
        ac__lg_text(st, 3, ac_issue_id(m, k));
        s = ac__lg_done(lg, st, err);
        id = sqlite3_last_insert_rowid(lg->db);
        for (size_t o = 0; o < ac_model_n_options(m, k) && !s; o++) {
            s = ac__lg_prep(lg, "INSERT INTO option(point, pos, code, title) VALUES (?, ?, ?, ?)",
                            &st, err);
            if (s)
                break;
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, (long long)o);
            ac__lg_text(st, 3, ac_option_id(m, k, o));
            ac__lg_text(st, 4, ac_option_title(m, k, o));
            s = ac__lg_done(lg, st, err);
        }
        for (size_t i = 0; i < np && !s; i++) {
            if (ac_party_role(m, i) == AC_ROLE_MEDIATOR)
                continue;
            s = ac__lg_prep(lg, "INSERT INTO weight(point, party, raw) VALUES (?, ?, ?)", &st, err);
            if (s)
                break;
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, pid[i]);
            sqlite3_bind_double(st, 3, ac_pref_raw_weight(m, i, k));
            s = ac__lg_done(lg, st, err);
        }
    }
    free(pid);
    return s;
}

ac_status ac_ledger_init_from_model(ac_ledger *lg, const ac_model *m, ac_error *err)
{
    if (!lg || !m)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_init_from_model: no record or model");
    ac_status s = ac_model_check(m, err);
    if (s)
        return s;
    return ac__lg_tx(lg, 1, init_tx, (void *)m, err);
}

/* ---- versions ---- */

typedef struct {
    long long point;
    char *code, *title, *option; /* option NULL: not drafted */
} wpoint;

typedef struct {
    wpoint *p;
    size_t n, cap;
} wdraft;

static void wdraft_free(wdraft *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->p[i].code);
        free(w->p[i].title);
        free(w->p[i].option);
    }
    free(w->p);
}

/* Inserts at position pos (w->n appends). */
static ac_status wdraft_insert(wdraft *w, size_t pos, long long point, const char *code,
                               const char *title, const char *option, ac_error *err)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        wpoint *p = realloc(w->p, cap * sizeof *p);
        if (!p)
            return nomem(err);
        w->p = p;
        w->cap = cap;
    }
    wpoint x = {point, ac__lg_strdup(code), ac__lg_strdup(title), ac__lg_strdup(option)};
    if (!x.code || !x.title || (option && !x.option)) {
        free(x.code);
        free(x.title);
        free(x.option);
        return nomem(err);
    }
    memmove(w->p + pos + 1, w->p + pos, (w->n - pos) * sizeof *w->p);
    w->p[pos] = x;
    w->n++;
    return AC_OK;
}

static void wdraft_remove(wdraft *w, size_t pos)
{
    free(w->p[pos].code);
    free(w->p[pos].title);
    free(w->p[pos].option);
    memmove(w->p + pos, w->p + pos + 1, (w->n - pos - 1) * sizeof *w->p);
    w->n--;
}

static size_t wdraft_find(const wdraft *w, const char *code)
{
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->p[i].code, code))
            return i;
    return AC_NONE;
}

static ac_status check_option(ac_ledger *lg, long long point, const char *pcode,
                              const char *option, ac_error *err)
{
    sqlite3_stmt *st;
    long long x;
    int found;
    ac_status s = ac__lg_prep(lg, "SELECT 1 FROM option WHERE point = ? AND code = ?", &st, err);
    if (s)
        return s;
    sqlite3_bind_int64(st, 1, point);
    ac__lg_text(st, 2, option);
    s = ac__lg_int(lg, st, &x, &found, err);
    if (s || found)
        return s;
    /* list the valid options in the message */
    char list[400] = "";
    size_t used = 0;
    if (!ac__lg_prep(lg, "SELECT code FROM option WHERE point = ? ORDER BY pos", &st, NULL)) {
        sqlite3_bind_int64(st, 1, point);
        while (sqlite3_step(st) == SQLITE_ROW && used + 8 < sizeof list) {
            int n = snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "",
                             (const char *)sqlite3_column_text(st, 0));
            if (n < 0 || (size_t)n >= sizeof list - used)
                break;
            used += (size_t)n;
        }
        sqlite3_finalize(st);
    }
    return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown option '%s' for point '%s' (options: %s)",
                        option, pcode, list);
}

/* The point must be in the working draft: a clear message tells a dropped point from an
 * unknown one. */
static ac_status in_draft(ac_ledger *lg, const wdraft *w, const char *code, size_t *pos,
                          ac_error *err)
{
    if (!code || !*code)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a change names no point");
    *pos = wdraft_find(w, code);
    if (*pos != AC_NONE)
        return AC_OK;
    long long id;
    ac_status s = ac__lg_point(lg, code, &id, err);
    if (s)
        return s;
    return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                        "point '%s' is not in the draft (dropped or merged in an earlier version)",
                        code);
}

static ac_status base_from_model(ac_ledger *lg, const ac_model *m, wdraft *w, ac_error *err)
{
    ac_status s = ac_model_check(m, err);
    for (size_t k = 0; k < ac_model_n_issues(m) && !s; k++) {
        long long id;
        const char *code = ac_issue_id(m, k);
        s = ac__lg_point(lg, code, &id, err);
        if (s)
            break;
        if (wdraft_find(w, code) != AC_NONE)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "point '%s' twice in the draft", code);
        size_t o = ac_model_plan(m, k);
        const char *opt = o == AC_NONE ? NULL : ac_option_id(m, k, o);
        if (opt)
            s = check_option(lg, id, code, opt, err);
        if (!s)
            s = wdraft_insert(w, w->n, id, code, ac_issue_title(m, k), opt, err);
    }
    return s;
}

static ac_status base_from_record(ac_ledger *lg, wdraft *w, ac_error *err)
{
    sqlite3_stmt *st;
    /* the latest version's draft, or, before the first version, every point undrafted */
    ac_status s = ac__lg_prep(
        lg,
        "SELECT d.point, p.code, d.title, d.option, d.pos FROM draft d JOIN point p ON p.id = d.point"
        " WHERE d.version = (SELECT max(n) FROM version)"
        " UNION ALL SELECT id, code, title, NULL, id FROM point"
        " WHERE NOT EXISTS (SELECT 1 FROM version) AND merged_from IS NULL AND issue IS NOT NULL"
        " ORDER BY 5",
        &st, err);
    if (s)
        return s;
    int rc = SQLITE_DONE;
    while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW)
        s = wdraft_insert(w, w->n, sqlite3_column_int64(st, 0),
                          (const char *)sqlite3_column_text(st, 1),
                          (const char *)sqlite3_column_text(st, 2),
                          (const char *)sqlite3_column_text(st, 3), err);
    if (!s && rc != SQLITE_DONE)
        s = ac__lg_sqlerr(lg, rc, err);
    sqlite3_finalize(st);
    return s;
}

static ac_status insert_point(ac_ledger *lg, const char *code, const char *title,
                              const char *issue, const char *merged_from, long long *id,
                              ac_error *err)
{
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(
        lg, "INSERT INTO point(code, title, issue, merged_from) VALUES (?, ?, ?, ?)", &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, code);
    ac__lg_text(st, 2, title);
    ac__lg_text(st, 3, issue);
    ac__lg_text(st, 4, merged_from);
    s = ac__lg_done(lg, st, err);
    *id = sqlite3_last_insert_rowid(lg->db);
    return s;
}

static ac_status new_point_code(ac_ledger *lg, const char *code, ac_error *err)
{
    if (!code || !ac_id_valid(code))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "'%s' is not a valid point id ([A-Za-z0-9_.-], 1 to %d bytes)",
                            code ? code : "", AC_ID_MAX);
    long long id;
    ac_error ignore;
    if (ac__lg_point(lg, code, &id, &ignore) == AC_OK)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "point '%s' already exists in the record",
                            code);
    return AC_OK;
}

/* A point dropped earlier comes back with its identity, its options and its weights. */
static ac_status change_readd(ac_ledger *lg, wdraft *w, const ac_ledger_change *c, long long id,
                              ac_error *err)
{
    if (wdraft_find(w, c->point) != AC_NONE)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "point '%s' is already in the draft",
                            c->point);
    if (c->n_options)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "point '%s' exists (dropped earlier): it comes back with its own "
                            "options, so give no --options", c->point);
    sqlite3_stmt *st;
    char *title = NULL;
    ac_status s = ac__lg_prep(lg, "SELECT coalesce((SELECT title FROM draft WHERE point = ?1"
                                  " ORDER BY version DESC LIMIT 1), title) FROM point WHERE id = ?1",
                              &st, err);
    if (s)
        return s;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        title = ac__lg_strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!title)
        return nomem(err);
    if (c->option)
        s = check_option(lg, id, c->point, c->option, err);
    if (!s)
        s = wdraft_insert(w, w->n, id, c->point, c->text && *c->text ? c->text : title, c->option,
                          err);
    free(title);
    return s;
}

static ac_status change_add(ac_ledger *lg, wdraft *w, const ac_ledger_change *c, ac_error *err)
{
    long long existing;
    ac_error ignore;
    if (c->point && ac__lg_point(lg, c->point, &existing, &ignore) == AC_OK)
        return change_readd(lg, w, c, existing, err);
    ac_status s = new_point_code(lg, c->point, err);
    if (s)
        return s;
    if (!c->options || c->n_options == 0)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "new point '%s' needs its options",
                            c->point);
    for (size_t i = 0; i < c->n_options; i++) {
        if (!c->options[i] || !ac_id_valid(c->options[i]))
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "'%s' is not a valid option id",
                                c->options[i] ? c->options[i] : "");
        for (size_t j = 0; j < i; j++)
            if (!strcmp(c->options[i], c->options[j]))
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "option '%s' listed twice",
                                    c->options[i]);
    }
    const char *title = c->text && *c->text ? c->text : c->point;
    long long id;
    s = insert_point(lg, c->point, title, NULL, NULL, &id, err);
    for (size_t i = 0; i < c->n_options && !s; i++) {
        sqlite3_stmt *st;
        s = ac__lg_prep(lg, "INSERT INTO option(point, pos, code, title) VALUES (?, ?, ?, ?)", &st,
                        err);
        if (s)
            break;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (long long)i);
        ac__lg_text(st, 3, c->options[i]);
        ac__lg_text(st, 4, c->options[i]);
        s = ac__lg_done(lg, st, err);
    }
    if (!s && c->option)
        s = check_option(lg, id, c->point, c->option, err);
    if (!s)
        s = wdraft_insert(w, w->n, id, c->point, title, c->option, err);
    return s;
}

static ac_status change_merge(ac_ledger *lg, wdraft *w, const ac_ledger_change *c, ac_error *err)
{
    if (!c->sources || c->n_sources < 2)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a merge needs at least two points");
    ac_status s = new_point_code(lg, c->point, err);
    if (s)
        return s;
    size_t first = AC_NONE, at = AC_NONE, len = 0;
    for (size_t i = 0; i < c->n_sources; i++) {
        size_t pos;
        s = in_draft(lg, w, c->sources[i], &pos, err);
        if (s)
            return s;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(c->sources[i], c->sources[j]))
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "point '%s' merged twice",
                                    c->sources[i]);
        if (first == AC_NONE)
            first = pos;
        if (at == AC_NONE || pos < at)
            at = pos;
        len += strlen(c->sources[i]) + 1;
    }
    char *from = malloc(len + 1);
    if (!from)
        return nomem(err);
    size_t used = 0;
    for (size_t i = 0; i < c->n_sources; i++) {
        size_t k = strlen(c->sources[i]);
        if (i)
            from[used++] = ',';
        memcpy(from + used, c->sources[i], k);
        used += k;
    }
    from[used] = 0;
    /* the merged point carries the first source's options and model values */
    long long src = w->p[first].point, id = 0;
    char *issue = NULL;
    sqlite3_stmt *st;
    s = ac__lg_prep(lg, "SELECT issue FROM point WHERE id = ?", &st, err);
    if (!s) {
        sqlite3_bind_int64(st, 1, src);
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
            issue = ac__lg_strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    const char *title = c->text && *c->text ? c->text : w->p[first].title;
    char *title_copy = ac__lg_strdup(title);
    const char *option = c->option ? c->option : w->p[first].option;
    char *option_copy = ac__lg_strdup(option);
    if (!s && (!title_copy || (option && !option_copy)))
        s = nomem(err);
    if (!s)
        s = insert_point(lg, c->point, title_copy, issue, from, &id, err);
    free(issue);
    free(from);
    if (!s)
        s = ac__lg_prep(lg, "INSERT INTO option(point, pos, code, title)"
                            " SELECT ?, pos, code, title FROM option WHERE point = ?", &st, err);
    if (!s) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, src);
        s = ac__lg_done(lg, st, err);
    }
    /* salience adds up: the merged point matters as much as its parts did together */
    for (size_t i = 0; i < c->n_sources && !s; i++) {
        long long sid;
        s = ac__lg_point(lg, c->sources[i], &sid, err);
        if (!s)
            s = ac__lg_prep(lg, "INSERT INTO weight(point, party, raw) SELECT ?, party, raw"
                                " FROM weight WHERE point = ? AND true"
                                " ON CONFLICT(point, party) DO UPDATE SET raw = raw + excluded.raw",
                            &st, err);
        if (!s) {
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int64(st, 2, sid);
            s = ac__lg_done(lg, st, err);
        }
    }
    if (!s && c->option)
        s = check_option(lg, id, c->point, c->option, err);
    if (!s) {
        for (size_t i = 0; i < c->n_sources; i++)
            wdraft_remove(w, wdraft_find(w, c->sources[i]));
        /* where the earliest source stood: the sources removed were all at or after it */
        s = wdraft_insert(w, at, id, c->point, title_copy, option_copy, err);
    }
    free(title_copy);
    free(option_copy);
    return s;
}

static ac_status apply_change(ac_ledger *lg, wdraft *w, const ac_ledger_change *c, ac_error *err)
{
    size_t pos;
    ac_status s;
    switch (c->kind) {
    case AC_CHANGE_SET:
        s = in_draft(lg, w, c->point, &pos, err);
        if (!s && !c->option)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "no option for point '%s'", c->point);
        if (!s)
            s = check_option(lg, w->p[pos].point, c->point, c->option, err);
        if (!s) {
            char *o = ac__lg_strdup(c->option);
            if (!o)
                return nomem(err);
            free(w->p[pos].option);
            w->p[pos].option = o;
        }
        return s;
    case AC_CHANGE_ADD:
        return change_add(lg, w, c, err);
    case AC_CHANGE_DROP:
        s = in_draft(lg, w, c->point, &pos, err);
        if (!s)
            wdraft_remove(w, pos);
        return s;
    case AC_CHANGE_MERGE:
        return change_merge(lg, w, c, err);
    case AC_CHANGE_REWORD:
        s = in_draft(lg, w, c->point, &pos, err);
        if (!s && (!c->text || !*c->text))
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "empty title for point '%s'", c->point);
        if (!s) {
            char *t = ac__lg_strdup(c->text);
            if (!t)
                return nomem(err);
            free(w->p[pos].title);
            w->p[pos].title = t;
        }
        return s;
    }
    return ac_error_set(err, AC_EARG, NULL, 0, 0, "unknown change kind %d", (int)c->kind);
}

typedef struct {
    const ac_ledger_draft *d;
    int version;
} version_ctx;

static ac_status version_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    version_ctx *vc = vctx;
    const ac_ledger_draft *d = vc->d;
    wdraft w = {0};
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = d->from ? base_from_model(lg, d->from, &w, err) : base_from_record(lg, &w, err);
    for (size_t i = 0; i < d->n_changes && !s; i++)
        s = apply_change(lg, &w, &d->changes[i], err);
    if (!s && w.n == 0)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a version needs at least one point");
    char today[11], now[21];
    ac__lg_today(today);
    ac__lg_now(now);
    sqlite3_stmt *st;
    long long n = 0;
    int found;
    if (!s)
        s = ac__lg_prep(lg, "SELECT coalesce(max(n), 0) + 1 FROM version", &st, err);
    if (!s)
        s = ac__lg_int(lg, st, &n, &found, err);
    if (!s)
        s = ac__lg_prep(lg, "INSERT INTO version(n, date, recorded, note) VALUES (?, ?, ?, ?)",
                        &st, err);
    if (!s) {
        sqlite3_bind_int64(st, 1, n);
        ac__lg_text(st, 2, d->date ? d->date : today);
        ac__lg_text(st, 3, now);
        ac__lg_text(st, 4, d->note);
        s = ac__lg_done(lg, st, err);
    }
    for (size_t i = 0; i < w.n && !s; i++) {
        s = ac__lg_prep(lg, "INSERT INTO draft(version, pos, point, title, option)"
                            " VALUES (?, ?, ?, ?, ?)", &st, err);
        if (s)
            break;
        sqlite3_bind_int64(st, 1, n);
        sqlite3_bind_int64(st, 2, (long long)i);
        sqlite3_bind_int64(st, 3, w.p[i].point);
        ac__lg_text(st, 4, w.p[i].title);
        ac__lg_text(st, 5, w.p[i].option);
        s = ac__lg_done(lg, st, err);
    }
    wdraft_free(&w);
    if (!s)
        vc->version = (int)n;
    return s;
}

ac_status ac_ledger_add_version(ac_ledger *lg, const ac_ledger_draft *d, int *version,
                                ac_error *err)
{
    if (!lg || !d || (d->n_changes && !d->changes))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_add_version: no record or draft");
    if (d->date && !ac_ledger_date_valid(d->date))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "bad date '%s' (want YYYY-MM-DD)", d->date);
    version_ctx vc = {d, 0};
    ac_status s = ac__lg_tx(lg, 1, version_tx, &vc, err);
    if (!s && version)
        *version = vc.version;
    return s;
}

/* ---- stances ---- */

typedef struct {
    const ac_ledger_stance_rec *r;
    const char *suggest;
    long long id;
} stance_ctx;

static ac_status stance_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    stance_ctx *sc = vctx;
    const ac_ledger_stance_rec *r = sc->r;
    long long party, point, x;
    int found, version = r->version;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_version(lg, &version, err);
    if (!s)
        s = ac__lg_party(lg, r->party, &party, NULL, err); /* mediators too: kept apart */
    if (!s)
        s = ac__lg_point(lg, r->point, &point, err);
    sqlite3_stmt *st;
    if (!s)
        s = ac__lg_prep(lg, "SELECT 1 FROM draft WHERE version = ? AND point = ?", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        sqlite3_bind_int64(st, 2, point);
        s = ac__lg_int(lg, st, &x, &found, err);
        if (!s && !found)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "point '%s' is not in version %d (dropped or merged)", r->point,
                             version);
    }
    if (!s && sc->suggest) {
        s = ac__lg_prep(lg, "SELECT 1 FROM option WHERE point = ? AND code = ?", &st, err);
        if (!s) {
            sqlite3_bind_int64(st, 1, point);
            ac__lg_text(st, 2, sc->suggest);
            s = ac__lg_int(lg, st, &x, &found, err);
            if (!s && !found)
                s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                 "unknown option '%s' of point '%s' suggested", sc->suggest,
                                 r->point);
        }
    }
    char today[11], now[21];
    ac__lg_today(today);
    ac__lg_now(now);
    if (!s)
        s = ac__lg_prep(lg, "INSERT INTO stance(version, party, point, stance, date, recorded,"
                            " note, suggest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        sqlite3_bind_int64(st, 2, party);
        sqlite3_bind_int64(st, 3, point);
        ac__lg_text(st, 4, ac_stance_name(r->stance));
        ac__lg_text(st, 5, r->date ? r->date : today);
        ac__lg_text(st, 6, now);
        ac__lg_text(st, 7, r->note);
        ac__lg_text(st, 8, sc->suggest);
        s = ac__lg_done(lg, st, err);
        sc->id = sqlite3_last_insert_rowid(lg->db);
    }
    return s;
}

ac_status ac_ledger_set_stance(ac_ledger *lg, const ac_ledger_stance_rec *r, long long *id,
                               ac_error *err)
{
    return ac_ledger_set_stance_ex(lg, r, NULL, id, err);
}

ac_status ac_ledger_set_stance_ex(ac_ledger *lg, const ac_ledger_stance_rec *r,
                                  const char *suggest, long long *id, ac_error *err)
{
    if (!lg || !r)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_set_stance: no record or stance");
    if ((unsigned)r->stance > AC_STANCE_NOT_DISCUSSED)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown stance %d", (int)r->stance);
    if (r->date && !ac_ledger_date_valid(r->date))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "bad date '%s' (want YYYY-MM-DD)", r->date);
    if (!r->party || !r->point)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a stance needs a party and a point");
    stance_ctx sc = {r, suggest, 0};
    ac_status s = ac__lg_tx(lg, 1, stance_tx, &sc, err);
    if (!s && id)
        *id = sc.id;
    return s;
}

/* ---- meetings ---- */

typedef struct {
    const ac_ledger_meeting *m;
    long long id;
} meeting_ctx;

static ac_status meeting_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    meeting_ctx *mc = vctx;
    const ac_ledger_meeting *m = mc->m;
    char now[21];
    ac__lg_now(now);
    sqlite3_stmt *st;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_prep(lg, "INSERT INTO meeting(date, place, recorded, note) VALUES (?, ?, ?, ?)",
                        &st, err);
    if (!s) {
        ac__lg_text(st, 1, m->date);
        ac__lg_text(st, 2, m->place);
        ac__lg_text(st, 3, now);
        ac__lg_text(st, 4, m->note);
        s = ac__lg_done(lg, st, err);
        mc->id = sqlite3_last_insert_rowid(lg->db);
    }
    for (size_t i = 0; i < m->n_parties && !s; i++) {
        long long party;
        s = ac__lg_party(lg, m->parties[i], &party, NULL, err);
        for (size_t j = 0; j < i && !s; j++)
            if (!strcmp(m->parties[i], m->parties[j]))
                s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "party '%s' listed twice",
                                 m->parties[i]);
        if (!s)
            s = ac__lg_prep(lg, "INSERT INTO meeting_party(meeting, party) VALUES (?, ?)", &st, err);
        if (!s) {
            sqlite3_bind_int64(st, 1, mc->id);
            sqlite3_bind_int64(st, 2, party);
            s = ac__lg_done(lg, st, err);
        }
    }
    return s;
}

ac_status ac_ledger_add_meeting(ac_ledger *lg, const ac_ledger_meeting *m, long long *id,
                                ac_error *err)
{
    if (!lg || !m)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_add_meeting: no record or meeting");
    if (!m->date || !ac_ledger_date_valid(m->date))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "bad date '%s' (want YYYY-MM-DD)",
                            m->date ? m->date : "");
    if (!m->place || !*m->place)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a meeting needs a place");
    if (m->n_parties == 0 || !m->parties)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a meeting needs at least one party");
    meeting_ctx mc = {m, 0};
    ac_status s = ac__lg_tx(lg, 1, meeting_tx, &mc, err);
    if (!s && id)
        *id = mc.id;
    return s;
}
