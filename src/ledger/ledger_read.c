/* Reading the record: the status of a version (stance matrix, progress, impasses), the
 * difference between two versions, and the log in time order.
 *
 * Reads run in one (deferred) transaction each, so they see one consistent snapshot even
 * while another process writes. Progress follows include/accord/stance.h: a point is
 * agreed when every non-mediator party's current stance is agree; weighted progress sums,
 * over agreed points, the parties' mean weight, each party's raw weights normalised over
 * the version's points (the same numbers `accord analyze` gives for the exported model).
 * A mediator's stances are read into their own rows and count in neither. */
#include "ledger/ledger_internal.h"

#include <stdlib.h>
#include <string.h>

static ac_status nomem(ac_error *err)
{
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}

static char *col_dup(sqlite3_stmt *st, int i, int *oom)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    char *s = ac__lg_strdup((const char *)sqlite3_column_text(st, i));
    if (!s)
        *oom = 1;
    return s;
}

static int stance_parse(const char *s, ac_stance *out)
{
    for (int k = AC_STANCE_AGREE; k <= AC_STANCE_NOT_DISCUSSED; k++)
        if (s && !strcmp(s, ac_stance_name((ac_stance)k))) {
            *out = (ac_stance)k;
            return 0;
        }
    return -1;
}

/* ---- status ---- */

void ac_ledger_status_free(ac_ledger_status *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_parties; i++) {
        free(s->party_id[i]);
        free(s->party_name[i]);
    }
    for (size_t k = 0; k < s->n_points; k++) {
        free(s->point_id[k]);
        free(s->point_title[k]);
        free(s->option_id[k]);
        free(s->option_title[k]);
    }
    for (size_t i = 0; i < s->n_mediators; i++) {
        free(s->mediator_id[i]);
        free(s->mediator_name[i]);
    }
    free(s->mediator_id);
    free(s->mediator_name);
    free(s->mediator_stances);
    free(s->mediator_agreed);
    free(s->party_rejected);
    free(s->party_rejected_weight);
    free(s->party_id);
    free(s->party_name);
    free(s->point_id);
    free(s->point_title);
    free(s->option_id);
    free(s->option_title);
    free(s->stances);
    free(s->weight);
    free(s->party_agreed);
    free(s->party_weighted);
    free(s->impasse);
    free(s->date);
    free(s->note);
    free(s);
}

typedef struct {
    int version;
    ac_ledger_status *out;
} status_ctx;

static size_t find_id(const long long *ids, size_t n, long long id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return i;
    return AC_NONE;
}

/* The parties (mediator 0) or the mediators (1), in id order, at most cap of them. */
static ac_status load_parties(ac_ledger *lg, int mediator, size_t cap, long long *ids,
                              char **code, char **name, size_t *n, int *oom, ac_error *err)
{
    sqlite3_stmt *st;
    ac_status s = ac__lg_prep(lg, "SELECT id, code, name FROM party WHERE mediator = ? ORDER BY id",
                              &st, err);
    if (s)
        return s;
    sqlite3_bind_int(st, 1, mediator);
    while (*n < cap && sqlite3_step(st) == SQLITE_ROW) {
        ids[*n] = sqlite3_column_int64(st, 0);
        code[*n] = col_dup(st, 1, oom);
        name[*n] = col_dup(st, 2, oom);
        (*n)++;
    }
    sqlite3_finalize(st);
    return AC_OK;
}

