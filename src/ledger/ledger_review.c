/* What the record keeps for the review server (schema 2): the current stances of a version
 * with their notes and suggested options, access tokens (hashes only), and each party's
 * own confidential preferences.
 *
 * Confidential preferences are keyed by point and option codes, not by version: a point
 * keeps its id across drafts, so what a party said it wants survives the next version.
 * They are read back through the export (ac_ledger_export_ex with
 * AC_LEDGER_EXPORT_CONFIDENTIAL), so a party's view of its preferences and the mediator's
 * analysis use the same numbers. Every call runs in one transaction (ac__lg_tx). */
#include "ledger/ledger_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- current stances ---- */

typedef struct {
    int version;
    const char *party;
    ac_ledger_stance_list *out;
} stances_ctx;

static ac_status stances_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    stances_ctx *c = vctx;
    long long pid;
    int mediator = 0;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_version(lg, &c->version, err);
    if (!s && c->party)
        s = ac__lg_party(lg, c->party, &pid, &mediator, err);
    if (!s && mediator)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                         "party '%s' is a mediator: mediators take no stance", c->party);
    sqlite3_stmt *st;
    if (!s)
        s = ac__lg_prep(lg,
                        /* the latest per (party, point) by the index, one probe each:
                         * the cost follows the draft's size, not the stances' count */
                        "SELECT s.id, pa.code, pt.code, s.stance, s.note, s.suggest, s.date,"
                        " s.recorded FROM draft d JOIN point pt ON pt.id = d.point"
                        " CROSS JOIN party pa"
                        " JOIN stance s ON s.id = (SELECT x.id FROM stance x WHERE"
                        " x.version = d.version AND x.party = pa.id AND x.point = d.point"
                        " ORDER BY x.id DESC LIMIT 1)"
                        " WHERE d.version = ?1 AND pa.mediator = 0 AND (?2 IS NULL OR pa.code = ?2)"
                        " ORDER BY pa.id, d.pos", &st, err);
    if (s)
        return s;
    sqlite3_bind_int(st, 1, c->version);
    ac__lg_text(st, 2, c->party);
    ac_ledger_stance_list *l = calloc(1, sizeof *l);
    size_t cap = 0;
    int rc, oom = !l;
    while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (l->n == cap) {
            size_t nc = cap ? 2 * cap : 16;
            ac_ledger_stance_item *ni = realloc(l->items, nc * sizeof *ni);
            if (!ni) {
                oom = 1;
                break;
            }
            l->items = ni;
            cap = nc;
        }
        ac_ledger_stance_item *it = &l->items[l->n++];
        memset(it, 0, sizeof *it);
        it->id = sqlite3_column_int64(st, 0);
        it->party = ac__lg_strdup((const char *)sqlite3_column_text(st, 1));
        it->point = ac__lg_strdup((const char *)sqlite3_column_text(st, 2));
        const char *name = (const char *)sqlite3_column_text(st, 3);
        it->stance = AC_STANCE_NOT_DISCUSSED;
        for (int k = 0; k <= AC_STANCE_NOT_DISCUSSED; k++)
            if (name && !strcmp(name, ac_stance_name((ac_stance)k)))
                it->stance = (ac_stance)k;
        it->note = ac__lg_strdup((const char *)sqlite3_column_text(st, 4));
        it->suggest = ac__lg_strdup((const char *)sqlite3_column_text(st, 5));
        it->date = ac__lg_strdup((const char *)sqlite3_column_text(st, 6));
        it->recorded = ac__lg_strdup((const char *)sqlite3_column_text(st, 7));
        oom |= !it->party || !it->point || !it->date || !it->recorded;
    }
    if (!oom && rc != SQLITE_DONE)
        s = ac__lg_sqlerr(lg, rc, err);
    sqlite3_finalize(st);
    if (oom)
        s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (s) {
        ac_ledger_stance_list_free(l);
        return s;
    }
    l->version = c->version;
    c->out = l;
    return AC_OK;
}

