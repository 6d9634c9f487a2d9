/* Benchmark (not a test): the issue-by-issue Pareto frontier and the bargaining
 * solutions on synthetic models of 20, 30 and 40 issues (3 parties, 4 options, values
 * on a 1/20 grid, integer weights) and on the embedded model when it loads; and, on a
 * space of about 1e6 outcomes, the ratio against a straightforward frontier by
 * enumeration (visit every outcome, filter in batches).
 *
 * Every measurement runs in a forked child so that its peak resident size
 * (getrusage ru_maxrss, a high-water mark that never falls) is its own. The children
 * print the rows; the parent only waits. Usage: bench_frontier [max_points] (default
 * 5000000: a run that exceeds it reports the limit instead of a time). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "accord/yaml.h"
#include "analysis/dominance.h"

static size_t g_max_points = 5000000;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* 3 parties, n issues of 4 options, values k/20, weights 1..5, reservations 0.45, no
 * red lines: the shape of a long peace plan without its politics. With opposed set,
 * party 1 values each option at 1 minus party 0's value: a zero-sum core that makes
 * frontiers far larger (the hard case). */
static ac_model *synthetic(size_t n_issues, uint64_t seed, int opposed)
{
    ac_model *m = ac_model_new();
    if (!m)
        return NULL;
    uint64_t s = seed;
    char id[32];
    for (size_t i = 0; i < 3; i++) {
        snprintf(id, sizeof id, "p%zu", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, i, 0.45, NULL);
        ac_model_set_has_preferences(m, i, NULL);
    }
    for (size_t k = 0; k < n_issues; k++) {
        snprintf(id, sizeof id, "i%zu", k);
        ac_model_add_issue(m, id, NULL, NULL, NULL);
        for (size_t q = 0; q < 4; q++) {
            snprintf(id, sizeof id, "o%zu", q);
            ac_model_add_option(m, k, id, NULL, NULL, NULL);
            double v[3];
            for (size_t i = 0; i < 3; i++)
                v[i] = (double)(splitmix(&s) % 21) / 20.0;
            if (opposed)
                v[1] = 1.0 - v[0];
            for (size_t i = 0; i < 3; i++)
                ac_model_set_value(m, i, k, q, v[i], NULL);
        }
        for (size_t i = 0; i < 3; i++)
            ac_model_set_weight(m, i, k, (double)(1 + splitmix(&s) % 5), NULL);
    }
    return m;
}

