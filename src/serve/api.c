/* The JSON API under /api/v1/ (docs/serve.md has every route with examples).
 *
 * Order of the checks, the same for every route: who asks (401 without a live token),
 * whether the route exists (404), whether the method fits (405 with Allow), whether the
 * role may (403: a party reaches only for its own {party}, whatever the path; the
 * mediator reads stances and the status but never preferences or a party's own
 * analysis), then the body (400) and the work. Writes answer after their commit. */
#include "serve/serve_internal.h"

#include <json-c/json.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGMENTS 6

typedef struct {
    size_t n;
    char seg[MAX_SEGMENTS][AC_ID_MAX + 2];
} route;

/* "/api/v1/a/b" -> {a, b}; -1 for a path that is not under /api/v1/ or has segments too
 * long or too many. */
static int split(const char *path, route *rt)
{
    memset(rt, 0, sizeof *rt);
    if (strncmp(path, "/api/v1", 7) || (path[7] && path[7] != '/'))
        return -1;
    const char *p = path + 7;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (rt->n == MAX_SEGMENTS || n > AC_ID_MAX)
            return -1;
        memcpy(rt->seg[rt->n], p, n);
        rt->seg[rt->n++][n] = 0;
        p += n;
    }
    return 0;
}

static int method_is(const ac__req *r, const char *m) { return !strcmp(r->method, m); }

static void not_allowed(ac__req *r, const char *allow)
{
    r->allow = allow;
    ac__json_error(r, 405, "method %s is not allowed here (allowed: %s)", r->method, allow);
}

/* A party's own resource: 403 unless it is r's party (or the mediator when allowed). */
static int may(ac__req *r, const char *party, int mediator_ok)
{
    if (r->role == AC__ROLE_PARTY && !strcmp(r->party, party))
        return 1;
    if (r->role == AC__ROLE_MEDIATOR && mediator_ok)
        return 1;
    if (r->role == AC__ROLE_MEDIATOR)
        ac__json_error(r, 403, "the mediator may not read or change a party's own preferences "
                               "or stances");
    else
        ac__json_error(r, 403, "this belongs to another party");
    return 0;
}

static void fail(ac__req *r, ac_status s, const ac_error *err)
{
    unsigned code = ac__http_status(s);
    if (code == 500)
        ac__json_error(r, 500, "internal error: %s", err->message);
    else
        ac__json_error(r, code, "%s", err->message);
}

/* ?version=N (0 when absent); -1 after answering 400 */
static int version_arg(ac__req *r)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "version");
    if (!v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < 1 || n > 1000000) {
        ac__json_error(r, 400, "version must be a positive integer");
        return -1;
    }
    return (int)n;
}

/* The body as a JSON object; NULL after answering 400. */
static json_object *body_object(ac__req *r)
{
    json_tokener *tok = json_tokener_new_ex(16);
    if (!tok) {
        ac__json_error(r, 500, "out of memory");
        return NULL;
    }
    json_object *o = r->body_len ? json_tokener_parse_ex(tok, r->body, (int)r->body_len) : NULL;
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t used = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    int bad = !o || e != json_tokener_success;
    for (size_t i = used; !bad && i < r->body_len; i++)
        bad = !strchr(" \t\r\n", r->body[i]);
    if (bad || !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        ac__json_error(r, 400, "the body must be one JSON object");
        return NULL;
    }
    return o;
}

/* A string member (NULL when absent or null); -1 when present but not a string. */
static int get_string(json_object *o, const char *key, const char **out)
{
    json_object *v;
    *out = NULL;
    if (!json_object_object_get_ex(o, key, &v) || json_object_is_type(v, json_type_null))
        return 0;
    if (!json_object_is_type(v, json_type_string))
        return -1;
    const char *s = json_object_get_string(v);
    if ((size_t)json_object_get_string_len(v) != strlen(s))
        return -1; /* an embedded NUL */
    *out = s;
    return 0;
}

