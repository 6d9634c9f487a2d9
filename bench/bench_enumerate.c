/* Benchmark of exhaustive enumeration (a program, not a test; `make bench` runs it).
 *
 * For synthetic models of 2, 3 and 4 parties (issues of 4 to 10 options, random values
 * and weights, a few red lines, reservations that leave a ZOPA of a few per cent to a
 * few tens of per cent) of about 1e8 outcomes each, it measures in one run:
 *  - naive: every outcome evaluated from scratch (all issues, all parties), one thread
 *    (on the first 3e7 outcomes at most: it is slow);
 *  - ac_enumerate_count at 1 and 2 threads;
 *  - ac_enumerate (frontier over all outcomes + Nash, Kalai, welfare) at 1 and 2 threads;
 * and prints outcomes per second and the ratios against naive. Rates count every
 * outcome of the space, visited one by one or skipped with its subtree by an exact
 * bound, so they depend on the model as well as on its size. ZOPA counts must agree
 * (naive's too when it covers the whole space), or the program fails. The machine may be
 * shared: run it more than once.
 *
 * Usage: bench_enumerate [OUTCOMES]   (default 1e8 per model) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/accord.h"
#include "analysis/analysis_internal.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double rng_unit(uint64_t *s) { return (double)(rng_next(s) >> 11) * 0x1.0p-53; }

static int check(ac_status st, const ac_error *err)
{
    if (st) {
        fprintf(stderr, "bench_enumerate: %s\n", err->message);
        exit(1);
    }
    return 0;
}

/* A synthetic model of np parties with about `target` outcomes. */
static ac_model *synth(int np, double target, uint64_t seed)
{
    uint64_t s = seed;
    ac_model *m = ac_model_new();
    ac_error err;
    char id[32];
    /* reservations tuned so the ZOPA is neither empty nor everything */
    static const double res[5] = {0, 0, 0.45, 0.42, 0.40};
    for (int i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%d", i);
        check(ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, &err), &err);
        check(ac_model_set_reservation(m, (size_t)i, res[np], &err), &err);
    }
    /* random issues until a tenth of the target, then one issue to land near it */
    double space = 1;
    for (int k = 0;; k++) {
        double rest = target / space;
        int no = 4 + (int)(rng_next(&s) % 7);
        if (rest <= 10) {
            if (rest < 3)
                break;
            no = (int)fmax(4, fmin(10, round(rest)));
        }
        size_t ki;
        snprintf(id, sizeof id, "i%d", k);
        check(ac_model_add_issue(m, id, NULL, &ki, &err), &err);
        for (int o = 0; o < no; o++) {
            snprintf(id, sizeof id, "o%d", o);
            check(ac_model_add_option(m, ki, id, NULL, NULL, &err), &err);
        }
        space *= no;
        if (rest <= 10)
            break;
    }
    size_t ni = ac_model_n_issues(m);
    for (int i = 0; i < np; i++) {
        for (size_t k = 0; k < ni; k++) {
            check(ac_model_set_weight(m, (size_t)i, k, 0.2 + rng_unit(&s), &err), &err);
            size_t no = ac_model_n_options(m, k);
            for (size_t o = 0; o < no; o++)
                check(ac_model_set_value(m, (size_t)i, k, o, rng_unit(&s), &err), &err);
            if (rng_unit(&s) < 0.08)
                check(ac_model_set_red_line(m, (size_t)i, k, rng_next(&s) % no, &err), &err);
        }
        check(ac_model_set_has_preferences(m, (size_t)i, &err), &err);
    }
    check(ac_model_check(m, &err), &err);
    return m;
}

/* The baseline: odometer over the first `limit` outcomes, each evaluated from scratch;
 * the ZOPA count among them. */
static ac__u128 naive_count(const ac_space *s, uint64_t limit)
{
    size_t np = s->n_parties, ni = s->n_issues;
    uint32_t o[64] = {0};
    double u[16];
    ac__u128 n = 0;
    for (uint64_t seen = 0; seen < limit; seen++) {
        int ok = 1;
        for (size_t i = 0; i < np; i++)
            u[i] = 0;
        for (size_t k = 0; k < ni; k++) {
            const double *c = s->contrib[k] + (size_t)o[k] * np;
            for (size_t i = 0; i < np; i++)
                u[i] += c[i];
            ok &= s->allowed[k][o[k]] != 0;
        }
        for (size_t i = 0; i < np; i++)
            ok &= u[i] >= s->reservation[i] - AC_EPS;
        n += (ac__u128)ok;
        size_t k = ni;
        while (k > 0) {
            k--;
            if (++o[k] < s->n_options[k])
                break;
            o[k] = 0;
            if (k == 0)
                return n;
        }
    }
    return n;
}

