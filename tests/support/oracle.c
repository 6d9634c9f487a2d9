/* The brute-force oracle (see oracle.h). */
#include "oracle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t np, ni;
    size_t *active;
    double *r;
} ctx_t;

int oracle_dominates(const double *p, const double *q, size_t np)
{
    int strict = 0;
    for (size_t i = 0; i < np; i++) {
        if (p[i] < q[i] - AC_EPS)
            return 0;
        if (p[i] > q[i] + AC_EPS)
            strict = 1;
    }
    return strict;
}

int oracle_equal(const double *p, const double *q, size_t np)
{
    for (size_t i = 0; i < np; i++)
        if (fabs(p[i] - q[i]) > AC_EPS)
            return 0;
    return 1;
}

/* Adds q to the front unless dominated by or equal to a member; drops members q dominates. */
static void front_offer(oracle_front *f, size_t np, size_t ni, const double *u, const uint32_t *o)
{
    for (size_t a = 0; a < f->count; a++)
        if (oracle_dominates(f->utility + a * np, u, np) || oracle_equal(f->utility + a * np, u, np))
            return;
    size_t w = 0;
    for (size_t a = 0; a < f->count; a++) {
        if (oracle_dominates(u, f->utility + a * np, np))
            continue;
        memmove(f->utility + w * np, f->utility + a * np, np * sizeof(double));
        memmove(f->outcome + w * ni, f->outcome + a * ni, ni * sizeof(uint32_t));
        w++;
    }
    f->count = w;
    f->utility = realloc(f->utility, (w + 1) * np * sizeof(double));
    f->outcome = realloc(f->outcome, (w + 1) * ni * sizeof(uint32_t));
    memcpy(f->utility + w * np, u, np * sizeof(double));
    memcpy(f->outcome + w * ni, o, ni * sizeof(uint32_t));
    f->count = w + 1;
}

/* Calls visit for every outcome in lexicographic order; returns 0. */
static void each_outcome(const ac_model *m, const ctx_t *c,
                         void (*visit)(void *arg, const uint32_t *o, const double *u, int ok),
                         void *arg)
{
    size_t ni = c->ni, np = c->np;
    uint32_t *o = calloc(ni, sizeof *o);
    double *u = calloc(np, sizeof *u);
    for (;;) {
        int ok = 1;
        for (size_t i = 0; i < np; i++) {
            u[i] = ac_model_utility(m, c->active[i], o);
            for (size_t k = 0; k < ni; k++)
                if (ac_pref_red_line(m, c->active[i], k, o[k]))
                    ok = 0;
            if (u[i] < c->r[i] - AC_EPS)
                ok = 0;
        }
        visit(arg, o, u, ok);
        size_t k = ni;
        while (k > 0) {
            k--;
            if (++o[k] < ac_model_n_options(m, k))
                break;
            o[k] = 0;
            if (k == 0) {
                free(o);
                free(u);
                return;
            }
        }
    }
}

typedef enum { OBJ_WELFARE, OBJ_NASH, OBJ_KALAI } obj_t;

typedef struct {
    const ctx_t *c;
    oracle_result *r;
    int pass; /* 1: counts, frontiers, best values; 2: pick the first within AC_EPS */
    double max[3];
    int any;
} visit_t;

static double objective(const visit_t *v, obj_t which, const double *u)
{
    size_t np = v->c->np;
    const double *r = v->c->r;
    double x;
    if (which == OBJ_WELFARE) {
        x = 0;
        for (size_t i = 0; i < np; i++)
            x += u[i];
    } else if (which == OBJ_NASH) {
        x = 1;
        for (size_t i = 0; i < np; i++)
            x *= fmax(0.0, u[i] - r[i]);
    } else {
        x = INFINITY;
        for (size_t i = 0; i < np; i++) {
            double span = v->r->best[i] - r[i];
            double g = span > AC_EPS ? (u[i] - r[i]) / span : 1.0;
            if (g < x)
                x = g;
        }
    }
    return x;
}