static int get_number(json_object *v, double *out)
{
    if (!json_object_is_type(v, json_type_double) && !json_object_is_type(v, json_type_int))
        return -1;
    *out = json_object_get_double(v);
    return 0;
}

/* ---- routes ---- */

static void whoami(ac__req *r)
{
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "role");
        ac_json_string(j, r->role == AC__ROLE_MEDIATOR ? "mediator" : "party");
        ac_json_key(j, "party");
        ac_json_string(j, r->role == AC__ROLE_PARTY ? r->party : NULL);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
}

static void get_draft(ac__req *r, int version)
{
    ac__draft d;
    ac_error err;
    ac_status s = ac__draft_get(r->lg, version, &d, &err);
    if (s) {
        fail(r, s, &err);
        if (s == AC_EINPUT && version)
            ac__json_error(r, 404, "%s", err.message);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j)
        ac__json_draft(j, &d);
    ac__json_done(r, &w, 200);
    ac__draft_free(&d);
}

static void list_versions(ac__req *r)
{
    ac__versions v;
    ac_error err;
    ac_status s = ac__versions_get(r->lg, &v, &err);
    if (s) {
        fail(r, s, &err);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "versions");
        ac_json_begin_array(j);
        for (size_t i = 0; i < v.n; i++) {
            ac_json_begin_object(j);
            ac_json_key(j, "version");
            ac_json_int(j, v.number[i]);
            ac_json_key(j, "date");
            ac_json_string(j, v.date[i]);
            ac_json_key(j, "note");
            ac_json_string(j, v.note[i]);
            ac_json_key(j, "points");
            ac_json_int(j, (long long)v.points[i]);
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
    ac__versions_free(&v);
}

/* {"note", "date", "set": {point: option}, "drop": [point], "reword": {point: title}} */
static void publish(ac__req *r)
{
    json_object *o = body_object(r);
    if (!o)
        return;
    const char *note, *date;
    size_t cap = 0, n = 0;
    json_object *v;
    static const char *const members[] = {"note", "date", "set", "drop", "reword"};
    int bad = get_string(o, "note", &note) || get_string(o, "date", &date);
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        int known = 0;
        for (size_t i = 0; i < 5; i++)
            known |= !strcmp(key, members[i]);
        if (!known) {
            ac__json_error(r, 400, "unknown member '%s' (known: note, date, set, drop, reword)",
                           key);
            json_object_put(o); /* key lives in o */
            return;
        }
    }
    json_object *set = NULL, *drop = NULL, *reword = NULL;
    if (json_object_object_get_ex(o, "set", &v))
        set = v;
    if (json_object_object_get_ex(o, "drop", &v))
        drop = v;
    if (json_object_object_get_ex(o, "reword", &v))
        reword = v;
    bad |= (set && !json_object_is_type(set, json_type_object)) ||
           (drop && !json_object_is_type(drop, json_type_array)) ||
           (reword && !json_object_is_type(reword, json_type_object));
    if (!bad) {
        cap = (set ? (size_t)json_object_object_length(set) : 0) +
              (drop ? json_object_array_length(drop) : 0) +
              (reword ? (size_t)json_object_object_length(reword) : 0);
    }
    ac_ledger_change *c = calloc(cap + 1, sizeof *c);
    if (!c) {
        json_object_put(o);
        ac__json_error(r, 500, "out of memory");
        return;
    }
    if (!bad && set) {
        json_object_object_foreach(set, key, val)
        {
            if (!json_object_is_type(val, json_type_string)) {
                bad = 1;
                break;
            }
            c[n++] = (ac_ledger_change){.kind = AC_CHANGE_SET, .point = key,
                                        .option = json_object_get_string(val)};
        }
    }
    for (size_t i = 0; !bad && drop && i < json_object_array_length(drop); i++) {
        json_object *e = json_object_array_get_idx(drop, i);
        if (!json_object_is_type(e, json_type_string)) {
            bad = 1;
            break;
        }
        c[n++] = (ac_ledger_change){.kind = AC_CHANGE_DROP, .point = json_object_get_string(e)};
    }
    if (!bad && reword) {
        json_object_object_foreach(reword, key, val)
        {
            if (!json_object_is_type(val, json_type_string)) {
                bad = 1;
                break;
            }
            c[n++] = (ac_ledger_change){.kind = AC_CHANGE_REWORD, .point = key,
                                        .text = json_object_get_string(val)};
        }
    }
    if (bad) {
        free(c);
        json_object_put(o);
        ac__json_error(r, 400, "note and date are strings; set and reword map points to "
                               "strings; drop lists points");
        return;
    }
    int version = 0;
    ac_error err;
    ac_status s = ac__do_publish(r, note, date, c, n, &version, &err);
    free(c);
    json_object_put(o);
    if (s) {
        fail(r, s, &err);
        return;
    }
    get_draft(r, version);
    r->status = r->status == 200 ? 201 : r->status;
}

