/* Compiles a model into the dense ac_space view used by every analysis.
 * One allocation block per array; the view never points back into the model. */
#include "accord/space.h"
#include "core/space_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *ac_u128_str(ac_u128 x, char *buf, size_t size) { return ac__u128_str(ac__u128_in(x), buf, size); }

double ac_u128_double(ac_u128 x) { return ac__u128_double(ac__u128_in(x)); }

char *ac__u128_str(ac__u128 x, char *buf, size_t size)
{
    char tmp[48];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(x % 10));
        x /= 10;
    } while (x && n < sizeof tmp);
    if (size == 0)
        return buf;
    size_t w = 0;
    while (n && w + 1 < size)
        buf[w++] = tmp[--n];
    buf[w] = 0;
    return buf;
}


typedef struct {
    ac_space pub;
    size_t *party;
    uint32_t *n_options;
    double **contrib;
    unsigned char **allowed;
    unsigned char **red;
    double *reservation;
} space_t;

void ac_space_free(ac_space *s)
{
    if (!s)
        return;
    space_t *t = (space_t *)s;
    for (size_t k = 0; k < s->n_issues; k++) {
        if (t->contrib)
            free(t->contrib[k]);
        if (t->allowed)
            free(t->allowed[k]);
        if (t->red)
            free(t->red[k]);
    }
    free(t->contrib);
    free(t->allowed);
    free(t->red);
    free(t->party);
    free(t->n_options);
    free(t->reservation);
    free(t);
}

ac_status ac_space_new(const ac_model *m, ac_space **out, ac_error *err)
{
    *out = NULL;
    size_t np = 0, ni = ac_model_n_issues(m);
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        np += ac_party_role(m, i) == AC_ROLE_PARTY;
    if (!np)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the model has no party with role 'party'");
    if (!ni)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the model has no issue");
    space_t *t = calloc(1, sizeof *t);
    if (!t)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    t->pub.n_parties = np;
    t->pub.n_issues = ni;
    t->party = calloc(np, sizeof *t->party);
    t->reservation = calloc(np, sizeof *t->reservation);
    t->n_options = calloc(ni, sizeof *t->n_options);
    t->contrib = calloc(ni, sizeof *t->contrib);
    t->allowed = calloc(ni, sizeof *t->allowed);
    t->red = calloc(ni, sizeof *t->red);
    if (!t->party || !t->reservation || !t->n_options || !t->contrib || !t->allowed || !t->red)
        goto nomem;
    double *wsum = calloc(np, sizeof *wsum);
    if (!wsum)
        goto nomem;
    for (size_t i = 0, a = 0; i < ac_model_n_parties(m); i++) {
        if (ac_party_role(m, i) != AC_ROLE_PARTY)
            continue;
        t->party[a] = i;
        t->reservation[a] = ac_party_reservation(m, i);
        for (size_t k = 0; k < ni; k++)
            wsum[a] += ac_pref_raw_weight(m, i, k);
        a++;
    }
    t->pub.outcomes = 1;
    t->pub.outcomes_log10 = 0;
    for (size_t k = 0; k < ni; k++) {
        size_t no = ac_model_n_options(m, k);
        if (!no) {
            free(wsum);
            ac_space_free(&t->pub);
            return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "issue '%s' has no option",
                                ac_issue_id(m, k));
        }
        t->n_options[k] = (uint32_t)no;
        if (!t->pub.outcomes_overflow && t->pub.outcomes > AC__U128_MAX / no)
            t->pub.outcomes_overflow = 1;
        else
            t->pub.outcomes *= no;
        t->pub.outcomes_log10 += log10((double)no);
        t->contrib[k] = calloc(no * np, sizeof(double));
        t->allowed[k] = calloc(no, 1);
        t->red[k] = calloc(no * np, 1);
        if (!t->contrib[k] || !t->allowed[k] || !t->red[k]) {
            free(wsum);
            goto nomem;
        }
        for (size_t o = 0; o < no; o++) {
            t->allowed[k][o] = 1;
            for (size_t a = 0; a < np; a++) {
                size_t i = t->party[a];
                double w = wsum[a] > 0 ? ac_pref_raw_weight(m, i, k) / wsum[a] : 0.0;
                t->contrib[k][o * np + a] = w * ac_pref_value(m, i, k, o);
                if (ac_pref_red_line(m, i, k, o)) {
                    t->red[k][o * np + a] = 1;
                    t->allowed[k][o] = 0;
                }
            }
        }
    }
    free(wsum);
    t->pub.party = t->party;
    t->pub.n_options = t->n_options;
    t->pub.contrib = t->contrib;
    t->pub.allowed = (const unsigned char *const *)t->allowed;
    t->pub.red = (const unsigned char *const *)t->red;
    t->pub.reservation = t->reservation;
    *out = &t->pub;
    return AC_OK;
