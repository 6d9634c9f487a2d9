/* Benchmark of the ZOPA count (ac_zopa_count_dp): time and peak memory on synthetic
 * 3-party models of 20, 30 and 40 issues of 4 options (values multiples of 1/20, integer
 * weights 1..5, reservations 0.40..0.50, a few red lines), on the embedded model, and
 * against a straightforward enumeration on a model of about 1e7 outcomes.
 *
 * Each case runs in a forked child so that its peak resident memory (ru_maxrss from
 * wait4) is its own. Wall and CPU time are both shown: on a shared machine the CPU time
 * is the steadier figure. Not a test: it prints a table and checks nothing but the agreement
 * of the two counts in the enumeration row.
 *
 * Usage: bench_zopa [max_issues]   (default 40; e.g. 30 for a quicker run) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"
#include "accord/yaml.h"

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int draw(uint64_t *s, int lo, int hi)
{
    return lo + (int)(mix(s) % (uint64_t)(hi - lo + 1));
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The synthetic model: a mediator and three parties over n issues of 4 options. */
static ac_model *synthetic(int n, uint64_t seed)
{
    uint64_t s = seed;
    ac_model *m = ac_model_new();
    char id[32];
    ac_model_add_party(m, "med", NULL, AC_ROLE_MEDIATOR, NULL, NULL);
    for (int i = 0; i < 3; i++) {
        snprintf(id, sizeof id, "p%d", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, 1 + (size_t)i, 0.40 + 0.05 * i, NULL);
    }
    for (int k = 0; k < n; k++) {
        size_t ki;
        snprintf(id, sizeof id, "i%d", k);
        ac_model_add_issue(m, id, NULL, &ki, NULL);
        for (int q = 0; q < 4; q++) {
            snprintf(id, sizeof id, "o%d", q);
            ac_model_add_option(m, ki, id, NULL, NULL, NULL);
        }
    }
    for (int i = 0; i < 3; i++) {
        size_t p = 1 + (size_t)i;
        for (int k = 0; k < n; k++) {
            ac_model_set_weight(m, p, (size_t)k, draw(&s, 1, 5), NULL);
            for (int q = 0; q < 4; q++)
                ac_model_set_value(m, p, (size_t)k, (size_t)q, draw(&s, 0, 20) / 20.0, NULL);
            if (draw(&s, 0, 9) == 0)
                ac_model_set_red_line(m, p, (size_t)k, (size_t)draw(&s, 0, 3), NULL);
        }
        ac_model_set_has_preferences(m, p, NULL);
    }
    return m;
}

/* Straightforward enumeration: odometer, utilities updated incrementally from a stack of
 * partial sums (the last issue fastest), red lines checked per option. */
static ac__u128 enumerate(const ac_space *s)
{
    size_t ni = s->n_issues, np = s->n_parties;
    uint32_t *o = calloc(ni, sizeof *o);
    double *part = calloc((ni + 1) * np, sizeof *part); /* part[k]: sum of issues < k */
    ac__u128 n = 0;
    size_t k = 0;
    for (;;) {
        /* descend: fill partial sums from issue k on with the current options */
        for (; k < ni; k++) {
            const double *c = s->contrib[k] + (size_t)o[k] * np;
            for (size_t i = 0; i < np; i++)
                part[(k + 1) * np + i] = part[k * np + i] + c[i];
        }
        int ok = 1;
        for (size_t j = 0; j < ni && ok; j++)
            ok = s->allowed[j][o[j]];
        for (size_t i = 0; i < np && ok; i++)
            ok = part[ni * np + i] >= s->reservation[i] - AC_EPS;
        n += (ac__u128)ok;
        k = ni;
        while (k > 0 && ++o[k - 1] == s->n_options[k - 1])
            o[--k] = 0;
        if (k == 0)
            break;
        k--; /* issue k changed: recompute from it */
    }
    free(o);
    free(part);
    return n;
}

typedef struct {
    int ok, exact;
    double count, lo, hi, secs, cpu, enum_secs;
    double enum_count;
    int lib_ok;           /* the library's enumeration (ac_enumerate_count) ran */
    double lib_secs, lib_count;
    double outcomes;
    long maxrss_kb;
} result;

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec * 1e-6;
}

/* Runs one case in a child: kind 0 the DP on a synthetic model of n issues, 1 the
 * embedded model, 2 DP and enumeration on the same synthetic model. */