static void get_stances(ac__req *r, const char *party)
{
    int version = version_arg(r);
    if (version < 0)
        return;
    ac_ledger_stance_list *l;
    ac_error err;
    ac_status s = ac_ledger_stances_get(r->lg, version, party, &l, &err);
    if (s) {
        /* the mediator asking for a party that does not exist */
        fail(r, s, &err);
        if (s == AC_EINPUT)
            ac__json_error(r, 404, "%s", err.message);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "party");
        ac_json_string(j, party);
        ac_json_key(j, "version");
        ac_json_int(j, l->version);
        ac_json_key(j, "stances");
        ac__json_stances(j, l, party);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
    ac_ledger_stance_list_free(l);
}

static void put_stance(ac__req *r, const char *point)
{
    json_object *o = body_object(r);
    if (!o)
        return;
    const char *stance, *note, *suggest;
    if (get_string(o, "stance", &stance) || get_string(o, "note", &note) ||
        get_string(o, "suggest", &suggest) || !stance) {
        json_object_put(o);
        ac__json_error(r, 400, "the body needs \"stance\" (agree, criticise, reject or "
                               "not-discussed); \"note\" and \"suggest\" are optional strings");
        return;
    }
    json_object_object_foreach(o, key, val)
    {
        (void)val;
        if (strcmp(key, "stance") && strcmp(key, "note") && strcmp(key, "suggest")) {
            ac__json_error(r, 400, "unknown member '%s' (known: stance, note, suggest)", key);
            json_object_put(o); /* key lives in o */
            return;
        }
    }
    long long id = 0;
    int version = 0;
    ac_error err;
    ac_status s = ac__do_stance(r, point, stance, note, suggest, &id, &version, &err);
    if (s) {
        json_object_put(o);
        int unknown = s == AC_EINPUT && (strstr(err.message, "unknown point") ||
                                         strstr(err.message, "is not in version"));
        if (unknown)
            ac__json_error(r, 404, "%s", err.message);
        else
            fail(r, s, &err);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "id");
        ac_json_int(j, id);
        ac_json_key(j, "version");
        ac_json_int(j, version);
        ac_json_key(j, "party");
        ac_json_string(j, r->party);
        ac_json_key(j, "point");
        ac_json_string(j, point);
        ac_json_key(j, "stance");
        ac_json_string(j, stance);
        ac_json_key(j, "note");
        ac_json_string(j, note && *note ? note : NULL);
        ac_json_key(j, "suggest");
        ac_json_string(j, suggest && *suggest ? suggest : NULL);
        ac_json_end_object(j);
    }
    json_object_put(o);
    ac__json_done(r, &w, 200);
}

