/* Internal: allocation of large working arrays (state sets, join items).
 *
 * Arrays of megabytes that are filled at once cost most of their time in page faults
 * when taken fresh from the kernel 4 KiB at a time: one fault per page, and two when the
 * page is read (a probe of a zeroed hash table) before it is written. These helpers ask
 * for transparent huge pages where the system offers them on request (one fault per
 * 2 MiB) and zero by writing, never by reading the kernel's zero page. The blocks are
 * ordinary malloc blocks: free() and realloc() take them. */
#ifndef ACCORD_CORE_BIGMEM_H
#define ACCORD_CORE_BIGMEM_H

#include <stddef.h>

/* Uninitialised; NULL when out of memory (bytes 0 gives a valid small block). */
void *ac__big_alloc(size_t bytes);
/* Zeroed. */
void *ac__big_zalloc(size_t bytes);

#endif