static void row(const char *model, const ac_space *s, const char *what, const char *size,
                double secs, const char *ratio)
{
    char buf[48];
    const char *outc = s->outcomes_overflow ? "overflow" : buf;
    if (!s->outcomes_overflow) {
        if (s->outcomes_log10 < 12)
            ac__u128_str(s->outcomes, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%.2e", ac__u128_double(s->outcomes));
    }
    printf("%-18s %-12s %-20s %10s %10.4f %9.1f %8s\n", model, outc, what, size, secs,
           peak_mb(), ratio);
    fflush(stdout);
}

/* Timed runs per row; the best counts (the cores are shared, the noise is one-sided). */
#define REPEATS 3

/* One measurement: 0 dp all, 1 dp feasible, 2 dp feasible + solutions. Sets *secs and
 * *count; returns the status. */
static ac_status measure_once(const ac_space *s, int which, double *secs, size_t *count,
                              ac_error *err)
{
    ac_frontier *f = NULL;
    double t0 = now();
    ac_status st = ac_pareto_dp(s, which != 0, g_max_points, &f, err);
    if (!st && which == 2) {
        t0 = now(); /* the solutions alone */
        ac_solutions sol;
        st = ac_solutions_compute(s, f, &sol, err);
        if (!st)
            ac_solutions_free(&sol);
    }
    *secs = now() - t0;
    *count = f ? f->count : 0;
    ac_frontier_free(f);
    return st;
}

static ac_status measure(const ac_space *s, int which, double *secs, size_t *count,
                         ac_error *err)
{
    double best = 0;
    for (int r = 0; r < REPEATS; r++) {
        ac_status st = measure_once(s, which, secs, count, err);
        if (st)
            return st;
        if (r == 0 || *secs < best)
            best = *secs;
    }
    *secs = best;
    return AC_OK;
}

static void run_dp_rows(const char *name, const ac_space *s)
{
    static const char *what[3] = {"dp all", "dp feasible", "solutions"};
    for (int w = 0; w < 3; w++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return;
        }
        if (pid == 0) {
            ac_error err;
            double secs;
            size_t count;
            ac_status st = measure(s, w, &secs, &count, &err);
            char size[32];
            if (st)
                snprintf(size, sizeof size, "%s", ac_err_name(st));
            else
                snprintf(size, sizeof size, "%zu", count);
            row(name, s, what[w], size, st ? 0 : secs, "");
            if (st)
                printf("  (%s)\n", err.message);
            fflush(stdout);
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
    }
}

/* The straightforward way: every outcome in lexicographic order (odometer, utilities
 * updated from the changed issue on), kept in a buffer that is filtered whenever it
 * fills; the survivors stay in front, in visiting order, so ties keep the first
 * outcome as the programme does. Returns the frontier size, or (size_t)-1 on failure. */
static size_t enumerate_frontier(const ac_space *s, int feasible)
{
    const size_t d = s->n_parties, ni = s->n_issues;
    size_t cap = 1 << 16, n = 0;
    double *u = malloc(cap * d * sizeof *u);
    unsigned char *keep = malloc(cap);
    uint32_t *o = calloc(ni, sizeof *o);
    double *pre = calloc((ni + 1) * d, sizeof *pre);
    if (!u || !keep || !o || !pre)
        goto fail;
    size_t k = 0; /* issues from k on need their prefix sums recomputed */
    for (;;) {
        for (size_t j = k; j < ni; j++)
            for (size_t i = 0; i < d; i++)
                pre[(j + 1) * d + i] = pre[j * d + i] + s->contrib[j][(size_t)o[j] * d + i];
        const double *x = pre + ni * d;
        int ok = 1;
        if (feasible) {
            for (size_t j = 0; j < ni && ok; j++)
                ok = s->allowed[j][o[j]];
            for (size_t i = 0; i < d && ok; i++)
                ok = x[i] >= s->reservation[i] - AC_EPS;
        }
        if (ok) {
            if (n == cap) {
                if (ac__pareto_filter(u, n, d, keep))
                    goto fail;
                size_t w = 0;
                for (size_t a = 0; a < n; a++)
                    if (keep[a])
                        memmove(u + w++ * d, u + a * d, d * sizeof *u);
                n = w;
                if (n > cap / 2) {
                    cap *= 2;
                    double *nu = realloc(u, cap * d * sizeof *u);
                    unsigned char *nk = realloc(keep, cap);
                    if (nu)
                        u = nu;
                    if (nk)
                        keep = nk;
                    if (!nu || !nk)
                        goto fail;
                }
            }
            memcpy(u + n++ * d, x, d * sizeof *u);
        }
        size_t j = ni;
        while (j > 0 && ++o[j - 1] == s->n_options[j - 1])
            o[--j] = 0;
        if (j == 0)
            break;
        k = j - 1;
    }
    if (n && ac__pareto_filter(u, n, d, keep))
        goto fail;
    size_t count = 0;
    for (size_t a = 0; a < n; a++)
        count += keep[a];
    free(u);
    free(keep);
    free(o);
    free(pre);
    return count;
fail:
    free(u);
    free(keep);
    free(o);
    free(pre);
    return (size_t)-1;
}

static void run_enum_rows(const char *name, const ac_space *s)
{
    for (int feasible = 0; feasible <= 1; feasible++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return;
        }
        if (pid == 0) {
            double t0 = now();
            size_t ne = enumerate_frontier(s, feasible);
            double te = now() - t0;
            ac_frontier *f = NULL;
            ac_status st = AC_OK;
            double td = 0;
            for (int r = 0; r < REPEATS && !st; r++) {
                ac_frontier_free(f);
                f = NULL;
                t0 = now();
                st = ac_pareto_dp(s, feasible, 0, &f, NULL);
                if (r == 0 || now() - t0 < td)
                    td = now() - t0;
            }
            char size[32], ratio[32];
            snprintf(size, sizeof size, "%zu", ne);
            snprintf(ratio, sizeof ratio, "%.0fx", td > 0 ? te / td : 0);
            row(name, s, feasible ? "enumerate feasible" : "enumerate all", size, te, ratio);
            if (st || f->count != ne)
                printf("  MISMATCH: the programme found %zu points\n", f ? f->count : 0);
            ac_frontier_free(f);
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
    }
}

static void bench_model(const char *name, ac_model *m, int with_enum)
{
    ac_space *s;
    ac_error err;
    if (ac_space_new(m, &s, &err)) {
        printf("%-18s skipped: %s\n", name, err.message);
        return;
    }
    run_dp_rows(name, s);
    if (with_enum)
        run_enum_rows(name, s);
    ac_space_free(s);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_max_points = (size_t)strtoull(argv[1], NULL, 10);
    printf("bench_frontier: times in seconds (best of 3), peak RSS in MB of a fresh process per\n"
           "row; "
           "'solutions' times ac_solutions_compute alone, its size is the feasible frontier;\n"
           "ratio = enumeration time / ac_pareto_dp time on the same space.\n\n");
    printf("%-18s %-12s %-20s %10s %10s %9s %8s\n", "model", "outcomes", "method", "frontier",
           "time", "peak MB", "ratio");
    ac_model *m = synthetic(10, 10, 0);
    if (m)
        bench_model("synthetic-10", m, 1);
    ac_model_free(m);
    m = synthetic(10, 10, 1);
    if (m)
        bench_model("opposed-10", m, 1);
    ac_model_free(m);
    for (int opposed = 0; opposed <= 1; opposed++)
        for (size_t n = 20; n <= 40; n += 10) {
            char name[32];
            snprintf(name, sizeof name, "%s-%zu", opposed ? "opposed" : "synthetic", n);
            m = synthetic(n, n, opposed);
            if (m)
                bench_model(name, m, 0);
            ac_model_free(m);
        }
    ac_error err;
    m = NULL;
    if (ac_model_load_file("@default", &m, NULL, &err) == AC_OK && m) {
        bench_model("embedded", m, 0);
        ac_model_free(m);
    } else {
        printf("%-18s skipped: the embedded model does not load (%s)\n", "embedded",
               err.message);
    }
    return 0;
}
