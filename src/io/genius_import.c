/* GENIUS XML import: a domain file and one profile per party become an ac_model.
 *
 * The semantics follow GENIUS's own loader (DomainImpl, AdditiveUtilitySpace and the
 * Evaluator classes), so an analysis in accord agrees with one in GENIUS:
 *  - issues are the domain's objective tree in GENIUS's preorder (child objectives
 *    before the issues of the same level); profiles refer to them by `index`;
 *  - a discrete value's utility is its evaluation divided by the largest evaluation in
 *    the profile's issue (0 when that is below 1e-5); an integer issue's is
 *    offset + slope * (x - lowerbound) and a real issue's the linear / constant /
 *    triangular function, both clamped to [0,1];
 *  - weights are `<weight index=...>` siblings of the issues, taken as given (accord
 *    normalises them; sums outside GENIUS's own tolerance [0.98, 1.02] are refused
 *    because GENIUS would use them unnormalised and cap utilities at 1);
 *  - `<reservation value>` (absent: 0) and `<discount_factor value>` (absent or 0: no
 *    discount, i.e. 1).
 * What GENIUS would fail on at evaluation time (a value without an evaluation, an issue
 * without evaluator or weight, unknown evaluator types) fails here, with file:line.
 *
 * Parsing: libxml2 without network access, DTD loading or entity substitution; a file
 * whose bytes are not UTF-8 and that fails to parse is read again as ISO-8859-1, the
 * encoding older GENIUS files were written in without a declaration. */
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accord/genius.h"
#include "io/genius_internal.h"

typedef enum { T_DISCRETE = 0, T_INTEGER = 1, T_REAL = 2 } itype;
static const char *const type_name[] = {"discrete", "integer", "real"};

typedef struct {
    long index;
    itype type;
    char *name;    /* raw, as profiles' items are matched by exact text */
    char *title;   /* description when given, else the name */
    size_t n_opts; /* options in the model */
    char **vals;   /* discrete: raw item values [n_opts] */
    char **titles; /* discrete: item descriptions or values [n_opts] */
    long lo, hi;   /* integer */
    double rlo, rhi;
} d_issue;

typedef struct {
    const char *file;
    char *title;
    d_issue *is;
    size_t n, cap;
    unsigned steps;
} d_domain;

typedef struct {
    const char *file;
    char *name;       /* root objective description, or NULL */
    double reservation, discount;
    double *w;        /* [n issues] */
    int *seen;        /* [n issues] */
    double **v;       /* [n issues][n_opts] */
} d_profile;

/* ---- XML plumbing ---- */

static ac_status xfail(ac_error *err, ac_status code, const char *file, xmlNodePtr node,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static ac_status xfail(ac_error *err, ac_status code, const char *file, xmlNodePtr node,
                       const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    long line = node ? xmlGetLineNo(node) : 0;
    return ac_error_set(err, code, file, line > 0 ? (int)line : 0, 0, "%s", msg);
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, (const xmlChar *)name);
}

static xmlNodePtr first_child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

/* An attribute as a malloc'd string (NULL when absent). *oom is set on allocation failure. */
static char *attr(xmlNodePtr n, const char *name, int *oom)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    if (!s)
        *oom = 1;
    return s;
}

/* libxml2 goes on after a fatal error and reports more; the first one is the cause. */
typedef struct {
    int have;
    int line;
    char msg[300];
} first_error;

static void keep_first(void *ctx, xmlErrorPtr e)
{
    first_error *f = ctx;
    if (f->have || !e || e->level < XML_ERR_ERROR)
        return;
    f->have = 1;
    f->line = e->line;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "not well-formed XML");
}

