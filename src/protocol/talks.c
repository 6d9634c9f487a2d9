/* Simulated talks: the engine behind ac_talks_run.
 *
 * Layout: options of all issues are numbered together (slot = off[k] + o); per slot the
 * arrays hold one entry per active party, so the loops that weigh a change of one point
 * touch contiguous memory. Everything a run needs is allocated in ac_talks_new; a run
 * only resets and updates (sweeps run millions of them). The utilities of the text on
 * the table are kept incrementally: a change of one point costs one pass over parties.
 *
 * Invariants: w[] are normalised weights derived from raw[]; c[slot*n+i] = w_ik * v_i(slot);
 * best_u[i] is the best utility over outcomes free of i's red lines (per issue max);
 * u[] and nred[] always describe text[] under the current preferences. */
#include "accord/protocol.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RED_PENALTY 2.0 /* a crossed red line weighs more than any utility gap (<= 1) */
#define TOL 1e-9

struct ac_talks {
    size_t n, K, slots, n_events;
    size_t *party;           /* [n] model index */
    uint32_t *nopt;          /* [K] */
    size_t *off;             /* [K] first slot of issue k */
    unsigned char *locked;   /* [K] */
    int has_plan;
    uint32_t *plan;          /* [K] */
    /* the model as written */
    double *base_raw, *base_val, *base_res;
    double *disc;            /* [n] */
    /* current preferences */
    double *raw, *w, *val, *res; /* raw/w [n*K], val [n*slots], res [n] */
    /* raw weights and reservations as the last reset/perturb left them: events change
     * them during a run, and every run starts from these */
    double *start_raw, *start_res;
    int dirty; /* events moved raw[]/res[] since the last reset/perturb/run start */
    double *c;               /* [slots*n] */
    unsigned char *red;      /* [slots*n] */
    double *best_val;        /* [n*K] best value per issue (stances) */
    double *best_u;          /* [n] */
    /* events, in model order */
    const ac_model *m;
    size_t *ev_party;        /* [n_events] active index, AC_NONE if not active */
    unsigned char *fired;    /* [n_events] */
    size_t *fired_now;       /* [n_events] */
    /* the run's state */
    uint32_t *text;          /* [K] */
    uint32_t *offers;        /* [n*K] alternating: each party's standing offer */
    unsigned char *has_offer;/* [n] */
    double *u, *df, *asp, *margin, *first_u, *last_u, *disc_u, *tmp;
    int *nred;               /* [n] */
    unsigned char *accept;   /* [n] */
    ac_stance *stance;       /* [n*K] */
    double *score;           /* [K] */
};

static const char *const proto_names[] = {"mediated", "shuttle", "alternating"};
static const char *const variant_names[] = {"hill", "veto", "anneal"};

const char *ac_protocol_name(ac_protocol p) { return (unsigned)p < 3 ? proto_names[p] : "?"; }
const char *ac_variant_name(ac_variant v) { return (unsigned)v < 3 ? variant_names[v] : "?"; }

ac_status ac_protocol_parse(const char *s, ac_protocol *out)
{
    for (int i = 0; s && i < 3; i++)
        if (!strcmp(s, proto_names[i])) {
            *out = (ac_protocol)i;
            return AC_OK;
        }
    return AC_EINPUT;
}

ac_status ac_variant_parse(const char *s, ac_variant *out)
{
    for (int i = 0; s && i < 3; i++)
        if (!strcmp(s, variant_names[i])) {
            *out = (ac_variant)i;
            return AC_OK;
        }
    return AC_EINPUT;
}

void ac_talks_opts_init(ac_talks_opts *o)
{
    memset(o, 0, sizeof *o);
    o->protocol = AC_PROTO_MEDIATED;
    o->variant = AC_VARIANT_HILL;
    o->rounds = AC_TALKS_ROUNDS_DEFAULT;
    o->agree_within = -1;
}

