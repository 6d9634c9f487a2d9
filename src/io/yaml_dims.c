/* The `dimensions` section of a model file: the forecast input (accord forecast) given
 * directly, one entry per dimension with each party's position, salience and capability:
 *
 *   dimensions:
 *     - id: territory
 *       actors:
 *         ua: {position: 10, salience: 40, capability: 30}
 *         ru: {position: 95, salience: 60, capability: 45}
 *
 * Rules (docs/model-format.md): ids valid and unique; actors are parties of the model;
 * every dimension names the same parties; position and salience in [0,100]; capability
 * above 0 (default 1); a party's saliences sum to at most 100 and to more than 0. */
#include "io/yaml_dims.h"

#include <string.h>

#include "accord/forecast.h"

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int line_of(const yaml_node_t *n) { return (int)n->start_mark.line + 1; }

static size_t n_items(const yaml_node_t *seq)
{
    return (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
}

/* A number in [lo, hi] (open_lo: above lo) or a report. */
static int ranged(ac__ydoc *y, const yaml_node_t *n, const char *what, double lo, int open_lo,
                  double hi, double *out)
{
    double x;
    if (!ac__ynumber(y, n, what, &x))
        return 0;
    if ((open_lo ? !(x > lo) : !(x >= lo)) || !(x <= hi)) {
        char show[AC__YSHOW];
        ac__yreport(y, n, "%s must be in %c%g,%g], found %s", what, open_lo ? '(' : '[', lo, hi,
                    ac__yshow(show, scalar(n)));
        return 0;
    }
    *out = x;
    return 1;
}

void ac__yaml_dimensions(ac__ydoc *y, ac_model *m, yaml_node_t *node)
{
    if (!ac__yexpect(y, node, YAML_SEQUENCE_NODE, "'dimensions'"))
        return;
    size_t nd = n_items(node), np = ac_model_n_parties(m);
    if (nd == 0) {
        ac__yreport(y, node, "'dimensions' is empty");
        return;
    }
    if (nd > AC_FC_MAX_DIMS) {
        ac__yreport(y, node, "'dimensions' has %zu entries; at most %d are allowed", nd,
                    AC_FC_MAX_DIMS);
        return;
    }
    size_t before = y->problems;
    /* The first dimension's parties fix the actors, in its order. */
    size_t actor_of[64], n_act = 0;
    int in_first[64] = {0};
    ac_fc_input *in = NULL;
    double total[64] = {0};
    yaml_node_t *first_item = NULL;
    char show[AC__YSHOW], what[AC__YSHOW + 96];
    size_t d = 0;
    for (yaml_node_item_t *it = node->data.sequence.items.start;
         it < node->data.sequence.items.top; it++, d++) {
        yaml_node_t *e = ac__ynode(y, *it);
        if (!e || !ac__yexpect(y, e, YAML_MAPPING_NODE, "a dimension"))
            continue;
        ac__yfield f[] = {{.name = "id"}, {.name = "actors"}};
        ac__yfields(y, e, f, 2, "in a dimension");
        const char *id = NULL;
        if (ac__yrequire(y, e, &f[0], "in a dimension") &&
            (id = ac__ystr(y, f[0].v, "the id of a dimension", 0))) {
            if (!ac_id_valid(id)) {
                ac__yreport(y, f[0].v, "invalid dimension id '%s' (use letters, digits, '_', "
                            "'.', '-'; at most %d bytes)", ac__yshow(show, id), AC_ID_MAX);
                id = NULL;
            } else {
                size_t e2 = 0;
                for (yaml_node_item_t *jt = node->data.sequence.items.start; jt < it; jt++, e2++) {
                    yaml_node_t *o = ac__ynode(y, *jt);
                    yaml_node_t *oid = o && o->type == YAML_MAPPING_NODE ? ac__ylookup(y, o, "id") : NULL;
                    if (scalar(oid) && !strcmp(scalar(oid), id)) {
                        ac__yreport(y, f[0].v, "duplicate dimension id '%s' (first at line %d)",
                                    ac__yshow(show, id), line_of(oid));
                        break;
                    }
                }
            }
        }
        if (!ac__yrequire(y, e, &f[1], "in a dimension") ||
            !ac__yexpect(y, f[1].v, YAML_MAPPING_NODE, "the actors of a dimension"))
            continue;
        int seen[64] = {0};
        int first = !first_item;
        if (first)
            first_item = e;
        for (yaml_node_pair_t *p = f[1].v->data.mapping.pairs.start;
             p < f[1].v->data.mapping.pairs.top; p++) {
            yaml_node_t *kn = ac__ynode(y, p->key), *vn = ac__ynode(y, p->value);
            if (!kn || !vn)
                continue;
            const char *pid = ac__ystr(y, kn, "a party id in a dimension", 0);
            if (!pid)
                continue;
            size_t pi = ac_party_find(m, pid);
            if (pi == AC_NONE || pi >= 64) {
                ac__yreport(y, kn, "unknown party '%s' in dimension '%s'", ac__yshow(show, pid),
                            id ? id : "?");
                continue;
            }
            if (seen[pi]) {
                ac__yreport(y, kn, "duplicate party '%s' in dimension '%s'", ac__yshow(show, pid),
                            id ? id : "?");
                continue;
            }
            seen[pi] = 1;
            if (first) {
                in_first[pi] = 1;
                actor_of[n_act++] = pi;
            } else if (!in_first[pi]) {
                ac__yreport(y, kn, "party '%s' is in dimension '%s' but not in the first "
                            "dimension (line %d): every dimension names the same parties",
                            ac__yshow(show, pid), id ? id : "?", line_of(first_item));
                continue;
            }
            if (!ac__yexpect(y, vn, YAML_MAPPING_NODE, "a party's entry in a dimension"))
                continue;
            ac__yfield g[] = {{.name = "position"}, {.name = "salience"}, {.name = "capability"}};
            snprintf(what, sizeof what, "in the entry of '%s' in dimension '%s'",
                     ac__yshow(show, pid), id ? id : "?");
            ac__yfields(y, vn, g, 3, what);
            double pos = 0, sal = 0, cap = 1;
            if (ac__yrequire(y, vn, &g[0], what))
                ranged(y, g[0].v, "a position", 0, 0, 100, &pos);
            if (ac__yrequire(y, vn, &g[1], what) && ranged(y, g[1].v, "a salience", 0, 0, 100, &sal))
                total[pi] += sal;
            if (g[2].v && ranged(y, g[2].v, "a capability", 0, 1, 1e8, &cap))
                (void)cap;
        }
        if (!first)
            for (size_t a = 0; a < n_act; a++)
                if (!seen[actor_of[a]])
                    ac__yreport(y, f[1].v, "dimension '%s' has no entry for party '%s' (every "
                                "dimension names the same parties as the first)",
                                id ? id : "?", ac_party_id(m, actor_of[a]));
    }
    if (y->problems != before)
        return;
    for (size_t a = 0; a < n_act; a++) {
        size_t pi = actor_of[a];
        if (total[pi] > 100 + 1e-9)
            ac__yreport(y, node, "the saliences of party '%s' in 'dimensions' sum to %g; they "
                        "may sum to at most 100", ac_party_id(m, pi), total[pi]);
        else if (!(total[pi] > 0))
            ac__yreport(y, node, "party '%s' has salience 0 on every dimension",
                        ac_party_id(m, pi));
    }
    if (n_act < 2)
        ac__yreport(y, first_item ? first_item : node,
                    "a dimension needs at least 2 parties, found %zu", n_act);
    if (y->problems != before || np == 0)
        return;
    /* Every value was checked above: build the table in a second, silent pass. */
    if (!(in = ac_fc_input_new(n_act, nd))) {
        y->nomem = 1;
        return;
    }
    int bad = 0;
    for (size_t a = 0; a < n_act && !bad; a++)
        bad = ac_fc_input_set_actor(in, a, ac_party_id(m, actor_of[a]),
                                    ac_party_name(m, actor_of[a]), NULL) != AC_OK;
    d = 0;
    for (yaml_node_item_t *it = node->data.sequence.items.start;
         !bad && it < node->data.sequence.items.top; it++, d++) {
        yaml_node_t *e = ac__ynode(y, *it);
        bad = ac_fc_input_set_dim(in, d, scalar(ac__ylookup(y, e, "id")), NULL) != AC_OK;
        yaml_node_t *acts = ac__ylookup(y, e, "actors");
        for (yaml_node_pair_t *p = acts->data.mapping.pairs.start;
             !bad && p < acts->data.mapping.pairs.top; p++) {
            size_t pi = ac_party_find(m, scalar(ac__ynode(y, p->key))), a = 0;
            while (actor_of[a] != pi)
                a++;
            yaml_node_t *vn = ac__ynode(y, p->value), *c = ac__ylookup(y, vn, "capability");
            double pos, sal, cap = 1;
            ac__ynumber(y, ac__ylookup(y, vn, "position"), "", &pos);
            ac__ynumber(y, ac__ylookup(y, vn, "salience"), "", &sal);
            if (c)
                ac__ynumber(y, c, "", &cap);
            bad = ac_fc_input_set(in, a, d, pos, sal, cap, NULL) != AC_OK;
        }
    }
    if (bad) {
        ac_fc_input_free(in);
        y->nomem = 1;
        return;
    }
    ac_model_set_dimensions(m, in);
}
