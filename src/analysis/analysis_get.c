/* The accessors of ac_analysis (accord/analyze.h): the only way programs read one, so
 * its layout can change without breaking them. */
#include "analysis/analysis_internal.h"

const ac_space *ac_analysis_space(const ac_analysis *a) { return a ? a->space : NULL; }
ac_method ac_analysis_method(const ac_analysis *a) { return a ? a->method : AC_METHOD_AUTO; }
const ac_zopa_count *ac_analysis_zopa(const ac_analysis *a) { return a ? &a->zopa : NULL; }
const ac_frontier *ac_analysis_frontier(const ac_analysis *a) { return a ? a->pareto : NULL; }
const ac_solutions *ac_analysis_solutions(const ac_analysis *a) { return a ? &a->sol : NULL; }
int ac_analysis_has_plan(const ac_analysis *a) { return a && a->has_plan; }

const uint32_t *ac_analysis_plan(const ac_analysis *a)
{
    return a && a->has_plan ? a->plan : NULL;
}

const double *ac_analysis_plan_utility(const ac_analysis *a)
{
    return a && a->has_plan ? a->plan_utility : NULL;
}

ac_stance ac_analysis_stance(const ac_analysis *a, size_t party, size_t issue)
{
    if (!a || !a->has_plan || party >= a->space->n_parties || issue >= a->space->n_issues)
        return AC_STANCE_NOT_DISCUSSED;
    return a->stances[party * a->space->n_issues + issue];
}

ac_progress ac_analysis_progress(const ac_analysis *a)
{
    ac_progress none = {0, 0, 0.0};
    return a && a->has_plan ? a->progress : none;
}

int ac_analysis_complete(const ac_analysis *a) { return a && a->complete; }
int ac_analysis_pareto_exact(const ac_analysis *a) { return a && a->pareto_exact; }
int ac_analysis_solutions_exact(const ac_analysis *a) { return a && a->solutions_exact; }
int ac_analysis_interrupted(const ac_analysis *a) { return a && a->interrupted; }
const char *ac_analysis_stopped(const ac_analysis *a) { return a ? a->stopped : ""; }
