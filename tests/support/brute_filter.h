/* Test support: the non-dominated filter by its definition, for the fast filters'
 * property tests, and a tie order given as priorities. */
#ifndef ACCORD_TEST_BRUTE_FILTER_H
#define ACCORD_TEST_BRUTE_FILTER_H

#include <stddef.h>
#include <stdint.h>

/* keep[q] = 1 when no point is >= everywhere and > somewhere, and no point with the same
 * vector comes first in the tie order (prio NULL: index order). Quadratic. */
void brute_filter(const uint32_t *r, const uint32_t *prio, size_t n, size_t d,
                  unsigned char *keep);

/* An ac__tie's less over priorities: a before b when prio[a] < prio[b]. */
typedef struct {
    const uint32_t *prio;
} prio_ctx;
int prio_less(const void *ctx, size_t a, size_t b);

#endif
