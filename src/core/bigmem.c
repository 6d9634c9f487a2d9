/* Large working arrays on huge pages where the system grants them (see bigmem.h). */
#include "core/bigmem.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* Below this, malloc's own pools serve better than a 2 MiB-aligned block. */
#define BIG_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

void *ac__big_alloc(size_t bytes)
{
    if (bytes < BIG_MIN)
        return malloc(bytes ? bytes : 1);
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes))
        return NULL;
#ifdef MADV_HUGEPAGE
    /* only a hint: without it (or where it is refused) the block is just slower */
    size_t span = bytes & ~(HUGE_PAGE - 1);
    if (span)
        (void)madvise(p, span, MADV_HUGEPAGE);
#endif
    return p;
}

void *ac__big_zalloc(size_t bytes)
{
    void *p = ac__big_alloc(bytes);
    if (p)
        memset(p, 0, bytes ? bytes : 1);
    return p;
}
