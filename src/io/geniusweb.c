/* GeniusWeb JSON import: LinearAdditiveUtilitySpace profiles (each embedding its domain)
 * become an ac_model, one party per profile file, in the order given.
 *
 * Semantics follow GeniusWeb: utilities are given directly (no division by a maximum)
 * and must lie in [0,1]; a value missing from valueUtilities is worth 0; a number issue
 * ({"range": {"low", "high", "step"}}) has one option per step, valued by the linear
 * NumberValueSetUtilities between (lowValue, lowUtility) and (highValue, highUtility)
 * and 0 outside [lowValue, highValue]; the reservation value is the utility of the
 * reservationBid (0 when null); there is no discount. Both the GeniusWeb 1.x keys
 * (DiscreteValueSetUtilities, NumberValueSetUtilities) and the 2.x ones (discreteutils,
 * numberutils) are read. JSON carries no node positions, so semantic errors name the
 * JSON path instead of a line; syntax errors get their line. */
#include <json-c/json.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/genius.h"
#include "io/genius_internal.h"

typedef struct {
    char *name;
    size_t n;
    char **vals; /* raw text of each value (numbers as written by %.17g) */
    double *num; /* numeric issues: the values */
    int numeric;
} w_issue;

typedef struct {
    char *name;
    w_issue *is;
    size_t n;
} w_domain;

static void wdomain_free(w_domain *d)
{
    for (size_t k = 0; k < d->n; k++) {
        for (size_t o = 0; o < d->is[k].n; o++)
            free(d->is[k].vals[o]);
        free(d->is[k].vals);
        free(d->is[k].num);
        free(d->is[k].name);
    }
    free(d->is);
    free(d->name);
    memset(d, 0, sizeof *d);
}

static ac_status jparse(const char *path, json_object **out, ac_error *err)
{
    *out = NULL;
    char *buf;
    size_t len;
    ac_status st = ac__genius_read_file(path, &buf, &len, err);
    if (st)
        return st;
    /* JSON is UTF-8 (RFC 8259) and json-c does not check it: text that is not would
     * import, then fail when the model is written. */
    if (!ac__genius_valid_utf8((const unsigned char *)buf, len)) {
        free(buf);
        return ac_error_set(err, AC_EINPUT, path, 0, 0, "not valid UTF-8 (JSON files are UTF-8)");
    }
    json_tokener *tok = json_tokener_new_ex(64);
    if (!tok) {
        free(buf);
        return ac_error_set(err, AC_ENOMEM, path, 0, 0, "out of memory");
    }
    json_object *j = json_tokener_parse_ex(tok, buf, (int)len);
    enum json_tokener_error je = json_tokener_get_error(tok);
    if (!j || je != json_tokener_success) {
        size_t off = json_tokener_get_parse_end(tok), line = 1;
        for (size_t i = 0; i < off && i < len; i++)
            line += buf[i] == '\n';
        json_object_put(j);
        st = ac_error_set(err, AC_EINPUT, path, (int)line, 0, "JSON error: %s",
                          je == json_tokener_success || je == json_tokener_continue
                              ? "unexpected end of file"
                              : json_tokener_error_desc(je));
        j = NULL;
    }
    if (j) { /* one document: anything but white space after it is an error */
        size_t off = json_tokener_get_parse_end(tok), line = 1;
        while (off < len && strchr(" \t\r\n", buf[off]))
            off++;
        if (off < len) {
            for (size_t i = 0; i < off; i++)
                line += buf[i] == '\n';
            json_object_put(j);
            j = NULL;
            st = ac_error_set(err, AC_EINPUT, path, (int)line, 0, "JSON error: text after the document");
        }
    }
    json_tokener_free(tok);
    free(buf);
    *out = j;
    return st;
}

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v))
        return v;
    return NULL;
}

static int jnum(json_object *v, double *out)
{
    if (json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)) {
        *out = json_object_get_double(v);
        return isfinite(*out) ? 0 : -1;
    }
    if (json_object_is_type(v, json_type_string))
        return ac__genius_parse_num(json_object_get_string(v), out);
    return -1;
}

