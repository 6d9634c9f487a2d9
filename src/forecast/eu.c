/* Bueno de Mesquita's expected-utility model, as Scholz, Calbert and Smith (2011) lay
 * it out (docs/forecast.md has the equations and where this departs from them): on one
 * dimension, each round every actor works out, against every other, the probability of
 * winning a contest and the expected utility of challenging it; challenges go out where
 * that utility is positive, and each actor answers the strongest one it receives by
 * being defeated (confrontation), meeting it part way (compromise) or giving in
 * (capitulation). Risk exponents come from how attractive a target each actor is.
 * Two variants: the equations as docs/forecast.md states them (AC_EU_ISSUE), and Scholz
 * et al.'s own program (AC_EU_SCHOLZ), which reproduces their published rounds.
 *
 * Everything is computed in actor order; ties between offers go to the offer nearest the
 * receiver, then to the earlier actor, so the result does not depend on anything else. */
#include "accord/forecast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ac_eu_opts_init(ac_eu_opts *o)
{
    memset(o, 0, sizeof *o);
    o->dim = 0;
    o->max_rounds = 10;
    o->variant = AC_EU_ISSUE;
}

const char *ac_eu_variant_name(int v)
{
    static const char *const names[] = {"issue", "scholz"};
    return v >= 0 && (size_t)v < sizeof names / sizeof names[0] ? names[v] : NULL;
}

const char *ac_eu_move_name(ac_eu_move m)
{
    switch (m) {
    case AC_EU_CONFRONT:
        return "confrontation";
    case AC_EU_COMPROMISE:
        return "compromise";
    case AC_EU_CAPITULATE:
        return "capitulation";
    default:
        return "none";
    }
}

void ac_eu_result_free(ac_eu_result *r)
{
    if (!r)
        return;
    free(r->position);
    free(r->risk);
    free(r->mean);
    free(r->median);
    free(r->move);
    free(r->mover);
    free(r);
}

void ac_eu_tables(size_t n, const double *x, const double *c, const double *s,
                  const double *r, double range, double *prob, double *eu)
{
    /* eu first holds A[k][l] = (|x_k - x_l| / R)^r_k, the only powers the votes need:
     * v_k(i, j) = c_k s_k (A[k][j] - A[k][i]). */
    for (size_t k = 0; k < n; k++)
        for (size_t l = 0; l < n; l++)
            eu[k * n + l] = pow(fabs(x[k] - x[l]) / range, r[k]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j) {
                prob[i * n + j] = 0.5;
                continue;
            }
            double pos = 0, all = 0;
            for (size_t k = 0; k < n; k++) {
                double v = c[k] * s[k] * (eu[k * n + j] - eu[k * n + i]);
                if (v > 0)
                    pos += v;
                all += fabs(v);
            }
            prob[i * n + j] = all > 0 ? pos / all : 0.5;
        }
    for (size_t i = 0; i < n; i++) {
        double ri = r[i], usq = 2 - 4 * pow(0.5, ri);
        for (size_t j = 0; j < n; j++) {
            if (i == j) {
                eu[i * n + j] = 0;
                continue;
            }
            double d = fabs(x[i] - x[j]) / range, p = prob[i * n + j];
            double us = 2 - 4 * pow(0.5 - 0.5 * d, ri);
            double uf = 2 - 4 * pow(0.5 + 0.5 * d, ri);
            eu[i * n + j] = s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - usq;
        }
    }
}

/* Us, Uf and Usq at scaled distance d for exponent r, and the expected utility of a
 * challenge won with probability p against a target of salience sj. */
static double eu_of(double d, double r, double p, double sj)
{
    double us = 2 - 4 * pow(0.5 - 0.5 * d, r);
    double uf = 2 - 4 * pow(0.5 + 0.5 * d, r);
    return sj * (p * us + (1 - p) * uf) + (1 - sj) * us - (2 - 4 * pow(0.5, r));
}