static ac_status parse_xml(const char *path, xmlDocPtr *out, ac_error *err)
{
    *out = NULL;
    char *buf;
    size_t len;
    ac_status st = ac__genius_read_file(path, &buf, &len, err);
    if (st)
        return st;
    if (len > (size_t)INT32_MAX) {
        free(buf);
        return ac_error_set(err, AC_ELIMIT, path, 0, 0, "file too large");
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        free(buf);
        return ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
    }
    /* No XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no network. */
    int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
    first_error fe = {0};
    xmlSetStructuredErrorFunc(&fe, keep_first); /* per thread in libxml2 */
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL, opts);
    if (!doc && !ac__genius_valid_utf8((const unsigned char *)buf, len)) {
        xmlCtxtReset(ctxt);
        memset(&fe, 0, sizeof fe);
        doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, "ISO-8859-1",
                                opts | XML_PARSE_IGNORE_ENC);
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc) {
        size_t ml = strlen(fe.msg);
        while (ml > 0 && (fe.msg[ml - 1] == '\n' || fe.msg[ml - 1] == ' '))
            fe.msg[--ml] = 0;
        st = ac_error_set(err, AC_EINPUT, path, fe.line, 0, "XML error: %s",
                          fe.have ? fe.msg : "not well-formed XML");
    } else if (!xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        doc = NULL;
        st = ac_error_set(err, AC_EINPUT, path, 0, 0, "no root element");
    }
    xmlFreeParserCtxt(ctxt);
    free(buf);
    *out = doc;
    return st;
}

/* ---- domain ---- */

static void domain_free(d_domain *d)
{
    for (size_t k = 0; k < d->n; k++) {
        d_issue *is = &d->is[k];
        for (size_t o = 0; is->vals && o < is->n_opts; o++) {
            free(is->vals[o]);
            free(is->titles[o]);
        }
        free(is->vals);
        free(is->titles);
        free(is->name);
        free(is->title);
    }
    free(d->is);
    free(d->title);
    memset(d, 0, sizeof *d);
}

static int parse_type(const char *t, itype *out)
{
    if (!t) {
        *out = T_DISCRETE; /* GENIUS's default when no type is given */
        return 0;
    }
    for (int k = 0; k < 3; k++)
        if (!strcasecmp(t, type_name[k])) {
            *out = (itype)k;
            return 0;
        }
    return -1;
}

static ac_status bounds_int(const char *file, xmlNodePtr n, long *lo, long *hi, ac_error *err)
{
    int oom = 0;
    char *a = attr(n, "lowerbound", &oom), *b = attr(n, "upperbound", &oom);
    xmlNodePtr range = first_child(n, "range");
    if (!a && !b && range) { /* some files put integer bounds in a <range> child */
        a = attr(range, "lowerbound", &oom);
        b = attr(range, "upperbound", &oom);
    }
    ac_status st = AC_OK;
    if (oom)
        st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    else if (!a || !b)
        st = xfail(err, AC_EINPUT, file, n, "integer issue needs lowerbound and upperbound");
    else if (ac__genius_parse_int(a, lo) || ac__genius_parse_int(b, hi))
        st = xfail(err, AC_EINPUT, file, n, "integer bounds must be integers, found '%s', '%s'", a, b);
    else if (*lo > *hi)
        st = xfail(err, AC_EINPUT, file, n, "lowerbound %ld exceeds upperbound %ld", *lo, *hi);
    free(a);
    free(b);
    return st;
}

static ac_status bounds_real(const char *file, xmlNodePtr n, double *lo, double *hi,
                             ac_error *err)
{
    xmlNodePtr range = first_child(n, "range");
    if (!range)
        return xfail(err, AC_EINPUT, file, n, "real issue needs a <range lowerbound upperbound> element");
    int oom = 0;
    char *a = attr(range, "lowerbound", &oom), *b = attr(range, "upperbound", &oom);
    ac_status st = AC_OK;
    if (oom)
        st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    else if (!a || !b || ac__genius_parse_num(a, lo) || ac__genius_parse_num(b, hi))
        st = xfail(err, AC_EINPUT, file, range, "<range> needs numeric lowerbound and upperbound");
    else if (*lo > *hi)
        st = xfail(err, AC_EINPUT, file, range, "lowerbound %g exceeds upperbound %g", *lo, *hi);
    free(a);
    free(b);
    return st;
}

