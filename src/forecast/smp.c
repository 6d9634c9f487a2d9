/* KTAB's spatial model of politics (SMP), turn by turn, as KTAB's smpc runs it with its
 * default parameters (and the other vote rules, victory models, risk ranges and
 * adjustments, third-party commitments, bargain interpolations and bargain models, PCE
 * models and the stochastic state transition KTAB offers), and accord's report of runs
 * that cycle instead of settling. docs/forecast.md gives the equations and sources; the
 * comments here say where the code follows KTAB's order of operations on purpose.
 *
 * Positions and saliences work on 0..1 (KTAB divides the file's 0..100 by 100) and are
 * reported on 0..100. Everything is computed in actor order, so the same input (and
 * seed) gives the same bytes; KTAB runs the actors' bargains on threads, which only
 * changes the order of an actor's bargain list and so matters only for exact ties in the
 * choice among them (broken here by the first in the order of docs/forecast.md) and for
 * which stochastic draw goes to which actor. */
#include "accord/forecast.h"
#include "accord/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_COALITION 1e-8 /* KTAB Model::coalitions */
#define MIN_CLTN 1e-10     /* KTAB SMPState::probEduChlg */
#define MIN_SIG_EDU 1e-5   /* KTAB SMPState::bestChallenge */
#define POS_TOL 1e-3       /* KTAB SMPModel::posTol: positions this close are one */
#define MIN_SIG_DELTA 1e-4 /* KTAB smpStopFn */
#define MAX_PERIOD 8       /* longest cycle looked for, in turns */

void ac_smp_opts_init(ac_smp_opts *o)
{
    memset(o, 0, sizeof *o);
    o->vote = AC_VR_PROP;
    o->victory = AC_VP_LINEAR;
    o->range = AC_RR_MID;
    o->adjust = AC_RA_ONE_THIRD;
    o->commit = AC_TP_SEMI;
    o->interp = AC_IB_S2P2;
    o->bargain = AC_BM_INIT;
    o->pce = AC_PCE_CONDITIONAL;
    o->trans = AC_ST_DETERMINISTIC;
    o->seed = 1;
    o->stop_on_cycle = 0;
    o->max_turns = 100;
    o->min_turns = 2;
    o->stop_ratio = 0.02;
}

static const char *name_of(const char *const *names, size_t n, int v)
{
    return v >= 0 && (size_t)v < n ? names[v] : NULL;
}
#define NAMES(fn, ...)                                                                     \
    const char *fn(int v)                                                                  \
    {                                                                                      \
        static const char *const names[] = {__VA_ARGS__};                                 \
        return name_of(names, sizeof names / sizeof names[0], v);                          \
    }
NAMES(ac_vote_rule_name, "binary", "propbin", "prop", "propcbc", "cubic", "asymprosp")
NAMES(ac_victory_name, "linear", "square", "quartic", "octic", "binary")
NAMES(ac_risk_range_name, "min", "mid", "max")
NAMES(ac_risk_adjust_name, "full", "two-thirds", "half", "one-third", "none")
NAMES(ac_commit_name, "full", "semi", "none")
NAMES(ac_interp_name, "s1p1", "s2p2", "s2pmax")
NAMES(ac_pce_name, "conditional", "markov-incentive", "markov-uniform")
NAMES(ac_bargain_name, "init", "init-rcvr", "pw-comp")
NAMES(ac_state_trans_name, "deterministic", "stochastic")

void ac_smp_result_free(ac_smp_result *r)
{
    if (!r)
        return;
    free(r->position);
    free(r->prob);
    free(r->risk);
    free(r->forecast);
    free(r->change);
    free(r->distinct);
    free(r);
}

/* KTAB Model::vote: actor weight w, utility difference du. */
static double vote(ac_vote_rule vr, double w, double du)
{
    double bin = du / 1e-8;
    bin = bin > 1 ? 1 : bin < -1 ? -1 : bin;
    switch (vr) {
    case AC_VR_BINARY:
        return w * bin;
    case AC_VR_PROPBIN:
        return w * (0.8 * du + 0.2 * bin);
    case AC_VR_PROPCBC:
        return w * (0.5 * du + 0.5 * du * du * du);
    case AC_VR_CUBIC:
        return w * du * du * du;
    case AC_VR_ASYMPROSP:
        return du < 0 ? w * du : du > 0 ? 2.0 * w * du / 3.0 : 0;
    case AC_VR_PROP:
    default:
        return w * du;
    }
}

