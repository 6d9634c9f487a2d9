/* The model's storage, builder and accessors.
 *
 * Invariants: every string is owned by the model; preference arrays grow on demand, so
 * a reader must treat an index past an allocated array as "unset" (value 0, no red line).
 * Builder calls validate indices and ranges but never the whole model: that is
 * ac_model_check(), so a loader can add everything first and report all problems. */
#include "accord/model.h"
#include "accord/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *id, *title;
} option_t;

typedef struct {
    char *id, *title, *description;
    int locked;
    option_t *opts;
    size_t n_opts, cap_opts;
} issue_t;

typedef struct {
    double *v;            /* [n] */
    unsigned char *has;   /* [n] */
    unsigned char *red;   /* [n] */
    size_t n;
} issue_pref_t;

typedef struct {
    char *id, *name;
    ac_role role;
    double reservation, influence, discount;
    int has_prefs;
    double *weights;      /* [cap_issues] raw */
    issue_pref_t *prefs;  /* [cap_issues] */
    size_t cap_issues;
} party_t;

typedef struct {
    ac_event ev;
    size_t *wi;
    double *wd;
    char *note;
} event_t;

struct ac_model {
    char *title, *description;
    party_t *parties;
    size_t n_parties, cap_parties;
    issue_t *issues;
    size_t n_issues, cap_issues;
    size_t *plan; /* [cap_plan] */
    size_t cap_plan;
    int has_plan;
    event_t *events;
    size_t n_events, cap_events;
    ac_uncertainty *unc;
    size_t n_unc, cap_unc;
    /* Issue ids -> index + 1 (0: free slot), open addressing; cap a power of two kept at
     * least twice n_issues, so that adding 10000 issues is not quadratic. */
    size_t *issue_slots;
    size_t cap_issue_slots;
    ac_fc_input *dims; /* the `dimensions` section, for accord forecast */
};

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 4;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    memset((char *)q + *cap * elem, 0, (c - *cap) * elem);
    *p = q;
    *cap = c;
    return 0;
}

ac_model *ac_model_new(void)
{
    ac_model *m = calloc(1, sizeof *m);
    if (m && !(m->title = strdup(""))) {
        free(m);
        return NULL;
    }
    return m;
}

static void free_party(party_t *p)
{
    free(p->id);
    free(p->name);
    free(p->weights);
    for (size_t k = 0; k < p->cap_issues; k++) {
        free(p->prefs[k].v);
        free(p->prefs[k].has);
        free(p->prefs[k].red);
    }
    free(p->prefs);
}

void ac_model_free(ac_model *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->description);
    for (size_t i = 0; i < m->n_parties; i++)
        free_party(&m->parties[i]);
    free(m->parties);
    for (size_t k = 0; k < m->n_issues; k++) {
        issue_t *is = &m->issues[k];
        for (size_t o = 0; o < is->n_opts; o++) {
            free(is->opts[o].id);
            free(is->opts[o].title);
        }
        free(is->opts);
        free(is->id);
        free(is->title);
        free(is->description);
    }
    free(m->issues);
    free(m->plan);
    for (size_t e = 0; e < m->n_events; e++) {
        free(m->events[e].wi);
        free(m->events[e].wd);
        free(m->events[e].note);
    }
    free(m->events);
    free(m->unc);
    free(m->issue_slots);
    ac_fc_input_free(m->dims);
    free(m);
}

int ac_id_valid(const char *id)
{
    if (!id || !*id)
        return 0;
    size_t n = 0;
    for (const char *c = id; *c; c++, n++) {
        unsigned char ch = (unsigned char)*c;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '.' || ch == '-'))
            return 0;
    }
    return n <= AC_ID_MAX;
}

static ac_status nomem(ac_error *err)
{
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}

static ac_status bad_party(const ac_model *m, size_t p, ac_error *err)
{
    if (p >= m->n_parties)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no party with index %zu", p);
    return AC_OK;
}

static ac_status bad_issue(const ac_model *m, size_t k, ac_error *err)
{
    if (k >= m->n_issues)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no issue with index %zu", k);
    return AC_OK;
}

static ac_status bad_option(const ac_model *m, size_t k, size_t o, ac_error *err)
{
    ac_status st = bad_issue(m, k, err);
    if (st)
        return st;
    if (o >= m->issues[k].n_opts)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "issue '%s' has no option with index %zu",
                            m->issues[k].id, o);
    return AC_OK;
}

