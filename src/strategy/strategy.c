/* Party strategies: the aspiration (least acceptable utility) of a party at a moment of
 * simulated talks. Pure functions of their input and, for random, the run's stream, so
 * a run is reproducible from its seed. The curve is GENIUS's time-dependent tactic with
 * k = 0, which lets results be compared with GENIUS and NegMAS agents. */
#include "accord/strategy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"boulware", "linear", "conceder",
                                    "tit-for-tat", "hardliner", "random"};

const char *ac_strategy_kind_name(ac_strategy_kind k)
{
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static double default_param(ac_strategy_kind k)
{
    switch (k) {
    case AC_STRAT_BOULWARE: return 0.2;
    case AC_STRAT_LINEAR: return 1.0;
    case AC_STRAT_CONCEDER: return 2.0;
    case AC_STRAT_HARDLINER: return 0.05;
    default: return 0;
    }
}

void ac_strategy_default(ac_strategy *s)
{
    s->kind = AC_STRAT_BOULWARE;
    s->param = default_param(AC_STRAT_BOULWARE);
}

ac_status ac_strategy_parse(const char *text, ac_strategy *out)
{
    if (!text || !out)
        return AC_EARG;
    const char *colon = strchr(text, ':');
    size_t len = colon ? (size_t)(colon - text) : strlen(text);
    size_t n = sizeof names / sizeof names[0];
    size_t k = 0;
    while (k < n && !(strlen(names[k]) == len && !strncmp(text, names[k], len)))
        k++;
    if (k == n)
        return AC_EINPUT;
    ac_strategy s = {(ac_strategy_kind)k, default_param((ac_strategy_kind)k)};
    if (colon) {
        char *end;
        double x = strtod(colon + 1, &end);
        if (end == colon + 1 || *end || !isfinite(x))
            return AC_EINPUT;
        switch (s.kind) {
        case AC_STRAT_BOULWARE:
        case AC_STRAT_CONCEDER:
            if (!(x > 0 && x <= 100))
                return AC_EINPUT;
            break;
        case AC_STRAT_HARDLINER:
            if (!(x >= 0 && x <= 1))
                return AC_EINPUT;
            break;
        default:
            return AC_EINPUT; /* linear is e = 1 by definition; the others take no parameter */
        }
        s.param = x;
    }
    *out = s;
    return AC_OK;
}

char *ac_strategy_format(const ac_strategy *s, char *buf, size_t size)
{
    int has_param = s->kind == AC_STRAT_BOULWARE || s->kind == AC_STRAT_CONCEDER ||
                    s->kind == AC_STRAT_HARDLINER;
    if (has_param)
        snprintf(buf, size, "%s:%g", ac_strategy_kind_name(s->kind), s->param);
    else
        snprintf(buf, size, "%s", ac_strategy_kind_name(s->kind));
    return buf;
}

double ac_strategy_curve(double pmin, double pmax, double e, double t)
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    /* k = 0: p(t) = Pmin + (Pmax - Pmin)(1 - t^(1/e)). */
    double f = e == 1 ? t : pow(t, 1 / e);
    return pmin + (pmax - pmin) * (1 - f);
}

double ac_strategy_aspiration(const ac_strategy *s, const ac_strategy_input *in, ac_rng *r)
{
    double lo = in->reservation, hi = in->best;
    /* A party whose best is below its reservation can only want its reservation. */
    if (hi < lo)
        hi = lo;
    double a;
    switch (s->kind) {
    case AC_STRAT_BOULWARE:
    case AC_STRAT_CONCEDER:
        a = ac_strategy_curve(lo, hi, s->param, in->t);
        break;
    case AC_STRAT_LINEAR:
        a = ac_strategy_curve(lo, hi, 1, in->t);
        break;
    case AC_STRAT_TITFORTAT:
        a = hi - (in->opp_concession > 0 ? in->opp_concession : 0);
        break;
    case AC_STRAT_HARDLINER:
        a = hi - s->param;
        break;
    case AC_STRAT_RANDOM:
        a = r ? lo + (hi - lo) * ac_rng_unit(r) : hi;
        break;
    default:
        a = hi;
        break;
    }
    return a < lo ? lo : a;
}
