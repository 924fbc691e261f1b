/*
 * tree.h - the document tree: cJSON nodes plus side tables.
 *
 * JSON and YAML input both become one cJSON tree. Each node's `valueint`
 * holds its id (the pre-order number in which the loader met it), and the id
 * indexes `info`, which says where the node and its key came from and who its
 * parent is. Numbers are read through oasv_tree_raw() (their exact source
 * text) or `valuedouble`, never through `valueint`.
 */
#ifndef OASV_LOAD_TREE_H
#define OASV_LOAD_TREE_H

#include "util/arena.h"
#include "util/buf.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/** Where a node came from: byte ranges of its value and (members only) its key. */
typedef struct oasv_node_info {
    uint32_t start, end;         /* the value */
    uint32_t key_start, key_end; /* the key of an object member; equal to start otherwise */
    const cJSON *parent;         /* NULL for the root */
} oasv_node_info;

typedef struct oasv_tree {
    cJSON *root;              /* NULL when the text could not be read */
    oasv_node_info *info;     /* indexed by node id */
    uint32_t count, cap;
    const uint8_t *text;      /* the source, owned by the document */
    size_t len;
    oasv_arena nodes;         /* the cJSON nodes and their strings when in_arena (the JSON and YAML loaders): freed all at once */
    bool in_arena;            /* false: a tree of separately allocated nodes, freed with cJSON_Delete */
} oasv_tree;

static inline uint32_t oasv_node_id(const cJSON *node) { return (uint32_t)node->valueint; }

/* A string value holding U+0000 carries this bit in `type`, and its byte
 * length in `valuedouble` (unused by strings): C string functions would stop
 * at the first NUL. Keys never hold NUL (the loader refuses them). */
#define OASV_STRING_HAS_NUL 1024

/** A string value's bytes and length, NUL characters included. */
static inline const char *oasv_node_string(const cJSON *node, size_t *len)
{
    *len = (node->type & OASV_STRING_HAS_NUL) ? (size_t)node->valuedouble : strlen(node->valuestring);
    return node->valuestring;
}

/** Append a side-table entry and return its id, or UINT32_MAX when out of memory. */
uint32_t oasv_tree_add(oasv_tree *tree, uint32_t start, uint32_t end, uint32_t key_start, uint32_t key_end);
/** Make room for `extra` more entries at once (the caller knows how many). */
bool oasv_tree_reserve(oasv_tree *tree, uint32_t extra);

static inline const oasv_node_info *oasv_tree_info(const oasv_tree *tree, const cJSON *node)
{
    return &tree->info[oasv_node_id(node)];
}

/** True when s[0..len) is a number by RFC 8259's grammar (YAML allows others: 0o17, .inf, +1). */
bool oasv_number_text_is_json(const char *s, size_t len);

/** The exact source text of a scalar (how a number was written). */
const char *oasv_tree_raw(const oasv_tree *tree, const cJSON *node, size_t *len);

/** Append the RFC 6901 pointer of `node` to `out` ("" for the root). */
void oasv_tree_pointer(const oasv_tree *tree, const cJSON *node, oasv_buf *out);

/** The node at an RFC 6901 pointer (with ~0/~1 escapes), or NULL. */
const cJSON *oasv_tree_resolve_pointer(const oasv_tree *tree, const char *pointer, size_t len);

/** Walk every object once; call `dup` for each member whose key repeats an earlier key. */
bool oasv_tree_each_duplicate(const oasv_tree *tree, void (*dup)(void *ctx, const cJSON *first, const cJSON *again), void *ctx);

void oasv_tree_free(oasv_tree *tree);

#endif