static void get_prefs(ac__req *r, const char *party)
{
    int version = version_arg(r);
    if (version < 0)
        return;
    ac_ledger_prefs *p;
    ac_error err;
    ac_status s = ac_ledger_prefs_get(r->lg, version, party, &p, &err);
    if (s) {
        fail(r, s, &err);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "party");
        ac_json_string(j, party);
        ac_json_key(j, "version");
        ac_json_int(j, p->version);
        ac_json_key(j, "confidential");
        ac_json_bool(j, p->confidential);
        ac_json_key(j, "updated");
        ac_json_string(j, p->updated);
        ac_json_key(j, "reservation");
        ac_json_number(j, p->reservation);
        ac_json_key(j, "points");
        ac_json_begin_object(j);
        for (size_t k = 0; k < p->n_points; k++) {
            ac_json_key(j, p->point_id[k]);
            ac_json_begin_object(j);
            ac_json_key(j, "weight");
            ac_json_number(j, p->weight[k]);
            ac_json_key(j, "values");
            ac_json_begin_object(j);
            for (size_t q = p->first[k]; q < p->first[k + 1]; q++) {
                ac_json_key(j, p->option_id[q]);
                ac_json_number(j, p->value[q]);
            }
            ac_json_end_object(j);
            ac_json_key(j, "red_lines");
            ac_json_begin_array(j);
            for (size_t q = p->first[k]; q < p->first[k + 1]; q++)
                if (p->red_line[q])
                    ac_json_string(j, p->option_id[q]);
            ac_json_end_array(j);
            ac_json_end_object(j);
        }
        ac_json_end_object(j);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
    ac_ledger_prefs_free(p);
}

/* {"reservation": R, "points": {point: {"weight": W, "values": {option: V},
 *  "red_lines": [option]}}} */
static void put_prefs(ac__req *r, const char *party)
{
    json_object *o = body_object(r);
    if (!o)
        return;
    json_object *res, *points;
    double reservation = 0;
    int bad = !json_object_object_get_ex(o, "reservation", &res) || get_number(res, &reservation) ||
              !json_object_object_get_ex(o, "points", &points) ||
              !json_object_is_type(points, json_type_object);
    size_t cap = 0, n = 0;
    if (!bad) {
        json_object_object_foreach(points, key, val)
        {
            (void)key;
            json_object *vals;
            cap += 1;
            if (json_object_is_type(val, json_type_object) &&
                json_object_object_get_ex(val, "values", &vals) &&
                json_object_is_type(vals, json_type_object))
                cap += (size_t)json_object_object_length(vals);
        }
    }
    ac_ledger_pref_entry *e = calloc(cap + 1, sizeof *e);
    if (!e)
        bad = 1;
    const char *why = "the body needs \"reservation\" (a number) and \"points\": {POINT: "
                      "{\"weight\": W, \"values\": {OPTION: V}, \"red_lines\": [OPTION]}}";
    if (!bad) {
        json_object_object_foreach(points, pkey, pval)
        {
            json_object *wv, *vals = NULL, *reds = NULL;
            double wx = 0;
            if (!json_object_is_type(pval, json_type_object) ||
                !json_object_object_get_ex(pval, "weight", &wv) || get_number(wv, &wx)) {
                bad = 1;
                break;
            }
            json_object_object_foreach(pval, mk, mv)
            {
                (void)mv;
                if (strcmp(mk, "weight") && strcmp(mk, "values") && strcmp(mk, "red_lines"))
                    bad = 1;
            }
            json_object_object_get_ex(pval, "values", &vals);
            json_object_object_get_ex(pval, "red_lines", &reds);
            if (bad || (vals && !json_object_is_type(vals, json_type_object)) ||
                (reds && !json_object_is_type(reds, json_type_array))) {
                bad = 1;
                break;
            }
            e[n++] = (ac_ledger_pref_entry){pkey, NULL, wx, 0};
            size_t first = n;
            if (vals) {
                json_object_object_foreach(vals, okey, oval)
                {
                    double x;
                    if (get_number(oval, &x)) {
                        bad = 1;
                        break;
                    }
                    e[n++] = (ac_ledger_pref_entry){pkey, okey, x, 0};
                }
            }
            for (size_t i = 0; !bad && reds && i < json_object_array_length(reds); i++) {
                json_object *ri = json_object_array_get_idx(reds, i);
                const char *opt = json_object_is_type(ri, json_type_string)
                                      ? json_object_get_string(ri)
                                      : NULL;
                size_t q = first;
                while (opt && q < n && strcmp(e[q].option, opt))
                    q++;
                if (!opt || q == n) {
                    why = "every red line must be an option listed in the point's values";
                    bad = 1;
                    break;
                }
                e[q].red_line = 1;
            }
            if (bad)
                break;
        }
    }
    if (bad) {
        free(e);
        json_object_put(o);
        ac__json_error(r, 400, "%s", why);
        return;
    }
    ac_error err;
    ac_status s = ac_ledger_prefs_set(r->lg, party, reservation, e, n, &err);
    free(e);
    json_object_put(o);
    if (s) {
        fail(r, s, &err);
        return;
    }
    get_prefs(r, party);
}

