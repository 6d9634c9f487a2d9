/* accord — the 95% intervals the sweeps report: Wilson score intervals for shares and
 * normal intervals for means (implemented with the sweeps, src/sim). */
#ifndef ACCORD_STATS_H
#define ACCORD_STATS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 95% intervals: Wilson score for a proportion k/n, normal for a mean. */
void ac_wilson95(uint64_t k, uint64_t n, double *lo, double *hi);
void ac_mean95(double sum, double sumsq, uint64_t n, double *mean, double *lo, double *hi);

#ifdef __cplusplus
}
#endif
#endif