ac_status ac_ledger_stances_get(ac_ledger *lg, int version, const char *party,
                                ac_ledger_stance_list **out, ac_error *err)
{
    if (!lg || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_stances_get: no record");
    *out = NULL;
    stances_ctx c = {version, party, NULL};
    ac_status s = ac__lg_tx(lg, 0, stances_tx, &c, err);
    if (s) {
        ac_ledger_stance_list_free(c.out);
        return s;
    }
    *out = c.out;
    return AC_OK;
}

void ac_ledger_stance_list_free(ac_ledger_stance_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        ac_ledger_stance_item *it = &l->items[i];
        free(it->party);
        free(it->point);
        free(it->note);
        free(it->suggest);
        free(it->date);
        free(it->recorded);
    }
    free(l->items);
    free(l);
}

/* ---- tokens ---- */

typedef struct {
    const char *subject, *hash;
    char party[AC_ID_MAX + 1];
    int found;
    size_t n;
} token_ctx;

/* The party row a subject names: *party 0 for the mediator role. */
static ac_status subject_party(ac_ledger *lg, const char *subject, long long *party,
                               ac_error *err)
{
    long long id;
    int mediator = 0;
    *party = 0;
    if (!subject || !*subject)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a token needs a party or 'mediator'");
    if (!strcmp(subject, "mediator")) {
        ac_error ignore;
        if (ac__lg_party(lg, subject, &id, &mediator, &ignore) == AC_OK && !mediator)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                "'mediator' names the mediator role, but a party of the "
                                "record has that id");
        return AC_OK;
    }
    ac_status s = ac__lg_party(lg, subject, &id, &mediator, err);
    if (!s && !mediator)
        *party = id;
    return s;
}

static void bind_party(sqlite3_stmt *st, int i, long long party)
{
    if (party)
        sqlite3_bind_int64(st, i, party);
    else
        sqlite3_bind_null(st, i);
}

/* Adds a token (c->hash set) or revokes every live one of the subject (c->hash NULL). */
static ac_status token_write_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    token_ctx *c = vctx;
    long long party;
    char now[21];
    ac__lg_now(now);
    sqlite3_stmt *st;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = subject_party(lg, c->subject, &party, err);
    if (!s)
        s = ac__lg_prep(lg, c->hash ? "INSERT INTO token(hash, party, created) VALUES (?1, ?2, ?3)"
                                    : "UPDATE token SET revoked = ?3 WHERE revoked IS NULL"
                                      " AND party IS ?2", &st, err);
    if (!s) {
        if (c->hash)
            ac__lg_text(st, 1, c->hash);
        bind_party(st, 2, party);
        ac__lg_text(st, 3, now);
        s = ac__lg_done(lg, st, err);
        c->n = (size_t)sqlite3_changes(lg->db);
    }
    return s;
}

static ac_status token_find_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    token_ctx *c = vctx;
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(lg, "SELECT coalesce(pa.code, '') FROM token t LEFT JOIN party pa"
                                  " ON pa.id = t.party WHERE t.hash = ? AND t.revoked IS NULL",
                              &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, c->hash);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(st, 0);
        size_t n = p ? strlen(p) : 0;
        if (n <= AC_ID_MAX) {
            memcpy(c->party, p ? p : "", n + 1);
            c->found = 1;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? AC_OK : ac__lg_sqlerr(lg, rc, err);
}

static int hash_ok(const char *h) { return h && *h && strlen(h) <= 128; }

ac_status ac_ledger_token_add(ac_ledger *lg, const char *subject, const char *hash,
                              ac_error *err)
{
    if (!lg || !hash_ok(hash))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_token_add: no record or hash");
    token_ctx c = {subject, hash, "", 0, 0};
    return ac__lg_tx(lg, 1, token_write_tx, &c, err);
}

ac_status ac_ledger_token_revoke(ac_ledger *lg, const char *subject, size_t *n, ac_error *err)
{
    if (!lg)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_token_revoke: no record");
    token_ctx c = {subject, NULL, "", 0, 0};
    ac_status s = ac__lg_tx(lg, 1, token_write_tx, &c, err);
    if (!s && n)
        *n = c.n;
    return s;
}

