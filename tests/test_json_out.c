/* The library's machine output (analysis, mediation, simulation, trace line, sweep as
 * JSON): each document parses, carries the keys its contract names, is the same bytes
 * twice over (deterministic), and a stream that cannot be written gives AC_EIO instead
 * of a silent loss. The command's own output is compared in tests/cli. */
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
#include "analysis/analysis_internal.h"

typedef struct doc {
    char *buf;
    size_t len;
    FILE *fp;
} doc;

static void doc_open(doc *d)
{
    d->buf = NULL;
    d->len = 0;
    d->fp = open_memstream(&d->buf, &d->len);
    assert_non_null(d->fp);
}

static json_object *doc_close(doc *d)
{
    fclose(d->fp);
    assert_true(d->len > 0);
    assert_int_equal(d->buf[d->len - 1], '\n');
    json_object *o = json_tokener_parse(d->buf);
    assert_non_null(o);
    return o;
}

static void has_keys(json_object *o, const char *const *keys)
{
    for (; *keys; keys++) {
        json_object *v;
        if (!json_object_object_get_ex(o, *keys, &v))
            fail_msg("missing key %s", *keys);
    }
}

/* A small model with a plan, events and uncertainty (the embedded one takes seconds). */
#define EXAMPLE "data/examples/donbas-army.yaml"

static ac_model *load_default(void)
{
    ac_model *m = NULL;
    assert_int_equal(ac_model_load_file(EXAMPLE, &m, NULL, NULL), AC_OK);
    return m;
}

static void test_analysis(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    ac_analysis *a = NULL;
    assert_int_equal(ac_analyze(m, &ao, &a, NULL), AC_OK);
    ac_analysis_json_opts jo;
    ac_analysis_json_opts_init(&jo);
    jo.limit = 3;
    doc d1, d2;
    doc_open(&d1);
    assert_int_equal(ac_analysis_write_json(d1.fp, m, a, &jo, NULL), AC_OK);
    doc_open(&d2);
    assert_int_equal(ac_analysis_write_json(d2.fp, m, a, &jo, NULL), AC_OK);
    json_object *o = doc_close(&d1);
    json_object_put(doc_close(&d2));
    assert_int_equal(d1.len, d2.len);
    assert_memory_equal(d1.buf, d2.buf, d1.len);
    static const char *const keys[] = {"title", "parties", "outcomes", "outcomes_log10",
                                       "reservation", "zopa", "pareto", "nash", "kalai",
                                       "welfare", "plan", "method", "feasible", NULL};
    has_keys(o, keys);
    json_object *pareto, *points, *count;
    json_object_object_get_ex(o, "pareto", &pareto);
    json_object_object_get_ex(pareto, "points", &points);
    json_object_object_get_ex(pareto, "count", &count);
    assert_int_equal(json_object_array_length(points), 3);
    assert_int_equal((size_t)json_object_get_int64(count), a->pareto->count);
    json_object_put(o);
    free(d1.buf);
    free(d2.buf);

    FILE *full = fopen("/dev/full", "w");
    if (full) {
        ac_error err;
        ac_error_clear(&err);
        assert_int_equal(ac_analysis_write_json(full, m, a, NULL, &err), AC_EIO);
        assert_true(strlen(err.message) > 0);
        fclose(full);
    }
    assert_int_equal(ac_analysis_write_json(NULL, m, a, NULL, NULL), AC_EARG);
    ac_analysis_free(a);
    ac_model_free(m);
}

static void test_mediation(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_mediate_opts mo;
    ac_mediate_opts_init(&mo);
    ac_mediation *x = NULL;
    assert_int_equal(ac_mediate(m, &mo, &x, NULL), AC_OK);
    doc d;
    doc_open(&d);
    assert_int_equal(ac_mediation_write_json(d.fp, m, x, NULL), AC_OK);
    json_object *o = doc_close(&d);
    static const char *const keys[] = {"title", "parties", "draft", "stances", "progress",
                                       "impasses", "zopa_empty", "revision", "revisions",
                                       "no_deal", "trades", NULL};
    has_keys(o, keys);
    json_object_put(o);
    free(d.buf);
    ac_mediation_free(x);
    ac_model_free(m);
}

typedef struct trace_ctx {
    const ac_model *m;
    FILE *fp;
    unsigned rounds;
} trace_ctx;

static void on_round(void *ctx, const ac_talks_round *r)
{
    trace_ctx *t = ctx;
    assert_int_equal(ac_talks_round_write_json(t->fp, t->m, r, NULL), AC_OK);
    t->rounds++;
}

