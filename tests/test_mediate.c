/* ac_mediate and ac_revision_search against brute force on seeded random models (with
 * random drafts and locked points), plus the embedded model checked by facts that do
 * not come from the method under test.
 *
 * The brute force visits every outcome, takes utilities from the model (not from
 * ac_space) and applies the definitions of mediate.h literally:
 *   revisions: acceptable (no active red line, u_i >= r_i - AC_EPS) and every locked
 *     point as drafted; repeatedly take, among what is left, the fewest changes c*, the
 *     best Nash product V* at c*, and the lexicographically first outcome with c*
 *     changes and product >= V* - AC_EPS;
 *   hard impasse: every option of the point is on some active party's red line;
 *   soft impasse: the ZOPA is not empty and no ZOPA outcome keeps the point as drafted;
 *   reservation drop of i: r_i - max{u_i(o): no red line crossed, u_j >= r_j - AC_EPS
 *     for j != i}, at least 0; its outcome the first reaching that max - AC_EPS;
 *   red lines: the fewest red lines whose removal makes some outcome acceptable;
 *   trades: the best exchange per (party pair, point pair), by joint gain. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "analysis/mediation_internal.h"
#include "randmodel.h"

#if defined(__SANITIZE_ADDRESS__)
#define SUITE_SCALE 3
#else
#define SUITE_SCALE 1
#endif

#define TOPK 6

typedef struct {
    const ac_model *m;
    size_t np, ni, n;   /* active parties, issues, outcomes */
    size_t *active;
    double *r;
    uint32_t *o;        /* [n * ni] lexicographic order */
    double *u;          /* [n * np] */
    unsigned char *red; /* [n * np]: outcome crosses a red line of party i */
    size_t *nred;       /* red lines (party, issue, option): count */
    size_t *rl;         /* [nrl * 3] */
    size_t nrl;
} brute_t;

static void brute_init(brute_t *b, const ac_model *m)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->ni = ac_model_n_issues(m);
    for (size_t i = 0; i < ac_model_n_parties(m); i++)
        b->np += ac_party_role(m, i) == AC_ROLE_PARTY;
    b->active = malloc(b->np * sizeof *b->active);
    b->r = malloc(b->np * sizeof *b->r);
    for (size_t i = 0, a = 0; i < ac_model_n_parties(m); i++)
        if (ac_party_role(m, i) == AC_ROLE_PARTY) {
            b->active[a] = i;
            b->r[a++] = ac_party_reservation(m, i);
        }
    b->n = 1;
    for (size_t k = 0; k < b->ni; k++)
        b->n *= ac_model_n_options(m, k);
    b->o = malloc(b->n * b->ni * sizeof *b->o);
    b->u = malloc(b->n * b->np * sizeof *b->u);
    b->red = malloc(b->n * b->np);
    uint32_t *cur = calloc(b->ni, sizeof *cur);
    for (size_t x = 0; x < b->n; x++) {
        memcpy(b->o + x * b->ni, cur, b->ni * sizeof *cur);
        for (size_t i = 0; i < b->np; i++) {
            b->u[x * b->np + i] = ac_model_utility(m, b->active[i], cur);
            unsigned char rd = 0;
            for (size_t k = 0; k < b->ni; k++)
                rd |= ac_pref_red_line(m, b->active[i], k, cur[k]) != 0;
            b->red[x * b->np + i] = rd;
        }
        for (size_t k = b->ni; k-- > 0;) {
            if (++cur[k] < ac_model_n_options(m, k))
                break;
            cur[k] = 0;
        }
    }
    free(cur);
    b->rl = malloc(3 * sizeof *b->rl);
    for (size_t i = 0; i < b->np; i++)
        for (size_t k = 0; k < b->ni; k++)
            for (size_t q = 0; q < ac_model_n_options(m, k); q++)
                if (ac_pref_red_line(m, b->active[i], k, q)) {
                    b->rl = realloc(b->rl, 3 * (b->nrl + 1) * sizeof *b->rl);
                    b->rl[3 * b->nrl] = i;
                    b->rl[3 * b->nrl + 1] = k;
                    b->rl[3 * b->nrl + 2] = q;
                    b->nrl++;
                }
}

