/* The ledger (include/accord/ledger.h): opening and recognising records, schema
 * migration, init from a model, versions with every kind of change, stances, meetings,
 * status (matrix, progress, impasses), diff, log and export; and that every kind of bad
 * input is refused with AC_EINPUT and leaves the record exactly as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"

/* A mediator and two parties over three points; a weights 1:1:2, b 1:1:0. */
static const char small_yaml[] =
    "accord: 1\n"
    "title: Test talks\n"
    "parties:\n"
    "  - {id: med, name: Mediator Office, role: mediator}\n"
    "  - {id: a, name: Alpha, reservation: 0.2}\n"
    "  - {id: b, name: Beta, reservation: 0.2}\n"
    "issues:\n"
    "  - id: land\n"
    "    title: Land border\n"
    "    options: [{id: north, title: North}, {id: split, title: Split}, {id: south, title: South}]\n"
    "  - id: money\n"
    "    title: Money\n"
    "    options: [{id: low}, {id: high}]\n"
    "  - id: court\n"
    "    title: Court\n"
    "    options: [{id: yes}, {id: no}]\n"
    "preferences:\n"
    "  a:\n"
    "    weights: {land: 1, money: 1, court: 2}\n"
    "    values:\n"
    "      land: {north: 1.0, split: 0.5, south: 0.0}\n"
    "      money: {low: 0.0, high: 1.0}\n"
    "      court: {yes: 1.0, no: 0.0}\n"
    "  b:\n"
    "    weights: {land: 1, money: 1}\n"
    "    values:\n"
    "      land: {north: 0.0, split: 0.5, south: 1.0}\n"
    "      money: {low: 1.0, high: 0.0}\n"
    "    red_lines: [{issue: land, options: [north]}]\n"
    "plan: {land: split, money: high, court: yes}\n"
    "events:\n"
    "  - {at: 0.5, party: a, weights: {court: 1}, note: moves}\n"
    "uncertainty:\n"
    "  - {party: a, weight: court, sd: 0.1}\n";

typedef struct {
    char dir[64], path[128];
    ac_model *m;
    ac_ledger *lg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/accord-ledger-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/r.db", f->dir);
    ac_error err;
    assert_int_equal(ac_model_load_string(small_yaml, strlen(small_yaml), "small", &f->m, NULL, &err),
                     AC_OK);
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

/* An initialised record, open in f->lg. */
static void open_init(fixture *f)
{
    ac_error err;
    assert_int_equal(ac_ledger_open(f->path, AC_LEDGER_CREATE, &f->lg, &err), AC_OK);
    assert_int_equal(ac_ledger_init_from_model(f->lg, f->m, &err), AC_OK);
}

/* Everything in the record, as one string: equal strings, unchanged record. */
static char *fingerprint(const char *path)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    static const char *const q[] = {
        "SELECT group_concat(key || '=' || length(value)) FROM meta",
        "SELECT group_concat(id || code || name || mediator) FROM party",
        "SELECT group_concat(id || code || title || coalesce(issue, '') || coalesce(merged_from, '')) FROM point",
        "SELECT group_concat(point || pos || code || title) FROM option",
        "SELECT group_concat(point || ':' || party || ':' || raw) FROM weight",
        "SELECT group_concat(n || date || coalesce(note, '')) FROM version",
        "SELECT group_concat(version || pos || point || title || coalesce(option, '')) FROM draft",
        "SELECT group_concat(id || version || party || point || stance || date || coalesce(note, '')) FROM stance",
        "SELECT group_concat(id || date || place || coalesce(note, '')) FROM meeting",
        "SELECT group_concat(meeting || ':' || party) FROM meeting_party",
    };
    size_t cap = 1 << 16, used = 0;
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

static void test_open_errors(void **state)
{
    fixture *f = *state;
    ac_error err;
    ac_ledger *lg = NULL;
    /* missing, without create */
    assert_int_equal(ac_ledger_open(f->path, 0, &lg, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "no such record"));
    assert_null(lg);
    /* an empty file (schema version 0, no tables) */
    FILE *fp = fopen(f->path, "w");
    fclose(fp);
    assert_int_equal(ac_ledger_open(f->path, 0, &lg, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "not an accord record"));
    /* with create, the same file becomes a record at the current schema */
    assert_int_equal(ac_ledger_open(f->path, AC_LEDGER_CREATE, &lg, &err), AC_OK);
    assert_int_equal(ac_ledger_schema_version(lg), AC_LEDGER_SCHEMA);
    ac_ledger_close(lg);
    /* a record from a newer accord */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ac_ledger_open(f->path, 0, &lg, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "newer accord"));
    assert_int_equal(ac_ledger_open(f->path, AC_LEDGER_CREATE, &lg, &err), AC_EINPUT);
    /* another program's database */
    char other[160];
    snprintf(other, sizeof other, "%s/other.db", f->dir);
    assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ac_ledger_open(other, 0, &lg, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "another program"));
    /* not a database at all */
    snprintf(other, sizeof other, "%s/text.db", f->dir);
    fp = fopen(other, "w");
    fputs("this is not a database, just some text long enough to fill a header...\n", fp);
    fclose(fp);
    assert_int_equal(ac_ledger_open(other, 0, &lg, &err), AC_EINPUT);
    assert_int_equal(ac_ledger_open(NULL, 0, &lg, &err), AC_EARG);
}