static ac_status domain_issue(d_domain *d, xmlNodePtr n, ac_error *err)
{
    const char *file = d->file;
    int oom = 0;
    char *idx = attr(n, "index", &oom), *name = attr(n, "name", &oom), *type = attr(n, "type", &oom),
         *desc = attr(n, "description", &oom);
    ac_status st = AC_OK;
    long index = 0;
    itype t = T_DISCRETE;
    if (oom)
        st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    else if (!idx || ac__genius_parse_int(idx, &index))
        st = xfail(err, AC_EINPUT, file, n, "<issue> needs an integer index attribute");
    else if (!name)
        st = xfail(err, AC_EINPUT, file, n, "<issue> needs a name attribute");
    else if (parse_type(type, &t))
        st = xfail(err, AC_EINPUT, file, n, "issue '%s' has unsupported type '%s' (discrete, integer or real)",
                   name, type);
    for (size_t k = 0; !st && k < d->n; k++)
        if (d->is[k].index == index)
            st = xfail(err, AC_EINPUT, file, n, "issue index %ld used twice ('%s' and '%s')", index,
                       d->is[k].name, name);
    if (!st && d->n == d->cap) {
        size_t nc = d->cap ? 2 * d->cap : 16;
        d_issue *ni = realloc(d->is, nc * sizeof *ni);
        if (!ni)
            st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        else {
            d->is = ni;
            d->cap = nc;
        }
    }
    if (st) {
        free(idx), free(name), free(type), free(desc);
        return st;
    }
    d_issue *is = &d->is[d->n++];
    memset(is, 0, sizeof *is);
    is->index = index;
    is->type = t;
    is->name = name;
    is->title = ac__genius_trim_dup(desc && *desc ? desc : name);
    free(idx), free(type), free(desc);
    if (!is->title)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    if (t == T_DISCRETE) {
        size_t cnt = 0;
        for (xmlNodePtr c = n->children; c; c = c->next)
            cnt += is_el(c, "item");
        if (cnt == 0)
            return xfail(err, AC_EINPUT, file, n, "discrete issue '%s' has no <item>", name);
        is->vals = calloc(cnt, sizeof *is->vals);
        is->titles = calloc(cnt, sizeof *is->titles);
        if (!is->vals || !is->titles)
            return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (!is_el(c, "item"))
                continue;
            char *v = attr(c, "value", &oom), *ds = attr(c, "description", &oom);
            if (oom || !v) {
                free(v), free(ds);
                return oom ? ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory")
                           : xfail(err, AC_EINPUT, file, c, "<item> of issue '%s' needs a value attribute", name);
            }
            for (size_t o = 0; o < is->n_opts; o++)
                if (!strcmp(is->vals[o], v)) {
                    st = xfail(err, AC_EINPUT, file, c, "issue '%s' lists value '%s' twice", name, v);
                    free(v), free(ds);
                    return st;
                }
            is->vals[is->n_opts] = v;
            is->titles[is->n_opts] = ac__genius_trim_dup(ds && *ds ? ds : v);
            free(ds);
            if (!is->titles[is->n_opts++])
                return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        }
    } else if (t == T_INTEGER) {
        if ((st = bounds_int(file, n, &is->lo, &is->hi, err)))
            return st;
        double cnt = (double)is->hi - (double)is->lo + 1;
        if (cnt > AC_GENIUS_MAX_OPTIONS)
            return xfail(err, AC_ELIMIT, file, n,
                         "integer issue '%s' spans %.0f values, more than the limit of %u options",
                         name, cnt, AC_GENIUS_MAX_OPTIONS);
        is->n_opts = (size_t)cnt;
    } else {
        if ((st = bounds_real(file, n, &is->rlo, &is->rhi, err)))
            return st;
        is->n_opts = is->rlo == is->rhi ? 1 : d->steps;
    }
    return AC_OK;
}

/* GENIUS's preorder: the child objectives (recursively) come before a level's issues. */
static ac_status domain_walk(d_domain *d, xmlNodePtr obj, int depth, ac_error *err)
{
    if (depth > 64)
        return xfail(err, AC_ELIMIT, d->file, obj, "objectives nested deeper than 64 levels");
    for (xmlNodePtr c = obj->children; c; c = c->next)
        if (is_el(c, "objective")) {
            ac_status st = domain_walk(d, c, depth + 1, err);
            if (st)
                return st;
        }
    for (xmlNodePtr c = obj->children; c; c = c->next)
        if (is_el(c, "issue")) {
            ac_status st = domain_issue(d, c, err);
            if (st)
                return st;
        }
    return AC_OK;
}