static void visit(void *arg, const uint32_t *o, const double *u, int ok)
{
    visit_t *v = arg;
    oracle_result *r = v->r;
    size_t np = v->c->np, ni = v->c->ni;
    if (v->pass == 1) {
        r->outcomes++;
        front_offer(&r->all, np, ni, u, o);
        if (!ok)
            return;
        r->zopa++;
        front_offer(&r->feasible, np, ni, u, o);
        if (!v->any) {
            memcpy(r->best, u, np * sizeof *u);
            v->max[OBJ_WELFARE] = objective(v, OBJ_WELFARE, u);
            v->max[OBJ_NASH] = objective(v, OBJ_NASH, u);
        }
        for (size_t i = 0; i < np; i++)
            if (u[i] > r->best[i])
                r->best[i] = u[i];
        v->max[OBJ_WELFARE] = fmax(v->max[OBJ_WELFARE], objective(v, OBJ_WELFARE, u));
        v->max[OBJ_NASH] = fmax(v->max[OBJ_NASH], objective(v, OBJ_NASH, u));
        v->any = 1;
        return;
    }
    if (!ok)
        return;
    if (v->pass == 2) {
        double k = objective(v, OBJ_KALAI, u);
        if (!r->kalai.found || k > v->max[OBJ_KALAI])
            v->max[OBJ_KALAI] = k;
        r->kalai.found = 1;
        return;
    }
    oracle_sol *sol[3] = {&r->welfare, &r->nash, &r->kalai};
    for (int w = 0; w < 3; w++) {
        if (sol[w]->found)
            continue;
        double x = objective(v, (obj_t)w, u);
        if (x >= v->max[w] - AC_EPS) {
            sol[w]->found = 1;
            sol[w]->value = x;
            memcpy(sol[w]->outcome, o, ni * sizeof *o);
            memcpy(sol[w]->utility, u, np * sizeof *u);
        }
    }
}

int oracle_run(const ac_model *m, oracle_result *r)
{
    memset(r, 0, sizeof *r);
    ctx_t c = {0};
    c.ni = ac_model_n_issues(m);
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        c.np += ac_party_role(m, i) == AC_ROLE_PARTY;
    c.active = calloc(c.np, sizeof *c.active);
    c.r = calloc(c.np, sizeof *c.r);
    for (size_t i = 0, a = 0; i < ac_model_n_parties(m); i++)
        if (ac_party_role(m, i) == AC_ROLE_PARTY) {
            c.active[a] = i;
            c.r[a++] = ac_party_reservation(m, i);
        }
    r->n_parties = c.np;
    r->n_issues = c.ni;
    r->best = calloc(c.np, sizeof *r->best);
    oracle_sol *sol[3] = {&r->welfare, &r->nash, &r->kalai};
    for (int w = 0; w < 3; w++) {
        sol[w]->outcome = calloc(c.ni, sizeof(uint32_t));
        sol[w]->utility = calloc(c.np, sizeof(double));
    }
    visit_t v = {.c = &c, .r = r, .pass = 1};
    each_outcome(m, &c, visit, &v);
    if (v.any) {
        v.pass = 2;
        each_outcome(m, &c, visit, &v);
        r->kalai.found = 0;
        v.pass = 3;
        each_outcome(m, &c, visit, &v);
    } else {
        free(r->best);
        r->best = NULL;
    }
    free(c.active);
    free(c.r);
    return 0;
}

void oracle_free(oracle_result *r)
{
    free(r->all.utility);
    free(r->all.outcome);
    free(r->feasible.utility);
    free(r->feasible.outcome);
    oracle_sol *sol[3] = {&r->welfare, &r->nash, &r->kalai};
    for (int w = 0; w < 3; w++) {
        free(sol[w]->outcome);
        free(sol[w]->utility);
    }
    free(r->best);
    memset(r, 0, sizeof *r);
}

long oracle_front_find(const oracle_front *f, size_t np, const double *u)
{
    for (size_t a = 0; a < f->count; a++)
        if (oracle_equal(f->utility + a * np, u, np))
            return (long)a;
    return -1;
}