static ac_status set_str(char **dst, const char *s, ac_error *err)
{
    char *c = dup_or_null(s);
    if (s && !c)
        return nomem(err);
    free(*dst);
    *dst = c;
    return AC_OK;
}

ac_status ac_model_set_title(ac_model *m, const char *title, ac_error *err)
{
    return set_str(&m->title, title ? title : "", err);
}

ac_status ac_model_set_description(ac_model *m, const char *text, ac_error *err)
{
    return set_str(&m->description, text, err);
}

ac_status ac_model_add_party(ac_model *m, const char *id, const char *name, ac_role role,
                             size_t *index, ac_error *err)
{
    if (!ac_id_valid(id))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid party id '%s'", id ? id : "");
    if (ac_party_find(m, id) != AC_NONE)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "duplicate party id '%s'", id);
    if (role != AC_ROLE_PARTY && role != AC_ROLE_MEDIATOR)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid role");
    if (grow((void **)&m->parties, &m->cap_parties, m->n_parties + 1, sizeof(party_t)))
        return nomem(err);
    party_t *p = &m->parties[m->n_parties];
    memset(p, 0, sizeof *p);
    p->id = strdup(id);
    p->name = strdup(name ? name : id);
    if (!p->id || !p->name) {
        free(p->id);
        free(p->name);
        return nomem(err);
    }
    p->role = role;
    p->discount = 1.0;
    if (index)
        *index = m->n_parties;
    m->n_parties++;
    return AC_OK;
}

static ac_status check_unit(double x, const char *what, ac_error *err)
{
    if (!(x >= 0.0 && x <= 1.0))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "%s %g is outside [0,1]", what, x);
    return AC_OK;
}

ac_status ac_model_set_reservation(ac_model *m, size_t party, double r, ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        st = check_unit(r, "reservation value", err);
    if (!st)
        m->parties[party].reservation = r;
    return st;
}

ac_status ac_model_set_influence(ac_model *m, size_t party, double x, ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        st = check_unit(x, "influence", err);
    if (!st)
        m->parties[party].influence = x;
    return st;
}

static int issue_index_reserve(ac_model *m);
static void issue_index_put(ac_model *m, size_t k);

ac_status ac_model_add_issue(ac_model *m, const char *id, const char *title, size_t *index,
                             ac_error *err)
{
    if (!ac_id_valid(id))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid issue id '%s'", id ? id : "");
    if (ac_issue_find(m, id) != AC_NONE)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "duplicate issue id '%s'", id);
    if (grow((void **)&m->issues, &m->cap_issues, m->n_issues + 1, sizeof(issue_t)) ||
        issue_index_reserve(m))
        return nomem(err);
    issue_t *is = &m->issues[m->n_issues];
    memset(is, 0, sizeof *is);
    is->id = strdup(id);
    is->title = strdup(title ? title : id);
    if (!is->id || !is->title) {
        free(is->id);
        free(is->title);
        return nomem(err);
    }
    if (index)
        *index = m->n_issues;
    issue_index_put(m, m->n_issues);
    m->n_issues++;
    return AC_OK;
}

ac_status ac_model_set_issue_description(ac_model *m, size_t issue, const char *text,
                                         ac_error *err)
{
    ac_status st = bad_issue(m, issue, err);
    return st ? st : set_str(&m->issues[issue].description, text, err);
}

ac_status ac_model_add_option(ac_model *m, size_t issue, const char *id, const char *title,
                              size_t *index, ac_error *err)
{
    ac_status st = bad_issue(m, issue, err);
    if (st)
        return st;
    if (!ac_id_valid(id))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid option id '%s'", id ? id : "");
    issue_t *is = &m->issues[issue];
    if (ac_option_find(m, issue, id) != AC_NONE)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "duplicate option id '%s' in issue '%s'",
                            id, is->id);
    if (is->n_opts >= UINT32_MAX)
        return ac_error_set(err, AC_ELIMIT, NULL, 0, 0, "too many options");
    if (grow((void **)&is->opts, &is->cap_opts, is->n_opts + 1, sizeof(option_t)))
        return nomem(err);
    option_t *o = &is->opts[is->n_opts];
    o->id = strdup(id);
    o->title = strdup(title ? title : id);
    if (!o->id || !o->title) {
        free(o->id);
        free(o->title);
        return nomem(err);
    }
    if (index)
        *index = is->n_opts;
    is->n_opts++;
    return AC_OK;
}

