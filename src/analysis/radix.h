/* Internal: a stable LSD radix sort of (64-bit key, 32-bit index) pairs, and keys for
 * doubles whose unsigned order is their numeric order. Shared by the rankings of the
 * non-dominated filter and of the ZOPA count's join. */
#ifndef ACCORD_ANALYSIS_RADIX_H
#define ACCORD_ANALYSIS_RADIX_H

#include <stddef.h>
#include <stdint.h>

/* Unsigned order of the result is the numeric order of x; -0.0 and +0.0 map alike (they
 * are equal as doubles). NaN is not expected. */
uint64_t ac__sortable_double(double x);

/* Sorts key[0..m) ascending, carrying idx along; stable. tk, ti: scratch of m entries.
 * Digits on which all keys agree are skipped, so small or clustered keys cost few
 * passes. Returns 0, or -1 when out of memory (nothing sorted). */
int ac__radix_sort(uint64_t *key, uint32_t *idx, size_t m, uint64_t *tk, uint32_t *ti);

#endif
