/* The layout of ac_space, for library code and white-box tests only: programs read a
 * space through the accessors of accord/space.h. */
#ifndef ACCORD_SPACE_INTERNAL_H
#define ACCORD_SPACE_INTERNAL_H

#include "accord/space.h"
#include "core/u128.h"

struct ac_space {
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
    ac__u128 outcomes;
    int outcomes_overflow;
    double outcomes_log10;
};

#endif
