/*
 * mem.h - allocation through the caller's oasv_alloc.
 *
 * Every allocation oasview makes, cJSON's included, goes through the allocator
 * that the current public call was given. cJSON only has process-wide hooks
 * without a context, so the allocator in effect is kept in a thread-local
 * slot that each public entry point sets for its duration (oasv_mem_scope).
 */
#ifndef OASV_UTIL_MEM_H
#define OASV_UTIL_MEM_H

#include "oasv.h"
#include "util/arena.h"

/* The allocator in effect on this thread (NULL = libc): mem.c's, read and set inline below. */
extern _Thread_local const oasv_alloc *oasv_mem_current;

/** Make `alloc` (NULL = libc) the allocator of this thread; returns the previous one. */
const oasv_alloc *oasv_mem_enter(const oasv_alloc *alloc);

/**
 * oasv_mem_enter() for a path that makes no cJSON allocation (so cJSON's
 * hooks need not be in place): the slot alone, inline. A JSON Schema
 * instance's validation in wasm spends ~6 ns of its ~40 ns fixed cost in
 * the two calls otherwise.
 */
static inline const oasv_alloc *oasv_mem_enter_bare(const oasv_alloc *alloc)
{
    const oasv_alloc *previous = oasv_mem_current;
    oasv_mem_current = alloc;
    return previous;
}

/** Restore the allocator returned by oasv_mem_enter() or oasv_mem_enter_bare(). */
static inline void oasv_mem_leave(const oasv_alloc *previous) { oasv_mem_current = previous; }

/**
 * While `arena` is set (NULL: none), cJSON takes its memory from it and its
 * frees do nothing: the arena's owner frees everything at once (a document
 * tree being built). Returns the previous one.
 */
oasv_arena *oasv_mem_cjson_arena(oasv_arena *arena);

void *oasv_malloc(size_t size);
void *oasv_calloc(size_t count, size_t size);
void *oasv_realloc(void *ptr, size_t size);
void oasv_free(void *ptr);
/** Copy `len` bytes into a new NUL-terminated string, or NULL when out of memory. */
char *oasv_strndup(const char *s, size_t len);

#endif