static void brute_free(brute_t *b)
{
    free(b->active);
    free(b->r);
    free(b->o);
    free(b->u);
    free(b->red);
    free(b->rl);
}

static int acceptable(const brute_t *b, size_t x)
{
    for (size_t i = 0; i < b->np; i++)
        if (b->red[x * b->np + i] || b->u[x * b->np + i] < b->r[i] - AC_EPS)
            return 0;
    return 1;
}

static double nash(const brute_t *b, size_t x)
{
    double p = 1;
    for (size_t i = 0; i < b->np; i++)
        p *= fmax(0.0, b->u[x * b->np + i] - b->r[i]);
    return p;
}

static size_t changes(const brute_t *b, size_t x, const uint32_t *draft)
{
    size_t c = 0;
    for (size_t k = 0; k < b->ni; k++)
        c += b->o[x * b->ni + k] != draft[k];
    return c;
}

/* The K first revisions by the rule; returns how many, indices into idx. */
static size_t brute_revisions(const brute_t *b, const uint32_t *draft, const unsigned char *lock,
                              size_t K, size_t *idx)
{
    unsigned char *used = calloc(b->n, 1);
    size_t got = 0;
    while (got < K) {
        int any = 0;
        size_t cs = 0;
        double Vs = 0;
        for (size_t x = 0; x < b->n; x++) {
            if (used[x] || !acceptable(b, x))
                continue;
            int ok = 1;
            for (size_t k = 0; k < b->ni; k++)
                if (lock[k] && b->o[x * b->ni + k] != draft[k])
                    ok = 0;
            if (!ok)
                continue;
            size_t c = changes(b, x, draft);
            double v = nash(b, x);
            if (!any || c < cs || (c == cs && v > Vs)) {
                cs = c;
                Vs = v;
            }
            any = 1;
        }
        if (!any)
            break;
        size_t pick = SIZE_MAX;
        for (size_t x = 0; x < b->n && pick == SIZE_MAX; x++) {
            if (used[x] || !acceptable(b, x) || changes(b, x, draft) != cs ||
                nash(b, x) < Vs - AC_EPS)
                continue;
            int ok = 1;
            for (size_t k = 0; k < b->ni; k++)
                if (lock[k] && b->o[x * b->ni + k] != draft[k])
                    ok = 0;
            if (ok)
                pick = x;
        }
        used[pick] = 1;
        idx[got++] = pick;
    }
    free(used);
    return got;
}

/* Acceptable when the red lines in mask (bit per red line of b->rl) are relaxed. */
static int zopa_with_relaxed(const brute_t *b, unsigned long mask)
{
    for (size_t x = 0; x < b->n; x++) {
        int ok = 1;
        for (size_t i = 0; i < b->np && ok; i++)
            ok = b->u[x * b->np + i] >= b->r[i] - AC_EPS;
        for (size_t a = 0; a < b->nrl && ok; a++)
            if (!(mask >> a & 1) && b->o[x * b->ni + b->rl[3 * a + 1]] == b->rl[3 * a + 2])
                ok = 0;
        if (ok)
            return 1;
    }
    return 0;
}

static double contrib(const brute_t *b, size_t i, size_t k, size_t q)
{
    return ac_pref_weight(b->m, b->active[i], k) * ac_pref_value(b->m, b->active[i], k, q);
}

static size_t g_models, g_revisions, g_nodeal, g_redsets, g_trades, g_soft;

