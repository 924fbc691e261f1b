/* alloc.c - the native CLI's allocator (alloc.h): large blocks mapped on their own, grown by mremap. */
#define _GNU_SOURCE /* mremap */
#include "cli/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OASV_CLI_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define OASV_CLI_ASAN 1
#endif

/* Under AddressSanitizer every block stays with malloc(), which it checks. */
#if defined(__linux__) && !defined(OASV_CLI_ASAN)
#include <sys/mman.h>
#define MAPPED_BLOCKS 1
#else
#define MAPPED_BLOCKS 0
#endif

/* Each block starts with this header, which says how it was made; it keeps malloc's 16-byte alignment. */
typedef struct header {
    size_t mapped; /* bytes mapped for the block (a multiple of PAGE), or 0 when it came from malloc() */
    size_t size;   /* bytes asked for */
} header;

#define BIG ((size_t)1 << 20) /* blocks of this size and more are mapped on their own */
#define PAGE ((size_t)4096)   /* mappings are whole pages (a larger page size only wastes the rest of one) */

static void *payload(header *h) { return h + 1; }
static header *header_of(void *ptr) { return (header *)ptr - 1; }

#if MAPPED_BLOCKS
static size_t mapping_size(size_t size) { return (size + sizeof(header) + PAGE - 1) & ~(PAGE - 1); }

static header *map_block(size_t size)
{
    size_t bytes = mapping_size(size);
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED) return NULL;
    header *h = p;
    h->mapped = bytes;
    h->size = size;
    return h;
}
#endif

void *oasv_cli_malloc(size_t size)
{
    if (size > SIZE_MAX - PAGE) return NULL;
#if MAPPED_BLOCKS
    if (size >= BIG) {
        header *h = map_block(size);
        return h ? payload(h) : NULL;
    }
#endif
    header *h = malloc(sizeof *h + size);
    if (!h) return NULL;
    h->mapped = 0;
    h->size = size;
    return payload(h);
}

void oasv_cli_free(void *ptr)
{
    if (!ptr) return;
    header *h = header_of(ptr);
#if MAPPED_BLOCKS
    if (h->mapped) { munmap(h, h->mapped); return; }
#endif
    free(h);
}

void *oasv_cli_realloc(void *ptr, size_t size)
{
    if (!ptr) return oasv_cli_malloc(size);
    if (size > SIZE_MAX - PAGE) return NULL;
    header *h = header_of(ptr);
#if MAPPED_BLOCKS
    if (h->mapped && size >= BIG) { /* grows or shrinks in place, or moves without copying the pages */
        size_t bytes = mapping_size(size);
        if (bytes == h->mapped) { h->size = size; return ptr; }
        void *p = mremap(h, h->mapped, bytes, MREMAP_MAYMOVE);
        if (p == MAP_FAILED) return NULL;
        h = p;
        h->mapped = bytes;
        h->size = size;
        return payload(h);
    }
    if (h->mapped || size >= BIG) { /* crosses BIG: a new block of the other kind */
        void *fresh = oasv_cli_malloc(size);
        if (!fresh) return NULL;
        memcpy(fresh, ptr, h->size < size ? h->size : size);
        oasv_cli_free(ptr);
        return fresh;
    }
#endif
    header *n = realloc(h, sizeof *n + size);
    if (!n) return NULL;
    n->size = size;
    return payload(n);
}

static void *alloc_malloc(void *ctx, size_t size) { (void)ctx; return oasv_cli_malloc(size); }
static void *alloc_realloc(void *ctx, void *ptr, size_t size) { (void)ctx; return oasv_cli_realloc(ptr, size); }
static void alloc_free(void *ctx, void *ptr) { (void)ctx; oasv_cli_free(ptr); }

const oasv_alloc oasv_cli_alloc = { alloc_malloc, alloc_realloc, alloc_free, NULL };
