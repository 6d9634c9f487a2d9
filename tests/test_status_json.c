/* The JSON writers that moved from the command into the library: a recorded version's
 * status (ac_ledger_status_write_json) with its leading group (ac_ledger_status_coalition),
 * and the stability analysis (ac_stability_write_json).
 *
 * The coalition against its contract on random statuses: every member agrees to
 * `points` points together (recounted), a group of two or more shares at least half of
 * the points, the first member is a row that agrees to the most points, and no row left
 * out could join and keep half of the points at a higher joint count than the last one
 * added had. The status JSON against the status it was written from, key by key; the
 * stability JSON against the accessors. NULL arguments and a full disk are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "randmodel.h"

#define MAXR 8
#define MAXK 12

/* A hand-made status: P parties, M mediators, K points, stances from the seed. */
typedef struct {
    ac_ledger_status s;
    char *pid[MAXR], *mid[MAXR], *name[MAXR], *kid[MAXK], *title[MAXK], *opt[MAXK];
    char store[64][16];
    ac_stance st[MAXR * MAXK], mst[MAXR * MAXK];
    double w[MAXR * MAXK], pw[MAXR], rw[MAXR];
    size_t pa[MAXR], pr[MAXR], ma[MAXR], imp[MAXK];
} fake;

static char *put(fake *f, size_t *n, const char *fmt, size_t i)
{
    snprintf(f->store[*n], sizeof f->store[*n], fmt, i);
    return f->store[(*n)++];
}

static void make(fake *f, uint64_t seed)
{
    memset(f, 0, sizeof *f);
    uint64_t r = seed;
    size_t P = (size_t)rand_int(&r, 1, 4), M = (size_t)rand_int(&r, 0, 2),
           K = (size_t)rand_int(&r, 0, MAXK), n = 0;
    for (size_t i = 0; i < P; i++) {
        f->pid[i] = put(f, &n, "p%zu", i);
        f->name[i] = f->pid[i];
    }
    for (size_t i = 0; i < M; i++)
        f->mid[i] = put(f, &n, "m%zu", i);
    for (size_t k = 0; k < K; k++) {
        f->kid[k] = put(f, &n, "k%zu", k);
        f->title[k] = put(f, &n, "Point %zu", k);
        f->opt[k] = k % 3 ? put(f, &n, "o%zu", k) : NULL;
    }
    int agreeable = rand_int(&r, 0, 3); /* how often rows agree */
    for (size_t q = 0; q < P * K; q++) {
        f->st[q] = (ac_stance)(rand_int(&r, 0, 3 + agreeable) % 4);
        if (rand_int(&r, 0, 3 + agreeable) > 3)
            f->st[q] = AC_STANCE_AGREE;
        f->w[q] = rand_unit(&r);
    }
    for (size_t q = 0; q < M * K; q++)
        f->mst[q] = rand_int(&r, 0, 2) ? AC_STANCE_AGREE : AC_STANCE_NOT_DISCUSSED;
    ac_ledger_status *s = &f->s;
    s->version = (int)seed;
    s->date = "2025-11-20";
    s->note = seed % 2 ? "a note with \"quotes\"" : NULL;
    s->n_parties = P;
    s->party_id = f->pid;
    s->party_name = f->name;
    s->n_points = K;
    s->point_id = f->kid;
    s->point_title = f->title;
    s->option_id = f->opt;
    s->option_title = f->opt;
    s->stances = f->st;
    s->weight = f->w;
    s->party_agreed = f->pa;
    s->party_weighted = f->pw;
    s->party_rejected = f->pr;
    s->party_rejected_weight = f->rw;
    s->impasse = f->imp;
    s->n_mediators = M;
    s->mediator_id = f->mid;
    s->mediator_name = f->mid;
    s->mediator_stances = f->mst;
    s->mediator_agreed = f->ma;
    for (size_t k = 0; k < K; k++) {
        int all = 1, rej = 0;
        for (size_t i = 0; i < P; i++) {
            ac_stance x = f->st[i * K + k];
            all &= x == AC_STANCE_AGREE;
            rej |= x == AC_STANCE_REJECT;
            f->pa[i] += x == AC_STANCE_AGREE;
            f->pw[i] += x == AC_STANCE_AGREE ? f->w[i * K + k] : 0;
            f->pr[i] += x == AC_STANCE_REJECT;
            f->rw[i] += x == AC_STANCE_REJECT ? f->w[i * K + k] : 0;
        }
        for (size_t i = 0; i < M; i++)
            f->ma[i] += f->mst[i * K + k] == AC_STANCE_AGREE;
        s->progress.points += (size_t)all;
        if (rej)
            f->imp[s->n_impasses++] = k;
    }
    s->progress.of = K;
    s->progress.weighted = 0.25 * (double)s->progress.points;
}

