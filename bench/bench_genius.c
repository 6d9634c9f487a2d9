/* Benchmark (not a test): GENIUS interoperability at scale.
 *
 * 1. Synthetic GENIUS scenarios of 10 to 40 discrete issues (5 values each, 2 parties,
 *    integer evaluations 1..10 as ANAC files have them, random weights, reservation
 *    0.6) are written to a temporary folder in GENIUS's layout, then loaded as a folder
 *    (ac_scenario_load: classification, parsing, model building) and analysed: the
 *    exact Pareto frontier (ac_pareto_dp) and, up to full_max issues, the whole analysis
 *    (ZOPA count, frontier, Nash / Kalai / welfare).
 * 2. ac_pareto_dp against a straightforward frontier by enumeration (every outcome's
 *    utilities from scratch, sorted, one sweep) on the spaces where enumeration is
 *    feasible (up to about 1e7 outcomes), as a time ratio; both counts are printed so a
 *    disagreement would show.
 * Usage: bench_genius [max_issues [full_max]] (defaults 40 and 40: the whole analysis
 * runs up to full_max issues). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

enum { N_VALUES = 5, N_PARTIES = 2 };
#define RESERVATION 0.6 /* above the mean utility (about 0.55): a ZOPA that is a real subset */

/* Writes dir/domain.xml and dir/party<i>.xml. */
static int write_scenario(const char *dir, size_t n_issues, uint64_t seed)
{
    char path[512];
    snprintf(path, sizeof path, "%s/domain.xml", dir);
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fprintf(fp, "<negotiation_template>\n<utility_space number_of_issues=\"%zu\">\n"
                "<objective index=\"0\" etype=\"objective\" type=\"objective\" name=\"Synthetic %zu\">\n",
            n_issues, n_issues);
    for (size_t k = 0; k < n_issues; k++) {
        fprintf(fp, "  <issue index=\"%zu\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" "
                    "name=\"Issue %zu\">\n", k + 1, k + 1);
        for (size_t o = 0; o < N_VALUES; o++)
            fprintf(fp, "    <item index=\"%zu\" value=\"Option %zu\" cost=\"0\" description=\"Option %zu\"/>\n",
                    o + 1, o + 1, o + 1);
        fputs("  </issue>\n", fp);
    }
    fputs("</objective>\n</utility_space>\n</negotiation_template>\n", fp);
    if (fclose(fp))
        return -1;
    uint64_t s = seed;
    for (size_t p = 0; p < N_PARTIES; p++) {
        snprintf(path, sizeof path, "%s/party%zu.xml", dir, p + 1);
        if (!(fp = fopen(path, "w")))
            return -1;
        fputs("<utility_space>\n<objective index=\"0\" etype=\"objective\" type=\"objective\" name=\"x\">\n", fp);
        double w[64], sum = 0;
        for (size_t k = 0; k < n_issues; k++)
            sum += w[k] = 1 + (double)(splitmix(&s) % 9);
        for (size_t k = 0; k < n_issues; k++) {
            fprintf(fp, "  <issue index=\"%zu\" etype=\"discrete\" type=\"discrete\" name=\"Issue %zu\">\n", k + 1, k + 1);
            for (size_t o = 0; o < N_VALUES; o++)
                fprintf(fp, "    <item index=\"%zu\" value=\"Option %zu\" evaluation=\"%u\"/>\n", o + 1, o + 1,
                        1 + (unsigned)(splitmix(&s) % 10));
            fputs("  </issue>\n", fp);
        }
        for (size_t k = 0; k < n_issues; k++)
            fprintf(fp, "  <weight index=\"%zu\" value=\"%.17g\"/>\n", k + 1, w[k] / sum);
        fprintf(fp, "</objective>\n<discount_factor value=\"0\"/>\n<reservation value=\"%g\"/>\n</utility_space>\n", RESERVATION);
        if (fclose(fp))
            return -1;
    }
    return 0;
}

/* ---- the straightforward frontier: every outcome from scratch, sort, sweep ---- */

static int cmp_desc(const void *a, const void *b)
{
    const double *x = a, *y = b;
    if (x[0] != y[0])
        return x[0] > y[0] ? -1 : 1;
    return x[1] > y[1] ? -1 : x[1] < y[1];
}