static ac_status domain_from(const char *file, json_object *dj, w_domain *d, ac_error *err)
{
    json_object *iv = get(dj, "issuesValues"), *nm = get(dj, "name");
    if (!iv || !json_object_is_type(iv, json_type_object))
        return ac_error_set(err, AC_EINPUT, file, 0, 0, "domain: no \"issuesValues\" object");
    size_t n = (size_t)json_object_object_length(iv);
    if (n == 0)
        return ac_error_set(err, AC_EINPUT, file, 0, 0, "domain: no issues");
    d->name = strdup(nm && json_object_is_type(nm, json_type_string) ? json_object_get_string(nm)
                                                                      : "GeniusWeb scenario");
    d->is = calloc(n, sizeof *d->is);
    if (!d->name || !d->is)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    json_object_object_foreach(iv, key, val) {
        w_issue *is = &d->is[d->n++];
        if (!(is->name = strdup(key)))
            return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
        json_object *vals = get(val, "values"), *range = get(val, "range");
        if (vals && json_object_is_type(vals, json_type_array)) {
            size_t m = json_object_array_length(vals);
            if (m == 0)
                return ac_error_set(err, AC_EINPUT, file, 0, 0, "domain: issue '%s' has no values", key);
            if (!(is->vals = calloc(m, sizeof *is->vals)))
                return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
            for (size_t o = 0; o < m; o++) {
                json_object *x = json_object_array_get_idx(vals, o);
                if (!json_object_is_type(x, json_type_string))
                    return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                        "domain: issuesValues.%s.values[%zu] is not a string", key, o);
                for (size_t q = 0; q < is->n; q++)
                    if (!strcmp(is->vals[q], json_object_get_string(x)))
                        return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                            "domain: issue '%s' lists value '%s' twice", key,
                                            is->vals[q]);
                if (!(is->vals[is->n++] = strdup(json_object_get_string(x))))
                    return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
            }
        } else if (range && json_object_is_type(range, json_type_object)) {
            double lo, hi, step;
            json_object *a = get(range, "low"), *b = get(range, "high"), *c = get(range, "step");
            if (!a || !b || !c || jnum(a, &lo) || jnum(b, &hi) || jnum(c, &step) || !(step > 0) || lo > hi)
                return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                    "domain: issuesValues.%s.range needs numbers low <= high and step > 0", key);
            double cnt = floor((hi - lo) / step + 1e-9) + 1;
            if (cnt > AC_GENIUS_MAX_OPTIONS)
                return ac_error_set(err, AC_ELIMIT, file, 0, 0,
                                    "domain: number issue '%s' has %.0f values, more than the limit of %u",
                                    key, cnt, AC_GENIUS_MAX_OPTIONS);
            size_t m = (size_t)cnt;
            is->numeric = 1;
            is->vals = calloc(m, sizeof *is->vals);
            is->num = calloc(m, sizeof *is->num);
            if (!is->vals || !is->num)
                return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
            for (size_t o = 0; o < m; o++) {
                char t[64];
                is->num[o] = lo + step * (double)o;
                snprintf(t, sizeof t, "%.10g", is->num[o]);
                if (!(is->vals[is->n++] = strdup(t)))
                    return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
            }
        } else
            return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                "domain: issuesValues.%s needs \"values\" (a list) or \"range\"", key);
    }
    return AC_OK;
}

/* Same issues with the same values; JSON object order may differ between writers. */
static int same_domain(const w_domain *a, const w_domain *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t k = 0; k < a->n; k++) {
        const w_issue *x = &a->is[k], *y = NULL;
        for (size_t j = 0; j < b->n && !y; j++)
            if (!strcmp(x->name, b->is[j].name))
                y = &b->is[j];
        if (!y || x->n != y->n || x->numeric != y->numeric)
            return 0;
        for (size_t o = 0; o < x->n; o++) {
            size_t q = 0;
            while (q < y->n && strcmp(x->vals[o], y->vals[q]))
                q++;
            if (q == y->n)
                return 0;
        }
    }
    return 1;
}

