/* The YAML model loader and writer: the documented example, round trips, one bad input
 * per rule of docs/model-format.md (with its exact position), several problems at once,
 * and truncated or mangled texts that must fail cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"

/* ---- helpers ---- */

static char *read_text(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(fp);
    if (buf)
        buf[n] = 0;
    *len = n;
    return buf;
}

/* The example of docs/model-format.md: the YAML block after "## Example". */
static char *doc_example(void)
{
    const char *dir = getenv("ACCORD_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/model-format.md", dir ? dir : ".");
    size_t len;
    char *md = read_text(path, &len);
    assert_non_null(md);
    char *ex = strstr(md, "## Example");
    assert_non_null(ex);
    char *start = strstr(ex, "```yaml\n");
    assert_non_null(start);
    start += strlen("```yaml\n");
    char *end = strstr(start, "```");
    assert_non_null(end);
    char *text = strndup(start, (size_t)(end - start));
    free(md);
    assert_non_null(text);
    return text;
}

static ac_model *load_ok(const char *text)
{
    ac_model *m = NULL;
    ac_diags *d = ac_diags_new();
    ac_error err;
    ac_status st = ac_model_load_string(text, strlen(text), "t.yaml", &m, d, &err);
    if (st != AC_OK) {
        for (size_t i = 0; i < ac_diags_count(d); i++) {
            const ac_diag *x = ac_diags_get(d, i);
            print_error("%s:%d:%d: %s\n", x->file, x->line, x->col, x->message);
        }
        fail_msg("loading failed: %s", err.message);
    }
    assert_int_equal(ac_diags_count(d), 0);
    ac_diags_free(d);
    assert_non_null(m);
    return m;
}

/* The whole text of m as written by ac_model_write_yaml; the caller frees it. */
static char *write_text(const ac_model *m, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    assert_non_null(fp);
    ac_error err;
    assert_int_equal(ac_model_write_yaml(m, fp, &err), AC_OK);
    assert_int_equal(fclose(fp), 0);
    if (len)
        *len = n;
    return buf;
}

/* Says where two models differ, to make a failed round trip readable. */
static void explain_difference(const ac_model *a, const ac_model *b)
{
#define DIFF(cond, ...)                                                                            \
    do {                                                                                           \
        if (cond) {                                                                                \
            print_error(__VA_ARGS__);                                                              \
            return;                                                                                \
        }                                                                                          \
    } while (0)
#define STR_NE(x, y) ((x) && (y) ? strcmp((x), (y)) != 0 : (x) != (y))
    DIFF(STR_NE(ac_model_title(a), ac_model_title(b)), "title differs\n");
    DIFF(STR_NE(ac_model_description(a), ac_model_description(b)), "description differs\n");
    DIFF(ac_model_n_parties(a) != ac_model_n_parties(b), "party count differs\n");
    DIFF(ac_model_n_issues(a) != ac_model_n_issues(b), "issue count differs\n");
    for (size_t k = 0; k < ac_model_n_issues(a); k++) {
        DIFF(STR_NE(ac_issue_title(a, k), ac_issue_title(b, k)), "issue %zu title differs\n", k);
        DIFF(STR_NE(ac_issue_description(a, k), ac_issue_description(b, k)),
             "issue %zu description differs\n", k);
        DIFF(ac_model_n_options(a, k) != ac_model_n_options(b, k), "issue %zu options differ\n", k);
        for (size_t o = 0; o < ac_model_n_options(a, k); o++)
            DIFF(STR_NE(ac_option_title(a, k, o), ac_option_title(b, k, o)),
                 "option %zu.%zu title differs\n", k, o);
    }
    for (size_t i = 0; i < ac_model_n_parties(a); i++) {
        DIFF(STR_NE(ac_party_name(a, i), ac_party_name(b, i)), "party %zu name differs\n", i);
        DIFF(ac_party_has_preferences(a, i) != ac_party_has_preferences(b, i),
             "party %zu has_preferences differs\n", i);
        DIFF(ac_party_reservation(a, i) != ac_party_reservation(b, i) ||
                 ac_party_influence(a, i) != ac_party_influence(b, i) ||
                 ac_party_role(a, i) != ac_party_role(b, i),
             "party %zu reservation, influence or role differs\n", i);
        for (size_t k = 0; k < ac_model_n_issues(a); k++) {
            DIFF(ac_pref_raw_weight(a, i, k) != ac_pref_raw_weight(b, i, k),
                 "party %zu weight %zu differs\n", i, k);
            for (size_t o = 0; o < ac_model_n_options(a, k); o++)
                DIFF(ac_pref_has_value(a, i, k, o) != ac_pref_has_value(b, i, k, o) ||
                         ac_pref_value(a, i, k, o) != ac_pref_value(b, i, k, o) ||
                         ac_pref_red_line(a, i, k, o) != ac_pref_red_line(b, i, k, o),
                     "party %zu value or red line %zu.%zu differs\n", i, k, o);
        }
    }
    DIFF(ac_model_has_plan(a) != ac_model_has_plan(b), "plan differs\n");
    DIFF(ac_model_n_events(a) != ac_model_n_events(b), "event count differs\n");
    for (size_t e = 0; e < ac_model_n_events(a); e++) {
        const ac_event *x = ac_model_event(a, e), *y = ac_model_event(b, e);
        DIFF(x->at != y->at || x->party != y->party || x->has_reservation != y->has_reservation ||
                 x->reservation != y->reservation || x->n_weights != y->n_weights ||
                 STR_NE(x->note, y->note),
             "event %zu differs\n", e);
    }
    DIFF(ac_model_n_uncertainty(a) != ac_model_n_uncertainty(b), "uncertainty differs\n");
    print_error("difference not found by explain_difference\n");
#undef DIFF
#undef STR_NE
}

static void assert_round_trip(const ac_model *m)
{
    size_t n;
    char *text = write_text(m, &n);
    ac_model *back = NULL;
    ac_diags *d = ac_diags_new();
    ac_error err;
    ac_status st = ac_model_load_string(text, n, "written", &back, d, &err);
    if (st != AC_OK || !ac_model_equal(m, back)) {
        fwrite(text, 1, n, stderr);
        if (back)
            explain_difference(m, back);
        for (size_t i = 0; i < ac_diags_count(d); i++)
            print_error("%d:%d: %s\n", ac_diags_get(d, i)->line, ac_diags_get(d, i)->col,
                        ac_diags_get(d, i)->message);
        fail_msg("round trip failed (status %d)", st);
    }
    /* Writing is deterministic: the reloaded model writes the same text. */
    size_t n2;
    char *again = write_text(back, &n2);
    assert_int_equal(n, n2);
    assert_memory_equal(text, again, n);
    free(again);
    ac_model_free(back);
    ac_diags_free(d);
    free(text);
}

/* ---- the documented example ---- */