static ac_status status_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    status_ctx *sc = vctx;
    int version = sc->version, oom = 0, rc;
    long long *pids = NULL, *kids = NULL, *mids = NULL;
    sqlite3_stmt *st = NULL;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_version(lg, &version, err);
    if (s)
        return s;
    ac_ledger_status *r = calloc(1, sizeof *r);
    if (!r)
        return nomem(err);
    r->version = version;

    s = ac__lg_prep(lg, "SELECT date, note FROM version WHERE n = ?", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        if (sqlite3_step(st) == SQLITE_ROW) {
            r->date = col_dup(st, 0, &oom);
            r->note = col_dup(st, 1, &oom);
        }
        sqlite3_finalize(st);
    }
    /* counts first, so every array is allocated once */
    long long np = 0, nk = 0, nm = 0;
    int found;
    if (!s)
        s = ac__lg_prep(lg, "SELECT count(*) FROM party WHERE mediator = 0", &st, err);
    if (!s)
        s = ac__lg_int(lg, st, &np, &found, err);
    if (!s)
        s = ac__lg_prep(lg, "SELECT count(*) FROM party WHERE mediator = 1", &st, err);
    if (!s)
        s = ac__lg_int(lg, st, &nm, &found, err);
    if (!s)
        s = ac__lg_prep(lg, "SELECT count(*) FROM draft WHERE version = ?", &st, err);
    if (!s) {
        sqlite3_bind_int(st, 1, version);
        s = ac__lg_int(lg, st, &nk, &found, err);
    }
    if (s)
        goto done;
    size_t P = (size_t)np, K = (size_t)nk, M = (size_t)nm, PK = P * K > 0 ? P * K : 1;
    size_t MK = M * K > 0 ? M * K : 1;
    r->party_id = calloc(P + 1, sizeof(char *));
    r->party_name = calloc(P + 1, sizeof(char *));
    r->point_id = calloc(K + 1, sizeof(char *));
    r->point_title = calloc(K + 1, sizeof(char *));
    r->option_id = calloc(K + 1, sizeof(char *));
    r->option_title = calloc(K + 1, sizeof(char *));
    r->stances = malloc(PK * sizeof *r->stances);
    r->weight = calloc(PK, sizeof *r->weight);
    r->party_agreed = calloc(P + 1, sizeof *r->party_agreed);
    r->party_weighted = calloc(P + 1, sizeof *r->party_weighted);
    r->impasse = calloc(K + 1, sizeof *r->impasse);
    r->party_rejected = calloc(P + 1, sizeof *r->party_rejected);
    r->party_rejected_weight = calloc(P + 1, sizeof *r->party_rejected_weight);
    r->mediator_id = calloc(M + 1, sizeof(char *));
    r->mediator_name = calloc(M + 1, sizeof(char *));
    r->mediator_stances = malloc(MK * sizeof *r->mediator_stances);
    r->mediator_agreed = calloc(M + 1, sizeof *r->mediator_agreed);
    pids = calloc(P + 1, sizeof *pids);
    kids = calloc(K + 1, sizeof *kids);
    mids = calloc(M + 1, sizeof *mids);
    if (!r->party_id || !r->party_name || !r->point_id || !r->point_title || !r->option_id ||
        !r->option_title || !r->stances || !r->weight || !r->party_agreed ||
        !r->party_weighted || !r->impasse || !r->party_rejected || !r->party_rejected_weight ||
        !r->mediator_id || !r->mediator_name || !r->mediator_stances || !r->mediator_agreed ||
        !pids || !kids || !mids) {
        s = nomem(err);
        goto done;
    }
    for (size_t x = 0; x < P * K; x++)
        r->stances[x] = AC_STANCE_NOT_DISCUSSED;
    for (size_t x = 0; x < M * K; x++)
        r->mediator_stances[x] = AC_STANCE_NOT_DISCUSSED;

    if ((s = load_parties(lg, 0, P, pids, r->party_id, r->party_name, &r->n_parties, &oom, err)) ||
        (s = load_parties(lg, 1, M, mids, r->mediator_id, r->mediator_name, &r->n_mediators, &oom,
                          err)))
        goto done;

    s = ac__lg_prep(lg, "SELECT d.point, p.code, d.title, d.option, o.title FROM draft d"
                        " JOIN point p ON p.id = d.point"
                        " LEFT JOIN option o ON o.point = d.point AND o.code = d.option"
                        " WHERE d.version = ? ORDER BY d.pos", &st, err);
    if (s)
        goto done;
    sqlite3_bind_int(st, 1, version);
    while (r->n_points < K && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t k = r->n_points++;
        kids[k] = sqlite3_column_int64(st, 0);
        r->point_id[k] = col_dup(st, 1, &oom);
        r->point_title[k] = col_dup(st, 2, &oom);
        r->option_id[k] = col_dup(st, 3, &oom);
        r->option_title[k] = col_dup(st, 4, &oom);
    }
    sqlite3_finalize(st);

    /* current stances: rows in id order, so the latest for a (party, point) wins */
    s = ac__lg_prep(lg, "SELECT party, point, stance FROM stance WHERE version = ? ORDER BY id",
                    &st, err);
    if (s)
        goto done;
    sqlite3_bind_int(st, 1, version);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long party = sqlite3_column_int64(st, 0);
        size_t i = find_id(pids, r->n_parties, party);
        size_t j = find_id(mids, r->n_mediators, party);
        size_t k = find_id(kids, r->n_points, sqlite3_column_int64(st, 1));
        ac_stance v;
        if (k == AC_NONE || stance_parse((const char *)sqlite3_column_text(st, 2), &v))
            continue;
        if (i != AC_NONE)
            r->stances[i * K + k] = v;
        else if (j != AC_NONE)
            r->mediator_stances[j * K + k] = v;
    }
    sqlite3_finalize(st);

    s = ac__lg_prep(lg, "SELECT w.party, w.point, w.raw FROM weight w"
                        " JOIN draft d ON d.point = w.point AND d.version = ?", &st, err);
    if (s)
        goto done;
    sqlite3_bind_int(st, 1, version);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        size_t i = find_id(pids, r->n_parties, sqlite3_column_int64(st, 0));
        size_t k = find_id(kids, r->n_points, sqlite3_column_int64(st, 1));
        if (i != AC_NONE && k != AC_NONE)
            r->weight[i * K + k] = sqlite3_column_double(st, 2);
    }
    sqlite3_finalize(st);
    if (oom) {
        s = nomem(err);
        goto done;
    }

    for (size_t i = 0; i < P; i++) {
        double sum = 0;
        for (size_t k = 0; k < K; k++)
            sum += r->weight[i * K + k];
        for (size_t k = 0; k < K; k++)
            r->weight[i * K + k] = sum > 0 ? r->weight[i * K + k] / sum : 0;
    }
    r->progress.of = K;
    for (size_t k = 0; k < K; k++) {
        int all = P > 0, rejected = 0;
        double mean = 0;
        for (size_t i = 0; i < P; i++) {
            ac_stance v = r->stances[i * K + k];
            mean += r->weight[i * K + k];
            if (v == AC_STANCE_AGREE) {
                r->party_agreed[i]++;
                r->party_weighted[i] += r->weight[i * K + k];
            } else {
                all = 0;
            }
            if (v == AC_STANCE_REJECT) {
                rejected = 1;
                r->party_rejected[i]++;
                r->party_rejected_weight[i] += r->weight[i * K + k];
            }
        }
        for (size_t j = 0; j < r->n_mediators; j++)
            r->mediator_agreed[j] += r->mediator_stances[j * K + k] == AC_STANCE_AGREE;
        if (all) {
            r->progress.points++;
            r->progress.weighted += mean / (double)P;
        }
        if (rejected)
            r->impasse[r->n_impasses++] = k;
    }
