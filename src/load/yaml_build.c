/*
 * yaml_build.c - YAML events to cJSON nodes with spans (see yaml_build.h).
 *
 * Resolves plain scalars by the YAML 1.2 core schema, expands aliases
 * within a budget, and says clearly what OpenAPI cannot use (non-scalar
 * keys, custom tags, merge keys).
 */
#include "load/yaml_build.h"

#include "load/yaml_scalar.h"
#include "util/buf.h"
#include "util/mem.h"

#include <string.h>

#define CORE_TAG_PREFIX "tag:yaml.org,2002:"

/* MARK: - Anchors */

struct yaml_anchor {
    char *name;
    cJSON *node;
    uint32_t size;   /* nodes in the anchored subtree (ids are pre-order, so id..id+size) */
    uint32_t height; /* levels of nesting inside it, itself included */
    bool complete;   /* false while the anchored container is still open */
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ull & SIZE_MAX;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

static yaml_anchor *anchor_find(yaml_anchors *a, const char *name)
{
    if (!a->cap) return NULL;
    for (size_t i = hash(name) & (a->cap - 1);; i = (i + 1) & (a->cap - 1)) {
        if (!a->slots[i].name) return NULL;
        if (strcmp(a->slots[i].name, name) == 0) return &a->slots[i];
    }
}

/* A later anchor of the same name replaces the earlier one (YAML 1.2, 3.2.2.2). */
static yaml_anchor *anchor_put(yaml_anchors *a, const char *name)
{
    if ((a->count + 1) * 2 > a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        yaml_anchor *slots = oasv_calloc(cap, sizeof *slots);
        if (!slots) return NULL;
        for (size_t i = 0; i < a->cap; i++) {
            if (!a->slots[i].name) continue;
            size_t j = hash(a->slots[i].name) & (cap - 1);
            while (slots[j].name) j = (j + 1) & (cap - 1);
            slots[j] = a->slots[i];
        }
        oasv_free(a->slots);
        a->slots = slots;
        a->cap = cap;
    }
    yaml_anchor *found = anchor_find(a, name);
    if (found) return found;
    size_t i = hash(name) & (a->cap - 1);
    while (a->slots[i].name) i = (i + 1) & (a->cap - 1);
    a->slots[i].name = oasv_strndup(name, strlen(name));
    if (!a->slots[i].name) return NULL;
    a->count++;
    return &a->slots[i];
}

static void anchors_free(yaml_anchors *a)
{
    for (size_t i = 0; i < a->cap; i++) oasv_free(a->slots[i].name);
    oasv_free(a->slots);
}

/* MARK: - Builder */

static void stop(yaml_builder *b) { b->failed = true; }

static char *pointer_here(yaml_builder *b)
{
    oasv_buf p = { 0 };
    for (uint32_t d = 0; d < b->depth; d++) {
        yaml_open_node *o = &b->stack[d];
        if (o->is_map) {
            if (o->have_key) oasv_buf_pointer_token(&p, o->key, strlen(o->key));
        } else {
            int n = cJSON_GetArraySize(o->node);
            oasv_buf_printf(&p, "/%d", n);
        }
    }
    return oasv_buf_take(&p);
}

void oasv_yaml_build_report(yaml_builder *b, oasv_severity sev, const char *code, size_t start, size_t end, const char *fmt, ...)
{
    oasv_buf m = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    char *text = oasv_buf_take(&m), *pointer = pointer_here(b);
    if (text && pointer) oasv_diag_at(b->doc, sev, code, pointer, start, end, "%s", text);
    else b->doc->oom = true;
    oasv_free(text);
    oasv_free(pointer);
}

void oasv_yaml_build_oom(yaml_builder *b) { b->doc->oom = true; stop(b); }

/* Attach a finished node where the open container (or the root) expects it. */
static void attach(yaml_builder *b, cJSON *node, uint32_t id, uint32_t height)
{
    oasv_tree *tree = &b->doc->tree;
    if (b->depth == 0) {
        tree->root = node;
        return;
    }
    yaml_open_node *o = &b->stack[b->depth - 1];
    tree->info[id].parent = o->node;
    if (o->is_map) {
        tree->info[id].key_start = o->key_start;
        tree->info[id].key_end = o->key_end;
        node->string = o->key; /* the member takes the key (both live in the tree's arena) */
        o->key = NULL;
        o->have_key = false;
    }
    cJSON_AddItemToArray(o->node, node);
    if (height + 1 > o->height) o->height = height + 1;
}

/* A NUL-terminated copy of text[0..len) in the tree's arena (where the nodes are), or NULL when out of memory. */
static char *tree_string(yaml_builder *b, const char *text, size_t len)
{
    char *copy = oasv_arena_alloc(&b->doc->tree.nodes, len + 1);
    if (!copy) return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* A scalar used as a key: its text, whatever it would resolve to (OpenAPI keys are strings). */
static void take_key(yaml_builder *b, const char *text, size_t len, size_t start, size_t end, bool plain)
{
    yaml_open_node *o = &b->stack[b->depth - 1];
    o->key = tree_string(b, text, len);
    if (!o->key) { oasv_yaml_build_oom(b); return; }
    if (memchr(text, 0, len)) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-key", start, end, "a key cannot contain a NUL character");
        stop(b);
        return;
    }
    o->key_start = (uint32_t)start;
    o->key_end = (uint32_t)end;
    o->have_key = true;
    if (plain && len == 2 && memcmp(text, "<<", 2) == 0)
        oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "yaml-merge-key", start, end,
               "YAML 1.2 has no merge keys: '<<' is read as an ordinary key named \"<<\", nothing is merged");
}