static result run_case(int kind, int n)
{
    result r = {0};
    int fd[2];
    if (pipe(fd) != 0)
        return r;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        ac_model *m = NULL;
        ac_error err;
        if (kind == 1) {
            if (ac_model_load_file("@default", &m, NULL, &err) != AC_OK)
                m = NULL;
        } else {
            m = synthetic(n, 0x5eed + (uint64_t)n);
        }
        ac_space *s = NULL;
        if (m && ac_space_new(m, &s, &err) == AC_OK) {
            r.outcomes = s->outcomes_overflow ? pow(10, s->outcomes_log10)
                                              : ac__u128_double(s->outcomes);
            ac_zopa_count z;
            double t0 = now(), c0 = cpu_now();
            if (ac_zopa_count_dp(s, 0, 1, &z, &err) == AC_OK) {
                r.secs = now() - t0;
                r.cpu = cpu_now() - c0;
                r.ok = 1;
                r.exact = z.exact;
                r.count = z.estimate;
                r.lo = z.lo;
                r.hi = z.hi;
            }
            if (kind == 2) {
                t0 = now();
                r.enum_count = ac__u128_double(enumerate(s));
                r.enum_secs = now() - t0;
                ac_u128 lib;
                t0 = now();
                if (ac_enumerate_count(s, 1, &lib, &err) == AC_OK) {
                    r.lib_secs = now() - t0;
                    r.lib_ok = 1;
                    r.lib_count = ac_u128_double(lib);
                }
            }
            ac_space_free(s);
        }
        ac_model_free(m);
        ssize_t w = write(fd[1], &r, sizeof r);
        _exit(w == (ssize_t)sizeof r ? 0 : 1);
    }
    close(fd[1]);
    ssize_t got = pid > 0 ? read(fd[0], &r, sizeof r) : -1;
    close(fd[0]);
    struct rusage ru;
    int status;
    if (pid > 0 && wait4(pid, &status, 0, &ru) == pid)
        r.maxrss_kb = ru.ru_maxrss;
    if (got != (ssize_t)sizeof r)
        r.ok = 0;
    return r;
}

static void row(const char *name, const result *r)
{
    if (!r->ok) {
        printf("%-24s %s\n", name, "skipped (model not available or count failed)");
        return;
    }
    char count[64];
    if (r->exact)
        snprintf(count, sizeof count, "%.17g", r->count);
    else
        snprintf(count, sizeof count, "~%.4g [%.4g, %.4g]", r->count, r->lo, r->hi);
    printf("%-24s %9.3g %-6s %-34s %8.3f %8.3f %8.1f\n", name, r->outcomes,
           r->exact ? "exact" : "approx", count, r->secs, r->cpu, r->maxrss_kb / 1024.0);
}

int main(int argc, char **argv)
{
    int max_issues = argc > 1 ? atoi(argv[1]) : 40;
    printf("%-24s %9s %-6s %-34s %8s %8s %8s\n", "model", "outcomes", "kind", "zopa count",
           "wall s", "cpu s", "peak MB");
    char name[64];
    for (int n = 20; n <= max_issues; n += 10) {
        snprintf(name, sizeof name, "synthetic 3p x %d x 4", n);
        result r = run_case(0, n);
        row(name, &r);
        fflush(stdout);
    }
    result d = run_case(1, 0);
    row("embedded (@default)", &d);
    fflush(stdout);

    result e = run_case(2, 12);
    row("synthetic 3p x 12 x 4", &e);
    if (e.ok) {
        printf("\nenumeration of the same %.3g outcomes: %.3f s (%.3g outcomes/s), count %.17g "
               "(%s); enumeration / dp time = %.1f\n",
               e.outcomes, e.enum_secs, e.outcomes / e.enum_secs, e.enum_count,
               e.enum_count == e.count ? "agrees" : "DISAGREES", e.enum_secs / e.secs);
        if (e.lib_ok)
            printf("ac_enumerate_count, 1 thread: %.3f s, count %.17g (%s); / dp time = %.1f\n",
                   e.lib_secs, e.lib_count, e.lib_count == e.count ? "agrees" : "DISAGREES",
                   e.lib_secs / e.secs);
        else
            printf("ac_enumerate_count: not available\n");
    }
    return 0;
}