static void test_doc_example(void **state)
{
    (void)state;
    char *text = doc_example();
    ac_model *m = load_ok(text);
    assert_string_equal(ac_model_title(m), "Peace plan 2025 (illustrative)");
    assert_int_equal(ac_model_n_parties(m), 3);
    assert_int_equal(ac_party_role(m, 0), AC_ROLE_MEDIATOR);
    assert_string_equal(ac_party_name(m, 0), "United States");
    assert_false(ac_party_has_preferences(m, 0));
    size_t ua = ac_party_find(m, "ua"), ru = ac_party_find(m, "ru");
    assert_int_equal(ua, 1);
    assert_int_equal(ru, 2);
    assert_true(ac_party_reservation(m, ua) == 0.40);
    assert_true(ac_party_influence(m, ru) == 0.5);
    assert_int_equal(ac_model_n_issues(m), 2);
    size_t d = ac_issue_find(m, "donbas"), a = ac_issue_find(m, "army_cap");
    assert_int_equal(ac_model_n_options(m, d), 4);
    assert_string_equal(ac_option_title(m, d, 1),
                        "Demilitarised zone under special administration");
    assert_string_equal(ac_option_title(m, a, 0), "none"); /* title defaults to the id */
    assert_string_equal(ac_issue_title(m, a), "Ceiling on Ukraine's armed forces");
    assert_true(ac_pref_raw_weight(m, ua, d) == 0.7);
    assert_true(ac_pref_value(m, ua, d, 1) == 0.55);
    assert_true(ac_pref_value(m, ru, a, 2) == 1.0);
    assert_true(ac_pref_red_line(m, ua, d, ac_option_find(m, d, "russia")));
    assert_false(ac_pref_red_line(m, ua, d, 0));
    assert_true(ac_model_has_plan(m));
    assert_int_equal(ac_model_plan(m, d), ac_option_find(m, d, "fez"));
    assert_int_equal(ac_model_plan(m, a), ac_option_find(m, a, "800k"));
    assert_int_equal(ac_model_n_events(m), 1);
    const ac_event *ev = ac_model_event(m, 0);
    assert_true(ev->at == 0.5);
    assert_int_equal(ev->party, ru);
    assert_true(ev->has_reservation);
    assert_true(ev->reservation == 0.05);
    assert_string_equal(ev->note, "front-line gains");
    assert_int_equal(ac_model_n_uncertainty(m), 2);
    const ac_uncertainty *u = ac_model_uncertainty(m, 0);
    assert_int_equal(u->party, ru);
    assert_int_equal(u->kind, AC_UNC_WEIGHT);
    assert_int_equal(u->issue, d);
    assert_true(u->sd == 0.05);
    u = ac_model_uncertainty(m, 1);
    assert_int_equal(u->party, ua);
    assert_int_equal(u->kind, AC_UNC_RESERVATION);
    assert_int_equal(u->issue, AC_NONE);
    ac_error err;
    assert_int_equal(ac_model_check(m, &err), AC_OK);
    assert_round_trip(m);
    ac_model_free(m);
    free(text);
}

/* Numbers as YAML plain scalars, options as ids or mappings, comments, an event with
 * weights only, every uncertainty target. */
static void test_accepted_forms(void **state)
{
    (void)state;
    ac_model *m = load_ok("# a comment\n"
                          "---\n"
                          "accord: 1.0\n"
                          "description: \"two\\nlines\"\n"
                          "parties:\n"
                          "  - id: a\n"
                          "    reservation: 1e-3\n"
                          "    influence: 1\n"
                          "  - {id: b, role: party, name: 'B: the other'}\n"
                          "issues:\n"
                          "  - id: x\n"
                          "    description: the first point\n"
                          "    options:\n"
                          "      - p\n"
                          "      - {id: q, title: Q}\n"
                          "      - \"r\"\n"
                          "preferences:\n"
                          "  a: {weights: {x: 2}, values: {x: {p: 1, q: .5, r: 0}}}\n"
                          "  b:\n"
                          "    weights: {x: 1}\n"
                          "    values: {x: {p: 0, q: 1, r: +0.25}}\n"
                          "    red_lines: [{issue: x, options: [p, p]}, {issue: x, options: [r]}]\n"
                          "events:\n"
                          "  - {at: 0, party: a, weights: {x: -0.05}}\n"
                          "  - {at: 1, party: b, reservation: -5E-2, weights: {x: +0.05}}\n"
                          "uncertainty:\n"
                          "  - {party: a, value: x, sd: 1}\n"
                          "  - {party: b, weight: x, sd: 0.5}\n"
                          "  - {party: b, reservation: True, sd: 0.1}\n"
                          "...\n");
    assert_true(ac_party_reservation(m, 0) == 1e-3);
    assert_true(ac_party_influence(m, 0) == 1.0);
    assert_string_equal(ac_party_name(m, 1), "B: the other");
    assert_string_equal(ac_model_description(m), "two\nlines");
    assert_string_equal(ac_issue_description(m, 0), "the first point");
    assert_string_equal(ac_option_title(m, 0, 1), "Q");
    assert_string_equal(ac_option_id(m, 0, 2), "r");
    assert_true(ac_pref_value(m, 0, 0, 1) == 0.5);
    assert_true(ac_pref_value(m, 1, 0, 2) == 0.25);
    assert_true(ac_pref_red_line(m, 1, 0, 0) && ac_pref_red_line(m, 1, 0, 2));
    assert_false(ac_pref_red_line(m, 1, 0, 1));
    const ac_event *ev = ac_model_event(m, 0);
    assert_false(ev->has_reservation);
    assert_int_equal(ev->n_weights, 1);
    assert_true(ev->weight_delta[0] == -0.05);
    assert_null(ev->note);
    ev = ac_model_event(m, 1);
    assert_true(ev->reservation == -0.05);
    assert_true(ev->weight_delta[0] == 0.05);
    assert_int_equal(ac_model_uncertainty(m, 0)->kind, AC_UNC_VALUE);
    assert_int_equal(ac_model_uncertainty(m, 2)->kind, AC_UNC_RESERVATION);
    assert_false(ac_model_has_plan(m));
    assert_round_trip(m);
    ac_model_free(m);
}

/* ---- one bad input per rule ---- */

/* Lines 1-7 of most cases below. */
#define HEAD                                                                                       \
    "accord: 1\n"                                                                                  \
    "parties:\n"                                                                                   \
    "  - {id: a}\n"                                                                                \
    "  - {id: m, role: mediator}\n"                                                                \
    "issues:\n"                                                                                    \
    "  - {id: x, options: [p, q]}\n"                                                               \
    "  - {id: y, options: [r, s]}\n"
/* Lines 8-11. */
#define PREFS                                                                                      \
    "preferences:\n"                                                                               \
    "  a:\n"                                                                                       \
    "    weights: {x: 1}\n"                                                                        \
    "    values: {x: {p: 1, q: 0}}\n"
#define PARTIES_FROM_3                                                                             \
    "  - {id: m, role: mediator}\n"                                                                \
    "issues:\n"                                                                                    \
    "  - {id: x, options: [p, q]}\n"                                                               \
    "  - {id: y, options: [r, s]}\n" PREFS
#define ISSUES_FROM_7 "  - {id: y, options: [r, s]}\n" PREFS
#define PREFS_FROM_10 "    weights: {x: 1}\n    values: {x: {p: 1, q: 0}}\n"

typedef struct {
    const char *name;
    const char *text;
    int line, col;
    const char *message; /* a part of the first problem's message */
} bad_case;