/* Utility of option o of issue k under one issue's utilities object. */
static ac_status value_util(const char *file, const w_issue *is, json_object *u, size_t o,
                            double *out, ac_error *err)
{
    json_object *disc = get(u, "DiscreteValueSetUtilities");
    if (!disc)
        disc = get(u, "discreteutils");
    json_object *num = get(u, "NumberValueSetUtilities");
    if (!num)
        num = get(u, "numberutils");
    if (disc) {
        json_object *vu = get(disc, "valueUtilities"), *x;
        if (!vu || !json_object_is_type(vu, json_type_object))
            return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                "issueUtilities.%s: no \"valueUtilities\" object", is->name);
        *out = 0; /* GeniusWeb: a value without a utility is worth 0 */
        if ((x = get(vu, is->vals[o])) && jnum(x, out))
            return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                "issueUtilities.%s.valueUtilities.%s is not a number", is->name,
                                is->vals[o]);
    } else if (num) {
        double lv, lu, hv, hu;
        json_object *a = get(num, "lowValue"), *b = get(num, "lowUtility"), *c = get(num, "highValue"),
                    *d = get(num, "highUtility");
        if (!a || !b || !c || !d || jnum(a, &lv) || jnum(b, &lu) || jnum(c, &hv) || jnum(d, &hu))
            return ac_error_set(err, AC_EINPUT, file, 0, 0,
                                "issueUtilities.%s: number utilities need lowValue, lowUtility, highValue, highUtility",
                                is->name);
        double x;
        if (!is->numeric) {
            if (ac__genius_parse_num(is->vals[o], &x)) {
                *out = 0;
                return AC_OK;
            }
        } else
            x = is->num[o];
        if (x < lv || x > hv)
            *out = 0;
        else
            *out = hv == lv ? lu : lu + (x - lv) * (hu - lu) / (hv - lv);
    } else
        return ac_error_set(err, AC_EINPUT, file, 0, 0,
                            "issueUtilities.%s: unsupported utilities (DiscreteValueSetUtilities or NumberValueSetUtilities)",
                            is->name);
    if (!(*out >= -1e-12 && *out <= 1 + 1e-12))
        return ac_error_set(err, AC_EINPUT, file, 0, 0,
                            "issueUtilities.%s: utility %g of '%s' is outside [0,1]", is->name, *out,
                            is->vals[o]);
    *out = *out < 0 ? 0 : *out > 1 ? 1 : *out;
    return AC_OK;
}

static ac_status add_profile(ac_model *m, const w_domain *d, const char *file, json_object *las,
                             size_t i, ac_error *err)
{
    json_object *iu = get(las, "issueUtilities"), *iw = get(las, "issueWeights"),
                *nm = get(las, "name"), *rb = get(las, "reservationBid");
    if (!iu || !iw)
        return ac_error_set(err, AC_EINPUT, file, 0, 0, "profile needs \"issueUtilities\" and \"issueWeights\"");
    char id[AC_ID_MAX + 1], base[256], fb[32];
    ac__genius_basename(file, ".json", base, sizeof base);
    snprintf(fb, sizeof fb, "party%zu", i + 1);
    ac__genius_make_id(base, fb, id);
    ac__genius_unique_id(m, AC__ID_PARTY, 0, id);
    size_t pi;
    const char *name = nm && json_object_is_type(nm, json_type_string) ? json_object_get_string(nm) : NULL;
    ac_status st = ac_model_add_party(m, id, name && *name ? name : NULL, AC_ROLE_PARTY, &pi, err);
    if (!st)
        st = ac_model_set_has_preferences(m, pi, err);
    double sum = 0, *w = calloc(d->n, sizeof *w);
    if (!w)
        return ac_error_set(err, AC_ENOMEM, file, 0, 0, "out of memory");
    for (size_t k = 0; !st && k < d->n; k++) {
        const w_issue *is = &d->is[k];
        json_object *wv = get(iw, is->name), *u = get(iu, is->name);
        if (!wv || jnum(wv, &w[k]) || w[k] < 0)
            st = ac_error_set(err, AC_EINPUT, file, 0, 0, "issueWeights.%s: missing or not a number >= 0", is->name);
        else if (!u)
            st = ac_error_set(err, AC_EINPUT, file, 0, 0, "issueUtilities: no utilities for issue '%s'", is->name);
        if (!st)
            st = ac_model_set_weight(m, pi, k, w[k], err);
        sum += w[k];
        for (size_t o = 0; !st && o < is->n; o++) {
            double v;
            if (!(st = value_util(file, is, u, o, &v, err)))
                st = ac_model_set_value(m, pi, k, o, v, err);
        }
    }
    if (!st && !(sum >= 0.98 && sum <= 1.02))
        st = ac_error_set(err, AC_EINPUT, file, 0, 0, "issueWeights sum to %g, not 1", sum);
    double r = 0;
    if (!st && rb && !json_object_is_type(rb, json_type_null)) {
        json_object *bv = get(rb, "issuevalues");
        if (!bv || !json_object_is_type(bv, json_type_object))
            st = ac_error_set(err, AC_EINPUT, file, 0, 0, "reservationBid: no \"issuevalues\" object");
        for (size_t k = 0; !st && k < d->n; k++) {
            const w_issue *is = &d->is[k];
            json_object *x = get(bv, is->name);
            if (!x)
                continue; /* a partial bid: the issue adds nothing */
            size_t o = 0;
            double xv;
            for (; o < is->n; o++) {
                if (json_object_is_type(x, json_type_string) && !strcmp(json_object_get_string(x), is->vals[o]))
                    break;
                if (is->numeric && !jnum(x, &xv) && fabs(xv - is->num[o]) < 1e-9)
                    break;
            }
            if (o == is->n)
                st = ac_error_set(err, AC_EINPUT, file, 0, 0,
                                  "reservationBid.issuevalues.%s: not a value of the issue", is->name);
            else
                r += w[k] / sum * ac_pref_value(m, pi, k, o);
        }
    }
    if (!st)
        st = ac_model_set_reservation(m, pi, r > 1 ? 1 : r, err);
    free(w);
    return st;
}

