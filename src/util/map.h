/*
 * map.h - an open-addressing hash map from (pointer, bytes) keys to pointers.
 *
 * Keys are borrowed, not copied: the pointer and bytes must outlive the map
 * (in oasview they point into the document tree). A key is a pointer (may be
 * NULL) plus a byte string (may be empty), so one map type serves "member
 * `name` of object O", "node N" and "the string S".
 */
#ifndef OASV_UTIL_MAP_H
#define OASV_UTIL_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct oasv_map_slot {
    const void *ptr;
    const char *bytes;
    size_t len;
    uint64_t hash; /* 0 = empty slot */
    void *value;
} oasv_map_slot;

typedef struct oasv_map {
    oasv_map_slot *slots;
    size_t cap, count; /* cap is 0 or a power of two */
} oasv_map;

/** The value stored under the key, or NULL. */
void *oasv_map_get(const oasv_map *m, const void *ptr, const char *bytes, size_t len);
/** Store (or replace) a value; false when out of memory. */
bool oasv_map_put(oasv_map *m, const void *ptr, const char *bytes, size_t len, void *value);
/** Like oasv_map_get but also says whether the key is present (values may be NULL). */
bool oasv_map_has(const oasv_map *m, const void *ptr, const char *bytes, size_t len, void **value);
void oasv_map_free(oasv_map *m);

#endif