void ac_eu_tables_scholz(size_t n, const double *x, const double *c, const double *s,
                         const double *r, double range, double *prob, double *eu,
                         double *eu_in)
{
    /* eu first holds A[k][l] = (|x_k - x_l| / R)^r_k, as in ac_eu_tables. */
    for (size_t k = 0; k < n; k++)
        for (size_t l = 0; l < n; l++)
            eu[k * n + l] = pow(fabs(x[k] - x[l]) / range, r[k]);
    /* One denominator for every pair: the absolute votes of every actor on every ordered
     * pair of positions. It keeps P small, so that a challenged actor's low salience,
     * not the odds, usually decides; Scholz et al.'s program does this. */
    double all = 0;
    for (size_t k = 0; k < n; k++) {
        double t = 0;
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++)
                t += fabs(eu[k * n + b] - eu[k * n + a]);
        all += c[k] * s[k] * t;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double pos = 0;
            for (size_t k = 0; x[i] != x[j] && k < n; k++) {
                double v = c[k] * s[k] * (eu[k * n + j] - eu[k * n + i]);
                if (v > 0)
                    pos += v;
            }
            prob[i * n + j] = x[i] != x[j] && all > 0 ? pos / all : 0;
        }
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++) {
            double d = fabs(x[a] - x[b]) / range;
            eu[a * n + b] = a == b ? 0 : eu_of(d, r[a], prob[a * n + b], s[b]);
            eu_in[a * n + b] = a == b ? 0 : eu_of(d, r[a], prob[b * n + a], s[a]);
        }
}

/* Scholz et al.'s answer of actor a to the others (eu, eu_in as ac_eu_tables_scholz gives
 * them): every other position gives an offer of a kind; a confrontation it loses if any
 * (the nearest), else a compromise (the one whose EU-weighted meeting point is lowest, as
 * their program ranks them), else a capitulation (the nearest). Returns the kind; *to and
 * *from get the new position and the actor it comes from. */
static ac_eu_move scholz_answer(size_t n, const double *x, const double *eu,
                                const double *eu_in, size_t a, double *to, size_t *from)
{
    double bk[4] = {0, 0, 0, 0}, bx[4] = {0, 0, 0, 0};
    size_t bf[4] = {AC_NONE, AC_NONE, AC_NONE, AC_NONE};
    for (size_t b = 0; b < n; b++) {
        if (b == a || x[b] == x[a])
            continue;
        double uij = eu[a * n + b], uji = eu_in[a * n + b], key, pos;
        ac_eu_move k;
        if (uji > uij && uij > 0) {
            k = AC_EU_CONFRONT, pos = x[b], key = fabs(x[a] - x[b]);
        } else if (uji > 0 && uij < 0 && uji > fabs(uij)) {
            k = AC_EU_COMPROMISE, pos = x[a] + (x[b] - x[a]) * fabs(uij / uji);
            key = (fabs(uij) * x[a] + fabs(uji) * x[b]) / (fabs(uij) + fabs(uji));
        } else if (uji > 0 && uij < 0 && uji < fabs(uij)) {
            k = AC_EU_CAPITULATE, pos = x[b], key = fabs(x[a] - x[b]);
        } else {
            continue;
        }
        if (bf[k] == AC_NONE || key < bk[k])
            bk[k] = key, bx[k] = pos, bf[k] = b;
    }
    static const ac_eu_move order[] = {AC_EU_CONFRONT, AC_EU_COMPROMISE, AC_EU_CAPITULATE};
    for (size_t m = 0; m < 3; m++)
        if (bf[order[m]] != AC_NONE) {
            *to = bx[order[m]];
            *from = bf[order[m]];
            return order[m];
        }
    *to = x[a];
    *from = AC_NONE;
    return AC_EU_NONE;
}