/* KTAB Model::vProb: the probability that the side with strength s1 beats s2. */
static void vprob(ac_victory vp, double s1, double s2, double *p1, double *p2)
{
    double x1 = s1, x2 = s2;
    switch (vp) {
    case AC_VP_SQUARE:
        x1 = s1 * s1, x2 = s2 * s2;
        break;
    case AC_VP_QUARTIC:
        x1 = s1 * s1 * s1 * s1, x2 = s2 * s2 * s2 * s2;
        break;
    case AC_VP_OCTIC:
        x1 = pow(s1, 8), x2 = pow(s2, 8);
        break;
    case AC_VP_BINARY: {
        const double t = 1.10;
        if (s1 >= t * s2)
            x1 = 1, x2 = 1e-6;
        else if (s2 >= t * s1)
            x1 = 1e-6, x2 = 1;
        else {
            double r = s1 / (s1 + s2);
            x1 = (r * (t + 1) - 1) / (t - 1);
            x2 = 1 - x1;
        }
        break;
    }
    case AC_VP_LINEAR:
    default:
        break;
    }
    *p1 = x1 / (x1 + x2);
    *p2 = x2 / (x1 + x2);
}

/* The Markov chain over the current favourite of KTAB's Markov PCE models: when j is the
 * favourite, i challenges it with probability ch[i][j] and wins with pv[i][j]. Its
 * stationary distribution, by KTAB's damped iteration from the uniform one, until no
 * entry changes by more than tol. */
static void markov_chain(size_t no, const double *pv, const double *ch, double tol, double *p,
                         double *q)
{
    for (size_t i = 0; i < no; i++)
        p[i] = 1.0 / (double)no;
    double change = 1;
    for (unsigned it = 0; change > tol && it < 100000; it++) {
        change = 0;
        for (size_t i = 0; i < no; i++) {
            /* i is the favourite and j challenges it, or j is and i challenges; i wins */
            double qi = 0;
            for (size_t j = 0; j < no; j++)
                qi += pv[i * no + j] * (p[i] * ch[j * no + i] + p[j] * ch[i * no + j]);
            q[i] = qi;
            change = fabs(qi - p[i]) > change ? fabs(qi - p[i]) : change;
        }
        for (size_t i = 0; i < no; i++)
            p[i] = (p[i] + q[i]) / 2;
    }
}

/* KTAB Model::markovIncentivePCE and markovUniformPCE: the challenger of favourite j is
 * drawn in proportion to its incentive c_ij p_ij (j itself with a tiny 1e-10 more, so a
 * column is never empty), or uniformly. */
static void markov_pce(size_t no, const double *c, const double *pv, int uniform, double *p,
                       double *q, double *ch)
{
    for (size_t j = 0; j < no; j++) {
        double sum = 0;
        for (size_t k = 0; k < no; k++)
            sum += c[k * no + j] * pv[k * no + j] + (k == j ? 1e-10 : 0);
        for (size_t i = 0; i < no; i++)
            ch[i * no + j] = uniform ? 1.0 / (double)no
                                     : (c[i * no + j] * pv[i * no + j] + (i == j ? 1e-10 : 0)) / sum;
    }
    markov_chain(no, pv, ch, uniform ? 1e-6 : 1e-8, p, q);
}

/* Coalition strengths and the probabilistic Condorcet election (KTAB Model::scalarPCE):
 * u is [actor][option]. */