/* "laptop_domain" -> "laptop": the file name is the title when the objective has none. */
static char *title_from_file(const char *path)
{
    char b[256];
    ac__genius_basename(path, ".xml", b, sizeof b);
    size_t n = strlen(b);
    if (n > 6 && !strcasecmp(b + n - 6, "domain") && strchr("-_ .", b[n - 7])) {
        n -= 7;
        b[n] = 0;
    }
    return strdup(n ? b : "GENIUS scenario");
}

static ac_status domain_load(xmlDocPtr doc, d_domain *d, ac_error *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), us = root;
    if (is_el(root, "negotiation_template"))
        us = first_child(root, "utility_space");
    else if (!is_el(root, "utility_space"))
        return xfail(err, AC_EINPUT, d->file, root,
                     "root element <%s> is neither <negotiation_template> nor <utility_space>",
                     (const char *)root->name);
    xmlNodePtr obj = first_child(us, "objective");
    if (!obj)
        return xfail(err, AC_EINPUT, d->file, us ? us : root, "no <objective> in the domain");
    int oom = 0;
    char *name = attr(obj, "name", &oom);
    char *t = name ? ac__genius_trim_dup(name) : NULL;
    free(name);
    if (t && *t && strcasecmp(t, "root"))
        d->title = t;
    else {
        free(t);
        d->title = title_from_file(d->file);
    }
    if (!d->title)
        return ac_error_set(err, AC_ENOMEM, d->file, 0, 0, "out of memory");
    ac_status st = domain_walk(d, obj, 0, err);
    if (!st && d->n == 0)
        st = xfail(err, AC_EINPUT, d->file, obj, "the domain has no issues");
    return st;
}

/* ---- profiles ---- */

static void profile_free(d_profile *p, size_t n_issues)
{
    for (size_t k = 0; p->v && k < n_issues; k++)
        free(p->v[k]);
    free(p->v);
    free(p->w);
    free(p->seen);
    free(p->name);
}

static ac_status num_attr(const char *file, xmlNodePtr n, const char *name, int required,
                          double *out, int *present, ac_error *err)
{
    int oom = 0;
    char *s = attr(n, name, &oom);
    if (oom)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    if (present)
        *present = s != NULL;
    ac_status st = AC_OK;
    if (!s) {
        if (required)
            st = xfail(err, AC_EINPUT, file, n, "<%s> needs a %s attribute", (const char *)n->name, name);
    } else if (ac__genius_parse_num(s, out))
        st = xfail(err, AC_EINPUT, file, n, "%s of <%s> must be a number, found '%s'", name,
                   (const char *)n->name, s);
    free(s);
    return st;
}