ac_status ac_ledger_token_find(ac_ledger *lg, const char *hash, char party[AC_ID_MAX + 1],
                               int *found, ac_error *err)
{
    if (!lg || !party || !found)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_token_find: no record");
    *found = 0;
    party[0] = 0;
    if (!hash_ok(hash))
        return AC_OK;
    token_ctx c = {NULL, hash, "", 0, 0};
    ac_status s = ac__lg_tx(lg, 0, token_find_tx, &c, err);
    if (!s && c.found) {
        memcpy(party, c.party, strlen(c.party) + 1);
        *found = 1;
    }
    return s;
}

/* ---- confidential preferences: reading them into an exported model ---- */

ac_status ac__lg_conf_reservation(ac_ledger *lg, const char *party, double *r, int *found,
                                  ac_error *err)
{
    sqlite3_stmt *st;
    *found = 0;
    ac_status s = ac__lg_prep(lg, "SELECT pp.reservation FROM pref_party pp JOIN party pa"
                                  " ON pa.id = pp.party WHERE pa.code = ?", &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, party);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *r = sqlite3_column_double(st, 0);
        *found = 1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? AC_OK : ac__lg_sqlerr(lg, rc, err);
}

ac_status ac__lg_conf_apply(ac_ledger *lg, ac_model *m, size_t party, long long point,
                            size_t issue, ac_error *err)
{
    const char *code = ac_party_id(m, party);
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(lg, "SELECT w.raw FROM pref_weight w JOIN party pa ON pa.id ="
                                  " w.party WHERE pa.code = ? AND w.point = ?", &st, err);
    if (s)
        return s;
    ac__lg_text(st, 1, code);
    sqlite3_bind_int64(st, 2, point);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_double(st, 0) > 0)
        s = ac_model_set_weight(m, party, issue, sqlite3_column_double(st, 0), err);
    sqlite3_finalize(st);
    if (!s)
        s = ac__lg_prep(lg, "SELECT v.value, v.red_line FROM pref_value v JOIN party pa"
                            " ON pa.id = v.party WHERE pa.code = ? AND v.point = ?"
                            " AND v.option = ?", &st, err);
    if (s)
        return s;
    /* every option gets a value (0 when the party gave none), as a weighted point needs */
    for (size_t o = 0; o < ac_model_n_options(m, issue) && !s; o++) {
        sqlite3_reset(st);
        ac__lg_text(st, 1, code);
        sqlite3_bind_int64(st, 2, point);
        ac__lg_text(st, 3, ac_option_id(m, issue, o));
        double v = 0;
        int red = 0;
        if (sqlite3_step(st) == SQLITE_ROW) {
            v = sqlite3_column_double(st, 0);
            red = sqlite3_column_int(st, 1);
        }
        s = ac_model_set_value(m, party, issue, o, v, err);
        if (!s && red)
            s = ac_model_set_red_line(m, party, issue, o, err);
    }
    sqlite3_finalize(st);
    return s;
}

/* ---- confidential preferences: the party's view and its edits ---- */

typedef struct {
    const char *party;
    int confidential;
    char *updated;
    double reservation;
    const ac_ledger_pref_entry *e;
    size_t n;
} prefs_ctx;

static ac_status prefs_meta_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    prefs_ctx *c = vctx;
    long long pid;
    int mediator = 0;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_party(lg, c->party, &pid, &mediator, err);
    if (!s && mediator)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                         "party '%s' is a mediator: mediators have no preferences", c->party);
    sqlite3_stmt *st;
    if (!s)
        s = ac__lg_prep(lg, "SELECT updated FROM pref_party WHERE party = ?", &st, err);
    if (s)
        return s;
    sqlite3_bind_int64(st, 1, pid);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->confidential = 1;
        if (!(c->updated = ac__lg_strdup((const char *)sqlite3_column_text(st, 0))))
            s = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    } else if (rc != SQLITE_DONE) {
        s = ac__lg_sqlerr(lg, rc, err);
    }
    sqlite3_finalize(st);
    return s;
}

