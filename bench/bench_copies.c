/* Benchmark (not a test): the Pareto programme's filter with one k-d tree per copy (the
 * previous layer shifted by one option; ac__groups, dominance.h) against one tree over all
 * candidates, in the same process, on the same models: the embedded model with US
 * interests (`ac_pareto_dp` over all outcomes, 4 parties x 27 points) and synthetic ones
 * of 4 to 8 parties (random, opposed). Each pair of runs alternates the two, REPS times;
 * it prints the best and the median CPU time of each and the ratio of the medians, and
 * checks that both give the same bytes. Usage: bench_copies [reps [us]] (default 5; us:
 * the model with US interests only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/accord.h"
#include "analysis/dp_frontier.h"

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s) { return (double)(splitmix(s) >> 11) * 0x1.0p-53; }

/* As bench_scale's, with no options per issue; opposed: even parties value an option at a
 * shared value, odd ones at 1 minus it, plus noise. */
static ac_model *synthetic(size_t np, size_t ni, size_t no, int opposed, uint64_t seed)
{
    ac_model *m = ac_model_new();
    uint64_t s = seed;
    char id[32];
    for (size_t i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%zu", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, i, 0.3, NULL);
        ac_model_set_has_preferences(m, i, NULL);
    }
    for (size_t k = 0; k < ni; k++) {
        snprintf(id, sizeof id, "i%zu", k);
        ac_model_add_issue(m, id, NULL, NULL, NULL);
        for (size_t q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%zu", q);
            ac_model_add_option(m, k, id, NULL, NULL, NULL);
            double shared = unit(&s);
            for (size_t i = 0; i < np; i++) {
                double v = unit(&s);
                if (opposed) {
                    v = (i % 2 ? 1 - shared : shared) + 0.1 * (v - 0.5);
                    v = v < 0 ? 0 : v > 1 ? 1 : v;
                }
                ac_model_set_value(m, i, k, q, v, NULL);
            }
        }
        for (size_t i = 0; i < np; i++)
            ac_model_set_weight(m, i, k, 0.05 + unit(&s), NULL);
    }
    return m;
}

/* ac_pareto_dp's run over all outcomes (its issue order, file-order ties). */
static double run(const ac_space *s, ac__dp_groups g, ac__dp_result *r, ac__dp_stats *stats)
{
    size_t *order = ac__dp_conflict_order(s, 0);
    ac__dp_opts o = {.order = order, .n_order = s->n_issues, .track = 1, .file_ties = 1,
                     .groups = g, .stats = stats};
    double t0 = cpu_now();
    ac_status st = ac__dp_run(s, &o, r, NULL);
    double t = cpu_now() - t0;
    free(order);
    return st ? -1 : t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void bench(const char *name, const ac_model *m, int reps)
{
    ac_space *s = NULL;
    if (ac_space_new(m, &s, NULL)) {
        printf("%-22s cannot build the space\n", name);
        return;
    }
    double one[64], cop[64];
    size_t points = 0;
    int same = 1;
    ac__dp_stats stats = {0};
    for (int r = 0; r < reps; r++) {
        ac__dp_result a, b;
        ac__dp_stats st = {0};
        one[r] = run(s, AC__DP_GROUPS_OFF, &a, NULL);
        cop[r] = run(s, AC__DP_GROUPS_AUTO, &b, &st);
        if (one[r] < 0 || cop[r] < 0) {
            printf("%-22s failed\n", name);
            ac_space_free(s);
            return;
        }
        stats = st;
        points = a.count;
        size_t np = s->n_parties, ni = s->n_issues;
        same &= a.count == b.count &&
                !memcmp(a.utility, b.utility, a.count * np * sizeof *a.utility) &&
                !memcmp(a.outcome, b.outcome, a.count * ni * sizeof *a.outcome);
        ac__dp_result_free(&a);
        ac__dp_result_free(&b);
    }
    qsort(one, (size_t)reps, sizeof *one, cmp_double);
    qsort(cop, (size_t)reps, sizeof *cop, cmp_double);
    double mo = one[reps / 2], mc = cop[reps / 2];
    printf("%-22s %9zu %7zu/%-3zu %8.3f %8.3f %8.3f %8.3f %7.2fx %5s\n", name, points,
           stats.grouped, stats.unproven, one[0], mo, cop[0], mc, mo / (mc > 1e-9 ? mc : 1e-9),
           same ? "yes" : "NO");
    fflush(stdout);
    ac_space_free(s);
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    if (reps < 1 || reps > 64)
        reps = 5;
    printf("bench_copies: the frontier over all outcomes (ac_pareto_dp's programme), one k-d\n"
           "tree per copy against one tree, CPU seconds, %d alternating runs each\n\n",
           reps);
    printf("%-22s %9s %11s %8s %8s %8s %8s %8s %5s\n", "model", "points", "copies/not",
           "one min", "one med", "cop min", "cop med", "ratio", "same");
    ac_model *us = NULL;
    if (!ac_model_load_file("@us-interests", &us, NULL, NULL)) {
        bench("us-interests 4x27", us, reps);
        ac_model_free(us);
    }
    if (argc > 2 && !strcmp(argv[2], "us"))
        return 0;
    static const struct {
        size_t np, ni, no;
        int opposed;
    } syn[] = {{4, 20, 4, 0}, {4, 16, 4, 1}, {4, 14, 4, 1}, {5, 14, 4, 0}, {5, 10, 4, 1},
               {6, 12, 4, 0}, {6, 9, 4, 1},  {8, 8, 4, 0},  {8, 6, 4, 1},  {4, 20, 2, 1},
               {4, 12, 3, 1}, {5, 10, 6, 0}, {4, 10, 6, 1}, {6, 8, 8, 0},  {4, 9, 8, 1}};
    for (size_t i = 0; i < sizeof syn / sizeof *syn; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s %zux%zu of %zu", syn[i].opposed ? "opposed" : "random",
                 syn[i].np, syn[i].ni, syn[i].no);
        ac_model *m = synthetic(syn[i].np, syn[i].ni, syn[i].no, syn[i].opposed, 77 + 13 * i);
        bench(name, m, reps);
        ac_model_free(m);
    }
    return 0;
}