/* A record stamped as ours at schema version 0 (as an interrupted first migration
 * would leave it) is migrated forward on open. */
static void test_migrate_from_v0(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char sql[80];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", AC_LEDGER_APP_ID);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    ac_error err;
    assert_int_equal(ac_ledger_open(f->path, 0, &f->lg, &err), AC_OK);
    assert_int_equal(ac_ledger_schema_version(f->lg), AC_LEDGER_SCHEMA);
    assert_int_equal(ac_ledger_init_from_model(f->lg, f->m, &err), AC_OK);
    ac_ledger_close(f->lg);
    f->lg = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), AC_LEDGER_SCHEMA);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_init_and_status(void **state)
{
    fixture *f = *state;
    ac_error err;
    open_init(f);
    assert_int_equal(ac_ledger_init_from_model(f->lg, f->m, &err), AC_EINPUT); /* twice */
    ac_ledger_status *s;
    assert_int_equal(ac_ledger_status_get(f->lg, 0, &s, &err), AC_EINPUT); /* no version yet */
    ac_ledger_draft d = {f->m, NULL, 0, "2025-11-20", "first"};
    int v = 0;
    assert_int_equal(ac_ledger_add_version(f->lg, &d, &v, &err), AC_OK);
    assert_int_equal(v, 1);
    assert_int_equal(ac_ledger_status_get(f->lg, 0, &s, &err), AC_OK);
    assert_int_equal(s->version, 1);
    assert_string_equal(s->date, "2025-11-20");
    assert_string_equal(s->note, "first");
    assert_int_equal(s->n_parties, 2); /* the mediator has no column */
    assert_string_equal(s->party_id[0], "a");
    assert_int_equal(s->n_points, 3);
    assert_string_equal(s->point_title[0], "Land border");
    assert_string_equal(s->option_id[0], "split");
    assert_string_equal(s->option_title[0], "Split");
    assert_int_equal(s->stances[0], AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(s->progress.points, 0);
    assert_int_equal(s->progress.of, 3);
    assert_float_equal(s->weight[0 * 3 + 2], 0.5, 1e-12); /* a: court 2 of 4 */
    assert_float_equal(s->weight[1 * 3 + 2], 0.0, 1e-12);
    ac_ledger_status_free(s);

    /* stances: the latest per (party, point) counts */
    const struct {
        const char *party, *point;
        ac_stance st;
    } rec[] = {{"a", "land", AC_STANCE_REJECT}, {"a", "land", AC_STANCE_AGREE},
               {"b", "land", AC_STANCE_AGREE},  {"a", "court", AC_STANCE_AGREE},
               {"b", "court", AC_STANCE_AGREE}, {"b", "money", AC_STANCE_REJECT}};
    for (size_t i = 0; i < sizeof rec / sizeof rec[0]; i++) {
        ac_ledger_stance_rec r = {1, rec[i].party, rec[i].point, rec[i].st, "2025-11-21", "[S1]"};
        long long id = 0;
        assert_int_equal(ac_ledger_set_stance(f->lg, &r, &id, &err), AC_OK);
        assert_int_equal(id, (long long)i + 1);
    }
    assert_int_equal(ac_ledger_status_get(f->lg, 1, &s, &err), AC_OK);
    assert_int_equal(s->stances[0], AC_STANCE_AGREE);
    assert_int_equal(s->progress.points, 2); /* land and court */
    /* weighted: land mean(0.25, 0.5) + court mean(0.5, 0) = 0.375 + 0.25 */
    assert_float_equal(s->progress.weighted, 0.625, 1e-12);
    assert_int_equal(s->party_agreed[0], 2);
    assert_float_equal(s->party_weighted[0], 0.75, 1e-12);
    assert_int_equal(s->party_agreed[1], 2);
    assert_float_equal(s->party_weighted[1], 0.5, 1e-12);
    assert_int_equal(s->n_impasses, 1);
    assert_int_equal(s->impasse[0], 1); /* money */
    assert_int_equal(s->party_rejected[0], 0);
    assert_int_equal(s->party_rejected[1], 1);
    assert_float_equal(s->party_rejected_weight[1], 0.5, 1e-12); /* b: money 1 of 2 */
    assert_int_equal(s->n_mediators, 1);
    assert_string_equal(s->mediator_id[0], "med");
    assert_int_equal(s->mediator_stances[0], AC_STANCE_NOT_DISCUSSED);
    assert_int_equal(s->mediator_agreed[0], 0);
    ac_ledger_status_free(s);

    /* a mediator's stance is kept in its own row and changes neither progress nor
     * impasses, even a reject */
    ac_ledger_stance_rec mr[] = {{1, "med", "land", AC_STANCE_AGREE, "2025-11-22", "[S2]"},
                                 {1, "med", "court", AC_STANCE_REJECT, "2025-11-22", "[S2]"}};
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(ac_ledger_set_stance(f->lg, &mr[i], NULL, &err), AC_OK);
    assert_int_equal(ac_ledger_status_get(f->lg, 1, &s, &err), AC_OK);
    assert_int_equal(s->mediator_stances[0], AC_STANCE_AGREE);
    assert_int_equal(s->mediator_stances[2], AC_STANCE_REJECT);
    assert_int_equal(s->mediator_agreed[0], 1);
    assert_int_equal(s->progress.points, 2);
    assert_float_equal(s->progress.weighted, 0.625, 1e-12);
    assert_int_equal(s->n_impasses, 1);
    ac_ledger_status_free(s);
}

static void test_versions_diff_export(void **state)
{
    fixture *f = *state;
    ac_error err;
    open_init(f);
    /* before any version, a draft starts from every point, undrafted */
    ac_ledger_change c1[] = {{.kind = AC_CHANGE_SET, .point = "land", .option = "north"}};
    ac_ledger_draft d1 = {NULL, c1, 1, "2025-11-20", NULL};
    int v;
    assert_int_equal(ac_ledger_add_version(f->lg, &d1, &v, &err), AC_OK);
    ac_model *x;
    assert_int_equal(ac_ledger_export(f->lg, 1, &x, &err), AC_EINPUT); /* money undrafted */
    assert_non_null(strstr(err.message, "no drafted option"));

    static const char *const opts[] = {"now", "later"};
    static const char *const src[] = {"land", "money"};
    ac_ledger_change c2[] = {
        {.kind = AC_CHANGE_SET, .point = "court", .option = "no"},
        {.kind = AC_CHANGE_ADD, .point = "timing", .text = "Timing", .options = opts, .n_options = 2,
         .option = "later"},
        {.kind = AC_CHANGE_REWORD, .point = "court", .text = "International court"},
        {.kind = AC_CHANGE_MERGE, .point = "deal", .sources = src, .n_sources = 2, .text = "Land for money",
         .option = "split"},
    };
    ac_ledger_draft d2 = {NULL, c2, 4, "2025-11-23", "second"};
    assert_int_equal(ac_ledger_add_version(f->lg, &d2, &v, &err), AC_OK);
    assert_int_equal(v, 2);
    ac_ledger_change c3[] = {{.kind = AC_CHANGE_DROP, .point = "timing"},
                             {.kind = AC_CHANGE_SET, .point = "court", .option = "yes"}};
    ac_ledger_draft d3 = {NULL, c3, 2, "2025-12-02", NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d3, &v, &err), AC_OK);
    assert_int_equal(v, 3);

    ac_ledger_status *s;
    assert_int_equal(ac_ledger_status_get(f->lg, 2, &s, &err), AC_OK);
    assert_int_equal(s->n_points, 3); /* deal (in land's place), court, timing */
    assert_string_equal(s->point_id[0], "deal");
    assert_string_equal(s->point_title[0], "Land for money");
    assert_string_equal(s->point_id[1], "court");
    assert_string_equal(s->point_title[1], "International court");
    assert_string_equal(s->point_id[2], "timing");
    assert_string_equal(s->option_id[2], "later");
    /* a: deal 1+1, court 2 of 4; b: deal 2 of 2 */
    assert_float_equal(s->weight[0], 0.5, 1e-12);
    assert_float_equal(s->weight[3 + 0], 1.0, 1e-12);
    assert_float_equal(s->weight[2], 0.0, 1e-12);
    ac_ledger_status_free(s);

    ac_ledger_diff *df;
    assert_int_equal(ac_ledger_diff_get(f->lg, 1, 2, &df, &err), AC_OK);
    int seen[5] = {0};
    for (size_t i = 0; i < df->n; i++)
        seen[df->items[i].kind]++;
    assert_int_equal(seen[AC_DIFF_MERGED], 1);
    assert_int_equal(seen[AC_DIFF_ADDED], 1);
    assert_int_equal(seen[AC_DIFF_OPTION], 1);
    assert_int_equal(seen[AC_DIFF_REWORDED], 1);
    assert_int_equal(seen[AC_DIFF_DROPPED], 0); /* land and money went into the merge */
    assert_string_equal(df->items[0].point, "deal");
    assert_string_equal(df->items[0].from, "land,money");
    ac_ledger_diff_free(df);
    assert_int_equal(ac_ledger_diff_get(f->lg, 2, 3, &df, &err), AC_OK);
    assert_int_equal(df->n, 2);
    assert_int_equal(df->items[0].kind, AC_DIFF_OPTION);
    assert_string_equal(df->items[0].from, "no");
    assert_int_equal(df->items[1].kind, AC_DIFF_DROPPED);
    assert_string_equal(df->items[1].point, "timing");
    ac_ledger_diff_free(df);
    assert_int_equal(ac_ledger_diff_get(f->lg, 1, 9, &df, &err), AC_EINPUT);

    /* export: version 3 is deal + court, a valid model with the summed weights */
    assert_int_equal(ac_ledger_export(f->lg, 0, &x, &err), AC_OK);
    assert_int_equal(ac_model_check(x, &err), AC_OK);
    assert_int_equal(ac_model_n_issues(x), 2);
    assert_string_equal(ac_issue_id(x, 0), "deal");
    assert_string_equal(ac_issue_title(x, 1), "International court");
    assert_int_equal(ac_model_n_options(x, 0), 3); /* land's options */
    assert_float_equal(ac_pref_raw_weight(x, 1, 0), 2.0, 1e-12);
    assert_float_equal(ac_pref_raw_weight(x, 2, 0), 2.0, 1e-12);
    assert_float_equal(ac_pref_value(x, 2, 0, 2), 1.0, 1e-12); /* b: south */
    assert_true(ac_pref_red_line(x, 2, 0, 0));
    assert_string_equal(ac_option_id(x, 0, ac_model_plan(x, 0)), "split");
    assert_string_equal(ac_option_id(x, 1, ac_model_plan(x, 1)), "yes");
    assert_int_equal(ac_model_n_events(x), 1);           /* court still there */
    assert_int_equal(ac_model_n_uncertainty(x), 1);
    ac_model_free(x);
    /* a merge stands where its earliest source stood, whatever the order they are named
     * in; a dropped point comes back with its identity and options */
    static const char *const rev[] = {"court", "deal"};
    ac_ledger_change c5[] = {
        {.kind = AC_CHANGE_MERGE, .point = "all", .sources = rev, .n_sources = 2},
        {.kind = AC_CHANGE_ADD, .point = "timing", .option = "now"},
    };
    ac_ledger_draft d5 = {NULL, c5, 2, NULL, NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d5, &v, &err), AC_OK);
    assert_int_equal(ac_ledger_status_get(f->lg, v, &s, &err), AC_OK);
    assert_int_equal(s->n_points, 2);
    assert_string_equal(s->point_id[0], "all");
    assert_string_equal(s->option_id[0], "yes"); /* court's options and option */
    assert_string_equal(s->point_id[1], "timing");
    assert_string_equal(s->point_title[1], "Timing");
    assert_string_equal(s->option_id[1], "now");
    ac_ledger_status_free(s);
    static const char *const newopts[] = {"x"};
    ac_ledger_change c6[] = {{.kind = AC_CHANGE_ADD, .point = "court", .options = newopts,
                              .n_options = 1}};
    ac_ledger_draft d6 = {NULL, c6, 1, NULL, NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d6, &v, &err), AC_EINPUT);
    /* from the model again: its own issues come back, with identity */
    ac_ledger_draft d4 = {f->m, NULL, 0, NULL, NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d4, &v, &err), AC_OK);
    assert_int_equal(ac_ledger_export(f->lg, v, &x, &err), AC_OK);
    assert_true(ac_model_equal(x, f->m));
    ac_model_free(x);
}