size_t ac_talks_n_parties(const ac_talks *t) { return t->n; }
size_t ac_talks_party(const ac_talks *t, size_t i) { return i < t->n ? t->party[i] : AC_NONE; }

void ac_talks_free(ac_talks *t)
{
    if (!t)
        return;
    void *p[] = {t->party, t->nopt, t->off, t->locked, t->plan, t->base_raw, t->base_val,
                 t->base_res, t->disc, t->raw, t->start_raw, t->start_res, t->w, t->val, t->res, t->c, t->red,
                 t->best_val, t->best_u, t->ev_party, t->fired, t->fired_now, t->text,
                 t->offers, t->has_offer, t->u, t->df, t->asp, t->margin, t->first_u,
                 t->last_u, t->disc_u, t->tmp, t->nred, t->accept, t->stance, t->score};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        free(p[i]);
    free(t);
}

/* Recomputes party i's normalised weights, contributions and best utility from raw[]. */
static void refresh_party(ac_talks *t, size_t i)
{
    size_t n = t->n, K = t->K;
    double sum = 0;
    for (size_t k = 0; k < K; k++)
        sum += t->raw[i * K + k];
    double best = 0;
    for (size_t k = 0; k < K; k++) {
        double w = sum > 0 ? t->raw[i * K + k] / sum : 0;
        t->w[i * K + k] = w;
        double bk = -1, bv = 0;
        for (uint32_t o = 0; o < t->nopt[k]; o++) {
            size_t s = t->off[k] + o;
            double v = t->val[i * t->slots + s];
            t->c[s * n + i] = w * v;
            if (!t->red[s * n + i] && w * v > bk)
                bk = w * v;
            if (v > bv)
                bv = v;
        }
        best += bk > 0 ? bk : 0;
        t->best_val[i * K + k] = bv;
    }
    t->best_u[i] = best;
}

static void load_base(ac_talks *t)
{
    memcpy(t->raw, t->base_raw, t->n * t->K * sizeof *t->raw);
    memcpy(t->val, t->base_val, t->n * t->slots * sizeof *t->val);
    memcpy(t->res, t->base_res, t->n * sizeof *t->res);
}

static void save_start(ac_talks *t)
{
    memcpy(t->start_raw, t->raw, t->n * t->K * sizeof *t->raw);
    memcpy(t->start_res, t->res, t->n * sizeof *t->res);
    t->dirty = 0;
}

void ac_talks_reset(ac_talks *t)
{
    load_base(t);
    for (size_t i = 0; i < t->n; i++)
        refresh_party(t, i);
    save_start(t);
}

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

static size_t active_index(const ac_talks *t, size_t model_party)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->party[i] == model_party)
            return i;
    return AC_NONE;
}

void ac_talks_perturb(ac_talks *t, ac_rng *r)
{
    load_base(t);
    size_t K = t->K;
    for (size_t q = 0; q < ac_model_n_uncertainty(t->m); q++) {
        const ac_uncertainty *x = ac_model_uncertainty(t->m, q);
        size_t i = active_index(t, x->party);
        if (i == AC_NONE)
            continue;
        if (x->kind == AC_UNC_RESERVATION) {
            t->res[i] = clamp01(t->res[i] + x->sd * ac_rng_normal(r));
        } else if (x->kind == AC_UNC_VALUE && x->issue < K) {
            for (uint32_t o = 0; o < t->nopt[x->issue]; o++) {
                double *v = &t->val[i * t->slots + t->off[x->issue] + o];
                *v = clamp01(*v + x->sd * ac_rng_normal(r));
            }
        } else if (x->kind == AC_UNC_WEIGHT && x->issue < K) {
            /* The draw moves the normalised weight; raw weights keep their scale so a
             * later event's raw delta means what the model says. */
            double sum = 0;
            for (size_t k = 0; k < K; k++)
                sum += t->raw[i * K + k];
            if (!(sum > 0))
                continue;
            double *rw = &t->raw[i * K + x->issue];
            double wn = *rw / sum + x->sd * ac_rng_normal(r);
            if (wn < 0)
                wn = 0;
            double rest = sum - *rw; /* the other issues' raw total */
            double total = wn + rest / sum;
            if (!(total > 0))
                continue;
            /* renormalise: other weights keep their raw values scaled by sum/total */
            for (size_t k = 0; k < K; k++)
                t->raw[i * K + k] = (k == x->issue ? wn : t->raw[i * K + k] / sum) * sum / total;
        }
    }
    for (size_t i = 0; i < t->n; i++)
        refresh_party(t, i);
    save_start(t);
}