static const bad_case bad_cases[] = {
    /* unknown and repeated keys */
    {"unknown key", HEAD "preferences:\n  a:\n    wieghts: {x: 1}\n    values: {x: {p: 1, q: 0}}\n",
     10, 5, "unknown key 'wieghts' in preferences of 'a' (did you mean 'weights'?)"},
    {"unknown top-level key", HEAD PREFS "extra: 1\n", 12, 1,
     "unknown key 'extra' at the top level"},
    {"unknown key in a party", "accord: 1\nparties:\n  - {id: a, nmae: A}\n" PARTIES_FROM_3, 3, 13,
     "unknown key 'nmae' in party 'a' (did you mean 'name'?)"},
    {"unknown key in an option",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator}\nissues:\n"
     "  - {id: x, options: [p, {id: q, titel: Q}]}\n" ISSUES_FROM_7,
     6, 34, "unknown key 'titel' in an option of issue 'x'"},
    {"unknown key in an event",
     HEAD PREFS "events:\n  - {at: 0.5, party: a, reservation: 0.1, when: 1}\n", 13, 43,
     "unknown key 'when' in an event"},
    {"unknown key in a spread",
     HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1, reservation: true, mean: 0}\n", 13, 44,
     "unknown key 'mean' in an uncertainty entry"},
    {"duplicate key in a mapping", "accord: 1\nparties:\n  - {id: a, id: b}\n" PARTIES_FROM_3, 3,
     13, "duplicate key 'id' in party 'a' (first at line 3)"},
    {"duplicate top-level key", HEAD PREFS "accord: 1\n", 12, 1,
     "duplicate key 'accord' at the top level"},
    {"duplicate party in preferences", HEAD PREFS "  a:\n" PREFS_FROM_10, 12, 3,
     "duplicate key 'a' in 'preferences' (first at line 9)"},
    {"duplicate key in weights",
     HEAD "preferences:\n  a:\n    weights: {x: 1, x: 2}\n    values: {x: {p: 1, q: 0}}\n", 10, 21,
     "duplicate key 'x' in the weights of 'a'"},
    {"duplicate issue in values",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1, q: 0}, x: {}}\n", 11, 31,
     "duplicate key 'x' in the values of 'a'"},
    {"duplicate option in values",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1, q: 0, p: 1}}\n", 11, 30,
     "duplicate key 'p' in the values of issue 'x' for 'a'"},
    {"duplicate issue in plan", HEAD PREFS "plan: {x: p, y: r, x: q}\n", 12, 20,
     "duplicate key 'x' in 'plan'"},
    {"key that is not text", HEAD PREFS "? [a]\n: 1\n", 12, 3,
     "a key must be text, found a list at the top level"},

    /* ids */
    {"duplicate party id", "accord: 1\nparties:\n  - {id: a}\n  - {id: a}\n" PARTIES_FROM_3, 4, 10,
     "duplicate party id 'a' (first at line 3)"},
    {"duplicate issue id", HEAD "  - {id: x, options: [r, s]}\n" PREFS, 8, 10,
     "duplicate issue id 'x'"},
    {"duplicate option id",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator}\nissues:\n"
     "  - {id: x, options: [p, p]}\n" ISSUES_FROM_7,
     6, 26, "duplicate option id 'p' in issue 'x'"},
    {"invalid party id", "accord: 1\nparties:\n  - {id: 'a b'}\n" PARTIES_FROM_3, 3, 10,
     "invalid party id 'a b'"},
    {"id too long",
     "accord: 1\nparties:\n  - {id: "
     "a1234567890123456789012345678901234567890123456789012345678901234}\n" PARTIES_FROM_3,
     3, 10, "is longer than 64 characters"},
    {"invalid issue id", HEAD "  - {id: 'y/z', options: [r]}\n" PREFS, 8, 10,
     "invalid issue id 'y/z'"},
    {"invalid option id",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator}\nissues:\n"
     "  - {id: x, options: [p, 'q!']}\n" ISSUES_FROM_7,
     6, 26, "invalid option id 'q!'"},
    {"empty id", "accord: 1\nparties:\n  - {id: ''}\n" PARTIES_FROM_3, 3, 10,
     "invalid party id ''"},

    /* references */
    {"unknown party in preferences",
     HEAD PREFS "  b: {weights: {x: 1}, values: {x: {p: 1, q: 0}}}\n", 12, 3,
     "unknown party 'b' in 'preferences'"},
    {"unknown issue in weights",
     HEAD "preferences:\n  a:\n    weights: {x: 1, z: 1}\n    values: {x: {p: 1, q: 0}}\n", 10, 21,
     "unknown issue 'z' in the weights of 'a'"},
    {"unknown issue in values",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1, q: 0}, z: {}}\n", 11, 31,
     "unknown issue 'z' in the values of 'a'"},
    {"unknown option in values",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1, q: 0, w: 1}}\n", 11, 30,
     "unknown option 'w' of issue 'x' in the values of 'a'"},
    {"unknown issue in red lines", HEAD PREFS "    red_lines: [{issue: z, options: [p]}]\n", 12, 25,
     "unknown issue 'z' in a red line of 'a'"},
    {"unknown option in red lines", HEAD PREFS "    red_lines: [{issue: x, options: [w]}]\n", 12,
     38, "unknown option 'w' of issue 'x' in a red line of 'a'"},
    {"unknown option in plan", HEAD PREFS "plan: {x: p, y: t}\n", 12, 17,
     "unknown option 't' of issue 'y' in 'plan'"},
    {"unknown issue in plan", HEAD PREFS "plan: {x: p, y: r, z: r}\n", 12, 20,
     "unknown issue 'z' in 'plan'"},
    {"plan missing an issue", HEAD PREFS "plan: {x: p}\n", 12, 7,
     "the plan has no option for issue 'y'"},
    {"unknown party in an event", HEAD PREFS "events:\n  - {at: 0.5, party: b, reservation: 0.1}\n",
     13, 22, "unknown party 'b' in an event"},
    {"unknown issue in an event",
     HEAD PREFS "events:\n  - {at: 0.5, party: a, weights: {z: 0.1}}\n", 13, 35,
     "unknown issue 'z' in the weights of an event"},
    {"unknown party in a spread",
     HEAD PREFS "uncertainty:\n  - {party: b, sd: 0.1, reservation: true}\n", 13, 13,
     "unknown party 'b' in an uncertainty entry"},
    {"unknown issue in a spread", HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1, weight: z}\n",
     13, 33, "unknown issue 'z' in an uncertainty entry"},

    /* numbers and ranges */
    {"reservation above 1", "accord: 1\nparties:\n  - {id: a, reservation: 1.5}\n" PARTIES_FROM_3,
     3, 26, "the reservation value of party 'a' must be in [0,1], found 1.5"},
    {"negative influence", "accord: 1\nparties:\n  - {id: a, influence: -0.1}\n" PARTIES_FROM_3, 3,
     24, "the influence of party 'a' must be in [0,1], found -0.1"},
    {"value above 1",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1.2, q: 0}}\n", 11, 21,
     "the value of option 'p' of issue 'x' for 'a' must be in [0,1], found 1.2"},
    {"negative weight",
     HEAD "preferences:\n  a:\n    weights: {x: 1, y: -0.5}\n    values: {x: {p: 1, q: 0}}\n", 10,
     24, "the weight of issue 'y' for 'a' must be >= 0, found -0.5"},
    {"all-zero weights",
     HEAD "preferences:\n  a:\n    weights: {x: 0, y: 0}\n    values: {x: {p: 1, q: 0}}\n", 10, 14,
     "the weights of 'a' are all zero"},
    {"empty weights", HEAD "preferences:\n  a:\n    weights: {}\n    values: {x: {p: 1, q: 0}}\n",
     10, 14, "the weights of 'a' are all zero"},
    {"not a number",
     HEAD "preferences:\n  a:\n    weights: {x: abc}\n    values: {x: {p: 1, q: 0}}\n", 10, 18,
     "expected a number for the weight of issue 'x' for 'a', found 'abc'"},
    {"quoted number",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: '1', q: 0}}\n", 11, 21,
     "found quoted text '1'"},
    {"hex number",
     HEAD "preferences:\n  a:\n    weights: {x: 0x1}\n    values: {x: {p: 1, q: 0}}\n", 10, 18,
     "expected a number"},
    {"number with trailing text",
     HEAD "preferences:\n  a:\n    weights: {x: 1.5kg}\n    values: {x: {p: 1, q: 0}}\n", 10, 18,
     "expected a number"},
    {"empty number", HEAD "preferences:\n  a:\n    weights: {x: }\n    values: {x: {p: 1, q: 0}}\n",
     10, 18, "expected a number for the weight of issue 'x' for 'a', found nothing"},
    {"nan", HEAD "preferences:\n  a:\n    weights: {x: .nan}\n    values: {x: {p: 1, q: 0}}\n", 10,
     18, "must be a finite number, found '.nan'"},
    {"inf", HEAD "preferences:\n  a:\n    weights: {x: .inf}\n    values: {x: {p: 1, q: 0}}\n", 10,
     18, "must be a finite number, found '.inf'"},
    {"minus inf", "accord: 1\nparties:\n  - {id: a, influence: -.Inf}\n" PARTIES_FROM_3, 3, 24,
     "must be a finite number"},
    {"C inf",
     HEAD "preferences:\n  a:\n    weights: {x: infinity}\n    values: {x: {p: 1, q: 0}}\n", 10, 18,
     "must be a finite number"},
    {"number too large",
     HEAD "preferences:\n  a:\n    weights: {x: 1e999}\n    values: {x: {p: 1, q: 0}}\n", 10, 18,
     "is out of range: '1e999'"},
    {"weights overflow",
     HEAD "preferences:\n  a:\n    weights: {x: 1e308, y: 1e308}\n    values: {x: {p: 1, q: 0}, y: "
          "{r: 0, s: 0}}\n",
     10, 14, "their sum overflows"},
    {"event time outside [0,1]", HEAD PREFS "events:\n  - {at: 1.5, party: a, reservation: 0.1}\n",
     13, 10, "the time 'at' of an event must be in [0,1], found 1.5"},
    {"sd zero", HEAD PREFS "uncertainty:\n  - {party: a, sd: 0, reservation: true}\n", 13, 20,
     "the sd of an uncertainty entry must be in (0,1], found 0"},
    {"sd above 1", HEAD PREFS "uncertainty:\n  - {party: a, sd: 1.01, reservation: true}\n", 13, 20,
     "must be in (0,1], found 1.01"},

    /* values */
    {"missing value for an option",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: {p: 1}}\n", 11, 17,
     "missing value for option 'q' of issue 'x' in preferences of 'a'"},
    {"missing values for an issue",
     HEAD "preferences:\n  a:\n    weights: {x: 1, y: 1}\n    values: {x: {p: 1, q: 0}}\n", 11, 13,
     "missing values for issue 'y' in preferences of 'a'"},

    /* option lists */
    {"empty option list", HEAD "  - {id: z, options: []}\n" PREFS, 8, 22,
     "issue 'z' has an empty option list"},
    {"empty red line", HEAD PREFS "    red_lines: [{issue: x, options: []}]\n", 12, 37,
     "a red line of 'a' has an empty option list"},
    {"empty issue list",
     "accord: 1\nparties:\n  - {id: a}\nissues: []\npreferences: {a: {weights: {}, values: {}}}\n",
     4, 9, "the list of issues is empty"},
    {"empty party list",
     "accord: 1\nparties: []\nissues:\n  - {id: x, options: [p]}\npreferences: {}\n", 2, 10,
     "the list of parties is empty"},
    {"no party with role party",
     "accord: 1\nparties:\n  - {id: m, role: mediator}\nissues:\n  - {id: x, options: "
     "[p]}\npreferences: {}\n",
     3, 3, "no party with role 'party'"},

    /* required keys */
    {"missing accord", "parties:\n  - {id: a}\n" PARTIES_FROM_3, 1, 1,
     "missing key 'accord' at the top level"},
    {"missing parties", "accord: 1\nissues:\n  - {id: x, options: [p, q]}\n" PREFS, 1, 1,
     "missing key 'parties' at the top level"},
    {"missing issues", "accord: 1\nparties:\n  - {id: a}\n" PREFS, 1, 1,
     "missing key 'issues' at the top level"},
    {"missing preferences", HEAD, 1, 1, "missing key 'preferences' at the top level"},
    {"missing party id", "accord: 1\nparties:\n  - {name: A}\n" PARTIES_FROM_3, 3, 5,
     "missing key 'id' in a party entry"},
    {"missing issue id", HEAD "  - {options: [r]}\n" PREFS, 8, 5,
     "missing key 'id' in an issue entry"},
    {"missing option id",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator}\nissues:\n"
     "  - {id: x, options: [p, q, {title: R}]}\n" ISSUES_FROM_7,
     6, 29, "missing key 'id' in an option of issue 'x'"},
    {"missing options", HEAD "  - {id: z}\n" PREFS, 8, 5, "missing key 'options' in issue 'z'"},
    {"missing weights", HEAD "preferences:\n  a:\n    values: {x: {p: 1, q: 0}}\n", 10, 5,
     "missing key 'weights' in preferences of 'a'"},
    {"missing values", HEAD "preferences:\n  a:\n    weights: {x: 1}\n", 10, 5,
     "missing key 'values' in preferences of 'a'"},
    {"missing red line issue", HEAD PREFS "    red_lines: [{options: [p]}]\n", 12, 17,
     "missing key 'issue' in a red line of 'a'"},
    {"missing event time", HEAD PREFS "events:\n  - {party: a, reservation: 0.1}\n", 13, 5,
     "missing key 'at' in an event"},
    {"missing event party", HEAD PREFS "events:\n  - {at: 0.1, reservation: 0.1}\n", 13, 5,
     "missing key 'party' in an event"},
    {"missing sd", HEAD PREFS "uncertainty:\n  - {party: a, reservation: true}\n", 13, 5,
     "missing key 'sd' in an uncertainty entry"},

    /* node types */
    {"scalar for a mapping", HEAD "preferences: 3\n", 8, 14,
     "expected a mapping for 'preferences', found '3'"},
    {"mapping for a list",
     "accord: 1\nparties: {a: 1}\nissues:\n  - {id: x, options: [p]}\npreferences: {}\n", 2, 10,
     "expected a list for 'parties', found a mapping"},
    {"scalar for a party", "accord: 1\nparties:\n  - a\n" PARTIES_FROM_3, 3, 5,
     "expected a mapping for a party entry, found 'a'"},
    {"scalar for issue values",
     HEAD "preferences:\n  a:\n    weights: {x: 1}\n    values: {x: 1}\n", 11, 17,
     "expected a mapping for the values of issue 'x' for 'a', found '1'"},
    {"scalar for options", HEAD "  - {id: z, options: r}\n" PREFS, 8, 22,
     "expected a list for the options of issue 'z', found 'r'"},
    {"list for an option", HEAD "  - {id: z, options: [[r]]}\n" PREFS, 8, 23,
     "expected an option id or a mapping"},
    {"mapping for a title",
     "accord: 1\ntitle: {a: 1}\n"
     "parties:\n  - {id: a}\n" PARTIES_FROM_3,
     2, 8, "expected text for 'title', found a mapping"},
    {"null title", "accord: 1\ntitle: ~\nparties:\n  - {id: a}\n" PARTIES_FROM_3, 2, 8,
     "expected text for 'title', found nothing"},
    {"mapping for a plan option", HEAD PREFS "plan: {x: p, y: {r: 1}}\n", 12, 17,
     "missing key 'option' in a point of 'plan'"},
    {"scalar for the model", "just text\n", 1, 1, "expected a mapping for the model"},
    {"NUL in text", "accord: 1\ntitle: \"a\\0b\"\nparties:\n  - {id: a}\n" PARTIES_FROM_3, 2, 8,
     "'title' contains a NUL character"},

    /* the version */
    {"version 2",
     "accord: 2\n"
     "parties:\n  - {id: a}\n" PARTIES_FROM_3,
     1, 9, "unsupported format version 2"},
    {"quoted version",
     "accord: '1'\n"
     "parties:\n  - {id: a}\n" PARTIES_FROM_3,
     1, 9, "found quoted text '1'"},

    /* roles */
    {"mediator with preferences", HEAD PREFS "  m: {weights: {x: 1}, values: {x: {p: 1, q: 0}}}\n",
     12, 3, "mediator 'm' may not have preferences"},
    {"mediator with reservation",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator, reservation: 0.1}\n"
     "issues:\n  - {id: x, options: [p, q]}\n" ISSUES_FROM_7,
     4, 29, "mediator 'm' may not have a reservation value"},
    {"party without preferences", "accord: 1\nparties:\n  - {id: a}\n  - {id: b}\n" PARTIES_FROM_3,
     4, 5, "party 'b' has no preferences"},
    {"unknown role", "accord: 1\nparties:\n  - {id: a, role: judge}\n" PARTIES_FROM_3, 3, 19,
     "the role of party 'a' must be 'party' or 'mediator', found 'judge'"},
    {"mediator in an event", HEAD PREFS "events:\n  - {at: 0.5, party: m, reservation: 0.1}\n", 13,
     22, "party 'm' in an event is a mediator"},
    {"mediator in a spread",
     HEAD PREFS "uncertainty:\n  - {party: m, sd: 0.1, reservation: true}\n", 13, 13,
     "party 'm' in an uncertainty entry is a mediator"},

    /* events and uncertainty */
    {"event without a change", HEAD PREFS "events:\n  - {at: 0.5, party: a}\n", 13, 5,
     "an event needs 'reservation' or 'weights'"},
    {"event with empty weights", HEAD PREFS "events:\n  - {at: 0.5, party: a, weights: {}}\n", 13,
     34, "the weights of an event are empty"},
    {"event note that is a list",
     HEAD PREFS "events:\n  - {at: 0.5, party: a, reservation: 0.1, note: [a]}\n", 13, 49,
     "expected text for the note of an event, found a list"},
    {"spread without a target", HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1}\n", 13, 5,
     "an uncertainty entry needs a target"},
    {"spread with two targets",
     HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1, weight: x, value: x}\n", 13, 36,
     "an uncertainty entry has one target, found 'value' after 'weight'"},
    {"spread reservation false",
     HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1, reservation: false}\n", 13, 38,
     "'reservation' in an uncertainty entry must be true"},
    {"spread reservation not a bool",
     HEAD PREFS "uncertainty:\n  - {party: a, sd: 0.1, reservation: yes}\n", 13, 38,
     "expected true or false for 'reservation' in an uncertainty entry, found 'yes'"},

    /* locked points and discount factors */
    {"misspelt key in a locked point", HEAD PREFS "plan:\n  x: {option: p, lockd: true}\n  y: r\n", 13,
     18, "unknown key 'lockd' in a point of 'plan'"},
    {"locked point without an option", HEAD PREFS "plan:\n  x: {locked: true}\n  y: r\n", 13, 6,
     "missing key 'option'"},
    {"locked not a bool", HEAD PREFS "plan:\n  x: {option: p, locked: 2}\n  y: r\n", 13, 26,
     "expected true or false for 'locked' in 'plan'"},
    {"discount of zero",
     "accord: 1\nparties:\n  - {id: a, discount: 0}\n" PARTIES_FROM_3, 3, 23,
     "the discount factor of party 'a' must be in (0,1]"},
    {"discount on a mediator",
     "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator, discount: 0.5}\nissues:\n"
     "  - {id: x, options: [p, q]}\n  - {id: y, options: [r, s]}\n" PREFS, 4, 29,
     "mediator 'm' may not have a discount factor"},

    /* YAML itself */
    {"syntax error", "accord: 1\nparties: [a, b\nissues: []\n", 3, 7,
     "syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 2, "
     "column 10)"},
    {"bad indentation", "accord: 1\nparties:\n  - {id: a}\n bad: 1\n", 4, 2, "syntax error: "},
    {"empty document", "", 1, 1, "empty document"},
    {"only comments", "# nothing here\n\n", 1, 1, "empty document"},
    {"only a document marker", "---\n", 1, 1, "empty document"},
    {"two documents", HEAD PREFS "---\naccord: 1\n", 12, 1, "a second YAML document"},
    {"alias",
     HEAD "preferences:\n  a:\n    weights: {x: &w 1, y: *w}\n    values: {x: {p: 1, q: 0}}\n", 10,
     27, "aliases are not supported"},
    {"tag",
     "accord: !!int 1\n"
     "parties:\n  - {id: a}\n" PARTIES_FROM_3,
     1, 9, "YAML tags are not supported"},
    {"control character", "accord: 1\ntitle: a\x01z\nparties:\n  - {id: a}\n" PARTIES_FROM_3, 2, 9,
     "control characters are not allowed"},
    {"invalid UTF-8", "accord: 1\ntitle: \xff\nparties:\n  - {id: a}\n" PARTIES_FROM_3, 2, 8,
     "invalid leading UTF-8 octet"},
    {"duplicate anchor", "accord: 1\na: &x 1\nb: &x 2\n", 3, 4,
     "syntax error: found duplicate anchor (first occurrence at line 2, column 4)"},
};

