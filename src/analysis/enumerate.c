/* Placeholder until enumeration lands. */
#include <string.h>
#include "accord/enumerate.h"
void ac_enum_result_free(ac_enum_result *r)
{
    if (!r) return;
    ac_frontier_free(r->pareto);
    ac_solutions_free(&r->sol);
    memset(r, 0, sizeof *r);
}
ac_status ac_enumerate(const ac_space *s, int threads, int feasible, double max_outcomes,
                       void (*progress)(void *ctx, double fraction), void *ctx,
                       ac_enum_result *out, ac_error *err)
{
    (void)s; (void)threads; (void)feasible; (void)max_outcomes; (void)progress; (void)ctx;
    memset(out, 0, sizeof *out);
    return ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "not implemented");
}
ac_status ac_enumerate_count(const ac_space *s, int threads, ac_u128 *zopa, ac_error *err)
{
    (void)s; (void)threads;
    *zopa = 0;
    return ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "not implemented");
}
