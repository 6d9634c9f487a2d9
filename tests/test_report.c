/* The report module's building blocks: the SVG builder (escaping of markup characters,
 * invalid UTF-8 and control characters; numbers rounded to 0.1 px without "-0"), number
 * formatting, the charts' structure on hand-made views (one circle per frontier point,
 * one cell per stance, bad arguments refused) and the page (every chart inline, in
 * order, escaped titles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/report.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The body of a document made by one call of fn (between the <style> and </svg>). */
static char *doc_with(void (*fn)(ac_svg *))
{
    ac_svg *s = ac_svg_new(100, 50, NULL);
    assert_non_null(s);
    fn(s);
    char *t = ac_svg_finish(s);
    assert_non_null(t);
    return t;
}

static void esc_markup(ac_svg *s) { ac_svg_esc(s, "a<b>&\"c'd"); }
static void esc_bad_utf8(ac_svg *s) { ac_svg_esc(s, "x\xC3(y\x01z\xED\xA0\x80w\xF0\x9F\x98\x80"); }
static void esc_utf8(ac_svg *s) { ac_svg_esc(s, "K\xC3\xB6ln \xE2\x80\x94 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"); }
static void nums(ac_svg *s)
{
    ac_svg_raw(s, "[");
    ac_svg_num(s, 12.0);
    ac_svg_raw(s, "|");
    ac_svg_num(s, 12.34);
    ac_svg_raw(s, "|");
    ac_svg_num(s, -0.04);
    ac_svg_raw(s, "|");
    ac_svg_num(s, 0.05);
    ac_svg_raw(s, "|");
    ac_svg_num(s, 1.0 / 0.0);
    ac_svg_raw(s, "|");
    ac_svg_num(s, 1234567.89);
    ac_svg_raw(s, "]");
}

static void test_escape(void **state)
{
    (void)state;
    char *t = doc_with(esc_markup);
    assert_non_null(strstr(t, "a&lt;b&gt;&amp;&quot;c&#39;d"));
    free(t);
    t = doc_with(esc_bad_utf8);
    /* a bad lead byte, a control character and a surrogate each become U+FFFD; the emoji stays */
    assert_non_null(strstr(t, "x\xEF\xBF\xBD(y\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDw\xF0\x9F\x98\x80"));
    free(t);
    t = doc_with(esc_utf8);
    assert_non_null(strstr(t, "K\xC3\xB6ln \xE2\x80\x94 \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2"));
    free(t);
    char *e = ac_xml_escape("<tag attr='1'>&amp;</tag>");
    assert_string_equal(e, "&lt;tag attr=&#39;1&#39;&gt;&amp;amp;&lt;/tag&gt;");
    free(e);
    e = ac_xml_escape(NULL);
    assert_string_equal(e, "");
    free(e);
}

static void test_numbers(void **state)
{
    (void)state;
    char *t = doc_with(nums);
    assert_non_null(strstr(t, "[12|12.3|0|0.1|0|1234567.9]"));
    free(t);
    char b[64];
    assert_string_equal(ac_fmt_num(0.126, 2, b, sizeof b), "0.13");
    assert_string_equal(ac_fmt_num(0.5, 4, b, sizeof b), "0.5");
    assert_string_equal(ac_fmt_num(-0.00001, 3, b, sizeof b), "0");
    assert_string_equal(ac_fmt_num(100, 0, b, sizeof b), "100");
    assert_string_equal(ac_fmt_num(2.0, 9, b, sizeof b), "2");
    assert_string_equal(ac_fmt_num(-3.25, 1, b, sizeof b), "-3.2");
}

static void test_shapes(void **state)
{
    (void)state;
    ac_svg *s = ac_svg_new(640.04, 480, "T & <t>");
    ac_svg_line(s, 0, 0.04, 10.26, 5, "axis");
    ac_svg_rect(s, 1, 2, -3, 4, "cell", "#fff", "tip <1>");
    ac_svg_circle(s, 5, 6, 2, NULL, NULL);
    ac_svg_text(s, 10, 20, "middle", "label", -90, "Party \"A\"");
    char *t = ac_svg_finish(s);
    assert_non_null(t);
    assert_int_equal(strncmp(t, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\"", 50), 0);
    assert_non_null(strstr(t, "<title>T &amp; &lt;t&gt;</title>"));
    assert_non_null(strstr(t, "<line x1=\"0\" y1=\"0\" x2=\"10.3\" y2=\"5\" class=\"axis\"/>"));
    assert_non_null(strstr(t, "width=\"0\" height=\"4\" class=\"cell\" fill=\"#fff\"><title>tip &lt;1&gt;</title></rect>"));
    assert_non_null(strstr(t, "<circle cx=\"5\" cy=\"6\" r=\"2\"/>"));
    assert_non_null(strstr(t, "text-anchor=\"middle\" class=\"label\" transform=\"rotate(-90 10 20)\">Party &quot;A&quot;</text>"));
    assert_non_null(strstr(t, "</svg>\n"));
    free(t);
}