/* Makes sure the party's arrays can hold issue k with all its current options. */
static ac_status pref_slot(ac_model *m, size_t party, size_t k, ac_error *err)
{
    party_t *p = &m->parties[party];
    if (k >= p->cap_issues) {
        size_t old = p->cap_issues, cap = old ? old : 4;
        while (cap < m->n_issues || cap <= k)
            cap *= 2;
        issue_pref_t *np = realloc(p->prefs, cap * sizeof *np);
        if (!np)
            return nomem(err);
        p->prefs = np;
        memset(np + old, 0, (cap - old) * sizeof *np);
        double *nw = realloc(p->weights, cap * sizeof *nw);
        if (!nw)
            return nomem(err);
        p->weights = nw;
        memset(nw + old, 0, (cap - old) * sizeof *nw);
        p->cap_issues = cap;
    }
    issue_pref_t *ip = &p->prefs[k];
    size_t n = m->issues[k].n_opts;
    if (ip->n < n) {
        double *v = realloc(ip->v, n * sizeof *v);
        if (!v)
            return nomem(err);
        ip->v = v;
        unsigned char *h = realloc(ip->has, n);
        if (!h)
            return nomem(err);
        ip->has = h;
        unsigned char *r = realloc(ip->red, n);
        if (!r)
            return nomem(err);
        ip->red = r;
        for (size_t o = ip->n; o < n; o++) {
            ip->v[o] = 0;
            ip->has[o] = 0;
            ip->red[o] = 0;
        }
        ip->n = n;
    }
    return AC_OK;
}

ac_status ac_model_set_has_preferences(ac_model *m, size_t party, ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        m->parties[party].has_prefs = 1;
    return st;
}

ac_status ac_model_set_weight(ac_model *m, size_t party, size_t issue, double w, ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        st = bad_issue(m, issue, err);
    if (st)
        return st;
    if (!(w >= 0.0) || isinf(w))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "weight %g is not a finite number >= 0", w);
    if ((st = pref_slot(m, party, issue, err)))
        return st;
    m->parties[party].weights[issue] = w;
    m->parties[party].has_prefs = 1;
    return AC_OK;
}

ac_status ac_model_set_value(ac_model *m, size_t party, size_t issue, size_t option, double v,
                             ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        st = bad_option(m, issue, option, err);
    if (!st)
        st = check_unit(v, "value", err);
    if (!st)
        st = pref_slot(m, party, issue, err);
    if (st)
        return st;
    m->parties[party].prefs[issue].v[option] = v;
    m->parties[party].prefs[issue].has[option] = 1;
    m->parties[party].has_prefs = 1;
    return AC_OK;
}

ac_status ac_model_set_red_line(ac_model *m, size_t party, size_t issue, size_t option,
                                ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (!st)
        st = bad_option(m, issue, option, err);
    if (!st)
        st = pref_slot(m, party, issue, err);
    if (st)
        return st;
    m->parties[party].prefs[issue].red[option] = 1;
    m->parties[party].has_prefs = 1;
    return AC_OK;
}

ac_status ac_model_set_plan(ac_model *m, size_t issue, size_t option, ac_error *err)
{
    ac_status st = bad_option(m, issue, option, err);
    if (st)
        return st;
    size_t old = m->cap_plan;
    if (grow((void **)&m->plan, &m->cap_plan, m->n_issues, sizeof(size_t)))
        return nomem(err);
    for (size_t k = old; k < m->cap_plan; k++)
        m->plan[k] = AC_NONE;
    m->plan[issue] = option;
    m->has_plan = 1;
    return AC_OK;
}

ac_status ac_model_set_locked(ac_model *m, size_t issue, int locked, ac_error *err)
{
    ac_status st = bad_issue(m, issue, err);
    if (!st)
        m->issues[issue].locked = locked != 0;
    return st;
}

ac_status ac_model_set_discount(ac_model *m, size_t party, double d, ac_error *err)
{
    ac_status st = bad_party(m, party, err);
    if (st)
        return st;
    if (!(d > 0.0 && d <= 1.0))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "discount factor %g is outside (0,1]", d);
    m->parties[party].discount = d;
    return AC_OK;
}