static void print_diags(const ac_diags *d)
{
    for (size_t i = 0; i < ac_diags_count(d); i++) {
        const ac_diag *x = ac_diags_get(d, i);
        print_error("    %s:%d:%d: %s\n", x->file, x->line, x->col, x->message);
    }
}

static void test_locks_and_discounts(void **state)
{
    (void)state;
    const char *ok =
        "accord: 1\nparties:\n  - {id: a, discount: 0.9}\n  - {id: m, role: mediator}\n"
        "issues:\n  - {id: x, options: [p, q]}\n  - {id: y, options: [r, s]}\n" PREFS
        "plan:\n  x: {option: q, locked: true}\n  y: {option: s, locked: false}\n";
    ac_model *m = load_ok(ok);
    assert_true(ac_party_discount(m, 0) == 0.9);
    assert_true(ac_party_discount(m, 1) == 1.0);
    assert_true(ac_model_locked(m, 0));
    assert_false(ac_model_locked(m, 1));
    assert_int_equal(ac_model_plan(m, 0), 1);
    assert_int_equal(ac_model_plan(m, 1), 1);
    assert_round_trip(m);
    ac_model_free(m);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        ac_diags *d = ac_diags_new();
        ac_model *m = (ac_model *)&m; /* must be reset to NULL */
        ac_error err;
        ac_error_clear(&err);
        ac_status st = ac_model_load_string(c->text, strlen(c->text), "bad.yaml", &m, d, &err);
        int ok = st == AC_EINPUT && m == NULL && err.code == AC_EINPUT &&
                 !strcmp(err.file, "bad.yaml") && err.line == c->line && err.col == c->col &&
                 strstr(err.message, c->message) && ac_diags_count(d) >= 1 &&
                 ac_diags_get(d, 0)->line == err.line && ac_diags_get(d, 0)->col == err.col &&
                 !strcmp(ac_diags_get(d, 0)->message, err.message);
        if (!ok) {
            print_error("case '%s': expected %d:%d '%s', got status %d, %d:%d '%s'\n", c->name,
                        c->line, c->col, c->message, st, err.line, err.col, err.message);
            print_diags(d);
            failures++;
        }
        if (m != NULL && m != (ac_model *)&m)
            ac_model_free(m);
        ac_diags_free(d);
        /* Without a diags list the first problem still comes back. */
        ac_error_clear(&err);
        st = ac_model_load_string(c->text, strlen(c->text), "bad.yaml", &m, NULL, &err);
        if (st != AC_EINPUT || m || err.line != c->line || err.col != c->col) {
            print_error("case '%s' without diags: got status %d at %d:%d\n", c->name, st, err.line,
                        err.col);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* One mistake, one message: ids already reported are not reported again where used. */
static void test_no_cascades(void **state)
{
    (void)state;
    static const char *const texts[] = {
        /* the option 'q!' is invalid; the value given for it is not "unknown" */
        "accord: 1\nparties:\n  - {id: a}\n  - {id: m, role: mediator}\nissues:\n"
        "  - {id: x, options: [p, 'q!']}\n" ISSUES_FROM_7 "plan: {x: 'q!', y: r}\n",
        /* the party id is invalid; its preferences are not "unknown party" */
        "accord: 1\nparties:\n  - {id: a}\n  - {id: 'b c'}\n" PARTIES_FROM_3
        "  'b c': {weights: {x: 1}, values: {x: {p: 1, q: 0}}}\n",
        /* a misspelt required key is not also "missing" */
        HEAD "preferences:\n  a:\n    wieghts: {x: 1}\n    values: {x: {p: 1, q: 0}}\n",
        /* an unknown issue in weights does not also make the weights "all zero" */
        HEAD "preferences:\n  a:\n    weights: {z: 1}\n    values: {x: {p: 1, q: 0}}\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        ac_diags *d = ac_diags_new();
        ac_model *m;
        ac_error err;
        assert_int_equal(ac_model_load_string(texts[i], strlen(texts[i]), "c.yaml", &m, d, &err),
                         AC_EINPUT);
        if (ac_diags_count(d) != 1) {
            print_diags(d);
            fail_msg("text %zu: expected one problem, got %zu", i, ac_diags_count(d));
        }
        ac_diags_free(d);
    }
}

static void test_many_problems(void **state)
{
    (void)state;
    const char *text = "accord: 3\n" /* 1:9 */
                       "parties:\n"
                       "  - {id: a, reservation: 2}\n" /* 3:26 */
                       "  - {id: a}\n"                 /* 4:10 */
                       "  - {id: m, role: mediator}\n"
                       "issues:\n"
                       "  - {id: x, options: []}\n" /* 7:22 */
                       "  - {id: y, options: [r, s]}\n"
                       "preferences:\n"
                       "  a:\n"
                       "    weights: {y: 1, z: 1}\n"          /* 11:21 */
                       "    values: {y: {r: 1}}\n"            /* 12:17 missing s */
                       "  m: {weights: {y: 1}, values: {}}\n" /* 13:3 */
                       "plan: {y: t}\n"                       /* 14:7 no x, 14:11 t */
                       "colour: blue\n";                      /* 15:1 */
    static const int want[][2] = {{1, 9},   {3, 26}, {4, 10}, {7, 22},  {11, 21},
                                  {12, 17}, {13, 3}, {14, 7}, {14, 11}, {15, 1}};
    ac_diags *d = ac_diags_new();
    ac_model *m;
    ac_error err;
    assert_int_equal(ac_model_load_string(text, strlen(text), "many.yaml", &m, d, &err), AC_EINPUT);
    assert_null(m);
    size_t n = sizeof want / sizeof want[0];
    if (ac_diags_count(d) != n) {
        print_diags(d);
        fail_msg("expected %zu problems, got %zu", n, ac_diags_count(d));
    }
    for (size_t i = 0; i < n; i++) {
        const ac_diag *x = ac_diags_get(d, i);
        assert_string_equal(x->file, "many.yaml");
        assert_int_equal(x->line, want[i][0]);
        assert_int_equal(x->col, want[i][1]);
    }
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 9);
    /* a diags list that already holds entries is appended to */
    assert_int_equal(ac_model_load_string(text, strlen(text), "many.yaml", &m, d, &err), AC_EINPUT);
    assert_int_equal(ac_diags_count(d), 2 * n);
    ac_diags_free(d);
}

/* A hostile file with a problem on every line gets a bounded report. */
static void test_problem_cap(void **state)
{
    (void)state;
    size_t n = 5000, cap = n * 32 + 64;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)snprintf(text, cap, "accord: 1\nparties:\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "  - {id: '#%zu'}\n", i);
    ac_diags *d = ac_diags_new();
    ac_model *m;
    ac_error err;
    assert_int_equal(ac_model_load_string(text, len, "cap.yaml", &m, d, &err), AC_EINPUT);
    assert_true(ac_diags_count(d) <= 1001);
    assert_non_null(strstr(ac_diags_get(d, ac_diags_count(d) - 1)->message, "more not shown"));
    ac_diags_free(d);
    free(text);
}

/* Preferences are stored densely, so their size is bounded before anything is built. */
static void test_size_limit(void **state)
{
    (void)state;
    size_t ni = 2000, np = 1000, cap = 64 + 40 * (ni + np);
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = (size_t)snprintf(text, cap, "accord: 1\nparties:\n  - {id: a}\nissues:\n");
    for (size_t k = 0; k < ni; k++)
        len += (size_t)snprintf(text + len, cap - len, "  - {id: i%zu, options: [o]}\n", k);
    len += (size_t)snprintf(text + len, cap - len, "preferences:\n");
    for (size_t i = 0; i < np; i++)
        len += (size_t)snprintf(text + len, cap - len, "  p%zu: {}\n", i);
    assert_true(len < cap);
    ac_model *m;
    ac_error err;
    assert_int_equal(ac_model_load_string(text, len, "big.yaml", &m, NULL, &err), AC_EINPUT);
    assert_non_null(strstr(err.message, "the model is too large"));
    assert_int_equal(err.line, 2006); /* the first entry under preferences */
    assert_int_equal(err.col, 3);
    free(text);
}

/* ---- clean failure on damaged text ---- */

static void load_any(const char *text, size_t len)
{
    ac_diags *d = ac_diags_new();
    ac_model *m = NULL;
    ac_error err;
    ac_error_clear(&err);
    ac_status st = ac_model_load_string(text, len, "p.yaml", &m, d, &err);
    if (st == AC_OK) {
        assert_non_null(m);
        assert_int_equal(ac_diags_count(d), 0);
        assert_int_equal(ac_model_check(m, &err), AC_OK);
        ac_model_free(m);
    } else {
        assert_int_equal(st, AC_EINPUT);
        assert_null(m);
        assert_true(ac_diags_count(d) >= 1);
        assert_true(err.message[0] != 0);
        assert_true(err.line >= 0 && err.col >= 0);
    }
    ac_diags_free(d);
}

static void test_every_prefix(void **state)
{
    (void)state;
    char *text = doc_example();
    size_t n = strlen(text);
    for (size_t len = 0; len <= n; len++) {
        /* an exact-size copy so that reading past len would be caught by ASan */
        char *copy = malloc(len ? len : 1);
        assert_non_null(copy);
        memcpy(copy, text, len);
        load_any(copy, len);
        free(copy);
    }
    free(text);
}

static void test_mutations(void **state)
{
    (void)state;
    char *text = doc_example();
    size_t n = strlen(text);
    static const char repl[] = {' ', ':', '-', '{', ']', '\n', '&', '*', '"', '!', '0', '\0'};
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < sizeof repl; r++) {
            memcpy(copy, text, n);
            copy[i] = repl[r];
            load_any(copy, n);
        }
    for (size_t i = 0; i < n; i++) { /* each byte deleted */
        memcpy(copy, text, i);
        memcpy(copy + i, text + i + 1, n - i - 1);
        load_any(copy, n - 1);
    }
    free(copy);
    free(text);
}

