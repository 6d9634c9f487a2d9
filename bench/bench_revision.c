/* Benchmark of the revision search (ac_revision_search): time and peak memory for the
 * best revision and the 10 best, on the embedded model (27 points, 1.3e14 outcomes) and
 * on synthetic 3-party models of 30 and 40 points (2-5 options, values multiples of
 * 1/20, integer weights 1..5, a few red lines, a random draft, reservations 0.40..0.48,
 * or 0.12 higher for drafts further from agreement, every fifth point locked at
 * the option the parties like best together), plus the whole of ac_mediate on the embedded model.
 *
 * Each case runs in a forked child so that its peak resident memory (ru_maxrss from
 * wait4) is its own. Not a test: it prints a table.
 *
 * Usage: bench_revision [max_issues]   (default 40) */
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
#include "analysis/mediation_internal.h"

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
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static ac_model *synthetic(int issues, uint64_t seed, double lift)
{
    uint64_t s = seed;
    ac_model *m = ac_model_new();
    char id[32];
    for (int i = 0; i < 3; i++) {
        snprintf(id, sizeof id, "p%d", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        ac_model_set_reservation(m, (size_t)i, 0.40 + lift + 0.04 * i, NULL);
    }
    for (int k = 0; k < issues; k++) {
        snprintf(id, sizeof id, "i%d", k);
        ac_model_add_issue(m, id, NULL, NULL, NULL);
        int no = draw(&s, 2, 5);
        for (int q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%d", q);
            ac_model_add_option(m, (size_t)k, id, NULL, NULL, NULL);
        }
        double sum[5] = {0};
        int red[5] = {0};
        for (int i = 0; i < 3; i++) {
            ac_model_set_weight(m, (size_t)i, (size_t)k, draw(&s, 1, 5), NULL);
            for (int q = 0; q < no; q++) {
                double v = draw(&s, 0, 20) / 20.0;
                sum[q] += v;
                ac_model_set_value(m, (size_t)i, (size_t)k, (size_t)q, v, NULL);
            }
            if (draw(&s, 0, 9) == 0) {
                int q = draw(&s, 0, no - 1);
                red[q] = 1;
                ac_model_set_red_line(m, (size_t)i, (size_t)k, (size_t)q, NULL);
            }
        }
        /* A locked point is a prior understanding: the option the parties like best
         * together, free of red lines. Other points get a random draft. */
        int lock = k % 5 == 4, pick = draw(&s, 0, no - 1);
        if (lock)
            for (int q = 0; q < no; q++)
                if (!red[q] && (red[pick] || sum[q] > sum[pick]))
                    pick = q;
        ac_model_set_plan(m, (size_t)k, (size_t)pick, NULL);
        if (lock && !red[pick])
            ac_model_set_locked(m, (size_t)k, 1, NULL);
    }
    for (int i = 0; i < 3; i++)
        ac_model_set_has_preferences(m, (size_t)i, NULL);
    return m;
}

typedef struct {
    double wall, cpu;
    long rss_kb;
    size_t found, changes;
    double log10;
    int ok;
} result_t;

/* Runs one case in a child; kind 0: revision search with top K; 1: whole ac_mediate. */
static result_t run_case(int issues, size_t K, int kind, double lift)
{
    int fd[2];
    result_t r = {0};
    if (pipe(fd))
        return r;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        ac_model *m = NULL;
        ac_error err;
        if (issues == 0) {
            if (ac_model_load_file("@default", &m, NULL, &err))
                _exit(1);
        } else {
            m = synthetic(issues, 42 + (uint64_t)issues, lift);
        }
        ac_space *s;
        if (ac_space_new(m, &s, &err))
            _exit(1);
        size_t ni = s->n_issues;
        uint32_t *draft = malloc(ni * sizeof *draft);
        unsigned char *lock = malloc(ni);
        for (size_t k = 0; k < ni; k++) {
            draft[k] = (uint32_t)ac_model_plan(m, k);
            lock[k] = ac_model_locked(m, k) != 0;
        }
        result_t c = {0};
        c.log10 = s->outcomes_log10;
        double t0 = now(), p0 = (double)clock() / CLOCKS_PER_SEC;
        if (kind == 0) {
            ac_revision *rv;
            size_t n;
            if (ac_revision_search(s, draft, lock, K, &rv, &n, &err)) {
                fprintf(stderr, "%s\n", err.message);
                _exit(1);
            }
            c.found = n;
            c.changes = n ? rv[0].changes : 0;
            ac_revisions_free(rv, n);
        } else {
            ac_mediation *x;
            if (ac_mediate(m, NULL, &x, &err))
                _exit(1);
            c.found = x->n_revisions;
            c.changes = x->n_revisions ? x->revisions[0].changes : 0;
            ac_mediation_free(x);
        }
        c.wall = now() - t0;
        c.cpu = (double)clock() / CLOCKS_PER_SEC - p0;
        c.ok = 1;
        if (write(fd[1], &c, sizeof c) != (ssize_t)sizeof c)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (read(fd[0], &r, sizeof r) != (ssize_t)sizeof r)
        r.ok = 0;
    close(fd[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) == pid)
        r.rss_kb = ru.ru_maxrss;
    return r;
}

int main(int argc, char **argv)
{
    int max_issues = argc > 1 ? atoi(argv[1]) : 40;
    printf("%-34s %8s %6s %8s %8s %8s %10s\n", "case", "log10|O|", "found", "changes",
           "wall ms", "cpu ms", "peak MiB");
    printf("%-34s %8s %6s %8s %8s %8s %10s\n", "----------------------------------", "--------",
           "------", "--------", "--------", "--------", "----------");
    struct {
        const char *name;
        int issues;
        size_t K;
        int kind;
        double lift;
    } cases[] = {
        {"embedded model, best revision", 0, 1, 0, 0},
        {"embedded model, 10 best", 0, 10, 0, 0},
        {"embedded model, 100 best", 0, 100, 0, 0},
        {"embedded model, whole ac_mediate", 0, 1, 1, 0},
        {"synthetic 30 points, best", 30, 1, 0, 0},
        {"synthetic 30 points, 10 best", 30, 10, 0, 0},
        {"synthetic 30 points, r +0.12, best", 30, 1, 0, 0.12},
        {"synthetic 30, r +0.12, 10 best", 30, 10, 0, 0.12},
        {"synthetic 40 points, best", 40, 1, 0, 0},
        {"synthetic 40 points, 10 best", 40, 10, 0, 0},
        {"synthetic 40 points, r +0.12, best", 40, 1, 0, 0.12},
        {"synthetic 40, r +0.12, 10 best", 40, 10, 0, 0.12},
        {"synthetic 40, whole ac_mediate", 40, 1, 1, 0},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        if (cases[c].issues > max_issues)
            continue;
        result_t r = run_case(cases[c].issues, cases[c].K, cases[c].kind, cases[c].lift);
        if (!r.ok) {
            printf("%-34s failed\n", cases[c].name);
            continue;
        }
        printf("%-34s %8.1f %6zu %8zu %8.1f %8.1f %10.1f\n", cases[c].name, r.log10, r.found,
               r.changes, 1e3 * r.wall, 1e3 * r.cpu, (double)r.rss_kb / 1024.0);
        fflush(stdout);
    }
    return 0;
}
