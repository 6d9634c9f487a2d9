/* accord — deterministic random numbers: splitmix64 for seeding, xoshiro256** for
 * streams. Every random process in accord takes a seed; a stream for run i of a sweep is
 * seeded from (seed, i) alone, so results do not depend on thread or rank counts. */
#ifndef ACCORD_RNG_H
#define ACCORD_RNG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* splitmix64: advances *state and returns the next output. */
uint64_t ac_splitmix64(uint64_t *state);

typedef struct ac_rng {
    uint64_t s[4];
} ac_rng;

/* Seeds a stream from a seed and a stream index (e.g. the run index of a sweep). */
void ac_rng_seed(ac_rng *r, uint64_t seed, uint64_t stream);
uint64_t ac_rng_next(ac_rng *r);           /* xoshiro256** */
double ac_rng_unit(ac_rng *r);             /* uniform in [0,1), 53 bits */
uint64_t ac_rng_below(ac_rng *r, uint64_t n); /* uniform in [0,n), unbiased; n > 0 */
double ac_rng_normal(ac_rng *r);           /* standard normal (Box-Muller, one value per call) */

#ifdef __cplusplus
}
#endif
#endif
