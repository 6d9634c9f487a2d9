/* Benchmark of the forecast models: SMP turns per second and EU rounds per second on
 * random inputs of 10 to 100 actors on 5 dimensions (positions uniform on 0..100,
 * saliences summing to 75..99, capabilities 10..200, as KTAB's random actors). The
 * baseline, run in the same process, is one plain Condorcet election among the actors'
 * positions (the O(n^3) step every state needs); the ratio says how many elections one
 * bargaining turn costs (a turn weighs n^2 challenges, each with every third party).
 * Beside it: KTAB's Markov-incentive election on the same utilities (an iterated chain,
 * against the conditional election's one product per option) and the EU model's round
 * under Scholz et al.'s program (--variant scholz). Not a test: it prints a table. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "accord/accord.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static ac_fc_input *random_input(ac_rng *g, size_t na, size_t nd)
{
    ac_fc_input *in = ac_fc_input_new(na, nd);
    char nm[32];
    for (size_t d = 0; d < nd; d++) {
        snprintf(nm, sizeof nm, "d%zu", d);
        ac_fc_input_set_dim(in, d, nm, NULL);
    }
    for (size_t a = 0; a < na; a++) {
        snprintf(nm, sizeof nm, "a%zu", a);
        ac_fc_input_set_actor(in, a, nm, "", NULL);
        double cap = 10 + 190 * ac_rng_unit(g), s[8], tot = 0;
        for (size_t d = 0; d < nd; d++)
            tot += (s[d] = 0.1 + ac_rng_unit(g));
        double scale = (75 + 24 * ac_rng_unit(g)) / tot;
        for (size_t d = 0; d < nd; d++)
            ac_fc_input_set(in, a, d, 100 * ac_rng_unit(g), s[d] * scale, cap, NULL);
    }
    return in;
}

/* Seconds per EU round (50-round runs for 0.2 s); -1 on failure. */
static double eu_round(const ac_fc_input *in, ac_eu_variant variant)
{
    ac_eu_opts eo;
    ac_eu_opts_init(&eo);
    eo.max_rounds = 50;
    eo.variant = variant;
    size_t rounds = 0;
    double t0 = now();
    while (now() - t0 < 0.2) {
        ac_eu_result *e = NULL;
        if (ac_forecast_eu(in, &eo, &e, NULL) != AC_OK)
            return -1;
        rounds += e->n_rounds;
        ac_eu_result_free(e);
    }
    return (now() - t0) / (double)rounds;
}

int main(void)
{
    static const size_t sizes[] = {10, 25, 50, 100};
    printf("forecast benchmark: random actors on 5 dimensions\n");
    printf("%7s %12s %12s %12s %14s %10s %12s %10s\n", "actors", "SMP turn ms", "EU round us",
           "scholz us", "election us", "turn/elec", "markov us", "mkv/elec");
    ac_rng g;
    ac_rng_seed(&g, 2026, 0);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t n = sizes[s];
        ac_fc_input *in = random_input(&g, n, 5);
        ac_smp_opts o;
        ac_smp_opts_init(&o);
        o.max_turns = n <= 25 ? 20 : n <= 50 ? 5 : 2;
        o.min_turns = o.max_turns + 1; /* run every turn */
        double t0 = now();
        ac_smp_result *r = NULL;
        if (ac_forecast_smp(in, &o, &r, NULL) != AC_OK)
            return 1;
        double smp = (now() - t0) / (double)(r->n_turns);
        ac_smp_result_free(r);
        double eu = eu_round(in, AC_EU_ISSUE), sch = eu_round(in, AC_EU_SCHOLZ);
        if (eu < 0 || sch < 0)
            return 1;
        /* baseline: one election among the n positions */
        double *w = malloc(n * sizeof *w), *u = malloc(n * n * sizeof *u), *p = malloc(n * sizeof *p);
        for (size_t i = 0; i < n; i++)
            w[i] = ac_fc_actor_capability(in, i);
        for (size_t i = 0; i < n * n; i++)
            u[i] = ac_rng_unit(&g);
        int er = 0;
        t0 = now();
        while (now() - t0 < 0.2) {
            ac_smp_condorcet(n, n, w, u, AC_VR_PROP, AC_VP_LINEAR, p, NULL);
            er++;
        }
        double el = (now() - t0) / er;
        er = 0;
        t0 = now();
        while (now() - t0 < 0.2) {
            ac_smp_pce(n, n, w, u, AC_VR_PROP, AC_VP_LINEAR, AC_PCE_MARKOV_INCENTIVE, p, NULL);
            er++;
        }
        double mk = (now() - t0) / er;
        printf("%7zu %12.3f %12.2f %12.2f %14.2f %10.1f %12.2f %10.1f\n", n, 1e3 * smp, 1e6 * eu,
               1e6 * sch, 1e6 * el, smp / el, 1e6 * mk, mk / el);
        free(w);
        free(u);
        free(p);
        ac_fc_input_free(in);
    }
    return 0;
}