ac_status ac_model_add_event(ac_model *m, const ac_event *ev, ac_error *err)
{
    ac_status st = bad_party(m, ev->party, err);
    if (st)
        return st;
    if (!(ev->at >= 0.0 && ev->at <= 1.0))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "event time %g is outside [0,1]", ev->at);
    if (ev->has_reservation && !isfinite(ev->reservation))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "event reservation change is not finite");
    for (size_t i = 0; i < ev->n_weights; i++) {
        if ((st = bad_issue(m, ev->weight_issue[i], err)))
            return st;
        if (!isfinite(ev->weight_delta[i]))
            return ac_error_set(err, AC_EARG, NULL, 0, 0, "event weight change is not finite");
    }
    if (grow((void **)&m->events, &m->cap_events, m->n_events + 1, sizeof(event_t)))
        return nomem(err);
    event_t *e = &m->events[m->n_events];
    memset(e, 0, sizeof *e);
    e->ev = *ev;
    if (!ev->has_reservation)
        e->ev.reservation = 0; /* an unused value must not make equal models differ */
    if (ev->n_weights) {
        e->wi = malloc(ev->n_weights * sizeof *e->wi);
        e->wd = malloc(ev->n_weights * sizeof *e->wd);
        if (!e->wi || !e->wd) {
            free(e->wi);
            free(e->wd);
            return nomem(err);
        }
        memcpy(e->wi, ev->weight_issue, ev->n_weights * sizeof *e->wi);
        memcpy(e->wd, ev->weight_delta, ev->n_weights * sizeof *e->wd);
    }
    if (ev->note && !(e->note = strdup(ev->note))) {
        free(e->wi);
        free(e->wd);
        return nomem(err);
    }
    e->ev.weight_issue = e->wi;
    e->ev.weight_delta = e->wd;
    e->ev.note = e->note;
    m->n_events++;
    return AC_OK;
}

ac_status ac_model_add_uncertainty(ac_model *m, const ac_uncertainty *u, ac_error *err)
{
    ac_status st = bad_party(m, u->party, err);
    if (st)
        return st;
    if (u->kind == AC_UNC_RESERVATION) {
        if (u->issue != AC_NONE)
            return ac_error_set(err, AC_EARG, NULL, 0, 0, "a reservation spread names no issue");
    } else if (u->kind == AC_UNC_WEIGHT || u->kind == AC_UNC_VALUE) {
        if ((st = bad_issue(m, u->issue, err)))
            return st;
    } else {
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "invalid uncertainty kind");
    }
    if (!(u->sd > 0.0 && u->sd <= 1.0))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "sd %g is outside (0,1]", u->sd);
    if (grow((void **)&m->unc, &m->cap_unc, m->n_unc + 1, sizeof(ac_uncertainty)))
        return nomem(err);
    m->unc[m->n_unc++] = *u;
    return AC_OK;
}

ac_status ac_model_check(const ac_model *m, ac_error *err)
{
    size_t active = 0;
    for (size_t i = 0; i < m->n_parties; i++)
        active += m->parties[i].role == AC_ROLE_PARTY;
    if (!active)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the model has no party with role 'party'");
    if (!m->n_issues)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the model has no issue");
    for (size_t k = 0; k < m->n_issues; k++)
        if (!m->issues[k].n_opts)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "issue '%s' has no option",
                                m->issues[k].id);
    for (size_t i = 0; i < m->n_parties; i++) {
        const party_t *p = &m->parties[i];
        if (p->role == AC_ROLE_MEDIATOR) {
            if (p->has_prefs)
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                    "mediator '%s' may not have preferences", p->id);
            continue;
        }
        if (!p->has_prefs)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "party '%s' has no preferences",
                                p->id);
        double sum = 0;
        for (size_t k = 0; k < m->n_issues; k++)
            sum += ac_pref_raw_weight(m, i, k);
        if (!(sum > 0) || !isfinite(sum))
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                "party '%s': weights must not be all zero", p->id);
        for (size_t k = 0; k < m->n_issues; k++) {
            if (!(ac_pref_raw_weight(m, i, k) > 0))
                continue;
            for (size_t o = 0; o < m->issues[k].n_opts; o++)
                if (!ac_pref_has_value(m, i, k, o))
                    return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                        "party '%s': no value for option '%s' of issue '%s'",
                                        p->id, m->issues[k].opts[o].id, m->issues[k].id);
        }
    }
    for (size_t k = 0; k < m->n_issues; k++)
        if (m->issues[k].locked && !m->has_plan)
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                                "issue '%s' is locked but the model has no plan", m->issues[k].id);
    if (m->has_plan)
        for (size_t k = 0; k < m->n_issues; k++)
            if (ac_model_plan(m, k) == AC_NONE)
                return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "plan: no option for issue '%s'",
                                    m->issues[k].id);
    return AC_OK;
}

