/* splitmix64 and xoshiro256** (Blackman and Vigna's published algorithms), written from
 * their definitions. The known-answer tests in tests/test_rng.c pin the outputs. */
#include "accord/rng.h"

#include <math.h>

uint64_t ac_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

void ac_rng_seed(ac_rng *r, uint64_t seed, uint64_t stream)
{
    /* Mixing the stream index through splitmix64 first keeps neighbouring streams apart. */
    uint64_t mix = stream;
    uint64_t st = seed ^ ac_splitmix64(&mix);
    for (int i = 0; i < 4; i++)
        r->s[i] = ac_splitmix64(&st);
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
        r->s[0] = 1; /* the all-zero state is a fixed point */
}

uint64_t ac_rng_next(ac_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double ac_rng_unit(ac_rng *r) { return (double)(ac_rng_next(r) >> 11) * 0x1.0p-53; }

uint64_t ac_rng_below(ac_rng *r, uint64_t n)
{
    /* rejection of the top partial block keeps every value equally likely */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = ac_rng_next(r);
    while (x >= limit);
    return x % n;
}

double ac_rng_normal(ac_rng *r)
{
    double u1 = ac_rng_unit(r), u2 = ac_rng_unit(r);
    if (u1 < 0x1.0p-60)
        u1 = 0x1.0p-60; /* log(0) */
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}
