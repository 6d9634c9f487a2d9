/* accord — the whole analysis of a model: outcome count, ZOPA count, Pareto frontier,
 * Nash / Kalai-Smorodinsky / welfare points, and the draft's utilities, stances and
 * progress. Chooses enumeration for small spaces and issue-by-issue methods beyond;
 * both give the same numbers. */
#ifndef ACCORD_ANALYZE_H
#define ACCORD_ANALYZE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "accord/model.h"
#include "accord/pareto.h"
#include "accord/solutions.h"
#include "accord/space.h"
#include "accord/stance.h"
#include "accord/zopa.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { AC_METHOD_AUTO = 0, AC_METHOD_ENUMERATE = 1, AC_METHOD_DP = 2 } ac_method;
const char *ac_method_name(ac_method m); /* "auto", "enumerate", "dp" */

/* How the Nash, Kalai and welfare points were found (the numbers are the same). */
typedef enum {
    AC_SOLVED_NONE = 0,      /* not computed (budget) */
    AC_SOLVED_ENUMERATE = 1, /* in the enumeration's one pass */
    AC_SOLVED_FRONTIER = 2,  /* read off the frontier over the ZOPA */
    AC_SOLVED_BNB = 3,       /* branch and bound over the ZOPA, no frontier */
} ac_solved_by;
/* "none", "enumerate", "frontier", "branch-and-bound" */
const char *ac_solved_by_name(ac_solved_by m);

typedef struct ac_analyze_opts {
    ac_method method;       /* AUTO: enumerate up to enumerate_limit outcomes */
    int threads;            /* 0: one per core */
    int feasible;           /* frontier over the ZOPA only */
    double agree_within;    /* stance threshold; negative or NaN means the default (0.1) */
    double enumerate_limit; /* <= 0 means the default, 1e9 */
    uint64_t seed;          /* for estimates, when a count must be estimated */
    void (*progress)(void *ctx, double fraction, const char *what); /* may be NULL */
    void *progress_ctx;
    /* The budget. At a limit the analysis does not fail: it stops the part it was
     * computing, skips what needed that part, and says so (ac_analysis_complete,
     * ac_analysis_stopped). 0 (or NULL) means no limit. */
    size_t max_frontier;        /* points of any frontier, partial ones included */
    double time_limit;          /* seconds for the whole analysis */
    size_t max_memory;          /* bytes of working memory of one frontier computation */
    volatile const int *cancel; /* stop as soon as *cancel != 0 (e.g. set on SIGINT) */
} ac_analyze_opts;

void ac_analyze_opts_init(ac_analyze_opts *o);

/* Opaque: read through the accessors below. */
typedef struct ac_analysis ac_analysis;

ac_status ac_analyze(const ac_model *m, const ac_analyze_opts *opts, ac_analysis **out,
                     ac_error *err);
void ac_analysis_free(ac_analysis *a);

/* ---- reading ----
 * Pointers returned here belong to the analysis and live until ac_analysis_free; they
 * are read-only. For a NULL analysis each accessor returns NULL, 0 or "" (below).
 * Parties are active-party indices (ac_space order), issues model indices. */
const ac_space *ac_analysis_space(const ac_analysis *a);
ac_method ac_analysis_method(const ac_analysis *a); /* the method that ran */
const ac_zopa_count *ac_analysis_zopa(const ac_analysis *a);
/* The Pareto frontier (over the ZOPA when the analysis ran with feasible set). NULL for
 * a NULL analysis; empty (count 0) when the budget stopped it (ac_analysis_pareto_exact
 * is then 0). */
const ac_frontier *ac_analysis_frontier(const ac_analysis *a);
/* Nash, Kalai-Smorodinsky and welfare points; none found when the ZOPA is empty or the
 * budget skipped them (ac_analysis_solutions_exact is then 0). */
const ac_solutions *ac_analysis_solutions(const ac_analysis *a);
/* How they were found (AC_SOLVED_NONE for a NULL analysis or when not computed). */
ac_solved_by ac_analysis_solved_by(const ac_analysis *a);
/* The draft plan (model with a plan only): its options [n_issues], the active parties'
 * utilities of it [n_parties], their stances and the progress. Without a plan: NULL,
 * NULL, AC_STANCE_NOT_DISCUSSED and a zero progress. */
int ac_analysis_has_plan(const ac_analysis *a);
const uint32_t *ac_analysis_plan(const ac_analysis *a);
const double *ac_analysis_plan_utility(const ac_analysis *a);
/* AC_STANCE_NOT_DISCUSSED without a plan or out of range. */
ac_stance ac_analysis_stance(const ac_analysis *a, size_t party, size_t issue);
ac_progress ac_analysis_progress(const ac_analysis *a);
/* What the budget cut: each is 1 (and stopped "") when nothing was. complete: every part
 * was computed (the ZOPA count may still be an estimate); interrupted: the cancel flag
 * stopped it. stopped says what stopped, where, and what was not computed. */
int ac_analysis_complete(const ac_analysis *a);
int ac_analysis_pareto_exact(const ac_analysis *a);
int ac_analysis_solutions_exact(const ac_analysis *a);
int ac_analysis_interrupted(const ac_analysis *a); /* 0 when not interrupted */
const char *ac_analysis_stopped(const ac_analysis *a); /* never NULL */

/* What the JSON of an analysis lists; see ac_analysis_write_json. */
typedef struct ac_analysis_json_opts {
    size_t limit; /* frontier points listed at most; SIZE_MAX (the default): all */
    int feasible; /* the analysis ran with ac_analyze_opts.feasible (reported as such) */
} ac_analysis_json_opts;
void ac_analysis_json_opts_init(ac_analysis_json_opts *o);

/* Writes the analysis as the JSON of DESIGN section 5 (what `accord analyze --json`
 * prints), indented by 2, ending with a newline. o may be NULL (the defaults). Returns
 * AC_EIO when the stream could not be written. */
ac_status ac_analysis_write_json(FILE *fp, const ac_model *m, const ac_analysis *a,
                                 const ac_analysis_json_opts *o, ac_error *err);
/* The Pareto frontier as CSV: a header "point,<party ids>,<issue ids>", then one row
 * per point (at most limit; SIZE_MAX: all) with its utilities and option ids. */
ac_status ac_analysis_write_csv(FILE *fp, const ac_model *m, const ac_analysis *a, size_t limit,
                                ac_error *err);

#ifdef __cplusplus
}
#endif
#endif
