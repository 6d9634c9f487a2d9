/* Placeholder until the dynamic-programming frontier lands. */
#include "accord/pareto.h"
ac_status ac_pareto_dp(const ac_space *s, int feasible, size_t max_points, ac_frontier **out,
                       ac_error *err)
{
    (void)s; (void)feasible; (void)max_points;
    *out = NULL;
    return ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "not implemented");
}
