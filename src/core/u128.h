/* 128-bit counts inside the library. The public ac_u128 is two 64-bit halves, so that
 * any C or C++ compiler reads the headers; the library computes with the compiler's
 * unsigned __int128 and converts where a count crosses the public surface. */
#ifndef ACCORD_U128_H
#define ACCORD_U128_H

#include <stddef.h>
#include <stdint.h>

#include "accord/space.h"

__extension__ typedef unsigned __int128 ac__u128;
#define AC__U128_MAX (~(ac__u128)0)

static inline ac_u128 ac__u128_out(ac__u128 x)
{
    ac_u128 r = {(uint64_t)x, (uint64_t)(x >> 64)};
    return r;
}

static inline ac__u128 ac__u128_in(ac_u128 x) { return (ac__u128)x.hi << 64 | x.lo; }

static inline double ac__u128_double(ac__u128 x)
{
    return (double)(uint64_t)(x >> 64) * 18446744073709551616.0 + (double)(uint64_t)x;
}

/* Writes the decimal digits of x into buf; returns buf. */
char *ac__u128_str(ac__u128 x, char *buf, size_t size);

#endif
