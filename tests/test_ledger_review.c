/* What the record keeps for the review server (schema 2, include/accord/ledger.h):
 * migration of a schema-1 record with its stances kept; access tokens (add, find,
 * revoke, the mediator role); current stances with notes and suggested options; each
 * party's confidential preferences (defaults from the stored model, round trip against a
 * plain oracle on random inputs, the confidential export), and bad input refused with
 * nothing changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"

/* A mediator and two parties over three points. */
static const char small_yaml[] =
    "accord: 1\n"
    "title: Test talks\n"
    "parties:\n"
    "  - {id: med, name: Mediator Office, role: mediator}\n"
    "  - {id: a, name: Alpha, reservation: 0.2}\n"
    "  - {id: b, name: Beta, reservation: 0.3}\n"
    "issues:\n"
    "  - id: land\n"
    "    options: [{id: north}, {id: split}, {id: south}]\n"
    "  - id: money\n"
    "    options: [{id: low}, {id: high}]\n"
    "  - id: court\n"
    "    options: [{id: 'yes'}, {id: 'no'}]\n"
    "preferences:\n"
    "  a:\n"
    "    weights: {land: 1, money: 1, court: 2}\n"
    "    values:\n"
    "      land: {north: 1.0, split: 0.5, south: 0.0}\n"
    "      money: {low: 0.0, high: 1.0}\n"
    "      court: {'yes': 1.0, 'no': 0.0}\n"
    "  b:\n"
    "    weights: {land: 1, money: 1}\n"
    "    values:\n"
    "      land: {north: 0.0, split: 0.5, south: 1.0}\n"
    "      money: {low: 1.0, high: 0.0}\n"
    "    red_lines: [{issue: land, options: [north]}]\n"
    "plan: {land: split, money: high, court: 'yes'}\n";