void ac_eu_risk(size_t n, const double *eu, double *r)
{
    /* danger_i = sum_j EU_j(j -> i), kept in r until the range is known */
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double d = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                d += eu[j * n + i];
        r[i] = d;
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    for (size_t i = 0; i < n; i++) {
        /* All equally exposed: no one leans either way; r = 1 (risk neutral). */
        double R = hi - lo > 1e-15 ? (2 * r[i] - hi - lo) / (hi - lo) : 0;
        R = R < -1 ? -1 : R > 1 ? 1 : R; /* rounding must not push r out of [0.5, 2] */
        r[i] = (1 - R / 3) / (1 + R / 3);
        r[i] = r[i] < 0.5 ? 0.5 : r[i] > 2 ? 2 : r[i];
    }
}

double ac_eu_median(size_t n, const double *x, const double *w)
{
    double best = 0, bv = 0;
    for (size_t a = 0; a < n; a++) {
        double v = 0;
        for (size_t k = 0; k < n; k++)
            v += w[k] * fabs(x[k] - x[a]);
        double tol = 1e-12 * (fabs(bv) + 1);
        if (a == 0 || v < bv - tol || (fabs(v - bv) <= tol && x[a] < best)) {
            bv = v;
            best = x[a];
        }
    }
    return best;
}

static double wmean(size_t n, const double *x, const double *w)
{
    double t = 0, sw = 0;
    for (size_t k = 0; k < n; k++) {
        t += w[k] * x[k];
        sw += w[k];
    }
    return t / sw;
}