ac_status ac_ledger_prefs_get(ac_ledger *lg, int version, const char *party,
                              ac_ledger_prefs **out, ac_error *err)
{
    if (!lg || !out || !party)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_prefs_get: no record or party");
    *out = NULL;
    prefs_ctx c = {party, 0, NULL, 0, NULL, 0};
    ac_status s = ac__lg_tx(lg, 0, prefs_meta_tx, &c, err);
    ac_model *m = NULL;
    if (!s)
        s = ac_ledger_export_ex(lg, version, AC_LEDGER_EXPORT_CONFIDENTIAL, &m, err);
    if (s) {
        free(c.updated);
        return s;
    }
    size_t i = ac_party_find(m, party), n = ac_model_n_issues(m), no = 0;
    for (size_t k = 0; k < n; k++)
        no += ac_model_n_options(m, k);
    ac_ledger_prefs *p = calloc(1, sizeof *p);
    if (p) {
        p->point_id = calloc(n + 1, sizeof *p->point_id);
        p->point_title = calloc(n + 1, sizeof *p->point_title);
        p->weight = calloc(n + 1, sizeof *p->weight);
        p->first = calloc(n + 1, sizeof *p->first);
        p->option_id = calloc(no + 1, sizeof *p->option_id);
        p->option_title = calloc(no + 1, sizeof *p->option_title);
        p->value = calloc(no + 1, sizeof *p->value);
        p->red_line = calloc(no + 1, 1);
    }
    int oom = !p || !p->point_id || !p->point_title || !p->weight || !p->first ||
              !p->option_id || !p->option_title || !p->value || !p->red_line;
    if (!oom) {
        p->version = version;
        p->confidential = c.confidential;
        p->updated = c.updated;
        c.updated = NULL;
        p->reservation = ac_party_reservation(m, i);
        p->n_points = n;
        size_t q = 0;
        for (size_t k = 0; k < n && !oom; k++) {
            p->first[k] = q;
            p->point_id[k] = ac__lg_strdup(ac_issue_id(m, k));
            p->point_title[k] = ac__lg_strdup(ac_issue_title(m, k));
            p->weight[k] = ac_pref_raw_weight(m, i, k);
            oom |= !p->point_id[k] || !p->point_title[k];
            for (size_t o = 0; o < ac_model_n_options(m, k) && !oom; o++, q++) {
                p->option_id[q] = ac__lg_strdup(ac_option_id(m, k, o));
                p->option_title[q] = ac__lg_strdup(ac_option_title(m, k, o));
                p->value[q] = ac_pref_value(m, i, k, o);
                p->red_line[q] = (unsigned char)ac_pref_red_line(m, i, k, o);
                oom |= !p->option_id[q] || !p->option_title[q];
            }
        }
        p->first[n] = q;
    }
    ac_model_free(m);
    free(c.updated);
    if (oom) {
        ac_ledger_prefs_free(p);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (version == 0) {
        ac_ledger_status *vs;
        /* the number of the latest version, for the reader */
        if (ac_ledger_status_get(lg, 0, &vs, NULL) == AC_OK) {
            p->version = vs->version;
            ac_ledger_status_free(vs);
        }
    }
    *out = p;
    return AC_OK;
}

void ac_ledger_prefs_free(ac_ledger_prefs *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n_points; k++) {
        free(p->point_id[k]);
        free(p->point_title[k]);
    }
    size_t no = p->first ? p->first[p->n_points] : 0;
    for (size_t q = 0; q < no; q++) {
        free(p->option_id[q]);
        free(p->option_title[q]);
    }
    free(p->point_id);
    free(p->point_title);
    free(p->weight);
    free(p->first);
    free(p->option_id);
    free(p->option_title);
    free(p->value);
    free(p->red_line);
    free(p->updated);
    free(p);
}

