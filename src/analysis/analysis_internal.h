/* The layout of ac_analysis, for library code and white-box tests only: programs read
 * an analysis through the accessors of accord/analyze.h. */
#ifndef ACCORD_ANALYSIS_INTERNAL_H
#define ACCORD_ANALYSIS_INTERNAL_H

#include "accord/analyze.h"
#include "core/space_internal.h"

struct ac_analysis {
    ac_space *space;        /* owned */
    ac_method method;       /* the method that ran */
    ac_zopa_count zopa;
    ac_frontier *pareto;
    ac_solutions sol;
    int has_plan;
    uint32_t *plan;         /* [n_issues] */
    double *plan_utility;   /* [n_parties] */
    ac_stance *stances;     /* [n_parties * n_issues] (active parties) */
    ac_progress progress;
    /* What the budget cut (all 1 and "" when nothing): */
    int complete;           /* every part computed (the ZOPA count may be an estimate) */
    int pareto_exact;       /* 0: the frontier was stopped; pareto is empty */
    int solutions_exact;    /* 0: the solutions were not computed; none is found */
    int interrupted;        /* the cancel flag stopped it */
    char stopped[1024];     /* what stopped, where, and what was not computed */
};

#endif
