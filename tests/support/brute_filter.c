/* The non-dominated filter by its definition (see brute_filter.h). */
#include "brute_filter.h"

int prio_less(const void *ctx, size_t a, size_t b)
{
    const prio_ctx *c = ctx;
    return c->prio[a] < c->prio[b];
}

void brute_filter(const uint32_t *r, const uint32_t *prio, size_t n, size_t d,
                  unsigned char *keep)
{
    for (size_t q = 0; q < n; q++) {
        keep[q] = 1;
        for (size_t p = 0; p < n && keep[q]; p++) {
            if (p == q)
                continue;
            int ge = 1, gt = 0;
            for (size_t j = 0; j < d; j++) {
                ge &= r[p * d + j] >= r[q * d + j];
                gt |= r[p * d + j] > r[q * d + j];
            }
            if (ge && (gt || (prio ? prio[p] < prio[q] : p < q)))
                keep[q] = 0;
        }
    }
}
