/* accord — the outcome space in the dense form the analysis works on.
 *
 * An ac_space is a plain, read-only view compiled from a model: only the active
 * (non-mediator) parties, in model order; per issue and option, each active party's
 * contribution w_ik * v_ik(o) to its utility (normalised weights); which options no
 * active party's red line forbids; and the reservation values. Outcomes are arrays of
 * uint32_t option indices, one per issue, in issue order; "lexicographically smallest"
 * compares them issue by issue in that order.
 *
 * Numbers: two utilities or objective values within AC_EPS count as equal. */
#ifndef ACCORD_SPACE_H
#define ACCORD_SPACE_H

#include <stddef.h>
#include <stdint.h>

#include "accord/error.h"
#include "accord/model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_EPS 1e-9

/* Exact outcome counts. Spaces larger than 2^128 - 1 are flagged as overflowing. The
 * library is built with a compiler that has 128-bit integers (GCC, Clang); a program
 * built with one that has none sees the same 16 bytes as two halves (little-endian
 * order) and reads counts through ac_u128_str / ac_u128_double. */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 ac_u128;
#define AC_U128_MAX (~(ac_u128)0)
#else
typedef struct ac_u128 {
    uint64_t lo, hi;
} ac_u128;
#endif
/* Writes the decimal digits of x into buf (at least 40 bytes); returns buf. */
char *ac_u128_str(ac_u128 x, char *buf, size_t size);
double ac_u128_double(ac_u128 x);

typedef struct ac_space {
    size_t n_parties;          /* active parties */
    size_t n_issues;
    const size_t *party;       /* [n_parties] model index of each active party */
    const uint32_t *n_options; /* [n_issues] */
    /* contrib[k][o * n_parties + i]: party i's utility contribution of option o on issue k */
    double *const *contrib;
    /* allowed[k][o] != 0 when no active party has a red line on option o of issue k */
    const unsigned char *const *allowed;
    /* red[k][o * n_parties + i] != 0 when party i has a red line on option o of issue k */
    const unsigned char *const *red;
    const double *reservation; /* [n_parties] */
    /* Outcome count: exact unless overflow is set; log10 always. */
    ac_u128 outcomes;
    int outcomes_overflow;
    double outcomes_log10;
} ac_space;

/* Compiles the view. Fails with AC_EINPUT when the model has no active party or no issue. */
ac_status ac_space_new(const ac_model *m, ac_space **out, ac_error *err);
void ac_space_free(ac_space *s);

/* Utilities of every active party for an outcome: u[n_parties]. */
void ac_space_utility(const ac_space *s, const uint32_t *outcome, double *u);
/* True when the outcome is acceptable to every active party: no red line crossed and
 * u_i >= r_i - AC_EPS for all i. */
int ac_space_acceptable(const ac_space *s, const uint32_t *outcome);

#ifdef __cplusplus
}
#endif
#endif