/* Deep nesting is refused early: libyaml's time grows with the square of the depth. */
static void test_deep_nesting(void **state)
{
    (void)state;
    size_t depth = 1000000;
    char *text = malloc(2 * depth + 32);
    assert_non_null(text);
    for (int block = 0; block < 2; block++) {
        size_t len = (size_t)sprintf(text, block ? "accord: 1\ntitle:\n" : "accord: 1\ntitle: ");
        for (size_t i = 0; i < depth; i++)
            memcpy(text + len + (block ? 2 * i : i), block ? "- " : "[", block ? 2 : 1);
        len += block ? 2 * depth : depth;
        if (!block) {
            memset(text + len, ']', depth);
            len += depth;
        }
        ac_model *m;
        ac_error err;
        assert_int_equal(ac_model_load_string(text, len, "deep.yaml", &m, NULL, &err), AC_EINPUT);
        assert_non_null(strstr(err.message, "nested more than"));
        assert_int_equal(err.line, block ? 3 : 2);
    }
    free(text);
}

/* ---- round trips ---- */

static void test_round_trip_strings(void **state)
{
    (void)state;
    static const char *const strings[] = {
        "",
        " ",
        "  lead",
        "trail ",
        "null",
        "~",
        "Null",
        "NULL",
        "true",
        "false",
        "yes",
        "no",
        "0.4",
        "1e3",
        ".inf",
        ".nan",
        "-",
        "- x",
        "? x",
        ": x",
        "a: b",
        "a #b",
        "#c",
        "{x}",
        "[y]",
        "a, b",
        "'",
        "\"",
        "\\",
        "'quoted'",
        "\"dq\"",
        "line\nbreak",
        "\n",
        "\n\n",
        "trailing\n",
        "tab\there",
        "cr\rlf",
        "crlf\r\n",
        "nel\xc2\x85x",
        "ls\xe2\x80\xa8x",
        "ps\xe2\x80\xa9x",
        "bom\xef\xbb\xbfx",
        "\x01\x02\x1f\x7f",
        "Україна",
        "日本語",
        "emoji 😀",
        "%percent",
        "@at",
        "`tick",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "...",
        "---",
        "a\n  b",
        "  ",
        "x  y",
        "\ttab first",
        "tab last\t",
        "Ukrainian withdrawal; de facto Russian control",
    };
    size_t ns = sizeof strings / sizeof strings[0];
    ac_model *m = ac_model_new();
    assert_non_null(m);
    ac_error err;
    assert_int_equal(ac_model_set_title(m, "title: \"x\" 'y' #z", &err), AC_OK);
    char *long_text = malloc(5001);
    assert_non_null(long_text);
    for (size_t i = 0; i < 5000; i++)
        long_text[i] = "ab c, d: e #f"[i % 13];
    long_text[5000] = 0;
    assert_int_equal(ac_model_set_description(m, "a\nmulti-line\n  description\n", &err), AC_OK);
    size_t k, p;
    assert_int_equal(ac_model_add_issue(m, "null", "", &k, &err), AC_OK);
    assert_int_equal(ac_model_set_issue_description(m, k, "", &err), AC_OK);
    for (size_t i = 0; i < ns; i++) {
        char id[16];
        snprintf(id, sizeof id, "o%zu", i);
        assert_int_equal(ac_model_add_option(m, k, id, strings[i], NULL, &err), AC_OK);
    }
    assert_int_equal(ac_model_add_option(m, k, "long", long_text, NULL, &err), AC_OK);
    free(long_text);
    assert_int_equal(ac_model_add_option(m, k, "1", NULL, NULL, &err), AC_OK);
    assert_int_equal(ac_model_add_option(m, k, "true", NULL, NULL, &err), AC_OK);
    assert_int_equal(ac_model_add_option(m, k, "-x", NULL, NULL, &err), AC_OK);
    assert_int_equal(ac_model_add_option(m, k, ".", NULL, NULL, &err), AC_OK);
    for (size_t i = 0; i < ns; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%zu", i);
        assert_int_equal(ac_model_add_party(m, id, strings[i], AC_ROLE_PARTY, &p, &err), AC_OK);
        assert_int_equal(ac_model_set_weight(m, p, k, 1, &err), AC_OK);
        for (size_t o = 0; o < ac_model_n_options(m, k); o++)
            assert_int_equal(ac_model_set_value(m, p, k, o, 0.5, &err), AC_OK);
        ac_event ev = {
            .at = 0.5, .party = p, .has_reservation = 1, .reservation = 0.1, .note = strings[i]};
        assert_int_equal(ac_model_add_event(m, &ev, &err), AC_OK);
    }
    assert_int_equal(ac_model_check(m, &err), AC_OK);
    assert_round_trip(m);
    ac_model_free(m);
}

