/* The streaming JSON writer: layout (compact and indented), escaping, numbers that read
 * back exactly, and misuse reported by ac_json_free() without malformed output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/json.h"

/* Output of one writer, captured in memory. */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *fp;
    ac_json *w;
} capture;

static void cap_open(capture *c, int indent)
{
    c->buf = NULL;
    c->len = 0;
    c->fp = open_memstream(&c->buf, &c->len);
    assert_non_null(c->fp);
    c->w = ac_json_new(c->fp, indent);
    assert_non_null(c->w);
}

/* Returns ac_json_free's result; the text stays in c->buf until cap_drop. */
static int cap_close(capture *c)
{
    int rc = ac_json_free(c->w);
    fclose(c->fp);
    return rc;
}

static void cap_drop(capture *c) { free(c->buf); }

static void check_number(double x, const char *text)
{
    capture c;
    cap_open(&c, 0);
    ac_json_number(c.w, x);
    assert_int_equal(cap_close(&c), AC_OK);
    char want[64];
    snprintf(want, sizeof want, "%s\n", text);
    assert_string_equal(c.buf, want);
    cap_drop(&c);
}

static void check_string(const char *in, const char *json)
{
    capture c;
    cap_open(&c, 0);
    ac_json_string(c.w, in);
    assert_int_equal(cap_close(&c), AC_OK);
    char want[256];
    snprintf(want, sizeof want, "%s\n", json);
    assert_string_equal(c.buf, want);
    cap_drop(&c);
}

static void test_compact_nesting(void **state)
{
    (void)state;
    capture c;
    cap_open(&c, 0);
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "a");
    ac_json_int(c.w, 1);
    ac_json_key(c.w, "b");
    ac_json_begin_array(c.w);
    ac_json_bool(c.w, 1);
    ac_json_bool(c.w, 0);
    ac_json_null(c.w);
    ac_json_begin_object(c.w);
    ac_json_end_object(c.w);
    ac_json_begin_array(c.w);
    ac_json_end_array(c.w);
    ac_json_end_array(c.w);
    ac_json_key(c.w, "c");
    ac_json_string(c.w, NULL);
    ac_json_end_object(c.w);
    assert_int_equal(cap_close(&c), AC_OK);
    assert_string_equal(c.buf, "{\"a\":1,\"b\":[true,false,null,{},[]],\"c\":null}\n");
    cap_drop(&c);
}

static void test_indented(void **state)
{
    (void)state;
    capture c;
    cap_open(&c, 2);
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "parties");
    ac_json_begin_array(c.w);
    ac_json_string(c.w, "ua");
    ac_json_string(c.w, "ru");
    ac_json_end_array(c.w);
    ac_json_key(c.w, "zopa");
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "count");
    ac_json_uint_str(c.w, "340282366920938463463374607431768211455");
    ac_json_end_object(c.w);
    ac_json_key(c.w, "empty");
    ac_json_begin_object(c.w);
    ac_json_end_object(c.w);
    ac_json_end_object(c.w);
    assert_int_equal(cap_close(&c), AC_OK);
    assert_string_equal(c.buf, "{\n"
                               "  \"parties\": [\n"
                               "    \"ua\",\n"
                               "    \"ru\"\n"
                               "  ],\n"
                               "  \"zopa\": {\n"
                               "    \"count\": 340282366920938463463374607431768211455\n"
                               "  },\n"
                               "  \"empty\": {}\n"
                               "}\n");
    cap_drop(&c);
}

static void test_top_level_lines(void **state)
{
    (void)state;
    capture c;
    cap_open(&c, 0);
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "t");
    ac_json_int(c.w, 0);
    ac_json_end_object(c.w);
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "t");
    ac_json_int(c.w, LLONG_MIN);
    ac_json_end_object(c.w);
    assert_int_equal(cap_close(&c), AC_OK);
    assert_string_equal(c.buf, "{\"t\":0}\n{\"t\":-9223372036854775808}\n");
    cap_drop(&c);
}

