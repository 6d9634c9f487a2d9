/* accord — party strategies for simulated talks: how a party's aspiration (the least
 * utility it will accept now) moves with time and with the other side's concessions.
 *
 * Time-dependent concession follows GENIUS: p(t) = Pmin + (Pmax - Pmin)(1 - k - (1 - k)
 * t^(1/e)) with k = 0, Pmin = the party's current reservation, Pmax = its best utility.
 * boulware (e < 1, default 0.2), linear (e = 1), conceder (e > 1, default 2) differ only
 * in e. tit-for-tat concedes, in its own utility, what the others conceded in theirs;
 * hardliner stays at its best minus a margin (default 0.05); random draws its aspiration
 * uniformly in [Pmin, Pmax] every round from the run's seeded stream. An aspiration is
 * never below the reservation. */
#ifndef ACCORD_STRATEGY_H
#define ACCORD_STRATEGY_H

#include <stddef.h>

#include "accord/error.h"
#include "accord/rng.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    AC_STRAT_BOULWARE = 0,
    AC_STRAT_LINEAR = 1,
    AC_STRAT_CONCEDER = 2,
    AC_STRAT_TITFORTAT = 3,
    AC_STRAT_HARDLINER = 4,
    AC_STRAT_RANDOM = 5
} ac_strategy_kind;

typedef struct ac_strategy {
    ac_strategy_kind kind;
    double param; /* e for the time-dependent ones, the margin for hardliner; else unused */
} ac_strategy;

/* "boulware", "linear", "conceder", "tit-for-tat", "hardliner", "random". */
const char *ac_strategy_kind_name(ac_strategy_kind k);
/* The default: boulware with e = 0.2. */
void ac_strategy_default(ac_strategy *s);
/* Parses NAME[:PARAM] (e.g. "conceder:3"). Returns AC_OK, or AC_EINPUT for an unknown
 * name or a parameter out of range (e in (0, 100]; margin in [0, 1]; none allowed
 * elsewhere), AC_EARG for NULL arguments. */
ac_status ac_strategy_parse(const char *text, ac_strategy *out);
/* Writes "NAME" or "NAME:PARAM" into buf. */
char *ac_strategy_format(const ac_strategy *s, char *buf, size_t size);

/* GENIUS's time-dependent target utility (k = 0); t is clamped to [0,1]. */
double ac_strategy_curve(double pmin, double pmax, double e, double t);

/* What a party knows when it sets its aspiration. */
typedef struct ac_strategy_input {
    double t;           /* normalised time in [0,1] */
    double reservation; /* current reservation (events move it) */
    double best;        /* the party's best utility over outcomes free of its red lines */
    double opp_concession; /* mean concession of the others, each in its own utility, >= 0 */
} ac_strategy_input;

/* The party's aspiration now. r is used by random only (may be NULL otherwise). */
double ac_strategy_aspiration(const ac_strategy *s, const ac_strategy_input *in, ac_rng *r);

#ifdef __cplusplus
}
#endif
#endif