ac_status ac_smp_pce(size_t na, size_t no, const double *w, const double *u, ac_vote_rule vr,
                     ac_victory vp, ac_pce pce, double *p, ac_error *err)
{
    double *pv = malloc(3 * no * no * sizeof *pv + no * sizeof *pv);
    if (!pv)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    double *c = pv + no * no, *ch = c + no * no, *q = ch + no * no;
    for (size_t i = 0; i < no; i++) {
        for (size_t j = 0; j < i; j++) {
            double cij = MIN_COALITION, cji = MIN_COALITION;
            for (size_t k = 0; k < na; k++) {
                double v = vote(vr, w[k], u[k * no + i] - u[k * no + j]);
                if (v > 0)
                    cij += v;
                if (v < 0)
                    cji -= v;
            }
            c[i * no + j] = cij;
            c[j * no + i] = cji;
            vprob(vp, cij, cji, &pv[i * no + j], &pv[j * no + i]);
        }
        c[i * no + i] = MIN_COALITION;
        pv[i * no + i] = 0.5;
    }
    if (pce == AC_PCE_MARKOV_INCENTIVE || pce == AC_PCE_MARKOV_UNIFORM) {
        markov_pce(no, c, pv, pce == AC_PCE_MARKOV_UNIFORM, p, q, ch);
    } else {
        double sum = 0;
        for (size_t i = 0; i < no; i++) {
            double pi = 1;
            for (size_t j = 0; j < no; j++)
                pi *= pv[i * no + j];
            p[i] = pi;
            sum += pi;
        }
        for (size_t i = 0; i < no; i++)
            p[i] /= sum;
    }
    free(pv);
    return AC_OK;
}

ac_status ac_smp_condorcet(size_t na, size_t no, const double *w, const double *u,
                           ac_vote_rule vr, ac_victory vp, double *p, ac_error *err)
{
    return ac_smp_pce(na, no, w, u, vr, vp, AC_PCE_CONDITIONAL, p, err);
}

/* KTAB SMPModel::bsUtil: utility of a scaled distance d for risk attitude R. */
static double bs_util(double d, double R)
{
    return d <= 1 ? (1 - d) * (1 + d * R) : (1 - d) * (1 + R);
}

typedef struct {
    size_t na, nd;
    const ac_smp_opts *o;
    const double *s;  /* [actor][dim] saliences, 0..1 */
    const double *w;  /* [actor] capabilities */
    double *ssum;     /* [actor] salience totals */
    /* the state being assessed */
    const double *x;  /* [actor][dim] */
    double *vd;       /* [i][j]: i's salience-weighted distance from its position to j's */
    double *u0;       /* [i][j] risk-neutral utilities */
    double *nra;      /* [actor] risk attitudes */
    double *au;       /* [h][i][j]: h's estimate of i's utility for j's position */
    double *p;        /* scratch, [max(na, options)] */
    ac_rng rng;       /* the draws of the stochastic state transition */
    double *um;       /* scratch, [na * (na + 1)] */
} smp;

/* Salience-weighted distance between actor i's position and point y (KTAB bvDiff). */
static double bv_diff(const smp *S, size_t i, const double *y)
{
    double ds = 0, ss = 0;
    for (size_t k = 0; k < S->nd; k++) {
        double sk = S->s[i * S->nd + k];
        double d = (S->x[i * S->nd + k] - y[k]) * sk;
        ds += d * d;
        ss += sk * sk;
    }
    return sqrt(ds / ss);
}

static double est_nra(ac_risk_adjust ra, double rh, double ri)
{
    switch (ra) {
    case AC_RA_FULL:
        return ri;
    case AC_RA_TWO_THIRDS:
        return (rh + 2.0 * ri) / 3.0;
    case AC_RA_HALF:
        return (rh + ri) / 2;
    case AC_RA_NONE:
        return rh;
    case AC_RA_ONE_THIRD:
    default:
        return (2.0 * rh + ri) / 3.0;
    }
}

/* KTAB SMPState::setAllAUtil: distances, the risk-neutral election over every actor's
 * position (not merged: KTAB merges only when it reports probabilities), inferred risk
 * attitudes, and each actor's estimate of every utility. */
