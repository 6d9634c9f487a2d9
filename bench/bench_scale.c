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
 * The programme runs in ac_pareto_dp's issue order (ascending conflict) and, as a second
 * ratio, in file order, the order it used to take.
 * Each run is budgeted (BUDGET_S seconds, 5e6 points): a run that stops says at which
 * issue, and a ratio against a stopped scan is a lower bound (">="). Every measurement
 * runs in a forked child, so its peak resident size (ru_maxrss) is its own.
 * Then the Nash, Kalai and welfare points: the branch and bound over the ZOPA (bnb.c,
 * no frontier) against the frontier-based way (the frontier over the ZOPA, then
 * ac_solutions_compute), same budget, same models (reservations 0.3), as a ratio.
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
#include "analysis/bnb.h"
#include "analysis/budget.h"
#include "analysis/dp_frontier.h"
#include "analysis/solutions_internal.h"

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

/* One measurement: what to run, on which synthetic model. */
typedef struct {
    size_t np, ni;
    int kind;
    ac__filter_kind filter; /* frontier runs */
    int ordered;            /* frontier runs: 1 in ac_pareto_dp's issue order, 0 in file order */
    int bnb;                /* solution runs: 1 branch and bound, 0 the frontier way */
    uint64_t seed;
} job;

/* The frontier over all outcomes. */
static result run_frontier(const ac_space *s, const job *j)
{
    ac__budget b = {.deadline = ac__now() + g_budget, .max_points = 5000000};
    layer_count lc = {0};
    size_t *order = j->ordered ? ac__dp_conflict_order(s, 0) : NULL;
    ac__dp_opts o = {.order = order, .n_order = s->n_issues, .track = 1, .file_ties = 1,
                     .budget = &b, .filter = j->filter, .on_layer = count_layer, .ctx = &lc};
    ac__dp_result res;
    double t0 = ac__now();
    ac_status st = ac__dp_run(s, &o, &res, NULL);
    free(order);
    result out = {ac__now() - t0, peak_mb(), st ? 0 : res.count, st ? (int)lc.layers + 1 : 0};
    if (!st)
        ac__dp_result_free(&res);
    return out;
}

/* The Nash, Kalai and welfare points; points: the search nodes (branch and bound) or the
 * feasible frontier's size. */
static result run_solutions(const ac_space *s, const job *j)
{
    ac__budget b = {.deadline = ac__now() + g_budget, .max_points = 5000000};
    ac_solutions sol;
    result out = {0};
    double t0 = ac__now();
    if (j->bnb) {
        size_t nodes = 0;
        ac_status st = ac__solutions_bnb(s, &b, 0, &sol, &nodes, NULL, NULL);
        out.points = nodes;
        out.stopped = st != AC_OK;
        if (!st)
            ac_solutions_free(&sol);
    } else {
        ac_frontier *f = NULL;
        ac_status st = ac__pareto_dp_budget(s, 1, 0, &b, NULL, NULL, NULL, &f, NULL);
        if (!st) {
            out.points = f->count;
            st = ac__solutions_budget(s, f, &b, &sol, NULL);
            if (!st)
                ac_solutions_free(&sol);
            ac_frontier_free(f);
        }
        out.stopped = st != AC_OK;
    }
    out.seconds = ac__now() - t0;
    out.peak_mb = peak_mb();
    return out;
}

/* run(space, j) in a child process, so that its peak memory is its own; the result
 * comes back through a pipe. */