static void *alloc0(size_t n, size_t size, int *fail)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        *fail = 1;
    return p;
}

ac_status ac_talks_new(const ac_model *m, ac_talks **out, ac_error *err)
{
    *out = NULL;
    ac_talks *t = calloc(1, sizeof *t);
    if (!t)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    t->m = m;
    size_t np = ac_model_n_parties(m);
    for (size_t p = 0; p < np; p++)
        t->n += ac_party_role(m, p) == AC_ROLE_PARTY;
    t->K = ac_model_n_issues(m);
    if (!t->n || !t->K) {
        free(t);
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the model needs a party and an issue");
    }
    size_t n = t->n, K = t->K;
    int fail = 0;
    t->party = alloc0(n, sizeof *t->party, &fail);
    t->nopt = alloc0(K, sizeof *t->nopt, &fail);
    t->off = alloc0(K, sizeof *t->off, &fail);
    t->locked = alloc0(K, 1, &fail);
    t->plan = alloc0(K, sizeof *t->plan, &fail);
    if (fail) {
        ac_talks_free(t);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t p = 0, i = 0; p < np; p++)
        if (ac_party_role(m, p) == AC_ROLE_PARTY)
            t->party[i++] = p;
    t->has_plan = ac_model_has_plan(m);
    for (size_t k = 0; k < K; k++) {
        t->nopt[k] = (uint32_t)ac_model_n_options(m, k);
        t->off[k] = t->slots;
        t->slots += t->nopt[k];
        if (t->has_plan) {
            t->plan[k] = (uint32_t)ac_model_plan(m, k);
            t->locked[k] = (unsigned char)(ac_model_locked(m, k) != 0);
        }
    }
    size_t S = t->slots;
    t->n_events = ac_model_n_events(m);
    t->base_raw = alloc0(n * K, sizeof(double), &fail);
    t->base_val = alloc0(n * S, sizeof(double), &fail);
    t->base_res = alloc0(n, sizeof(double), &fail);
    t->disc = alloc0(n, sizeof(double), &fail);
    t->raw = alloc0(n * K, sizeof(double), &fail);
    t->start_raw = alloc0(n * K, sizeof(double), &fail);
    t->start_res = alloc0(n, sizeof(double), &fail);
    t->w = alloc0(n * K, sizeof(double), &fail);
    t->val = alloc0(n * S, sizeof(double), &fail);
    t->res = alloc0(n, sizeof(double), &fail);
    t->c = alloc0(n * S, sizeof(double), &fail);
    t->red = alloc0(n * S, 1, &fail);
    t->best_val = alloc0(n * K, sizeof(double), &fail);
    t->best_u = alloc0(n, sizeof(double), &fail);
    t->ev_party = alloc0(t->n_events, sizeof(size_t), &fail);
    t->fired = alloc0(t->n_events, 1, &fail);
    t->fired_now = alloc0(t->n_events, sizeof(size_t), &fail);
    t->text = alloc0(K, sizeof(uint32_t), &fail);
    t->offers = alloc0(n * K, sizeof(uint32_t), &fail);
    t->has_offer = alloc0(n, 1, &fail);
    double **d[] = {&t->u, &t->df, &t->asp, &t->margin, &t->first_u, &t->last_u, &t->disc_u,
                    &t->tmp};
    for (size_t j = 0; j < sizeof d / sizeof d[0]; j++)
        *d[j] = alloc0(n, sizeof(double), &fail);
    t->nred = alloc0(n, sizeof(int), &fail);
    t->accept = alloc0(n, 1, &fail);
    t->stance = alloc0(n * K, sizeof(ac_stance), &fail);
    t->score = alloc0(K, sizeof(double), &fail);
    if (fail) {
        ac_talks_free(t);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t p = t->party[i];
        t->base_res[i] = ac_party_reservation(m, p);
        t->disc[i] = ac_party_discount(m, p);
        for (size_t k = 0; k < K; k++) {
            t->base_raw[i * K + k] = ac_pref_raw_weight(m, p, k);
            for (uint32_t o = 0; o < t->nopt[k]; o++) {
                size_t s = t->off[k] + o;
                t->base_val[i * S + s] = ac_pref_value(m, p, k, o);
                t->red[s * n + i] = (unsigned char)(ac_pref_red_line(m, p, k, o) != 0);
            }
        }
    }
    for (size_t e = 0; e < t->n_events; e++)
        t->ev_party[e] = active_index(t, ac_model_event(m, e)->party);
    ac_talks_reset(t);
    *out = t;
    return AC_OK;
}

