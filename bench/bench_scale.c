/* Benchmark (not a test): the Pareto frontier over all outcomes for 2 to 8 parties and
 * 10 to 40 issues of 4 options, with random, correlated and opposed values, computed by
 * the issue-by-issue programme with the k-d tree filter and, in the same process, with
 * the old filter (a scan over every kept point), as a ratio.
 *
 * Values: random, uniform in [0,1]; correlated, every party's value is a shared value
 * per option plus a little noise of its own (small frontiers); opposed, party i values
 * an option at the shared value for even i and 1 minus it for odd i, plus noise (the
 * large frontiers of zero-sum talks). Weights uniform in [0,1].
 *
 * Each run is budgeted (BUDGET_S seconds, 5e6 points): a run that stops says at which
 * issue, and a ratio against a stopped scan is a lower bound (">="). Every measurement
 * runs in a forked child, so its peak resident size (ru_maxrss) is its own.
 * Last, the method choice of `auto` against forced enumeration on 2-party spaces of
 * 1e6 to 1e9 outcomes (the whole analysis). Usage: bench_scale [seconds per run]
 * (default 5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "analysis/budget.h"
#include "analysis/dp_frontier.h"

static double g_budget = 5.0;

enum { RANDOM, CORRELATED, OPPOSED };
static const char *const kind_name[] = {"random", "correlated", "opposed"};

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s) { return (double)(splitmix(s) >> 11) * 0x1.0p-53; }

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

static ac_model *synthetic(size_t np, size_t ni, int kind, uint64_t seed)
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
        for (size_t q = 0; q < 4; q++) {
            snprintf(id, sizeof id, "o%zu", q);
            ac_model_add_option(m, k, id, NULL, NULL, NULL);
            double shared = unit(&s);
            for (size_t i = 0; i < np; i++) {
                double v = unit(&s);
                if (kind == CORRELATED)
                    v = clamp01(shared + 0.1 * (v - 0.5));
                else if (kind == OPPOSED)
                    v = clamp01((i % 2 ? 1 - shared : shared) + 0.1 * (v - 0.5));
                ac_model_set_value(m, i, k, q, v, NULL);
            }
        }
        for (size_t i = 0; i < np; i++)
            ac_model_set_weight(m, i, k, 0.05 + unit(&s), NULL);
    }
    return m;
}

typedef struct {
    double seconds, peak_mb;
    size_t points;
    int stopped;        /* 0: done; else the issues taken when it stopped + 1 */
} result;

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

typedef struct {
    size_t layers;
} layer_count;

static ac_status count_layer(void *ctx, size_t layer, const double *u, size_t n)
{
    (void)u;
    (void)n;
    ((layer_count *)ctx)->layers = layer;
    return AC_OK;
}

/* One frontier in a child process; the result comes back through a pipe. */
static result measure(size_t np, size_t ni, int kind, ac__filter_kind filter)
{
    result r = {0};
    int fd[2];
    if (pipe(fd))
        return r;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        ac_model *m = synthetic(np, ni, kind, 1000 + 31 * np + ni + 7 * (uint64_t)kind);
        ac_space *s = NULL;
        if (ac_space_new(m, &s, NULL))
            _exit(1);
        ac__budget b = {.deadline = ac__now() + g_budget, .max_points = 5000000};
        layer_count lc = {0};
        ac__dp_opts o = {.track = 1, .budget = &b, .filter = filter, .on_layer = count_layer,
                         .ctx = &lc};
        ac__dp_result res;
        double t0 = ac__now();
        ac_status st = ac__dp_run(s, &o, &res, NULL);
        result out = {ac__now() - t0, peak_mb(), st ? 0 : res.count, st ? (int)lc.layers + 1 : 0};
        if (!st)
            ac__dp_result_free(&res);
        if (write(fd[1], &out, sizeof out) != (ssize_t)sizeof out)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (pid > 0) {
        if (read(fd[0], &r, sizeof r) != (ssize_t)sizeof r)
            memset(&r, 0, sizeof r);
        waitpid(pid, NULL, 0);
    }
    close(fd[0]);
    return r;
}