static ac_status assess(smp *S, ac_error *err)
{
    size_t na = S->na;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < na; j++) {
            S->vd[i * na + j] = bv_diff(S, i, &S->x[j * S->nd]);
            S->u0[i * na + j] = bs_util(S->vd[i * na + j], 0);
        }
    ac_status st = ac_smp_pce(na, na, S->w, S->u0, S->o->vote, S->o->victory, S->o->pce, S->p, err);
    if (st)
        return st;
    double lo = 1, hi = 0;
    for (size_t i = 0; i < na; i++) {
        lo = S->p[i] < lo ? S->p[i] : lo;
        hi = S->p[i] > hi ? S->p[i] : hi;
    }
    for (size_t i = 0; i < na; i++) {
        double pi = S->p[i], R;
        /* Every position equally likely: KTAB divides by zero; no actor stands out, so
         * every actor is taken as risk neutral. */
        if (!(hi - lo > 1e-15))
            R = 0;
        else if (S->o->range == AC_RR_MIN)
            R = (pi - lo) / (hi - lo);
        else if (S->o->range == AC_RR_MAX)
            R = (2 * pi - (hi + lo)) / (hi - lo);
        else
            R = (3 * pi - (hi + 2 * lo)) / (2 * (hi - lo));
        S->nra[i] = R;
    }
    for (size_t h = 0; h < na; h++)
        for (size_t i = 0; i < na; i++) {
            double r = est_nra(S->o->adjust, S->nra[h], S->nra[i]);
            for (size_t j = 0; j < na; j++)
                S->au[(h * na + i) * na + j] = bs_util(S->vd[i * na + j], r);
        }
    return AC_OK;
}

#define AU(S, h, i, j) ((S)->au[((h) * (S)->na + (i)) * (S)->na + (j)])

/* KTAB SMPState::probEduChlg: h's estimate of the probability that i beats j, and of the
 * change in k's utility if i challenges j, against the status quo. */
static void prob_edu(const smp *S, size_t h, size_t k, size_t i, size_t j, double *phij,
                     double *du)
{
    ac_vote_rule vr = S->o->vote;
    double uii = AU(S, h, i, i), uij = AU(S, h, i, j), uji = AU(S, h, j, i), ujj = AU(S, h, j, j);
    double eu_sq = AU(S, h, k, i) + AU(S, h, k, j);
    double u_kij = AU(S, h, k, i) + AU(S, h, k, i);
    double u_kji = AU(S, h, k, j) + AU(S, h, k, j);
    double si = S->ssum[i], sj = S->ssum[j];
    double ci_ = vote(vr, si * S->w[i], uii - uij);
    double cj_ = vote(vr, sj * S->w[j], uji - ujj);
    double chij = MIN_CLTN, chji = MIN_CLTN;
    if (ci_ > 0)
        chij += ci_;
    if (ci_ < 0)
        chji -= ci_;
    if (cj_ > 0)
        chij += cj_;
    if (cj_ < 0)
        chji -= cj_;
    double base_i = chij, base_j = chji;
    for (size_t n = 0; n < S->na; n++) {
        if (n == i || n == j)
            continue;
        double wn = S->ssum[n] * S->w[n];
        double uni = AU(S, h, n, i), unj = AU(S, h, n, j), unn = AU(S, h, n, n);
        /* n weighs the little contest of i, j and itself (KTAB Actor::vProbLittle) */
        double cn = vote(vr, wn, uni - unj);
        double cni = cn > 0 ? base_i + cn : base_i;
        double cnj = cn < 0 ? base_j - cn : base_j;
        double pin = cni / (cni + cnj), pjn = 1.0 - pin;
        /* KTAB Actor::thirdPartyVoteSU */
        double a, b, c, d; /* u(ik beats j), u(j beats ik), u(i beats jk), u(jk beats i) */
        switch (S->o->commit) {
        case AC_TP_FULL:
            a = uni + uni + uni, b = unj + unj + unj, c = uni + uni + uni, d = unj + unj + unj;
            break;
        case AC_TP_NONE:
            a = uni + uni + unn, b = unj + unj + unn, c = uni + uni + unn, d = unj + unj + unn;
            break;
        case AC_TP_SEMI:
        default:
            a = uni + uni + unn, b = unj + unj + unj, c = uni + uni + uni, d = unj + unj + unn;
            break;
        }
        double u_ik_j = pin * a + pjn * b;
        double u_i_jk = pin * c + pjn * d;
        double v = vote(vr, wn, u_ik_j - u_i_jk);
        if (v > 0)
            chij += v;
        if (v < 0)
            chji -= v;
    }
    double p = chij / (chij + chji), q = chji / (chij + chji);
    double contest = p * u_kij + q * u_kji;
    double chlg = (1 - sj) * u_kij + sj * contest;
    *phij = p;
    *du = chlg - eu_sq;
}

