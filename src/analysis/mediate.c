/* Mediation (see mediate.h): stances, progress, impasses, the revision search, the
 * no-deal analysis and package trades, for a model with a draft.
 *
 * Every existence question ("is there a ZOPA outcome keeping point k as drafted?",
 * "does relaxing these red lines open a ZOPA?", "what is the best u_i the others
 * accept?") is answered by the frontier engine of revision.h with a suitable allowed
 * table and floors, never by visiting outcomes. Soft impasses need one such test per
 * point, except for points the revisions found already keep as drafted: a revision is a
 * ZOPA outcome, so it certifies every point it leaves alone. */
#include "accord/mediate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/mediation_internal.h"
#include "analysis/revision.h"

void ac_mediate_opts_init(ac_mediate_opts *o)
{
    o->agree_within = AC_AGREE_WITHIN_DEFAULT;
    o->top = AC_MEDIATE_TOP_DEFAULT;
    o->trades = AC_MEDIATE_TRADES_DEFAULT;
    o->max_redline_checks = AC_MEDIATE_REDLINE_CHECKS_DEFAULT;
}

void ac_mediation_free(ac_mediation *x)
{
    if (!x)
        return;
    free(x->draft);
    free(x->draft_utility);
    free(x->stances);
    free(x->progress_by_party);
    free(x->hard);
    free(x->soft);
    ac_revisions_free(x->revisions, x->n_revisions);
    free(x->drop_found);
    free(x->drop);
    free(x->drop_outcome);
    free(x->rl_party);
    free(x->rl_issue);
    free(x->rl_option);
    free(x->trades);
    ac_space_free(x->space);
    free(x);
}

/* An allowed table the caller may edit: a copy of the space's. */
static unsigned char **allow_copy(const ac_space *s)
{
    unsigned char **a = calloc(s->n_issues, sizeof *a);
    if (!a)
        return NULL;
    for (size_t k = 0; k < s->n_issues; k++) {
        a[k] = malloc(s->n_options[k]);
        if (!a[k]) {
            for (size_t j = 0; j < k; j++)
                free(a[j]);
            free(a);
            return NULL;
        }
        memcpy(a[k], s->allowed[k], s->n_options[k]);
    }
    return a;
}

static void allow_free(unsigned char **a, size_t ni)
{
    if (!a)
        return;
    for (size_t k = 0; k < ni; k++)
        free(a[k]);
    free(a);
}

/* Is there an outcome over the allowed table meeting the floors? */
static ac_status feasible(const ac_space *s, unsigned char **allow, const double *floor,
                          int *yes, ac_error *err)
{
    ac__rv *e;
    ac_status st = ac__rv_new(s, NULL, NULL, (const unsigned char *const *)allow, floor, &e, err);
    if (st)
        return st;
    st = ac__rv_feasible(e, yes, err);
    ac__rv_free(e);
    return st;
}

static ac_status soft_impasses(ac_mediation *x, ac_error *err)
{
    const ac_space *s = x->space;
    const size_t ni = s->n_issues;
    unsigned char *certified = calloc(ni, 1);
    unsigned char **allow = allow_copy(s);
    x->soft = malloc(ni * sizeof *x->soft);
    ac_status st = AC_OK;
    if (!certified || !allow || !x->soft) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < x->n_revisions; a++)
        for (size_t k = 0; k < ni; k++)
            certified[k] |= x->revisions[a].outcome[k] == x->draft[k];
    for (size_t k = 0; k < ni && !st; k++) {
        if (certified[k])
            continue;
        int yes = 0;
        if (s->allowed[k][x->draft[k]]) {
            for (uint32_t q = 0; q < s->n_options[k]; q++)
                allow[k][q] = q == x->draft[k];
            st = feasible(s, allow, NULL, &yes, err);
            memcpy(allow[k], s->allowed[k], s->n_options[k]);
        }
        if (!yes)
            x->soft[x->n_soft++] = k;
    }
done:
    free(certified);
    allow_free(allow, ni);
    return st;
}

