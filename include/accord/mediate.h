/* accord — mediation: where a draft stands and the smallest revision every side accepts.
 *
 * For a model with a draft plan:
 *   stances    each active party on each point (ac_stance_derive);
 *   progress   points every party agrees to, by count and by salience (mean of the
 *              parties, and each party's own weighted share of the agreed points);
 *   impasses   hard: no option of the point is free of every active party's red lines;
 *              soft: the ZOPA is not empty but no ZOPA outcome keeps the point as
 *              drafted (the draft must move there to reach any agreement);
 *   revision   the ZOPA outcome nearest the draft that keeps every locked point
 *              (ac_model_locked): fewest points changed, ties by the highest Nash product
 *              (within AC_EPS), then the lexicographically smallest outcome; the top K
 *              are the K first distinct outcomes in that order. Exact: suffix Pareto
 *              frontiers per (issue, change budget), never enumeration;
 *   no deal    when the ZOPA is empty: for each party the smallest drop of its
 *              reservation value (others fixed) that opens a ZOPA, and the smallest set
 *              of red lines whose relaxing opens one (searched by size, bounded);
 *   trades     logrolling pairs: two parties, two points, a change of both points from
 *              the draft (no red line crossed, no locked point) in which each party
 *              concedes on one point and gains on the other and both end strictly better
 *              off than under the draft; ranked by joint gain, the best per pair of
 *              parties and pair of points.
 * Party indices here are active-party indices (ac_space order); issues and options are
 * model indices. */
#ifndef ACCORD_MEDIATE_H
#define ACCORD_MEDIATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/error.h"
#include "accord/model.h"
#include "accord/space.h"
#include "accord/stance.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_MEDIATE_TOP_DEFAULT 1
#define AC_MEDIATE_TRADES_DEFAULT 5
#define AC_MEDIATE_REDLINE_CHECKS_DEFAULT 2000

typedef struct ac_mediate_opts {
    double agree_within;       /* stance threshold; negative or NaN: the default (0.1) */
    size_t top;                /* revisions to find; 0: the default (1) */
    size_t trades;             /* trades to list; SIZE_MAX: the default (5) */
    size_t max_redline_checks; /* red-line subsets tried at most; 0: the default */
} ac_mediate_opts;

void ac_mediate_opts_init(ac_mediate_opts *o);

typedef struct ac_revision {
    size_t changes;    /* points that differ from the draft */
    double nash;       /* prod_i max(0, u_i - r_i) */
    uint32_t *outcome; /* [n_issues] */
    double *utility;   /* [n_parties] */
} ac_revision;

/* The K best revisions of draft (see above) in order; *n_out <= k (0 when no ZOPA outcome
 * keeps the locks). locked may be NULL. Free with ac_revisions_free. */
ac_status ac_revision_search(const ac_space *s, const uint32_t *draft,
                             const unsigned char *locked, size_t k, ac_revision **out,
                             size_t *n_out, ac_error *err);
void ac_revisions_free(ac_revision *r, size_t n);

typedef struct ac_trade {
    size_t party_a, party_b;  /* active indices, a < b */
    size_t issue_a, option_a; /* the point party a concedes on (b gains), and its new option */
    size_t issue_b, option_b; /* the point party b concedes on (a gains) */
    double gain_a, gain_b;    /* utility change of a and b against the draft (> 0) */
} ac_trade;

typedef enum {
    AC_REDLINES_FOUND = 0,   /* a smallest set was found */
    AC_REDLINES_NONE = 1,    /* relaxing every red line still opens no ZOPA */
    AC_REDLINES_CUT = 2      /* the search hit its bound before finding one */
} ac_redlines_status;

/* Opaque: read through the accessors below. */
typedef struct ac_mediation ac_mediation;

/* Fails with AC_EINPUT when the model has no draft plan. */
ac_status ac_mediate(const ac_model *m, const ac_mediate_opts *o, ac_mediation **out,
                     ac_error *err);