static double round4(double x) { return (double)(int)(0.5 + x * 10000.0) / 10000.0; }

/* KTAB SMPActor::interpolateBrgn: the bargain i proposes to j, from i's estimate pi that
 * it would win (pj = 1 - pi). */
static void interpolate(const smp *S, size_t i, size_t j, double pi, double pj, double *bi,
                        double *bj)
{
    for (size_t k = 0; k < S->nd; k++) {
        double ti = S->x[i * S->nd + k], si = S->s[i * S->nd + k];
        double tj = S->x[j * S->nd + k], sj = S->s[j * S->nd + k];
        if (S->o->interp == AC_IB_S2PMAX) {
            double di = pj > pi ? pj - pi : 0, dj = pi > pj ? pi - pj : 0;
            double si2 = si * si, sj2 = sj * sj;
            double dik = (di * sj2) / ((di * sj2) + 1e-6 + ((1 - di) * si2));
            double djk = (dj * si2) / ((dj * si2) + 1e-6 + ((1 - dj) * sj2));
            bi[k] = ti + dik * (tj - ti);
            bj[k] = tj + djk * (ti - tj);
        } else {
            int two = S->o->interp == AC_IB_S2P2;
            double wi = two ? si * si * pi * pi : si * pi;
            double wj = two ? sj * sj * pj * pj : sj * pj;
            /* The asymmetric 1e-6 keeps 0/0 away when neither cares nor can coerce. */
            bi[k] = round4(((wi + 1e-6) * ti + wj * tj) / (wi + 1e-6 + wj));
            bj[k] = round4((wi * ti + (1e-6 + wj) * tj) / (wi + 1e-6 + wj));
        }
    }
}

typedef struct {
    int has;
    size_t j;
    double *bi, *bj;   /* [nd]: the bargain (initiator's and receiver's sides) */
    double *bi2, *bj2; /* [nd]: the receiver's version, under AC_BM_INIT_RCVR */
} bargain;

/* Utility to actor n of a position y: from its own position, its own risk attitude. */
static double pos_util(const smp *S, size_t n, const double *y)
{
    return bs_util(bv_diff(S, n, y), S->nra[n]);
}

/* One bargaining turn (KTAB SMPState::doBCN): every actor proposes to its best target,
 * then every actor takes the bargain (or its status quo) that wins the election among
 * those involving it. */