static void check_model(ac_model *m, const char *what)
{
    brute_t b;
    brute_init(&b, m);
    uint32_t *draft = malloc(b.ni * sizeof *draft);
    unsigned char *lock = malloc(b.ni);
    for (size_t k = 0; k < b.ni; k++) {
        draft[k] = (uint32_t)ac_model_plan(m, k);
        lock[k] = ac_model_locked(m, k) != 0;
    }
    ac_mediate_opts o;
    ac_mediate_opts_init(&o);
    o.top = TOPK;
    o.trades = 1000;
    ac_mediation *x = NULL;
    ac_error err;
    if (ac_mediate(m, &o, &x, &err))
        fail_msg("%s: %s", what, err.message);
    assert_int_equal(x->n_parties, b.np);

    /* hard impasses */
    size_t nh = 0;
    for (size_t k = 0; k < b.ni; k++) {
        int all = 1;
        for (size_t q = 0; q < ac_model_n_options(m, k) && all; q++) {
            int any = 0;
            for (size_t i = 0; i < b.np; i++)
                any |= ac_pref_red_line(m, b.active[i], k, q);
            all = any;
        }
        if (all) {
            if (nh >= x->n_hard || x->hard[nh] != k)
                fail_msg("%s: hard impasse %zu missing", what, k);
            nh++;
        }
    }
    assert_int_equal(nh, x->n_hard);

    /* ZOPA, soft impasses */
    int zopa = 0;
    for (size_t y = 0; y < b.n && !zopa; y++)
        zopa = acceptable(&b, y);
    if (zopa == x->zopa_empty)
        fail_msg("%s: zopa_empty %d, brute force ZOPA %d", what, x->zopa_empty, zopa);
    size_t ns = 0;
    for (size_t k = 0; zopa && k < b.ni; k++) {
        int keep = 0;
        for (size_t y = 0; y < b.n && !keep; y++)
            keep = acceptable(&b, y) && b.o[y * b.ni + k] == draft[k];
        if (!keep) {
            if (ns >= x->n_soft || x->soft[ns] != k)
                fail_msg("%s: soft impasse %zu missing", what, k);
            ns++;
        }
    }
    assert_int_equal(ns, x->n_soft);
    g_soft += ns;

    /* revisions */
    size_t idx[TOPK];
    size_t nb = brute_revisions(&b, draft, lock, TOPK, idx);
    if (nb != x->n_revisions)
        fail_msg("%s: %zu revisions, brute force %zu", what, x->n_revisions, nb);
    for (size_t a = 0; a < nb; a++) {
        const ac_revision *r = &x->revisions[a];
        size_t y = idx[a];
        if (memcmp(r->outcome, b.o + y * b.ni, b.ni * sizeof *draft)) {
            for (size_t k = 0; k < b.ni; k++)
                print_error("  issue %zu: %u vs %u (draft %u)\n", k, r->outcome[k],
                            b.o[y * b.ni + k], draft[k]);
            fail_msg("%s: revision %zu differs (changes %zu/%zu, nash %.17g/%.17g)", what, a,
                     r->changes, changes(&b, y, draft), r->nash, nash(&b, y));
        }
        assert_int_equal(r->changes, changes(&b, y, draft));
        assert_true(fabs(r->nash - nash(&b, y)) <= 1e-9);
        for (size_t i = 0; i < b.np; i++)
            assert_true(fabs(r->utility[i] - b.u[y * b.np + i]) <= 1e-9);
    }
    g_revisions += nb;

    /* no deal: reservation drops and red lines */
    if (!zopa) {
        g_nodeal++;
        for (size_t i = 0; i < b.np; i++) {
            int found = 0;
            double best = 0;
            size_t first = SIZE_MAX;
            for (int pass = 0; pass < 2; pass++)
                for (size_t y = 0; y < b.n; y++) {
                    int ok = 1;
                    for (size_t j = 0; j < b.np && ok; j++)
                        ok = !b.red[y * b.np + j] &&
                             (j == i || b.u[y * b.np + j] >= b.r[j] - AC_EPS);
                    if (!ok)
                        continue;
                    double v = b.u[y * b.np + i];
                    if (pass == 0) {
                        if (!found || v > best)
                            best = v;
                        found = 1;
                    } else if (first == SIZE_MAX && v >= best - AC_EPS) {
                        first = y;
                    }
                }
            if (found != x->drop_found[i])
                fail_msg("%s: party %zu drop found %d, brute force %d", what, i,
                         x->drop_found[i], found);
            if (!found)
                continue;
            double drop = fmax(0.0, b.r[i] - best);
            if (fabs(drop - x->drop[i]) > 1e-9)
                fail_msg("%s: party %zu drop %.17g, brute force %.17g", what, i, x->drop[i],
                         drop);
            assert_memory_equal(x->drop_outcome + i * b.ni, b.o + first * b.ni,
                                b.ni * sizeof *draft);
        }
        if (b.nrl <= 14) {
            size_t bestn = SIZE_MAX;
            for (unsigned long mask = 0; mask < (1ul << b.nrl); mask++) {
                size_t c = (size_t)__builtin_popcountl(mask);
                if (c < bestn && zopa_with_relaxed(&b, mask))
                    bestn = c;
            }
            if (bestn == SIZE_MAX) {
                assert_int_equal(x->redlines, AC_REDLINES_NONE);
            } else {
                if (x->redlines != AC_REDLINES_FOUND || x->n_redlines != bestn)
                    fail_msg("%s: red lines status %d count %zu, brute force %zu", what,
                             x->redlines, x->n_redlines, bestn);
                unsigned long mask = 0;
                for (size_t a = 0; a < x->n_redlines; a++)
                    for (size_t c = 0; c < b.nrl; c++)
                        if (b.rl[3 * c] == x->rl_party[a] && b.rl[3 * c + 1] == x->rl_issue[a] &&
                            b.rl[3 * c + 2] == x->rl_option[a])
                            mask |= 1ul << c;
                assert_int_equal(__builtin_popcountl(mask), bestn);
                assert_true(zopa_with_relaxed(&b, mask));
                g_redsets++;
            }
        }
    } else {
        assert_null(x->drop);
        assert_int_equal(x->n_redlines, 0);
    }

    /* trades: joint gains of the best per (pair, pair), sorted */
    double *joint = malloc((b.np * b.np * b.ni * b.ni + 1) * sizeof *joint);
    size_t nt = 0;
    for (size_t pa = 0; pa < b.np; pa++)
        for (size_t pb = pa + 1; pb < b.np; pb++)
            for (size_t k1 = 0; k1 < b.ni; k1++)
                for (size_t k2 = k1 + 1; k2 < b.ni; k2++) {
                    if (lock[k1] || lock[k2])
                        continue;
                    int have = 0;
                    double best = 0;
                    for (int orient = 0; orient < 2; orient++) {
                        size_t ka = orient ? k2 : k1, kb = orient ? k1 : k2;
                        for (size_t qa = 0; qa < ac_model_n_options(m, ka); qa++)
                            for (size_t qb = 0; qb < ac_model_n_options(m, kb); qb++) {
                                if (qa == draft[ka] || qb == draft[kb])
                                    continue;
                                int red = 0;
                                for (size_t i = 0; i < b.np; i++)
                                    red |= ac_pref_red_line(m, b.active[i], ka, qa) ||
                                           ac_pref_red_line(m, b.active[i], kb, qb);
                                if (red)
                                    continue;
                                double a1 = contrib(&b, pa, ka, qa) - contrib(&b, pa, ka, draft[ka]);
                                double b1 = contrib(&b, pb, ka, qa) - contrib(&b, pb, ka, draft[ka]);
                                double a2 = contrib(&b, pa, kb, qb) - contrib(&b, pa, kb, draft[kb]);
                                double b2 = contrib(&b, pb, kb, qb) - contrib(&b, pb, kb, draft[kb]);
                                if (!(a1 < -AC_EPS && b1 > AC_EPS && b2 < -AC_EPS && a2 > AC_EPS &&
                                      a1 + a2 > AC_EPS && b1 + b2 > AC_EPS))
                                    continue;
                                if (!have || a1 + a2 + b1 + b2 > best)
                                    best = a1 + a2 + b1 + b2;
                                have = 1;
                            }
                    }
                    if (have)
                        joint[nt++] = best;
                }
    assert_int_equal(nt, x->n_trades);
    for (size_t a = 0; a < nt; a++) /* sort descending */
        for (size_t c = a + 1; c < nt; c++)
            if (joint[c] > joint[a]) {
                double t = joint[a];
                joint[a] = joint[c];
                joint[c] = t;
            }
    for (size_t a = 0; a < nt; a++) {
        const ac_trade *t = &x->trades[a];
        assert_true(fabs(t->gain_a + t->gain_b - joint[a]) <= 1e-9);
        assert_true(t->gain_a > AC_EPS && t->gain_b > AC_EPS);
        /* the trade applied to the draft: both better off, by the gains claimed */
        uint32_t *o2 = malloc(b.ni * sizeof *o2);
        memcpy(o2, draft, b.ni * sizeof *o2);
        o2[t->issue_a] = (uint32_t)t->option_a;
        o2[t->issue_b] = (uint32_t)t->option_b;
        double ua = ac_model_utility(m, b.active[t->party_a], o2) -
                    ac_model_utility(m, b.active[t->party_a], draft);
        double ub = ac_model_utility(m, b.active[t->party_b], o2) -
                    ac_model_utility(m, b.active[t->party_b], draft);
        assert_true(fabs(ua - t->gain_a) <= 1e-9 && fabs(ub - t->gain_b) <= 1e-9);
        free(o2);
    }
    g_trades += nt;
    free(joint);

    /* progress by party: the party's own weight of the points everyone agrees to */
    for (size_t i = 0; i < b.np; i++) {
        double w = 0;
        for (size_t k = 0; k < b.ni; k++) {
            int all = 1;
            for (size_t j = 0; j < b.np; j++)
                all &= x->stances[j * b.ni + k] == AC_STANCE_AGREE;
            if (all)
                w += ac_pref_weight(m, b.active[i], k);
        }
        assert_true(fabs(w - x->progress_by_party[i]) <= 1e-12);
    }

    ac_mediation_free(x);
    free(draft);
    free(lock);
    brute_free(&b);
    g_models++;
}