void ac_mediation_free(ac_mediation *x);

/* ---- reading ----
 * Parties are active-party indices (ac_space order), issues and options model indices.
 * Pointers returned belong to the mediation and live until ac_mediation_free. For a NULL
 * mediation or an index out of range each accessor returns the value given. */
size_t ac_mediation_n_parties(const ac_mediation *x); /* 0 for NULL */
size_t ac_mediation_n_issues(const ac_mediation *x);  /* 0 for NULL */
size_t ac_mediation_party(const ac_mediation *x, size_t i); /* model index; AC_NONE */
const ac_space *ac_mediation_space(const ac_mediation *x); /* NULL for NULL */
const uint32_t *ac_mediation_draft(const ac_mediation *x);        /* [n_issues]; NULL */
const double *ac_mediation_draft_utility(const ac_mediation *x);  /* [n_parties]; NULL */
/* Party i's stance on the drafted option of issue k; AC_STANCE_NOT_DISCUSSED out of range. */
ac_stance ac_mediation_stance(const ac_mediation *x, size_t party, size_t issue);
ac_progress ac_mediation_progress(const ac_mediation *x); /* zero for NULL */
/* Party i's own weighted share of the agreed points; NaN out of range. */
double ac_mediation_progress_by_party(const ac_mediation *x, size_t party);
/* The impasses: issue indices, ascending; AC_NONE for j out of range. */
size_t ac_mediation_n_hard(const ac_mediation *x);
size_t ac_mediation_hard(const ac_mediation *x, size_t j);
size_t ac_mediation_n_soft(const ac_mediation *x);
size_t ac_mediation_soft(const ac_mediation *x, size_t j);
int ac_mediation_zopa_empty(const ac_mediation *x); /* 0 for NULL */
/* The revisions, best first (none when the locks exclude the ZOPA); NULL out of range. */
size_t ac_mediation_n_revisions(const ac_mediation *x);
const ac_revision *ac_mediation_revision(const ac_mediation *x, size_t j);
/* No deal (ZOPA empty only). ac_mediation_drop: 1 when lowering party i's reservation
 * value (the others fixed) can open a ZOPA, with the drop needed (r_i - best u_i given
 * the others, >= 0) in *drop and the outcome that then opens [n_issues] in *outcome
 * (either may be NULL); 0 otherwise, and when the ZOPA is not empty or i is out of
 * range. */
int ac_mediation_drop(const ac_mediation *x, size_t party, double *drop,
                      const uint32_t **outcome);
/* The smallest set of red lines whose relaxing opens a ZOPA: how the search ended
 * (AC_REDLINES_NONE for NULL or a ZOPA that is not empty), the subsets it tried, and the
 * set's members (party = active index); AC_EARG for j out of range. */
ac_redlines_status ac_mediation_redlines(const ac_mediation *x);
size_t ac_mediation_redline_checks(const ac_mediation *x);
size_t ac_mediation_n_redlines(const ac_mediation *x);
ac_status ac_mediation_redline(const ac_mediation *x, size_t j, size_t *party, size_t *issue,
                               size_t *option);
/* The trades, best first; NULL out of range. */
size_t ac_mediation_n_trades(const ac_mediation *x);
const ac_trade *ac_mediation_trade(const ac_mediation *x, size_t j);

/* Writes the mediation as the JSON of docs/mediate.md (what `accord mediate --json`
 * prints), indented by 2, ending with a newline. Returns AC_EIO when the stream could
 * not be written. */
ac_status ac_mediation_write_json(FILE *fp, const ac_model *m, const ac_mediation *x,
                                  ac_error *err);
/* The stance matrix as CSV: "issue,title,draft,<party ids>", one row per point with
 * each party's stance on the drafted option. */
ac_status ac_mediation_write_csv(FILE *fp, const ac_model *m, const ac_mediation *x,
                                 ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