static ac_stance row(const ac_ledger_status *s, size_t r, size_t k)
{
    return r < s->n_parties ? s->stances[r * s->n_points + k]
                            : s->mediator_stances[(r - s->n_parties) * s->n_points + k];
}

static size_t joint(const ac_ledger_status *s, const unsigned char *in)
{
    size_t n = 0;
    for (size_t k = 0; k < s->n_points; k++) {
        int all = 1;
        for (size_t r = 0; r < s->n_parties + s->n_mediators; r++)
            all &= !in[r] || row(s, r, k) == AC_STANCE_AGREE;
        n += (size_t)all;
    }
    return n;
}

static void coalition_contract(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 400; seed++) {
        fake f;
        make(&f, seed);
        const ac_ledger_status *s = &f.s;
        size_t R = s->n_parties + s->n_mediators, K = s->n_points;
        assert_int_equal(ac_ledger_status_rows(s), R);
        for (size_t r = 0; r < R; r++) {
            assert_string_equal(ac_ledger_status_row_id(s, r),
                                r < s->n_parties ? s->party_id[r] : s->mediator_id[r - s->n_parties]);
            for (size_t k = 0; k < K; k++)
                assert_int_equal(ac_ledger_status_row_stance(s, r, k), row(s, r, k));
            assert_int_equal(ac_ledger_status_row_stance(s, r, K), AC_STANCE_NOT_DISCUSSED);
        }
        assert_null(ac_ledger_status_row_id(s, R));
        assert_int_equal(ac_ledger_status_row_stance(s, R, 0), AC_STANCE_NOT_DISCUSSED);
        ac_ledger_coalition c;
        assert_int_equal(ac_ledger_status_coalition(s, &c, NULL), AC_OK);
        size_t members = 0, best_single = 0;
        unsigned char one[MAXR * 2] = {0};
        for (size_t r = 0; r < R; r++) {
            members += c.in[r];
            one[r] = 1;
            size_t n = joint(s, one);
            one[r] = 0;
            if (n > best_single)
                best_single = n;
        }
        assert_int_equal(members, c.n);
        if (!best_single) {
            assert_int_equal(c.n, 0); /* nobody agrees to anything */
        } else {
            assert_true(c.n >= 1);
            assert_int_equal(joint(s, c.in), c.points);
            if (c.n > 1)
                assert_true(2 * c.points >= K);
            else
                assert_int_equal(c.points, best_single);
            /* no row outside could still join and keep half of the points */
            for (size_t r = 0; r < R; r++)
                if (!c.in[r]) {
                    c.in[r] = 1;
                    assert_false(2 * joint(s, c.in) >= K);
                    c.in[r] = 0;
                }
        }
        ac_ledger_coalition_free(&c);
    }
    ac_ledger_coalition c;
    assert_int_equal(ac_ledger_status_coalition(NULL, &c, NULL), AC_EARG);
    assert_null(c.in);
    assert_int_equal(ac_ledger_status_coalition(NULL, NULL, NULL), AC_EARG);
    ac_ledger_coalition_free(NULL);
    assert_int_equal(ac_ledger_status_rows(NULL), 0);
    assert_null(ac_ledger_status_row_id(NULL, 0));
    assert_int_equal(ac_ledger_status_row_stance(NULL, 0, 0), AC_STANCE_NOT_DISCUSSED);
}

static json_object *write_status(const ac_ledger_status *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(ac_ledger_status_write_json(fp, s, NULL), AC_OK);
    fclose(fp);
    assert_true(len > 0 && buf[len - 1] == '\n');
    json_object *o = json_tokener_parse(buf);
    assert_non_null(o);
    free(buf);
    return o;
}

static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v))
        fail_msg("missing key %s", key);
    return v;
}