/* Random models get a random draft when they have none, and random locks. */
static void run_suite(const char *name, const rand_opts *ro, uint64_t first, int count,
                      int lock_rate)
{
    count = (count + SUITE_SCALE - 1) / SUITE_SCALE;
    for (int c = 0; c < count; c++) {
        uint64_t seed = first + (uint64_t)c, st = seed * 7919 + 13;
        ac_model *m = rand_model(seed, ro);
        size_t ni = ac_model_n_issues(m);
        if (!ac_model_has_plan(m))
            for (size_t k = 0; k < ni; k++)
                ac_model_set_plan(m, k, (size_t)rand_int(&st, 0, (int)ac_model_n_options(m, k) - 1),
                                  NULL);
        for (size_t k = 0; k < ni; k++)
            if (lock_rate && rand_int(&st, 0, lock_rate - 1) == 0)
                ac_model_set_locked(m, k, 1, NULL);
        char what[96];
        snprintf(what, sizeof what, "%s seed %llu", name, (unsigned long long)seed);
        check_model(m, what);
        ac_model_free(m);
    }
}

static void test_random_grid(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 3000;
    run_suite("grid", &o, 1, 300, 0);
}

static void test_random_locked(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 3000;
    run_suite("locked", &o, 1001, 300, 4);
}