static ac_status step(smp *S, bargain *b, double *next, ac_error *err)
{
    size_t na = S->na, nd = S->nd;
    for (size_t i = 0; i < na; i++) {
        b[i].has = 0;
        double best = -1, bp = 0;
        size_t bj = 0;
        int found = 0;
        for (size_t j = 0; j < na; j++) {
            if (j == i)
                continue;
            double p, du;
            prob_edu(S, i, i, i, j, &p, &du);
            if (MIN_SIG_EDU < du && best < du) {
                best = du, bp = p, bj = j;
                found = 1;
            }
        }
        if (found) {
            b[i].has = 1;
            b[i].j = bj;
            interpolate(S, i, bj, bp, 1 - bp, b[i].bi, b[i].bj);
            if (S->o->bargain != AC_BM_INIT) {
                /* The bargain as the receiver would interpolate it. KTAB passes the
                 * receiver's estimate of the initiator's gain where the probability that
                 * the initiator wins belongs (SMPState::doBCN, pjiJ = get<1>(Vjij));
                 * accord does the same, which is what its logs show. */
                double p, du;
                prob_edu(S, bj, i, i, bj, &p, &du);
                interpolate(S, i, bj, du, 1 - du, b[i].bi2, b[i].bj2);
            }
            if (S->o->bargain == AC_BM_PWCOMP) {
                /* KTAB's power-weighted compromise of the two: weights capability x
                 * salience total, both with the initiator's capability, as KTAB has it */
                double wi = S->w[i] * S->ssum[i], wj = S->w[i] * S->ssum[bj];
                for (size_t k = 0; k < nd; k++) {
                    b[i].bi[k] = (wi * b[i].bi[k] + wj * b[i].bi2[k]) / (wi + wj);
                    b[i].bj[k] = (wi * b[i].bj[k] + wj * b[i].bj2[k]) / (wi + wj);
                }
            }
        }
    }
    int two = S->o->bargain == AC_BM_INIT_RCVR; /* two bargains per initiator */
    /* Options of actor k, in the order KTAB's threads would list them when run one after
     * the other: bargains aimed at k by earlier actors, k's status quo, k's own bargain,
     * bargains aimed at k by later actors. opt[m] = 2 x initiator + 1 for the receiver's
     * version, or 2 na for the status quo. */
    size_t *opt = malloc((2 * na + 1) * sizeof *opt), sq = 2 * na;
    if (!opt)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t k = 0; k < na; k++) {
        size_t nb = 0;
        for (size_t i = 0; i < na; i++) {
            if (i == k)
                opt[nb++] = sq;
            if (b[i].has && (i == k || b[i].j == k)) {
                opt[nb++] = 2 * i;
                if (two)
                    opt[nb++] = 2 * i + 1;
            }
        }
        for (size_t n = 0; n < na; n++) {
            for (size_t m = 0; m < nb; m++) {
                double ua = 0;
                if (opt[m] == sq) {
                    for (size_t q = 0; q < na; q++)
                        ua += AU(S, n, n, q);
                } else {
                    size_t ini = opt[m] / 2, rcv = b[ini].j;
                    int alt = opt[m] % 2;
                    ua += pos_util(S, n, alt ? b[ini].bi2 : b[ini].bi);
                    ua += pos_util(S, n, alt ? b[ini].bj2 : b[ini].bj);
                    for (size_t q = 0; q < na; q++)
                        if (q != ini && q != rcv)
                            ua += AU(S, n, n, q);
                }
                S->um[n * nb + m] = ua / (double)na;
            }
        }
        ac_status st = ac_smp_pce(na, nb, S->w, S->um, S->o->vote, S->o->victory, S->o->pce, S->p, err);
        if (st) {
            free(opt);
            return st;
        }
        size_t mx = 0;
        if (S->o->trans == AC_ST_STOCHASTIC) {
            /* KTAB PRNG::probSel: the first option whose cumulative probability reaches
             * a uniform draw (the last one if rounding leaves the draw above them all) */
            double draw = ac_rng_unit(&S->rng), cum = 0;
            for (mx = 0; mx + 1 < nb; mx++) {
                cum += S->p[mx];
                if (draw <= cum)
                    break;
            }
        } else {
            double pm = -1;
            for (size_t m = 0; m < nb; m++)
                if (pm < fabs(S->p[m]))
                    pm = fabs(S->p[m]), mx = m;
        }
        const double *src = &S->x[k * nd];
        if (opt[mx] != sq) {
            const bargain *c = &b[opt[mx] / 2];
            int alt = opt[mx] % 2;
            src = opt[mx] / 2 == k ? (alt ? c->bi2 : c->bi) : (alt ? c->bj2 : c->bj);
        }
        memcpy(&next[k * nd], src, nd * sizeof *next);
    }
    free(opt);
    return AC_OK;
}

/* Reported probabilities (KTAB SMPState::pDist(-1) and State::posProb): the election
 * among distinct positions, each actor judging by its own risk-aware utilities; an actor
 * gets the probability of the position it holds. */