static void test_round_trip_numbers(void **state)
{
    (void)state;
    static const double xs[] = {0.1,
                                0.2,
                                0.3,
                                1.0 / 3,
                                2.0 / 3,
                                0.30000000000000004,
                                1e-300,
                                4.9406564584124654e-324,
                                2.2250738585072014e-308,
                                0.5,
                                0x1.fffffffffffffp-1,
                                0.1 + 0.2,
                                1e-5,
                                0.123456789012345678};
    size_t n = sizeof xs / sizeof xs[0];
    ac_model *m = ac_model_new();
    ac_error err;
    size_t a, k;
    assert_int_equal(ac_model_add_party(m, "a", NULL, AC_ROLE_PARTY, &a, &err), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "x", NULL, &k, &err), AC_OK);
    for (size_t i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "o%zu", i);
        assert_int_equal(ac_model_add_option(m, k, id, NULL, NULL, &err), AC_OK);
        assert_int_equal(ac_model_set_value(m, a, k, i, xs[i], &err), AC_OK);
    }
    assert_int_equal(ac_model_set_weight(m, a, k, 1e300, &err), AC_OK);
    assert_int_equal(ac_model_set_reservation(m, a, 0.1, &err), AC_OK);
    assert_int_equal(ac_model_set_influence(m, a, 1.0 / 7, &err), AC_OK);
    double deltas[] = {-1e-9, 123456789.125};
    size_t issues[] = {k, k};
    ac_event ev = {.at = 1.0 / 3,
                   .party = a,
                   .has_reservation = 1,
                   .reservation = -0.0,
                   .n_weights = 1,
                   .weight_issue = issues,
                   .weight_delta = deltas};
    assert_int_equal(ac_model_add_event(m, &ev, &err), AC_OK);
    ev.weight_delta = deltas + 1;
    assert_int_equal(ac_model_add_event(m, &ev, &err), AC_OK);
    ac_uncertainty u = {.party = a, .kind = AC_UNC_VALUE, .issue = k, .sd = 1e-12};
    assert_int_equal(ac_model_add_uncertainty(m, &u, &err), AC_OK);
    assert_round_trip(m);
    /* the shortest form is written */
    char *text = write_text(m, NULL);
    assert_non_null(strstr(text, "reservation: 0.1,"));
    assert_non_null(strstr(text, "o0: 0.1,"));
    assert_non_null(strstr(text, "o3: 0.3333333333333333,"));
    assert_non_null(strstr(text, "weights: {x: 1e+300}"));
    free(text);
    ac_model_free(m);
}

