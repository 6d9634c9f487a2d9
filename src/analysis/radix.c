/* Radix sort of (key, index) pairs (see radix.h). Insertion sort below 64 pairs; else
 * digits of 8 bits, or 16 for large arrays (half the passes, and the 2^16 counters are
 * cheap beside the data). */
#include "analysis/radix.h"

#include <stdlib.h>
#include <string.h>

uint64_t ac__sortable_double(double x)
{
    if (x == 0)
        x = 0;
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (b >> 63) ? ~b : b | (1ull << 63);
}

int ac__radix_sort(uint64_t *key, uint32_t *idx, size_t m, uint64_t *tk, uint32_t *ti)
{
    if (m < 64) {
        for (size_t a = 1; a < m; a++) {
            uint64_t k = key[a];
            uint32_t v = idx[a];
            size_t b = a;
            for (; b > 0 && key[b - 1] > k; b--) {
                key[b] = key[b - 1];
                idx[b] = idx[b - 1];
            }
            key[b] = k;
            idx[b] = v;
        }
        return 0;
    }
    unsigned bits = m >= ((size_t)1 << 17) ? 16 : 8;
    size_t nbuckets = (size_t)1 << bits, mask = nbuckets - 1;
    size_t *cnt = malloc(nbuckets * sizeof *cnt);
    if (!cnt)
        return -1;
    uint64_t vor = 0, vand = ~0ull;
    for (size_t a = 0; a < m; a++) {
        vor |= key[a];
        vand &= key[a];
    }
    uint64_t diff = vor ^ vand;
    uint64_t *ka = key, *kb = tk;
    uint32_t *ia = idx, *ib = ti;
    for (unsigned sh = 0; sh < 64; sh += bits) {
        if (!((diff >> sh) & mask))
            continue;
        memset(cnt, 0, nbuckets * sizeof *cnt);
        for (size_t a = 0; a < m; a++)
            cnt[(ka[a] >> sh) & mask]++;
        size_t sum = 0;
        for (size_t b = 0; b < nbuckets; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t a = 0; a < m; a++) {
            size_t pos = cnt[(ka[a] >> sh) & mask]++;
            kb[pos] = ka[a];
            ib[pos] = ia[a];
        }
        uint64_t *sk = ka;
        ka = kb;
        kb = sk;
        uint32_t *si = ia;
        ia = ib;
        ib = si;
    }
    free(cnt);
    if (ka != key) {
        memcpy(key, ka, m * sizeof *key);
        memcpy(idx, ia, m * sizeof *idx);
    }
    return 0;
}