ac_status ac_forecast_eu(const ac_fc_input *in, const ac_eu_opts *o, ac_eu_result **out,
                         ac_error *err)
{
    if (!in || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_forecast_eu: bad arguments");
    *out = NULL;
    ac_eu_opts def;
    if (!o) {
        ac_eu_opts_init(&def);
        o = &def;
    }
    ac_status st = ac_fc_input_check(in, err);
    if (st)
        return st;
    size_t n = ac_fc_n_actors(in), d = o->dim;
    if (d >= ac_fc_n_dims(in))
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "no dimension %zu", d + 1);
    if (n < 2)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the EU model needs at least 2 actors");
    size_t rounds = (size_t)o->max_rounds + 1;
    ac_eu_result *r = calloc(1, sizeof *r);
    double *x = malloc(n * sizeof *x), *c = malloc(n * sizeof *c), *s = malloc(n * sizeof *s);
    double *w = malloc(n * sizeof *w), *rk = malloc(n * sizeof *rk), *one = malloc(n * sizeof *one);
    double *prob = malloc(n * n * sizeof *prob), *eu = malloc(n * n * sizeof *eu);
    double *nx = malloc(n * sizeof *nx), *eu_in = malloc(n * n * sizeof *eu_in);
    int scholz = o->variant == AC_EU_SCHOLZ;
    if (r) {
        r->variant = o->variant;
        r->n_actors = n;
        r->position = malloc(rounds * n * sizeof *r->position);
        r->risk = malloc(rounds * n * sizeof *r->risk);
        r->mean = malloc(rounds * sizeof *r->mean);
        r->median = malloc(rounds * sizeof *r->median);
        r->move = calloc(rounds * n, sizeof *r->move);
        r->mover = malloc(rounds * n * sizeof *r->mover);
    }
    if (!r || !x || !c || !s || !w || !rk || !one || !prob || !eu || !nx || !eu_in || !r->position ||
        !r->risk || !r->mean || !r->median || !r->move || !r->mover) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < rounds * n; i++)
        r->mover[i] = AC_NONE;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        x[i] = ac_fc_position(in, i, d);
        c[i] = ac_fc_capability(in, i, d);
        s[i] = ac_fc_salience(in, i, d) / 100.0;
        w[i] = c[i] * s[i];
        one[i] = 1;
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    double wsum = 0;
    for (size_t i = 0; i < n; i++)
        wsum += w[i];
    if (!(wsum > 0)) {
        st = ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                          "every actor has salience 0 on dimension '%s': nothing to forecast",
                          ac_fc_dim(in, d));
        goto done;
    }
    r->range = hi - lo;
    for (size_t t = 0;; t++) {
        for (size_t i = 0; i < n; i++)
            r->position[t * n + i] = x[i];
        r->mean[t] = wmean(n, x, w);
        r->median[t] = ac_eu_median(n, x, w);
        r->n_rounds = t + 1;
        if (r->range > 0) {
            if (scholz)
                ac_eu_tables_scholz(n, x, c, s, one, r->range, prob, eu, eu_in);
            else
                ac_eu_tables(n, x, c, s, one, r->range, prob, eu);
            ac_eu_risk(n, eu, rk);
        } else {
            memcpy(rk, one, n * sizeof *rk);
        }
        memcpy(&r->risk[t * n], rk, n * sizeof *rk);
        if (r->range == 0 || t + 1 >= rounds) {
            r->stable = r->range == 0;
            break;
        }
        int moved = 0;
        if (scholz) {
            ac_eu_tables_scholz(n, x, c, s, rk, r->range, prob, eu, eu_in);
            for (size_t a = 0; a < n; a++) {
                size_t from;
                ac_eu_move mv = scholz_answer(n, x, eu, eu_in, a, &nx[a], &from);
                if (mv != AC_EU_NONE && nx[a] != x[a])
                    moved = 1;
                r->move[(t + 1) * n + a] = mv;
                r->mover[(t + 1) * n + a] = from;
            }
        } else {
            ac_eu_tables(n, x, c, s, rk, r->range, prob, eu);
        }
        for (size_t j = 0; !scholz && j < n; j++) {
            /* j answers the best challenge it receives (the sender's EU, positive). */
            size_t best = AC_NONE;
            for (size_t i = 0; i < n; i++) {
                if (i == j || !(eu[i * n + j] > 0))
                    continue;
                if (best == AC_NONE || eu[i * n + j] > eu[best * n + j] ||
                    (eu[i * n + j] == eu[best * n + j] &&
                     fabs(x[i] - x[j]) < fabs(x[best] - x[j])))
                    best = i;
            }
            nx[j] = x[j];
            ac_eu_move mv = AC_EU_NONE;
            if (best != AC_NONE) {
                double uj = eu[best * n + j], ui = eu[j * n + best];
                if (ui > 0 && ui < uj) {
                    mv = AC_EU_CONFRONT;
                    nx[j] = x[best];
                } else if (ui < 0 && fabs(ui) < uj) {
                    mv = AC_EU_COMPROMISE;
                    nx[j] = x[j] + (x[best] - x[j]) * fabs(ui / uj);
                } else if (ui < 0 && fabs(ui) > uj) {
                    mv = AC_EU_CAPITULATE;
                    nx[j] = x[best];
                }
            }
            if (mv != AC_EU_NONE && nx[j] != x[j])
                moved = 1;
            r->move[(t + 1) * n + j] = mv;
            r->mover[(t + 1) * n + j] = mv != AC_EU_NONE ? best : AC_NONE;
        }
        memcpy(x, nx, n * sizeof *x);
        /* A round depends on the positions alone: back at an earlier round's positions,
         * the rounds since then repeat. */
        for (size_t u = t + 1; moved && !r->cycle_period && u-- > 0;)
            if (!memcmp(&r->position[u * n], x, n * sizeof *x)) {
                r->cycle_from = u;
                r->cycle_period = t + 1 - u;
            }
        if (!moved) {
            /* Nobody moves: every later round would repeat this one. */
            r->stable = 1;
            break;
        }
    }
    *out = r;
    r = NULL;
done:
    ac_eu_result_free(r);
    free(x);
    free(c);
    free(s);
    free(w);
    free(rk);
    free(one);
    free(prob);
    free(eu);
    free(nx);
    free(eu_in);
    return st;
}