static void test_random_continuous(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.grid = 0;
    o.max_outcomes = 3000;
    run_suite("continuous", &o, 2001, 200, 5);
}

/* High reservations and many red lines: the no-deal paths. */
static void test_random_no_deal(void **state)
{
    (void)state;
    rand_opts o;
    rand_opts_default(&o);
    o.max_outcomes = 2000;
    o.reservation_max = 1.0;
    run_suite("nodeal", &o, 3001, 300, 6);
}

static void test_summary(void **state)
{
    (void)state;
    printf("compared %zu models: %zu revisions, %zu soft impasses, %zu no-deal models "
           "(%zu red-line sets), %zu trades\n",
           g_models, g_revisions, g_soft, g_nodeal, g_redsets, g_trades);
    assert_true(g_revisions > 100 && g_nodeal > 10 && g_redsets > 3 && g_trades > 100);
}

/* Visits every outcome that changes exactly t points of the draft (to any other option),
 * t <= 3: for the embedded model's c* = 3 that is about 1e5 outcomes, a brute force
 * over a slice of the space that needs no frontier. Calls visit in lexicographic order
 * of the changed point sets, then options, which is not outcome order; the caller
 * breaks ties itself. */
typedef struct {
    const ac_space *s;
    const uint32_t *draft;
    size_t accepted;
    double best;           /* best Nash product among acceptable outcomes */
    uint32_t *top;         /* [3 * ni] the three best by (Nash desc, lexicographic) */
    double topv[3];
    size_t ntop;
} slice_t;