/* The method choice: the whole analysis (ZOPA count, both frontiers, solutions) with
 * auto against each forced method, 2 parties, random values, 4^10 to 4^15 outcomes. */
static double analyse_once(const ac_model *m, ac_method method, ac_method *ran)
{
    ac_analyze_opts o;
    ac_analyze_opts_init(&o);
    o.method = method;
    ac_analysis *a = NULL;
    double t0 = ac__now();
    ac_status st = ac_analyze(m, &o, &a, NULL);
    double t = ac__now() - t0;
    if (ran)
        *ran = st ? AC_METHOD_AUTO : a->method;
    ac_analysis_free(a);
    return st ? -1 : t;
}

static void bench_method_choice(void)
{
    printf("\nmethod choice: whole analysis, 2 parties, random values, 4 options per issue\n");
    printf("%-7s %10s %10s %10s %10s %12s\n", "issues", "outcomes", "auto s", "picked",
           "enum s", "enum / auto");
    for (size_t ni = 10; ni <= 15; ni++) {
        ac_model *m = synthetic(2, ni, RANDOM, 99 + ni);
        ac_method ran;
        double ta = analyse_once(m, AC_METHOD_AUTO, &ran);
        double te = analyse_once(m, AC_METHOD_ENUMERATE, NULL);
        printf("%-7zu %10.3g %10.4f %10s %10.4f %11.0fx\n", ni, (double)(1ull << (2 * ni)), ta,
               ac_method_name(ran), te, te / (ta > 1e-6 ? ta : 1e-6));
        fflush(stdout);
        ac_model_free(m);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1)
        g_budget = atof(argv[1]) > 0 ? atof(argv[1]) : g_budget;
    static const size_t parties[] = {2, 3, 4, 5, 6, 8};
    static const size_t issues[] = {10, 20, 27, 40};
    printf("bench_scale: Pareto frontier over all outcomes, 4 options per issue, budget %.0f s "
           "per run\n", g_budget);
    printf("k-d tree filter against the old scan filter, same process, same models\n\n");
    printf("%-10s %7s %6s %10s %9s %9s %9s %10s\n", "values", "parties", "issues", "points",
           "kd s", "kd MB", "scan s", "ratio");
    for (int kind = 0; kind < 3; kind++)
        for (size_t a = 0; a < sizeof parties / sizeof *parties; a++)
            for (size_t b = 0; b < sizeof issues / sizeof *issues; b++) {
                size_t np = parties[a], ni = issues[b];
                result kd = measure(np, ni, kind, AC__FILTER_AUTO);
                char pts[32], ratio[32], scan_s[32];
                if (kd.stopped)
                    snprintf(pts, sizeof pts, "stop@%d", kd.stopped - 1);
                else
                    snprintf(pts, sizeof pts, "%zu", kd.points);
                if (np < 4) { /* the same filter either way below four parties */
                    snprintf(scan_s, sizeof scan_s, "-");
                    snprintf(ratio, sizeof ratio, "-");
                } else if (kd.stopped) {
                    snprintf(scan_s, sizeof scan_s, "-");
                    snprintf(ratio, sizeof ratio, "-");
                } else {
                    result sc = measure(np, ni, kind, AC__FILTER_SCAN);
                    snprintf(scan_s, sizeof scan_s, "%s%.2f", sc.stopped ? ">" : "", sc.seconds);
                    snprintf(ratio, sizeof ratio, "%s%.1fx", sc.stopped ? ">=" : "",
                             sc.seconds / (kd.seconds > 1e-6 ? kd.seconds : 1e-6));
                }
                printf("%-10s %7zu %6zu %10s %9.3f %9.1f %9s %10s\n", kind_name[kind], np, ni,
                       pts, kd.seconds, kd.peak_mb, scan_s, ratio);
                fflush(stdout);
                /* larger spaces only stop sooner once a party count stops */
                if (kd.stopped)
                    break;
            }
    bench_method_choice();
    return 0;
}
