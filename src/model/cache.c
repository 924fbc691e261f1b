/*
 * cache.c - text the model keeps per document (model_text_cache in model.h):
 * rendered markdown by source text, generated examples by schema and
 * direction. Entries reuse components heavily, so most of a new entry's
 * descriptions and examples were made already for another one.
 *
 * Each cached text is one allocation holding a copy of its key bytes (the
 * map borrows them from there) and the text. A cache stops taking new texts
 * at its byte limit; lookups still serve what it holds.
 */
#include "model/model.h"

#include "util/mem.h"

#include <string.h>

typedef struct cached {
    size_t key_len, len;
    char bytes[]; /* the key, then the text */
} cached;

const char *model_cache_get(const model_text_cache *cache, const void *ptr, const char *key, size_t key_len, size_t *len)
{
    const cached *hit = oasv_map_get(&cache->map, ptr, key, key_len);
    if (!hit) return NULL;
    *len = hit->len;
    return hit->bytes + hit->key_len;
}

void model_cache_put(model_text_cache *cache, const void *ptr, const char *key, size_t key_len, const char *text, size_t len)
{
    size_t size = sizeof(cached) + key_len + len;
    if (size > cache->limit || cache->bytes > cache->limit - size) return;
    cached *c = oasv_malloc(size);
    if (!c) return; /* out of memory: the text is only not kept */
    c->key_len = key_len;
    c->len = len;
    if (key_len) memcpy(c->bytes, key, key_len);
    if (len) memcpy(c->bytes + key_len, text, len);
    /* A key already there keeps its text: the map would keep borrowing the old copy of the key. */
    if (oasv_map_get(&cache->map, ptr, c->bytes, key_len) || !oasv_map_put(&cache->map, ptr, c->bytes, key_len, c)) {
        oasv_free(c);
        return;
    }
    cache->bytes += size;
}

void model_cache_free(model_text_cache *cache)
{
    for (size_t i = 0; i < cache->map.cap; i++)
        if (cache->map.slots[i].hash) oasv_free(cache->map.slots[i].value);
    oasv_map_free(&cache->map);
    cache->bytes = 0;
}
