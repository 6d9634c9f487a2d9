/* The report's readers of the command's own files (src/io/report_inputs.c): a sweep's
 * JSON as ac_sweep_write_json writes it, and a trace of rounds; each adds one chart, and
 * what is not such a file is an input error that names the file (and the line of a
 * trace), never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"

static char dir[] = "/tmp/accord-report-inputs-XXXXXX";

static void path_of(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static ac_model *load_default(void)
{
    ac_model *m = NULL;
    ac_error err;
    if (ac_model_load_file("@default", &m, NULL, &err))
        fail_msg("@default: %s", err.message);
    return m;
}

static void test_sweep(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = 64;
    o.seed = 3;
    o.threads = 1;
    ac_sweep *s = NULL;
    ac_error err;
    assert_int_equal(ac_sweep_run(m, &o, &s, &err), AC_OK);
    char path[256];
    path_of(path, sizeof path, "sweep.json");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(ac_sweep_write_json(fp, m, &o, s, &err), AC_OK);
    assert_int_equal(fclose(fp), 0);
    ac_report *r = ac_report_new("t", "s");
    assert_non_null(r);
    assert_int_equal(ac_report_add_sweep_json(r, m, path, &err), AC_OK);
    assert_int_equal(ac_report_n_charts(r), 1);

    /* not sweeps: named, input errors; a missing file cannot be read */
    const char *bad[] = {"", "{\"runs\": 3", "[1, 2]", "{\"runs\": 1, \"deal\": {}}",
                         ("{\"runs\": 1, \"deal\": {\"count\": 1, \"ci95\": [0, 1]}, "
                          "\"points\": {\"p\": 3}}"),
                         /* json-c asserts on the length of a non-array: checked first */
                         "{\"runs\": 1, \"deal\": {\"count\": 1, \"ci95\": 5}, \"points\": {}}",
                         "{\"runs\": 1, \"deal\": {\"count\": 2, \"ci95\": [0, 1]}, \"points\": {}}",
                         "{\"runs\": -1, \"deal\": {\"count\": 0, \"ci95\": [0, 1]}, \"points\": {}}",
                         "{\"runs\": \"9\", \"deal\": {\"count\": 0, \"ci95\": [0, 1]}, \"points\": {}}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_text(path, bad[i]);
        memset(&err, 0, sizeof err);
        assert_int_equal(ac_report_add_sweep_json(r, m, path, &err), AC_EINPUT);
        assert_string_equal(err.file, path);
    }
    assert_int_equal(ac_report_n_charts(r), 1);
    /* syntax errors are located: line and column where the parser stopped */
    write_text(path, "{\"runs\": 1,\n  \"deal\": x}");
    assert_int_equal(ac_report_add_sweep_json(r, m, path, &err), AC_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 11);
    write_text(path, "{} []");
    assert_int_equal(ac_report_add_sweep_json(r, m, path, &err), AC_EINPUT);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 4);
    assert_non_null(strstr(err.message, "after"));
    path_of(path, sizeof path, "none.json");
    assert_int_equal(ac_report_add_sweep_json(r, m, path, &err), AC_EIO);
    assert_int_equal(ac_report_add_sweep_json(NULL, m, path, &err), AC_EARG);
    assert_int_equal(ac_report_add_sweep_json(r, NULL, path, &err), AC_EARG);
    assert_int_equal(ac_report_add_sweep_json(r, m, NULL, &err), AC_EARG);
    ac_report_free(r);
    ac_sweep_free(s);
    ac_model_free(m);
}

static void test_trace(void **state)
{
    (void)state;
    ac_model *m = load_default();
    ac_report *r = ac_report_new("t", "s");
    assert_non_null(r);
    char path[256];
    ac_error err;
    path_of(path, sizeof path, "trace.jsonl");
    write_text(path, "{\"round\": 1, \"utilities\": {\"ua\": 0.5, \"ru\": 0.4}}\n\n"
                     "{\"round\": 2, \"utilities\": {\"ua\": 0.6, \"ru\": 0.45}, "
                     "\"events\": [{\"party\": \"ru\", \"reservation\": 0.05}]}\n");
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_OK);
    assert_int_equal(ac_report_n_charts(r), 1);

    write_text(path, "{\"round\": 1, \"utilities\": {\"ua\": 0.5}}\nnot json\n");
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_EINPUT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 2); /* "n" could start null; "o" cannot follow */
    write_text(path, "{\"round\": 1, \"utilities\": {\"ua\": 0.5}}\n{\"round\": 2, oops}\n");
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 14);
    write_text(path, "\n\n");
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "no rounds"));
    write_text(path, "{\"round\": 1, \"utilities\": {}}\n");
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_EINPUT);
    assert_int_equal(ac_report_n_charts(r), 1);
    path_of(path, sizeof path, "none.jsonl");
    assert_int_equal(ac_report_add_trace_jsonl(r, m, path, &err), AC_EIO);
    assert_int_equal(ac_report_add_trace_jsonl(r, m, NULL, &err), AC_EARG);
    ac_report_free(r);
    ac_model_free(m);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    const char *names[] = {"sweep.json", "trace.jsonl"};
    char path[256];
    for (size_t i = 0; i < 2; i++) {
        path_of(path, sizeof path, names[i]);
        unlink(path);
    }
    return rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_trace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
