/* ac_frontier_normalize against a quadratic brute force on random point sets, in one to
 * five dimensions, with many ties (grid values) and without. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/accord.h"
#include "oracle.h"
#include "randmodel.h"

static void one_case(uint64_t seed, size_t n, size_t d, int grid)
{
    uint64_t s = seed;
    ac_frontier *f = calloc(1, sizeof *f);
    f->n_parties = d;
    f->n_issues = 2;
    f->count = n;
    f->utility = malloc(n * d * sizeof(double));
    f->outcome = malloc(n * 2 * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d; j++)
            f->utility[i * d + j] = grid ? (double)rand_int(&s, 0, grid) / grid * 0.3 + 0.1 * 0.1 * 3
                                         : rand_unit(&s);
        /* outcomes in random order so the lexicographic tie-break is exercised */
        f->outcome[i * 2] = (uint32_t)rand_int(&s, 0, 1000);
        f->outcome[i * 2 + 1] = (uint32_t)i;
    }
    double *u = malloc(n * d * sizeof(double));
    uint32_t *o = malloc(n * 2 * sizeof(uint32_t));
    memcpy(u, f->utility, n * d * sizeof(double));
    memcpy(o, f->outcome, n * 2 * sizeof(uint32_t));
    assert_int_equal(ac_frontier_normalize(f, NULL), AC_OK);
    /* brute force: i is on the frontier when nothing dominates it; its representative is
     * the lexicographically smallest outcome among equal vectors */
    size_t expected = 0;
    for (size_t i = 0; i < n; i++) {
        int dominated = 0, first = 1;
        for (size_t j = 0; j < n && !dominated; j++) {
            if (oracle_dominates(u + j * d, u + i * d, d))
                dominated = 1;
            else if (j != i && oracle_equal(u + j * d, u + i * d, d) &&
                     (o[j * 2] < o[i * 2] || (o[j * 2] == o[i * 2] && o[j * 2 + 1] < o[i * 2 + 1])))
                first = 0;
        }
        if (dominated || !first)
            continue;
        expected++;
        size_t a = 0;
        while (a < f->count && !oracle_equal(f->utility + a * d, u + i * d, d))
            a++;
        assert_true(a < f->count);
        assert_memory_equal(f->outcome + a * 2, o + i * 2, 2 * sizeof(uint32_t));
    }
    assert_int_equal(f->count, expected);
    for (size_t a = 1; a < f->count; a++)
        assert_true(f->utility[(a - 1) * d] >= f->utility[a * d] - AC_EPS);
    free(u);
    free(o);
    ac_frontier_free(f);
}

static void test_random_sets(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 300; seed++) {
        size_t d = 1 + seed % 5;
        size_t n = 1 + (size_t)(seed * 7919 % 400);
        one_case(seed, n, d, seed % 3 == 0 ? 0 : (int)(2 + seed % 6));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_random_sets)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
