/* The inputs `accord report` charts besides the model: a sweep as `accord sweep --json`
 * writes it (ac_sweep_write_json) and a trace as `accord simulate --trace` writes it (one
 * JSON object per round). Read with json-c; point, option and party ids are matched to
 * the model's titles and names, and ids the model does not know are shown as they are. */
#include "accord/report.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "io/read_file.h"

#define AC_REPORT_INPUT_MAX (256u << 20) /* bytes of a sweep file, at most */

/* Parses text[0..len) as one JSON value. On a syntax error (or text after the value):
 * AC_EINPUT, with the line and column (from 1) where the parser stopped and why; AC_ENOMEM
 * when out of memory. */
static ac_status parse_json(const char *text, size_t len, json_object **out, int *line,
                            int *col, char *why, size_t why_size)
{
    *out = NULL;
    if (len > INT_MAX) {
        *line = *col = 1;
        snprintf(why, why_size, "too large");
        return AC_EINPUT;
    }
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return AC_ENOMEM;
    json_object *o = text ? json_tokener_parse_ex(tok, text, (int)len) : NULL;
    enum json_tokener_error e = json_tokener_get_error(tok);
    size_t end = text ? json_tokener_get_parse_end(tok) : 0;
    json_tokener_free(tok);
    size_t rest = end;
    while (rest < len && (text[rest] == ' ' || text[rest] == '\t' || text[rest] == '\n' ||
                          text[rest] == '\r'))
        rest++;
    if (e == json_tokener_success && o && rest == len) {
        *out = o;
        return AC_OK;
    }
    json_object_put(o);
    size_t at = e == json_tokener_success ? rest : end; /* where the parser stopped */
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at && i < len; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
    snprintf(why, why_size, "not JSON: %s",
             e == json_tokener_success && at < len           ? "text after the value"
             : e == json_tokener_success || e == json_tokener_continue ? "it ends before the value does"
                                                                        : json_tokener_error_desc(e));
    return AC_EINPUT;
}

static const char *party_label(const ac_model *m, const char *id)
{
    size_t p = ac_party_find(m, id);
    return p == AC_NONE ? id : ac_party_name(m, p);
}

ac_status ac_report_add_sweep_json(ac_report *r, const ac_model *m, const char *path,
                                   ac_error *err)
{
    if (!r || !m || !path)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_report_add_sweep_json: no report, model or path");
    const char *name;
    char *text;
    size_t len;
    ac_status st = ac__read_path(path, AC_REPORT_INPUT_MAX, &name, &text, &len, err);
    if (st)
        return st;
    if (len > AC_REPORT_INPUT_MAX) {
        free(text);
        return ac_error_set(err, AC_EINPUT, name, 0, 0, "larger than %u MiB",
                            (unsigned)(AC_REPORT_INPUT_MAX >> 20));
    }
    json_object *root;
    int line, col;
    char why[128];
    st = parse_json(text, len, &root, &line, &col, why, sizeof why);
    free(text);
    if (st)
        return st == AC_EINPUT ? ac_error_set(err, st, name, line, col, "%s", why)
                               : ac_error_set(err, st, NULL, 0, 0, "out of memory");
    json_object *deal, *runs, *count, *ci, *points;
    if (!root || !json_object_is_type(root, json_type_object) ||
        !json_object_object_get_ex(root, "runs", &runs) ||
        !json_object_object_get_ex(root, "deal", &deal) ||
        !json_object_object_get_ex(deal, "count", &count) ||
        !json_object_object_get_ex(deal, "ci95", &ci) ||
        !json_object_is_type(ci, json_type_array) || json_object_array_length(ci) != 2 ||
        !json_object_is_type(runs, json_type_int) || !json_object_is_type(count, json_type_int) ||
        json_object_get_int64(runs) < 0 || json_object_get_int64(count) < 0 ||
        json_object_get_int64(count) > json_object_get_int64(runs) ||
        !json_object_object_get_ex(root, "points", &points) ||
        !json_object_is_type(points, json_type_object)) {
        json_object_put(root);
        return ac_error_set(err, AC_EINPUT, name, 0, 0,
                            "not a sweep written by 'accord sweep --json'");
    }
    ac_sweep_view v;
    memset(&v, 0, sizeof v);
    v.runs = (unsigned long long)json_object_get_int64(runs);
    v.deals = (unsigned long long)json_object_get_int64(count);
    v.deal_lo = json_object_get_double(json_object_array_get_idx(ci, 0));
    v.deal_hi = json_object_get_double(json_object_array_get_idx(ci, 1));
    size_t np = (size_t)json_object_object_length(points), nq = 0;
    json_object_object_foreach(points, k0, v0) {
        (void)k0;
        if (json_object_is_type(v0, json_type_object))
            nq += (size_t)json_object_object_length(v0);
    }
    const char **point = calloc(np + 1, sizeof *point), **option = calloc(nq + 1, sizeof *option);
    size_t *nopt = calloc(np + 1, sizeof *nopt);
    double *share = calloc(nq + 1, sizeof *share);
    if (!point || !option || !nopt || !share)
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    size_t k = 0, q = 0;
    json_object_object_foreach(points, key, val) {
        if (st)
            break;
        if (!json_object_is_type(val, json_type_object)) {
            st = ac_error_set(err, AC_EINPUT, name, 0, 0, "a point of the sweep is not an object");
            break;
        }
        size_t issue = ac_issue_find(m, key);
        point[k] = issue == AC_NONE ? key : ac_issue_title(m, issue);
        json_object_object_foreach(val, okey, oval) {
            size_t o = issue == AC_NONE ? AC_NONE : ac_option_find(m, issue, okey);
            option[q] = o == AC_NONE ? okey : ac_option_title(m, issue, o);
            json_object *c;
            double n = json_object_object_get_ex(oval, "count", &c) ? json_object_get_double(c) : 0;
            share[q] = v.deals ? n / (double)v.deals : 0;
            q++;
            nopt[k]++;
        }
        k++;
    }
    if (!st) {
        v.n_points = k;
        v.point = point;
        v.n_options = nopt;
        v.option = option;
        v.share = share;
        ac_chart *c;
        st = ac_report_section(r, "Monte Carlo sweep",
                               "Many simulated talks, each with the model's uncertainty drawn "
                               "anew: how likely a deal is, and what the deals settle point by "
                               "point.", err);
        if (!st)
            st = ac_chart_sweep(&v, &c, err);
        if (!st)
            st = ac_report_add(r, c, err);
    }
    free(point);
    free(option);
    free(nopt);
    free(share);
    json_object_put(root);
    return st;
}

