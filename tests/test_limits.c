/* The loader's limits (docs/model-format.md, Limits), each at the limit (accepted) and
 * one past it (refused with a clear, located message), plus the hostile inputs a limit
 * exists for: a file one byte too large, nesting one level too deep, the "billion
 * laughs" alias expansion, numbers that are not finite, repeated keys. Big inputs must
 * also be fast: a model with the largest number of issues loads in well under a second,
 * and refusals happen before the cost grows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/accord.h"

enum { MAX_PARTIES = 64, MAX_ISSUES = 10000, MAX_OPTIONS = 1000 };

/* ---- a growing text buffer ---- */

typedef struct {
    char *s;
    size_t len, cap;
} buf;

static void add(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        assert_true(n >= 0);
        if (b->s && (size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap ? 2 * b->cap : 4096;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        assert_non_null(b->s);
        b->cap = cap;
    }
}

/* Times are printed, never asserted: a wall-clock bound fails under a loaded machine.
 * That a limit is refused before the work it guards is shown by the problem reported
 * (its position is where the limit was crossed), not by a stopwatch. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Loads text; on failure returns the status with the first problem in *err. */
static ac_status load(const buf *b, ac_model **m, ac_error *err)
{
    ac_error_clear(err);
    *m = NULL;
    return ac_model_load_string(b->s, b->len, "limits.yaml", m, NULL, err);
}

static void expect_ok(const buf *b)
{
    ac_model *m;
    ac_error err;
    ac_status st = load(b, &m, &err);
    if (st != AC_OK)
        fail_msg("expected to load, got %d:%d: %s", err.line, err.col, err.message);
    ac_model_free(m);
}

static void expect_problem(const buf *b, int line, int col, const char *message)
{
    ac_model *m;
    ac_error err;
    assert_int_equal(load(b, &m, &err), AC_EINPUT);
    assert_null(m);
    if (strcmp(err.message, message) || err.line != line || err.col != col)
        fail_msg("expected %d:%d: %s\n     got %d:%d: %s", line, col, message, err.line, err.col,
                 err.message);
}

/* A model of np parties over ni issues of nopt options each, one issue per line (the
 * first on line 4 + np); every party weighs only the first issue. */
static void model(buf *b, size_t np, size_t ni, size_t nopt)
{
    add(b, "accord: 1\nparties:\n");
    for (size_t i = 0; i < np; i++)
        add(b, "  - {id: p%zu}\n", i);
    add(b, "issues:\n");
    for (size_t k = 0; k < ni; k++) {
        add(b, "  - {id: i%zu, options: [", k);
        for (size_t o = 0; o < nopt; o++)
            add(b, "%so%zu", o ? ", " : "", o);
        add(b, "]}\n");
    }
    add(b, "preferences:\n");
    for (size_t i = 0; i < np; i++) {
        add(b, "  p%zu:\n    weights: {i0: 1}\n    values: {i0: {", i);
        for (size_t o = 0; o < nopt; o++)
            add(b, "%so%zu: %g", o ? ", " : "", o, (double)((o + i) % 2));
        add(b, "}}\n");
    }
}

/* ---- counts ---- */

static void test_parties(void **state)
{
    (void)state;
    buf b = {0};
    model(&b, MAX_PARTIES, 2, 2);
    expect_ok(&b);
    b.len = 0;
    model(&b, MAX_PARTIES + 1, 2, 2);
    expect_problem(&b, 3, 3, "too many parties: 65 (the limit is 64)");
    free(b.s);
}

static void test_options(void **state)
{
    (void)state;
    buf b = {0};
    model(&b, 2, 1, MAX_OPTIONS);
    expect_ok(&b);
    b.len = 0;
    model(&b, 2, 1, MAX_OPTIONS + 1);
    expect_problem(&b, 6, 23, "issue 'i0' has too many options: 1001 (the limit is 1000)");
    free(b.s);
}

/* The largest number of issues, every one weighted and valued by both parties, with a
 * plan: loading and checking stay fast (the builder's id look-ups must not be
 * quadratic enough to matter). */
static void test_issues(void **state)
{
    (void)state;
    buf b = {0};
    add(&b, "accord: 1\nparties: [{id: a}, {id: b}]\nissues:\n");
    for (size_t k = 0; k < MAX_ISSUES; k++)
        add(&b, "  - {id: i%zu, options: [x, y]}\n", k);
    add(&b, "preferences:\n");
    for (int p = 0; p < 2; p++) {
        add(&b, "  %s:\n    weights: {", p ? "b" : "a");
        for (size_t k = 0; k < MAX_ISSUES; k++)
            add(&b, "%si%zu: 1", k ? ", " : "", k);
        add(&b, "}\n    values:\n");
        for (size_t k = 0; k < MAX_ISSUES; k++)
            add(&b, "      i%zu: {x: %d, y: %d}\n", k, !p, p);
    }
    add(&b, "plan: {");
    for (size_t k = 0; k < MAX_ISSUES; k++)
        add(&b, "%si%zu: x", k ? ", " : "", k);
    add(&b, "}\n");
    double t0 = now();
    ac_model *m;
    ac_error err;
    ac_status st = load(&b, &m, &err);
    double dt = now() - t0;
    if (st != AC_OK)
        fail_msg("%d:%d: %s", err.line, err.col, err.message);
    assert_int_equal(ac_model_n_issues(m), MAX_ISSUES);
    assert_int_equal(ac_issue_find(m, "i9999"), 9999);
    assert_int_equal(ac_issue_find(m, "nope"), AC_NONE);
    ac_model_free(m);
    print_message("%d issues loaded in %.3f s\n", MAX_ISSUES, dt);

    /* one more issue is refused, at the list, before anything is built */
    b.len = 0;
    add(&b, "accord: 1\nparties: [{id: a}]\nissues:\n");
    for (size_t k = 0; k <= MAX_ISSUES; k++)
        add(&b, "  - {id: i%zu, options: [x]}\n", k);
    add(&b, "preferences: {a: {weights: {i0: 1}, values: {i0: {x: 1}}}}\n");
    expect_problem(&b, 4, 3, "too many issues: 10001 (the limit is 10000)");
    free(b.s);
}

/* ---- ids ---- */

static void test_id_length(void **state)
{
    (void)state;
    char id[AC_ID_MAX + 2];
    memset(id, 'x', AC_ID_MAX);
    id[AC_ID_MAX] = 0;
    buf b = {0};
    add(&b, "accord: 1\nparties: [{id: %s}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {%s: {weights: {i: 1}, values: {i: {o: 1}}}}\n", id, id);
    expect_ok(&b);
    id[AC_ID_MAX] = 'x';
    id[AC_ID_MAX + 1] = 0;
    b.len = 0;
    add(&b, "accord: 1\nparties: [{id: %s}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n", id);
    char want[256];
    snprintf(want, sizeof want, "party id '%s' is longer than 64 characters", id);
    expect_problem(&b, 2, 16, want);
    free(b.s);
}

/* ---- size and shape of the text ---- */

static void test_file_size(void **state)
{
    (void)state;
    /* a valid model padded with a comment up to the limit, then one byte more */
    buf b = {0};
    add(&b, "accord: 1\nparties: [{id: a}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n#");
    size_t head = b.len;
    b.s = realloc(b.s, AC_MODEL_FILE_MAX + 2);
    assert_non_null(b.s);
    memset(b.s + head, 'x', AC_MODEL_FILE_MAX - head - 1);
    b.s[AC_MODEL_FILE_MAX - 1] = '\n';
    b.len = AC_MODEL_FILE_MAX;
    expect_ok(&b);
    b.s[AC_MODEL_FILE_MAX - 1] = 'x';
    b.s[AC_MODEL_FILE_MAX] = '\n';
    b.len = AC_MODEL_FILE_MAX + 1;
    expect_problem(&b, 0, 0, "the file is larger than the limit of 16777216 bytes for a model");
    free(b.s);
}

static void test_depth(void **state)
{
    (void)state;
    /* The model itself is 1 level; a title made of 63 nested lists reaches 64. */
    for (int depth = 63; depth <= 64; depth++) {
        buf b = {0};
        add(&b, "accord: 1\ntitle: ");
        for (int i = 0; i < depth; i++)
            add(&b, "[");
        for (int i = 0; i < depth; i++)
            add(&b, "]");
        add(&b, "\n");
        if (depth == 63) /* within the limit: the problem found is the title's type */
            expect_problem(&b, 1, 1, "missing key 'parties' at the top level");
        else
            expect_problem(&b, 2, 71, "lists and mappings nested more than 64 deep");
        free(b.s);
    }
}

/* The classic expansion: nine levels of ten aliases each would be 10^9 strings. The
 * loader refuses every alias in its first pass over the events, before any expansion. */
static void test_billion_laughs(void **state)
{
    (void)state;
    buf b = {0};
    add(&b, "accord: 1\nlol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++)
        add(&b, "l%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c - 1, c - 1, c - 1,
            c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
    expect_problem(&b, 3, 9, "aliases are not supported (write the value out)");
    free(b.s);
}

/* ---- numbers and keys ---- */

static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
        int col;
    } cases[] = {
        {".nan", "the reservation value of party 'a' must be a finite number, found '.nan'", 32},
        {".inf", "the reservation value of party 'a' must be a finite number, found '.inf'", 32},
        {"-.Inf", "the reservation value of party 'a' must be a finite number, found '-.Inf'", 32},
        {"1e999", "the reservation value of party 'a' is out of range: '1e999'", 32},
        {"1.5", "the reservation value of party 'a' must be in [0,1], found 1.5", 32},
        {"-0.1", "the reservation value of party 'a' must be in [0,1], found -0.1", 32},
        {"0x1", "expected a number for the reservation value of party 'a', found '0x1'", 32},
        {"'0.5'",
         "expected a number for the reservation value of party 'a', found quoted text '0.5' "
         "(write numbers without quotes)",
         32},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf b = {0};
        add(&b, "accord: 1\nparties: [{id: a, reservation: %s}]\nissues: [{id: i, options: [o]}]\n"
                "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n",
            cases[i].text);
        expect_problem(&b, 2, cases[i].col, cases[i].message);
        free(b.s);
    }
    /* tiny values underflow to 0 and are kept */
    buf b = {0};
    add(&b, "accord: 1\nparties: [{id: a, reservation: 1e-400}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n");
    expect_ok(&b);
    free(b.s);
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    buf b = {0};
    add(&b, "accord: 1\ntitle: one\nparties: [{id: a}]\nissues: [{id: i, options: [o]}]\n"
            "title: two\npreferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n");
    expect_problem(&b, 5, 1, "duplicate key 'title' at the top level (first at line 2)");
    b.len = 0;
    add(&b, "accord: 1\nparties: [{id: a}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1, i: 2}, values: {i: {o: 1}}}}\n");
    expect_problem(&b, 4, 35,
                   "duplicate key 'i' in the weights of 'a' (first at line 4)");
    free(b.s);
}

/* ---- encodings ---- */

/* A UTF-8 byte order mark is skipped (it once shifted the first line by a column and
 * broke every model that began with a key); other encodings are refused. */
static void test_byte_order_mark(void **state)
{
    (void)state;
    buf b = {0};
    add(&b, "\xEF\xBB\xBF" "accord: 1\nparties: [{id: a}]\nissues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n");
    expect_ok(&b);
    b.len = 0;
    add(&b, "\xEF\xBB\xBF" "accord: 1\ncolour: red\nparties: [{id: a}]\n"
            "issues: [{id: i, options: [o]}]\n"
            "preferences: {a: {weights: {i: 1}, values: {i: {o: 1}}}}\n");
    expect_problem(&b, 2, 1, "unknown key 'colour' at the top level");
    b.len = 0;
    add(&b, "\xFF\xFE" "a");
    expect_problem(&b, 1, 1, "syntax error: invalid leading UTF-8 octet (#FF)");
    free(b.s);
}

/* Preferences are stored densely: entries x (issues + options) is bounded. */
static void test_preference_cells(void **state)
{
    (void)state;
    buf b = {0};
    add(&b, "accord: 1\nparties: [{id: a}]\nissues:\n");
    for (size_t k = 0; k < MAX_ISSUES; k++)
        add(&b, "  - {id: i%zu, options: [x, y, z]}\n", k);
    add(&b, "preferences:\n");
    for (size_t i = 0; i < 101; i++)
        add(&b, "  p%zu: {}\n", i);
    expect_problem(&b, 10005, 3,
                   "the model is too large: 101 preference entries over 10000 issues with 30000 "
                   "options exceed the limit of 4000000 cells");
    free(b.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parties),       cmocka_unit_test(test_options),
        cmocka_unit_test(test_issues),        cmocka_unit_test(test_id_length),
        cmocka_unit_test(test_file_size),     cmocka_unit_test(test_depth),
        cmocka_unit_test(test_billion_laughs), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_duplicate_keys), cmocka_unit_test(test_preference_cells),
        cmocka_unit_test(test_byte_order_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