static int count_entry(void *ctx, const ac_ledger_entry *e)
{
    char *buf = ctx;
    size_t n = strlen(buf);
    snprintf(buf + n, 512 - n, "%s:%d%s ", e->date, (int)e->kind,
             e->kind == AC_LOG_MEETING ? e->parties : "");
    return 0;
}

static int stop_at_first(void *ctx, const ac_ledger_entry *e)
{
    (void)e;
    ++*(int *)ctx;
    return 1;
}

static void test_meetings_and_log(void **state)
{
    fixture *f = *state;
    ac_error err;
    open_init(f);
    ac_ledger_draft d = {f->m, NULL, 0, "2025-11-20", NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d, NULL, &err), AC_OK);
    static const char *const ps[] = {"med", "a"};
    ac_ledger_meeting mt = {"2025-11-23", "Geneva", ps, 2, "talks"};
    long long id;
    assert_int_equal(ac_ledger_add_meeting(f->lg, &mt, &id, &err), AC_OK);
    assert_int_equal(id, 1);
    ac_ledger_meeting early = {"2025-08-15", "Anchorage", ps, 1, NULL};
    assert_int_equal(ac_ledger_add_meeting(f->lg, &early, &id, &err), AC_OK);
    ac_ledger_stance_rec r = {1, "b", "money", AC_STANCE_CRITICISE, "2025-11-21", NULL};
    assert_int_equal(ac_ledger_set_stance(f->lg, &r, NULL, &err), AC_OK);
    char buf[512] = "";
    assert_int_equal(ac_ledger_log(f->lg, count_entry, buf, &err), AC_OK);
    assert_string_equal(buf, "2025-08-15:1med 2025-11-20:0 2025-11-21:2 2025-11-23:1med,a ");
    int n = 0;
    assert_int_equal(ac_ledger_log(f->lg, stop_at_first, &n, &err), AC_OK);
    assert_int_equal(n, 1);
}