done:
    free(pids);
    free(kids);
    free(mids);
    if (s)
        ac_ledger_status_free(r);
    else
        sc->out = r;
    return s;
}

ac_status ac_ledger_status_get(ac_ledger *lg, int version, ac_ledger_status **out,
                               ac_error *err)
{
    if (!lg || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_status_get: no record");
    *out = NULL;
    status_ctx sc = {version, NULL};
    ac_status s = ac__lg_tx(lg, 0, status_tx, &sc, err);
    if (s) {
        ac_ledger_status_free(sc.out);
        return s;
    }
    *out = sc.out;
    return AC_OK;
}

/* ---- diff ---- */

typedef struct {
    long long id;
    char *code, *title, *option, *merged_from;
} dpoint;

typedef struct {
    dpoint *p;
    size_t n;
} dlist;

static void dlist_free(dlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->p[i].code);
        free(l->p[i].title);
        free(l->p[i].option);
        free(l->p[i].merged_from);
    }
    free(l->p);
    l->p = NULL;
    l->n = 0;
}

static ac_status load_draft(ac_ledger *lg, int version, dlist *l, ac_error *err)
{
    sqlite3_stmt *st;
    long long n;
    int found, oom = 0, rc;
    ac_status s = ac__lg_prep(lg, "SELECT count(*) FROM draft WHERE version = ?", &st, err);
    if (s)
        return s;
    sqlite3_bind_int(st, 1, version);
    s = ac__lg_int(lg, st, &n, &found, err);
    if (s)
        return s;
    l->p = calloc((size_t)n + 1, sizeof *l->p);
    if (!l->p)
        return nomem(err);
    s = ac__lg_prep(lg, "SELECT d.point, p.code, d.title, d.option, p.merged_from FROM draft d"
                        " JOIN point p ON p.id = d.point WHERE d.version = ? ORDER BY d.pos",
                    &st, err);
    if (s)
        return s;
    sqlite3_bind_int(st, 1, version);
    while (l->n < (size_t)n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        dpoint *p = &l->p[l->n++];
        p->id = sqlite3_column_int64(st, 0);
        p->code = col_dup(st, 1, &oom);
        p->title = col_dup(st, 2, &oom);
        p->option = col_dup(st, 3, &oom);
        p->merged_from = col_dup(st, 4, &oom);
    }
    sqlite3_finalize(st);
    return oom ? nomem(err) : AC_OK;
}

