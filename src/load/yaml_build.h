/*
 * yaml_build.h - YAML events to the document tree, whichever scanner reads the text.
 *
 * Both YAML front ends (yaml.c through libyaml, yaml_fast.c by hand) call
 * these with plain arguments: scalars, collection starts and ends, aliases,
 * each with byte offsets into doc->text. The builder resolves plain scalars
 * by the YAML 1.2 core schema, keeps anchors, and reports what OpenAPI
 * cannot use, so the two front ends agree on trees and diagnostics.
 */
#ifndef OASV_LOAD_YAML_BUILD_H
#define OASV_LOAD_YAML_BUILD_H

#include "core/diag.h"
#include "core/doc.h"

typedef struct yaml_anchor yaml_anchor;

typedef struct yaml_anchors {
    yaml_anchor *slots; /* open addressing; a NULL name is empty */
    size_t cap, count;
} yaml_anchors;

typedef struct yaml_open_node {
    cJSON *node;
    uint32_t height;      /* deepest nesting inside so far, itself included */
    yaml_anchor *anchored; /* the anchor naming this container, if any */
    bool is_map;
    bool have_key;        /* maps: a key waits for its value */
    char *key;
    uint32_t key_start, key_end;
} yaml_open_node;

typedef struct yaml_builder {
    oasv_doc *doc;
    yaml_open_node *stack;
    uint32_t depth, max_depth, cap; /* cap: levels allocated; grows to max_depth on demand */
    yaml_anchors anchors;
    uint64_t alias_nodes, max_alias_nodes;
    oasv_arena *previous_arena;     /* cJSON's arena before the builder took it */
    bool failed;                    /* an error stopped the load (reported), or memory ran out */
} yaml_builder;

/** Start building into doc->tree (nodes go into the tree's arena). False when out of memory (doc->oom is set). */
bool oasv_yaml_build_begin(yaml_builder *b, oasv_doc *doc);
/** Close what an error left open, give cJSON its arena back; a failed load drops its tree. */
void oasv_yaml_build_finish(yaml_builder *b);

/** A scalar: a key when the open mapping waits for one, else a value. `tag` and `anchor` may be NULL. */
void oasv_yaml_build_scalar(yaml_builder *b, const char *text, size_t len, bool plain, const char *tag, const char *anchor,
                            uint32_t start, uint32_t end);
void oasv_yaml_build_start(yaml_builder *b, bool is_map, const char *tag, const char *anchor, uint32_t start);
void oasv_yaml_build_end(yaml_builder *b, uint32_t end);
void oasv_yaml_build_alias(yaml_builder *b, const char *name, uint32_t start, uint32_t end);

/** Report at [start, end) with the pointer of where the builder is; an error does not stop it by itself. */
OASV_PRINTF(6, 7)
void oasv_yaml_build_report(yaml_builder *b, oasv_severity sev, const char *code, size_t start, size_t end, const char *fmt, ...);
/** Stop: memory ran out. */
void oasv_yaml_build_oom(yaml_builder *b);

#endif