/* ---- the text on the table ---- */

static void set_text(ac_talks *t, const uint32_t *text)
{
    size_t n = t->n;
    if (text != t->text)
        memcpy(t->text, text, t->K * sizeof *text);
    for (size_t i = 0; i < n; i++) {
        t->u[i] = 0;
        t->nred[i] = 0;
    }
    for (size_t k = 0; k < t->K; k++) {
        size_t s = t->off[k] + t->text[k];
        for (size_t i = 0; i < n; i++) {
            t->u[i] += t->c[s * n + i];
            t->nred[i] += t->red[s * n + i];
        }
    }
}

static void change_point(ac_talks *t, size_t k, uint32_t o)
{
    size_t n = t->n, s0 = t->off[k] + t->text[k], s1 = t->off[k] + o;
    for (size_t i = 0; i < n; i++) {
        t->u[i] += t->c[s1 * n + i] - t->c[s0 * n + i];
        t->nred[i] += (int)t->red[s1 * n + i] - (int)t->red[s0 * n + i];
    }
    t->text[k] = o;
}

/* The neutral start: per issue, an option no party's red line forbids when there is one,
 * with the largest sum of utilities (ties: the first). */
static void neutral_text(ac_talks *t, uint32_t *text)
{
    size_t n = t->n;
    for (size_t k = 0; k < t->K; k++) {
        double best = -1;
        int best_free = 0;
        uint32_t pick = 0;
        for (uint32_t o = 0; o < t->nopt[k]; o++) {
            size_t s = t->off[k] + o;
            double sum = 0;
            int free_ = 1;
            for (size_t i = 0; i < n; i++) {
                sum += t->c[s * n + i];
                free_ &= !t->red[s * n + i];
            }
            if ((free_ && !best_free) || (free_ == best_free && sum > best + TOL)) {
                best = sum;
                best_free = free_;
                pick = o;
            }
        }
        text[k] = pick;
    }
}

/* ---- events ---- */

static size_t fire_events(ac_talks *t, double time)
{
    size_t nf = 0;
    for (size_t e = 0; e < t->n_events; e++) {
        const ac_event *ev = ac_model_event(t->m, e);
        if (t->fired[e] || ev->at > time + 1e-12)
            continue;
        t->fired[e] = 1;
        t->fired_now[nf++] = e;
        t->dirty = 1;
        size_t i = t->ev_party[e];
        if (i == AC_NONE)
            continue;
        if (ev->has_reservation)
            t->res[i] = clamp01(t->res[i] + ev->reservation);
        if (ev->n_weights) {
            for (size_t j = 0; j < ev->n_weights; j++) {
                double *rw = &t->raw[i * t->K + ev->weight_issue[j]];
                *rw += ev->weight_delta[j];
                if (*rw < 0)
                    *rw = 0;
            }
            refresh_party(t, i);
        }
    }
    return nf;
}

