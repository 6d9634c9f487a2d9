/* accord — the outcome space in the dense form the analysis works on.
 *
 * An ac_space is a read-only view compiled from a model: only the active
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

/* Exact outcome counts, as two 64-bit halves (x = hi * 2^64 + lo), the same for every
 * compiler. Spaces larger than 2^128 - 1 are flagged as overflowing. Read counts through
 * ac_u128_str / ac_u128_double. */
typedef struct ac_u128 {
    uint64_t lo, hi;
} ac_u128;
/* Writes the decimal digits of x into buf (at least 40 bytes); returns buf. */
char *ac_u128_str(ac_u128 x, char *buf, size_t size);
double ac_u128_double(ac_u128 x);

/* Opaque: read through the accessors below. A space never changes once compiled, so a
 * const ac_space may be read from several threads at once. */
typedef struct ac_space ac_space;

/* Compiles the view. Fails with AC_EINPUT when the model has no active party or no issue. */
ac_status ac_space_new(const ac_model *m, ac_space **out, ac_error *err);
void ac_space_free(ac_space *s);

/* ---- reading ----
 * Indices: party i in [0, n_parties) is an active-party index (ac_space_party gives its
 * model index); issue k in [0, n_issues) and option o in [0, n_options(k)) are model
 * indices. A NULL space or an index out of range never crashes: each accessor returns
 * the value documented for that case. */
size_t ac_space_n_parties(const ac_space *s); /* 0 for NULL */
size_t ac_space_n_issues(const ac_space *s);  /* 0 for NULL */
/* The model index of active party i; AC_NONE out of range. */
size_t ac_space_party(const ac_space *s, size_t i);
size_t ac_space_n_options(const ac_space *s, size_t issue); /* 0 out of range */
/* Party i's utility contribution w_ik * v_ik(o) of option o on issue k (normalised
 * weight times value); NaN out of range. */
double ac_space_contribution(const ac_space *s, size_t issue, size_t option, size_t party);
/* 1 when no active party has a red line on the option; 0 otherwise or out of range. */
int ac_space_allowed(const ac_space *s, size_t issue, size_t option);
/* 1 when party i has a red line on the option; 0 otherwise or out of range. */
int ac_space_red_line(const ac_space *s, size_t issue, size_t option, size_t party);
double ac_space_reservation(const ac_space *s, size_t party); /* NaN out of range */
/* The number of outcomes (the product of the option counts): exact unless it passes
 * 2^128 - 1, when ac_space_outcomes_overflow is 1 and ac_space_outcomes returns 0.
 * ac_space_outcomes_log10 is its base-10 logarithm either way (0 for NULL). */
ac_u128 ac_space_outcomes(const ac_space *s);
int ac_space_outcomes_overflow(const ac_space *s);
double ac_space_outcomes_log10(const ac_space *s);

/* Utilities of every active party for an outcome (one option index per issue) into
 * u[n_parties]. AC_EARG (u untouched) when an argument is NULL or an option is out of
 * range. */
ac_status ac_space_utility(const ac_space *s, const uint32_t *outcome, double *u);
/* 1 when the outcome is acceptable to every active party: no red line crossed and
 * u_i >= r_i - AC_EPS for all i; 0 otherwise, and for a NULL argument or an option out
 * of range. */
int ac_space_acceptable(const ac_space *s, const uint32_t *outcome);

#ifdef __cplusplus
}
#endif
#endif