static ac_status reservation_drops(ac_mediation *x, ac_error *err)
{
    const ac_space *s = x->space;
    const size_t d = s->n_parties, ni = s->n_issues;
    x->drop_found = calloc(d, sizeof *x->drop_found);
    x->drop = calloc(d, sizeof *x->drop);
    x->drop_outcome = calloc(d * ni, sizeof *x->drop_outcome);
    double *floor = malloc(d * sizeof *floor);
    ac_status st = AC_OK;
    if (!x->drop_found || !x->drop || !x->drop_outcome || !floor) {
        free(floor);
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < d && !st; i++) {
        memcpy(floor, s->reservation, d * sizeof *floor);
        floor[i] = -1; /* party i takes whatever it gets */
        ac__rv *e;
        if ((st = ac__rv_new(s, NULL, NULL, NULL, floor, &e, err)))
            break;
        size_t ch;
        double best;
        st = ac__rv_best(e, AC__RV_PARTY, i, &x->drop_found[i], &ch, &best,
                         x->drop_outcome + i * ni, err);
        ac__rv_free(e);
        if (!st && x->drop_found[i])
            x->drop[i] = fmax(0.0, s->reservation[i] - best);
    }
    free(floor);
    return st;
}

/* The red-line search: cells (issue, option) that some active party forbids; a cell
 * opens only when all its red lines go, so minimal sets are unions of whole cells and
 * their size is the sum of the cells' red-line counts. Sets are tried by size, and
 * within a size in lexicographic order of cell indices. */
typedef struct {
    const ac_space *s;
    size_t ncell;
    size_t *ck, *cq, *cw; /* cell issue, option, red lines */
    size_t *pick, npick;
    unsigned char **allow;
    size_t checks, max_checks;
    int found, cut;
} rl_t;

static ac_status rl_try(rl_t *r, size_t start, size_t left, ac_error *err)
{
    if (left == 0) {
        if (r->checks >= r->max_checks) {
            r->cut = 1;
            return AC_OK;
        }
        r->checks++;
        int yes;
        ac_status st = feasible(r->s, r->allow, NULL, &yes, err);
        if (st)
            return st;
        r->found = yes;
        return AC_OK;
    }
    for (size_t c = start; c < r->ncell && !r->found && !r->cut; c++) {
        if (r->cw[c] > left)
            continue;
        r->allow[r->ck[c]][r->cq[c]] = 1;
        r->pick[r->npick++] = c;
        ac_status st = rl_try(r, c + 1, left - r->cw[c], err);
        if (st)
            return st;
        if (r->found)
            return AC_OK;
        r->npick--;
        r->allow[r->ck[c]][r->cq[c]] = 0;
    }
    return AC_OK;
}

static ac_status red_line_sets(ac_mediation *x, size_t max_checks, ac_error *err)
{
    const ac_space *s = x->space;
    const size_t d = s->n_parties, ni = s->n_issues;
    rl_t r = {.s = s, .max_checks = max_checks};
    size_t cells = 0, total = 0;
    for (size_t k = 0; k < ni; k++)
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            cells += !s->allowed[k][q];
    r.ck = malloc((cells + 1) * sizeof *r.ck);
    r.cq = malloc((cells + 1) * sizeof *r.cq);
    r.cw = malloc((cells + 1) * sizeof *r.cw);
    r.pick = malloc((cells + 1) * sizeof *r.pick);
    r.allow = allow_copy(s);
    ac_status st = AC_OK;
    if (!r.ck || !r.cq || !r.cw || !r.pick || !r.allow) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < ni; k++)
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            if (!s->allowed[k][q]) {
                size_t w = 0;
                for (size_t i = 0; i < d; i++)
                    w += s->red[k][(size_t)q * d + i] != 0;
                r.ck[r.ncell] = k;
                r.cq[r.ncell] = q;
                r.cw[r.ncell++] = w;
                total += w;
            }
    /* Everything relaxed first: when even that opens nothing, no set does. */
    for (size_t c = 0; c < r.ncell; c++)
        r.allow[r.ck[c]][r.cq[c]] = 1;
    int yes = 0;
    if ((st = feasible(s, r.allow, NULL, &yes, err)))
        goto done;
    r.checks = 1;
    for (size_t c = 0; c < r.ncell; c++)
        r.allow[r.ck[c]][r.cq[c]] = 0;
    if (!yes) {
        x->redlines = AC_REDLINES_NONE;
        goto done;
    }
    for (size_t t = 1; t <= total && !r.found && !r.cut; t++)
        if ((st = rl_try(&r, 0, t, err)))
            goto done;
    if (!r.found) {
        /* Only the bound stops short of the full set, which is known to work. */
        x->redlines = AC_REDLINES_CUT;
        goto done;
    }
    x->redlines = AC_REDLINES_FOUND;
    size_t n = 0;
    for (size_t a = 0; a < r.npick; a++)
        n += r.cw[r.pick[a]];
    x->rl_party = malloc((n ? n : 1) * sizeof *x->rl_party);
    x->rl_issue = malloc((n ? n : 1) * sizeof *x->rl_issue);
    x->rl_option = malloc((n ? n : 1) * sizeof *x->rl_option);
    if (!x->rl_party || !x->rl_issue || !x->rl_option) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t a = 0; a < r.npick; a++) {
        size_t c = r.pick[a];
        for (size_t i = 0; i < d; i++)
            if (s->red[r.ck[c]][r.cq[c] * d + i]) {
                x->rl_party[x->n_redlines] = i;
                x->rl_issue[x->n_redlines] = r.ck[c];
                x->rl_option[x->n_redlines++] = r.cq[c];
            }
    }
