/* alloc.h - the native CLI's allocator: large blocks mapped on their own, grown by mremap. */
#ifndef OASV_CLI_ALLOC_H
#define OASV_CLI_ALLOC_H

#include "oasv.h"

/**
 * The allocator the CLI passes in oasv_options. A 20 MB spec needs about
 * 100 MB of trees, maps and text. Blocks of 1 MB and more are mapped on their
 * own (Linux; elsewhere, and for small blocks, libc), so the tables that grow
 * by doubling move by mremap() without copying, and freeing one returns it.
 * A new block's pages are made at once (MAP_POPULATE): such blocks (the input,
 * the tree's arena chunks) are written whole right away, and one call makes
 * their pages faster than a fault per page: the 20 MB merge, 15 alternating
 * runs, 203 -> 194 ms median. Pages a block gains by mremap() come on use.
 *
 * No huge pages: they look faster when one lint follows another, but on a
 * virtual machine whose balloon takes back freed memory (free page reporting),
 * a lint right after a big process (redocly lint: 0.9 GB) spent 0.25 s of
 * kernel time faulting them in: 0.34-0.47 s for the 20 MB merge against
 * 0.24-0.26 s on 4 KB pages.
 */
extern const oasv_alloc oasv_cli_alloc;

/** Memory from oasv_cli_alloc (what oasv_load_adopt() takes); NULL when out of memory. */
void *oasv_cli_malloc(size_t size);
void *oasv_cli_realloc(void *ptr, size_t size);
void oasv_cli_free(void *ptr);

#endif