static ac_status prefs_set_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    prefs_ctx *c = vctx;
    long long pid, point, x;
    int mediator = 0, found;
    char now[21];
    ac__lg_now(now);
    sqlite3_stmt *st;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_party(lg, c->party, &pid, &mediator, err);
    if (!s && mediator)
        s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                         "party '%s' is a mediator: mediators have no preferences", c->party);
    static const char *const clear[] = {"DELETE FROM pref_value WHERE party = ?",
                                        "DELETE FROM pref_weight WHERE party = ?",
                                        "DELETE FROM pref_party WHERE party = ?"};
    for (int q = 0; q < 3 && !s; q++) {
        s = ac__lg_prep(lg, clear[q], &st, err);
        if (!s) {
            sqlite3_bind_int64(st, 1, pid);
            s = ac__lg_done(lg, st, err);
        }
    }
    if (!s)
        s = ac__lg_prep(lg, "INSERT INTO pref_party(party, reservation, updated) VALUES (?, ?, ?)",
                        &st, err);
    if (!s) {
        sqlite3_bind_int64(st, 1, pid);
        sqlite3_bind_double(st, 2, c->reservation);
        ac__lg_text(st, 3, now);
        s = ac__lg_done(lg, st, err);
    }
    for (size_t k = 0; k < c->n && !s; k++) {
        const ac_ledger_pref_entry *e = &c->e[k];
        s = ac__lg_point(lg, e->point, &point, err);
        if (!s && e->option) {
            s = ac__lg_prep(lg, "SELECT 1 FROM option WHERE point = ? AND code = ?", &st, err);
            if (!s) {
                sqlite3_bind_int64(st, 1, point);
                ac__lg_text(st, 2, e->option);
                s = ac__lg_int(lg, st, &x, &found, err);
                if (!s && !found)
                    s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown option '%s' of point '%s'",
                                     e->option, e->point);
            }
        }
        if (!s)
            s = ac__lg_prep(lg, e->option ? "INSERT INTO pref_value(party, point, option, value,"
                                            " red_line) VALUES (?, ?, ?, ?, ?)"
                                          : "INSERT INTO pref_weight(party, point, raw)"
                                            " VALUES (?, ?, ?)", &st, err);
        if (s)
            break;
        sqlite3_bind_int64(st, 1, pid);
        sqlite3_bind_int64(st, 2, point);
        if (e->option) {
            ac__lg_text(st, 3, e->option);
            sqlite3_bind_double(st, 4, e->x);
            sqlite3_bind_int(st, 5, e->red_line ? 1 : 0);
        } else {
            sqlite3_bind_double(st, 3, e->x);
        }
        s = ac__lg_done(lg, st, err);
        if (s && (sqlite3_extended_errcode(lg->db) == SQLITE_CONSTRAINT_PRIMARYKEY))
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0, "%s of point '%s'%s%s given twice",
                             e->option ? "the value" : "the weight", e->point,
                             e->option ? ", option " : "", e->option ? e->option : "");
    }
    /* the latest draft must weigh something, or no analysis could use these */
    if (!s)
        s = ac__lg_prep(lg, "SELECT count(*) FROM pref_weight w JOIN draft d ON d.point = w.point"
                            " AND d.version = (SELECT max(n) FROM version)"
                            " WHERE w.party = ? AND w.raw > 0", &st, err);
    if (!s) {
        sqlite3_bind_int64(st, 1, pid);
        s = ac__lg_int(lg, st, &x, &found, err);
        long long versions = 0;
        sqlite3_stmt *vq;
        if (!s && !ac__lg_prep(lg, "SELECT count(*) FROM version", &vq, err))
            s = ac__lg_int(lg, vq, &versions, &found, err);
        if (!s && versions > 0 && x == 0)
            s = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                             "every weight on the current draft's points is 0: give at least "
                             "one point a positive weight");
    }
    return s;
}

ac_status ac_ledger_prefs_set(ac_ledger *lg, const char *party, double reservation,
                              const ac_ledger_pref_entry *e, size_t n, ac_error *err)
{
    if (!lg || !party || (n && !e))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_prefs_set: no record or party");
    if (!(reservation >= 0 && reservation <= 1))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "reservation %g is outside [0, 1]",
                            reservation);
    for (size_t k = 0; k < n; k++) {
        if (!e[k].point)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "a preference without a point");
        if (!isfinite(e[k].x) || e[k].x < 0 || (e[k].option && e[k].x > 1))
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                e[k].option ? "value %g of point '%s' is outside [0, 1]"
                                            : "weight %g of point '%s' is negative or not finite",
                                e[k].x, e[k].point);
    }
    prefs_ctx c = {party, 0, NULL, reservation, e, n};
    return ac__lg_tx(lg, 1, prefs_set_tx, &c, err);
}