static void test_frontier(void **state)
{
    (void)state;
    double x[4] = {1, 0.7, 0.4, -0.5}, y[4] = {0, 0.5, 0.8, 2};
    double nash[2] = {0.7, 0.5};
    ac_frontier_view v;
    memset(&v, 0, sizeof v);
    v.name_a = "A&B";
    v.name_b = "C";
    v.id_a = "a";
    v.id_b = "c d";
    v.res_a = 0.3;
    v.res_b = 0.2;
    v.count = 4;
    v.x = x;
    v.y = y;
    v.nash = nash;
    ac_chart *c = NULL;
    ac_error err;
    assert_int_equal(ac_chart_frontier(&v, &c, &err), AC_OK);
    assert_string_equal(c->name, "frontier-a-c_d");
    assert_int_equal(count(c->svg, "class=\"pt\""), 4);
    assert_int_equal(count(c->svg, "class=\"mark\""), 2); /* the Nash point and its legend */
    assert_non_null(strstr(c->svg, "utility of A&amp;B"));
    assert_null(strstr(c->svg, "Kalai")); /* no mark, no legend entry */
    /* out-of-range utilities are clamped into the box: x=-0.5 -> 64, y=2 -> 44 */
    assert_non_null(strstr(c->svg, "cx=\"64\" cy=\"44\""));
    assert_non_null(strstr(c->table, "<th scope=\"col\">A&amp;B</th>"));
    assert_non_null(strstr(c->table, "<th scope=\"row\">Nash point</th><td>0.7</td><td>0.5</td>"));
    ac_chart_free(c);
    v.name_a = NULL;
    assert_int_equal(ac_chart_frontier(&v, &c, &err), AC_EARG);
    assert_null(c);
}

static ac_report *small_report(void)
{
    const char *party[2] = {"P<1>", "P2"};
    const char *point[3] = {"one", "two & three", "a very long title that goes on and on and on beyond any cell"};
    const char *option[3] = {"x", NULL, "z"};
    ac_stance st[6] = {AC_STANCE_AGREE,     AC_STANCE_CRITICISE, AC_STANCE_REJECT,
                       AC_STANCE_NOT_DISCUSSED, AC_STANCE_AGREE, AC_STANCE_AGREE};
    ac_stance_view sv = {"Stances", "stances", 2, 3, party, point, option, st};
    ac_chart *c = NULL;
    ac_error err;
    assert_int_equal(ac_chart_stances(&sv, &c, &err), AC_OK);
    assert_int_equal(count(c->svg, "class=\"cell\""), 6 + 4); /* cells and legend */
    assert_non_null(strstr(c->svg, "\xE2\x80\xA6")); /* the long title is cut */
    assert_non_null(strstr(c->table, "a very long title that goes on and on and on beyond any cell"));
    assert_non_null(strstr(c->table, "P&lt;1&gt;"));
    assert_int_equal(count(c->table, "<tr>"), 4);
    ac_report *r = ac_report_new("Title <x>", "sub");
    assert_non_null(r);
    assert_int_equal(ac_report_section(r, "Section one", "intro & more", &err), AC_OK);
    assert_int_equal(ac_report_add(r, c, &err), AC_OK);
    ac_progress pr[2] = {{1, 3, 0.25}, {3, 3, 1.0}};
    const char *label[2] = {"v1", "v2"};
    ac_progress_view pv = {2, label, pr};
    assert_int_equal(ac_chart_progress(&pv, &c, &err), AC_OK);
    assert_string_equal(c->name, "progress-versions");
    assert_non_null(strstr(c->table, "<td>1</td><td>3</td><td>33.3%</td><td>25%</td>"));
    assert_int_equal(count(c->svg, "class=\"bar count\""), 2);
    assert_int_equal(ac_report_add(r, c, &err), AC_OK);
    assert_int_equal(ac_report_add_html(r, "<p>note</p>", &err), AC_OK);
    return r;
}

static void test_page(void **state)
{
    (void)state;
    ac_report *r = small_report();
    assert_int_equal(ac_report_n_charts(r), 2);
    assert_string_equal(ac_report_chart(r, 0)->name, "stances");
    assert_string_equal(ac_report_chart(r, 1)->name, "progress-versions");
    assert_null(ac_report_chart(r, 2));
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ac_error err;
    assert_int_equal(ac_report_write_html(r, fp, &err), AC_OK);
    fclose(fp);
    assert_int_equal(strncmp(buf, "<!DOCTYPE html>", 15), 0);
    assert_non_null(strstr(buf, "<title>Title &lt;x&gt;</title>"));
    assert_non_null(strstr(buf, "intro &amp; more"));
    assert_int_equal(count(buf, "<svg "), 2);
    assert_int_equal(count(buf, "<figure"), 2);
    assert_true(strstr(buf, "id=\"chart-stances\"") < strstr(buf, "id=\"chart-progress-versions\""));
    assert_non_null(strstr(buf, "<div class=\"block\"><p>note</p></div>"));
    assert_null(strstr(buf, "<script"));
    free(buf);
    ac_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_frontier),
        cmocka_unit_test(test_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