static const dpoint *dfind(const dlist *l, long long id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->p[i].id == id)
            return &l->p[i];
    return NULL;
}

/* Is code one of the comma-separated ids in list? */
static int in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && !strncmp(p, code, n))
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

static int opt_differs(const char *a, const char *b)
{
    if (!a || !b)
        return a != b;
    return strcmp(a, b) != 0;
}

static int add_item(ac_ledger_diff *d, ac_diff_kind kind, const dpoint *p, const char *from,
                    const char *to)
{
    ac_ledger_diff_item *it = &d->items[d->n];
    it->kind = kind;
    it->point = ac__lg_strdup(p->code);
    it->title = ac__lg_strdup(p->title);
    it->from = ac__lg_strdup(from);
    it->to = ac__lg_strdup(to);
    d->n++;
    return !it->point || !it->title || (from && !it->from) || (to && !it->to);
}

typedef struct {
    int v1, v2;
    ac_ledger_diff *out;
} diff_ctx;

static ac_status diff_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    diff_ctx *dc = vctx;
    dlist a = {0}, b = {0};
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_version(lg, &dc->v1, err);
    if (!s)
        s = ac__lg_version(lg, &dc->v2, err);
    if (!s)
        s = load_draft(lg, dc->v1, &a, err);
    if (!s)
        s = load_draft(lg, dc->v2, &b, err);
    ac_ledger_diff *d = NULL;
    if (!s) {
        d = calloc(1, sizeof *d);
        /* at most two items per point of v2 (option and title) and one per point of v1 */
        if (d)
            d->items = calloc(2 * b.n + a.n + 1, sizeof *d->items);
        if (!d || !d->items)
            s = nomem(err);
    }
    int oom = 0;
    for (size_t i = 0; !s && i < b.n; i++) {
        const dpoint *q = &b.p[i], *p = dfind(&a, q->id);
        if (!p) {
            int merged = 0;
            if (q->merged_from) /* merged from points of v1 */
                for (size_t j = 0; j < a.n; j++)
                    merged |= in_list(q->merged_from, a.p[j].code);
            oom |= merged ? add_item(d, AC_DIFF_MERGED, q, q->merged_from, q->option)
                          : add_item(d, AC_DIFF_ADDED, q, NULL, q->option);
            continue;
        }
        if (opt_differs(p->option, q->option))
            oom |= add_item(d, AC_DIFF_OPTION, q, p->option, q->option);
        if (strcmp(p->title, q->title))
            oom |= add_item(d, AC_DIFF_REWORDED, q, p->title, q->title);
    }
    for (size_t j = 0; !s && j < a.n; j++) {
        const dpoint *p = &a.p[j];
        if (dfind(&b, p->id))
            continue;
        int merged = 0;
        for (size_t i = 0; i < b.n; i++)
            merged |= !dfind(&a, b.p[i].id) && in_list(b.p[i].merged_from, p->code);
        if (!merged)
            oom |= add_item(d, AC_DIFF_DROPPED, p, p->option, NULL);
    }
    if (!s && oom)
        s = nomem(err);
    dlist_free(&a);
    dlist_free(&b);
    if (s)
        ac_ledger_diff_free(d);
    else {
        d->v1 = dc->v1;
        d->v2 = dc->v2;
        dc->out = d;
    }
    return s;
}