done:
    x->redline_checks = r.checks;
    free(r.ck);
    free(r.cq);
    free(r.cw);
    free(r.pick);
    allow_free(r.allow, ni);
    return st;
}

static int trade_cmp(const void *pa, const void *pb)
{
    const ac_trade *a = pa, *b = pb;
    double ja = a->gain_a + a->gain_b, jb = b->gain_a + b->gain_b;
    if (ja != jb)
        return ja > jb ? -1 : 1;
    const size_t ka[6] = {a->party_a, a->party_b, a->issue_a, a->option_a, a->issue_b, a->option_b};
    const size_t kb[6] = {b->party_a, b->party_b, b->issue_a, b->option_a, b->issue_b, b->option_b};
    for (int i = 0; i < 6; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

/* Every (a, b, point pair): the best exchange by joint gain (first found among equals,
 * in loop order); then all of them sorted by joint gain and cut to the limit. */
static ac_status trades(ac_mediation *x, const ac_model *m, size_t limit, ac_error *err)
{
    const ac_space *s = x->space;
    const size_t d = s->n_parties, ni = s->n_issues;
    if (!limit || d < 2 || ni < 2)
        return AC_OK;
    size_t cap = d * (d - 1) / 2 * ni * (ni - 1) / 2;
    ac_trade *t = malloc(cap * sizeof *t);
    if (!t)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    size_t n = 0;
    const uint32_t *dr = x->draft;
    for (size_t a = 0; a < d; a++)
        for (size_t b = a + 1; b < d; b++)
            for (size_t k1 = 0; k1 < ni; k1++)
                for (size_t k2 = k1 + 1; k2 < ni; k2++) {
                    if (ac_model_locked(m, k1) || ac_model_locked(m, k2))
                        continue;
                    int have = 0;
                    ac_trade best = {0};
                    /* orientation 0: a concedes on k1; 1: a concedes on k2 */
                    for (int or = 0; or < 2; or++) {
                        size_t ka = or ? k2 : k1, kb = or ? k1 : k2;
                        const double *da = s->contrib[ka] + (size_t)dr[ka] * d;
                        const double *db = s->contrib[kb] + (size_t)dr[kb] * d;
                        for (uint32_t qa = 0; qa < s->n_options[ka]; qa++) {
                            if (qa == dr[ka] || !s->allowed[ka][qa])
                                continue;
                            const double *ca = s->contrib[ka] + (size_t)qa * d;
                            double a1 = ca[a] - da[a], b1 = ca[b] - da[b];
                            if (!(a1 < -AC_EPS && b1 > AC_EPS))
                                continue;
                            for (uint32_t qb = 0; qb < s->n_options[kb]; qb++) {
                                if (qb == dr[kb] || !s->allowed[kb][qb])
                                    continue;
                                const double *cb = s->contrib[kb] + (size_t)qb * d;
                                double a2 = cb[a] - db[a], b2 = cb[b] - db[b];
                                if (!(b2 < -AC_EPS && a2 > AC_EPS))
                                    continue;
                                double ga = a1 + a2, gb = b1 + b2;
                                if (!(ga > AC_EPS && gb > AC_EPS))
                                    continue;
                                if (have && !(ga + gb > best.gain_a + best.gain_b))
                                    continue;
                                best = (ac_trade){a, b, ka, qa, kb, qb, ga, gb};
                                have = 1;
                            }
                        }
                    }
                    if (have)
                        t[n++] = best;
                }
    qsort(t, n, sizeof *t, trade_cmp);
    x->n_trades = n < limit ? n : limit;
    x->trades = t;
    return AC_OK;
}

ac_status ac_mediate(const ac_model *m, const ac_mediate_opts *opts, ac_mediation **out,
                     ac_error *err)
{
    *out = NULL;
    ac_mediate_opts o;
    if (opts)
        o = *opts;
    else
        ac_mediate_opts_init(&o);
    if (!(o.agree_within >= 0))
        o.agree_within = AC_AGREE_WITHIN_DEFAULT;
    if (!o.top)
        o.top = AC_MEDIATE_TOP_DEFAULT;
    if (o.trades == SIZE_MAX)
        o.trades = AC_MEDIATE_TRADES_DEFAULT;
    if (!o.max_redline_checks)
        o.max_redline_checks = AC_MEDIATE_REDLINE_CHECKS_DEFAULT;
    ac_status st = ac_model_check(m, err);
    if (st)
        return st;
    if (!ac_model_has_plan(m))
        return ac_error_set(err, AC_EINPUT, NULL, 0, 0,
                            "the model has no draft plan: mediation needs one");
    ac_mediation *x = calloc(1, sizeof *x);
    if (!x)
        return ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
    if ((st = ac_space_new(m, &x->space, err))) {
        free(x);
        return st;
    }
    const ac_space *s = x->space;
    const size_t d = s->n_parties, ni = s->n_issues;
    x->n_parties = d;
    x->n_issues = ni;
    x->party = s->party;
    x->draft = malloc(ni * sizeof *x->draft);
    x->draft_utility = malloc(d * sizeof *x->draft_utility);
    x->stances = malloc(d * ni * sizeof *x->stances);
    x->progress_by_party = calloc(d, sizeof *x->progress_by_party);
    x->hard = malloc(ni * sizeof *x->hard);
    unsigned char *locked = malloc(ni);
    if (!x->draft || !x->draft_utility || !x->stances || !x->progress_by_party || !x->hard ||
        !locked) {
        st = ac_error_set(err, AC_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < ni; k++) {
        x->draft[k] = (uint32_t)ac_model_plan(m, k);
        locked[k] = ac_model_locked(m, k) != 0;
    }
    ac_space_utility(s, x->draft, x->draft_utility);
    for (size_t i = 0; i < d; i++)
        for (size_t k = 0; k < ni; k++)
            x->stances[i * ni + k] =
                ac_stance_derive(m, s->party[i], k, x->draft[k], o.agree_within);
    x->progress = ac_progress_of(m, x->stances);
    for (size_t k = 0; k < ni; k++) {
        int all = 1;
        for (size_t i = 0; i < d && all; i++)
            all = x->stances[i * ni + k] == AC_STANCE_AGREE;
        for (size_t i = 0; all && i < d; i++)
            x->progress_by_party[i] += ac_pref_weight(m, s->party[i], k);
        int any = 0;
        for (uint32_t q = 0; q < s->n_options[k]; q++)
            any |= s->allowed[k][q] != 0;
        if (!any)
            x->hard[x->n_hard++] = k;
    }
    int yes = 0;
    if ((st = feasible(s, NULL, NULL, &yes, err)))
        goto done;
    x->zopa_empty = !yes;
    if (!x->zopa_empty) {
        if ((st = ac_revision_search(s, x->draft, locked, o.top, &x->revisions,
                                     &x->n_revisions, err)))
            goto done;
        if ((st = soft_impasses(x, err)))
            goto done;
    } else {
        if ((st = reservation_drops(x, err)))
            goto done;
        if ((st = red_line_sets(x, o.max_redline_checks, err)))
            goto done;
    }
    st = trades(x, m, o.trades, err);
done:
    free(locked);
    if (st) {
        ac_mediation_free(x);
        return st;
    }
    *out = x;
    return AC_OK;
}
