/* ac_frontier: freeing, and normalising a set of candidate points into a frontier in the
 * canonical order (utility descending, first party first). */
#include <stdlib.h>
#include <string.h>

#include "accord/pareto.h"
#include "analysis/dominance.h"

void ac_frontier_free(ac_frontier *f)
{
    if (!f)
        return;
    free(f->utility);
    free(f->outcome);
    free(f);
}

static _Thread_local const ac_frontier *tl_f;

static int cmp_outcome(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    size_t ni = tl_f->n_issues;
    for (size_t k = 0; k < ni; k++) {
        uint32_t ox = tl_f->outcome[x * ni + k], oy = tl_f->outcome[y * ni + k];
        if (ox != oy)
            return ox < oy ? -1 : 1;
    }
    return (x > y) - (x < y);
}

/* Rearranges the points of f into the order perm[0..m-1] (m <= count). */
static ac_status permute(ac_frontier *f, const size_t *perm, size_t m)
{
    size_t np = f->n_parties, ni = f->n_issues;
    double *u = malloc((m ? m : 1) * np * sizeof *u);
    uint32_t *o = malloc((m ? m : 1) * (ni ? ni : 1) * sizeof *o);
    if (!u || !o) {
        free(u);
        free(o);
        return AC_ENOMEM;
    }
    for (size_t i = 0; i < m; i++) {
        memcpy(u + i * np, f->utility + perm[i] * np, np * sizeof *u);
        memcpy(o + i * ni, f->outcome + perm[i] * ni, ni * sizeof *o);
    }
    free(f->utility);
    free(f->outcome);
    f->utility = u;
    f->outcome = o;
    f->count = m;
    return AC_OK;
}

ac_status ac_frontier_normalize(ac_frontier *f, ac_error *err)
{
    size_t n = f->count;
    if (!n)
        return AC_OK;
    size_t *perm = malloc(n * sizeof *perm);
    unsigned char *keep = malloc(n);
    ac_status st = (!perm || !keep) ? AC_ENOMEM : AC_OK;
    if (!st) {
        for (size_t i = 0; i < n; i++)
            perm[i] = i;
        tl_f = f;
        qsort(perm, n, sizeof *perm, cmp_outcome);
        st = permute(f, perm, n); /* index order is now lexicographic outcome order */
    }
    if (!st)
        st = ac__pareto_filter(f->utility, n, f->n_parties, keep);
    if (!st) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (keep[i])
                perm[m++] = i;
        st = permute(f, perm, m);
    }
    if (!st && f->count) {
        st = ac__order_desc(f->utility, f->count, f->n_parties, perm);
        if (!st)
            st = permute(f, perm, f->count);
    }
    free(perm);
    free(keep);
    if (st)
        return ac_error_set(err, st, NULL, 0, 0, "out of memory");
    return AC_OK;
}
