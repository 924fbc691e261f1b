#include "util/arena.h"

#include "util/mem.h"

#include <stdint.h>

#define ALIGN 8u
/* Chunks grow with the arena (a 20 MB document needs ~80 MB of nodes) but stay
 * small enough that the unused tail of the last one costs little. The first is
 * small: a compiled JSON Schema keeps its document, and a test suite's schema
 * needs a few hundred bytes of nodes (16 KB here made each compiled `true` 24 KB). */
#define MIN_CHUNK ((size_t)1024)
#define MAX_CHUNK ((size_t)4 * 1024 * 1024)

struct oasv_arena_chunk {
    oasv_arena_chunk *next;
    size_t used, size; /* bytes of data[] */
    _Alignas(ALIGN) unsigned char data[];
};

void *oasv_arena_alloc(oasv_arena *a, size_t size)
{
    if (size > SIZE_MAX / 2) return NULL;
    size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    oasv_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t want = a->total / 2;
        if (want < MIN_CHUNK) want = MIN_CHUNK;
        if (want > MAX_CHUNK) want = MAX_CHUNK;
        if (want < size) want = size; /* a big block gets a chunk of its own */
        oasv_arena_chunk *fresh = oasv_malloc(sizeof *fresh + want);
        if (!fresh) return NULL;
        fresh->used = 0;
        fresh->size = want;
        a->total += want;
        if (c && c->size - c->used > want - size) {
            /* the current chunk has more room left than the new one would: keep filling it */
            fresh->next = c->next;
            c->next = fresh;
            fresh->used = size;
            return fresh->data;
        }
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = c->data + c->used;
    c->used += size;
    return p;
}

void oasv_arena_free(oasv_arena *a)
{
    for (oasv_arena_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        oasv_free(c);
    }
    a->head = NULL;
    a->total = 0;
}
