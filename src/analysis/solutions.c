/* Placeholder until the solutions land. */
#include <stdlib.h>
#include <string.h>
#include "accord/solutions.h"
void ac_solutions_free(ac_solutions *s)
{
    if (!s) return;
    ac_solution *all[3] = {&s->nash, &s->kalai, &s->welfare};
    for (int i = 0; i < 3; i++) { free(all[i]->utility); free(all[i]->outcome); }
    free(s->best);
    memset(s, 0, sizeof *s);
}
ac_status ac_solutions_compute(const ac_space *s, const ac_frontier *feasible, ac_solutions *out,
                               ac_error *err)
{
    (void)s; (void)feasible;
    memset(out, 0, sizeof *out);
    return ac_error_set(err, AC_EINTERNAL, NULL, 0, 0, "not implemented");
}