#define NAIVE_MAX 3e7

static ac__u128 z1_of(const ac_space *s)
{
    ac_u128 z;
    ac_error err;
    check(ac_enumerate_count(s, 1, &z, &err), &err);
    return ac__u128_in(z);
}

typedef struct {
    double naive, count1, count2, full1, full2;
    size_t front;
    ac__u128 zopa;
} row;

/* Best of `reps` timings of ac_enumerate_count. */
static double time_count(const ac_space *s, int threads, int reps, ac__u128 *z)
{
    double best = INFINITY;
    ac_error err;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        ac_u128 c;
        check(ac_enumerate_count(s, threads, &c, &err), &err);
        *z = ac__u128_in(c);
        best = fmin(best, now() - t0);
    }
    return best;
}

static double time_full(const ac_space *s, int threads, ac__u128 *z, size_t *front)
{
    ac_error err;
    ac_enum_result r;
    double t0 = now();
    check(ac_enumerate(s, threads, 0, 0, NULL, NULL, &r, &err), &err);
    double t = now() - t0;
    *z = ac__u128_in(r.zopa);
    *front = r.pareto->count;
    ac_enum_result_free(&r);
    return t;
}

int main(int argc, char **argv)
{
    double target = argc > 1 ? atof(argv[1]) : 1e8;
    if (!(target >= 1e3)) {
        fprintf(stderr, "usage: bench_enumerate [OUTCOMES >= 1000]\n");
        return 2;
    }
    printf("bench_enumerate: about %.0e outcomes per model; outcomes/s (ratio vs naive)\n", target);
    printf("%-7s %-10s %-6s %-7s %-9s %-19s %-19s %-19s %-19s\n", "parties", "outcomes", "zopa%",
           "front", "naive/s", "count 1t", "count 2t", "full 1t", "full 2t");
    int fail = 0;
    for (int np = 2; np <= 4; np++) {
        ac_model *m = synth(np, target, 1000 + (uint64_t)np);
        ac_space *s = NULL;
        ac_error err;
        check(ac_space_new(m, &s, &err), &err);
        double n = ac__u128_double(s->outcomes);
        row r;
        ac__u128 zn, z1, z2, zf1, zf2;
        size_t f1, f2;
        /* naive is slow: its rate is measured on the first NAIVE_MAX outcomes */
        uint64_t lim = n > NAIVE_MAX ? (uint64_t)NAIVE_MAX : (uint64_t)n;
        double t0 = now();
        zn = naive_count(s, lim);
        r.naive = (double)lim / (now() - t0);
        if ((double)lim < n)
            zn = z1_of(s); /* only the library's runs can be compared then */
        r.count1 = n / time_count(s, 1, 2, &z1);
        r.count2 = n / time_count(s, 2, 2, &z2);
        r.full1 = n / time_full(s, 1, &zf1, &f1);
        r.full2 = n / time_full(s, 2, &zf2, &f2);
        if (z1 != zn || z2 != zn || zf1 != zn || zf2 != zn || f1 != f2) {
            fprintf(stderr, "bench_enumerate: results disagree for %d parties\n", np);
            fail = 1;
        }
        char c1[32], c2[32], g1[32], g2[32];
        snprintf(c1, sizeof c1, "%.3g (x%.1f)", r.count1, r.count1 / r.naive);
        snprintf(c2, sizeof c2, "%.3g (x%.1f)", r.count2, r.count2 / r.naive);
        snprintf(g1, sizeof g1, "%.3g (x%.1f)", r.full1, r.full1 / r.naive);
        snprintf(g2, sizeof g2, "%.3g (x%.1f)", r.full2, r.full2 / r.naive);
        printf("%-7d %-10.3g %-6.2f %-7zu %-9.3g %-19s %-19s %-19s %-19s\n", np, n,
               100.0 * ac__u128_double(zn) / n, f1, r.naive, c1, c2, g1, g2);
        fflush(stdout);
        ac_space_free(s);
        ac_model_free(m);
    }
    printf("rates are outcomes of the space per second; the library skips subtrees its bounds\n"
           "prove irrelevant (exactly), so they depend on the model, not only on its size\n");
    return fail;
}