static result in_child(result (*run)(const ac_space *, const job *), const job *j)
{
    result r = {0};
    int fd[2];
    if (pipe(fd))
        return r;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        ac_model *m = synthetic(j->np, j->ni, j->kind, j->seed);
        ac_space *s = NULL;
        if (ac_space_new(m, &s, NULL))
            _exit(1);
        result out = run(s, j);
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

static result measure(size_t np, size_t ni, int kind, ac__filter_kind filter, int ordered)
{
    job j = {np, ni, kind, filter, ordered, 0, 1000 + 31 * np + ni + 7 * (uint64_t)kind};
    return in_child(run_frontier, &j);
}

static result measure_solutions(size_t np, size_t ni, int kind, int bnb)
{
    job j = {np, ni, kind, AC__FILTER_AUTO, 0, bnb, 5000 + 31 * np + ni + 7 * (uint64_t)kind};
    return in_child(run_solutions, &j);
}

static void bench_solutions(void)
{
    static const size_t parties[] = {3, 4, 5, 6, 8};
    static const size_t issues[] = {10, 20, 27, 40};
    printf("\nbargaining solutions: branch and bound (no frontier) against the frontier way\n");
    printf("%-10s %7s %6s %12s %9s %9s %10s %9s %9s %10s\n", "values", "parties", "issues",
           "bnb nodes", "bnb s", "bnb MB", "frontier", "front s", "front MB", "ratio");
    for (int kind = 0; kind < 3; kind++)
        for (size_t a = 0; a < sizeof parties / sizeof *parties; a++)
            for (size_t b = 0; b < sizeof issues / sizeof *issues; b++) {
                size_t np = parties[a], ni = issues[b];
                result bb = measure_solutions(np, ni, kind, 1);
                result fr = measure_solutions(np, ni, kind, 0);
                char nodes[32], pts[32], ratio[32];
                snprintf(nodes, sizeof nodes, "%s%zu", bb.stopped ? "stop@" : "", bb.points);
                snprintf(pts, sizeof pts, "%s", fr.stopped ? "stopped" : "");
                if (!fr.stopped)
                    snprintf(pts, sizeof pts, "%zu", fr.points);
                if (bb.stopped || (fr.seconds < 1e-3 && bb.seconds < 1e-3))
                    snprintf(ratio, sizeof ratio, "-"); /* none, or both under the clock's noise */
                else
                    snprintf(ratio, sizeof ratio, "%s%.0fx", fr.stopped ? ">=" : "",
                             fr.seconds / (bb.seconds > 1e-6 ? bb.seconds : 1e-6));
                printf("%-10s %7zu %6zu %12s %9.3f %9.1f %10s %9.3f %9.1f %10s\n",
                       kind_name[kind], np, ni, nodes, bb.seconds, bb.peak_mb, pts, fr.seconds,
                       fr.peak_mb, ratio);
                fflush(stdout);
                if (bb.stopped && fr.stopped)
                    break;
            }
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
    printf("bench_scale: Pareto frontier over all outcomes, 4 options per issue, budget %g s "
           "per run\n", g_budget);
    printf("k-d tree filter in ac_pareto_dp's issue order (ascending conflict), against the same\n"
           "filter in file order and against the old scan filter in file order (the old\n"
           "programme), same process, same models\n\n");
    printf("%-10s %7s %6s %10s %9s %9s %9s %9s %9s %10s\n", "values", "parties", "issues",
           "points", "kd s", "kd MB", "file s", "order", "scan s", "ratio");
    for (int kind = 0; kind < 3; kind++)
        for (size_t a = 0; a < sizeof parties / sizeof *parties; a++)
            for (size_t b = 0; b < sizeof issues / sizeof *issues; b++) {
                size_t np = parties[a], ni = issues[b];
                result kd = measure(np, ni, kind, AC__FILTER_AUTO, 1);
                result fo = measure(np, ni, kind, AC__FILTER_AUTO, 0);
                char pts[32], ratio[32], scan_s[32], file_s[32], gain[32];
                if (kd.stopped)
                    snprintf(pts, sizeof pts, "stop@%d", kd.stopped - 1);
                else
                    snprintf(pts, sizeof pts, "%zu", kd.points);
                snprintf(file_s, sizeof file_s, "%s%.3f", fo.stopped ? ">" : "", fo.seconds);
                if (kd.stopped || kd.seconds < 1e-3)
                    snprintf(gain, sizeof gain, "-");
                else
                    snprintf(gain, sizeof gain, "%s%.2fx", fo.stopped ? ">=" : "",
                             fo.seconds / kd.seconds);
                if (np < 4 || kd.stopped) { /* the same filter either way below four parties */
                    snprintf(scan_s, sizeof scan_s, "-");
                    snprintf(ratio, sizeof ratio, "-");
                } else {
                    result sc = measure(np, ni, kind, AC__FILTER_SCAN, 0);
                    snprintf(scan_s, sizeof scan_s, "%s%.2f", sc.stopped ? ">" : "", sc.seconds);
                    snprintf(ratio, sizeof ratio, "%s%.1fx", sc.stopped ? ">=" : "",
                             sc.seconds / (kd.seconds > 1e-6 ? kd.seconds : 1e-6));
                }
                printf("%-10s %7zu %6zu %10s %9.3f %9.1f %9s %9s %9s %10s\n", kind_name[kind], np,
                       ni, pts, kd.seconds, kd.peak_mb, file_s, gain, scan_s, ratio);
                fflush(stdout);
                /* larger spaces only stop sooner once a party count stops */
                if (kd.stopped)
                    break;
            }
    bench_solutions();
    bench_method_choice();
    return 0;
}