static ac_status report(smp *S, double *prob, double *fc, unsigned *distinct, ac_error *err)
{
    size_t na = S->na, nd = S->nd;
    size_t *rep = malloc(2 * na * sizeof *rep), *cls = rep + na, nu = 0;
    if (!rep)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < na; i++) {
        int found = 0;
        for (size_t m = 0; m < nu && !found; m++) {
            double d = 0;
            for (size_t k = 0; k < nd; k++) {
                double e = S->x[i * nd + k] - S->x[rep[m] * nd + k];
                d += e * e;
            }
            if (sqrt(d) < POS_TOL)
                found = 1;
        }
        if (!found)
            rep[nu++] = i;
    }
    for (size_t i = 0; i < na; i++) {
        cls[i] = 0;
        for (size_t m = 0; m < nu; m++) {
            double d = 0;
            for (size_t k = 0; k < nd; k++) {
                double e = S->x[i * nd + k] - S->x[rep[m] * nd + k];
                d += e * e;
            }
            if (sqrt(d) < POS_TOL)
                cls[i] = m; /* the last match, as State::posProb */
        }
    }
    for (size_t i = 0; i < na; i++)
        for (size_t m = 0; m < nu; m++)
            S->um[i * nu + m] = AU(S, i, i, rep[m]);
    ac_status st = ac_smp_pce(na, nu, S->w, S->um, S->o->vote, S->o->victory, S->o->pce, S->p, err);
    if (!st) {
        for (size_t i = 0; i < na; i++)
            prob[i] = S->p[cls[i]];
        for (size_t k = 0; k < nd; k++) {
            double f = 0;
            for (size_t m = 0; m < nu; m++)
                f += S->p[m] * S->x[rep[m] * nd + k];
            fc[k] = 100.0 * f;
        }
        *distinct = (unsigned)nu;
    }
    free(rep);
    return st;
}

static double state_dist(size_t na, size_t nd, const double *a, const double *b)
{
    double sum = 0;
    for (size_t i = 0; i < na; i++) {
        double d = 0;
        for (size_t k = 0; k < nd; k++) {
            double e = a[i * nd + k] - b[i * nd + k];
            d += e * e;
        }
        sum += sqrt(d);
    }
    return sum;
}

static int grow_result(ac_smp_result *r, size_t cap)
{
    size_t na = r->n_actors, nd = r->n_dims;
    double *p;
    unsigned *u;
    if (!(p = realloc(r->position, cap * na * nd * sizeof *p)))
        return -1;
    r->position = p;
    if (!(p = realloc(r->prob, cap * na * sizeof *p)))
        return -1;
    r->prob = p;
    if (!(p = realloc(r->risk, cap * na * sizeof *p)))
        return -1;
    r->risk = p;
    if (!(p = realloc(r->forecast, cap * nd * sizeof *p)))
        return -1;
    r->forecast = p;
    if (!(p = realloc(r->change, cap * sizeof *p)))
        return -1;
    r->change = p;
    if (!(u = realloc(r->distinct, cap * sizeof *u)))
        return -1;
    r->distinct = u;
    return 0;
}