static const char *core_tag(const char *tag)
{
    size_t n = strlen(CORE_TAG_PREFIX);
    return tag && strncmp(tag, CORE_TAG_PREFIX, n) == 0 ? tag + n : NULL;
}

static bool json_tag(const char *name)
{
    static const char *const allowed[] = { "str", "int", "float", "bool", "null", "map", "seq", NULL };
    for (const char *const *a = allowed; *a; a++)
        if (name && strcmp(name, *a) == 0) return true;
    return false;
}

void oasv_yaml_build_scalar(yaml_builder *b, const char *text, size_t len, bool plain, const char *tag, const char *anchor_name,
                            uint32_t start, uint32_t end)
{
    bool tagged = tag && strcmp(tag, "!") != 0;

    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        if (tagged && !(core_tag(tag) && strcmp(core_tag(tag), "str") == 0))
            oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, end, "the key's tag %s is ignored: OpenAPI keys are strings", tag);
        take_key(b, text, len, start, end, plain);
        return;
    }

    yaml_scalar_value v = { YAML_SCALAR_STRING, false, 0 };
    if (tagged) {
        const char *name = core_tag(tag);
        if (!json_tag(name)) {
            oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, end,
                   "the tag %s is outside the JSON schema of YAML that OpenAPI allows; the value is read as a string", tag);
        } else if (!oasv_yaml_resolve_tagged(name, text, len, &v)) {
            oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-tag", start, end, "the value does not fit its tag !!%s", name);
            v.kind = YAML_SCALAR_STRING;
        }
    } else if (plain) {
        v = oasv_yaml_resolve_plain(text, len);
    }

    cJSON *node = NULL;
    switch (v.kind) {
    case YAML_SCALAR_NULL: node = cJSON_CreateNull(); break;
    case YAML_SCALAR_BOOL: node = cJSON_CreateBool(v.boolean); break;
    case YAML_SCALAR_INT:
    case YAML_SCALAR_FLOAT:
        /* cJSON_CreateNumber casts to int, undefined for NaN: set the double afterwards. */
        node = cJSON_CreateNumber(0);
        if (node) node->valuedouble = v.number;
        break;
    case YAML_SCALAR_STRING:
        node = cJSON_CreateString("");
        if (node) {
            node->valuestring = tree_string(b, text, len); /* the "" above stays in the arena, unused */
            if (!node->valuestring) node = NULL;
            else if (memchr(text, 0, len)) { /* "\0" escapes: keep the length beside the bytes */
                node->type |= OASV_STRING_HAS_NUL;
                node->valuedouble = (double)len;
            }
        }
        break;
    }
    if (!node) { oasv_yaml_build_oom(b); return; }
    uint32_t id = oasv_tree_add(&b->doc->tree, start, end, start, start);
    if (id == UINT32_MAX) { cJSON_Delete(node); oasv_yaml_build_oom(b); return; }
    node->valueint = (int)id;
    if ((v.kind == YAML_SCALAR_FLOAT) && (v.number != v.number || v.number - v.number != 0))
        oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "number-out-of-range", start, end,
               "%.*s is not a number JSON can hold (infinity or NaN)", (int)(len > 40 ? 40 : len), text);
    if (anchor_name) {
        yaml_anchor *a = anchor_put(&b->anchors, anchor_name);
        if (!a) { cJSON_Delete(node); oasv_yaml_build_oom(b); return; }
        a->node = node;
        a->size = 1;
        a->height = 1;
        a->complete = true;
    }
    attach(b, node, id, 1);
}