static ac_status eval_discrete(const char *file, xmlNodePtr n, const d_issue *is, double *v,
                               ac_error *err)
{
    /* GENIUS keeps a map value -> evaluation (a later item overwrites an earlier one) and
     * divides by the largest evaluation in that map, items unknown to the domain included. */
    size_t cnt = 0;
    for (xmlNodePtr c = n->children; c; c = c->next)
        cnt += is_el(c, "item");
    char **keys = calloc(cnt ? cnt : 1, sizeof *keys);
    double *ev = calloc(cnt ? cnt : 1, sizeof *ev);
    xmlNodePtr *where = calloc(cnt ? cnt : 1, sizeof *where);
    size_t m = 0;
    ac_status st = AC_OK;
    if (!keys || !ev || !where)
        st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    for (xmlNodePtr c = n->children; !st && c; c = c->next) {
        if (!is_el(c, "item"))
            continue;
        int oom = 0;
        char *val = attr(c, "value", &oom), *e = attr(c, "evaluation", &oom);
        double x = 0;
        if (oom)
            st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        else if (!val)
            st = xfail(err, AC_EINPUT, file, c, "<item> of issue '%s' needs a value attribute", is->name);
        else if (e && strcmp(e, "null") && ac__genius_parse_num(e, &x))
            st = xfail(err, AC_EINPUT, file, c, "evaluation of '%s' must be a number, found '%s'", val, e);
        if (st || !e || !strcmp(e, "null")) { /* no evaluation: GENIUS leaves it out */
            free(val), free(e);
            continue;
        }
        free(e);
        size_t j = 0;
        while (j < m && strcmp(keys[j], val))
            j++;
        if (j == m)
            keys[m++] = val;
        else
            free(val);
        ev[j] = x;
        where[j] = c;
    }
    if (!st && m == 0)
        st = xfail(err, AC_EINPUT, file, n, "issue '%s' has no evaluations", is->name);
    double max = 0;
    for (size_t j = 0; !st && j < m; j++)
        if (j == 0 || ev[j] > max)
            max = ev[j];
    for (size_t o = 0; !st && o < is->n_opts; o++) {
        size_t j = 0;
        while (j < m && strcmp(keys[j], is->vals[o]))
            j++;
        if (j == m) {
            st = xfail(err, AC_EINPUT, file, n,
                       "value '%s' of issue '%s' has no evaluation (GENIUS cannot evaluate bids with it)",
                       is->vals[o], is->name);
            break;
        }
        v[o] = max < 1e-5 ? 0.0 : ev[j] / max;
        if (v[o] < 0)
            st = xfail(err, AC_EINPUT, file, where[j],
                       "negative evaluation %g of '%s' gives a negative utility", ev[j], is->vals[o]);
    }
    for (size_t j = 0; j < m; j++)
        free(keys[j]);
    free(keys);
    free(ev);
    free(where);
    return st;
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

static double real_point(const d_issue *is, size_t j)
{
    if (is->n_opts == 1)
        return is->rlo;
    if (j + 1 == is->n_opts)
        return is->rhi;
    return is->rlo + (is->rhi - is->rlo) * (double)j / (double)(is->n_opts - 1);
}

static ac_status eval_integer(const char *file, xmlNodePtr n, const d_issue *is, double *v,
                              ac_error *err)
{
    long plo, phi;
    ac_status st = bounds_int(file, n, &plo, &phi, err);
    if (st)
        return st;
    double slope = 0, offset = 0; /* GENIUS's defaults when there is no <evaluator> */
    xmlNodePtr e = first_child(n, "evaluator");
    if (e && ((st = num_attr(file, e, "slope", 1, &slope, NULL, err)) ||
              (st = num_attr(file, e, "offset", 1, &offset, NULL, err))))
        return st;
    for (size_t o = 0; o < is->n_opts; o++)
        v[o] = clamp01(offset + slope * ((double)is->lo + (double)o - (double)plo));
    return AC_OK;
}

static double triangular(double x, double lo, double hi, double top)
{
    if (x < lo)
        return 0;
    if (x < top)
        return (x - lo) / (top - lo);
    if (x < hi)
        return 1 - (x - top) / (hi - top);
    return 0;
}

static ac_status eval_real(const char *file, xmlNodePtr n, const d_issue *is, double *v,
                           ac_error *err)
{
    double lo, hi;
    ac_status st = bounds_real(file, n, &lo, &hi, err);
    if (st)
        return st;
    xmlNodePtr e = first_child(n, "evaluator");
    int oom = 0;
    char *ft = e ? attr(e, "ftype", &oom) : NULL;
    if (oom)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    double p0 = 0, p1 = 0, p2 = 0;
    if (!ft)
        st = xfail(err, AC_EINPUT, file, e ? e : n, "real issue '%s' needs an <evaluator ftype=...>", is->name);
    else if (!strcasecmp(ft, "linear")) {
        if (!(st = num_attr(file, e, "parameter0", 1, &p0, NULL, err)) &&
            !(st = num_attr(file, e, "parameter1", 1, &p1, NULL, err)))
            for (size_t o = 0; o < is->n_opts; o++)
                v[o] = clamp01(p1 * real_point(is, o) + p0);
    } else if (!strcasecmp(ft, "constant")) {
        if (!(st = num_attr(file, e, "parameter0", 1, &p0, NULL, err))) {
            if (p0 < 0 || p0 > 1)
                st = xfail(err, AC_EINPUT, file, e, "constant utility %g is outside [0,1]", p0);
            for (size_t o = 0; !st && o < is->n_opts; o++)
                v[o] = p0;
        }
    } else if (!strcasecmp(ft, "triangular")) {
        if (!(st = num_attr(file, e, "parameter0", 1, &p0, NULL, err)) &&
            !(st = num_attr(file, e, "parameter1", 1, &p1, NULL, err)) &&
            !(st = num_attr(file, e, "parameter2", 1, &p2, NULL, err)))
            for (size_t o = 0; o < is->n_opts; o++)
                v[o] = clamp01(triangular(real_point(is, o), p0, p1, p2));
    } else
        st = xfail(err, AC_EINPUT, file, e, "unsupported evaluator ftype '%s' (linear, constant or triangular)", ft);
    free(ft);
    return st;
}

typedef struct {
    long index;
    double value;
} weight_t;

static ac_status profile_level(const d_domain *d, d_profile *p, const char *file, xmlNodePtr lvl,
                               int depth, ac_error *err)
{
    if (depth > 64)
        return xfail(err, AC_ELIMIT, file, lvl, "objectives nested deeper than 64 levels");
    size_t nw = 0;
    for (xmlNodePtr c = lvl->children; c; c = c->next)
        nw += is_el(c, "weight");
    weight_t *w = calloc(nw ? nw : 1, sizeof *w);
    if (!w)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    size_t m = 0;
    ac_status st = AC_OK;
    for (xmlNodePtr c = lvl->children; !st && c; c = c->next) {
        if (!is_el(c, "weight"))
            continue;
        int oom = 0;
        char *ix = attr(c, "index", &oom);
        if (!ix && !oom)
            ix = attr(c, "number", &oom); /* a spelling some hand-written files use */
        long index;
        double val = 0;
        if (oom)
            st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        else if (!ix || ac__genius_parse_int(ix, &index))
            st = xfail(err, AC_EINPUT, file, c, "<weight> needs an integer index attribute");
        else if (!(st = num_attr(file, c, "value", 1, &val, NULL, err))) {
            if (val < 0)
                st = xfail(err, AC_EINPUT, file, c, "negative weight %g", val);
            size_t j = 0;
            while (j < m && w[j].index != index)
                j++;
            w[j].index = index;
            w[j].value = val;
            m += j == m;
        }
        free(ix);
    }
    for (xmlNodePtr c = lvl->children; !st && c; c = c->next) {
        if (is_el(c, "objective")) {
            st = profile_level(d, p, file, c, depth + 1, err);
            continue;
        }
        if (!is_el(c, "issue"))
            continue;
        int oom = 0;
        char *ix = attr(c, "index", &oom), *type = attr(c, "type", &oom);
        long index = 0;
        itype t = T_DISCRETE;
        size_t k = 0;
        if (oom)
            st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        else if (!ix || ac__genius_parse_int(ix, &index))
            st = xfail(err, AC_EINPUT, file, c, "<issue> needs an integer index attribute");
        else if (parse_type(type, &t))
            st = xfail(err, AC_EINPUT, file, c, "unsupported evaluator type '%s'", type);
        else {
            while (k < d->n && d->is[k].index != index)
                k++;
        }
        free(ix);
        free(type);
        if (st || k == d->n) /* an issue the domain lacks: GENIUS ignores it */
            continue;
        const d_issue *is = &d->is[k];
        size_t j = 0;
        while (j < m && w[j].index != index)
            j++;
        if (p->seen[k])
            st = xfail(err, AC_EINPUT, file, c, "issue '%s' (index %ld) evaluated twice", is->name, index);
        else if (t != is->type)
            st = xfail(err, AC_EINPUT, file, c, "issue '%s' is %s in the profile but %s in the domain",
                       is->name, type_name[t], type_name[is->type]);
        else if (j == m)
            st = xfail(err, AC_EINPUT, file, c, "no <weight index=\"%ld\"> for issue '%s'", index, is->name);
        else if (!(p->v[k] = calloc(is->n_opts, sizeof(double))))
            st = ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        else if (t == T_DISCRETE)
            st = eval_discrete(file, c, is, p->v[k], err);
        else if (t == T_INTEGER)
            st = eval_integer(file, c, is, p->v[k], err);
        else
            st = eval_real(file, c, is, p->v[k], err);
        if (!st) {
            p->seen[k] = 1;
            p->w[k] = w[j].value;
        }
    }
    free(w);
    return st;
}

static ac_status profile_load(const d_domain *d, xmlDocPtr doc, d_profile *p, ac_error *err)
{
    const char *file = p->file;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (is_el(root, "negotiation_template"))
        return xfail(err, AC_EINPUT, file, root, "this is a domain file, not a profile");
    if (!is_el(root, "utility_space"))
        return xfail(err, AC_EINPUT, file, root, "root element <%s> is not <utility_space>",
                     (const char *)root->name);
    p->reservation = 0;
    p->discount = 1;
    xmlNodePtr r = first_child(root, "reservation");
    ac_status st;
    if (r && (st = num_attr(file, r, "value", 0, &p->reservation, NULL, err)))
        return st;
    if (r && (p->reservation < 0 || p->reservation > 1))
        return xfail(err, AC_EINPUT, file, r, "reservation value %g is outside [0,1]", p->reservation);
    xmlNodePtr df = first_child(root, "discount_factor");
    if (df && (st = num_attr(file, df, "value", 0, &p->discount, NULL, err)))
        return st;
    if (df && (p->discount < 0 || p->discount > 1))
        return xfail(err, AC_EINPUT, file, df, "discount factor %g is outside [0,1]", p->discount);
    if (p->discount == 0) /* GENIUS: 0 means no discount */
        p->discount = 1;
    xmlNodePtr obj = first_child(root, "objective");
    if (obj) {
        int oom = 0;
        char *desc = attr(obj, "description", &oom);
        if (oom)
            return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        if (desc) {
            p->name = ac__genius_trim_dup(desc);
            free(desc);
            if (!p->name)
                return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        }
    }
    p->w = calloc(d->n, sizeof *p->w);
    p->seen = calloc(d->n, sizeof *p->seen);
    p->v = calloc(d->n, sizeof *p->v);
    if (!p->w || !p->seen || !p->v)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    if ((st = profile_level(d, p, file, root, 0, err)))
        return st;
    double sum = 0;
    for (size_t k = 0; k < d->n; k++) {
        if (!p->seen[k])
            return xfail(err, AC_EINPUT, file, obj ? obj : root,
                         "no evaluator for issue '%s' (index %ld) of the domain", d->is[k].name,
                         d->is[k].index);
        sum += p->w[k];
    }
    if (!(sum >= 0.98 && sum <= 1.02))
        return xfail(err, AC_EINPUT, file, obj ? obj : root,
                     "the weights sum to %g; GENIUS uses them unnormalised (capping utility at 1) "
                     "while accord normalises them, so only sums within [0.98, 1.02] are imported",
                     sum);
    return AC_OK;
}

/* ---- the model ---- */

static ac_status build_issues(ac_model *m, const d_domain *d, ac_error *err)
{
    ac_status st = AC_OK;
    for (size_t k = 0; !st && k < d->n; k++) {
        const d_issue *is = &d->is[k];
        char id[AC_ID_MAX + 1], fb[32];
        snprintf(fb, sizeof fb, "issue%ld", is->index);
        ac__genius_make_id(is->name, fb, id);
        ac__genius_unique_id(m, AC__ID_ISSUE, 0, id);
        size_t ki;
        if ((st = ac_model_add_issue(m, id, is->title, &ki, err)))
            break;
        for (size_t o = 0; !st && o < is->n_opts; o++) {
            char oid[AC_ID_MAX + 1], text[64];
            const char *title = NULL;
            if (is->type == T_DISCRETE) {
                snprintf(fb, sizeof fb, "v%zu", o + 1);
                ac__genius_make_id(is->vals[o], fb, oid);
                title = is->titles[o];
            } else {
                if (is->type == T_INTEGER)
                    snprintf(text, sizeof text, "%ld", is->lo + (long)o);
                else
                    snprintf(text, sizeof text, "%.10g", real_point(is, o));
                ac__genius_make_id(text, "v", oid);
            }
            ac__genius_unique_id(m, AC__ID_OPTION, ki, oid);
            st = ac_model_add_option(m, ki, oid, title, NULL, err);
        }
    }
    return st;
}

ac_status ac_genius_import(const char *domain_path, const char *const *profile_paths,
                           size_t n_profiles, unsigned steps, ac_model **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_genius_import: no result pointer");
    *out = NULL;
    if (!domain_path || !profile_paths || n_profiles == 0)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_genius_import: a domain and at least one profile are needed");
    if (steps == 0)
        steps = AC_GENIUS_STEPS_DEFAULT;
    if (steps < 2 || steps > AC_GENIUS_MAX_OPTIONS)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "steps must be in [2, %u]", AC_GENIUS_MAX_OPTIONS);
    d_domain d = {.file = domain_path, .steps = steps};
    xmlDocPtr doc;
    ac_status st = parse_xml(domain_path, &doc, err);
    if (st)
        return st;
    st = domain_load(doc, &d, err);
    xmlFreeDoc(doc);
    ac_model *m = NULL;
    if (!st && !(m = ac_model_new()))
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if (!st)
        st = ac_model_set_title(m, d.title, err);
    if (!st)
        st = build_issues(m, &d, err);
    for (size_t i = 0; !st && i < n_profiles; i++) {
        d_profile p = {.file = profile_paths[i]};
        st = parse_xml(p.file, &doc, err);
        if (st)
            break;
        st = profile_load(&d, doc, &p, err);
        xmlFreeDoc(doc);
        char id[AC_ID_MAX + 1], base[256], fb[32];
        ac__genius_basename(p.file, ".xml", base, sizeof base);
        snprintf(fb, sizeof fb, "party%zu", i + 1);
        ac__genius_make_id(base, fb, id);
        ac__genius_unique_id(m, AC__ID_PARTY, 0, id);
        size_t pi = 0;
        if (!st)
            st = ac_model_add_party(m, id, p.name && *p.name ? p.name : NULL, AC_ROLE_PARTY, &pi, err);
        if (!st)
            st = ac_model_set_has_preferences(m, pi, err);
        if (!st)
            st = ac_model_set_reservation(m, pi, p.reservation, err);
        if (!st)
            st = ac_model_set_discount(m, pi, p.discount, err);
        for (size_t k = 0; !st && k < d.n; k++) {
            st = ac_model_set_weight(m, pi, k, p.w[k], err);
            for (size_t o = 0; !st && o < d.is[k].n_opts; o++)
                st = ac_model_set_value(m, pi, k, o, p.v[k][o], err);
        }
        profile_free(&p, d.n);
    }
    if (!st)
        st = ac_model_check(m, err);
    domain_free(&d);
    if (st) {
        ac_model_free(m);
        return st;
    }
    *out = m;
    return AC_OK;
}

/* ---- telling domains from profiles ---- */

static int has_evaluations(xmlNodePtr n, int depth)
{
    for (xmlNodePtr c = n->children; c && depth < 64; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "weight") || is_el(c, "evaluator") ||
            (is_el(c, "item") && xmlHasProp(c, (const xmlChar *)"evaluation")))
            return 1;
        if (has_evaluations(c, depth + 1))
            return 1;
    }
    return 0;
}

ac_status ac__genius_classify(const char *path, int *is_domain, ac_error *err)
{
    xmlDocPtr doc;
    ac_status st = parse_xml(path, &doc, err);
    if (st)
        return st;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (is_el(root, "negotiation_template"))
        *is_domain = 1;
    else if (is_el(root, "utility_space"))
        *is_domain = !has_evaluations(root, 0);
    else
        st = xfail(err, AC_EINPUT, path, root,
                   "root element <%s> is neither a GENIUS domain (<negotiation_template>) nor a profile (<utility_space>)",
                   (const char *)root->name);
    xmlFreeDoc(doc);
    return st;
}
