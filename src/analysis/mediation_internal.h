/* The layout of ac_mediation, for library code and white-box tests only: programs read
 * a mediation through the accessors of accord/mediate.h. */
#ifndef ACCORD_MEDIATION_INTERNAL_H
#define ACCORD_MEDIATION_INTERNAL_H

#include "accord/mediate.h"
#include "core/space_internal.h"

struct ac_mediation {
    size_t n_parties, n_issues;
    const size_t *party;     /* [n_parties] model index of each active party */
    uint32_t *draft;         /* [n_issues] */
    double *draft_utility;   /* [n_parties] */
    ac_stance *stances;      /* [n_parties * n_issues], row per party */
    ac_progress progress;
    double *progress_by_party; /* [n_parties] own weight of the agreed points */
    size_t n_hard, n_soft;
    size_t *hard, *soft;     /* issue indices, ascending */
    int zopa_empty;
    size_t n_revisions;
    ac_revision *revisions;  /* best first; none when the locks exclude the ZOPA */
    /* no deal (zopa_empty only) */
    int *drop_found;         /* [n_parties]: an outcome meets every other party's bar */
    double *drop;            /* [n_parties] r_i - best u_i given the others, >= 0 */
    uint32_t *drop_outcome;  /* [n_parties * n_issues] the outcome that then opens */
    ac_redlines_status redlines;
    size_t redline_checks;   /* subsets tried */
    size_t n_redlines;
    size_t *rl_party, *rl_issue, *rl_option; /* [n_redlines] party = active index */
    size_t n_trades;
    ac_trade *trades;
    ac_space *space;         /* owned */
};

#endif
