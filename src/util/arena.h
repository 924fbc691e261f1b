/*
 * arena.h - a bump allocator for many small blocks freed all at once.
 *
 * The document tree of a JSON load (hundreds of thousands of cJSON nodes and
 * strings) lives in one: allocating is a pointer bump, freeing the document
 * drops a few chunks instead of walking every node. Chunks come from
 * oasv_malloc, so the allocator in effect and its limits apply.
 */
#ifndef OASV_UTIL_ARENA_H
#define OASV_UTIL_ARENA_H

#include <stddef.h>

typedef struct oasv_arena_chunk oasv_arena_chunk;

typedef struct oasv_arena {
    oasv_arena_chunk *head; /* the chunk being filled; older ones follow */
    size_t total;           /* bytes of all chunks: the next chunk grows with it */
} oasv_arena;

/** `size` bytes aligned for any scalar, or NULL when out of memory. */
void *oasv_arena_alloc(oasv_arena *a, size_t size);
/** Free every block at once; the arena can be used again. */
void oasv_arena_free(oasv_arena *a);

#endif