/* ---- answers ---- */

static void set_aspirations(ac_talks *t, const ac_talks_opts *o, double time, ac_rng *r)
{
    size_t n = t->n;
    for (size_t i = 0; i < n; i++) {
        t->df[i] = t->disc[i] < 1 ? pow(t->disc[i], time) : 1;
        double conc = 0;
        if (n > 1) {
            for (size_t j = 0; j < n; j++)
                if (j != i && t->first_u[j] > t->last_u[j])
                    conc += t->first_u[j] - t->last_u[j];
            conc /= (double)(n - 1);
        }
        ac_strategy_input in = {time, t->res[i], t->best_u[i], conc};
        ac_strategy def;
        ac_strategy_default(&def);
        t->asp[i] = ac_strategy_aspiration(o->strategy ? &o->strategy[i] : &def, &in, r);
    }
}

static double margin_of(const ac_talks *t, size_t i, double u, int nred)
{
    return t->df[i] * u - t->asp[i] - RED_PENALTY * nred;
}

/* Every party's answer to the text: acceptance and a stance on every point. */
static int answer(ac_talks *t, double within)
{
    size_t n = t->n, K = t->K;
    int all = 1;
    for (size_t i = 0; i < n; i++) {
        t->margin[i] = margin_of(t, i, t->u[i], t->nred[i]);
        t->accept[i] = (unsigned char)(t->nred[i] == 0 && t->margin[i] >= -TOL &&
                                       t->u[i] * t->df[i] >= t->res[i] - TOL);
        all &= t->accept[i];
    }
    for (size_t k = 0; k < K; k++) {
        size_t s = t->off[k] + t->text[k];
        double score = 0;
        for (size_t i = 0; i < n; i++) {
            ac_stance st;
            double v = t->val[i * t->slots + s];
            if (t->red[s * n + i]) {
                st = AC_STANCE_REJECT;
                score += 10;
            } else if (v >= t->best_val[i * K + k] - within - TOL) {
                st = AC_STANCE_AGREE;
            } else {
                st = AC_STANCE_CRITICISE;
                score += 1 + t->w[i * K + k] * (t->best_val[i * K + k] - v);
            }
            t->stance[i * K + k] = st;
        }
        t->score[k] = score;
    }
    return all;
}

/* ---- the mediator's revisions ---- */

static double min_margin_after(const ac_talks *t, size_t k, uint32_t o, double *sum,
                               int veto)
{
    size_t n = t->n, s0 = t->off[k] + t->text[k], s1 = t->off[k] + o;
    double mn = INFINITY;
    *sum = 0;
    for (size_t i = 0; i < n; i++) {
        double du = t->c[s1 * n + i] - t->c[s0 * n + i];
        if (veto && du < -TOL)
            return -INFINITY;
        int dr = (int)t->red[s1 * n + i] - (int)t->red[s0 * n + i];
        double mg = margin_of(t, i, t->u[i] + du, t->nred[i] + dr);
        *sum += mg;
        if (mg < mn)
            mn = mg;
    }
    return mn;
}

static double current_min_margin(const ac_talks *t, double *sum)
{
    double mn = INFINITY;
    *sum = 0;
    for (size_t i = 0; i < t->n; i++) {
        *sum += t->margin[i];
        if (t->margin[i] < mn)
            mn = t->margin[i];
    }
    return mn;
}

/* Hill climbing (and veto): among the changes of one point that raise the minimum margin
 * (or, at equal minimum, the sum of margins), the one on the most contested point; ties
 * go to the larger gain, then the first point and option.
 * Cost: one pass over the points, skipping those scored below the best so far; a change
 * that lowers the worst-off party's margin cannot raise the minimum and is skipped after
 * one look at that party. */