/* Random models through the builder: whatever the builder accepts, the writer must
 * write so that the loader reads it back equal. */
static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static void random_text(char *buf, size_t cap)
{
    static const char *const pieces[] = {
        "a", "Z", " ", ":", "#",  "'",    "\"",   "\\",  "\n", "\t",       "-",
        "?", "{", "]", ",", "&",  "*",    "!",    "|",   ">",  "%",        "@",
        "`", "é", "ж", "😀", "\r", "\x01", "null", "0.5", "~",  "\xc2\x85", "\xef\xbb\xbf"};
    size_t n = 0, parts = rnd(8);
    buf[0] = 0;
    for (size_t i = 0; i < parts; i++) {
        const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        if (n + l + 1 > cap)
            break;
        memcpy(buf + n, p, l + 1);
        n += l;
    }
}

static double random_unit(void)
{
    switch (rnd(4)) {
    case 0:
        return rnd(2);
    case 1:
        return rnd(1000) / 1000.0;
    default:
        return (double)rnd(1u << 30) / (double)(1u << 30) * ((double)rnd(1u << 30) / (1u << 30));
    }
}

static void test_round_trip_random(void **state)
{
    (void)state;
    for (int round = 0; round < 200; round++) {
        ac_model *m = ac_model_new();
        ac_error err;
        char buf[64], id[32];
        random_text(buf, sizeof buf);
        assert_int_equal(ac_model_set_title(m, buf, &err), AC_OK);
        if (rnd(2)) {
            random_text(buf, sizeof buf);
            assert_int_equal(ac_model_set_description(m, buf, &err), AC_OK);
        }
        size_t ni = 1 + rnd(4), np = 1 + rnd(4);
        for (size_t k = 0; k < ni; k++) {
            snprintf(id, sizeof id, "i%zu.%u", k, rnd(100));
            random_text(buf, sizeof buf);
            assert_int_equal(ac_model_add_issue(m, id, rnd(2) ? buf : NULL, NULL, &err), AC_OK);
            if (rnd(3) == 0) {
                random_text(buf, sizeof buf);
                assert_int_equal(ac_model_set_issue_description(m, k, buf, &err), AC_OK);
            }
            size_t no = 1 + rnd(5);
            for (size_t o = 0; o < no; o++) {
                snprintf(id, sizeof id, "%zu_%c", o, "abc-"[rnd(4)]);
                random_text(buf, sizeof buf);
                assert_int_equal(ac_model_add_option(m, k, id, rnd(2) ? buf : NULL, NULL, &err),
                                 AC_OK);
            }
        }
        for (size_t i = 0; i < np; i++) {
            snprintf(id, sizeof id, "P-%zu", i);
            random_text(buf, sizeof buf);
            ac_role role = i > 0 && rnd(4) == 0 ? AC_ROLE_MEDIATOR : AC_ROLE_PARTY;
            assert_int_equal(ac_model_add_party(m, id, rnd(2) ? buf : NULL, role, NULL, &err),
                             AC_OK);
            if (rnd(2))
                assert_int_equal(ac_model_set_influence(m, i, random_unit(), &err), AC_OK);
            if (role == AC_ROLE_MEDIATOR)
                continue;
            if (rnd(2))
                assert_int_equal(ac_model_set_reservation(m, i, random_unit(), &err), AC_OK);
            assert_int_equal(
                ac_model_set_weight(m, i, rnd((unsigned)ni), 0.5 + random_unit(), &err), AC_OK);
            for (size_t k = 0; k < ni; k++) {
                int weighted = ac_pref_raw_weight(m, i, k) > 0;
                if (!weighted && rnd(2))
                    assert_int_equal(ac_model_set_weight(m, i, k, random_unit() * 10, &err), AC_OK);
                weighted = ac_pref_raw_weight(m, i, k) > 0;
                for (size_t o = 0; o < ac_model_n_options(m, k); o++) {
                    if (weighted || rnd(2))
                        assert_int_equal(ac_model_set_value(m, i, k, o, random_unit(), &err),
                                         AC_OK);
                    if (rnd(6) == 0)
                        assert_int_equal(ac_model_set_red_line(m, i, k, o, &err), AC_OK);
                }
            }
            if (rnd(2)) {
                size_t wi[2] = {rnd((unsigned)ni), 0};
                double wd[2] = {random_unit() - 0.5, 0};
                ac_event ev = {.at = random_unit(), .party = i, .has_reservation = (int)rnd(2)};
                /* ac_model_equal compares the change even when it is not set */
                if (ev.has_reservation)
                    ev.reservation = random_unit() - 0.5;
                if (!ev.has_reservation || rnd(2)) {
                    ev.n_weights = 1;
                    ev.weight_issue = wi;
                    ev.weight_delta = wd;
                }
                random_text(buf, sizeof buf);
                ev.note = rnd(2) ? buf : NULL;
                assert_int_equal(ac_model_add_event(m, &ev, &err), AC_OK);
            }
            if (rnd(2)) {
                ac_uncertainty u = {.party = i,
                                    .kind = (ac_unc_kind)rnd(3),
                                    .issue = AC_NONE,
                                    .sd = 0.001 + 0.999 * random_unit()};
                if (u.kind != AC_UNC_RESERVATION)
                    u.issue = rnd((unsigned)ni);
                assert_int_equal(ac_model_add_uncertainty(m, &u, &err), AC_OK);
            }
        }
        if (rnd(2))
            for (size_t k = 0; k < ni; k++)
                assert_int_equal(
                    ac_model_set_plan(m, k, rnd((unsigned)ac_model_n_options(m, k)), &err), AC_OK);
        assert_int_equal(ac_model_check(m, &err), AC_OK);
        assert_round_trip(m);
        ac_model_free(m);
    }
}