static void stance_counts_json(ac_json *j, const ac__own *o)
{
    size_t c[4] = {0};
    for (size_t k = 0; k < o->n_points; k++)
        c[o->derived[k]]++;
    ac_json_begin_object(j);
    for (int k = 0; k < 3; k++) {
        ac_json_key(j, ac_stance_name((ac_stance)k));
        ac_json_int(j, (long long)c[k]);
    }
    ac_json_end_object(j);
}

static void get_analysis(ac__req *r, const char *party)
{
    int version = version_arg(r);
    if (version < 0)
        return;
    ac__own o;
    ac__draft d;
    ac_error err;
    ac_status s = ac__own_get(r->lg, version, party, &o, &err);
    if (!s && (s = ac__draft_get(r->lg, o.version, &d, &err)))
        ac__own_free(&o);
    if (s) {
        fail(r, s, &err);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac_json_key(j, "party");
        ac_json_string(j, party);
        ac_json_key(j, "version");
        ac_json_int(j, o.version);
        ac_json_key(j, "confidential");
        ac_json_bool(j, o.confidential);
        ac_json_key(j, "utility");
        ac_json_number(j, o.utility);
        ac_json_key(j, "reservation");
        ac_json_number(j, o.reservation);
        ac_json_key(j, "margin");
        ac_json_number(j, o.margin);
        ac_json_key(j, "acceptable");
        ac_json_bool(j, o.margin >= -1e-9 && o.red_lines_crossed == 0);
        ac_json_key(j, "red_lines_crossed");
        ac_json_begin_array(j);
        for (size_t k = 0; k < o.n_points; k++)
            if (o.red_line[k])
                ac_json_string(j, d.st->point_id[k]);
        ac_json_end_array(j);
        ac_json_key(j, "derived");
        stance_counts_json(j, &o);
        ac_json_key(j, "points");
        ac_json_begin_array(j);
        for (size_t k = 0; k < o.n_points && k < d.st->n_points; k++) {
            ac_json_begin_object(j);
            ac_json_key(j, "point");
            ac_json_string(j, d.st->point_id[k]);
            ac_json_key(j, "weight");
            ac_json_number(j, o.weight[k]);
            ac_json_key(j, "value");
            ac_json_number(j, o.value[k]);
            ac_json_key(j, "red_line");
            ac_json_bool(j, o.red_line[k]);
            ac_json_key(j, "derived");
            ac_json_string(j, ac_stance_name(o.derived[k]));
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
    ac__own_free(&o);
    ac__draft_free(&d);
}

static void json_outcome_changes(ac_json *j, const ac_model *m, const uint32_t *draft,
                                 const uint32_t *outcome)
{
    ac_json_begin_array(j);
    for (size_t k = 0; k < ac_model_n_issues(m); k++) {
        if (draft[k] == outcome[k])
            continue;
        ac_json_begin_object(j);
        ac_json_key(j, "point");
        ac_json_string(j, ac_issue_id(m, k));
        ac_json_key(j, "from");
        ac_json_string(j, ac_option_id(m, k, draft[k]));
        ac_json_key(j, "to");
        ac_json_string(j, ac_option_id(m, k, outcome[k]));
        ac_json_key(j, "to_title");
        ac_json_string(j, ac_option_title(m, k, outcome[k]));
        ac_json_end_object(j);
    }
    ac_json_end_array(j);
}

/* One side of a trade: "party_S": id, "concedes_S": {"point", "to"}. */
static void json_concession(ac_json *j, const ac_model *m, const ac_mediation *x,
                            const char *side, size_t party, size_t issue, size_t option)
{
    char key[16];
    snprintf(key, sizeof key, "party_%s", side);
    ac_json_key(j, key);
    ac_json_string(j, ac_party_id(m, x->party[party]));
    snprintf(key, sizeof key, "concedes_%s", side);
    ac_json_key(j, key);
    ac_json_begin_object(j);
    ac_json_key(j, "point");
    ac_json_string(j, ac_issue_id(m, issue));
    ac_json_key(j, "to");
    ac_json_string(j, ac_option_id(m, issue, option));
    ac_json_end_object(j);
}

/* The mediator's view: every stance and note, progress, impasses, and what the parties'
 * confidential preferences imply (a revision, trades), with no utility in sight. */
static void get_status(ac__req *r)
{
    int version = version_arg(r);
    if (version < 0)
        return;
    ac_ledger_status *st;
    ac_error err;
    ac_status s = ac_ledger_status_get(r->lg, version, &st, &err);
    if (s) {
        fail(r, s, &err);
        return;
    }
    ac_ledger_stance_list *l = NULL;
    s = ac_ledger_stances_get(r->lg, st->version, NULL, &l, &err);
    ac_model *m = NULL;
    ac_mediation *x = NULL;
    ac_error merr;
    ac_status ms = s ? s : ac__mediation_get(r->lg, st->version, &m, &x, &merr);
    if (s) {
        ac_ledger_status_free(st);
        fail(r, s, &err);
        return;
    }
    ac__jsonw w;
    ac_json *j = ac__json_begin(&w);
    if (j) {
        ac_json_begin_object(j);
        ac__json_version_head(j, st);
        ac_json_key(j, "parties");
        ac_json_begin_array(j);
        for (size_t i = 0; i < st->n_parties; i++)
            ac_json_string(j, st->party_id[i]);
        ac_json_end_array(j);
        ac_json_key(j, "matrix");
        ac_json_begin_object(j);
        for (size_t i = 0; i < st->n_parties; i++) {
            ac_json_key(j, st->party_id[i]);
            ac_json_begin_object(j);
            for (size_t k = 0; k < st->n_points; k++) {
                ac_json_key(j, st->point_id[k]);
                ac_json_string(j, ac_stance_name(st->stances[i * st->n_points + k]));
            }
            ac_json_end_object(j);
        }
        ac_json_end_object(j);
        ac_json_key(j, "stances");
        ac_json_begin_object(j);
        for (size_t i = 0; i < st->n_parties; i++) {
            ac_json_key(j, st->party_id[i]);
            ac__json_stances(j, l, st->party_id[i]);
        }
        ac_json_end_object(j);
        ac_json_key(j, "progress");
        ac_json_begin_object(j);
        ac_json_key(j, "points");
        ac_json_int(j, (long long)st->progress.points);
        ac_json_key(j, "of");
        ac_json_int(j, (long long)st->progress.of);
        ac_json_key(j, "weighted");
        ac_json_number(j, st->progress.weighted);
        ac_json_end_object(j);
        ac_json_key(j, "impasses");
        ac_json_begin_array(j);
        for (size_t q = 0; q < st->n_impasses; q++) {
            size_t k = st->impasse[q];
            ac_json_begin_object(j);
            ac_json_key(j, "point");
            ac_json_string(j, st->point_id[k]);
            ac_json_key(j, "rejected_by");
            ac_json_begin_array(j);
            for (size_t i = 0; i < st->n_parties; i++)
                if (st->stances[i * st->n_points + k] == AC_STANCE_REJECT)
                    ac_json_string(j, st->party_id[i]);
            ac_json_end_array(j);
            ac_json_end_object(j);
        }
        ac_json_end_array(j);
        ac_json_key(j, "mediation");
        if (ms) {
            ac_json_begin_object(j);
            ac_json_key(j, "error");
            ac_json_string(j, merr.message);
            ac_json_end_object(j);
        } else {
            ac_json_begin_object(j);
            ac_json_key(j, "own_preferences");
            ac_json_begin_array(j);
            for (size_t i = 0; i < st->n_parties; i++) {
                ac_ledger_prefs *p;
                if (ac_ledger_prefs_get(r->lg, st->version, st->party_id[i], &p, NULL) == AC_OK) {
                    if (p->confidential)
                        ac_json_string(j, st->party_id[i]);
                    ac_ledger_prefs_free(p);
                }
            }
            ac_json_end_array(j);
            ac_json_key(j, "agreement_possible");
            ac_json_bool(j, !x->zopa_empty);
            ac_json_key(j, "hard_impasses");
            ac_json_begin_array(j);
            for (size_t q = 0; q < x->n_hard; q++)
                ac_json_string(j, ac_issue_id(m, x->hard[q]));
            ac_json_end_array(j);
            ac_json_key(j, "soft_impasses");
            ac_json_begin_array(j);
            for (size_t q = 0; q < x->n_soft; q++)
                ac_json_string(j, ac_issue_id(m, x->soft[q]));
            ac_json_end_array(j);
            ac_json_key(j, "revision");
            if (x->n_revisions) {
                ac_json_begin_object(j);
                ac_json_key(j, "changes");
                ac_json_int(j, (long long)x->revisions[0].changes);
                ac_json_key(j, "set");
                json_outcome_changes(j, m, x->draft, x->revisions[0].outcome);
                ac_json_end_object(j);
            } else {
                ac_json_null(j);
            }
            ac_json_key(j, "trades");
            ac_json_begin_array(j);
            for (size_t t = 0; t < x->n_trades; t++) {
                const ac_trade *tr = &x->trades[t];
                ac_json_begin_object(j);
                json_concession(j, m, x, "a", tr->party_a, tr->issue_a, tr->option_a);
                json_concession(j, m, x, "b", tr->party_b, tr->issue_b, tr->option_b);
                ac_json_end_object(j);
            }
            ac_json_end_array(j);
            ac_json_end_object(j);
        }
        ac_json_end_object(j);
    }
    ac__json_done(r, &w, 200);
    ac_mediation_free(x);
    ac_model_free(m);
    ac_ledger_stance_list_free(l);
    ac_ledger_status_free(st);
}

/* ---- the routing table ---- */

typedef enum {
    ANYONE = 0,        /* any signed-in role */
    MEDIATOR = 1,      /* the mediator only */
    OWN = 2,           /* the party named in the path only */
    OWN_OR_MEDIATOR = 3
} scope;

typedef void (*handler)(ac__req *r, const route *rt);

static void h_whoami(ac__req *r, const route *rt) { (void)rt; whoami(r); }
static void h_versions(ac__req *r, const route *rt) { (void)rt; list_versions(r); }
static void h_publish(ac__req *r, const route *rt) { (void)rt; publish(r); }
static void h_status(ac__req *r, const route *rt) { (void)rt; get_status(r); }
static void h_prefs(ac__req *r, const route *rt) { get_prefs(r, rt->seg[1]); }
static void h_put_prefs(ac__req *r, const route *rt) { put_prefs(r, rt->seg[1]); }
static void h_analysis(ac__req *r, const route *rt) { get_analysis(r, rt->seg[1]); }
static void h_stances(ac__req *r, const route *rt) { get_stances(r, rt->seg[1]); }
static void h_put_stance(ac__req *r, const route *rt) { put_stance(r, rt->seg[2]); }

static void h_draft(ac__req *r, const route *rt)
{
    (void)rt;
    int v = version_arg(r);
    if (v >= 0)
        get_draft(r, v);
}

static void h_version(ac__req *r, const route *rt)
{
    char *end;
    long n = strtol(rt->seg[1], &end, 10);
    if (!rt->seg[1][0] || *end || n < 1 || n > 1000000)
        ac__json_error(r, 404, "no such version");
    else
        get_draft(r, (int)n);
}

static const struct {
    const char *name; /* the first segment */
    size_t n;         /* segments in all */
    const char *method;
    scope who;
    handler fn;
    const char *why;  /* the 403's message when the role may not */
} routes[] = {
    {"whoami", 1, "GET", ANYONE, h_whoami, NULL},
    {"draft", 1, "GET", ANYONE, h_draft, NULL},
    {"versions", 1, "GET", ANYONE, h_versions, NULL},
    {"versions", 1, "POST", MEDIATOR, h_publish, "only the mediator publishes versions"},
    {"versions", 2, "GET", ANYONE, h_version, NULL},
    {"status", 1, "GET", MEDIATOR, h_status, "the status of every party is the mediator's"},
    {"preferences", 2, "GET", OWN, h_prefs, NULL},
    {"preferences", 2, "PUT", OWN, h_put_prefs, NULL},
    {"analysis", 2, "GET", OWN, h_analysis, NULL},
    {"stances", 2, "GET", OWN_OR_MEDIATOR, h_stances, NULL},
    {"stances", 3, "PUT", OWN, h_put_stance, NULL},
};
#define N_ROUTES (sizeof routes / sizeof routes[0])

void ac__api(ac__req *r)
{
    route rt;
    if (r->role == AC__ROLE_NONE) {
        ac__json_error(r, 401, "a valid access token is required (Authorization: Bearer TOKEN)");
        return;
    }
    if (split(r->path, &rt) || rt.n == 0) {
        ac__json_error(r, 404, "no such resource");
        return;
    }
    /* HEAD is GET without the body (libmicrohttpd drops it) */
    const char *method = method_is(r, "HEAD") ? "GET" : r->method;
    char allow[N_ROUTES][8]; /* the methods of the path's routes */
    size_t n_allow = 0, hit = N_ROUTES;
    for (size_t i = 0; i < N_ROUTES; i++) {
        if (strcmp(routes[i].name, rt.seg[0]) || routes[i].n != rt.n)
            continue;
        snprintf(allow[n_allow++], sizeof allow[0], "%s", routes[i].method);
        if (!strcmp(routes[i].method, method))
            hit = i;
    }
    if (!n_allow) {
        ac__json_error(r, 404, "no such resource");
        return;
    }
    if (hit == N_ROUTES) {
        static const char *const lists[] = {"GET", "GET, POST", "GET, PUT", "PUT"};
        int get = 0, post = 0, put = 0;
        for (size_t i = 0; i < n_allow; i++) {
            get |= !strcmp(allow[i], "GET");
            post |= !strcmp(allow[i], "POST");
            put |= !strcmp(allow[i], "PUT");
        }
        not_allowed(r, lists[get && post ? 1 : get && put ? 2 : get ? 0 : 3]);
        return;
    }
    scope who = routes[hit].who;
    if (who == MEDIATOR && r->role != AC__ROLE_MEDIATOR) {
        ac__json_error(r, 403, "%s", routes[hit].why);
        return;
    }
    if ((who == OWN || who == OWN_OR_MEDIATOR) && !may(r, rt.seg[1], who == OWN_OR_MEDIATOR))
        return;
    routes[hit].fn(r, &rt);
}