/* ---- reading ---- */
const char *ac_model_title(const ac_model *m) { return m->title ? m->title : ""; }
const char *ac_model_description(const ac_model *m) { return m->description; }
size_t ac_model_n_parties(const ac_model *m) { return m->n_parties; }
size_t ac_model_n_issues(const ac_model *m) { return m->n_issues; }
size_t ac_model_n_options(const ac_model *m, size_t k)
{
    return k < m->n_issues ? m->issues[k].n_opts : 0;
}
const char *ac_party_id(const ac_model *m, size_t i) { return m->parties[i].id; }
const char *ac_party_name(const ac_model *m, size_t i) { return m->parties[i].name; }
ac_role ac_party_role(const ac_model *m, size_t i) { return m->parties[i].role; }
double ac_party_reservation(const ac_model *m, size_t i) { return m->parties[i].reservation; }
double ac_party_influence(const ac_model *m, size_t i) { return m->parties[i].influence; }
double ac_party_discount(const ac_model *m, size_t i) { return m->parties[i].discount; }
int ac_party_has_preferences(const ac_model *m, size_t i) { return m->parties[i].has_prefs; }

size_t ac_party_find(const ac_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_parties; i++)
        if (!strcmp(m->parties[i].id, id))
            return i;
    return AC_NONE;
}

const char *ac_issue_id(const ac_model *m, size_t k) { return m->issues[k].id; }
const char *ac_issue_title(const ac_model *m, size_t k) { return m->issues[k].title; }
const char *ac_issue_description(const ac_model *m, size_t k) { return m->issues[k].description; }

static size_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *c = (const unsigned char *)id; *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    return (size_t)(h ^ (h >> 32));
}

/* Makes room for one more issue in the id index and returns 0, or -1 when out of memory. */
static int issue_index_reserve(ac_model *m)
{
    if (2 * (m->n_issues + 1) <= m->cap_issue_slots)
        return 0;
    size_t cap = m->cap_issue_slots ? 2 * m->cap_issue_slots : 16;
    size_t *v = calloc(cap, sizeof *v);
    if (!v)
        return -1;
    for (size_t k = 0; k < m->n_issues; k++) {
        size_t i = id_hash(m->issues[k].id) & (cap - 1);
        while (v[i])
            i = (i + 1) & (cap - 1);
        v[i] = k + 1;
    }
    free(m->issue_slots);
    m->issue_slots = v;
    m->cap_issue_slots = cap;
    return 0;
}

/* Enters issue k, whose id is set, into the index (room was reserved). */
static void issue_index_put(ac_model *m, size_t k)
{
    size_t i = id_hash(m->issues[k].id) & (m->cap_issue_slots - 1);
    while (m->issue_slots[i])
        i = (i + 1) & (m->cap_issue_slots - 1);
    m->issue_slots[i] = k + 1;
}

size_t ac_issue_find(const ac_model *m, const char *id)
{
    if (!m->cap_issue_slots || !id)
        return AC_NONE;
    size_t mask = m->cap_issue_slots - 1;
    for (size_t i = id_hash(id) & mask;; i = (i + 1) & mask) {
        size_t k = m->issue_slots[i];
        if (!k)
            return AC_NONE;
        if (!strcmp(m->issues[k - 1].id, id))
            return k - 1;
    }
}

const char *ac_option_id(const ac_model *m, size_t k, size_t o) { return m->issues[k].opts[o].id; }
const char *ac_option_title(const ac_model *m, size_t k, size_t o)
{
    return m->issues[k].opts[o].title;
}

size_t ac_option_find(const ac_model *m, size_t k, const char *id)
{
    if (k >= m->n_issues)
        return AC_NONE;
    for (size_t o = 0; o < m->issues[k].n_opts; o++)
        if (!strcmp(m->issues[k].opts[o].id, id))
            return o;
    return AC_NONE;
}