nomem:
    ac_space_free(&t->pub);
    return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
}

static int outcome_ok(const ac_space *s, const uint32_t *outcome)
{
    for (size_t k = 0; k < s->n_issues; k++)
        if (outcome[k] >= s->n_options[k])
            return 0;
    return 1;
}

ac_status ac_space_utility(const ac_space *s, const uint32_t *outcome, double *u)
{
    if (!s || !outcome || !u || !outcome_ok(s, outcome))
        return AC_EARG;
    size_t np = s->n_parties;
    for (size_t i = 0; i < np; i++)
        u[i] = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        const double *c = s->contrib[k] + (size_t)outcome[k] * np;
        for (size_t i = 0; i < np; i++)
            u[i] += c[i];
    }
    return AC_OK;
}

int ac_space_acceptable(const ac_space *s, const uint32_t *outcome)
{
    if (!s || !outcome || !outcome_ok(s, outcome))
        return 0;
    size_t np = s->n_parties;
    double u[64], *uu = np <= 64 ? u : malloc(np * sizeof *uu);
    if (!uu)
        return 0;
    int ok = 1;
    for (size_t k = 0; k < s->n_issues && ok; k++)
        ok = s->allowed[k][outcome[k]];
    if (ok) {
        ac_space_utility(s, outcome, uu);
        for (size_t i = 0; i < np && ok; i++)
            ok = uu[i] >= s->reservation[i] - AC_EPS;
    }
    if (uu != u)
        free(uu);
    return ok;
}

/* ---- accessors ---- */

size_t ac_space_n_parties(const ac_space *s) { return s ? s->n_parties : 0; }
size_t ac_space_n_issues(const ac_space *s) { return s ? s->n_issues : 0; }

size_t ac_space_party(const ac_space *s, size_t i)
{
    return s && i < s->n_parties ? s->party[i] : AC_NONE;
}

size_t ac_space_n_options(const ac_space *s, size_t issue)
{
    return s && issue < s->n_issues ? s->n_options[issue] : 0;
}

static int point_ok(const ac_space *s, size_t issue, size_t option)
{
    return s && issue < s->n_issues && option < s->n_options[issue];
}

double ac_space_contribution(const ac_space *s, size_t issue, size_t option, size_t party)
{
    if (!point_ok(s, issue, option) || party >= s->n_parties)
        return NAN;
    return s->contrib[issue][option * s->n_parties + party];
}

int ac_space_allowed(const ac_space *s, size_t issue, size_t option)
{
    return point_ok(s, issue, option) && s->allowed[issue][option];
}

int ac_space_red_line(const ac_space *s, size_t issue, size_t option, size_t party)
{
    return point_ok(s, issue, option) && party < s->n_parties &&
           s->red[issue][option * s->n_parties + party];
}

double ac_space_reservation(const ac_space *s, size_t party)
{
    return s && party < s->n_parties ? s->reservation[party] : NAN;
}

ac_u128 ac_space_outcomes(const ac_space *s)
{
    return ac__u128_out(s && !s->outcomes_overflow ? s->outcomes : 0);
}

int ac_space_outcomes_overflow(const ac_space *s) { return s ? s->outcomes_overflow : 0; }
double ac_space_outcomes_log10(const ac_space *s) { return s ? s->outcomes_log10 : 0; }
