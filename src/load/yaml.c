/*
 * yaml.c - YAML 1.2 text to the document tree, through libyaml's events.
 *
 * libyaml gives events with marks; this file turns them into cJSON nodes
 * with spans, resolves plain scalars by the YAML 1.2 core schema, expands
 * aliases within a budget, and says clearly what OpenAPI cannot use
 * (several documents, non-scalar keys, custom tags, merge keys).
 * Nothing outside src/load/ sees a yaml_event_t.
 */
#include "load/load.h"

#include "core/diag.h"
#include "load/yaml_scalar.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <string.h>
#include <yaml.h>

#define CORE_TAG_PREFIX "tag:yaml.org,2002:"

/* MARK: - Marks to byte offsets */

/* libyaml counts marks in characters; the tree wants bytes. Events arrive
 * nearly in text order, so a cursor that walks back and forth is cheap. */
typedef struct cursor {
    const uint8_t *t;
    size_t len;
    size_t chars, bytes; /* the same position, counted both ways */
    size_t base;         /* byte offset where libyaml's input starts */
    bool ascii;          /* every character is one byte: no walking needed */
} cursor;

/* True when the 8 bytes at p are all ASCII. */
static bool ascii8(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return !(w & 0x8080808080808080ull);
}

static uint32_t to_offset(cursor *c, size_t chars)
{
    if (c->ascii) return (uint32_t)(c->base + chars < c->len ? c->base + chars : c->len);
    while (c->chars < chars && c->bytes < c->len) {
        if (chars - c->chars >= 8 && c->bytes + 8 <= c->len && ascii8(c->t + c->bytes)) {
            c->bytes += 8, c->chars += 8; /* a run of ASCII: 8 characters in one step */
            continue;
        }
        c->bytes++;
        while (c->bytes < c->len && (c->t[c->bytes] & 0xC0) == 0x80) c->bytes++;
        c->chars++;
    }
    while (c->chars > chars && c->bytes > c->base) {
        if (c->chars - chars >= 8 && c->bytes >= c->base + 8 && ascii8(c->t + c->bytes - 8)) {
            c->bytes -= 8, c->chars -= 8;
            continue;
        }
        c->bytes--;
        while (c->bytes > c->base && (c->t[c->bytes] & 0xC0) == 0x80) c->bytes--;
        c->chars--;
    }
    return (uint32_t)c->bytes;
}

/* MARK: - Anchors */

typedef struct anchor {
    char *name;
    cJSON *node;
    uint32_t size;   /* nodes in the anchored subtree (ids are pre-order, so id..id+size) */
    uint32_t height; /* levels of nesting inside it, itself included */
    bool complete;   /* false while the anchored container is still open */
} anchor;

typedef struct anchors {
    anchor *slots; /* open addressing; a NULL name is empty */
    size_t cap, count;
} anchors;

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ull & SIZE_MAX;
    for (; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ull;
    return h;
}

static anchor *anchor_find(anchors *a, const char *name)
{
    if (!a->cap) return NULL;
    for (size_t i = hash(name) & (a->cap - 1);; i = (i + 1) & (a->cap - 1)) {
        if (!a->slots[i].name) return NULL;
        if (strcmp(a->slots[i].name, name) == 0) return &a->slots[i];
    }
}

