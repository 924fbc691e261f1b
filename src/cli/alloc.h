/* alloc.h - the native CLI's allocator: large blocks on transparent huge pages. */
#ifndef OASV_CLI_ALLOC_H
#define OASV_CLI_ALLOC_H

#include "oasv.h"

/**
 * The allocator the CLI passes in oasv_options. A 20 MB spec needs about
 * 100 MB of trees, maps and text; on 4 KB pages the kernel spends a sixth of
 * a lint faulting them in. Blocks of 1 MB and more are mapped on their own
 * and marked for huge pages (Linux; elsewhere, and for small blocks, libc).
 */
extern const oasv_alloc oasv_cli_alloc;

/** Memory from oasv_cli_alloc (what oasv_load_adopt() takes); NULL when out of memory. */
void *oasv_cli_malloc(size_t size);
void *oasv_cli_realloc(void *ptr, size_t size);
void oasv_cli_free(void *ptr);

#endif
