/* Benchmark of the graph-model stability analysis (accord/stability.h) on a generated
 * conflict of 5 decision makers controlling 12 options (3, 3, 2, 2, 2) in the option
 * form: two infeasibility rules, random option-prioritisation statements, about 3000
 * feasible states. Times the expansion of the option form (loading), the four stability
 * concepts for every decision maker and state, the status-quo analysis and the coalition
 * analysis, and compares the stability pass with the brute-force definitions of the test
 * oracle (a new reachability search per improvement), timed on a sample of (decision
 * maker, state) pairs and scaled to all of them; the sample's answers must agree.
 *
 * Usage: bench_stability [seed] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/accord.h"
#include "stab_oracle.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static char *model_text(uint64_t seed)
{
    static const int per_dm[5] = {3, 3, 2, 2, 2};
    size_t cap = 1 << 16, n = 0;
    char *t = malloc(cap);
    n += (size_t)snprintf(t + n, cap - n, "accord: 1\ntitle: generated 5 x 12\nconflict:\n"
                                          "  decision_makers:\n");
    int opt = 0;
    for (int d = 0; d < 5; d++) {
        n += (size_t)snprintf(t + n, cap - n, "    - id: dm%d\n      options: [", d + 1);
        for (int k = 0; k < per_dm[d]; k++)
            n += (size_t)snprintf(t + n, cap - n, "%so%d", k ? ", " : "", opt + k);
        opt += per_dm[d];
        n += (size_t)snprintf(t + n, cap - n, "]\n      preference:\n");
        for (int q = 0; q < 8; q++) {
            n += (size_t)snprintf(t + n, cap - n, "        - \"");
            int lits = 1 + (int)(mix(&seed) % 3);
            for (int l = 0; l < lits; l++)
                n += (size_t)snprintf(t + n, cap - n, "%s%so%d", l ? " & " : "",
                                      mix(&seed) % 2 ? "-" : "", (int)(mix(&seed) % 12));
            n += (size_t)snprintf(t + n, cap - n, "\"\n");
        }
    }
    n += (size_t)snprintf(t + n, cap - n, "  infeasible: [\"o0 & o1 & o2\", \"o3 & o4\"]\n");
    return t;
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
    char *text = model_text(seed);
    double t0 = now();
    ac_model *m = NULL;
    ac_error e;
    if (ac_model_load_string(text, strlen(text), "generated", &m, NULL, &e)) {
        fprintf(stderr, "bench_stability: %s\n", e.message);
        return 1;
    }
    double t_load = now() - t0;
    const ac_conflict *c = ac_model_conflict(m);
    size_t S = ac_conflict_n_states(c), D = ac_conflict_n_dms(c);

    t0 = now();
    ac_stability *st;
    int reps = 0;
    do {
        if (reps)
            ac_stability_free(st);
        ac_stability_run(c, &st, NULL);
        reps++;
    } while (now() - t0 < 0.5);
    double t_stab = (now() - t0) / reps;

    t0 = now();
    ac_status_quo *q;
    ac_status_quo_run(c, 0, &q, NULL);
    double t_sq = now() - t0;
    t0 = now();
    ac_coalitions *k = NULL;
    ac_status cst = ac_coalitions_run(c, st, 0, &k, &e);
    double t_co = now() - t0;

    /* Baseline: the definitions, on every 16th state for every decision maker. */
    size_t pairs = 0, agree = 0;
    t0 = now();
    for (size_t d = 0; d < D; d++)
        for (size_t s = 0; s < S; s += 16) {
            for (int kk = 0; kk < AC_STAB_N; kk++)
                agree += oracle_stable(c, d, s, (ac_stab_concept)kk) ==
                         ac_stability_stable(st, d, s, (ac_stab_concept)kk);
            pairs++;
        }
    double t_base = (now() - t0) / (double)pairs * (double)(S * D);

    size_t eq[AC_STAB_N] = {0};
    for (size_t s = 0; s < S; s++)
        for (int kk = 0; kk < AC_STAB_N; kk++)
            eq[kk] += ac_stability_equilibrium(st, s, (ac_stab_concept)kk);
    printf("bench_stability: %zu decision makers, 12 options, %zu feasible states, %zu moves\n",
           D, S, ac_conflict_n_moves(c));
    printf("  equilibria: Nash %zu, GMR %zu, SMR %zu, SEQ %zu\n", eq[0], eq[1], eq[2], eq[3]);
    printf("  %-44s %10.2f ms\n", "option form expanded (load)", 1e3 * t_load);
    printf("  %-44s %10.2f ms\n", "Nash, GMR, SMR, SEQ for every DM and state", 1e3 * t_stab);
    printf("  %-44s %10.2f ms\n", "status quo (reachable states, paths)", 1e3 * t_sq);
    if (cst == AC_OK)
        printf("  %-44s %10.2f ms (%zu equilibria of the %d strongest concepts x 31 "
               "coalitions)\n", "coalition analysis", 1e3 * t_co, ac_coalitions_n_states(k),
               ac_coalitions_levels(k));
    else
        printf("  %-44s %s\n", "coalition analysis", e.message);
    printf("  %-44s %10.2f ms (scaled from %zu pairs; %zu of %zu answers agree)\n",
           "baseline: the definitions, search per move", 1e3 * t_base, pairs, agree,
           pairs * AC_STAB_N);
    printf("  ratio baseline / accord: %.0fx\n", t_base / t_stab);
    int rc = agree == pairs * AC_STAB_N ? 0 : 1;
    ac_coalitions_free(k);
    ac_status_quo_free(q);
    ac_stability_free(st);
    ac_model_free(m);
    free(text);
    return rc;
}