void oasv_yaml_build_start(yaml_builder *b, bool is_map, const char *tag, const char *anchor_name, uint32_t start)
{
    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-key", start, start + 1,
               "a key must be a scalar: OpenAPI documents allow only string keys, not %s", is_map ? "mappings" : "sequences");
        stop(b);
        return;
    }
    if (b->depth >= b->max_depth) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "nesting-too-deep", start, start + 1,
               "nesting deeper than %u levels (limit max_depth)", b->max_depth);
        stop(b);
        return;
    }
    if (tag && strcmp(tag, "!") != 0 && !json_tag(core_tag(tag)))
        oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, start + 1,
               "the tag %s is outside the JSON schema of YAML that OpenAPI allows; it is ignored", tag);
    cJSON *node = is_map ? cJSON_CreateObject() : cJSON_CreateArray();
    uint32_t id = node ? oasv_tree_add(&b->doc->tree, start, start, start, start) : UINT32_MAX;
    if (id == UINT32_MAX) { if (node) cJSON_Delete(node); oasv_yaml_build_oom(b); return; }
    node->valueint = (int)id;
    yaml_anchor *a = NULL;
    if (anchor_name) {
        a = anchor_put(&b->anchors, anchor_name);
        if (!a) { cJSON_Delete(node); oasv_yaml_build_oom(b); return; }
        a->node = node;
        a->complete = false;
    }
    /* Attach now so the tree owns the node even if loading stops midway. */
    attach(b, node, id, 1);
    if (b->depth == b->cap) { /* small documents should not pay for max_depth levels */
        uint32_t cap = b->cap * 2 < b->max_depth ? b->cap * 2 : b->max_depth;
        yaml_open_node *grown = oasv_realloc(b->stack, (size_t)cap * sizeof *grown);
        if (!grown) { oasv_yaml_build_oom(b); return; }
        b->stack = grown;
        b->cap = cap;
    }
    yaml_open_node *o = &b->stack[b->depth++];
    memset(o, 0, sizeof *o);
    o->node = node;
    o->height = 1;
    o->anchored = a;
    o->is_map = is_map;
}

void oasv_yaml_build_end(yaml_builder *b, uint32_t end)
{
    yaml_open_node *o = &b->stack[--b->depth];
    oasv_tree *tree = &b->doc->tree;
    uint32_t id = oasv_node_id(o->node);
    tree->info[id].end = end;
    if (o->anchored) {
        o->anchored->size = tree->count - id;
        o->anchored->height = o->height;
        o->anchored->complete = true;
    }
    if (b->depth > 0 && o->height + 1 > b->stack[b->depth - 1].height) b->stack[b->depth - 1].height = o->height + 1;
    o->key = NULL; /* a key without a value: it stays in the arena */
}

