/* Brute-force graph-model stability, written straight from the definitions
 * (docs/stability.md): for every improvement, the sanctioning coalition's reachable set is
 * searched anew. Slow and obviously right; the tests and the benchmark compare the library
 * against it. Also random conflicts for property tests. */
#ifndef ACCORD_TEST_STAB_ORACLE_H
#define ACCORD_TEST_STAB_ORACLE_H

#include <stdint.h>

#include "accord/conflict.h"
#include "accord/stability.h"

/* The states coalition `members` reaches from s by legal sequences (no member twice in a
 * row; improving: each move strictly improves its mover). out[S] is set to 0/1. */
void oracle_reach(const ac_conflict *c, uint64_t members, size_t s, int improving,
                  unsigned char *out);
/* Whether state s is stable for dm under concept k. */
int oracle_stable(const ac_conflict *c, size_t dm, size_t s, ac_stab_concept k);
/* A random finished conflict: states in [1, max_states], 2..max_dms decision makers,
 * moves with probability p, ranks with ties. */
ac_conflict *oracle_random_conflict(uint64_t seed, size_t max_states, size_t max_dms, double p);

#endif