static void status_json_matches(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        fake f;
        make(&f, seed);
        const ac_ledger_status *s = &f.s;
        json_object *o = write_status(s);
        assert_int_equal(json_object_get_int(get(o, "version")), s->version);
        assert_string_equal(json_object_get_string(get(o, "date")), s->date);
        json_object *note = get(o, "note");
        if (s->note)
            assert_string_equal(json_object_get_string(note), s->note);
        else
            assert_null(note);
        assert_int_equal(json_object_array_length(get(o, "parties")), s->n_parties);
        assert_int_equal(json_object_array_length(get(o, "mediators")), s->n_mediators);
        json_object *pts = get(o, "points"), *st = get(o, "stances");
        assert_int_equal(json_object_array_length(pts), s->n_points);
        for (size_t r = 0; r < s->n_parties + s->n_mediators; r++) {
            const char *id = r < s->n_parties ? s->party_id[r] : s->mediator_id[r - s->n_parties];
            json_object *rs = get(st, id);
            for (size_t k = 0; k < s->n_points; k++)
                assert_string_equal(json_object_get_string(get(rs, s->point_id[k])),
                                    ac_stance_name(row(s, r, k)));
        }
        json_object *pg = get(o, "progress");
        assert_int_equal(json_object_get_int(get(pg, "points")), s->progress.points);
        assert_int_equal(json_object_get_int(get(pg, "of")), s->progress.of);
        for (size_t i = 0; i < s->n_parties; i++) {
            json_object *bp = get(get(pg, "by_party"), s->party_id[i]);
            assert_int_equal(json_object_get_int(get(bp, "points")), s->party_agreed[i]);
            assert_true(json_object_get_double(get(bp, "weighted")) == s->party_weighted[i]);
            assert_int_equal(json_object_get_int(get(get(bp, "rejected"), "points")),
                             s->party_rejected[i]);
        }
        ac_ledger_coalition c;
        assert_int_equal(ac_ledger_status_coalition(s, &c, NULL), AC_OK);
        json_object *co = get(o, "coalition");
        if (!c.n)
            assert_null(co);
        else {
            assert_int_equal(json_object_array_length(get(co, "members")), c.n);
            assert_int_equal(json_object_get_int(get(co, "points")), c.points);
        }
        ac_ledger_coalition_free(&c);
        assert_int_equal(json_object_array_length(get(o, "impasses")), s->n_impasses);
        json_object_put(o);
    }
    fake f;
    make(&f, 3);
    ac_error err;
    assert_int_equal(ac_ledger_status_write_json(stdout, NULL, &err), AC_EARG);
    assert_int_equal(ac_ledger_status_write_json(NULL, &f.s, &err), AC_EARG);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_int_equal(ac_ledger_status_write_json(full, &f.s, &err), AC_EIO);
        fclose(full);
    }
}

static void stability_json_matches(void **state)
{
    (void)state;
    const char *files[] = {"data/conflicts/chicken.yaml", "data/conflicts/elmira.yaml",
                           "data/conflicts/garrison.yaml"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        ac_model *m = NULL;
        assert_int_equal(ac_model_load_file(files[f], &m, NULL, NULL), AC_OK);
        const ac_conflict *c = ac_model_conflict(m);
        ac_stability *st;
        assert_int_equal(ac_stability_run(c, &st, NULL), AC_OK);
        for (int with = 0; with <= 1; with++) {
            ac_status_quo *sq = NULL;
            if (with)
                assert_int_equal(ac_status_quo_run(c, 0, &sq, NULL), AC_OK);
            char *buf = NULL;
            size_t len = 0;
            FILE *fp = open_memstream(&buf, &len);
            assert_non_null(fp);
            assert_int_equal(ac_stability_write_json(fp, m, st, sq, NULL, "not asked", NULL), AC_OK);
            fclose(fp);
            json_object *o = json_tokener_parse(buf);
            assert_non_null(o);
            json_object *eq = get(o, "equilibria");
            for (int k = 0; k < AC_STAB_N; k++) {
                json_object *list = get(eq, ac_stab_concept_name((ac_stab_concept)k));
                size_t n = 0;
                for (size_t s = 0; s < ac_conflict_n_states(c); s++)
                    if (ac_stability_equilibrium(st, s, (ac_stab_concept)k))
                        assert_string_equal(json_object_get_string(json_object_array_get_idx(list, n++)),
                                            ac_conflict_state_id(c, s));
                assert_int_equal(json_object_array_length(list), n);
            }
            json_object *v;
            assert_int_equal(json_object_object_get_ex(o, "status_quo", &v), with);
            if (with)
                assert_string_equal(json_object_get_string(get(v, "from")), ac_conflict_state_id(c, 0));
            json_object *co = get(o, "coalitions");
            assert_false(json_object_get_boolean(get(co, "analysed")));
            assert_string_equal(json_object_get_string(get(co, "reason")), "not asked");
            json_object_put(o);
            free(buf);
            ac_status_quo_free(sq);
        }
        ac_error err;
        assert_int_equal(ac_stability_write_json(stdout, m, NULL, NULL, NULL, NULL, &err), AC_EARG);
        FILE *full = fopen("/dev/full", "w");
        if (full) {
            assert_int_equal(ac_stability_write_json(full, m, st, NULL, NULL, NULL, &err), AC_EIO);
            fclose(full);
        }
        ac_stability_free(st);
        ac_model_free(m);
    }
    ac_error err;
    ac_model *plain = NULL;
    assert_int_equal(ac_model_load_file("@default", &plain, NULL, NULL), AC_OK);
    assert_int_equal(ac_stability_write_json(stdout, plain, NULL, NULL, NULL, NULL, &err), AC_EARG);
    assert_int_equal(ac_stability_write_json(stdout, NULL, NULL, NULL, NULL, NULL, &err), AC_EARG);
    ac_model_free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(coalition_contract),
        cmocka_unit_test(status_json_matches),
        cmocka_unit_test(stability_json_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
