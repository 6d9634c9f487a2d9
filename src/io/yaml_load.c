/* The model loader: YAML model files (docs/model-format.md) -> ac_model.
 *
 * The document is walked once, section by section, in an order that makes every
 * reference resolvable (parties and issues before preferences, plan, events and
 * uncertainty). Each rule is checked where the node's position is known, so every
 * problem is reported as file:line:col; the walk never stops at the first problem.
 * The model is built through the public builder as the walk goes and thrown away when
 * anything was reported; ac_model_check() runs last as a safety net.
 *
 * To keep one mistake from causing a cascade of messages, an id that was reported as
 * invalid is remembered and later references to it stay silent, and options of an issue
 * whose option list had problems are not checked against it.
 *
 * Cost stays near linear in the file size, since a hostile 16 MiB file could otherwise
 * take hours: ids are found through a hash index, and "seen in this mapping" marks are
 * generation stamps rather than arrays cleared for every mapping.
 *
 * Invariants: the loader never exits or aborts, frees everything on every path, and
 * returns a model only when not a single problem was found. */
#include "accord/yaml.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/embedded.h"
#include "io/yaml_conflict.h"
#include "io/yaml_doc.h"
#include "io/yaml_dims.h"
#include "io/read_file.h"

typedef struct {
    yaml_node_t *node;  /* the entry in 'parties', for "has no preferences" */
    int role_known;     /* the role was read without a problem */
    yaml_node_t *prefs; /* its key under 'preferences', once seen */
} party_info;

typedef struct {
    yaml_node_t *node; /* the entry in 'issues' */
    int opts_bad;      /* the option list had problems: option references are not checked */
    size_t base;       /* offset of the issue's first option in ostamp */
} issue_info;

/* The id index: (scope, id) -> index, open addressing. An option's scope is
 * SCOPE_OPTION + its issue's index. Strings are not copied: they live in the document
 * or the model, both of which outlive the index. */
enum { SCOPE_PARTY, SCOPE_ISSUE, SCOPE_BAD_PARTY, SCOPE_BAD_ISSUE, SCOPE_OPTION };

typedef struct {
    const char *id; /* NULL: free */
    size_t scope, index;
} idslot;

typedef struct {
    idslot *v;
    size_t cap, n; /* cap is a power of two */
} idmap;

/* The preferences may hold at most this many (party, issue or option) cells. The model
 * stores preferences densely, so without a bound a 16 MiB file naming 100000 parties and
 * 100000 issues would ask for hundreds of gigabytes. */
#define MAX_PREF_CELLS ((size_t)4 * 1000 * 1000)

/* Size limits of a model (docs/model-format.md, Limits): far beyond any real table of
 * talks; they keep what the analysis is handed small. */
#define MAX_PARTIES 64
#define MAX_ISSUES 10000
#define MAX_OPTIONS 1000

typedef struct {
    ac__ydoc y;
    ac_model *m;
    party_info *pi; /* by model party index */
    issue_info *ii; /* by model issue index */
    size_t n_opts;  /* options of all issues */
    idmap ids;
    /* Marks for "seen in the mapping being read": x is marked when stamp[x] == gen. */
    size_t gen;
    size_t *istamp;      /* by issue */
    yaml_node_t **inode; /* by issue: the node seen, valid when istamp says so */
    size_t *ostamp;      /* by issue_info.base + option */
    size_t *weighted;    /* issues of positive weight in the weights just read */
    size_t n_weighted;
} loader;

#define WHERE_MAX (AC__YSHOW + 96)

static size_t id_hash(size_t scope, const char *id)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)scope * 0x9E3779B97F4A7C15ull;
    for (const unsigned char *c = (const unsigned char *)id; *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    return (size_t)(h ^ (h >> 29));
}

static size_t id_find(const loader *L, size_t scope, const char *id)
{
    const idmap *m = &L->ids;
    if (!m->cap)
        return AC_NONE;
    for (size_t i = id_hash(scope, id) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const idslot *s = &m->v[i];
        if (!s->id)
            return AC_NONE;
        if (s->scope == scope && !strcmp(s->id, id))
            return s->index;
    }
}

static void id_put(loader *L, size_t scope, const char *id, size_t index)
{
    idmap *m = &L->ids;
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        idslot *v = calloc(cap, sizeof *v);
        if (!v) {
            L->y.nomem = 1;
            return;
        }
        for (size_t j = 0; j < m->cap; j++) {
            if (!m->v[j].id)
                continue;
            size_t i = id_hash(m->v[j].scope, m->v[j].id) & (cap - 1);
            while (v[i].id)
                i = (i + 1) & (cap - 1);
            v[i] = m->v[j];
        }
        free(m->v);
        m->v = v;
        m->cap = cap;
    }
    size_t i = id_hash(scope, id) & (m->cap - 1);
    while (m->v[i].id)
        i = (i + 1) & (m->cap - 1);
    m->v[i] = (idslot){id, scope, index};
    m->n++;
}

/* A builder call's outcome: a refusal becomes a located problem (the walk checks first,
 * so this is only reached for rules the walk does not know about). */
static int built(loader *L, ac_status st, const ac_error *e, const yaml_node_t *at)
{
    if (st == AC_OK)
        return 1;
    if (st == AC_ENOMEM)
        L->y.nomem = 1;
    else
        ac__yreport(&L->y, at, "%s", e->message);
    return 0;
}

