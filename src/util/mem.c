#include "util/mem.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

_Thread_local const oasv_alloc *oasv_mem_current;
static _Thread_local oasv_arena *cjson_arena;

/* cJSON's hooks have no context argument: route them through the slots. */
static void *cjson_malloc(size_t size) { return cjson_arena ? oasv_arena_alloc(cjson_arena, size) : oasv_malloc(size); }
static void cjson_free(void *ptr)
{
    if (!cjson_arena) oasv_free(ptr);
}

oasv_arena *oasv_mem_cjson_arena(oasv_arena *arena)
{
    oasv_arena *previous = cjson_arena;
    cjson_arena = arena;
    return previous;
}

static void install_cjson_hooks(void)
{
    static int installed;
    if (!installed) {
        cJSON_Hooks hooks = { cjson_malloc, cjson_free };
        cJSON_InitHooks(&hooks);
        installed = 1;
    }
}

const oasv_alloc *oasv_mem_enter(const oasv_alloc *alloc)
{
    const oasv_alloc *previous = oasv_mem_current;
    install_cjson_hooks();
    oasv_mem_current = alloc;
    return previous;
}

void *oasv_malloc(size_t size)
{
    const oasv_alloc *a = oasv_mem_current;
    if (size == 0) size = 1;
    return a && a->malloc ? a->malloc(a->ctx, size) : malloc(size);
}

void *oasv_calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) return NULL;
    void *p = oasv_malloc(count * size);
    if (p) memset(p, 0, count * size);
    return p;
}

void *oasv_realloc(void *ptr, size_t size)
{
    const oasv_alloc *a = oasv_mem_current;
    if (size == 0) size = 1;
    return a && a->realloc ? a->realloc(a->ctx, ptr, size) : realloc(ptr, size);
}

void oasv_free(void *ptr)
{
    const oasv_alloc *a = oasv_mem_current;
    if (!ptr) return;
    if (a && a->free) a->free(a->ctx, ptr);
    else free(ptr);
}

char *oasv_strndup(const char *s, size_t len)
{
    char *p = oasv_malloc(len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