static void revise_hill(ac_talks *t, int veto)
{
    size_t n = t->n, K = t->K;
    double sum0, m0 = current_min_margin(t, &sum0);
    size_t worst = 0;
    for (size_t i = 1; i < n; i++)
        if (t->margin[i] < t->margin[worst])
            worst = i;
    size_t bk = AC_NONE;
    uint32_t bo = 0;
    double bscore = -1, bgain = 0;
    for (size_t k = 0; k < K; k++) {
        if (t->locked[k] || t->score[k] <= 0 || t->score[k] < bscore - TOL)
            continue;
        size_t s0 = t->off[k] + t->text[k];
        for (uint32_t o = 0; o < t->nopt[k]; o++) {
            size_t s1 = t->off[k] + o;
            if (o == t->text[k])
                continue;
            double dw = t->df[worst] * (t->c[s1 * n + worst] - t->c[s0 * n + worst]) -
                        RED_PENALTY * ((int)t->red[s1 * n + worst] - (int)t->red[s0 * n + worst]);
            if (dw < -TOL)
                continue;
            double sum, mn = min_margin_after(t, k, o, &sum, veto);
            double gain = mn - m0;
            if (!(gain > TOL || (gain > -TOL && sum > sum0 + TOL)))
                continue;
            if (gain < TOL)
                gain = (sum - sum0) * 1e-6; /* a sum-only gain ranks below any min gain */
            if (t->score[k] > bscore + TOL || gain > bgain + TOL) {
                bscore = t->score[k];
                bgain = gain;
                bk = k;
                bo = o;
            }
        }
    }
    if (bk != AC_NONE)
        change_point(t, bk, bo);
}

/* Annealing: one random change of one free point, taken when it raises the minimum margin
 * or, with probability exp(gain / T), when it lowers it; T cools linearly to the deadline. */
static void revise_anneal(ac_talks *t, double time, ac_rng *r)
{
    size_t free_ = 0;
    for (size_t k = 0; k < t->K; k++)
        free_ += !t->locked[k] && t->nopt[k] > 1;
    if (!free_)
        return;
    size_t pick = (size_t)ac_rng_below(r, free_), k = 0;
    for (;; k++)
        if (!t->locked[k] && t->nopt[k] > 1 && pick-- == 0)
            break;
    uint32_t o = (uint32_t)ac_rng_below(r, t->nopt[k] - 1);
    if (o >= t->text[k])
        o++;
    double sum0, m0 = current_min_margin(t, &sum0), sum;
    double gain = min_margin_after(t, k, o, &sum, 0) - m0;
    double temp = 0.05 * (1 - time) + 1e-4;
    double u = ac_rng_unit(r); /* drawn every time, so the stream does not depend on gain */
    if (gain > 0 || u < exp(gain / temp))
        change_point(t, k, o);
}

/* Shuttle: the mediator meets party v and moves a point v does not agree to toward v,
 * as far as v's margin improves most, while every party that accepts the text now still
 * would, no new red line is crossed and no other party falls below the worst margin of
 * the text (without that, visits pull the text to and fro between the parties' ideals). */