/* A later anchor of the same name replaces the earlier one (YAML 1.2, 3.2.2.2). */
static anchor *anchor_put(anchors *a, const char *name)
{
    if ((a->count + 1) * 2 > a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        anchor *slots = oasv_calloc(cap, sizeof *slots);
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
    anchor *found = anchor_find(a, name);
    if (found) return found;
    size_t i = hash(name) & (a->cap - 1);
    while (a->slots[i].name) i = (i + 1) & (a->cap - 1);
    a->slots[i].name = oasv_strndup(name, strlen(name));
    if (!a->slots[i].name) return NULL;
    a->count++;
    return &a->slots[i];
}

static void anchors_free(anchors *a)
{
    for (size_t i = 0; i < a->cap; i++) oasv_free(a->slots[i].name);
    oasv_free(a->slots);
}

/* MARK: - Builder */

typedef struct open_node {
    cJSON *node;
    uint32_t height;     /* deepest nesting inside so far, itself included */
    anchor *anchored;    /* the anchor naming this container, if any */
    bool is_map;
    bool have_key;       /* maps: a key waits for its value */
    char *key;
    uint32_t key_start, key_end;
} open_node;

typedef struct builder {
    oasv_doc *doc;
    yaml_parser_t parser;
    cursor cur;
    open_node *stack;
    uint32_t depth, max_depth, cap; /* cap: levels allocated; grows to max_depth on demand */
    anchors anchors;
    uint64_t alias_nodes, max_alias_nodes;
    int documents;
    bool failed;
} builder;

static void stop(builder *b) { b->failed = true; }

static char *pointer_here(builder *b)
{
    oasv_buf p = { 0 };
    for (uint32_t d = 0; d < b->depth; d++) {
        open_node *o = &b->stack[d];
        if (o->is_map) {
            if (o->have_key) oasv_buf_pointer_token(&p, o->key, strlen(o->key));
        } else {
            int n = cJSON_GetArraySize(o->node);
            oasv_buf_printf(&p, "/%d", n);
        }
    }
    return oasv_buf_take(&p);
}

OASV_PRINTF(6, 7)
static void report(builder *b, oasv_severity sev, const char *code, size_t start, size_t end, const char *fmt, ...)
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

static void oom(builder *b) { b->doc->oom = true; stop(b); }

/* Attach a finished node where the open container (or the root) expects it. */
static void attach(builder *b, cJSON *node, uint32_t id, uint32_t height)
{
    oasv_tree *tree = &b->doc->tree;
    if (b->depth == 0) {
        tree->root = node;
        return;
    }
    open_node *o = &b->stack[b->depth - 1];
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
static char *tree_string(builder *b, const char *text, size_t len)
{
    char *copy = oasv_arena_alloc(&b->doc->tree.nodes, len + 1);
    if (!copy) return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* A scalar used as a key: its text, whatever it would resolve to (OpenAPI keys are strings). */
static void take_key(builder *b, const char *text, size_t len, size_t start, size_t end, bool plain)
{
    open_node *o = &b->stack[b->depth - 1];
    o->key = tree_string(b, text, len);
    if (!o->key) { oom(b); return; }
    if (memchr(text, 0, len)) {
        report(b, OASV_SEVERITY_ERROR, "yaml-key", start, end, "a key cannot contain a NUL character");
        stop(b);
        return;
    }
    o->key_start = (uint32_t)start;
    o->key_end = (uint32_t)end;
    o->have_key = true;
    if (plain && len == 2 && memcmp(text, "<<", 2) == 0)
        report(b, OASV_SEVERITY_WARNING, "yaml-merge-key", start, end,
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

static void on_scalar(builder *b, yaml_event_t *e, uint32_t start, uint32_t end)
{
    const char *text = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    bool plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    const char *tag = (const char *)e->data.scalar.tag;
    bool tagged = tag && strcmp(tag, "!") != 0;

    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        if (tagged && !(core_tag(tag) && strcmp(core_tag(tag), "str") == 0))
            report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, end, "the key's tag %s is ignored: OpenAPI keys are strings", tag);
        take_key(b, text, len, start, end, plain);
        return;
    }

    yaml_scalar_value v = { YAML_SCALAR_STRING, false, 0 };
    if (tagged) {
        const char *name = core_tag(tag);
        if (!json_tag(name)) {
            report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, end,
                   "the tag %s is outside the JSON schema of YAML that OpenAPI allows; the value is read as a string", tag);
        } else if (!oasv_yaml_resolve_tagged(name, text, len, &v)) {
            report(b, OASV_SEVERITY_ERROR, "yaml-tag", start, end, "the value does not fit its tag !!%s", name);
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
    if (!node) { oom(b); return; }
    uint32_t id = oasv_tree_add(&b->doc->tree, start, end, start, start);
    if (id == UINT32_MAX) { cJSON_Delete(node); oom(b); return; }
    node->valueint = (int)id;
    if ((v.kind == YAML_SCALAR_FLOAT) && (v.number != v.number || v.number - v.number != 0))
        report(b, OASV_SEVERITY_WARNING, "number-out-of-range", start, end,
               "%.*s is not a number JSON can hold (infinity or NaN)", (int)(len > 40 ? 40 : len), text);
    if (e->data.scalar.anchor) {
        anchor *a = anchor_put(&b->anchors, (const char *)e->data.scalar.anchor);
        if (!a) { cJSON_Delete(node); oom(b); return; }
        a->node = node;
        a->size = 1;
        a->height = 1;
        a->complete = true;
    }
    attach(b, node, id, 1);
}

static void on_start(builder *b, yaml_event_t *e, uint32_t start, bool is_map)
{
    const char *tag = (const char *)(is_map ? e->data.mapping_start.tag : e->data.sequence_start.tag);
    const char *anchor_name = (const char *)(is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor);
    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        report(b, OASV_SEVERITY_ERROR, "yaml-key", start, start + 1,
               "a key must be a scalar: OpenAPI documents allow only string keys, not %s", is_map ? "mappings" : "sequences");
        stop(b);
        return;
    }
    if (b->depth >= b->max_depth) {
        report(b, OASV_SEVERITY_ERROR, "nesting-too-deep", start, start + 1,
               "nesting deeper than %u levels (limit max_depth)", b->max_depth);
        stop(b);
        return;
    }
    if (tag && strcmp(tag, "!") != 0 && !json_tag(core_tag(tag)))
        report(b, OASV_SEVERITY_WARNING, "yaml-tag", start, start + 1,
               "the tag %s is outside the JSON schema of YAML that OpenAPI allows; it is ignored", tag);
    cJSON *node = is_map ? cJSON_CreateObject() : cJSON_CreateArray();
    uint32_t id = node ? oasv_tree_add(&b->doc->tree, start, start, start, start) : UINT32_MAX;
    if (id == UINT32_MAX) { if (node) cJSON_Delete(node); oom(b); return; }
    node->valueint = (int)id;
    anchor *a = NULL;
    if (anchor_name) {
        a = anchor_put(&b->anchors, anchor_name);
        if (!a) { cJSON_Delete(node); oom(b); return; }
        a->node = node;
        a->complete = false;
    }
    /* Attach now so the tree owns the node even if loading stops midway. */
    attach(b, node, id, 1);
    if (b->depth == b->cap) { /* small documents should not pay for max_depth levels */
        uint32_t cap = b->cap * 2 < b->max_depth ? b->cap * 2 : b->max_depth;
        open_node *grown = oasv_realloc(b->stack, (size_t)cap * sizeof *grown);
        if (!grown) { oom(b); return; }
        b->stack = grown;
        b->cap = cap;
    }
    open_node *o = &b->stack[b->depth++];
    memset(o, 0, sizeof *o);
    o->node = node;
    o->height = 1;
    o->anchored = a;
    o->is_map = is_map;
}

static void on_end(builder *b, uint32_t end)
{
    open_node *o = &b->stack[--b->depth];
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
static cJSON *copy_subtree(builder *b, const cJSON *src, uint32_t alias_start, uint32_t alias_end)
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

static void on_alias(builder *b, yaml_event_t *e, uint32_t start, uint32_t end)
{
    const char *name = (const char *)e->data.alias.anchor;
    anchor *a = anchor_find(&b->anchors, name);
    if (!a) {
        report(b, OASV_SEVERITY_ERROR, "yaml-alias", start, end, "the alias *%s names no anchor defined before it", name);
        stop(b);
        return;
    }
    if (!a->complete) {
        report(b, OASV_SEVERITY_ERROR, "yaml-alias", start, end,
               "the alias *%s refers to a node that contains it: a cycle JSON cannot represent", name);
        stop(b);
        return;
    }
    if (b->depth > 0 && b->stack[b->depth - 1].is_map && !b->stack[b->depth - 1].have_key) {
        if (!cJSON_IsString(a->node)) {
            report(b, OASV_SEVERITY_ERROR, "yaml-key", start, end, "a key must be a scalar string; *%s is not", name);
            stop(b);
            return;
        }
        const char *text = a->node->valuestring;
        take_key(b, text, strlen(text), start, end, false);
        return;
    }
    if (b->alias_nodes + a->size > b->max_alias_nodes) {
        report(b, OASV_SEVERITY_ERROR, "alias-budget-exceeded", start, end,
               "aliases would copy more than %llu nodes into the tree (limit max_alias_nodes): a \"billion laughs\" document?",
               (unsigned long long)b->max_alias_nodes);
        stop(b);
        return;
    }
    if (b->depth + a->height > b->max_depth) {
        report(b, OASV_SEVERITY_ERROR, "nesting-too-deep", start, end,
               "the alias *%s makes nesting deeper than %u levels (limit max_depth)", name, b->max_depth);
        stop(b);
        return;
    }
    b->alias_nodes += a->size;
    if (!oasv_tree_reserve(&b->doc->tree, a->size)) { oom(b); return; }
    cJSON *copy = copy_subtree(b, a->node, start, end);
    if (!copy) { oom(b); return; }
    copy->string = NULL; /* the anchored node's own key (in the arena); the copy takes the alias's */
    attach(b, copy, oasv_node_id(copy), a->height);
}

static void syntax_error(builder *b)
{
    yaml_parser_t *p = &b->parser;
    if (p->error == YAML_MEMORY_ERROR) { oom(b); return; }
    uint32_t at = to_offset(&b->cur, p->problem_mark.index);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context) {
        uint32_t ctx = to_offset(&b->cur, p->context_mark.index);
        uint32_t line, col;
        if (!oasv_lines_locate(&b->doc->lines, ctx, &line, &col)) { oom(b); return; }
        report(b, OASV_SEVERITY_ERROR, "yaml-syntax", at, at + 1, "YAML: %s %s (which began at line %u, column %u)",
               problem, p->context, line, col);
    } else {
        report(b, OASV_SEVERITY_ERROR, "yaml-syntax", at, at + 1, "YAML: %s", problem);
    }
    stop(b);
}

void oasv_load_yaml(oasv_doc *doc, size_t start)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.doc = doc;
    b.max_depth = doc->limits.max_depth;
    b.max_alias_nodes = doc->limits.max_alias_nodes;
    b.cur = (cursor){ doc->text, doc->len, 0, start, start, oasv_utf8_is_ascii(doc->text + start, doc->len - start) };
    b.cap = b.max_depth < 32 ? b.max_depth : 32;
    b.stack = oasv_calloc(b.cap, sizeof *b.stack);
    if (!b.stack || !yaml_parser_initialize(&b.parser)) { oasv_free(b.stack); doc->oom = true; return; }
    yaml_parser_set_input_string(&b.parser, doc->text + start, doc->len - start);
    yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);
    /* Nodes and strings go into the tree's arena: freeing the document drops it whole, and the
     * cJSON_Delete()s of nodes dropped on the way (errors) do nothing. */
    doc->tree.in_arena = true;
    oasv_arena *previous = oasv_mem_cjson_arena(&doc->tree.nodes);

    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t e;
        if (!yaml_parser_parse(&b.parser, &e)) { syntax_error(&b); break; }
        uint32_t s = to_offset(&b.cur, e.start_mark.index);
        uint32_t en = to_offset(&b.cur, e.end_mark.index);
        switch (e.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++b.documents > 1) {
                report(&b, OASV_SEVERITY_ERROR, "yaml-multiple-documents", s, en > s ? en : s + 1,
                       "the text holds more than one YAML document; an OpenAPI description is exactly one (remove this '---' and what follows, or split the file)");
                stop(&b);
            } else if (e.data.document_start.version_directive &&
                       !(e.data.document_start.version_directive->major == 1 && e.data.document_start.version_directive->minor == 2)) {
                report(&b, OASV_SEVERITY_WARNING, "yaml-version", s, en, "%%YAML %d.%d: the document is read as YAML 1.2, as OpenAPI requires",
                       e.data.document_start.version_directive->major, e.data.document_start.version_directive->minor);
            }
            break;
        case YAML_SCALAR_EVENT: on_scalar(&b, &e, s, en); break;
        case YAML_SEQUENCE_START_EVENT: on_start(&b, &e, s, false); break;
        case YAML_MAPPING_START_EVENT: on_start(&b, &e, s, true); break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: on_end(&b, en); break;
        case YAML_ALIAS_EVENT: on_alias(&b, &e, s, en); break;
        default: break;
        }
        yaml_event_delete(&e);
    }
    if (!b.failed && b.documents == 0)
        oasv_diag_nowhere(doc, OASV_SEVERITY_ERROR, "empty-document", "the document is empty");
    /* Close what an error left open, so the tree's side table has ends for every node. */
    while (b.depth > 0) on_end(&b, (uint32_t)doc->len);
    oasv_mem_cjson_arena(previous);
    if (b.failed) {
        doc->tree.root = NULL; /* a text that cannot be read has no tree */
        oasv_arena_free(&doc->tree.nodes);
    }
    yaml_parser_delete(&b.parser);
    anchors_free(&b.anchors);
    oasv_free(b.stack);
}
