/* A program using the installed library's sweep: runs a sweep of a model whole and in
 * RANKS shares, merges the shares with ac_sweep_pack / ac_sweep_merge (as an MPI program
 * would), checks the two agree through the accessors, and prints what `accord sweep
 * --json` reports (deals, rounds, the most frequent agreement) for the install test to
 * compare. Bad arguments must return their documented values. */
#include <accord/accord.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RUNS 1000
#define SEED 7
#define RANKS 3

static ac_sweep *sweep(const ac_model *m, int rank, int ranks)
{
    ac_sweep_opts o;
    ac_sweep_opts_init(&o);
    o.runs = RUNS;
    o.seed = SEED;
    o.rank = rank;
    o.ranks = ranks;
    ac_sweep *s = NULL;
    ac_error err;
    if (ac_sweep_run(m, &o, &s, &err) != AC_OK) {
        fprintf(stderr, "sweep: %s\n", err.message);
        return NULL;
    }
    return s;
}

static int same(const ac_sweep *a, const ac_sweep *b)
{
    if (ac_sweep_deals(a) != ac_sweep_deals(b) || ac_sweep_rounds_sum(a) != ac_sweep_rounds_sum(b) ||
        ac_sweep_n_agreements(a) != ac_sweep_n_agreements(b))
        return 0;
    for (size_t i = 0; i < ac_sweep_n_parties(a); i++) {
        double x = ac_sweep_utility_sum(a, i), y = ac_sweep_utility_sum(b, i);
        if (memcmp(&x, &y, sizeof x))
            return 0;
    }
    for (size_t q = 0; q < ac_sweep_n_agreements(a); q++) {
        const uint32_t *x, *y;
        uint64_t cx, cy;
        ac_sweep_agreement(a, q, &x, &cx);
        ac_sweep_agreement(b, q, &y, &cy);
        if (cx != cy || memcmp(x, y, ac_sweep_n_issues(a) * sizeof *x))
            return 0;
    }
    return 1;
}

int main(void)
{
    ac_model *m = NULL;
    if (ac_model_load_file("@default", &m, NULL, NULL) != AC_OK)
        return 1;
    ac_sweep *whole = sweep(m, 0, 0), *share[RANKS];
    int ok = whole != NULL;
    for (int r = 0; r < RANKS; r++)
        ok &= (share[r] = sweep(m, r, RANKS)) != NULL;
    for (int r = 1; ok && r < RANKS; r++) {
        void *buf;
        size_t size;
        ok = ac_sweep_pack(share[r], &buf, &size, NULL) == AC_OK &&
             ac_sweep_merge(share[0], buf, size, NULL) == AC_OK;
        if (ok) /* a buffer cut short is refused, and changes nothing */
            ok = ac_sweep_merge(share[0], buf, size - 1, NULL) == AC_EINPUT;
        ac_free(buf);
    }
    if (!ok || !same(share[0], whole)) {
        fprintf(stderr, "the merged shares differ from the whole sweep\n");
        return 1;
    }
    /* bad arguments: documented values, no crash */
    const uint32_t *x = NULL;
    uint64_t c = 0;
    if (ac_sweep_agreement(whole, ac_sweep_n_agreements(whole), &x, &c) != AC_EARG ||
        ac_sweep_n_parties(NULL) != 0 || !isnan(ac_sweep_utility_sum(whole, 99)) ||
        ac_sweep_option_count(whole, 99, 0) != 0 || ac_space_n_parties(NULL) != 0 ||
        ac_space_party(NULL, 0) != AC_NONE || !isnan(ac_space_contribution(NULL, 0, 0, 0)) ||
        ac_analysis_frontier(NULL) != NULL || *ac_analysis_stopped(NULL) != '\0' ||
        ac_space_utility(NULL, NULL, NULL) != AC_EARG || ac_sweep_merge(NULL, "", 0, NULL) != AC_EARG) {
        fprintf(stderr, "a bad argument was not refused as documented\n");
        return 1;
    }
    printf("deals %llu rounds %llu distinct %zu\n", (unsigned long long)ac_sweep_deals(whole),
           (unsigned long long)ac_sweep_rounds_sum(whole), ac_sweep_n_agreements(whole));
    ac_sweep_agreement(whole, 0, &x, &c);
    printf("top %llu", (unsigned long long)c);
    for (size_t k = 0; k < ac_sweep_n_issues(whole); k++)
        printf(" %s", ac_option_id(m, k, x[k]));
    printf("\n");
    for (int r = 0; r < RANKS; r++)
        ac_sweep_free(share[r]);
    ac_sweep_free(whole);
    ac_model_free(m);
    return 0;
}
