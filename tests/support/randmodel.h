/* Test support: seeded random models for property tests. */
#ifndef ACCORD_TEST_RANDMODEL_H
#define ACCORD_TEST_RANDMODEL_H

#include <stdint.h>

#include "accord/model.h"

typedef struct rand_opts {
    int parties_min, parties_max;   /* active parties */
    int issues_min, issues_max;
    int options_min, options_max;
    double max_outcomes;            /* issues are dropped until the space fits */
    int red_lines;                  /* allow red lines */
    int grid;                       /* 0: any double; N > 0: values multiples of 1/N, weights small integers (ties) */
    int zero_weights;               /* allow zero weights */
    int mediator;                   /* add a mediator party */
    double reservation_max;         /* reservations uniform in [0, reservation_max] */
} rand_opts;

void rand_opts_default(rand_opts *o);
uint64_t rand_next(uint64_t *state);          /* splitmix64 */
double rand_unit(uint64_t *state);            /* [0,1) */
int rand_int(uint64_t *state, int lo, int hi); /* [lo, hi] */

/* A valid model (ac_model_check passes), the same for the same seed and options. */
ac_model *rand_model(uint64_t seed, const rand_opts *o);

/* check(model, "<name> seed <seed>") on the models of seeds first, first + 1, ...: count
 * of them divided by scale (rounded up; sanitised builds check fewer). */
void rand_suite(const char *name, const rand_opts *o, uint64_t first, int count, int scale,
                void (*check)(ac_model *m, const char *what));

#endif