/* Every kind of bad input: refused with AC_EINPUT, and the record is byte-for-byte the
 * same afterwards. */
static void test_bad_input_changes_nothing(void **state)
{
    fixture *f = *state;
    ac_error err;
    open_init(f);
    ac_ledger_change drop[] = {{.kind = AC_CHANGE_DROP, .point = "court"}};
    ac_ledger_draft d = {f->m, drop, 1, "2025-11-20", NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &d, NULL, &err), AC_OK);
    char *before = fingerprint(f->path);

    static const char *const opts[] = {"x", "x"};
    static const char *const one[] = {"land"};
    static const char *const dup[] = {"land", "land"};
    static const char *const gone[] = {"land", "court"};
    static const char *const twoopts[] = {"p", "q"};
    ac_ledger_change bad[][2] = {
        {{.kind = AC_CHANGE_SET, .point = "land", .option = "east"}},
        {{.kind = AC_CHANGE_SET, .point = "nowhere", .option = "x"}},
        {{.kind = AC_CHANGE_SET, .point = "court", .option = "yes"}}, /* dropped */
        {{.kind = AC_CHANGE_ADD, .point = "land", .options = twoopts, .n_options = 2}},
        {{.kind = AC_CHANGE_ADD, .point = "bad id!", .options = twoopts, .n_options = 2}},
        {{.kind = AC_CHANGE_ADD, .point = "newp", .options = opts, .n_options = 2}},
        {{.kind = AC_CHANGE_ADD, .point = "newp"}},
        /* the first change is fine; the second fails, so the first must not stay */
        {{.kind = AC_CHANGE_ADD, .point = "newp", .options = twoopts, .n_options = 2},
         {.kind = AC_CHANGE_SET, .point = "newp", .option = "r"}},
        {{.kind = AC_CHANGE_MERGE, .point = "m", .sources = one, .n_sources = 1}},
        {{.kind = AC_CHANGE_MERGE, .point = "m", .sources = dup, .n_sources = 2}},
        {{.kind = AC_CHANGE_MERGE, .point = "m", .sources = gone, .n_sources = 2}},
        {{.kind = AC_CHANGE_REWORD, .point = "land", .text = ""}},
        {{.kind = AC_CHANGE_DROP, .point = "land"}, {.kind = AC_CHANGE_DROP, .point = "money"}},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ac_ledger_draft b = {NULL, bad[i], bad[i][1].point ? 2 : 1, NULL, NULL};
        assert_int_equal(ac_ledger_add_version(f->lg, &b, NULL, &err), AC_EINPUT);
    }
    ac_ledger_draft bad_date = {NULL, drop, 0, "2025-13-01", NULL};
    assert_int_equal(ac_ledger_add_version(f->lg, &bad_date, NULL, &err), AC_EINPUT);

    ac_ledger_stance_rec sr[] = {
        {1, "zz", "land", AC_STANCE_AGREE, NULL, NULL},        /* unknown party */
        {1, "a", "zz", AC_STANCE_AGREE, NULL, NULL},           /* unknown point */
        {1, "a", "court", AC_STANCE_AGREE, NULL, NULL},        /* dropped point */
        {7, "a", "land", AC_STANCE_AGREE, NULL, NULL},         /* unknown version */
        {1, "a", "land", AC_STANCE_AGREE, "2025-02-29", NULL}, /* not a leap year */
        {1, "a", "land", AC_STANCE_AGREE, "25-1-1", NULL},
        {1, "a", "land", (ac_stance)9, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof sr / sizeof sr[0]; i++)
        assert_int_equal(ac_ledger_set_stance(f->lg, &sr[i], NULL, &err), AC_EINPUT);

    static const char *const pgood[] = {"a", "b"}, *const pbad[] = {"a", "zz"},
                             *const ptwice[] = {"a", "a"};
    ac_ledger_meeting mb[] = {
        {"2025-11-31", "Geneva", pgood, 2, NULL},
        {NULL, "Geneva", pgood, 2, NULL},
        {"2025-11-23", "", pgood, 2, NULL},
        {"2025-11-23", "Geneva", pbad, 2, NULL}, /* fails after the meeting row is written */
        {"2025-11-23", "Geneva", ptwice, 2, NULL},
        {"2025-11-23", "Geneva", pgood, 0, NULL},
    };
    for (size_t i = 0; i < sizeof mb / sizeof mb[0]; i++)
        assert_int_equal(ac_ledger_add_meeting(f->lg, &mb[i], NULL, &err), AC_EINPUT);
    assert_int_equal(ac_ledger_init_from_model(f->lg, f->m, &err), AC_EINPUT);

    char *after = fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* 2025-02-28 and a leap day are fine */
    assert_true(ac_ledger_date_valid("2024-02-29"));
    assert_false(ac_ledger_date_valid("2100-02-29"));
    assert_true(ac_ledger_date_valid("2000-02-29"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v0, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_and_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_versions_diff_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_meetings_and_log, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_changes_nothing, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