static size_t enum_frontier(const ac_space *s)
{
    size_t n = 1;
    for (size_t k = 0; k < s->n_issues; k++)
        n *= s->n_options[k];
    double *u = malloc(2 * n * sizeof *u);
    uint32_t *o = calloc(s->n_issues, sizeof *o);
    if (!u || !o) {
        free(u);
        free(o);
        return 0;
    }
    for (size_t x = 0; x < n; x++) {
        ac_space_utility(s, o, &u[2 * x]);
        size_t k = s->n_issues;
        while (k > 0 && ++o[k - 1] == s->n_options[k - 1])
            o[--k] = 0;
    }
    qsort(u, n, 2 * sizeof *u, cmp_desc);
    /* Sorted by the first utility descending, a point is on the frontier when its second
     * utility beats every earlier one; with the AC_EPS tolerance it may also dominate
     * kept points whose first utility is within AC_EPS of its own, which are dropped. */
    double *keep = malloc(2 * n * sizeof *keep);
    size_t count = 0;
    double best = -1;
    for (size_t x = 0; keep && x < n; x++) {
        double a = u[2 * x], b = u[2 * x + 1];
        if (!(b > best + AC_EPS))
            continue;
        while (count > 0 && keep[2 * (count - 1)] <= a + AC_EPS)
            count--;
        keep[2 * count] = a;
        keep[2 * count + 1] = b;
        count++;
        best = b;
    }
    free(keep);
    free(u);
    free(o);
    return count;
}

int main(int argc, char **argv)
{
    size_t max_issues = argc > 1 ? (size_t)atoi(argv[1]) : 40;
    size_t full_max = argc > 2 ? (size_t)atoi(argv[2]) : 40;
    char dir[] = "/tmp/accord-bench-genius-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    printf("GENIUS scenarios: %d parties, %d values per issue, reservation %g (times in seconds)\n\n",
           N_PARTIES, N_VALUES, RESERVATION);
    printf("| issues | outcomes | write XML | import folder | frontier points | frontier (dp) | full analysis | ZOPA |\n");
    printf("|---|---|---|---|---|---|---|---|\n");
    for (size_t n = 10; n <= max_issues && n <= 40; n += 10) {
        char sub[128];
        snprintf(sub, sizeof sub, "%s/s%zu", dir, n);
        mkdir(sub, 0777);
        double t0 = now();
        if (write_scenario(sub, n, 42 + n)) {
            fprintf(stderr, "cannot write %s\n", sub);
            return 1;
        }
        double t1 = now();
        ac_model *m;
        ac_error err;
        if (ac_scenario_load(sub, 0, &m, NULL, &err)) {
            fprintf(stderr, "%s:%d: %s\n", err.file, err.line, err.message);
            return 1;
        }
        double t2 = now();
        ac_space *s;
        ac_frontier *f;
        if (ac_space_new(m, &s, &err) || ac_pareto_dp(s, 0, 0, &f, &err)) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        double t3 = now();
        char full[64] = "(skipped)", zopa[64] = "";
        if (n <= full_max) {
            ac_analyze_opts ao;
            ac_analyze_opts_init(&ao);
            ac_analysis *a;
            double t4 = now();
            if (ac_analyze(m, &ao, &a, &err) == AC_OK) {
                snprintf(full, sizeof full, "%.3f", now() - t4);
                snprintf(zopa, sizeof zopa, "%.3e %s", a->zopa.estimate, a->zopa.exact ? "exact" : "estimate");
                ac_analysis_free(a);
            }
        }
        printf("| %zu | %.1e | %.4f | %.4f | %zu | %.4f | %s | %s |\n", n, s->outcomes_log10 > 0 ? pow(10.0, s->outcomes_log10) : 1.0,
               t1 - t0, t2 - t1, f->count, t3 - t2, full, zopa);
        fflush(stdout);
        ac_frontier_free(f);
        ac_space_free(s);
        ac_model_free(m);
    }

    printf("\nFrontier: issue-by-issue DP against enumeration (every outcome, sort, sweep)\n\n");
    printf("| issues | outcomes | points (dp / enum) | dp | enumeration | ratio |\n|---|---|---|---|---|---|\n");
    for (size_t n = 6; n <= 10; n += 2) {
        char sub[128];
        snprintf(sub, sizeof sub, "%s/e%zu", dir, n);
        mkdir(sub, 0777);
        ac_model *m;
        ac_space *s;
        ac_frontier *f;
        ac_error err;
        if (write_scenario(sub, n, 7 + n) || ac_scenario_load(sub, 0, &m, NULL, &err) ||
            ac_space_new(m, &s, &err)) {
            fprintf(stderr, "setup failed\n");
            return 1;
        }
        double t0 = now();
        int reps = 0;
        do {
            if (reps)
                ac_frontier_free(f);
            if (ac_pareto_dp(s, 0, 0, &f, &err))
                return 1;
            reps++;
        } while (now() - t0 < 0.2);
        double tdp = (now() - t0) / reps;
        double t1 = now();
        size_t ce = enum_frontier(s);
        double ten = now() - t1;
        printf("| %zu | %.1e | %zu / %zu | %.5f | %.3f | x%.0f |\n", n, pow(10.0, s->outcomes_log10), f->count, ce,
               tdp, ten, ten / tdp);
        fflush(stdout);
        ac_frontier_free(f);
        ac_space_free(s);
        ac_model_free(m);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