static int lex_less(const uint32_t *a, const uint32_t *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return a[k] < b[k];
    return 0;
}

/* Keeps the three best by value desc (exact), then lexicographic. Values within AC_EPS
 * of each other do not occur among the embedded model's top three (checked below). */
static void slice_offer(slice_t *c, const uint32_t *o, double v)
{
    size_t ni = c->s->n_issues;
    size_t at = c->ntop;
    while (at > 0 && (v > c->topv[at - 1] ||
                      (v == c->topv[at - 1] && lex_less(o, c->top + (at - 1) * ni, ni))))
        at--;
    if (at >= 3)
        return;
    for (size_t a = (c->ntop < 3 ? c->ntop : 2); a > at; a--) {
        memcpy(c->top + a * ni, c->top + (a - 1) * ni, ni * sizeof *o);
        c->topv[a] = c->topv[a - 1];
    }
    memcpy(c->top + at * ni, o, ni * sizeof *o);
    c->topv[at] = v;
    if (c->ntop < 3)
        c->ntop++;
}

static void slice_visit(slice_t *c, size_t t)
{
    const ac_space *s = c->s;
    size_t ni = s->n_issues, np = s->n_parties, sel[3] = {0, 1, 2};
    uint32_t *o = malloc(ni * sizeof *o);
    double *u = malloc(np * sizeof *u);
    if (t == 0) {
        memcpy(o, c->draft, ni * sizeof *o);
        if (ac_space_acceptable(s, o))
            c->accepted++;
        free(o);
        free(u);
        return;
    }
    for (;;) {
        uint32_t q[3] = {0, 0, 0}; /* the q-th option other than the draft's */
        for (;;) {
            memcpy(o, c->draft, ni * sizeof *o);
            for (size_t a = 0; a < t; a++)
                o[sel[a]] = q[a] < c->draft[sel[a]] ? q[a] : q[a] + 1;
            if (ac_space_acceptable(s, o)) {
                ac_space_utility(s, o, u);
                double v = 1;
                for (size_t i = 0; i < np; i++)
                    v *= u[i] - s->reservation[i];
                c->accepted++;
                slice_offer(c, o, v);
            }
            size_t a = 0;
            while (a < t && ++q[a] >= s->n_options[sel[a]] - 1)
                q[a++] = 0;
            if (a == t)
                break;
        }
        size_t a = t;
        while (a > 0 && sel[a - 1] == ni - t + a - 1)
            a--;
        if (a == 0)
            break;
        sel[a - 1]++;
        for (size_t b2 = a; b2 < t; b2++)
            sel[b2] = sel[b2 - 1] + 1;
    }
    free(o);
    free(u);
}

/* The embedded model, checked independently: the revisions are acceptable, keep the
 * locks and change what they say; no outcome changing fewer points is acceptable, and
 * the three best revisions are the three best acceptable outcomes among those changing
 * exactly c* points — both by brute force over those slices of the space. */