static void test_escaping(void **state)
{
    (void)state;
    check_string("plain", "\"plain\"");
    check_string("q\"b\\s/", "\"q\\\"b\\\\s/\"");
    check_string("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
    check_string("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
    /* valid UTF-8 passes through: e-acute, euro sign, an emoji */
    check_string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
    /* line and paragraph separators are escaped for JavaScript */
    check_string("\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    check_string("a\x80z", "\"a\\ufffdz\"");           /* lone continuation byte */
    check_string("\xc3z", "\"\\ufffdz\"");             /* truncated: the z survives */
    check_string("\xe2\x82", "\"\\ufffd\\ufffd\"");    /* truncated at the end */
    check_string("\xc0\xaf", "\"\\ufffd\\ufffd\"");    /* overlong '/' */
    check_string("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\"");
    check_string("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");  /* surrogate */
    check_string("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""); /* > U+10FFFF */
    check_string("\xf5\xff", "\"\\ufffd\\ufffd\"");
}

static void test_numbers(void **state)
{
    (void)state;
    check_number(0, "0");
    check_number(0.4, "0.4");
    check_number(0.1 + 0.2, "0.30000000000000004");
    check_number(1.0 / 3.0, "0.3333333333333333");
    check_number(0.123456789, "0.123456789");
    check_number(-2.5, "-2.5");
    check_number(123456789012.0, "123456789012");
    check_number(1e300, "1e+300");
    check_number(1.8014398509481984e16, "18014398509481984");
    check_number(5e-324, "4.94065646e-324"); /* shortest that reads back */
    check_number(NAN, "null");
    check_number(INFINITY, "null");
    check_number(-INFINITY, "null");
}

/* Every finite double prints as JSON that reads back as exactly the same double. */
static void test_number_round_trip(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double d;
        if (i % 2) {
            memcpy(&d, &x, sizeof d);
            if (!isfinite(d))
                continue;
        } else {
            d = (double)(x >> 11) / 9007199254740992.0; /* utilities live in [0,1] */
        }
        capture c;
        cap_open(&c, 0);
        ac_json_number(c.w, d);
        assert_int_equal(cap_close(&c), AC_OK);
        char *end;
        double back = strtod(c.buf, &end);
        assert_true(back == d);
        assert_string_equal(end, "\n");
        assert_null(strpbrk(c.buf, "naif,")); /* no nan/inf, no locale comma */
        /* the oracle: the first precision from 9 up that reads back */
        char want[40];
        for (int prec = 9; prec <= 17; prec++) {
            snprintf(want, sizeof want, "%.*g\n", prec, d);
            if (strtod(want, NULL) == d)
                break;
        }
        assert_string_equal(c.buf, want);
        cap_drop(&c);
    }
}

/* Numbers past a double's range, given by their log10 (outcome counts of huge spaces). */
static void test_number_log10(void **state)
{
    (void)state;
    capture c;
    cap_open(&c, 0);
    ac_json_begin_array(c.w);
    ac_json_number_log10(c.w, 314.5);
    ac_json_number_log10(c.w, 2.0);
    ac_json_end_array(c.w);
    assert_int_equal(cap_close(&c), AC_OK);
    assert_string_equal(c.buf, "[3.16227766016838e314,100]\n");
    cap_drop(&c);
}

static void test_misuse(void **state)
{
    (void)state;
    capture c;

    /* a value in an object without a key is dropped */
    cap_open(&c, 0);
    ac_json_begin_object(c.w);
    ac_json_int(c.w, 1);
    ac_json_end_object(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    assert_string_equal(c.buf, "{}\n");
    cap_drop(&c);

    /* a key in an array, a key at top level */
    cap_open(&c, 0);
    ac_json_key(c.w, "x");
    ac_json_begin_array(c.w);
    ac_json_key(c.w, "x");
    ac_json_int(c.w, 2);
    ac_json_end_array(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    assert_string_equal(c.buf, "[2]\n");
    cap_drop(&c);

    /* closing the wrong kind, then the right one */
    cap_open(&c, 0);
    ac_json_begin_array(c.w);
    ac_json_end_object(c.w);
    ac_json_end_array(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    assert_string_equal(c.buf, "[]\n");
    cap_drop(&c);

    /* a key left without its value gets null */
    cap_open(&c, 0);
    ac_json_begin_object(c.w);
    ac_json_key(c.w, "k");
    ac_json_end_object(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    assert_string_equal(c.buf, "{\"k\":null}\n");
    cap_drop(&c);

    /* unclosed */
    cap_open(&c, 0);
    ac_json_begin_object(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    cap_drop(&c);

    /* digits that are not an unsigned integer */
    cap_open(&c, 0);
    ac_json_begin_array(c.w);
    ac_json_uint_str(c.w, "12a");
    ac_json_uint_str(c.w, "007");
    ac_json_uint_str(c.w, "");
    ac_json_uint_str(c.w, "0");
    ac_json_end_array(c.w);
    assert_int_equal(cap_close(&c), AC_EARG);
    assert_string_equal(c.buf, "[null,null,null,0]\n");
    cap_drop(&c);

    /* NULL writer and NULL file are tolerated */
    assert_null(ac_json_new(NULL, 0));
    ac_json_begin_object(NULL);
    ac_json_number(NULL, 1);
    assert_int_equal(ac_json_free(NULL), AC_EARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_nesting),
        cmocka_unit_test(test_indented),
        cmocka_unit_test(test_top_level_lines),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_number_round_trip),
        cmocka_unit_test(test_number_log10),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
