/*
 * bare.h - JSON text to a bare cJSON tree: no spans, no side table, no copies.
 *
 * The loader (load.h) builds a document: every node's source span, its
 * parent, a line index, diagnostics. A JSON Schema instance needs none of
 * that (errors name places by JSON pointer), so instances are read here, in
 * one pass, into cJSON nodes carved from an arena. The text is parsed in
 * place: strings are unescaped where they lie and NUL-terminated over their
 * closing quote, so the text is changed and must outlive the tree.
 *
 * The reader only says yes or no: text it cannot read (not JSON, too deep,
 * too large, a BOM, U+0000 in a member name, out of memory) gives NULL, and
 * the caller falls back to the loader, which says why. On text both read,
 * both build the same tree.
 *
 * Nodes differ from the loader's in two ways: `valueint` is not a side-table
 * id, and a number carries OASV_BARE_NUMBER with its source text in
 * `valuestring` (not NUL-terminated) and that text's length in `valueint`,
 * and OASV_BARE_INTEGER when that text is plain digits.
 * Strings holding U+0000 carry OASV_STRING_HAS_NUL as in tree.h.
 *
 * Every node is an oasv_bare_node: a member also carries its key's length
 * and oasv_key_hash(), computed once while reading, so that a JSON Schema
 * walk that looks the key up in several `properties` tables does not measure
 * and hash it each time.
 */
#ifndef OASV_LOAD_BARE_H
#define OASV_LOAD_BARE_H

#include "load/tree.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** A number node of a bare tree: valuestring/valueint are its source text and length. */
#define OASV_BARE_NUMBER 2048
/** With OASV_BARE_NUMBER: the text is an integer in plain digits ("-12": no fraction, no exponent). */
#define OASV_BARE_INTEGER 4096

/** A node of a bare tree: the cJSON node, then its key's length and hash (0 and 0 when it is not a member). */
typedef struct oasv_bare_node {
    cJSON node;
    uint32_t key_len, key_hash;
} oasv_bare_node;

/**
 * The hash of a member name: eight bytes at a time, the length known, so
 * that a long key ("/applications/{id}/…" in an OpenAPI document) costs a
 * few multiplications rather than one per byte.
 */
static inline uint32_t oasv_key_hash(const char *s, size_t len)
{
    const uint64_t mul = 0xff51afd7ed558ccdull; /* odd: a bijection; its high bits mix every input bit */
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w = 0;
    uint32_t lo, hi;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&w, s + i, 8);
            h = (h ^ w) * mul;
        }
        memcpy(&w, s + len - 8, 8); /* the last 8 bytes, overlapping the previous word */
    } else if (len >= 4) {
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        w = (uint64_t)hi << 32 | lo;
    } else if (len) {
        w = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[len / 2] << 8 | (uint64_t)(unsigned char)s[len - 1] << 16;
    }
    h = (h ^ w) * mul;
    return (uint32_t)(h ^ (h >> 32));
}

typedef struct oasv_bare_chunk oasv_bare_chunk;

/** Memory for bare trees; reusable: oasv_bare_reset() keeps one chunk for the next tree. */
typedef struct oasv_bare {
    oasv_bare_chunk *head;
    char *next, *end;
    char *only; /* the start of head's bytes while head is the only chunk, else NULL */
    bool oom;
} oasv_bare;

/** The size of an arena's first chunk (bytes). */
#define OASV_BARE_FIRST_CHUNK 16384u

/** Bytes from the arena (aligned for cJSON nodes), or NULL when out of memory. */
void *oasv_bare_alloc(oasv_bare *a, size_t size);

/**
 * Read text[0..len) (text[len] must be '\0') as one JSON value, in place.
 * @param max_depth deepest nesting of arrays and objects (the root is depth 1)
 * @return the root, or NULL when the text is not plain JSON within the limits
 *         (a->oom tells when memory ran out)
 */
cJSON *oasv_bare_parse(oasv_bare *a, char *text, size_t len, uint32_t max_depth);

/** oasv_bare_reset() where the arena holds several chunks, or one larger than `keep`. */
void oasv_bare_reset_chunks(oasv_bare *a, size_t keep);

/** Drop every tree; keep the largest chunk (at most `keep` bytes) for the next one. */
static inline void oasv_bare_reset(oasv_bare *a, size_t keep)
{
    /* the usual case, inline: one chunk, small enough to keep */
    if (a->only && (size_t)(a->end - a->only) <= keep) {
        a->next = a->only;
        a->oom = false;
        return;
    }
    oasv_bare_reset_chunks(a, keep);
}

void oasv_bare_free(oasv_bare *a);

/** The source text of a number node of either kind of tree (`tree` is used for the loader's). */
static inline const char *oasv_number_text(const oasv_tree *tree, const cJSON *number, size_t *len)
{
    if (number->type & OASV_BARE_NUMBER) {
        *len = (size_t)number->valueint;
        return number->valuestring;
    }
    if (!tree) { *len = 0; return NULL; }
    return oasv_tree_raw(tree, number, len);
}

#endif
