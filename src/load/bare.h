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
 * `valuestring` (not NUL-terminated) and that text's length in `valueint`.
 * Strings holding U+0000 carry OASV_STRING_HAS_NUL as in tree.h.
 */
#ifndef OASV_LOAD_BARE_H
#define OASV_LOAD_BARE_H

#include "load/tree.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A number node of a bare tree: valuestring/valueint are its source text and length. */
#define OASV_BARE_NUMBER 2048

typedef struct oasv_bare_chunk oasv_bare_chunk;

/** Memory for bare trees; reusable: oasv_bare_reset() keeps one chunk for the next tree. */
typedef struct oasv_bare {
    oasv_bare_chunk *head;
    char *next, *end;
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

/** Drop every tree; keep the largest chunk (at most `keep` bytes) for the next one. */
void oasv_bare_reset(oasv_bare *a, size_t keep);

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