double ac_pref_raw_weight(const ac_model *m, size_t i, size_t k)
{
    const party_t *p = &m->parties[i];
    return k < p->cap_issues ? p->weights[k] : 0.0;
}

double ac_pref_weight(const ac_model *m, size_t i, size_t k)
{
    double sum = 0;
    for (size_t j = 0; j < m->n_issues; j++)
        sum += ac_pref_raw_weight(m, i, j);
    return sum > 0 ? ac_pref_raw_weight(m, i, k) / sum : 0.0;
}

static const issue_pref_t *ipref(const ac_model *m, size_t i, size_t k, size_t o)
{
    const party_t *p = &m->parties[i];
    if (k >= p->cap_issues || o >= p->prefs[k].n)
        return NULL;
    return &p->prefs[k];
}

int ac_pref_has_value(const ac_model *m, size_t i, size_t k, size_t o)
{
    const issue_pref_t *ip = ipref(m, i, k, o);
    return ip ? ip->has[o] : 0;
}

double ac_pref_value(const ac_model *m, size_t i, size_t k, size_t o)
{
    const issue_pref_t *ip = ipref(m, i, k, o);
    return ip ? ip->v[o] : 0.0;
}

int ac_pref_red_line(const ac_model *m, size_t i, size_t k, size_t o)
{
    const issue_pref_t *ip = ipref(m, i, k, o);
    return ip ? ip->red[o] : 0;
}

int ac_model_has_plan(const ac_model *m) { return m->has_plan; }
int ac_model_locked(const ac_model *m, size_t k) { return k < m->n_issues && m->issues[k].locked; }
size_t ac_model_plan(const ac_model *m, size_t k)
{
    return (m->has_plan && k < m->cap_plan && k < m->n_issues) ? m->plan[k] : AC_NONE;
}

size_t ac_model_n_events(const ac_model *m) { return m->n_events; }
const ac_event *ac_model_event(const ac_model *m, size_t i)
{
    return i < m->n_events ? &m->events[i].ev : NULL;
}
size_t ac_model_n_uncertainty(const ac_model *m) { return m->n_unc; }
const ac_uncertainty *ac_model_uncertainty(const ac_model *m, size_t i)
{
    return i < m->n_unc ? &m->unc[i] : NULL;
}

double ac_model_utility(const ac_model *m, size_t party, const uint32_t *outcome)
{
    double u = 0;
    for (size_t k = 0; k < m->n_issues; k++)
        u += ac_pref_weight(m, party, k) * ac_pref_value(m, party, k, outcome[k]);
    return u;
}

static int str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

int ac_model_equal(const ac_model *a, const ac_model *b)
{
    if (!ac_fc_input_equal(a->dims, b->dims))
        return 0;
    if (!str_eq(ac_model_title(a), ac_model_title(b)) || !str_eq(a->description, b->description))
        return 0;
    if (a->n_parties != b->n_parties || a->n_issues != b->n_issues)
        return 0;
    for (size_t k = 0; k < a->n_issues; k++) {
        const issue_t *x = &a->issues[k], *y = &b->issues[k];
        if (!str_eq(x->id, y->id) || !str_eq(x->title, y->title) ||
            !str_eq(x->description, y->description) || x->n_opts != y->n_opts ||
            x->locked != y->locked)
            return 0;
        for (size_t o = 0; o < x->n_opts; o++)
            if (!str_eq(x->opts[o].id, y->opts[o].id) || !str_eq(x->opts[o].title, y->opts[o].title))
                return 0;
    }
    for (size_t i = 0; i < a->n_parties; i++) {
        const party_t *p = &a->parties[i], *q = &b->parties[i];
        if (!str_eq(p->id, q->id) || !str_eq(p->name, q->name) || p->role != q->role ||
            p->reservation != q->reservation || p->influence != q->influence ||
            p->discount != q->discount ||
            p->has_prefs != q->has_prefs)
            return 0;
        for (size_t k = 0; k < a->n_issues; k++) {
            if (ac_pref_raw_weight(a, i, k) != ac_pref_raw_weight(b, i, k))
                return 0;
            for (size_t o = 0; o < a->issues[k].n_opts; o++)
                if (ac_pref_has_value(a, i, k, o) != ac_pref_has_value(b, i, k, o) ||
                    ac_pref_value(a, i, k, o) != ac_pref_value(b, i, k, o) ||
                    ac_pref_red_line(a, i, k, o) != ac_pref_red_line(b, i, k, o))
                    return 0;
        }
    }
    if (a->has_plan != b->has_plan)
        return 0;
    for (size_t k = 0; k < a->n_issues; k++)
        if (ac_model_plan(a, k) != ac_model_plan(b, k))
            return 0;
    if (a->n_events != b->n_events || a->n_unc != b->n_unc)
        return 0;
    for (size_t e = 0; e < a->n_events; e++) {
        const ac_event *x = &a->events[e].ev, *y = &b->events[e].ev;
        if (x->at != y->at || x->party != y->party || x->has_reservation != y->has_reservation ||
            x->reservation != y->reservation || x->n_weights != y->n_weights || !str_eq(x->note, y->note))
            return 0;
        for (size_t j = 0; j < x->n_weights; j++)
            if (x->weight_issue[j] != y->weight_issue[j] || x->weight_delta[j] != y->weight_delta[j])
                return 0;
    }
    for (size_t u = 0; u < a->n_unc; u++) {
        const ac_uncertainty *x = &a->unc[u], *y = &b->unc[u];
        if (x->party != y->party || x->kind != y->kind || x->issue != y->issue || x->sd != y->sd)
            return 0;
    }
    return 1;
}

