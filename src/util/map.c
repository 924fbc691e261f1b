#include "util/map.h"

#include "util/mem.h"

#include <string.h>

static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static uint64_t hash_key(const void *ptr, const char *bytes, size_t len)
{
    /* Eight bytes at a time (maps are asked per node and per $ref on large documents), then a final
     * avalanche so that the low bits, which pick the slot, depend on every input bit. Never 0 (0 marks an empty slot). */
    uint64_t h = mix((uint64_t)(uintptr_t)ptr, len);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, bytes + i, 8);
        h = mix(h, w);
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, bytes + i, len - i);
        h = mix(h, w);
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h ? h : 1;
}

static oasv_map_slot *find(const oasv_map *m, const void *ptr, const char *bytes, size_t len, uint64_t h)
{
    if (!m->cap) return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        oasv_map_slot *s = &m->slots[i];
        if (!s->hash) return s;
        if (s->hash == h && s->ptr == ptr && s->len == len && (len == 0 || memcmp(s->bytes, bytes, len) == 0)) return s;
    }
}

bool oasv_map_has(const oasv_map *m, const void *ptr, const char *bytes, size_t len, void **value)
{
    oasv_map_slot *s = find(m, ptr, bytes, len, hash_key(ptr, bytes, len));
    if (!s || !s->hash) return false;
    if (value) *value = s->value;
    return true;
}

void *oasv_map_get(const oasv_map *m, const void *ptr, const char *bytes, size_t len)
{
    void *v = NULL;
    return oasv_map_has(m, ptr, bytes, len, &v) ? v : NULL;
}

static bool grow(oasv_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    oasv_map_slot *slots = oasv_calloc(cap, sizeof *slots);
    if (!slots) return false;
    oasv_map old = *m;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++) {
        oasv_map_slot *s = &old.slots[i];
        if (!s->hash) continue;
        *find(m, s->ptr, s->bytes, s->len, s->hash) = *s;
    }
    oasv_free(old.slots);
    return true;
}

bool oasv_map_put(oasv_map *m, const void *ptr, const char *bytes, size_t len, void *value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && !grow(m)) return false;
    uint64_t h = hash_key(ptr, bytes, len);
    oasv_map_slot *s = find(m, ptr, bytes, len, h);
    if (!s->hash) {
        s->hash = h;
        s->ptr = ptr;
        s->bytes = bytes;
        s->len = len;
        m->count++;
    }
    s->value = value;
    return true;
}

void oasv_map_free(oasv_map *m)
{
    oasv_free(m->slots);
    memset(m, 0, sizeof *m);
}