/* Copy an anchored subtree; every copied node gets a side-table entry with its original's spans. */
static cJSON *copy_subtree(yaml_builder *b, const cJSON *src, uint32_t alias_start, uint32_t alias_end)
{
    oasv_tree *tree = &b->doc->tree;
    cJSON *copy = cJSON_Duplicate(src, true);
    if (!copy) return NULL;
    /* Walk both trees in step, pre-order, without recursion. */
    const cJSON *s = src;
    cJSON *c = copy;
    const cJSON *cparent = NULL;
    while (c) {
        const oasv_node_info *orig = &tree->info[oasv_node_id(s)];
        oasv_node_info o = *orig;
        uint32_t id = oasv_tree_add(tree, o.start, o.end, o.key_start, o.key_end);
        if (id == UINT32_MAX) { cJSON_Delete(copy); return NULL; }
        if (c == copy) { /* the alias itself stands for the root of the copy */
            tree->info[id].start = alias_start;
            tree->info[id].end = alias_end;
        }
        tree->info[id].parent = cparent;
        c->valueint = (int)id;
        if (c->child) { cparent = c; c = c->child; s = s->child; continue; }
        while (c && !c->next && c != copy) {
            c = (cJSON *)cparent;
            s = tree->info[oasv_node_id(s)].parent;
            cparent = c == copy ? NULL : tree->info[oasv_node_id(c)].parent;
        }
        if (!c || c == copy) break;
        c = c->next;
        s = s->next;
    }
    return copy;
}

void oasv_yaml_build_alias(yaml_builder *b, const char *name, uint32_t start, uint32_t end)
{
    yaml_anchor *a = anchor_find(&b->anchors, name);
    if (!a) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-alias", start, end, "the alias *%s names no anchor defined before it", name);
        stop(b);
        return;
    }
    if (!a->complete) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-alias", start, end,
               "the alias *%s refers to a node that contains it: a cycle JSON cannot represent", name);
        stop(b);
        return;
    }
    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        if (!cJSON_IsString(a->node)) {
            oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-key", start, end, "a key must be a scalar string; *%s is not", name);
            stop(b);
            return;
        }
        const char *text = a->node->valuestring;
        take_key(b, text, strlen(text), start, end, false);
        return;
    }
    if (b->alias_nodes + a->size > b->max_alias_nodes) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "alias-budget-exceeded", start, end,
               "aliases would copy more than %llu nodes into the tree (limit max_alias_nodes): a \"billion laughs\" document?",
               (unsigned long long)b->max_alias_nodes);
        stop(b);
        return;
    }
    if (b->depth + a->height > b->max_depth) {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "nesting-too-deep", start, end,
               "the alias *%s makes nesting deeper than %u levels (limit max_depth)", name, b->max_depth);
        stop(b);
        return;
    }
    b->alias_nodes += a->size;
    if (!oasv_tree_reserve(&b->doc->tree, a->size)) { oasv_yaml_build_oom(b); return; }
    cJSON *copy = copy_subtree(b, a->node, start, end);
    if (!copy) { oasv_yaml_build_oom(b); return; }
    copy->string = NULL; /* the anchored node's own key (in the arena); the copy takes the alias's */
    attach(b, copy, oasv_node_id(copy), a->height);
}

bool oasv_yaml_build_begin(yaml_builder *b, oasv_doc *doc)
{
    memset(b, 0, sizeof *b);
    b->doc = doc;
    b->max_depth = doc->limits.max_depth;
    b->max_alias_nodes = doc->limits.max_alias_nodes;
    b->cap = b->max_depth < 32 ? b->max_depth : 32;
    b->stack = oasv_calloc(b->cap, sizeof *b->stack);
    if (!b->stack) { doc->oom = true; return false; }
    /* Nodes and strings go into the tree's arena: freeing the document drops it whole, and the
     * cJSON_Delete()s of nodes dropped on the way (errors) do nothing. */
    doc->tree.in_arena = true;
    b->previous_arena = oasv_mem_cjson_arena(&doc->tree.nodes);
    return true;
}

void oasv_yaml_build_finish(yaml_builder *b)
{
    oasv_doc *doc = b->doc;
    /* Close what an error left open, so the tree's side table has ends for every node. */
    while (b->depth > 0) oasv_yaml_build_end(b, (uint32_t)doc->len);
    oasv_mem_cjson_arena(b->previous_arena);
    if (b->failed) {
        doc->tree.root = NULL; /* a text that cannot be read has no tree */
        oasv_arena_free(&doc->tree.nodes);
    }
    anchors_free(&b->anchors);
    oasv_free(b->stack);
    b->stack = NULL;
}