ac_model *ac_model_clone(const ac_model *m)
{
    ac_model *c = ac_model_new();
    if (!c)
        return NULL;
    ac_status st = ac_model_set_title(c, m->title, NULL);
    if (!st && m->description)
        st = ac_model_set_description(c, m->description, NULL);
    for (size_t k = 0; !st && k < m->n_issues; k++) {
        const issue_t *is = &m->issues[k];
        st = ac_model_add_issue(c, is->id, is->title, NULL, NULL);
        if (!st && is->description)
            st = ac_model_set_issue_description(c, k, is->description, NULL);
        for (size_t o = 0; !st && o < is->n_opts; o++)
            st = ac_model_add_option(c, k, is->opts[o].id, is->opts[o].title, NULL, NULL);
    }
    for (size_t i = 0; !st && i < m->n_parties; i++) {
        const party_t *p = &m->parties[i];
        st = ac_model_add_party(c, p->id, p->name, p->role, NULL, NULL);
        if (!st)
            c->parties[i].reservation = p->reservation;
        if (!st)
            c->parties[i].influence = p->influence;
        if (!st)
            c->parties[i].discount = p->discount;
        if (!st && p->has_prefs)
            st = ac_model_set_has_preferences(c, i, NULL);
        for (size_t k = 0; !st && k < m->n_issues; k++) {
            if (ac_pref_raw_weight(m, i, k) != 0)
                st = ac_model_set_weight(c, i, k, ac_pref_raw_weight(m, i, k), NULL);
            for (size_t o = 0; !st && o < m->issues[k].n_opts; o++) {
                if (ac_pref_has_value(m, i, k, o))
                    st = ac_model_set_value(c, i, k, o, ac_pref_value(m, i, k, o), NULL);
                if (!st && ac_pref_red_line(m, i, k, o))
                    st = ac_model_set_red_line(c, i, k, o, NULL);
            }
        }
    }
    for (size_t k = 0; !st && m->has_plan && k < m->n_issues; k++)
        if (ac_model_plan(m, k) != AC_NONE)
            st = ac_model_set_plan(c, k, ac_model_plan(m, k), NULL);
    for (size_t k = 0; !st && k < m->n_issues; k++)
        if (m->issues[k].locked)
            st = ac_model_set_locked(c, k, 1, NULL);
    for (size_t e = 0; !st && e < m->n_events; e++)
        st = ac_model_add_event(c, &m->events[e].ev, NULL);
    for (size_t u = 0; !st && u < m->n_unc; u++)
        st = ac_model_add_uncertainty(c, &m->unc[u], NULL);
    if (!st && m->dims && !(c->dims = ac_fc_input_clone(m->dims)))
        st = AC_ENOMEM;
    if (st) {
        ac_model_free(c);
        return NULL;
    }
    return c;
}

const ac_fc_input *ac_model_dimensions(const ac_model *m) { return m->dims; }

void ac_model_set_dimensions(ac_model *m, ac_fc_input *d)
{
    ac_fc_input_free(m->dims);
    m->dims = d;
}