static void revise_shuttle(ac_talks *t, size_t v)
{
    size_t n = t->n, K = t->K, bk = AC_NONE;
    uint32_t bo = 0;
    double bgain = TOL, sum0, m0 = current_min_margin(t, &sum0);
    for (size_t k = 0; k < K; k++) {
        if (t->locked[k] || t->stance[v * K + k] == AC_STANCE_AGREE)
            continue;
        size_t s0 = t->off[k] + t->text[k];
        for (uint32_t o = 0; o < t->nopt[k]; o++) {
            size_t s1 = t->off[k] + o;
            if (o == t->text[k])
                continue;
            double gain = 0;
            int ok = 1;
            for (size_t i = 0; i < n && ok; i++) {
                double du = t->c[s1 * n + i] - t->c[s0 * n + i];
                int dr = (int)t->red[s1 * n + i] - (int)t->red[s0 * n + i];
                double mg = margin_of(t, i, t->u[i] + du, t->nred[i] + dr);
                if (i == v)
                    gain = mg - t->margin[i];
                else if (dr > 0 || (t->accept[i] && mg < -TOL) || mg < m0 - TOL)
                    ok = 0;
            }
            if (ok && gain > bgain + TOL) {
                bgain = gain;
                bk = k;
                bo = o;
            }
        }
    }
    if (bk != AC_NONE)
        change_point(t, bk, bo);
}

/* ---- alternating offers ---- */

/* Party p's offer: from its standing offer (or its best outcome when it has none or its
 * aspiration rose above it), concede point by point, each time the change that gives the
 * others most (in their discounted utility, red lines counted) per unit of p's utility,
 * while p keeps its aspiration. Aspirations mostly fall, so the search continues where it
 * stopped and a round costs little. */
static void make_offer(ac_talks *t, size_t p)
{
    size_t n = t->n, K = t->K;
    uint32_t *x = &t->offers[p * K];
    double up = 0;
    if (t->has_offer[p]) {
        for (size_t k = 0; k < K; k++)
            up += t->c[(t->off[k] + x[k]) * n + p];
    }
    if (!t->has_offer[p] || up * t->df[p] < t->asp[p] - TOL) {
        up = 0;
        for (size_t k = 0; k < K; k++) {
            double bv = -1, bo_sum = -INFINITY;
            uint32_t pick = 0;
            for (uint32_t o = 0; o < t->nopt[k]; o++) {
                size_t s = t->off[k] + o;
                if (t->red[s * n + p])
                    continue;
                double v = t->c[s * n + p], others = 0;
                for (size_t j = 0; j < n; j++)
                    if (j != p)
                        others += t->c[s * n + j] - RED_PENALTY * t->red[s * n + j];
                if (v > bv + TOL || (v > bv - TOL && others > bo_sum + TOL)) {
                    bv = v;
                    bo_sum = others;
                    pick = o;
                }
            }
            x[k] = pick;
            up += t->c[(t->off[k] + pick) * n + p];
        }
        t->has_offer[p] = 1;
    }
    for (;;) {
        size_t bk = AC_NONE;
        uint32_t bo = 0;
        double bratio = 0, bcost = 0;
        for (size_t k = 0; k < K; k++) {
            size_t s0 = t->off[k] + x[k];
            for (uint32_t o = 0; o < t->nopt[k]; o++) {
                size_t s1 = t->off[k] + o;
                if (o == x[k] || t->red[s1 * n + p])
                    continue;
                double cost = t->c[s0 * n + p] - t->c[s1 * n + p];
                if (cost < -TOL || (up - cost) * t->df[p] < t->asp[p] - TOL)
                    continue;
                double gain = 0;
                for (size_t j = 0; j < n; j++)
                    if (j != p)
                        gain += t->df[j] * (t->c[s1 * n + j] - t->c[s0 * n + j]) -
                                RED_PENALTY * ((int)t->red[s1 * n + j] - (int)t->red[s0 * n + j]);
                if (gain <= TOL)
                    continue;
                double ratio = cost > TOL ? gain / cost : gain * 1e12;
                if (ratio > bratio + TOL) {
                    bratio = ratio;
                    bcost = cost;
                    bk = k;
                    bo = o;
                }
            }
        }
        if (bk == AC_NONE)
            break;
        x[bk] = bo;
        up -= bcost;
    }
}

/* ---- the run ---- */

