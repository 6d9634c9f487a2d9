/* Test support: comparing what the library computed with the oracle's answer, printing
 * the first difference (cmocka's print_error) so a failing property test says why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "compare.h"

/* Checks f against the oracle's frontier; prints the first difference. */
int oracle_same_front(const ac_space *s, const ac_frontier *f, const oracle_front *of,
                      const char *what)
{
    size_t np = s->n_parties, ni = s->n_issues;
    double u[64];
    if (np > 64) {
        print_error("%s: more parties than the comparison handles\n", what);
        return 0;
    }
    if (f->count != of->count) {
        print_error("%s: %zu points, oracle %zu\n", what, f->count, of->count);
        return 0;
    }
    for (size_t a = 0; a < f->count; a++) {
        const double *fu = f->utility + a * np;
        const uint32_t *fo = f->outcome + a * ni;
        long b = oracle_front_find(of, np, fu);
        if (b < 0) {
            print_error("%s: point %zu (%.12g, ...) not on the oracle frontier\n", what, a, fu[0]);
            return 0;
        }
        if (memcmp(fo, of->outcome + (size_t)b * ni, ni * sizeof *fo)) {
            print_error("%s: point %zu has another representative outcome\n", what, a);
            return 0;
        }
        ac_space_utility(s, fo, u);
        for (size_t i = 0; i < np; i++)
            if (fabs(u[i] - fu[i]) > AC_EPS) {
                print_error("%s: point %zu utility differs from its outcome's\n", what, a);
                return 0;
            }
        /* canonical order: descending, first party first */
        if (a > 0) {
            const double *pu = fu - np;
            size_t i = 0;
            while (i < np && fabs(pu[i] - fu[i]) <= AC_EPS)
                i++;
            if (i == np || pu[i] < fu[i]) {
                print_error("%s: points %zu and %zu out of order\n", what, a - 1, a);
                return 0;
            }
        }
    }
    return 1;
}


int oracle_same_solution(const char *what, const char *name, const ac_solution *a,
                         const oracle_sol *b, size_t np, size_t ni)
{
    if (a->found != b->found) {
        print_error("%s %s: found %d, oracle %d\n", what, name, a->found, b->found);
        return 0;
    }
    if (!a->found)
        return a->utility == NULL && a->outcome == NULL;
    if (fabs(a->value - b->value) > 1e-9) {
        print_error("%s %s: value %.15g, oracle %.15g\n", what, name, a->value, b->value);
        return 0;
    }
    if (memcmp(a->outcome, b->outcome, ni * sizeof *a->outcome)) {
        print_error("%s %s: another outcome than the oracle's\n", what, name);
        for (size_t k = 0; k < ni; k++)
            print_error("  issue %zu: %u vs %u\n", k, a->outcome[k], b->outcome[k]);
        return 0;
    }
    for (size_t i = 0; i < np; i++)
        if (fabs(a->utility[i] - b->utility[i]) > 1e-9) {
            print_error("%s %s: utility of party %zu differs\n", what, name, i);
            return 0;
        }
    return 1;
}

int oracle_same_solutions(const char *what, const ac_solutions *a, const oracle_result *r)
{
    size_t np = r->n_parties, ni = r->n_issues;
    if (!oracle_same_solution(what, "nash", &a->nash, &r->nash, np, ni) ||
        !oracle_same_solution(what, "kalai", &a->kalai, &r->kalai, np, ni) ||
        !oracle_same_solution(what, "welfare", &a->welfare, &r->welfare, np, ni))
        return 0;
    if ((a->best == NULL) != (r->best == NULL)) {
        print_error("%s: best present %d, oracle %d\n", what, a->best != NULL, r->best != NULL);
        return 0;
    }
    for (size_t i = 0; a->best && i < np; i++)
        if (fabs(a->best[i] - r->best[i]) > 1e-9) {
            print_error("%s: best of party %zu differs\n", what, i);
            return 0;
        }
    return 1;
}