typedef struct trace_data {
    size_t np, nr, cap, ne;
    const char **party;      /* names, from the first line's utilities */
    char **ids;
    unsigned *round;
    double *u;
    ac_trace_event *ev;
    char **ev_label;
    unsigned deal;
} trace_data;

static void trace_free(trace_data *t)
{
    for (size_t i = 0; i < t->np; i++)
        free(t->ids[i]);
    for (size_t e = 0; e < t->ne; e++)
        free(t->ev_label[e]);
    free(t->ids);
    free((void *)t->party);
    free(t->round);
    free(t->u);
    free(t->ev);
    free(t->ev_label);
}

/* One line of the trace; returns 0, or -1 when it is not a round of a trace. */
static int trace_line(trace_data *t, const ac_model *m, json_object *o)
{
    json_object *round, *util, *events, *answers;
    if (!json_object_is_type(o, json_type_object) ||
        !json_object_object_get_ex(o, "round", &round) ||
        !json_object_object_get_ex(o, "utilities", &util) ||
        !json_object_is_type(util, json_type_object))
        return -1;
    if (!t->np) {
        t->np = (size_t)json_object_object_length(util);
        if (!t->np)
            return -1;
        t->ids = calloc(t->np, sizeof *t->ids);
        t->party = calloc(t->np, sizeof *t->party);
        if (!t->ids || !t->party)
            return -1;
        size_t i = 0;
        json_object_object_foreach(util, key, val) {
            (void)val;
            t->ids[i] = strdup(key);
            if (!t->ids[i])
                return -1;
            t->party[i] = party_label(m, key);
            i++;
        }
    }
    if (t->nr == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 128;
        unsigned *r = realloc(t->round, cap * sizeof *r);
        if (r)
            t->round = r;
        double *u = realloc(t->u, cap * t->np * sizeof *u);
        if (u)
            t->u = u;
        if (!r || !u)
            return -1;
        t->cap = cap;
    }
    int64_t rn = json_object_get_int64(round);
    if (rn < 1 || rn > 100000000 || (t->nr && (unsigned)rn <= t->round[t->nr - 1]))
        return -1;
    t->round[t->nr] = (unsigned)rn;
    for (size_t i = 0; i < t->np; i++) {
        json_object *x;
        if (!json_object_object_get_ex(util, t->ids[i], &x))
            return -1;
        t->u[t->nr * t->np + i] = json_object_get_double(x);
    }
    if (!t->deal && json_object_object_get_ex(o, "answers", &answers) &&
        json_object_is_type(answers, json_type_object)) {
        int all = json_object_object_length(answers) > 0;
        json_object_object_foreach(answers, key, val) {
            (void)key;
            json_object *acc;
            if (!json_object_object_get_ex(val, "accept", &acc) || !json_object_get_boolean(acc))
                all = 0;
        }
        if (all)
            t->deal = (unsigned)rn;
    }
    if (json_object_object_get_ex(o, "events", &events) &&
        json_object_is_type(events, json_type_array)) {
        size_t n = json_object_array_length(events);
        for (size_t e = 0; e < n; e++) {
            json_object *ev = json_object_array_get_idx(events, e), *x;
            ac_trace_event *ne = realloc(t->ev, (t->ne + 1) * sizeof *ne);
            if (ne)
                t->ev = ne;
            char **nl = realloc(t->ev_label, (t->ne + 1) * sizeof *nl);
            if (nl)
                t->ev_label = nl;
            char *label = malloc(512);
            if (!ne || !nl || !label) {
                free(label);
                return -1;
            }
            size_t len = 0;
            const char *party = json_object_object_get_ex(ev, "party", &x)
                                    ? json_object_get_string(x) : "?";
            len += (size_t)snprintf(label, 512, "%s", party_label(m, party));
            if (json_object_object_get_ex(ev, "reservation", &x) && len < 512)
                len += (size_t)snprintf(label + len, 512 - len, ": reservation %+.2f",
                                        json_object_get_double(x));
            if (json_object_object_get_ex(ev, "weights", &x) && len < 512)
                len += (size_t)snprintf(label + len, 512 - len, ": priorities move");
            if (json_object_object_get_ex(ev, "note", &x) && json_object_get_string(x) &&
                !json_object_is_type(x, json_type_null) && len < 512)
                snprintf(label + len, 512 - len, " (%s)", json_object_get_string(x));
            t->ev_label[t->ne] = label;
            t->ev[t->ne].round = (unsigned)rn;
            t->ev[t->ne].label = label;
            t->ne++;
        }
    }
    t->nr++;
    return 0;
}

