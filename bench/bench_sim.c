/* Benchmark of simulated talks (not a test): negotiation rounds per second per core for
 * each protocol on the embedded model (the target is >= 1e6), and a Monte Carlo sweep of
 * the embedded model on 1 and 2 threads with the time extrapolated to 1e6 runs.
 *
 * usage: bench_sim [RUNS]   (RUNS for the sweep, default 20000) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "accord/accord.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    unsigned long runs = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000;
    ac_model *m = NULL;
    ac_error err;
    ac_error_clear(&err);
    if (ac_model_load_file("@default", &m, NULL, &err) != AC_OK) {
        char buf[256];
        ac_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "bench_sim: %s\n", buf);
        return 1;
    }
    ac_talks *t;
    if (ac_talks_new(m, &t, NULL) != AC_OK)
        return 1;
    printf("Simulated talks on the embedded model (%zu parties, %zu issues), one core\n",
           ac_talks_n_parties(t), ac_model_n_issues(m));
    printf("  %-24s %12s %14s %10s\n", "protocol", "rounds", "rounds/s", "deals");
    const struct { ac_protocol p; ac_variant v; const char *name; } cases[] = {
        {AC_PROTO_MEDIATED, AC_VARIANT_HILL, "mediated (hill)"},
        {AC_PROTO_MEDIATED, AC_VARIANT_VETO, "mediated (veto)"},
        {AC_PROTO_MEDIATED, AC_VARIANT_ANNEAL, "mediated (anneal)"},
        {AC_PROTO_SHUTTLE, AC_VARIANT_HILL, "shuttle"},
        {AC_PROTO_ALTERNATING, AC_VARIANT_HILL, "alternating"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ac_talks_opts o;
        ac_talks_opts_init(&o);
        o.protocol = cases[c].p;
        o.variant = cases[c].v;
        unsigned long long rounds = 0, deals = 0;
        double t0 = now(), el;
        uint64_t i = 0;
        do {
            ac_rng r;
            ac_rng_seed(&r, 1, i++);
            ac_talks_perturb(t, &r);
            ac_talks_result res;
            ac_talks_run(t, &o, &r, NULL, NULL, &res, NULL);
            rounds += res.round;
            deals += res.deal;
            el = now() - t0;
        } while (el < 1.0);
        printf("  %-24s %12llu %14.3g %9.0f%%\n", cases[c].name, rounds, rounds / el,
               100.0 * deals / (double)i);
    }
    ac_talks_free(t);

    printf("\nSweep of the embedded model (mediated, hill), %lu runs\n", runs);
    printf("  %-8s %10s %12s %16s\n", "threads", "seconds", "runs/s", "1e6 runs (est.)");
    double base = 0;
    for (int th = 1; th <= 2; th++) {
        ac_sweep_opts so;
        ac_sweep_opts_init(&so);
        so.runs = runs;
        so.threads = th;
        ac_sweep *s;
        double t0 = now();
        if (ac_sweep_run(m, &so, &s, NULL) != AC_OK)
            return 1;
        double el = now() - t0;
        if (th == 1)
            base = el;
        printf("  %-8d %10.3f %12.0f %15.1fs   speed-up %.2f\n", th, el, runs / el,
               el * 1e6 / (double)runs, base / el);
        ac_sweep_free(s);
    }
    ac_model_free(m);
    return 0;
}