typedef struct {
    char dir[64], path[128];
    ac_model *m;
    ac_ledger *lg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/accord-review-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/r.db", f->dir);
    ac_error err;
    assert_int_equal(ac_model_load_string(small_yaml, strlen(small_yaml), "small", &f->m, NULL, &err),
                     AC_OK);
    assert_int_equal(ac_ledger_open(f->path, AC_LEDGER_CREATE, &f->lg, &err), AC_OK);
    assert_int_equal(ac_ledger_init_from_model(f->lg, f->m, &err), AC_OK);
    ac_ledger_draft d = {f->m, NULL, 0, "2025-11-20", "first"};
    assert_int_equal(ac_ledger_add_version(f->lg, &d, NULL, &err), AC_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ac_ledger_close(f->lg);
    ac_model_free(f->m);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* The rows the review tables hold, as one string: equal strings, unchanged record. */
static char *fingerprint(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const q[] = {
        "SELECT group_concat(hash || coalesce(party, '-') || coalesce(revoked, '-')) FROM token",
        "SELECT group_concat(party || ':' || reservation) FROM pref_party",
        "SELECT group_concat(party || ':' || point || ':' || raw) FROM pref_weight",
        "SELECT group_concat(party || point || option || value || red_line) FROM pref_value",
        "SELECT group_concat(id || stance || coalesce(suggest, '-')) FROM stance",
    };
    size_t cap = 1 << 14, used = 0;
    char *out = calloc(1, cap);
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db, q[i], -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *t = (const char *)sqlite3_column_text(st, 0);
        used += (size_t)snprintf(out + used, cap - used, "%s|", t ? t : "");
        assert_true(used < cap);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

static void test_migrate_from_v1(void **state)
{
    fixture *f = *state;
    ac_error err;
    ac_ledger_stance_rec r = {1, "a", "land", AC_STANCE_REJECT, "2025-11-21", "no [S1]"};
    assert_int_equal(ac_ledger_set_stance(f->lg, &r, NULL, &err), AC_OK);
    ac_ledger_close(f->lg);
    f->lg = NULL;
    /* take the record back to what schema 1 was */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE pref_value; DROP TABLE pref_weight;"
                                      " DROP TABLE pref_party; DROP TABLE token;"
                                      " ALTER TABLE stance DROP COLUMN suggest;"
                                      " PRAGMA user_version = 1", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ac_ledger_open(f->path, 0, &f->lg, &err), AC_OK);
    assert_int_equal(ac_ledger_schema_version(f->lg), 2);
    ac_ledger_stance_list *l;
    assert_int_equal(ac_ledger_stances_get(f->lg, 0, "a", &l, &err), AC_OK);
    assert_int_equal(l->n, 1);
    assert_string_equal(l->items[0].note, "no [S1]");
    assert_null(l->items[0].suggest);
    ac_ledger_stance_list_free(l);
    assert_int_equal(ac_ledger_token_add(f->lg, "a", "h1", &err), AC_OK);
}

static void test_tokens(void **state)
{
    fixture *f = *state;
    ac_error err;
    char party[AC_ID_MAX + 1];
    int found;
    assert_int_equal(ac_ledger_token_add(f->lg, "a", "ha", &err), AC_OK);
    assert_int_equal(ac_ledger_token_add(f->lg, "a", "ha2", &err), AC_OK);
    assert_int_equal(ac_ledger_token_add(f->lg, "mediator", "hm", &err), AC_OK);
    assert_int_equal(ac_ledger_token_add(f->lg, "med", "hm2", &err), AC_OK); /* the mediator too */
    assert_int_equal(ac_ledger_token_find(f->lg, "ha", party, &found, &err), AC_OK);
    assert_true(found);
    assert_string_equal(party, "a");
    assert_int_equal(ac_ledger_token_find(f->lg, "hm2", party, &found, &err), AC_OK);
    assert_true(found);
    assert_string_equal(party, "");
    assert_int_equal(ac_ledger_token_find(f->lg, "nope", party, &found, &err), AC_OK);
    assert_false(found);
    char *before = fingerprint(f->path);
    assert_int_equal(ac_ledger_token_add(f->lg, "zz", "hz", &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "unknown party"));
    assert_int_equal(ac_ledger_token_add(f->lg, "b", "ha", &err), AC_EIO); /* same hash twice */
    char *after = fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    size_t n;
    assert_int_equal(ac_ledger_token_revoke(f->lg, "a", &n, &err), AC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ac_ledger_token_find(f->lg, "ha", party, &found, &err), AC_OK);
    assert_false(found);
    assert_int_equal(ac_ledger_token_find(f->lg, "hm", party, &found, &err), AC_OK);
    assert_true(found); /* the mediator's stay */
    assert_int_equal(ac_ledger_token_revoke(f->lg, "mediator", &n, &err), AC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ac_ledger_token_revoke(f->lg, "mediator", &n, &err), AC_OK);
    assert_int_equal(n, 0);
}

static void test_stances_with_suggestions(void **state)
{
    fixture *f = *state;
    ac_error err;
    ac_ledger_stance_rec r1 = {1, "a", "land", AC_STANCE_REJECT, NULL, "too far"};
    ac_ledger_stance_rec r2 = {1, "a", "land", AC_STANCE_CRITICISE, NULL, "closer"};
    ac_ledger_stance_rec r3 = {1, "b", "money", AC_STANCE_AGREE, NULL, NULL};
    assert_int_equal(ac_ledger_set_stance_ex(f->lg, &r1, NULL, NULL, &err), AC_OK);
    assert_int_equal(ac_ledger_set_stance_ex(f->lg, &r2, "north", NULL, &err), AC_OK);
    assert_int_equal(ac_ledger_set_stance(f->lg, &r3, NULL, &err), AC_OK);
    char *before = fingerprint(f->path);
    assert_int_equal(ac_ledger_set_stance_ex(f->lg, &r2, "low", NULL, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "unknown option 'low'"));
    char *after = fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    ac_ledger_stance_list *l;
    assert_int_equal(ac_ledger_stances_get(f->lg, 0, NULL, &l, &err), AC_OK);
    assert_int_equal(l->version, 1);
    assert_int_equal(l->n, 2); /* the latest per party and point */
    assert_string_equal(l->items[0].party, "a");
    assert_int_equal(l->items[0].stance, AC_STANCE_CRITICISE);
    assert_string_equal(l->items[0].note, "closer");
    assert_string_equal(l->items[0].suggest, "north");
    assert_string_equal(l->items[1].party, "b");
    ac_ledger_stance_list_free(l);
    assert_int_equal(ac_ledger_stances_get(f->lg, 1, "b", &l, &err), AC_OK);
    assert_int_equal(l->n, 1);
    assert_string_equal(l->items[0].point, "money");
    ac_ledger_stance_list_free(l);
    assert_int_equal(ac_ledger_stances_get(f->lg, 0, "med", &l, &err), AC_EINPUT);
    assert_int_equal(ac_ledger_stances_get(f->lg, 7, "a", &l, &err), AC_EINPUT);
}

static void test_prefs_default_from_model(void **state)
{
    fixture *f = *state;
    ac_error err;
    ac_ledger_prefs *p;
    assert_int_equal(ac_ledger_prefs_get(f->lg, 0, "b", &p, &err), AC_OK);
    assert_int_equal(p->version, 1);
    assert_false(p->confidential);
    assert_null(p->updated);
    assert_true(fabs(p->reservation - 0.3) < 1e-12);
    assert_int_equal(p->n_points, 3);
    size_t bi = ac_party_find(f->m, "b");
    for (size_t k = 0; k < 3; k++) {
        assert_string_equal(p->point_id[k], ac_issue_id(f->m, k));
        assert_true(fabs(p->weight[k] - ac_pref_raw_weight(f->m, bi, k)) < 1e-12);
        for (size_t o = 0; o < ac_model_n_options(f->m, k); o++) {
            size_t q = p->first[k] + o;
            assert_string_equal(p->option_id[q], ac_option_id(f->m, k, o));
            assert_true(fabs(p->value[q] - ac_pref_value(f->m, bi, k, o)) < 1e-12);
            assert_int_equal(p->red_line[q], ac_pref_red_line(f->m, bi, k, o));
        }
    }
    ac_ledger_prefs_free(p);
    assert_int_equal(ac_ledger_prefs_get(f->lg, 0, "med", &p, &err), AC_EINPUT);
    assert_int_equal(ac_ledger_prefs_get(f->lg, 0, "nobody", &p, &err), AC_EINPUT);
}

/* Random preferences: what the party sets is what it reads, what it left out is 0, the
 * confidential export carries them, the plain export keeps the stored model's. */
static void test_prefs_round_trip_random(void **state)
{
    fixture *f = *state;
    ac_error err;
    static const char *const pts[3] = {"land", "money", "court"};
    static const char *const opts[3][3] = {{"north", "split", "south"}, {"low", "high", NULL},
                                           {"yes", "no", NULL}};
    static const size_t nopt[3] = {3, 2, 2};
    ac_rng rng;
    ac_rng_seed(&rng, 11, 0);
    for (int round = 0; round < 60; round++) {
        /* the oracle: plain arrays, 0 where nothing is given */
        double w[3] = {0}, v[3][3] = {{0}};
        int red[3][3] = {{0}};
        ac_ledger_pref_entry e[12];
        size_t n = 0;
        for (size_t k = 0; k < 3; k++) {
            if (k > 0 && ac_rng_unit(&rng) < 0.3)
                continue; /* left out */
            w[k] = k == 0 ? 0.1 + ac_rng_unit(&rng) : floor(ac_rng_unit(&rng) * 4);
            e[n++] = (ac_ledger_pref_entry){pts[k], NULL, w[k], 0};
            for (size_t o = 0; o < nopt[k]; o++) {
                if (ac_rng_unit(&rng) < 0.2)
                    continue;
                v[k][o] = ac_rng_unit(&rng);
                red[k][o] = ac_rng_unit(&rng) < 0.2;
                e[n++] = (ac_ledger_pref_entry){pts[k], opts[k][o], v[k][o], red[k][o]};
            }
        }
        double r = ac_rng_unit(&rng);
        assert_int_equal(ac_ledger_prefs_set(f->lg, "a", r, e, n, &err), AC_OK);
        ac_ledger_prefs *p;
        assert_int_equal(ac_ledger_prefs_get(f->lg, 0, "a", &p, &err), AC_OK);
        assert_true(p->confidential);
        assert_non_null(p->updated);
        assert_true(fabs(p->reservation - r) < 1e-12);
        for (size_t k = 0; k < 3; k++) {
            assert_true(fabs(p->weight[k] - w[k]) < 1e-12);
            for (size_t o = 0; o < nopt[k]; o++) {
                assert_true(fabs(p->value[p->first[k] + o] - v[k][o]) < 1e-12);
                assert_int_equal(p->red_line[p->first[k] + o], red[k][o]);
            }
        }
        ac_ledger_prefs_free(p);
        ac_model *c, *plain;
        assert_int_equal(ac_ledger_export_ex(f->lg, 0, AC_LEDGER_EXPORT_CONFIDENTIAL, &c, &err),
                         AC_OK);
        assert_int_equal(ac_ledger_export(f->lg, 0, &plain, &err), AC_OK);
        size_t ai = ac_party_find(c, "a");
        assert_true(fabs(ac_party_reservation(c, ai) - r) < 1e-12);
        assert_true(fabs(ac_party_reservation(plain, ai) - 0.2) < 1e-12);
        for (size_t k = 0; k < 3; k++) {
            assert_true(fabs(ac_pref_raw_weight(c, ai, k) - w[k]) < 1e-12);
            assert_true(fabs(ac_pref_raw_weight(plain, ai, k) - ac_pref_raw_weight(f->m, ai, k)) <
                        1e-12);
            for (size_t o = 0; o < nopt[k]; o++)
                assert_int_equal(ac_pref_red_line(c, ai, k, o), red[k][o]);
        }
        /* b set nothing: the stored model's in both */
        size_t bi = ac_party_find(c, "b");
        assert_true(fabs(ac_party_reservation(c, bi) - 0.3) < 1e-12);
        assert_int_equal(ac_pref_red_line(c, bi, 0, 0), 1);
        ac_model_free(c);
        ac_model_free(plain);
    }
}

static void test_prefs_bad_input(void **state)
{
    fixture *f = *state;
    ac_error err;
    ac_ledger_pref_entry good[] = {{"land", NULL, 1, 0}, {"land", "north", 0.5, 0}};
    assert_int_equal(ac_ledger_prefs_set(f->lg, "a", 0.4, good, 2, &err), AC_OK);
    char *before = fingerprint(f->path);
    ac_ledger_pref_entry bad_value[] = {{"land", NULL, 1, 0}, {"land", "north", 1.5, 0}};
    ac_ledger_pref_entry bad_weight[] = {{"land", NULL, -1, 0}};
    ac_ledger_pref_entry bad_option[] = {{"land", NULL, 1, 0}, {"land", "east", 0.5, 0}};
    ac_ledger_pref_entry bad_point[] = {{"nato", NULL, 1, 0}};
    ac_ledger_pref_entry twice[] = {{"land", NULL, 1, 0}, {"land", NULL, 2, 0}};
    ac_ledger_pref_entry zero[] = {{"land", NULL, 0, 0}, {"money", NULL, 0, 0}};
    struct {
        const char *party;
        double r;
        const ac_ledger_pref_entry *e;
        size_t n;
        const char *msg;
    } cases[] = {
        {"a", 0.4, bad_value, 2, "outside [0, 1]"},
        {"a", 0.4, bad_weight, 1, "negative"},
        {"a", 0.4, bad_option, 2, "unknown option 'east'"},
        {"a", 0.4, bad_point, 1, "unknown point 'nato'"},
        {"a", 0.4, twice, 2, "given twice"},
        {"a", 0.4, zero, 2, "is 0"},
        {"a", 1.4, good, 2, "reservation"},
        {"med", 0.4, good, 2, "mediator"},
        {"zz", 0.4, good, 2, "unknown party"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(ac_ledger_prefs_set(f->lg, cases[i].party, cases[i].r, cases[i].e,
                                             cases[i].n, &err),
                         AC_EINPUT);
        if (!strstr(err.message, cases[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, err.message, cases[i].msg);
        char *after = fingerprint(f->path);
        assert_string_equal(before, after);
        free(after);
    }
    free(before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stances_with_suggestions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefs_default_from_model, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefs_round_trip_random, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefs_bad_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