static ac_status build_issues(ac_model *m, const w_domain *d, ac_error *err)
{
    ac_status st = ac_model_set_title(m, d->name, err);
    for (size_t k = 0; !st && k < d->n; k++) {
        char id[AC_ID_MAX + 1], fb[32];
        snprintf(fb, sizeof fb, "issue%zu", k + 1);
        ac__genius_make_id(d->is[k].name, fb, id);
        ac__genius_unique_id(m, AC__ID_ISSUE, 0, id);
        size_t ki;
        st = ac_model_add_issue(m, id, d->is[k].name, &ki, err);
        for (size_t o = 0; !st && o < d->is[k].n; o++) {
            snprintf(fb, sizeof fb, "v%zu", o + 1);
            ac__genius_make_id(d->is[k].vals[o], fb, id);
            ac__genius_unique_id(m, AC__ID_OPTION, ki, id);
            st = ac_model_add_option(m, ki, id, d->is[k].vals[o], NULL, err);
        }
    }
    return st;
}

ac_status ac_geniusweb_import(const char *domain_path, const char *const *profile_paths,
                              size_t n_profiles, ac_model **out, ac_error *err)
{
    if (!out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_geniusweb_import: no result pointer");
    *out = NULL;
    if (!profile_paths || n_profiles == 0)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_geniusweb_import: at least one profile is needed");
    w_domain d = {0};
    json_object *j = NULL;
    ac_model *m = NULL;
    ac_status st = AC_OK;
    if (domain_path && !(st = jparse(domain_path, &j, err)))
        st = domain_from(domain_path, j, &d, err);
    json_object_put(j);
    for (size_t i = 0; !st && i < n_profiles; i++) {
        const char *file = profile_paths[i];
        if ((st = jparse(file, &j, err)))
            break;
        json_object *las = get(j, "LinearAdditiveUtilitySpace");
        w_domain pd = {0};
        if (!las)
            st = ac_error_set(err, AC_EINPUT, file, 0, 0,
                              "not a GeniusWeb LinearAdditiveUtilitySpace profile");
        else if (!get(las, "domain"))
            st = ac_error_set(err, AC_EINPUT, file, 0, 0, "profile has no \"domain\"");
        else
            st = domain_from(file, get(las, "domain"), &pd, err);
        if (!st && !d.is) {
            d = pd; /* the first profile's domain is the scenario's */
            memset(&pd, 0, sizeof pd);
        } else if (!st && !same_domain(&d, &pd))
            st = ac_error_set(err, AC_EINPUT, file, 0, 0,
                              "the profile's domain differs from the scenario's (issues or values)");
        wdomain_free(&pd);
        if (!st && !m) {
            if (!(m = ac_model_new()))
                st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
            else
                st = build_issues(m, &d, err);
        }
        if (!st)
            st = add_profile(m, &d, file, las, i, err);
        json_object_put(j);
    }
    if (!st)
        st = ac_model_check(m, err);
    wdomain_free(&d);
    if (st) {
        ac_model_free(m);
        return st;
    }
    *out = m;
    return AC_OK;
}