static size_t n_items(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

static size_t n_pairs(const yaml_node_t *map)
{
    return (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
}

#define FOR_ITEMS(L, seq, it)                                                                      \
    for (yaml_node_item_t *it##_i = (seq)->data.sequence.items.start;                              \
         it##_i < (seq)->data.sequence.items.top; it##_i++)                                        \
        for (yaml_node_t *it = ac__ynode(&(L)->y, *it##_i); it; it = NULL)

#define FOR_PAIRS(L, map, k, v)                                                                    \
    for (yaml_node_pair_t *k##_p = (map)->data.mapping.pairs.start;                                \
         k##_p < (map)->data.mapping.pairs.top; k##_p++)                                           \
        for (yaml_node_t *k = ac__ynode(&(L)->y, k##_p->key),                                      \
                         *v = ac__ynode(&(L)->y, k##_p->value);                                    \
             k && v; k = NULL)

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int line_of(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }

/* A number in [lo,hi]; open_lo excludes lo. The message quotes the text as written. */
static int ranged(loader *L, const yaml_node_t *n, const char *what, double lo, int open_lo,
                  double hi, double *out)
{
    double x;
    if (!ac__ynumber(&L->y, n, what, &x))
        return 0;
    if ((open_lo ? !(x > lo) : !(x >= lo)) || !(x <= hi)) {
        char show[AC__YSHOW];
        ac__yreport(&L->y, n, "%s must be in %c%g,%g], found %s", what, open_lo ? '(' : '[', lo, hi,
                    ac__yshow(show, scalar(n)));
        return 0;
    }
    *out = x;
    return 1;
}

static int check_id(loader *L, const yaml_node_t *n, const char *id, const char *kind)
{
    if (ac_id_valid(id))
        return 1;
    char show[AC__YSHOW];
    if (strlen(id) > AC_ID_MAX)
        ac__yreport(&L->y, n, "%s id '%s' is longer than %d characters", kind, ac__yshow(show, id),
                    AC_ID_MAX);
    else
        ac__yreport(&L->y, n, "invalid %s id '%s' (ids use only letters, digits, '_', '.' and '-')",
                    kind, ac__yshow(show, id));
    return 0;
}

/* ---- references ---- */

static size_t ref_party(loader *L, const yaml_node_t *n, const char *where)
{
    const char *id = ac__ystr(&L->y, n, "a party id", 1);
    if (!id)
        return AC_NONE;
    size_t p = id_find(L, SCOPE_PARTY, id);
    if (p == AC_NONE && id_find(L, SCOPE_BAD_PARTY, id) == AC_NONE) {
        char show[AC__YSHOW];
        ac__yreport(&L->y, n, "unknown party '%s' %s", ac__yshow(show, id), where);
    }
    return p;
}

static size_t ref_issue(loader *L, const yaml_node_t *n, const char *where)
{
    const char *id = ac__ystr(&L->y, n, "an issue id", 1);
    if (!id)
        return AC_NONE;
    size_t k = id_find(L, SCOPE_ISSUE, id);
    if (k == AC_NONE && id_find(L, SCOPE_BAD_ISSUE, id) == AC_NONE) {
        char show[AC__YSHOW];
        ac__yreport(&L->y, n, "unknown issue '%s' %s", ac__yshow(show, id), where);
    }
    return k;
}

/* k may be AC_NONE (the issue was already reported): then only the node's type is checked. */
static size_t ref_option(loader *L, size_t k, const yaml_node_t *n, const char *where)
{
    const char *id = ac__ystr(&L->y, n, "an option id", 1);
    if (!id || k == AC_NONE)
        return AC_NONE;
    size_t o = id_find(L, SCOPE_OPTION + k, id);
    if (o == AC_NONE && !L->ii[k].opts_bad) {
        char show[AC__YSHOW], is[AC__YSHOW];
        ac__yreport(&L->y, n, "unknown option '%s' of issue '%s' %s", ac__yshow(show, id),
                    ac__yshow(is, ac_issue_id(L->m, k)), where);
    }
    return o;
}

/* ---- parties ---- */

static void load_parties(loader *L, yaml_node_t *seq)
{
    ac__ydoc *y = &L->y;
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, "'parties'"))
        return;
    /* Past a limit the entries are still checked (every problem is reported); the cost
     * stays linear and the model is thrown away anyway. */
    if (n_items(seq) > MAX_PARTIES)
        ac__yreport(y, seq, "too many parties: %zu (the limit is %d)", n_items(seq), MAX_PARTIES);
    L->pi = calloc(n_items(seq) + 1, sizeof *L->pi);
    if (!L->pi) {
        y->nomem = 1;
        return;
    }
    size_t may_be_party = 0;
    FOR_ITEMS(L, seq, it) {
        if (!ac__yexpect(y, it, YAML_MAPPING_NODE, "a party entry")) {
            may_be_party++;
            continue;
        }
        char show[AC__YSHOW], where[WHERE_MAX], what[WHERE_MAX];
        const char *idtext = scalar(ac__ylookup(y, it, "id"));
        if (idtext)
            snprintf(where, sizeof where, "in party '%s'", ac__yshow(show, idtext));
        else
            snprintf(where, sizeof where, "in a party entry");
        ac__yfield f[] = {{.name = "id"},
                          {.name = "name"},
                          {.name = "role"},
                          {.name = "reservation"},
                          {.name = "influence"},
                          {.name = "discount"}};
        ac__yfields(y, it, f, 6, where);
        const char *who = idtext ? show : "?";

        const char *id = NULL;
        int id_ok = 0;
        if (ac__yrequire(y, it, &f[0], where) && (id = ac__ystr(y, f[0].v, "a party id", 1))) {
            id_ok = check_id(L, f[0].v, id, "party");
            if (!id_ok)
                id_put(L, SCOPE_BAD_PARTY, id, 0);
        }
        if (id_ok) {
            size_t first = id_find(L, SCOPE_PARTY, id);
            if (first != AC_NONE) {
                ac__yreport(y, f[0].v, "duplicate party id '%s' (first at line %d)", who,
                            line_of(L->pi[first].node));
                id_ok = 0;
            }
        }

        const char *name = NULL;
        if (f[1].v) {
            snprintf(what, sizeof what, "the name of party '%s'", who);
            name = ac__ystr(y, f[1].v, what, 0);
        }
        ac_role role = AC_ROLE_PARTY;
        int role_known = 1;
        if (f[2].v) {
            snprintf(what, sizeof what, "the role of party '%s'", who);
            const char *r = ac__ystr(y, f[2].v, what, 0);
            if (r && !strcmp(r, "mediator"))
                role = AC_ROLE_MEDIATOR;
            else if (!r || strcmp(r, "party")) {
                role_known = 0;
                if (r) {
                    char rs[AC__YSHOW];
                    ac__yreport(y, f[2].v, "%s must be 'party' or 'mediator', found '%s'", what,
                                ac__yshow(rs, r));
                }
            }
        }
        if (role != AC_ROLE_MEDIATOR)
            may_be_party++;

        double res = 0, infl = 0;
        int has_res = 0, has_infl = 0;
        if (f[3].v) {
            if (role == AC_ROLE_MEDIATOR) {
                ac__yreport(y, f[3].k,
                            "mediator '%s' may not have a reservation value (a mediator has no "
                            "preferences)",
                            who);
            } else {
                snprintf(what, sizeof what, "the reservation value of party '%s'", who);
                has_res = ranged(L, f[3].v, what, 0, 0, 1, &res);
            }
        }
        if (f[4].v) {
            snprintf(what, sizeof what, "the influence of party '%s'", who);
            has_infl = ranged(L, f[4].v, what, 0, 0, 1, &infl);
        }
        double disc = 1;
        int has_disc = 0;
        if (f[5].v) {
            if (role == AC_ROLE_MEDIATOR) {
                ac__yreport(y, f[5].k, "mediator '%s' may not have a discount factor", who);
            } else {
                snprintf(what, sizeof what, "the discount factor of party '%s'", who);
                has_disc = ranged(L, f[5].v, what, 0, 1, 1, &disc);
            }
        }

        if (!id_ok)
            continue;
        size_t p;
        ac_error e;
        if (!built(L, ac_model_add_party(L->m, id, name, role, &p, &e), &e, f[0].v))
            continue;
        id_put(L, SCOPE_PARTY, ac_party_id(L->m, p), p);
        L->pi[p].node = it;
        L->pi[p].role_known = role_known;
        if (has_res)
            built(L, ac_model_set_reservation(L->m, p, res, &e), &e, f[3].v);
        if (has_infl)
            built(L, ac_model_set_influence(L->m, p, infl, &e), &e, f[4].v);
        if (has_disc)
            built(L, ac_model_set_discount(L->m, p, disc, &e), &e, f[5].v);
    }
    if (!may_be_party)
        ac__yreport(y, seq,
                    n_items(seq) ? "no party with role 'party': a model needs at least one"
                                 : "the list of parties is empty");
}

/* ---- issues ---- */

/* k is AC_NONE when the issue itself could not be added: the options are still checked. */
static int load_options(loader *L, size_t k, yaml_node_t *opts, const char *who)
{
    ac__ydoc *y = &L->y;
    char what[WHERE_MAX], where[WHERE_MAX];
    snprintf(what, sizeof what, "the options of issue '%s'", who);
    if (!ac__yexpect(y, opts, YAML_SEQUENCE_NODE, what))
        return 0;
    if (!n_items(opts)) {
        ac__yreport(y, opts, "issue '%s' has an empty option list", who);
        return 0;
    }
    int ok = n_items(opts) <= MAX_OPTIONS;
    if (!ok)
        ac__yreport(y, opts, "issue '%s' has too many options: %zu (the limit is %d)", who,
                    n_items(opts), MAX_OPTIONS);
    snprintf(where, sizeof where, "in an option of issue '%s'", who);
    FOR_ITEMS(L, opts, it) {
        yaml_node_t *idn = it;
        const char *title = NULL;
        if (it->type == YAML_MAPPING_NODE) {
            ac__yfield f[] = {{.name = "id"}, {.name = "title"}};
            ac__yfields(y, it, f, 2, where);
            if (f[1].v) {
                snprintf(what, sizeof what, "the title of an option of issue '%s'", who);
                if (!(title = ac__ystr(y, f[1].v, what, 0)))
                    ok = 0;
            }
            if (!(idn = ac__yrequire(y, it, &f[0], where))) {
                ok = 0;
                continue;
            }
        } else if (it->type != YAML_SCALAR_NODE) {
            ac__yreport(y, it,
                        "expected an option id or a mapping {id: ..., title: ...} for an option "
                        "of issue '%s', found %s",
                        who, ac__ykind(it));
            ok = 0;
            continue;
        }
        const char *id = ac__ystr(y, idn, "an option id", 1);
        if (!id || !check_id(L, idn, id, "option")) {
            ok = 0;
            continue;
        }
        if (k == AC_NONE)
            continue;
        if (id_find(L, SCOPE_OPTION + k, id) != AC_NONE) {
            char show[AC__YSHOW];
            ac__yreport(y, idn, "duplicate option id '%s' in issue '%s'", ac__yshow(show, id), who);
            continue;
        }
        ac_error e;
        size_t o;
        if (built(L, ac_model_add_option(L->m, k, id, title, &o, &e), &e, idn))
            id_put(L, SCOPE_OPTION + k, ac_option_id(L->m, k, o), o);
        else
            ok = 0;
    }
    return ok;
}

static void load_issues(loader *L, yaml_node_t *seq)
{
    ac__ydoc *y = &L->y;
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, "'issues'"))
        return;
    if (n_items(seq) > MAX_ISSUES)
        ac__yreport(y, seq, "too many issues: %zu (the limit is %d)", n_items(seq), MAX_ISSUES);
    L->ii = calloc(n_items(seq) + 1, sizeof *L->ii);
    if (!L->ii) {
        y->nomem = 1;
        return;
    }
    if (!n_items(seq))
        ac__yreport(y, seq, "the list of issues is empty: a model needs at least one issue");
    FOR_ITEMS(L, seq, it) {
        if (!ac__yexpect(y, it, YAML_MAPPING_NODE, "an issue entry"))
            continue;
        char show[AC__YSHOW], where[WHERE_MAX], what[WHERE_MAX];
        const char *idtext = scalar(ac__ylookup(y, it, "id"));
        if (idtext)
            snprintf(where, sizeof where, "in issue '%s'", ac__yshow(show, idtext));
        else
            snprintf(where, sizeof where, "in an issue entry");
        ac__yfield f[] = {
            {.name = "id"}, {.name = "title"}, {.name = "description"}, {.name = "options"}};
        ac__yfields(y, it, f, 4, where);
        const char *who = idtext ? show : "?";

        const char *id = NULL;
        int id_ok = 0;
        if (ac__yrequire(y, it, &f[0], where) && (id = ac__ystr(y, f[0].v, "an issue id", 1))) {
            id_ok = check_id(L, f[0].v, id, "issue");
            if (!id_ok)
                id_put(L, SCOPE_BAD_ISSUE, id, 0);
        }
        size_t first = id_ok ? id_find(L, SCOPE_ISSUE, id) : AC_NONE;
        if (first != AC_NONE) {
            ac__yreport(y, f[0].v, "duplicate issue id '%s' (first at line %d)", who,
                        line_of(L->ii[first].node));
            id_ok = 0;
        }
        const char *title = NULL, *desc = NULL;
        if (f[1].v) {
            snprintf(what, sizeof what, "the title of issue '%s'", who);
            title = ac__ystr(y, f[1].v, what, 0);
        }
        if (f[2].v) {
            snprintf(what, sizeof what, "the description of issue '%s'", who);
            desc = ac__ystr(y, f[2].v, what, 0);
        }
        size_t k = AC_NONE;
        ac_error e;
        if (id_ok && built(L, ac_model_add_issue(L->m, id, title, &k, &e), &e, f[0].v)) {
            id_put(L, SCOPE_ISSUE, ac_issue_id(L->m, k), k);
            L->ii[k].node = it;
            if (desc)
                built(L, ac_model_set_issue_description(L->m, k, desc, &e), &e, f[2].v);
        }
        int opts_ok = 0;
        if (ac__yrequire(y, it, &f[3], where))
            opts_ok = load_options(L, k, f[3].v, who);
        if (k != AC_NONE)
            L->ii[k].opts_bad = !opts_ok;
    }
    size_t n = ac_model_n_issues(L->m), base = 0;
    for (size_t k = 0; k < n; k++) {
        L->ii[k].base = base;
        base += ac_model_n_options(L->m, k);
    }
    L->n_opts = base;
    L->istamp = calloc(n + 1, sizeof *L->istamp);
    L->inode = calloc(n + 1, sizeof *L->inode);
    L->weighted = calloc(n + 1, sizeof *L->weighted);
    L->ostamp = calloc(base + 1, sizeof *L->ostamp);
    if (!L->istamp || !L->inode || !L->weighted || !L->ostamp)
        y->nomem = 1;
}

/* Starts a new "seen" generation. */
static void new_marks(loader *L) { L->gen++; }

/* Marks issue k as seen at node n; returns the node it was seen at before, or NULL. */
static yaml_node_t *mark_issue(loader *L, size_t k, yaml_node_t *n)
{
    if (L->istamp[k] == L->gen)
        return L->inode[k];
    L->istamp[k] = L->gen;
    L->inode[k] = n;
    return NULL;
}

static yaml_node_t *issue_seen(const loader *L, size_t k)
{
    return L->istamp[k] == L->gen ? L->inode[k] : NULL;
}

/* Marks option o of issue k; returns 1 when it was marked already. */
static int mark_option(loader *L, size_t k, size_t o)
{
    size_t *s = &L->ostamp[L->ii[k].base + o];
    if (*s == L->gen)
        return 1;
    *s = L->gen;
    return 0;
}

/* ---- preferences ---- */

/* Leaves the issues of positive weight in L->weighted, for the values check that follows. */
static void load_weights(loader *L, size_t p, const char *who, yaml_node_t *map)
{
    ac__ydoc *y = &L->y;
    char what[WHERE_MAX], where[WHERE_MAX], show[AC__YSHOW];
    snprintf(what, sizeof what, "the weights of '%s'", who);
    if (!ac__yexpect(y, map, YAML_MAPPING_NODE, what))
        return;
    snprintf(where, sizeof where, "in the weights of '%s'", who);
    new_marks(L);
    int unsure = 0; /* an entry was reported or skipped: "all zero" would be a guess */
    double sum = 0;
    FOR_PAIRS(L, map, kn, vn) {
        size_t k = ref_issue(L, kn, where);
        unsure |= k == AC_NONE;
        yaml_node_t *first = k != AC_NONE ? mark_issue(L, k, kn) : NULL;
        if (first) {
            ac__yreport(y, kn, "duplicate key '%s' %s (first at line %d)",
                        ac__yshow(show, ac_issue_id(L->m, k)), where, line_of(first));
            continue;
        }
        const char *iss = scalar(kn) ? ac__yshow(show, scalar(kn)) : "?";
        snprintf(what, sizeof what, "the weight of issue '%s' for '%s'", iss, who);
        double x;
        if (!ac__ynumber(y, vn, what, &x)) {
            unsure = 1;
            continue;
        }
        if (x < 0) {
            char v[AC__YSHOW];
            ac__yreport(y, vn, "%s must be >= 0, found %s", what, ac__yshow(v, scalar(vn)));
            unsure = 1;
            continue;
        }
        if (k == AC_NONE)
            continue;
        sum += x;
        if (x > 0)
            L->weighted[L->n_weighted++] = k;
        if (p != AC_NONE) {
            ac_error e;
            built(L, ac_model_set_weight(L->m, p, k, x, &e), &e, vn);
        }
    }
    /* Whole-entry rules only for an entry that belongs to a party (see load_party_prefs). */
    if (p == AC_NONE)
        return;
    if (!L->n_weighted && !unsure)
        ac__yreport(y, map, "the weights of '%s' are all zero: at least one must be positive", who);
    else if (L->n_weighted && !isfinite(sum))
        ac__yreport(y, map, "the weights of '%s' are too large: their sum overflows", who);
}

static void load_values(loader *L, size_t p, const char *who, yaml_node_t *map)
{
    ac__ydoc *y = &L->y;
    char what[WHERE_MAX], where[WHERE_MAX], show[AC__YSHOW], is[AC__YSHOW];
    snprintf(what, sizeof what, "the values of '%s'", who);
    if (!ac__yexpect(y, map, YAML_MAPPING_NODE, what))
        return;
    snprintf(where, sizeof where, "in the values of '%s'", who);
    /* One generation for the whole mapping: issues and options of different issues
     * cannot collide, as options are stamped by their own slots. */
    new_marks(L);
    FOR_PAIRS(L, map, kn, vn) {
        size_t k = ref_issue(L, kn, where);
        yaml_node_t *first = k != AC_NONE ? mark_issue(L, k, vn) : NULL;
        if (first) {
            ac__yreport(y, kn, "duplicate key '%s' %s (first at line %d)",
                        ac__yshow(show, ac_issue_id(L->m, k)), where, line_of(first));
            continue;
        }
        const char *iss = scalar(kn) ? ac__yshow(is, scalar(kn)) : "?";
        snprintf(what, sizeof what, "the values of issue '%s' for '%s'", iss, who);
        if (!ac__yexpect(y, vn, YAML_MAPPING_NODE, what))
            continue; /* not a mapping: the issue's coverage is skipped below */
        char iwhere[WHERE_MAX];
        snprintf(iwhere, sizeof iwhere, "in the values of issue '%s' for '%s'", iss, who);
        FOR_PAIRS(L, vn, on, xn) {
            size_t o = ref_option(L, k, on, where);
            if (o != AC_NONE && mark_option(L, k, o)) {
                ac__yreport(y, on, "duplicate key '%s' %s",
                            ac__yshow(show, ac_option_id(L->m, k, o)), iwhere);
                continue;
            }
            const char *opt = scalar(on) ? ac__yshow(show, scalar(on)) : "?";
            snprintf(what, sizeof what, "the value of option '%s' of issue '%s' for '%s'", opt, iss,
                     who);
            double x;
            if (!ranged(L, xn, what, 0, 0, 1, &x) || o == AC_NONE || p == AC_NONE)
                continue;
            ac_error e;
            built(L, ac_model_set_value(L->m, p, k, o, x, &e), &e, xn);
        }
    }
    for (size_t j = 0; j < L->n_weighted && p != AC_NONE; j++) {
        size_t k = L->weighted[j];
        if (L->ii[k].opts_bad)
            continue;
        ac__yshow(is, ac_issue_id(L->m, k));
        yaml_node_t *inner = issue_seen(L, k);
        if (!inner) {
            ac__yreport(y, map,
                        "missing values for issue '%s' in preferences of '%s' (the issue has a "
                        "positive weight)",
                        is, who);
            continue;
        }
        if (inner->type != YAML_MAPPING_NODE)
            continue;
        for (size_t o = 0; o < ac_model_n_options(L->m, k); o++)
            if (L->ostamp[L->ii[k].base + o] != L->gen)
                ac__yreport(y, inner,
                            "missing value for option '%s' of issue '%s' in preferences of '%s' "
                            "(the issue has a positive weight)",
                            ac__yshow(show, ac_option_id(L->m, k, o)), is, who);
    }
}

static void load_red_lines(loader *L, size_t p, const char *who, yaml_node_t *seq)
{
    ac__ydoc *y = &L->y;
    char what[WHERE_MAX], where[WHERE_MAX];
    snprintf(what, sizeof what, "the red lines of '%s'", who);
    if (!ac__yexpect(y, seq, YAML_SEQUENCE_NODE, what))
        return;
    snprintf(where, sizeof where, "in a red line of '%s'", who);
    FOR_ITEMS(L, seq, it) {
        snprintf(what, sizeof what, "a red line of '%s'", who);
        if (!ac__yexpect(y, it, YAML_MAPPING_NODE, what))
            continue;
        ac__yfield f[] = {{.name = "issue"}, {.name = "options"}};
        ac__yfields(y, it, f, 2, where);
        size_t k = AC_NONE;
        if (ac__yrequire(y, it, &f[0], where))
            k = ref_issue(L, f[0].v, where);
        if (!ac__yrequire(y, it, &f[1], where))
            continue;
        snprintf(what, sizeof what, "the options of a red line of '%s'", who);
        if (!ac__yexpect(y, f[1].v, YAML_SEQUENCE_NODE, what))
            continue;
        if (!n_items(f[1].v)) {
            ac__yreport(y, f[1].v, "a red line of '%s' has an empty option list", who);
            continue;
        }
        FOR_ITEMS(L, f[1].v, on) {
            size_t o = ref_option(L, k, on, where);
            if (o == AC_NONE || p == AC_NONE)
                continue;
            ac_error e;
            built(L, ac_model_set_red_line(L->m, p, k, o, &e), &e, on);
        }
    }
}

/* p is AC_NONE when the entry cannot belong to a party (already reported): its entries
 * are still checked, but nothing is built and the rules about the entry as a whole (all
 * weights zero, values missing) are left out, as they would only repeat the problem. */
static void load_party_prefs(loader *L, size_t p, const char *who, yaml_node_t *v)
{
    ac__ydoc *y = &L->y;
    char what[WHERE_MAX], where[WHERE_MAX];
    snprintf(what, sizeof what, "the preferences of '%s'", who);
    if (!ac__yexpect(y, v, YAML_MAPPING_NODE, what))
        return;
    snprintf(where, sizeof where, "in preferences of '%s'", who);
    ac__yfield f[] = {{.name = "weights"}, {.name = "values"}, {.name = "red_lines"}};
    ac__yfields(y, v, f, 3, where);
    ac_error e;
    if (p != AC_NONE && !built(L, ac_model_set_has_preferences(L->m, p, &e), &e, v))
        return;
    L->n_weighted = 0;
    if (ac__yrequire(y, v, &f[0], where))
        load_weights(L, p, who, f[0].v);
    if (ac__yrequire(y, v, &f[1], where))
        load_values(L, p, who, f[1].v);
    if (f[2].v)
        load_red_lines(L, p, who, f[2].v);
}

static void load_preferences(loader *L, yaml_node_t *map)
{
    ac__ydoc *y = &L->y;
    if (!ac__yexpect(y, map, YAML_MAPPING_NODE, "'preferences'"))
        return;
    FOR_PAIRS(L, map, kn, vn) {
        size_t p = ref_party(L, kn, "in 'preferences'");
        char show[AC__YSHOW];
        const char *who = scalar(kn) ? ac__yshow(show, scalar(kn)) : "?";
        if (p != AC_NONE && ac_party_role(L->m, p) == AC_ROLE_MEDIATOR) {
            ac__yreport(y, kn, "mediator '%s' may not have preferences", who);
            p = AC_NONE;
        } else if (p != AC_NONE && L->pi[p].prefs) {
            ac__yreport(y, kn, "duplicate key '%s' in 'preferences' (first at line %d)", who,
                        line_of(L->pi[p].prefs));
            p = AC_NONE;
        } else if (p != AC_NONE) {
            L->pi[p].prefs = kn;
        }
        load_party_prefs(L, p, who, vn);
    }
    for (size_t p = 0; p < ac_model_n_parties(L->m); p++) {
        if (ac_party_role(L->m, p) == AC_ROLE_MEDIATOR || !L->pi[p].role_known || L->pi[p].prefs)
            continue;
        char show[AC__YSHOW];
        ac__yreport(y, L->pi[p].node,
                    "party '%s' has no preferences (add an entry under 'preferences')",
                    ac__yshow(show, ac_party_id(L->m, p)));
    }
}

/* ---- plan, events, uncertainty ---- */

static void load_plan(loader *L, yaml_node_t *map)
{
    ac__ydoc *y = &L->y;
    if (!ac__yexpect(y, map, YAML_MAPPING_NODE, "'plan'"))
        return;
    size_t n = ac_model_n_issues(L->m);
    yaml_node_t **seen = calloc(n + 1, sizeof *seen);
    if (!seen) {
        y->nomem = 1;
        return;
    }
    char show[AC__YSHOW];
    FOR_PAIRS(L, map, kn, vn) {
        size_t k = ref_issue(L, kn, "in 'plan'");
        if (k != AC_NONE && seen[k]) {
            ac__yreport(y, kn, "duplicate key '%s' in 'plan' (first at line %d)",
                        ac__yshow(show, ac_issue_id(L->m, k)), line_of(seen[k]));
            continue;
        }
        if (k != AC_NONE)
            seen[k] = kn;
        /* a point is either `issue: option` or, to lock it, `issue: {option: X, locked: true}` */
        yaml_node_t *on = vn;
        int locked = 0;
        if (vn->type == YAML_MAPPING_NODE) {
            ac__yfield f[] = {{.name = "option"}, {.name = "locked"}};
            ac__yfields(y, vn, f, 2, "in a point of 'plan'");
            on = ac__yrequire(y, vn, &f[0], "in a point of 'plan'");
            if (f[1].v && !ac__ybool(y, f[1].v, "'locked' in 'plan'", &locked))
                locked = 0;
            if (!on)
                continue;
        }
        size_t o = ref_option(L, k, on, "in 'plan'");
        if (o == AC_NONE)
            continue;
        ac_error e;
        built(L, ac_model_set_plan(L->m, k, o, &e), &e, on);
        if (locked)
            built(L, ac_model_set_locked(L->m, k, 1, &e), &e, vn);
    }
    for (size_t k = 0; k < n; k++)
        if (!seen[k])
            ac__yreport(y, map, "the plan has no option for issue '%s' (a plan covers every issue)",
                        ac__yshow(show, ac_issue_id(L->m, k)));
    free(seen);
}

/* A party an event or a spread may name: known and not a mediator. */
static size_t ref_acting_party(loader *L, const yaml_node_t *n, const char *where)
{
    size_t p = ref_party(L, n, where);
    if (p != AC_NONE && ac_party_role(L->m, p) == AC_ROLE_MEDIATOR) {
        char show[AC__YSHOW];
        ac__yreport(&L->y, n, "party '%s' %s is a mediator, which has no preferences",
                    ac__yshow(show, ac_party_id(L->m, p)), where);
        return AC_NONE;
    }
    return p;
}

static void load_event(loader *L, yaml_node_t *it)
{
    ac__ydoc *y = &L->y;
    const char *where = "in an event";
    if (!ac__yexpect(y, it, YAML_MAPPING_NODE, "an event"))
        return;
    size_t before = y->problems;
    ac__yfield f[] = {{.name = "at"},
                      {.name = "party"},
                      {.name = "reservation"},
                      {.name = "weights"},
                      {.name = "note"}};
    ac__yfields(y, it, f, 5, where);
    ac_event ev = {.party = AC_NONE};
    if (ac__yrequire(y, it, &f[0], where))
        ranged(L, f[0].v, "the time 'at' of an event", 0, 0, 1, &ev.at);
    if (ac__yrequire(y, it, &f[1], where))
        ev.party = ref_acting_party(L, f[1].v, where);
    if (f[2].v)
        ev.has_reservation =
            ac__ynumber(y, f[2].v, "the reservation change of an event", &ev.reservation);
    if (f[4].v)
        ev.note = ac__ystr(y, f[4].v, "the note of an event", 0);

    size_t nw = 0, cap = 0;
    int dropped = 0;
    size_t *wi = NULL;
    double *wd = NULL;
    if (f[3].v && ac__yexpect(y, f[3].v, YAML_MAPPING_NODE, "the weights of an event")) {
        cap = n_pairs(f[3].v);
        wi = calloc(cap + 1, sizeof *wi);
        wd = calloc(cap + 1, sizeof *wd);
        if (!wi || !wd) {
            y->nomem = 1;
            cap = 0;
        }
        char show[AC__YSHOW], what[WHERE_MAX];
        new_marks(L);
        FOR_PAIRS(L, f[3].v, kn, vn) {
            if (!cap)
                break;
            size_t k = ref_issue(L, kn, "in the weights of an event");
            yaml_node_t *first = k != AC_NONE ? mark_issue(L, k, kn) : NULL;
            if (first) {
                ac__yreport(y, kn,
                            "duplicate key '%s' in the weights of an event (first at line %d)",
                            ac__yshow(show, ac_issue_id(L->m, k)), line_of(first));
                continue;
            }
            snprintf(what, sizeof what, "the weight change of issue '%s' in an event",
                     scalar(kn) ? ac__yshow(show, scalar(kn)) : "?");
            double x;
            if (ac__ynumber(y, vn, what, &x) && k != AC_NONE) {
                wi[nw] = k;
                wd[nw++] = x;
            } else {
                dropped = 1;
            }
        }
        if (!n_pairs(f[3].v) && !f[2].v)
            ac__yreport(y, f[3].v, "the weights of an event are empty and it has no 'reservation'");
    }
    if (!f[2].v && !f[3].v)
        ac__yreport(y, it, "an event needs 'reservation' or 'weights' (or both)");
    /* A silent AC_NONE is a reference to an id already reported as invalid. */
    if (y->problems == before && !y->nomem && ev.party != AC_NONE && !dropped) {
        ev.n_weights = nw;
        ev.weight_issue = wi;
        ev.weight_delta = wd;
        ac_error e;
        built(L, ac_model_add_event(L->m, &ev, &e), &e, it);
    }
    free(wi);
    free(wd);
}

static void load_spread(loader *L, yaml_node_t *it)
{
    ac__ydoc *y = &L->y;
    const char *where = "in an uncertainty entry";
    if (!ac__yexpect(y, it, YAML_MAPPING_NODE, "an uncertainty entry"))
        return;
    size_t before = y->problems;
    ac__yfield f[] = {{.name = "party"},
                      {.name = "sd"},
                      {.name = "weight"},
                      {.name = "value"},
                      {.name = "reservation"}};
    ac__yfields(y, it, f, 5, where);
    ac_uncertainty u = {.party = AC_NONE, .issue = AC_NONE};
    if (ac__yrequire(y, it, &f[0], where))
        u.party = ref_acting_party(L, f[0].v, where);
    if (ac__yrequire(y, it, &f[1], where))
        ranged(L, f[1].v, "the sd of an uncertainty entry", 0, 1, 1, &u.sd);

    /* Exactly one target; the first written wins, every further one is reported. */
    ac__yfield *first = NULL;
    for (int pass = 0; pass < 3; pass++) {
        ac__yfield *t = NULL;
        for (int i = 2; i < 5; i++)
            if (f[i].k && (!first || f[i].k->start_mark.index > first->k->start_mark.index) &&
                (!t || f[i].k->start_mark.index < t->k->start_mark.index))
                t = &f[i];
        if (!t)
            break;
        if (first) {
            ac__yreport(y, t->k, "an uncertainty entry has one target, found '%s' after '%s'",
                        t->name, first->name);
            first = t;
            continue;
        }
        first = t;
        if (t == &f[4]) {
            int b;
            u.kind = AC_UNC_RESERVATION;
            if (ac__ybool(y, t->v, "'reservation' in an uncertainty entry", &b) && !b)
                ac__yreport(y, t->v,
                            "'reservation' in an uncertainty entry must be true (leave the key "
                            "out otherwise)");
        } else {
            u.kind = t == &f[2] ? AC_UNC_WEIGHT : AC_UNC_VALUE;
            u.issue = ref_issue(L, t->v, where);
        }
    }
    if (!first)
        ac__yreport(y, it,
                    "an uncertainty entry needs a target: 'weight: ISSUE', 'value: ISSUE' or "
                    "'reservation: true'");
    if (y->problems == before && !y->nomem && u.party != AC_NONE &&
        (u.kind == AC_UNC_RESERVATION || u.issue != AC_NONE)) {
        ac_error e;
        built(L, ac_model_add_uncertainty(L->m, &u, &e), &e, it);
    }
}

static void load_list(loader *L, yaml_node_t *seq, const char *what,
                      void (*one)(loader *, yaml_node_t *))
{
    if (!ac__yexpect(&L->y, seq, YAML_SEQUENCE_NODE, what))
        return;
    FOR_ITEMS(L, seq, it)
        one(L, it);
}

/* ---- top level ---- */

static void load_root(loader *L, yaml_node_t *root)
{
    ac__ydoc *y = &L->y;
    if (!ac__yexpect(y, root, YAML_MAPPING_NODE, "the model"))
        return;
    enum { F_ACCORD, F_TITLE, F_DESC, F_PARTIES, F_ISSUES, F_PREFS, F_PLAN, F_EVENTS, F_UNC,
           F_CONFLICT, F_DIMS };
    ac__yfield f[] = {{.name = "accord"},  {.name = "title"},  {.name = "description"},
                      {.name = "parties"}, {.name = "issues"}, {.name = "preferences"},
                      {.name = "plan"},    {.name = "events"}, {.name = "uncertainty"},
                      {.name = "conflict"}, {.name = "dimensions"}};
    ac__yfields(y, root, f, sizeof f / sizeof f[0], "at the top level");
    ac_error e;

    double version;
    if (!f[F_ACCORD].v && !f[F_ACCORD].hint)
        ac__yreport(y, root,
                    "missing key 'accord' at the top level (the format version: 'accord: 1')");
    else if (f[F_ACCORD].v &&
             ac__ynumber(y, f[F_ACCORD].v, "the format version 'accord'", &version) &&
             version != 1) {
        char show[AC__YSHOW];
        ac__yreport(y, f[F_ACCORD].v, "unsupported format version %s: this accord reads version 1",
                    ac__yshow(show, scalar(f[F_ACCORD].v)));
    }
    const char *s;
    if (f[F_TITLE].v && (s = ac__ystr(y, f[F_TITLE].v, "'title'", 0)))
        built(L, ac_model_set_title(L->m, s, &e), &e, f[F_TITLE].v);
    if (f[F_DESC].v && (s = ac__ystr(y, f[F_DESC].v, "'description'", 0)))
        built(L, ac_model_set_description(L->m, s, &e), &e, f[F_DESC].v);

    /* A conflict model (docs/stability.md) needs no negotiation sections; once one of
     * them is there, all are. */
    int conflict_only = f[F_CONFLICT].v && !f[F_PARTIES].v && !f[F_ISSUES].v && !f[F_PREFS].v;
    for (int i = F_PARTIES; i <= F_PREFS && !conflict_only; i++)
        ac__yrequire(y, root, &f[i], "at the top level");
    if (f[F_CONFLICT].v) {
        ac_conflict *c;
        ac__conflict_load(y, f[F_CONFLICT].v, &c);
        ac_model_set_conflict(L->m, c);
    }
    if (f[F_PARTIES].v)
        load_parties(L, f[F_PARTIES].v);
    if (f[F_ISSUES].v)
        load_issues(L, f[F_ISSUES].v);
    if (y->nomem)
        return;
    /* Everything below looks parties and issues up; without their lists there is nothing
     * to check references against. */
    if (!L->pi || !L->ii)
        return;
    if (f[F_PREFS].v && f[F_PREFS].v->type == YAML_MAPPING_NODE &&
        n_pairs(f[F_PREFS].v) > MAX_PREF_CELLS / (ac_model_n_issues(L->m) + L->n_opts + 1)) {
        ac__yreport(y, f[F_PREFS].v,
                    "the model is too large: %zu preference entries over %zu issues with %zu "
                    "options exceed the limit of %zu cells",
                    n_pairs(f[F_PREFS].v), ac_model_n_issues(L->m), L->n_opts, MAX_PREF_CELLS);
    } else if (f[F_PREFS].v) {
        load_preferences(L, f[F_PREFS].v);
    }
    if (f[F_PLAN].v)
        load_plan(L, f[F_PLAN].v);
    if (f[F_EVENTS].v)
        load_list(L, f[F_EVENTS].v, "'events'", load_event);
    if (f[F_UNC].v)
        load_list(L, f[F_UNC].v, "'uncertainty'", load_spread);
    if (f[F_DIMS].v)
        ac__yaml_dimensions(y, L->m, f[F_DIMS].v);
}

/* ---- entry points ---- */

static ac_status finish(loader *L, ac_model **out, ac_diags *diags, ac_error *err)
{
    ac__ydoc *y = &L->y;
    if (!y->nomem && !y->problems && L->m) {
        ac_error e;
        if (ac_model_check(L->m, &e) != AC_OK)
            ac__yreport_at(y, 0, 0, "%s", e.message);
    }
    ac_status st = AC_OK;
    if (y->nomem) {
        st = ac_error_set(err, AC_ENOMEM, y->file, 0, 0, "out of memory");
    } else if (y->problems) {
        ac_diags_sort(y->diags);
        const ac_diag *d = ac_diags_get(y->diags, 0);
        st = ac_error_set(err, AC_EINPUT, d->file, d->line, d->col, "%s", d->message);
        for (size_t i = 0; diags && i < ac_diags_count(y->diags); i++) {
            d = ac_diags_get(y->diags, i);
            if (ac_diags_add(diags, d->file, d->line, d->col, "%s", d->message) != AC_OK)
                st = AC_ENOMEM;
        }
        if (diags && y->problems > AC__YAML_MAX_PROBLEMS &&
            ac_diags_add(diags, y->file, 0, 0, "too many problems: %zu more not shown",
                         y->problems - AC__YAML_MAX_PROBLEMS) != AC_OK)
            st = AC_ENOMEM;
    } else {
        *out = L->m;
        L->m = NULL;
    }
    ac_model_free(L->m);
    free(L->pi);
    free(L->ii);
    free(L->ids.v);
    free(L->istamp);
    free(L->inode);
    free(L->ostamp);
    free(L->weighted);
    ac__ydoc_free(y);
    return st;
}

ac_status ac_model_load_string(const char *text, size_t len, const char *name, ac_model **out,
                               ac_diags *diags, ac_error *err)
{
    if (!out || (!text && len))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_model_load_string: no text or no result");
    *out = NULL;
    if (!text)
        text = "";
    loader L;
    memset(&L, 0, sizeof L);
    if (ac__ydoc_init(&L.y, name ? name : "<string>") != AC_OK) {
        ac__ydoc_free(&L.y);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (len > AC_MODEL_FILE_MAX)
        ac__yreport_at(&L.y, 0, 0, "the file is larger than the limit of %u bytes for a model",
                       AC_MODEL_FILE_MAX);
    else if (!(L.m = ac_model_new()))
        L.y.nomem = 1;
    else {
        /* A UTF-8 byte order mark (editors on Windows write one) is skipped: with the
         * encoding fixed, libyaml would count it as a column of the first line and
         * misread its indentation. */
        size_t bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
        if (ac__ydoc_parse(&L.y, text + bom, len - bom))
            load_root(&L, ac__ydoc_root(&L.y));
    }
    return finish(&L, out, diags, err);
}

ac_status ac_model_load_file(const char *path, ac_model **out, ac_diags *diags, ac_error *err)
{
    if (!path || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_model_load_file: no path or no result");
    *out = NULL;
    const char *embedded;
    size_t embedded_len;
    if (ac__embedded_model(path, &embedded, &embedded_len))
        return ac_model_load_string(embedded, embedded_len, path, out, diags, err);
    const char *name;
    char *text;
    size_t len;
    ac_status st = ac__read_path(path, AC_MODEL_FILE_MAX, &name, &text, &len, err);
    if (st)
        return st;
    st = ac_model_load_string(text, len, name, out, diags, err);
    free(text);
    return st;
}