static void test_simulation(void **state)
{
    (void)state;
    ac_model *m = load_default();
    doc tr;
    doc_open(&tr);
    trace_ctx tc = {m, tr.fp, 0};
    ac_simulate_opts so;
    ac_simulate_opts_init(&so);
    so.seed = 9;
    so.observer = on_round;
    so.observer_ctx = &tc;
    ac_simulation *s = NULL;
    assert_int_equal(ac_simulate(m, &so, NULL, &s, NULL), AC_OK);
    fclose(tr.fp);
    /* one line per round, each a JSON object */
    size_t lines = 0;
    for (size_t i = 0; i < tr.len; i++)
        lines += tr.buf[i] == '\n';
    assert_int_equal(lines, tc.rounds);
    assert_int_equal(tc.rounds, s->round);
    free(tr.buf);
    doc d;
    doc_open(&d);
    assert_int_equal(ac_simulation_write_json(d.fp, m, s, NULL), AC_OK);
    json_object *o = doc_close(&d);
    static const char *const keys[] = {"title", "protocol", "variant", "rounds", "seed",
                                       "strategies", "deal", "round", "t", "outcome",
                                       "utility", "discounted", "reservation",
                                       "model_utility", "nash", "pareto_optimal", "events",
                                       NULL};
    has_keys(o, keys);
    json_object *ev;
    json_object_object_get_ex(o, "events", &ev);
    assert_int_equal(json_object_array_length(ev), ac_model_n_events(m));
    json_object_put(o);
    free(d.buf);
    ac_simulation_free(s);
    ac_model_free(m);
}

static void test_sweep(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = 50;
    o.seed = 3;
    ac_sweep *s = NULL;
    assert_int_equal(ac_sweep_run(m, &o, &s, NULL), AC_OK);
    doc d;
    doc_open(&d);
    assert_int_equal(ac_sweep_write_json(d.fp, m, &o, s, NULL), AC_OK);
    json_object *j = doc_close(&d);
    static const char *const keys[] = {"title", "runs", "seed", "strategies", "deal",
                                       "mean_round", "utility", "points",
                                       "distinct_agreements", "agreements", NULL};
    has_keys(j, keys);
    json_object *runs;
    json_object_object_get_ex(j, "runs", &runs);
    assert_int_equal(json_object_get_int64(runs), 50);
    json_object_put(j);
    free(d.buf);
    ac_sweep_free(s);
    ac_model_free(m);
}

/* ac_run gives the same text as the writers it wraps; options and models are checked. */
static void test_run(void **state)
{
    (void)state;
    char *json = NULL;
    ac_error err;
    ac_error_clear(&err);
    assert_int_equal(ac_run("analyze", EXAMPLE, AC_RUN_PATH, NULL,
                            "{\"limit\": 2, \"method\": \"dp\"}", &json, NULL, &err), AC_OK);
    ac_model *m = load_default();
    ac_analyze_opts ao;
    ac_analyze_opts_init(&ao);
    ao.method = AC_METHOD_DP;
    ac_analysis *a = NULL;
    assert_int_equal(ac_analyze(m, &ao, &a, NULL), AC_OK);
    ac_analysis_json_opts jo = {2, 0};
    doc d;
    doc_open(&d);
    assert_int_equal(ac_analysis_write_json(d.fp, m, a, &jo, NULL), AC_OK);
    fclose(d.fp);
    assert_string_equal(json, d.buf);
    free(d.buf);
    ac_free(json);
    ac_analysis_free(a);
    ac_model_free(m);

    static const char *const bad_opts[][2] = {
        {"analyze", "{\"limt\": 2}"},       {"analyze", "[1]"},
        {"analyze", "{\"limit\": -1}"},     {"mediate", "{\"top\": 0}"},
        {"simulate", "{\"seed\": \"x\"}"}, {"sweep", "{}"},
        {"sweep", "{\"runs\": 5, \"strategies\": {\"us\": \"linear\"}}"},
        {"forecast", "{\"model\": \"x\"}"}, {"telepathy", NULL},
    };
    for (size_t i = 0; i < sizeof bad_opts / sizeof bad_opts[0]; i++) {
        json = (char *)1;
        ac_error_clear(&err);
        assert_int_equal(ac_run(bad_opts[i][0], "@default", AC_RUN_PATH, NULL, bad_opts[i][1],
                                &json, NULL, &err), AC_EARG);
        assert_null(json);
        assert_true(strlen(err.message) > 0);
    }

    ac_diags *diags = ac_diags_new();
    assert_non_null(diags);
    assert_int_equal(ac_run("analyze", "accord: 1\nbogus: 2\n", AC_RUN_TEXT, "t.yaml", NULL,
                            &json, diags, &err), AC_EINPUT);
    assert_null(json);
    assert_true(ac_diags_count(diags) >= 1);
    ac_diags_sort(diags);
    const ac_diag *first = ac_diags_get(diags, 0);
    assert_string_equal(first->file, "t.yaml");
    assert_true(first->line >= 1 && first->col >= 1);
    ac_diags_free(diags);

    assert_int_equal(ac_run("sweep", EXAMPLE, AC_RUN_PATH, NULL,
                            "{\"runs\": 20, \"seed\": 3, \"protocol\": \"shuttle\"}", &json,
                            NULL, &err), AC_OK);
    json_object *o = json_tokener_parse(json);
    assert_non_null(o);
    json_object_put(o);
    ac_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analysis),
        cmocka_unit_test(test_mediation),
        cmocka_unit_test(test_simulation),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
