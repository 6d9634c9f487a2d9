/* Seeded random models: small integer or grid values make ties common, which is where
 * tie-breaking rules get tested; red lines and reservations make the ZOPA vary from
 * empty to everything. */
#include "randmodel.h"

#include <math.h>
#include <stdio.h>

void rand_opts_default(rand_opts *o)
{
    *o = (rand_opts){.parties_min = 2, .parties_max = 4, .issues_min = 2, .issues_max = 8,
                     .options_min = 2, .options_max = 5, .max_outcomes = 1e5, .red_lines = 1,
                     .grid = 4, .zero_weights = 1, .mediator = 1, .reservation_max = 0.7};
}

uint64_t rand_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double rand_unit(uint64_t *s) { return (double)(rand_next(s) >> 11) * 0x1.0p-53; }

int rand_int(uint64_t *s, int lo, int hi)
{
    return lo + (int)(rand_next(s) % (uint64_t)(hi - lo + 1));
}

static double rand_value(uint64_t *s, int grid)
{
    if (grid > 0)
        return (double)rand_int(s, 0, grid) / grid;
    return rand_unit(s);
}

ac_model *rand_model(uint64_t seed, const rand_opts *o)
{
    uint64_t s = seed * 0x2545F4914F6CDD1Dull + 1;
    ac_model *m = ac_model_new();
    char id[32];
    int np = rand_int(&s, o->parties_min, o->parties_max);
    int ni = rand_int(&s, o->issues_min, o->issues_max);
    if (o->mediator && rand_int(&s, 0, 1))
        ac_model_add_party(m, "med", "Mediator", AC_ROLE_MEDIATOR, NULL, NULL);
    size_t first = ac_model_n_parties(m);
    for (int i = 0; i < np; i++) {
        snprintf(id, sizeof id, "p%d", i);
        ac_model_add_party(m, id, NULL, AC_ROLE_PARTY, NULL, NULL);
        double r = rand_unit(&s) * o->reservation_max;
        if (o->grid > 0)
            r = floor(r * o->grid * 2) / (o->grid * 2);
        ac_model_set_reservation(m, first + i, r, NULL);
    }
    double space = 1;
    for (int k = 0; k < ni; k++) {
        int no = rand_int(&s, o->options_min, o->options_max);
        if (k > 0 && space * no > o->max_outcomes)
            break;
        space *= no;
        size_t ki;
        snprintf(id, sizeof id, "i%d", k);
        ac_model_add_issue(m, id, NULL, &ki, NULL);
        for (int q = 0; q < no; q++) {
            snprintf(id, sizeof id, "o%d", q);
            ac_model_add_option(m, ki, id, NULL, NULL, NULL);
        }
    }
    size_t nk = ac_model_n_issues(m);
    for (int i = 0; i < np; i++) {
        size_t p = first + i;
        int any = 0;
        for (size_t k = 0; k < nk; k++) {
            double w = o->grid > 0 ? rand_int(&s, o->zero_weights ? 0 : 1, 5) : rand_unit(&s);
            if (o->zero_weights && o->grid <= 0 && rand_int(&s, 0, 4) == 0)
                w = 0;
            if (k == nk - 1 && !any && w == 0)
                w = 1;
            any |= w > 0;
            if (w > 0)
                ac_model_set_weight(m, p, k, w, NULL);
            for (size_t q = 0; q < ac_model_n_options(m, k); q++)
                if (w > 0 || rand_int(&s, 0, 1))
                    ac_model_set_value(m, p, k, q, rand_value(&s, o->grid), NULL);
            if (o->red_lines && rand_int(&s, 0, 5) == 0)
                ac_model_set_red_line(m, p, k, (size_t)rand_int(&s, 0, (int)ac_model_n_options(m, k) - 1), NULL);
        }
        ac_model_set_has_preferences(m, p, NULL);
    }
    if (rand_int(&s, 0, 1))
        for (size_t k = 0; k < nk; k++)
            ac_model_set_plan(m, k, (size_t)rand_int(&s, 0, (int)ac_model_n_options(m, k) - 1), NULL);
    return m;
}

void rand_suite(const char *name, const rand_opts *o, uint64_t first, int count, int scale,
                void (*check)(ac_model *m, const char *what))
{
    count = (count + scale - 1) / scale;
    for (int i = 0; i < count; i++) {
        uint64_t seed = first + (uint64_t)i;
        ac_model *m = rand_model(seed, o);
        char what[96];
        snprintf(what, sizeof what, "%s seed %llu", name, (unsigned long long)seed);
        check(m, what);
        ac_model_free(m);
    }
}