/* ---- writer errors and locale ---- */

static void test_write_errors(void **state)
{
    (void)state;
    ac_model *m = ac_model_new();
    ac_error err;
    size_t p, k;
    assert_int_equal(ac_model_add_party(m, "a", "bad \xff text", AC_ROLE_PARTY, &p, &err), AC_OK);
    assert_int_equal(ac_model_add_issue(m, "x", NULL, &k, &err), AC_OK);
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(ac_model_write_yaml(m, fp, &err), AC_EARG);
    assert_non_null(strstr(err.message, "UTF-8"));
    fclose(fp);
    ac_model_free(m);

    char *text = doc_example();
    m = load_ok(text);
    free(text);
    fp = fopen("/dev/full", "w");
    if (fp) {
        assert_int_equal(ac_model_write_yaml(m, fp, &err), AC_EIO);
        fclose(fp);
    }
    ac_model_free(m);
}

static void test_write_tmpfile(void **state)
{
    (void)state;
    char *text = doc_example();
    ac_model *m = load_ok(text);
    free(text);
    char path[] = "/tmp/accord-test-yaml-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    ac_error err;
    assert_int_equal(ac_model_write_yaml(m, fp, &err), AC_OK);
    assert_int_equal(fclose(fp), 0);
    ac_model *back;
    ac_diags *d = ac_diags_new();
    assert_int_equal(ac_model_load_file(path, &back, d, &err), AC_OK);
    assert_true(ac_model_equal(m, back));
    ac_model_free(back);
    ac_diags_free(d);
    unlink(path);
    ac_model_free(m);
}

/* Numbers are read and written in the C locale whatever LC_NUMERIC says. */
static void test_locale(void **state)
{
    (void)state;
    static const char *const locales[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8",
                                          "uk_UA.UTF-8"};
    const char *set = NULL;
    for (size_t i = 0; !set && i < sizeof locales / sizeof locales[0]; i++)
        set = setlocale(LC_NUMERIC, locales[i]);
    if (!set)
        skip();
    char *text = doc_example();
    ac_model *m = load_ok(text);
    assert_true(ac_party_reservation(m, 1) == 0.40);
    assert_round_trip(m);
    setlocale(LC_NUMERIC, "C");
    ac_model_free(m);
    free(text);
}

/* ---- files ---- */

static void test_files(void **state)
{
    (void)state;
    ac_model *m = (ac_model *)&m;
    ac_error err;
    ac_diags *d = ac_diags_new();
    assert_int_equal(ac_model_load_file("/nonexistent/model.yaml", &m, d, &err), AC_EIO);
    assert_null(m);
    assert_non_null(strstr(err.message, "/nonexistent/model.yaml: "));
    assert_non_null(strstr(err.message, strerror(ENOENT)));
    assert_int_equal(ac_model_load_file("/tmp", &m, d, &err), AC_EIO);
    assert_non_null(strstr(err.message, "/tmp: "));
    assert_int_equal(ac_diags_count(d), 0);

    /* a file one byte over the limit */
    char path[] = "/tmp/accord-test-yaml-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)AC_MODEL_FILE_MAX + 1), 0);
    close(fd);
    assert_int_equal(ac_model_load_file(path, &m, d, &err), AC_EINPUT);
    assert_null(m);
    assert_non_null(strstr(err.message, "larger than the limit"));
    assert_string_equal(err.file, path);
    assert_int_equal(ac_diags_count(d), 1);
    unlink(path);

    /* the same through a string */
    char *big = calloc(AC_MODEL_FILE_MAX + 1, 1);
    assert_non_null(big);
    assert_int_equal(ac_model_load_string(big, AC_MODEL_FILE_MAX + 1, "big", &m, NULL, &err),
                     AC_EINPUT);
    assert_non_null(strstr(err.message, "larger than the limit"));
    free(big);

    /* arguments */
    assert_int_equal(ac_model_load_string(NULL, 3, "x", &m, NULL, &err), AC_EARG);
    assert_int_equal(ac_model_load_string(NULL, 0, "x", &m, NULL, &err), AC_EINPUT);
    assert_int_equal(ac_model_load_file(NULL, &m, NULL, &err), AC_EARG);
    ac_diags_free(d);
}

/* The embedded model is named "@default" in messages; when it loads, it round-trips. */
static void test_default_model(void **state)
{
    (void)state;
    ac_model *m;
    ac_error err;
    ac_status st = ac_model_load_file("@default", &m, NULL, &err);
    if (st == AC_OK) {
        assert_int_equal(ac_model_check(m, &err), AC_OK);
        assert_round_trip(m);
        ac_model_free(m);
    } else {
        assert_int_equal(st, AC_EINPUT);
        assert_string_equal(err.file, "@default");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_doc_example),
        cmocka_unit_test(test_accepted_forms),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_locks_and_discounts),
        cmocka_unit_test(test_no_cascades),
        cmocka_unit_test(test_many_problems),
        cmocka_unit_test(test_problem_cap),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_round_trip_strings),
        cmocka_unit_test(test_round_trip_numbers),
        cmocka_unit_test(test_round_trip_random),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_write_tmpfile),
        cmocka_unit_test(test_locale),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_default_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