ac_status ac_talks_run(ac_talks *t, const ac_talks_opts *o, ac_rng *r, ac_talks_observer cb,
                       void *ctx, ac_talks_result *res, ac_error *err)
{
    ac_talks_opts def;
    if (!o) {
        ac_talks_opts_init(&def);
        o = &def;
    }
    if (!t || !res || !r)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_talks_run: missing argument");
    unsigned R = o->rounds ? o->rounds : AC_TALKS_ROUNDS_DEFAULT;
    double within = o->agree_within >= 0 ? o->agree_within : AC_AGREE_WITHIN_DEFAULT;
    size_t n = t->n, K = t->K;
    memset(t->fired, 0, t->n_events);
    memset(t->has_offer, 0, n);
    if (t->dirty) {
        /* the previous run's events moved preferences: start again from the draw */
        memcpy(t->raw, t->start_raw, n * K * sizeof *t->raw);
        memcpy(t->res, t->start_res, n * sizeof *t->res);
        for (size_t i = 0; i < n; i++)
            refresh_party(t, i);
        t->dirty = 0;
    }
    /* Events at time 0 hold before the first text is drafted. */
    size_t nf0 = fire_events(t, 0);
    if (t->has_plan)
        memcpy(t->text, t->plan, K * sizeof *t->text);
    else
        neutral_text(t, t->text);
    set_text(t, t->text);
    for (size_t i = 0; i < n; i++)
        t->first_u[i] = t->last_u[i] = t->u[i];
    int deal = 0;
    unsigned round = 0;
    double time = 0;
    for (round = 1; round <= R; round++) {
        time = (double)round / R;
        size_t nf = fire_events(t, time);
        if (round == 1 && nf0) {
            /* report the time-0 events with the first round */
            memmove(t->fired_now + nf0, t->fired_now, nf * sizeof *t->fired_now);
            nf += nf0;
            for (size_t e = 0, j = 0; e < t->n_events && j < nf0; e++)
                if (t->fired[e] && ac_model_event(t->m, e)->at <= 0)
                    t->fired_now[j++] = e;
        }
        if (nf)
            set_text(t, t->text); /* preferences may have moved */
        size_t proposer = AC_NONE, visited = AC_NONE;
        set_aspirations(t, o, time, r);
        if (o->protocol == AC_PROTO_ALTERNATING) {
            proposer = (round - 1) % n;
            make_offer(t, proposer);
            set_text(t, &t->offers[proposer * K]);
            if (round <= n) /* its first offer: tit-for-tat measures concessions from it */
                t->first_u[proposer] = t->u[proposer];
            t->last_u[proposer] = t->u[proposer];
        } else {
            for (size_t i = 0; i < n; i++)
                t->last_u[i] = t->u[i];
        }
        /* In alternating offers the proposer answers its own offer like the others: an
         * offer below its own aspiration (when nothing reaches it) does not bind it. */
        deal = answer(t, within);
        if (o->protocol == AC_PROTO_SHUTTLE)
            visited = (round - 1) % n;
        if (cb) {
            ac_talks_round rr = {round, time, proposer, visited, t->text, t->u, t->asp,
                                 t->accept, t->stance, nf, t->fired_now};
            cb(ctx, &rr);
        }
        if (deal || round == R)
            break;
        if (o->protocol == AC_PROTO_MEDIATED) {
            if (o->variant == AC_VARIANT_ANNEAL)
                revise_anneal(t, time, r);
            else
                revise_hill(t, o->variant == AC_VARIANT_VETO);
        } else if (o->protocol == AC_PROTO_SHUTTLE) {
            revise_shuttle(t, visited);
        }
    }
    if (round > R)
        round = R;
    for (size_t i = 0; i < n; i++)
        t->disc_u[i] = t->u[i] * (t->disc[i] < 1 ? pow(t->disc[i], time) : 1);
    res->deal = deal;
    res->round = round;
    res->t = time;
    res->outcome = t->text;
    res->utility = t->u;
    res->discounted = t->disc_u;
    res->reservation = t->res;
    return AC_OK;
}