ac_status ac_forecast_smp(const ac_fc_input *in, const ac_smp_opts *o, ac_smp_result **out,
                          ac_error *err)
{
    if (!in || !out)
        return ac_error_set(err, AC_EARG, NULL, 0, 0, "ac_forecast_smp: bad arguments");
    *out = NULL;
    ac_smp_opts def;
    if (!o) {
        ac_smp_opts_init(&def);
        o = &def;
    }
    ac_status st = ac_fc_input_check(in, err);
    if (st)
        return st;
    size_t na = ac_fc_n_actors(in), nd = ac_fc_n_dims(in);
    if (na < 2)
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0, "the SMP needs at least 2 actors");
    smp S = {.na = na, .nd = nd, .o = o};
    double *s = malloc(na * nd * sizeof *s), *w = malloc(na * sizeof *w);
    double *x0 = malloc(na * nd * sizeof *x0), *x1 = malloc(na * nd * sizeof *x1);
    double *x = malloc(na * nd * sizeof *x);
    S.ssum = malloc(na * sizeof *S.ssum);
    S.vd = malloc(na * na * sizeof *S.vd);
    S.u0 = malloc(na * na * sizeof *S.u0);
    S.nra = malloc(na * sizeof *S.nra);
    S.au = malloc(na * na * na * sizeof *S.au);
    S.p = malloc((2 * na + 1) * sizeof *S.p);
    S.um = malloc(na * (2 * na + 1) * sizeof *S.um);
    bargain *b = calloc(na, sizeof *b);
    double *bbuf = malloc(4 * na * nd * sizeof *bbuf);
    ac_smp_result *r = calloc(1, sizeof *r);
    size_t cap = 16;
    double *hist = malloc(cap * na * nd * sizeof *hist);
    if (r) {
        r->n_actors = na;
        r->n_dims = nd;
    }
    if (!s || !w || !x0 || !x1 || !x || !S.ssum || !S.vd || !S.u0 || !S.nra || !S.au || !S.p ||
        !S.um || !b || !bbuf || !r || !hist || grow_result(r, cap)) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < na; i++) {
        w[i] = ac_fc_actor_capability(in, i);
        S.ssum[i] = 0;
        b[i].bi = &bbuf[4 * i * nd];
        b[i].bj = &bbuf[(4 * i + 1) * nd];
        b[i].bi2 = &bbuf[(4 * i + 2) * nd];
        b[i].bj2 = &bbuf[(4 * i + 3) * nd];
        for (size_t k = 0; k < nd; k++) {
            s[i * nd + k] = ac_fc_salience(in, i, k) / 100.0;
            x[i * nd + k] = ac_fc_position(in, i, k) / 100.0;
            S.ssum[i] += s[i * nd + k];
        }
    }
    S.s = s;
    S.w = w;
    ac_rng_seed(&S.rng, o->seed, 0);
    memcpy(x0, x, na * nd * sizeof *x);
    double d01 = 0;
    for (size_t t = 0;; t++) {
        if (t >= cap) {
            cap *= 2;
            double *h = realloc(hist, cap * na * nd * sizeof *h);
            if (h)
                hist = h;
            if (!h || grow_result(r, cap)) {
                st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
                goto done;
            }
        }
        memcpy(&hist[t * na * nd], x, na * nd * sizeof *x);
        S.x = x;
        if ((st = assess(&S, err)) ||
            (st = report(&S, &r->prob[t * na], &r->forecast[t * nd], &r->distinct[t], err)))
            goto done;
        for (size_t i = 0; i < na * nd; i++)
            r->position[t * na * nd + i] = 100.0 * x[i];
        memcpy(&r->risk[t * na], S.nra, na * sizeof *S.nra);
        r->n_turns = t + 1;
        if (t == 0) {
            r->change[0] = 0;
        } else {
            double d = state_dist(na, nd, x0, x);
            r->change[t] = 100.0 * d;
            if (t == 1)
                d01 = d + MIN_SIG_DELTA;
            /* KTAB smpStopFn: stop when long enough and the last step is small against
             * the first. */
            if (t >= o->min_turns && d / d01 < o->stop_ratio) {
                r->stable = 1;
                break;
            }
            /* Not settling, but back near where it was a few turns ago: the positions
             * cycle. KTAB has no such rule (it runs on to its turn limit), so by default
             * the run goes on and the cycle is only reported. */
            if (!r->cycle_period && !(d / d01 < o->stop_ratio)) {
                for (size_t p = 2; p <= MAX_PERIOD && p <= t; p++)
                    if (state_dist(na, nd, &hist[(t - p) * na * nd], x) / d01 < o->stop_ratio) {
                        r->cycle_from = t - p;
                        r->cycle_period = p;
                        break;
                    }
                if (r->cycle_period && o->stop_on_cycle)
                    break;
            }
        }
        if (t >= o->max_turns)
            break;
        if ((st = step(&S, b, x1, err)))
            goto done;
        memcpy(x0, x, na * nd * sizeof *x);
        memcpy(x, x1, na * nd * sizeof *x);
    }
    *out = r;
    r = NULL;
done:
    ac_smp_result_free(r);
    free(s);
    free(w);
    free(x0);
    free(x1);
    free(x);
    free(S.ssum);
    free(S.vd);
    free(S.u0);
    free(S.nra);
    free(S.au);
    free(S.p);
    free(S.um);
    free(b);
    free(bbuf);
    free(hist);
    return st;
}