static void test_default_model(void **state)
{
    (void)state;
    ac_model *m = NULL;
    ac_error err;
    if (ac_model_load_file("@default", &m, NULL, &err))
        fail_msg("@default: %s", err.message);
    ac_mediate_opts o;
    ac_mediate_opts_init(&o);
    o.top = 3;
    ac_mediation *x = NULL;
    if (ac_mediate(m, &o, &x, &err))
        fail_msg("mediate: %s", err.message);
    const ac_space *s = x->space;
    size_t ni = s->n_issues, np = s->n_parties;
    assert_false(x->zopa_empty);
    assert_int_equal(x->n_hard, 0);
    assert_int_equal(x->n_revisions, 3);
    for (size_t a = 0; a < x->n_revisions; a++) {
        const ac_revision *r = &x->revisions[a];
        assert_true(ac_space_acceptable(s, r->outcome));
        size_t c = 0;
        for (size_t k = 0; k < ni; k++) {
            c += r->outcome[k] != x->draft[k];
            if (ac_model_locked(m, k))
                assert_int_equal(r->outcome[k], x->draft[k]);
        }
        assert_int_equal(c, r->changes);
        for (size_t i = 0; i < np; i++)
            assert_true(fabs(r->utility[i] - ac_model_utility(m, s->party[i], r->outcome)) < 1e-9);
    }
    size_t cs = x->revisions[0].changes;
    assert_true(cs <= 3); /* the slices below are brute-forced up to 3 changes */
    slice_t sl = {.s = s, .draft = x->draft};
    sl.top = calloc(3 * ni, sizeof *sl.top);
    for (size_t t = 0; t < cs; t++) {
        sl.accepted = 0;
        slice_visit(&sl, t);
        if (sl.accepted)
            fail_msg("%zu outcomes changing %zu points are acceptable", sl.accepted, t);
    }
    sl.accepted = 0;
    slice_visit(&sl, cs);
    assert_true(sl.accepted >= 3);
    printf("embedded model: c* = %zu, %zu acceptable outcomes change exactly %zu points\n", cs,
           sl.accepted, cs);
    for (size_t a = 0; a < 3; a++) {
        assert_memory_equal(x->revisions[a].outcome, sl.top + a * ni, ni * sizeof *sl.top);
        assert_true(fabs(x->revisions[a].nash - sl.topv[a]) < 1e-12);
        if (a)
            assert_true(sl.topv[a - 1] - sl.topv[a] > AC_EPS); /* no near-ties to break */
    }
    free(sl.top);
    /* Soft impasses: every revision changes every soft impasse. */
    for (size_t a = 0; a < x->n_soft; a++)
        for (size_t r = 0; r < x->n_revisions; r++)
            assert_int_not_equal(x->revisions[r].outcome[x->soft[a]], x->draft[x->soft[a]]);
    ac_mediation_free(x);
    ac_model_free(m);
}

static void test_no_plan(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, NULL, NULL);
    ac_model_add_issue(m, "x", NULL, NULL, NULL);
    ac_model_add_option(m, 0, "p", NULL, NULL, NULL);
    ac_model_set_weight(m, 0, 0, 1, NULL);
    ac_model_set_value(m, 0, 0, 0, 1, NULL);
    ac_model_set_has_preferences(m, 0, NULL);
    ac_mediation *x = NULL;
    ac_error err;
    assert_int_equal(ac_mediate(m, NULL, &x, &err), AC_EINPUT);
    assert_null(x);
    ac_model_set_plan(m, 0, 0, NULL);
    assert_int_equal(ac_mediate(m, NULL, &x, &err), AC_OK);
    assert_int_equal(x->n_revisions, 1);
    assert_int_equal(x->revisions[0].changes, 0);
    ac_mediation_free(x);
    ac_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_plan),
        cmocka_unit_test(test_random_grid),
        cmocka_unit_test(test_random_locked),
        cmocka_unit_test(test_random_continuous),
        cmocka_unit_test(test_random_no_deal),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_default_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