ac_status ac_report_add_trace_jsonl(ac_report *r, const ac_model *m, const char *path,
                                    ac_error *err)
{
    if (!r || !m || !path)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_report_add_trace_jsonl: no report, model or path");
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ac_error_set(err, AC_EIO, path, 0, 0, "cannot read: %s", strerror(errno));
    trace_data t;
    memset(&t, 0, sizeof t);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    ac_status st = AC_OK;
    while ((n = getline(&line, &cap, fp)) > 0) {
        lineno++;
        if (n == 1 && line[0] == '\n')
            continue;
        json_object *o;
        int ln, col;
        char why[128];
        int at = lineno > INT_MAX ? INT_MAX : (int)lineno;
        st = parse_json(line, (size_t)n, &o, &ln, &col, why, sizeof why);
        if (st == AC_EINPUT) {
            st = ac_error_set(err, st, path, at, col, "%s", why);
            break;
        }
        if (st) {
            st = ac_error_set(err, st, NULL, 0, 0, "out of memory");
            break;
        }
        int bad = trace_line(&t, m, o);
        json_object_put(o);
        if (bad) {
            st = ac_error_set(err, AC_EINPUT, path, at, 1,
                              "not a round of a trace written by 'accord simulate --trace'");
            break;
        }
    }
    free(line);
    fclose(fp);
    if (!st && !t.nr)
        st = ac_error_set(err, AC_EINPUT, path, 0, 0, "the trace has no rounds");
    if (!st) {
        double *res = calloc(t.np, sizeof *res);
        int all_known = res != NULL;
        for (size_t i = 0; all_known && i < t.np; i++) {
            size_t p = ac_party_find(m, t.ids[i]);
            if (p == AC_NONE)
                all_known = 0;
            else
                res[i] = ac_party_reservation(m, p);
        }
        ac_trace_view v = {t.np, t.nr, t.party, t.round, t.u, all_known ? res : NULL,
                           t.ne, t.ev, t.deal};
        ac_chart *c;
        st = ac_report_section(r, "A simulated talk",
                               "One run of simulated mediated talks: how each party's utility "
                               "for the text on the table moved, and where events changed the "
                               "game.", err);
        if (!st)
            st = ac_chart_trace(&v, &c, err);
        if (!st)
            st = ac_report_add(r, c, err);
        free(res);
    }
    trace_free(&t);
    return st;
}