ac_status ac_ledger_diff_get(ac_ledger *lg, int v1, int v2, ac_ledger_diff **out,
                             ac_error *err)
{
    if (!lg || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_diff_get: no record");
    *out = NULL;
    if (v1 <= 0 || v2 <= 0)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "unknown version %d", v1 <= 0 ? v1 : v2);
    diff_ctx dc = {v1, v2, NULL};
    ac_status s = ac__lg_tx(lg, 0, diff_tx, &dc, err);
    if (s) {
        ac_ledger_diff_free(dc.out);
        return s;
    }
    *out = dc.out;
    return AC_OK;
}

void ac_ledger_diff_free(ac_ledger_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].point);
        free(d->items[i].title);
        free(d->items[i].from);
        free(d->items[i].to);
    }
    free(d->items);
    free(d);
}

/* ---- log ---- */

typedef struct {
    int (*fn)(void *ctx, const ac_ledger_entry *e);
    void *ctx;
} log_ctx;

static ac_status log_tx(ac_ledger *lg, void *vctx, ac_error *err)
{
    log_ctx *lc = vctx;
    sqlite3_stmt *st;
    ac_status s = ac__lg_need_init(lg, err);
    if (!s)
        s = ac__lg_prep(
            lg,
            "SELECT 0 AS kind, n AS id, date, recorded, note,"
            "  (SELECT count(*) FROM draft WHERE version = n), NULL, NULL, NULL, NULL, NULL, NULL"
            " FROM version"
            " UNION ALL SELECT 1, m.id, m.date, m.recorded, m.note, NULL, m.place,"
            "  (SELECT group_concat(p.code, ',') FROM meeting_party mp"
            "   JOIN party p ON p.id = mp.party WHERE mp.meeting = m.id),"
            "  NULL, NULL, NULL, NULL FROM meeting m"
            " UNION ALL SELECT 2, s.id, s.date, s.recorded, s.note, NULL, NULL, NULL, s.version,"
            "  pa.code, po.code, s.stance FROM stance s JOIN party pa ON pa.id = s.party"
            "  JOIN point po ON po.id = s.point"
            " ORDER BY date, recorded, kind, id",
            &st, err);
    if (s)
        return s;
    int rc;
    size_t emitted = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ac_ledger_entry e;
        memset(&e, 0, sizeof e);
        e.kind = (ac_log_kind)sqlite3_column_int(st, 0);
        e.id = sqlite3_column_int64(st, 1);
        e.date = (const char *)sqlite3_column_text(st, 2);
        e.recorded = (const char *)sqlite3_column_text(st, 3);
        e.note = (const char *)sqlite3_column_text(st, 4);
        e.n_points = (size_t)sqlite3_column_int64(st, 5);
        e.place = (const char *)sqlite3_column_text(st, 6);
        e.parties = (const char *)sqlite3_column_text(st, 7);
        e.version = sqlite3_column_int(st, 8);
        e.party = (const char *)sqlite3_column_text(st, 9);
        e.point = (const char *)sqlite3_column_text(st, 10);
        e.stance = AC_STANCE_NOT_DISCUSSED;
        stance_parse((const char *)sqlite3_column_text(st, 11), &e.stance);
        emitted++;
        if (lc->fn(lc->ctx, &e))
            break;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        s = ac__lg_sqlerr(lg, rc, err);
        if (emitted) /* the caller has seen entries: a retry would repeat them */
            lg->busy = 0;
        return s;
    }
    return AC_OK;
}

ac_status ac_ledger_log(ac_ledger *lg, int (*fn)(void *ctx, const ac_ledger_entry *e),
                        void *ctx, ac_error *err)
{
    if (!lg || !fn)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_ledger_log: no record or callback");
    log_ctx lc = {fn, ctx};
    return ac__lg_tx(lg, 0, log_tx, &lc, err);
}
