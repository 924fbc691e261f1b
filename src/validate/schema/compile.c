/*
 * compile.c - from schema documents to nodes (schema.h).
 *
 * Compilation walks the schema once, in the vocabularies its $schema names:
 * each subschema becomes a node, $id starts a resource (base URIs per
 * RFC 3986), $anchor and $dynamicAnchor are recorded. Then every $ref and
 * $dynamicRef is resolved against the base URI of the schema it is written
 * in, loading resources from the pool (built-in meta-schemas and the
 * caller's resources) as they are named. Nothing is fetched: an unknown URI
 * is a compile error.
 */
#include "validate/schema/schema.h"

#include "core/doc.h"
#include "util/buf.h"
#include "util/map.h"
#include "util/mem.h"
#include "validate/schema/metaschemas.h"
#include "validate/schema/uri.h"
#include "util/format.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define META_PREFIX "https://json-schema.org/draft/2020-12/"
#define META_SCHEMA META_PREFIX "schema"

/* MARK: - Maps (string or pointer keys) */

typedef struct map_slot {
    const void *key;
    size_t len; /* SIZE_MAX: the key is the pointer itself */
    void *value;
} map_slot;

typedef struct map {
    map_slot *slots;
    size_t cap, count;
} map;

static size_t hash_of(const void *key, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    if (len == SIZE_MAX) {
        uintptr_t p = (uintptr_t)key;
        h ^= p;
        h *= 1099511628211ULL;
        h ^= h >> 29;
        return (size_t)h;
    }
    const unsigned char *s = key;
    for (size_t i = 0; i < len; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return (size_t)h;
}

static bool slot_is(const map_slot *s, const void *key, size_t len)
{
    if (s->len != len) return false;
    return len == SIZE_MAX ? s->key == key : memcmp(s->key, key, len) == 0;
}

static void *map_get(const map *m, const void *key, size_t len)
{
    if (!m->cap) return NULL;
    for (size_t i = hash_of(key, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->slots[i].key) return NULL;
        if (slot_is(&m->slots[i], key, len)) return m->slots[i].value;
    }
}

/* Insert or replace. The key must outlive the map. False when out of memory. */
static bool map_put(map *m, const void *key, size_t len, void *value)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        map_slot *slots = oasv_calloc(cap, sizeof *slots);
        if (!slots) return false;
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].key) continue;
            size_t k = hash_of(m->slots[i].key, m->slots[i].len) & (cap - 1);
            while (slots[k].key) k = (k + 1) & (cap - 1);
            slots[k] = m->slots[i];
        }
        oasv_free(m->slots);
        m->slots = slots;
        m->cap = cap;
    }
    size_t i = hash_of(key, len) & (m->cap - 1);
    while (m->slots[i].key && !slot_is(&m->slots[i], key, len)) i = (i + 1) & (m->cap - 1);
    if (!m->slots[i].key) m->count++;
    m->slots[i].key = key;
    m->slots[i].len = len;
    m->slots[i].value = value;
    return true;
}

static void map_free(map *m) { oasv_free(m->slots); memset(m, 0, sizeof *m); }

/* MARK: - State */

typedef struct pool_entry {
    char *uri;         /* owned by the state */
    const char *text;
    size_t len;
    oasv_doc *doc;     /* once loaded (owned by the schema) */
} pool_entry;

typedef struct pending {
    sch_kw *kw;
    sch_node *node;
    struct pending *next;
} pending;

typedef struct cstate {
    oasv_schema *s;
    sch_arena *a;    /* the schema's arena: what the walk reads */
    sch_arena *cold; /* the schema's cold arena: strings for errors, compile-time records */
    oasv_options load_opts;
    pool_entry *pool;
    size_t npool;
    map uris;    /* resource URI -> sch_resource */
    map anchors; /* "uri#name" -> sch_node */
    map nodes;   /* const cJSON * -> sch_node */
    pending *todo;
    oasv_map members; /* (object, key) -> member, for objects with many members (JSON pointers into big documents) */
    oasv_map indexed; /* objects whose members are in `members` */
    bool oom;
} cstate;

static void oom(cstate *cs) { cs->oom = true; }

static const char *adup(cstate *cs, const char *s, size_t len)
{
    char *p = sch_strndup(cs->cold, s, len);
    if (!p) { oom(cs); return ""; }
    return p;
}

static const char *acat(cstate *cs, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *p = sch_alloc(cs->cold, la + lb + 1);
    if (!p) { oom(cs); return ""; }
    memcpy(p, a, la);
    memcpy(p + la, b, lb + 1);
    return p;
}

static const char *mkabs(cstate *cs, const char *base, const char *ptr)
{
    if (!base[0]) return NULL;
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, base);
    oasv_buf_putc(&b, '#');
    oasv_buf_puts(&b, ptr);
    const char *s = b.oom ? NULL : adup(cs, b.data, b.len);
    if (b.oom) oom(cs);
    oasv_buf_free(&b);
    return s;
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
/* A compile error at `ptr` + `kwloc` of the resource `base`. */
static void cerror(cstate *cs, const char *base, const char *ptr, const char *kwloc, const char *code, const char *fmt, ...)
{
    oasv_buf msg = { 0 }, loc = { 0 }, abs = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    oasv_buf_puts(&loc, ptr);
    oasv_buf_puts(&loc, kwloc);
    if (base[0]) oasv_buf_printf(&abs, "%s#%s%s", base, ptr, kwloc);
    if (msg.oom || loc.oom || abs.oom) oom(cs);
    else sch_errors_add(&cs->s->errors, code, msg.data, "", loc.data ? loc.data : "", base[0] ? abs.data : NULL);
    oasv_buf_free(&msg);
    oasv_buf_free(&loc);
    oasv_buf_free(&abs);
}

/* MARK: - Pool */

static pool_entry *pool_find(cstate *cs, const char *uri, size_t len)
{
    for (size_t i = 0; i < cs->npool; i++)
        if (strlen(cs->pool[i].uri) == len && memcmp(cs->pool[i].uri, uri, len) == 0) return &cs->pool[i];
    return NULL;
}

static bool keep_doc(oasv_schema *s, oasv_doc *doc)
{
    if (s->ndocs == s->capdocs) {
        size_t cap = s->capdocs ? s->capdocs * 2 : 8;
        oasv_doc **docs = oasv_realloc(s->docs, cap * sizeof *docs);
        if (!docs) return false;
        s->docs = docs;
        s->capdocs = cap;
    }
    s->docs[s->ndocs++] = doc;
    return true;
}

/* Load a pool entry's text (once). NULL when it cannot be read (error reported). */
static oasv_doc *pool_load(cstate *cs, pool_entry *e)
{
    if (e->doc) return e->doc->tree.root ? e->doc : NULL;
    oasv_options o = cs->load_opts;
    o.filename = e->uri;
    oasv_doc *doc = NULL;
    if (oasv_load(e->text, e->len, &o, &doc) != OASV_OK) { oom(cs); return NULL; }
    if (!keep_doc(cs->s, doc)) { oasv_doc_free(doc); oom(cs); return NULL; }
    e->doc = doc;
    if (!doc->tree.root) {
        const oasv_diag *d = oasv_doc_diag(doc, 0);
        cerror(cs, e->uri, "", "", "resource-unreadable", "the resource %s cannot be read: %s", e->uri,
               d ? d->message : "it is empty");
        return NULL;
    }
    return doc;
}

/* MARK: - Vocabularies */

static unsigned vocab_flag(const char *uri)
{
    static const struct { const char *name; unsigned flag; } known[] = {
        { "core", 0 }, { "applicator", V_APPLICATOR }, { "unevaluated", V_UNEVALUATED },
        { "validation", V_VALIDATION }, { "meta-data", V_META }, { "format-annotation", V_FORMAT_ANNOTATION },
        { "format-assertion", V_FORMAT_ASSERTION }, { "content", V_CONTENT },
    };
    static const char prefix[] = META_PREFIX "vocab/";
    if (strncmp(uri, prefix, sizeof prefix - 1) != 0) return UINT32_MAX;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(uri + sizeof prefix - 1, known[i].name) == 0) return known[i].flag;
    return UINT32_MAX;
}

/* The vocabularies that the meta-schema named by `$schema` declares. */
static unsigned vocab_of(cstate *cs, const cJSON *value, const char *base, const char *ptr)
{
    if (!cJSON_IsString(value)) {
        cerror(cs, base, ptr, "/$schema", "schema-invalid", "$schema must be a string (a URI)");
        return V_DEFAULT;
    }
    oasv_buf u = { 0 };
    sch_uri_resolve(base, value->valuestring, strlen(value->valuestring), &u);
    if (u.oom) { oasv_buf_free(&u); oom(cs); return V_DEFAULT; }
    size_t len = sch_uri_strip_fragment(u.data, u.len);
    unsigned flags = V_DEFAULT;
    if (!(len == strlen(META_SCHEMA) && memcmp(u.data, META_SCHEMA, len) == 0)) {
        pool_entry *e = pool_find(cs, u.data, len);
        oasv_doc *doc = e ? pool_load(cs, e) : NULL;
        if (!e) {
            cerror(cs, base, ptr, "/$schema", "unknown-meta-schema",
                   "the meta-schema %.*s is not known (only draft 2020-12 and resources given to the compiler are)", (int)len, u.data);
        } else if (doc) {
            const cJSON *vocab = cJSON_GetObjectItemCaseSensitive(doc->tree.root, "$vocabulary");
            if (cJSON_IsObject(vocab)) {
                flags = 0;
                for (const cJSON *m = vocab->child; m; m = m->next) {
                    unsigned f = vocab_flag(m->string);
                    if (f == UINT32_MAX) {
                        if (cJSON_IsTrue(m))
                            cerror(cs, base, ptr, "/$schema", "unknown-vocabulary",
                                   "the meta-schema requires the vocabulary %s, which is not supported", m->string);
                    } else {
                        flags |= f;
                    }
                }
            }
        }
    }
    oasv_buf_free(&u);
    return flags;
}

/* MARK: - Nodes */

static sch_node *compile_node(cstate *cs, const cJSON *j, const char *base, const char *ptr, sch_resource *res);

static sch_resource *new_resource(cstate *cs, const char *uri, const cJSON *root, unsigned vocab, const oasv_tree *tree)
{
    sch_resource *r = sch_alloc(cs->a, sizeof *r);
    if (!r) { oom(cs); return NULL; }
    r->uri = uri;
    r->root = root;
    r->vocab = vocab;
    r->tree = tree;
    if (!map_put(&cs->uris, r->uri, strlen(r->uri), r)) oom(cs);
    return r;
}

/* Compile a subschema reached through keyword location `loc` ("/properties/a"). */
static sch_edge edge(cstate *cs, const cJSON *j, const char *loc, const char *base, const char *ptr, sch_resource *res)
{
    sch_edge e = { NULL, loc };
    e.node = compile_node(cs, j, base, acat(cs, ptr, loc), res);
    return e;
}

static bool is_count(cstate *cs, const cJSON *v, const oasv_tree *tree, uint64_t *out)
{
    if (!cJSON_IsNumber(v)) return false;
    char buf[40];
    sch_num n;
    sch_num_of(tree, v, buf, &n);
    (void)cs;
    return sch_num_to_count(&n, out);
}

static uint32_t type_bit(const char *name)
{
    static const char *names[] = { "null", "boolean", "object", "array", "number", "string", "integer" };
    for (uint32_t i = 0; i < 7; i++)
        if (strcmp(name, names[i]) == 0) return 1u << i;
    return 0;
}

static int prop_cmp(const sch_prop *a, const sch_prop *b)
{
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    return memcmp(a->name, b->name, a->len);
}

static bool names_of(cstate *cs, const cJSON *arr, sch_names *out)
{
    if (!cJSON_IsArray(arr)) return false;
    uint32_t n = (uint32_t)cJSON_GetArraySize(arr);
    out->names = sch_alloc(cs->a, (n + 1) * sizeof *out->names);
    out->lens = sch_alloc(cs->a, (n + 1) * sizeof *out->lens);
    if (!out->names || !out->lens) { oom(cs); return true; }
    out->count = 0;
    size_t bytes = 0;
    for (const cJSON *m = arr->child; m; m = m->next) {
        if (!cJSON_IsString(m)) return false;
        bytes += strlen(m->valuestring) + 1;
    }
    /* copies of the names beside the lists and the table (schema_map says why) */
    char *copies = sch_alloc(cs->a, bytes + 1);
    if (!copies) { oom(cs); return true; }
    for (const cJSON *m = arr->child; m; m = m->next) {
        size_t len = strlen(m->valuestring);
        out->names[out->count] = memcpy(copies, m->valuestring, len + 1);
        copies += len + 1;
        out->lens[out->count++] = (uint32_t)len;
    }
    /* A table by hash, so that an object's members find the names in one pass (eval.c's all_present). */
    if (n == 0 || n > 64) return true;
    uint32_t mask = 127;
    while (mask / 2 >= 2 * n) mask /= 2;
    out->hashes = sch_alloc(cs->a, n * sizeof *out->hashes);
    out->slots = sch_alloc(cs->a, (mask + 1) * sizeof *out->slots); /* zeroed; at most half full */
    if (!out->hashes || !out->slots) { oom(cs); return true; }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t h = out->hashes[i] = sch_name_hash(out->names[i], out->lens[i]), at = h & mask;
        for (; out->slots[at]; at = (at + 1) & mask) {
            uint32_t j = out->slots[at] - 1;
            if (out->hashes[j] == h && out->lens[j] == out->lens[i] && memcmp(out->names[j], out->names[i], out->lens[i]) == 0) break;
        }
        if (out->slots[at]) continue; /* a repeated name */
        out->slots[at] = i + 1;
        out->distinct++;
    }
    out->mask = mask;
    return true;
}

/* The instance types (cJSON type bits) a keyword looks at; it passes any other instance. */
#define ALL_TYPES 0xFF
static const uint8_t kind_applies[] = {
    [K_REF] = ALL_TYPES, [K_DYNREF] = ALL_TYPES, [K_TYPE] = ALL_TYPES, [K_CONST] = ALL_TYPES, [K_ENUM] = ALL_TYPES,
    [K_MULTIPLEOF] = cJSON_Number, [K_MAXIMUM] = cJSON_Number, [K_EXMAXIMUM] = cJSON_Number, [K_MINIMUM] = cJSON_Number,
    [K_EXMINIMUM] = cJSON_Number,
    [K_MAXLENGTH] = cJSON_String, [K_MINLENGTH] = cJSON_String, [K_PATTERN] = cJSON_String, [K_FORMAT] = cJSON_String,
    [K_MAXITEMS] = cJSON_Array, [K_MINITEMS] = cJSON_Array, [K_UNIQUEITEMS] = cJSON_Array,
    [K_MAXPROPS] = cJSON_Object, [K_MINPROPS] = cJSON_Object, [K_REQUIRED] = cJSON_Object, [K_DEPREQUIRED] = cJSON_Object,
    [K_PREFIXITEMS] = cJSON_Array, [K_ITEMS] = cJSON_Array, [K_CONTAINS] = cJSON_Array,
    [K_PROPERTIES] = cJSON_Object, [K_PATTERNPROPS] = cJSON_Object, [K_ADDLPROPS] = cJSON_Object,
    [K_DEPSCHEMAS] = cJSON_Object, [K_PROPNAMES] = cJSON_Object,
    [K_ALLOF] = ALL_TYPES, [K_ANYOF] = ALL_TYPES, [K_ONEOF] = ALL_TYPES, [K_NOT] = ALL_TYPES, [K_IF] = ALL_TYPES,
    [K_UNEVALITEMS] = cJSON_Array, [K_UNEVALPROPS] = cJSON_Object,
};

static void set_kind_order(sch_kw *kw, uint32_t n)
{
    /* Insertion sort by kind (stable; few keywords per node). */
    for (uint32_t i = 1; i < n; i++) {
        sch_kw x = kw[i];
        uint32_t k = i;
        while (k > 0 && kw[k - 1].kind > x.kind) { kw[k] = kw[k - 1]; k--; }
        kw[k] = x;
    }
}

static void add_regex(cstate *cs, oasv_regex *re)
{
    sch_regex_list *l = sch_alloc(cs->cold, sizeof *l);
    if (!l) { oasv_regex_free(re); oom(cs); return; }
    l->re = re;
    l->next = cs->s->regexes;
    cs->s->regexes = l;
}

static oasv_regex *regex_of(cstate *cs, const char *src, const char *base, const char *ptr, const char *loc)
{
    char why[200];
    oasv_regex *re = oasv_regex_compile(src, strlen(src), why, sizeof why);
    if (!re) {
        if (why[0]) cerror(cs, base, ptr, loc, "invalid-pattern", "\"%s\" is not a valid ECMA-262 regular expression: %s", src, why);
        else oom(cs);
        return NULL;
    }
    add_regex(cs, re);
    return re;
}

static bool schema_list(cstate *cs, sch_kw *k, const cJSON *m, const char *base, const char *ptr, sch_resource *res,
                        bool nonempty)
{
    if (!cJSON_IsArray(m) || (nonempty && !m->child)) return false;
    uint32_t n = (uint32_t)cJSON_GetArraySize(m), i = 0;
    k->u.list.items = sch_alloc(cs->a, (n + 1) * sizeof *k->u.list.items);
    if (!k->u.list.items) { oom(cs); return true; }
    for (const cJSON *c = m->child; c; c = c->next, i++) {
        char idx[24];
        oasv_snprintf(idx, sizeof idx, "/%u", i);
        k->u.list.items[i] = edge(cs, c, acat(cs, k->loc, idx), base, ptr, res);
    }
    k->u.list.count = n;
    return true;
}

static bool schema_map(cstate *cs, sch_kw *k, const cJSON *m, const char *base, const char *ptr, sch_resource *res)
{
    if (!cJSON_IsObject(m)) return false;
    uint32_t n = (uint32_t)cJSON_GetArraySize(m), i = 0;
    /*
     * The items, their names and the table in one run of the arena, before the
     * subschemas: a lookup reads all three (a copy of each name, not the
     * document's, which lies elsewhere).
     */
    size_t bytes = 0;
    for (const cJSON *c = m->child; c; c = c->next) bytes += strlen(c->string) + 1;
    uint32_t size = 4;
    while (size < 2 * n && size < (1u << 29)) size *= 2;
    k->u.props.items = sch_alloc(cs->a, (n + 1) * sizeof *k->u.props.items);
    char *names = sch_alloc(cs->a, bytes + 1);
    k->u.props.slots = n && n <= (1u << 28) ? sch_alloc(cs->a, size * sizeof *k->u.props.slots) : NULL; /* zeroed */
    if (!k->u.props.items || !names || (n && n <= (1u << 28) && !k->u.props.slots)) { oom(cs); return true; }
    for (const cJSON *c = m->child; c; c = c->next, i++) {
        sch_prop *p = &k->u.props.items[i];
        p->len = (uint32_t)strlen(c->string);
        p->name = memcpy(names, c->string, p->len + 1);
        names += p->len + 1;
        p->hash = sch_name_hash(c->string, p->len);
    }
    i = 0;
    for (const cJSON *c = m->child; c; c = c->next, i++) {
        sch_prop *p = &k->u.props.items[i];
        p->e = edge(cs, c, sch_loc(cs->cold, k->loc, c->string, p->len), base, ptr, res);
    }
    k->u.props.count = n;
    k->u.props.filter = 0;
    /* Sort by (length, bytes): a stable order to report in; insertion sort keeps it simple. */
    for (uint32_t a = 1; a < n; a++) {
        sch_prop x = k->u.props.items[a];
        uint32_t b = a;
        while (b > 0 && prop_cmp(&k->u.props.items[b - 1], &x) > 0) { k->u.props.items[b] = k->u.props.items[b - 1]; b--; }
        k->u.props.items[b] = x;
    }
    /* A hash table at most half full, for lookups by an instance's member name. */
    if (!k->u.props.slots) return true;
    k->u.props.mask = size - 1;
    for (uint32_t a = 0; a < n; a++) {
        uint32_t at = k->u.props.items[a].hash & k->u.props.mask;
        while (k->u.props.slots[at]) at = (at + 1) & k->u.props.mask;
        k->u.props.slots[at] = a + 1;
        k->u.props.filter |= SCH_FILTER_BIT(k->u.props.items[a].hash);
    }
    return true;
}

/* Compile one keyword of an object schema into `k`; false when the keyword adds nothing. */
static bool keyword(cstate *cs, sch_node *n, const cJSON *m, sch_kw *k, const char *base, const char *ptr, sch_resource *res)
{
    const char *name = m->string;
    unsigned v = res->vocab;
    const oasv_tree *tree = res->tree;
    size_t len = strlen(name);
    k->loc = sch_loc(cs->cold, "", name, len);
    bool ok = true;
    /* the length first, then a memcmp of a constant size (a few integer compares): most members are not the keyword
     * asked for, and this chain asks for dozens of them (strcmp was a sixth of a small document's lint) */
#define IS(s) (len == sizeof(s) - 1 && memcmp(name, s, sizeof(s) - 1) == 0)
    if (IS("$ref") || IS("$dynamicRef")) {
        if (!cJSON_IsString(m)) { ok = false; goto bad; }
        k->kind = IS("$ref") ? K_REF : K_DYNREF;
        oasv_buf u = { 0 };
        sch_uri_resolve(base, m->valuestring, strlen(m->valuestring), &u);
        if (u.oom) { oasv_buf_free(&u); oom(cs); return false; }
        k->u.ref.uri = adup(cs, u.data, u.len);
        oasv_buf_free(&u);
        return true;
    }
    if (IS("$defs")) {
        if (!cJSON_IsObject(m)) { ok = false; goto bad; }
        for (const cJSON *c = m->child; c; c = c->next)
            edge(cs, c, sch_loc(cs->cold, k->loc, c->string, strlen(c->string)), base, ptr, res);
        return false;
    }
    if (v & V_APPLICATOR) {
        if (IS("prefixItems")) { k->kind = K_PREFIXITEMS; ok = schema_list(cs, k, m, base, ptr, res, true); goto done; }
        if (IS("items")) {
            k->kind = K_ITEMS;
            if (cJSON_IsArray(m)) {
                cerror(cs, base, ptr, k->loc, "schema-invalid",
                       "items must be a schema in draft 2020-12 (an array of schemas is prefixItems)");
                return false;
            }
            k->u.one.e = edge(cs, m, k->loc, base, ptr, res);
            goto done;
        }
        if (IS("contains")) { k->kind = K_CONTAINS; k->u.contains.e = edge(cs, m, k->loc, base, ptr, res); k->u.contains.min = 1; goto done; }
        if (IS("additionalProperties")) { k->kind = K_ADDLPROPS; k->u.addl.e = edge(cs, m, k->loc, base, ptr, res); goto done; }
        if (IS("properties")) { k->kind = K_PROPERTIES; ok = schema_map(cs, k, m, base, ptr, res); goto done; }
        if (IS("dependentSchemas")) { k->kind = K_DEPSCHEMAS; ok = schema_map(cs, k, m, base, ptr, res); goto done; }
        if (IS("patternProperties")) {
            k->kind = K_PATTERNPROPS;
            if (!cJSON_IsObject(m)) { ok = false; goto bad; }
            uint32_t cnt = (uint32_t)cJSON_GetArraySize(m), i = 0;
            k->u.patterns.items = sch_alloc(cs->a, (cnt + 1) * sizeof *k->u.patterns.items);
            if (!k->u.patterns.items) { oom(cs); return false; }
            for (const cJSON *c = m->child; c; c = c->next, i++) {
                sch_pattern *p = &k->u.patterns.items[i];
                const char *loc = sch_loc(cs->cold, k->loc, c->string, strlen(c->string));
                p->source = c->string;
                p->re = regex_of(cs, c->string, base, ptr, loc);
                p->literal = sch_literal_prefix(c->string);
                p->e = edge(cs, c, loc, base, ptr, res);
            }
            k->u.patterns.count = cnt;
            goto done;
        }
        if (IS("propertyNames")) { k->kind = K_PROPNAMES; k->u.one.e = edge(cs, m, k->loc, base, ptr, res); goto done; }
        if (IS("allOf") || IS("anyOf") || IS("oneOf")) {
            k->kind = IS("allOf") ? K_ALLOF : IS("anyOf") ? K_ANYOF : K_ONEOF;
            ok = schema_list(cs, k, m, base, ptr, res, true);
            goto done;
        }
        if (IS("not")) { k->kind = K_NOT; k->u.one.e = edge(cs, m, k->loc, base, ptr, res); goto done; }
        if (IS("if")) {
            k->kind = K_IF;
            k->u.cond.cond = edge(cs, m, k->loc, base, ptr, res);
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(n->json, "then");
            const cJSON *e = cJSON_GetObjectItemCaseSensitive(n->json, "else");
            if (t) k->u.cond.then = edge(cs, t, "/then", base, ptr, res);
            if (e) k->u.cond.els = edge(cs, e, "/else", base, ptr, res);
            goto done;
        }
        if (IS("then") || IS("else")) {
            /* compiled with `if`; alone they do nothing, but their $ids and anchors still count */
            if (!cJSON_GetObjectItemCaseSensitive(n->json, "if")) edge(cs, m, k->loc, base, ptr, res);
            return false;
        }
    }
    if (v & V_UNEVALUATED) {
        if (IS("unevaluatedItems") || IS("unevaluatedProperties")) {
            k->kind = IS("unevaluatedItems") ? K_UNEVALITEMS : K_UNEVALPROPS;
            k->u.one.e = edge(cs, m, k->loc, base, ptr, res);
            n->unevaluated = true;
            goto done;
        }
    }
    if (v & V_VALIDATION) {
        if (IS("type")) {
            k->kind = K_TYPE;
            if (cJSON_IsString(m)) {
                k->u.types = type_bit(m->valuestring);
                ok = k->u.types != 0;
            } else if (cJSON_IsArray(m)) {
                for (const cJSON *c = m->child; c && ok; c = c->next) {
                    uint32_t b = cJSON_IsString(c) ? type_bit(c->valuestring) : 0;
                    ok = b != 0 && !(k->u.types & b);
                    k->u.types |= b;
                }
            } else {
                ok = false;
            }
            if (!ok) {
                cerror(cs, base, ptr, k->loc, "schema-invalid",
                       "type must be one of null, boolean, object, array, number, string, integer, or an array of them without repeats");
                return false;
            }
            if (k->u.types & SCH_T_NUMBER) k->u.types |= SCH_T_INTEGER;
            goto done;
        }
        if (IS("const")) { k->kind = K_CONST; k->u.cv.value = m; k->u.cv.tree = tree; return true; }
        if (IS("enum")) { k->kind = K_ENUM; k->u.cv.value = m; k->u.cv.tree = tree; ok = cJSON_IsArray(m); goto done; }
        if (IS("multipleOf") || IS("maximum") || IS("exclusiveMaximum") || IS("minimum") || IS("exclusiveMinimum")) {
            k->kind = IS("multipleOf") ? K_MULTIPLEOF : IS("maximum") ? K_MAXIMUM : IS("exclusiveMaximum") ? K_EXMAXIMUM
                    : IS("minimum") ? K_MINIMUM : K_EXMINIMUM;
            if (!cJSON_IsNumber(m)) { ok = false; goto bad; }
            char buf[40];
            sch_num_of(tree, m, buf, &k->u.num);
            if (k->u.num.text == buf) k->u.num.text = adup(cs, buf, k->u.num.len);
            if (k->kind == K_MULTIPLEOF && !(k->u.num.d > 0)) {
                cerror(cs, base, ptr, k->loc, "schema-invalid", "multipleOf must be a number greater than 0");
                return false;
            }
            return true;
        }
        if (IS("maxLength") || IS("minLength") || IS("maxItems") || IS("minItems") || IS("maxProperties") || IS("minProperties")) {
            k->kind = IS("maxLength") ? K_MAXLENGTH : IS("minLength") ? K_MINLENGTH : IS("maxItems") ? K_MAXITEMS
                    : IS("minItems") ? K_MINITEMS : IS("maxProperties") ? K_MAXPROPS : K_MINPROPS;
            if (!is_count(cs, m, tree, &k->u.count)) {
                cerror(cs, base, ptr, k->loc, "schema-invalid", "%s must be a non-negative integer", name);
                return false;
            }
            if ((k->kind == K_MINLENGTH || k->kind == K_MINITEMS || k->kind == K_MINPROPS) && k->u.count == 0) return false;
            return true;
        }
        if (IS("pattern")) {
            k->kind = K_PATTERN;
            if (!cJSON_IsString(m)) { ok = false; goto bad; }
            k->u.pattern.source = m->valuestring;
            k->u.pattern.re = regex_of(cs, m->valuestring, base, ptr, k->loc);
            k->u.pattern.literal = sch_literal_prefix(m->valuestring);
            return k->u.pattern.re != NULL;
        }
        if (IS("uniqueItems")) {
            k->kind = K_UNIQUEITEMS;
            if (!cJSON_IsBool(m)) { ok = false; goto bad; }
            return cJSON_IsTrue(m);
        }
        if (IS("required")) {
            k->kind = K_REQUIRED;
            ok = names_of(cs, m, &k->u.names);
            if (ok && k->u.names.count == 0) return false;
            goto done;
        }
        if (IS("dependentRequired")) {
            k->kind = K_DEPREQUIRED;
            if (!cJSON_IsObject(m)) { ok = false; goto bad; }
            uint32_t cnt = (uint32_t)cJSON_GetArraySize(m), i = 0;
            k->u.depreq.items = sch_alloc(cs->a, (cnt + 1) * sizeof *k->u.depreq.items);
            if (!k->u.depreq.items) { oom(cs); return false; }
            for (const cJSON *c = m->child; c && ok; c = c->next, i++) {
                k->u.depreq.items[i].name = c->string;
                k->u.depreq.items[i].len = (uint32_t)strlen(c->string);
                ok = names_of(cs, c, &k->u.depreq.items[i].required);
            }
            k->u.depreq.count = cnt;
            goto done;
        }
        if (IS("minContains") || IS("maxContains")) {
            uint64_t c;
            if (!is_count(cs, m, tree, &c)) {
                cerror(cs, base, ptr, k->loc, "schema-invalid", "%s must be a non-negative integer", name);
            }
            return false; /* read by contains */
        }
    }
    if (IS("format") && (v & (V_FORMAT_ANNOTATION | V_FORMAT_ASSERTION))) {
        if (!cJSON_IsString(m)) { ok = false; goto bad; }
        if (!cs->s->format_assertion && !(v & V_FORMAT_ASSERTION)) return false;
        k->kind = K_FORMAT;
        k->u.format.name = m->valuestring;
        k->u.format.id = sch_format_id(m->valuestring);
        return k->u.format.id >= 0;
    }
    return false;
#undef IS
done:
    if (ok) return true;
bad:
    cerror(cs, base, ptr, k->loc, "schema-invalid", "%s has a value of the wrong kind", name);
    return false;
}

static bool valid_anchor(const char *s)
{
    /* ^[A-Za-z_][-A-Za-z0-9._]*$ */
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_')) return false;
    for (s++; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' || *s == '_'))
            return false;
    return true;
}

static void anchor(cstate *cs, sch_node *n, const cJSON *v, const char *base, const char *ptr, bool dynamic)
{
    const char *kw = dynamic ? "/$dynamicAnchor" : "/$anchor";
    if (!cJSON_IsString(v) || !valid_anchor(v->valuestring)) {
        cerror(cs, base, ptr, kw, "schema-invalid", "%s must be a name: a letter or _ then letters, digits, -, _ or .", kw + 1);
        return;
    }
    oasv_buf key = { 0 };
    oasv_buf_printf(&key, "%s#%s", base, v->valuestring);
    if (key.oom) { oasv_buf_free(&key); oom(cs); return; }
    const char *k = adup(cs, key.data, key.len);
    oasv_buf_free(&key);
    sch_node *other = map_get(&cs->anchors, k, strlen(k));
    if (other && other != n) {
        cerror(cs, base, ptr, kw, "duplicate-anchor", "the anchor \"%s\" is defined twice in %s", v->valuestring, base[0] ? base : "the schema");
        return;
    }
    if (!map_put(&cs->anchors, k, strlen(k), n)) oom(cs);
    if (dynamic) {
        sch_dyn *d = sch_alloc(cs->a, sizeof *d);
        if (!d) { oom(cs); return; }
        d->name = v->valuestring;
        d->hash = sch_name_hash(d->name, strlen(d->name));
        d->node = n;
        d->next = n->res->dyn;
        n->res->dyn = d;
    }
}

/*
 * The cJSON type bits of the instances an object node passes without
 * evaluating anything: the types none of its keywords looks at (all for a
 * node without keywords), and those named by a lone `type` ("integer" alone
 * needs a look at the number: only a bare tree's numbers in plain digits,
 * OASV_BARE_INTEGER, pass it unseen).
 * The walk then skips the call (eval.c); any other instance is evaluated.
 */
static uint16_t pass_types(const sch_node *n)
{
    uint16_t looked_at = 0; /* types some keyword looks at: any other passes ({"minimum": 1} every string) */
    for (uint32_t i = 0; i < n->nkw; i++) looked_at |= n->kw[i].applies;
    uint16_t unseen = (uint16_t)(~looked_at & 0xFF);
    if (n->nkw != 1 || n->kw[0].kind != K_TYPE || n->unevaluated) return unseen;
    uint32_t t = n->kw[0].u.types;
    uint16_t bits = 0;
    if (t & SCH_T_INTEGER) bits |= OASV_BARE_INTEGER;
    if (t & SCH_T_NULL) bits |= cJSON_NULL;
    if (t & SCH_T_BOOLEAN) bits |= cJSON_True | cJSON_False;
    if (t & SCH_T_OBJECT) bits |= cJSON_Object;
    if (t & SCH_T_ARRAY) bits |= cJSON_Array;
    if (t & SCH_T_NUMBER) bits |= cJSON_Number;
    if (t & SCH_T_STRING) bits |= cJSON_String;
    return bits;
}

/* The property of `props` named `name`, found as eval.c's find_prop() finds it (the first in probe order). */
static sch_prop *prop_named(const sch_kw *props, const char *name, uint32_t len, uint32_t hash)
{
    uint32_t mask = props->u.props.mask;
    for (uint32_t at = hash & mask; props->u.props.slots[at]; at = (at + 1) & mask) {
        sch_prop *p = &props->u.props.items[props->u.props.slots[at] - 1];
        if (p->hash == hash && p->len == len && memcmp(p->name, name, len) == 0) return p;
    }
    return NULL;
}

/*
 * When every name of a node's `required` (a list with a table, of at most 32 names)
 * is one of its `properties`, give each of those properties the bits of the
 * names it is: the verdict-only walk then checks `required` in the pass over
 * the members that `properties` makes anyway (eval.c: kw_properties).
 */
static void merge_required(sch_node *n)
{
    sch_kw *required = NULL, *props = NULL;
    for (uint32_t i = 0; i < n->nkw; i++) {
        if (n->kw[i].kind == K_REQUIRED) required = &n->kw[i];
        if (n->kw[i].kind == K_PROPERTIES) props = &n->kw[i];
    }
    if (!required || !props || !required->u.names.mask || !props->u.props.mask) return;
    const sch_names *names = &required->u.names;
    if (names->count > 32) return; /* a bit each in sch_prop.required */
    for (uint32_t i = 0; i < names->count; i++)
        if (!prop_named(props, names->names[i], names->lens[i], names->hashes[i])) return;
    for (uint32_t i = 0; i < names->count; i++) {
        prop_named(props, names->names[i], names->lens[i], names->hashes[i])->required |= 1u << i;
        props->u.props.required |= 1ull << i;
    }
    n->required_in_props = true;
}

static sch_node *compile_node(cstate *cs, const cJSON *j, const char *base, const char *ptr, sch_resource *res)
{
    if (!j || cs->oom) return NULL;
    sch_node *n = map_get(&cs->nodes, j, SIZE_MAX);
    if (n) return n;
    n = sch_alloc(cs->a, sizeof *n);
    if (!n) { oom(cs); return NULL; }
    n->json = j;
    if (!cJSON_IsObject(j)) {
        n->kind = cJSON_IsFalse(j) ? SCH_NODE_FALSE : SCH_NODE_TRUE;
        n->pass_types = n->kind == SCH_NODE_TRUE ? 0xFF : 0;
        if (!cJSON_IsBool(j)) cerror(cs, base, ptr, "", "schema-invalid", "a schema must be an object or a boolean");
        n->res = res;
        n->base = base;
        n->abs = mkabs(cs, base, ptr);
        if (!map_put(&cs->nodes, j, SIZE_MAX, n)) oom(cs);
        return n;
    }
    n->kind = SCH_NODE_OBJECT;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "$id");
    if (id) {
        if (!cJSON_IsString(id)) {
            cerror(cs, base, ptr, "/$id", "schema-invalid", "$id must be a string (a URI reference)");
        } else {
            oasv_buf u = { 0 };
            sch_uri_resolve(base, id->valuestring, strlen(id->valuestring), &u);
            if (u.oom) { oasv_buf_free(&u); oom(cs); return NULL; }
            size_t len = sch_uri_strip_fragment(u.data, u.len);
            if (len + 1 < u.len) cerror(cs, base, ptr, "/$id", "schema-invalid", "$id must not have a fragment (use $anchor)");
            const char *uri = adup(cs, u.data, len);
            oasv_buf_free(&u);
            sch_resource *existing = map_get(&cs->uris, uri, strlen(uri));
            if (existing && existing->root == j) {
                res = existing;
            } else {
                if (existing && existing->node)
                    cerror(cs, base, ptr, "/$id", "duplicate-id", "two schemas have the $id %s", uri);
                sch_resource *r = new_resource(cs, uri, j, res ? res->vocab : V_DEFAULT, res ? res->tree : NULL);
                if (!r) return NULL;
                /* The retrieval URI of a document whose root has its own $id names it too. */
                if (res && res->root == j && !map_put(&cs->uris, res->uri, strlen(res->uri), r)) oom(cs);
                res = r;
            }
            base = res->uri;
            ptr = "";
        }
    }
    if (res->root == j) {
        const cJSON *sc = cJSON_GetObjectItemCaseSensitive(j, "$schema");
        if (sc) res->vocab = vocab_of(cs, sc, base, ptr);
        if (!res->node) res->node = n;
    }
    n->res = res;
    n->base = base;
    n->abs = mkabs(cs, base, ptr);
    if (!map_put(&cs->nodes, j, SIZE_MAX, n)) { oom(cs); return NULL; }
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "$anchor");
    if (a) anchor(cs, n, a, base, ptr, false);
    a = cJSON_GetObjectItemCaseSensitive(j, "$dynamicAnchor");
    if (a) anchor(cs, n, a, base, ptr, true);

    uint32_t count = (uint32_t)cJSON_GetArraySize(j);
    sch_kw *kw = sch_alloc(cs->a, (count + 1) * sizeof *kw);
    if (!kw) { oom(cs); return NULL; }
    uint32_t nkw = 0;
    for (const cJSON *m = j->child; m; m = m->next)
        if (keyword(cs, n, m, &kw[nkw], base, ptr, res)) nkw++;
        else memset(&kw[nkw], 0, sizeof kw[nkw]);
    set_kind_order(kw, nkw);
    for (uint32_t i = 0; i < nkw; i++) kw[i].applies = kind_applies[kw[i].kind];
    const sch_kw *props = NULL, *patterns = NULL;
    uint32_t prefix = 0;
    for (uint32_t i = 0; i < nkw; i++) {
        if (kw[i].kind == K_PROPERTIES) props = &kw[i];
        if (kw[i].kind == K_PATTERNPROPS) patterns = &kw[i];
        if (kw[i].kind == K_PREFIXITEMS) prefix = kw[i].u.list.count;
    }
    for (uint32_t i = 0; i < nkw; i++) {
        sch_kw *k = &kw[i];
        if (k->kind == K_ADDLPROPS) { k->u.addl.props = props; k->u.addl.patterns = patterns; }
        if (k->kind == K_ITEMS) k->u.one.skip = prefix;
        if (k->kind == K_CONTAINS && (res->vocab & V_VALIDATION)) {
            uint64_t c;
            const cJSON *mn = cJSON_GetObjectItemCaseSensitive(j, "minContains");
            const cJSON *mx = cJSON_GetObjectItemCaseSensitive(j, "maxContains");
            if (mn && is_count(cs, mn, res->tree, &c)) k->u.contains.min = c;
            if (mx && is_count(cs, mx, res->tree, &c)) { k->u.contains.max = c; k->u.contains.has_max = true; }
        }
        if (k->kind == K_REF || k->kind == K_DYNREF) {
            pending *p = sch_alloc(cs->cold, sizeof *p);
            if (!p) { oom(cs); return NULL; }
            p->kw = k;
            p->node = n;
            p->next = cs->todo;
            cs->todo = p;
        }
    }
    n->kw = kw;
    n->nkw = nkw;
    n->pass_types = pass_types(n);
    n->ref_only = nkw == 1 && kw[0].kind == K_REF;
    merge_required(n);
    return n;
}

/* MARK: - References */

/* Compile the root of a loaded document under `uri` (its retrieval URI). */
static sch_node *compile_root(cstate *cs, const oasv_doc *doc, const char *uri)
{
    sch_resource *r = map_get(&cs->uris, uri, strlen(uri));
    if (r && r->root == doc->tree.root && r->node) return r->node;
    r = new_resource(cs, uri, doc->tree.root, V_DEFAULT, &doc->tree);
    if (!r) return NULL;
    return compile_node(cs, doc->tree.root, r->uri, "", r);
}

/*
 * The member `key` of an object. Objects with many members (components.schemas
 * of a large document) are indexed once, on first use: a linear search per
 * reference would make resolving all of them quadratic.
 */
#define INDEX_MEMBERS 16
static const cJSON *member(cstate *cs, const cJSON *object, const char *key, size_t len)
{
    const cJSON *first = object->child;
    size_t n = 0;
    for (const cJSON *m = first; m && n <= INDEX_MEMBERS; m = m->next) n++;
    if (n <= INDEX_MEMBERS) return cJSON_GetObjectItemCaseSensitive(object, key);
    if (!oasv_map_get(&cs->indexed, object, "", 0)) {
        for (const cJSON *m = first; m; m = m->next)
            if (!oasv_map_get(&cs->members, object, m->string, strlen(m->string)) &&
                !oasv_map_put(&cs->members, object, m->string, strlen(m->string), (void *)m)) { oom(cs); return NULL; }
        if (!oasv_map_put(&cs->indexed, object, "", 0, (void *)object)) { oom(cs); return NULL; }
    }
    return oasv_map_get(&cs->members, object, key, len);
}

/* The node a URI names, compiling what it needs; NULL when nothing is there. */
static sch_node *resolve(cstate *cs, const char *uri)
{
    size_t len = strlen(uri), ulen = sch_uri_strip_fragment(uri, len);
    sch_resource *res = map_get(&cs->uris, uri, ulen);
    if (!res) {
        pool_entry *e = pool_find(cs, uri, ulen);
        oasv_doc *doc = e ? pool_load(cs, e) : NULL;
        if (!doc) return NULL;
        compile_root(cs, doc, e->uri);
        res = map_get(&cs->uris, uri, ulen);
        if (!res) return NULL;
    }
    if (ulen + 1 >= len) return res->node ? res->node : compile_node(cs, res->root, res->uri, "", res);
    oasv_buf frag = { 0 };
    if (!sch_uri_percent_decode(uri + ulen + 1, len - ulen - 1, &frag)) { oasv_buf_free(&frag); return NULL; }
    if (frag.oom) { oasv_buf_free(&frag); oom(cs); return NULL; }
    sch_node *n = NULL;
    if (frag.data[0] == '/') {
        /* JSON pointer within the resource */
        const cJSON *t = res->root;
        size_t i = 0;
        oasv_buf tok = { 0 };
        while (t && i < frag.len) {
            i++;
            tok.len = 0;
            oasv_buf_append(&tok, "", 0);
            while (i < frag.len && frag.data[i] != '/') {
                if (frag.data[i] == '~' && i + 1 < frag.len && (frag.data[i + 1] == '0' || frag.data[i + 1] == '1')) {
                    oasv_buf_putc(&tok, frag.data[i + 1] == '0' ? '~' : '/');
                    i += 2;
                } else {
                    oasv_buf_putc(&tok, frag.data[i++]);
                }
            }
            if (tok.oom) { oom(cs); break; }
            if (cJSON_IsArray(t)) {
                char *end = NULL;
                unsigned long idx = strtoul(tok.data, &end, 10);
                t = (tok.len && *end == '\0' && (tok.data[0] != '0' || tok.len == 1)) ? cJSON_GetArrayItem(t, (int)idx) : NULL;
            } else if (cJSON_IsObject(t)) {
                t = member(cs, t, tok.data, tok.len);
            } else {
                t = NULL;
            }
        }
        oasv_buf_free(&tok);
        if (t) {
            n = map_get(&cs->nodes, t, SIZE_MAX);
            if (!n) n = compile_node(cs, t, res->uri, adup(cs, uri + ulen + 1, len - ulen - 1), res);
        }
    } else {
        oasv_buf key = { 0 };
        oasv_buf_printf(&key, "%s#%s", res->uri, frag.data);
        if (!key.oom) n = map_get(&cs->anchors, key.data, key.len);
        oasv_buf_free(&key);
    }
    oasv_buf_free(&frag);
    return n;
}

/* Remember the name a $dynamicRef looks up (eval.c: when the walk's first resource has them all, scopes need no walk). */
static void note_dynref(cstate *cs, const sch_kw *k)
{
    for (const sch_dyn *d = cs->s->dynrefs; d; d = d->next)
        if (d->hash == k->u.ref.dyn_hash && strcmp(d->name, k->u.ref.dyn_name) == 0) return;
    sch_dyn *d = sch_alloc(cs->a, sizeof *d);
    if (!d) { oom(cs); return; }
    d->name = k->u.ref.dyn_name;
    d->hash = k->u.ref.dyn_hash;
    d->next = cs->s->dynrefs;
    cs->s->dynrefs = d;
}

static void link_refs(cstate *cs)
{
    while (cs->todo && !cs->oom) {
        pending *p = cs->todo;
        cs->todo = p->next;
        sch_kw *k = p->kw;
        const char *uri = k->u.ref.uri;
        k->u.ref.target = resolve(cs, uri);
        const char *ptr = p->node->abs ? strchr(p->node->abs, '#') + 1 : "";
        if (!k->u.ref.target) {
            if (!cs->oom)
                cerror(cs, p->node->base, ptr, k->loc, "unresolved-ref",
                       "%s \"%s\" names no known schema (nothing is fetched: give remote schemas as resources)",
                       k->kind == K_REF ? "$ref" : "$dynamicRef", uri);
            continue;
        }
        if (k->kind == K_DYNREF) {
            const char *hash = strchr(uri, '#');
            if (hash && hash[1] && hash[1] != '/') {
                const cJSON *da = cJSON_GetObjectItemCaseSensitive(k->u.ref.target->json, "$dynamicAnchor");
                if (cJSON_IsString(da) && strcmp(da->valuestring, hash + 1) == 0) {
                    k->u.ref.dyn_name = da->valuestring;
                    k->u.ref.dyn_hash = sch_name_hash(da->valuestring, strlen(da->valuestring));
                    note_dynref(cs, k);
                }
            }
        }
    }
}

/* MARK: - Flattening (schema.h: sch_flat) */

#define FLAT_MAX_NODES 64
#define FLAT_MAX_LEVELS 16
#define FLAT_MAX_PROPS 256

typedef struct flattener {
    struct { const sch_prop *p; uint32_t level; } items[FLAT_MAX_PROPS];
    uint32_t n, nodes, levels;
    bool ok;
} flattener;

/* Gather the properties of `x` (at `level` below the node flattened) and of the nodes its allOf and $ref lead to. */
static void flatten_into(flattener *f, const sch_node *x, uint32_t level)
{
    if (!f->ok) return;
    if (level > 0) {
        f->nodes++;
        if (level > f->levels) f->levels = level;
    }
    if (f->nodes > FLAT_MAX_NODES || level > FLAT_MAX_LEVELS) { f->ok = false; return; } /* also ends cycles */
    if (x->kind == SCH_NODE_TRUE) return;
    if (x->kind != SCH_NODE_OBJECT || x->unevaluated) { f->ok = false; return; }
    for (uint32_t i = 0; i < x->nkw && f->ok; i++) {
        const sch_kw *k = &x->kw[i];
        switch (k->kind) {
        case K_TYPE: /* objects pass it, or the node is not for flattening */
            if (!(k->u.types & SCH_T_OBJECT)) f->ok = false;
            break;
        case K_PROPERTIES:
            for (uint32_t p = 0; p < k->u.props.count; p++) {
                if (f->n == FLAT_MAX_PROPS) { f->ok = false; break; }
                f->items[f->n].p = &k->u.props.items[p];
                f->items[f->n++].level = level;
            }
            break;
        case K_ALLOF:
            for (uint32_t j = 0; j < k->u.list.count; j++) flatten_into(f, k->u.list.items[j].node, level + 1);
            break;
        case K_REF: /* an unresolved one passes without a step */
            if (k->u.ref.target) flatten_into(f, k->u.ref.target, level + 1);
            break;
        default: f->ok = false;
        }
    }
}

/* The flattened form of `n`, when it has one and it merges at least one node. */
static void flatten(cstate *cs, sch_node *n)
{
    /* a lone $ref is stepped over by the walk already (eval.c: skip_refs), and flattening each would copy its target's names */
    if (n->kind != SCH_NODE_OBJECT || n->flat || n->unevaluated || n->ref_only) return;
    bool merges = false; /* something to merge, and nothing the flattened form cannot hold */
    for (uint32_t i = 0; i < n->nkw; i++) {
        sch_kind k = n->kw[i].kind;
        if (k != K_TYPE && k != K_PROPERTIES && k != K_ALLOF && k != K_REF) return;
        merges |= k == K_ALLOF || k == K_REF;
    }
    if (!merges) return;
    flattener *f = oasv_malloc(sizeof *f);
    if (!f) { oom(cs); return; }
    f->n = f->nodes = f->levels = 0;
    f->ok = true;
    flatten_into(f, n, 0);
    if (!f->ok || f->nodes == 0) { oasv_free(f); return; }
    sch_flat *flat = sch_alloc(cs->a, sizeof *flat);
    sch_flat_prop *props = sch_alloc(cs->a, (f->n + 1) * sizeof *props);
    sch_flat_entry *entries = sch_alloc(cs->a, (f->n + 1) * sizeof *entries);
    uint32_t size = 4;
    while (size < 2 * f->n) size *= 2;
    uint32_t *slots = sch_alloc(cs->a, size * sizeof *slots);
    if (!flat || !props || !entries || !slots) { oasv_free(f); oom(cs); return; }
    /* the distinct names, each with its subschemas in a run of entries */
    uint32_t nprops = 0, used = 0, count = f->n;
    for (uint32_t i = 0; i < count; i++) {
        const sch_prop *name = f->items[i].p;
        if (!name) continue; /* already in an earlier name's run */
        sch_flat_prop *fp = &props[nprops++];
        fp->name = name->name;
        fp->len = name->len;
        fp->hash = name->hash;
        fp->first = used;
        for (uint32_t j = i; j < count; j++) {
            const sch_prop *q = f->items[j].p;
            if (!q || q->hash != fp->hash || q->len != fp->len || memcmp(q->name, fp->name, fp->len) != 0) continue;
            entries[used].node = q->e.node;
            entries[used].level = f->items[j].level;
            used++;
            f->items[j].p = NULL;
        }
        fp->count = used - fp->first;
    }
    flat->nodes = f->nodes;
    flat->levels = f->levels;
    flat->props = props;
    flat->entries = entries;
    flat->slots = slots;
    flat->mask = nprops ? size - 1 : 0;
    for (uint32_t i = 0; i < nprops; i++) {
        uint32_t at = props[i].hash & flat->mask;
        while (slots[at]) at = (at + 1) & flat->mask;
        slots[at] = i + 1;
        flat->filter |= SCH_FILTER_BIT(props[i].hash);
    }
    n->flat = flat;
    oasv_free(f);
}

/* Whether a number's source text is an integer of at most 15 digits: its double is then exactly its value. */
static bool exact_integer(const oasv_tree *tree, const cJSON *v)
{
    size_t len = 0;
    const char *s = oasv_number_text(tree, v, &len);
    if (!s) return false;
    size_t i = len && s[0] == '-';
    if (i == len || len - i > 15) return false;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int const_num_cmp(const void *a, const void *b)
{
    const sch_const_num *x = a, *y = b;
    if (x->value != y->value) return x->value < y->value ? -1 : 1; /* -0 and 0 are one value */
    return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * Mark an anyOf/oneOf whose branches are only a `const` each (enums with a
 * description per value): eval.c compares them in a loop, or, when they are
 * all finite numbers (Discord's integer enums of 80 values), looks the
 * instance's value up among them sorted.
 */
static void mark_consts(cstate *cs, sch_node *n)
{
    for (uint32_t i = 0; n->kind == SCH_NODE_OBJECT && i < n->nkw; i++) {
        sch_kw *k = &n->kw[i];
        if (k->kind != K_ANYOF && k->kind != K_ONEOF) continue;
        bool consts = k->u.list.count > 0, numbers = consts;
        for (uint32_t j = 0; j < k->u.list.count && consts; j++) {
            const sch_node *b = k->u.list.items[j].node;
            consts = b && b->kind == SCH_NODE_OBJECT && !b->unevaluated && b->nkw == 1 && b->kw[0].kind == K_CONST;
            numbers = numbers && consts && cJSON_IsNumber(b->kw[0].u.cv.value) && isfinite(b->kw[0].u.cv.value->valuedouble);
        }
        k->u.list.consts = consts;
        if (!numbers || k->u.list.nums) continue;
        sch_const_num *nums = sch_alloc(cs->a, k->u.list.count * sizeof *nums);
        if (!nums) { oom(cs); return; }
        for (uint32_t j = 0; j < k->u.list.count; j++) {
            const sch_kw *c = &k->u.list.items[j].node->kw[0];
            nums[j].value = c->u.cv.value->valuedouble;
            nums[j].index = j;
            nums[j].exact = exact_integer(c->u.cv.tree, c->u.cv.value);
        }
        qsort(nums, k->u.list.count, sizeof *nums, const_num_cmp);
        k->u.list.nums = nums;
    }
}

/* The cJSON type bits of the instances `types` (SCH_T_ bits) refuses for sure ("integer" alone may take any number). */
static uint8_t refused_types(uint32_t types)
{
    uint8_t fails = 0;
    if (!(types & SCH_T_NULL)) fails |= cJSON_NULL;
    if (!(types & SCH_T_BOOLEAN)) fails |= cJSON_True | cJSON_False;
    if (!(types & SCH_T_OBJECT)) fails |= cJSON_Object;
    if (!(types & SCH_T_ARRAY)) fails |= cJSON_Array;
    if (!(types & SCH_T_STRING)) fails |= cJSON_String;
    if (!(types & (SCH_T_NUMBER | SCH_T_INTEGER))) fails |= cJSON_Number;
    return fails;
}

/*
 * Give an anyOf/oneOf the instance types each branch fails by its `type`
 * (schema.h: sch_gate), when some branch has one: OpenAPI's nullable
 * `oneOf: [{type: null}, {$ref: ...}]` and unions of objects and scalars.
 * Only nodes whose first keyword is `type` qualify (no $ref before it, no
 * unevaluated*, which evaluates with a set of its own).
 */
static void mark_gates(cstate *cs, sch_node *n)
{
    for (uint32_t i = 0; n->kind == SCH_NODE_OBJECT && i < n->nkw; i++) {
        sch_kw *k = &n->kw[i];
        if ((k->kind != K_ANYOF && k->kind != K_ONEOF) || k->u.list.gates || k->u.list.consts) continue;
        sch_gate *gates = NULL;
        for (uint32_t j = 0; j < k->u.list.count; j++) {
            const sch_node *b = k->u.list.items[j].node;
            uint32_t levels = 0;
            while (b && b->ref_only && levels < 16) b = b->kw[0].u.ref.target, levels++;
            if (!b || b->kind != SCH_NODE_OBJECT || b->unevaluated || b->nkw == 0 || b->kw[0].kind != K_TYPE) continue;
            uint8_t fails = refused_types(b->kw[0].u.types);
            if (!fails) continue;
            if (!gates && !(gates = sch_alloc(cs->a, k->u.list.count * sizeof *gates))) { oom(cs); return; }
            gates[j].fails = fails;
            gates[j].levels = (uint8_t)levels;
        }
        k->u.list.gates = gates;
    }
}

/* The longest chain of $ref-only nodes that eval.c's skip_refs steps over from a subschema of `n`. */
#define PASS_MAX_LEVELS 16

/*
 * Give each property of `n` its subschema's pass_types, and the end of the
 * chain of $ref-only nodes (all of n's resource) that the verdict-only walk
 * would step over from it (schema.h: sch_prop), once every node is complete.
 */
static void mark_pass(sch_node *n)
{
    if (n->ref_only) n->ref = n->kw[0].u.ref.target;
    for (uint32_t i = 0; n->kind == SCH_NODE_OBJECT && i < n->nkw; i++) {
        sch_kw *k = &n->kw[i];
        if (k->kind != K_PROPERTIES) continue;
        for (uint32_t p = 0; p < k->u.props.count; p++) {
            sch_prop *q = &k->u.props.items[p];
            const sch_node *x = q->e.node;
            q->pass = x ? x->pass_types : 0;
#ifndef OASV_SCHEMA_LEAN
            uint16_t levels = 0;
            /* skip_refs()'s own test, the limits aside (eval.c checks those before taking the chain) */
            while (x && x->ref_only && x->kw[0].u.ref.target && x->res == n->res && levels <= PASS_MAX_LEVELS) {
                x = x->kw[0].u.ref.target;
                levels++;
            }
            bool chain = levels > 0 && levels <= PASS_MAX_LEVELS; /* longer: a cycle, or too long to bother */
            q->levels = chain ? levels : 0;
            q->through = chain ? x : NULL;
#endif
        }
    }
}

/* Flatten every node compiled in this state (after link_refs: $ref targets are known and every node is complete). */
static void flatten_all(cstate *cs)
{
    for (size_t i = 0; i < cs->nodes.cap && !cs->oom; i++) {
        if (!cs->nodes.slots[i].key) continue;
        mark_pass(cs->nodes.slots[i].value);
        flatten(cs, cs->nodes.slots[i].value);
        mark_consts(cs, cs->nodes.slots[i].value);
        mark_gates(cs, cs->nodes.slots[i].value);
    }
}

/* MARK: - Packing (walk order) */

#ifndef OASV_SCHEMA_LEAN

/*
 * The nodes the walk can reach from the root, copied once more to the end of
 * the arena in depth-first order, each with its keywords and the tables a
 * member lookup reads (properties' items, names and slots; lists of
 * subschemas; flattened properties). Compiled in document order, the nodes a
 * payload goes through lie among the others (a Discord message reaches 109 of
 * its document's 539 components): packed, a validation that finds them out of
 * cache reads fewer lines, in about the order it needs them.
 *
 * The originals stay as they were, complete and equal to their copies, so a
 * pointer that still leads to one (from an unreachable node) gives the same
 * answers; the copies point to copies, and the root, the resources and their
 * $dynamicAnchors to the copies too.
 */

typedef struct packer {
    cstate *cs;
    map seen;                /* node -> its copy, or the node itself until it is copied */
    const sch_node **stack, **order, **kids;
    size_t nstack, nstack_cap, norder, norder_cap, nkids, nkids_cap;
} packer;

static bool pack_append(cstate *cs, const sch_node ***a, size_t *n, size_t *cap, const sch_node *x)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        const sch_node **grown = oasv_realloc((void *)*a, c * sizeof *grown);
        if (!grown) { oom(cs); return false; }
        *a = grown;
        *cap = c;
    }
    (*a)[(*n)++] = x;
    return true;
}

static void pack_kid(packer *P, const sch_node *x)
{
    if (x) pack_append(P->cs, &P->kids, &P->nkids, &P->nkids_cap, x);
}

/* The nodes that `n` leads to, in its keywords' order, into P->kids. */
static void pack_children(packer *P, const sch_node *n)
{
    P->nkids = 0;
    for (uint32_t i = 0; n->kind == SCH_NODE_OBJECT && i < n->nkw; i++) {
        const sch_kw *k = &n->kw[i];
        switch (k->kind) {
        case K_REF: case K_DYNREF: pack_kid(P, k->u.ref.target); break;
        case K_PROPERTIES: case K_DEPSCHEMAS:
            for (uint32_t j = 0; j < k->u.props.count; j++) {
                pack_kid(P, k->u.props.items[j].e.node);
                pack_kid(P, k->u.props.items[j].through);
            }
            break;
        case K_PATTERNPROPS:
            for (uint32_t j = 0; j < k->u.patterns.count; j++) pack_kid(P, k->u.patterns.items[j].e.node);
            break;
        case K_ADDLPROPS: pack_kid(P, k->u.addl.e.node); break;
        case K_PREFIXITEMS: case K_ALLOF: case K_ANYOF: case K_ONEOF:
            for (uint32_t j = 0; j < k->u.list.count; j++) pack_kid(P, k->u.list.items[j].node);
            break;
        case K_ITEMS: case K_PROPNAMES: case K_NOT: case K_UNEVALITEMS: case K_UNEVALPROPS: pack_kid(P, k->u.one.e.node); break;
        case K_CONTAINS: pack_kid(P, k->u.contains.e.node); break;
        case K_IF: pack_kid(P, k->u.cond.cond.node); pack_kid(P, k->u.cond.then.node); pack_kid(P, k->u.cond.els.node); break;
        default: break;
        }
    }
}

/* Put `x` on the stack unless it was seen. */
static void pack_push(packer *P, const sch_node *x)
{
    if (!x || P->cs->oom || map_get(&P->seen, x, SIZE_MAX)) return;
    if (!map_put(&P->seen, x, SIZE_MAX, (void *)x)) { oom(P->cs); return; }
    pack_append(P->cs, &P->stack, &P->nstack, &P->nstack_cap, x);
}

/* Depth-first from `root`, children in order: appended to P->order. */
static void pack_walk(packer *P, const sch_node *root)
{
    pack_push(P, root);
    while (P->nstack && !P->cs->oom) {
        const sch_node *n = P->stack[--P->nstack];
        if (!pack_append(P->cs, &P->order, &P->norder, &P->norder_cap, n)) return;
        pack_children(P, n);
        for (size_t i = P->nkids; i-- > 0;) pack_push(P, P->kids[i]);
    }
}

/* The copy of `x` when it has one, else `x`. */
static sch_node *pack_moved(const packer *P, const sch_node *x)
{
    if (!x) return NULL;
    sch_node *c = map_get(&P->seen, x, SIZE_MAX);
    return c ? c : (sch_node *)x;
}

static void *pack_dup(cstate *cs, const void *p, size_t size)
{
    if (!p || !size) return (void *)p;
    void *q = sch_alloc(cs->a, size);
    if (!q) { oom(cs); return (void *)p; }
    return memcpy(q, p, size);
}

/* A copy of node `o` with its keywords and their tables (node pointers not yet moved). */
static sch_node *pack_copy(cstate *cs, const sch_node *o)
{
    sch_node *c = pack_dup(cs, o, sizeof *o);
    if (c == o) return NULL;
    c->kw = pack_dup(cs, o->kw, o->nkw * sizeof *o->kw);
    for (uint32_t i = 0; c->kw != o->kw && i < c->nkw; i++) {
        sch_kw *k = &c->kw[i];
        switch (k->kind) {
        case K_PROPERTIES: case K_DEPSCHEMAS: {
            uint32_t n = k->u.props.count;
            k->u.props.items = pack_dup(cs, k->u.props.items, n * sizeof *k->u.props.items);
            size_t bytes = 0;
            for (uint32_t j = 0; j < n; j++) bytes += k->u.props.items[j].len + 1;
            char *names = bytes ? sch_alloc(cs->a, bytes) : NULL;
            for (uint32_t j = 0; names && j < n; j++) {
                sch_prop *p = &k->u.props.items[j];
                p->name = memcpy(names, p->name, p->len + 1);
                names += p->len + 1;
            }
            if (bytes && !names) oom(cs);
            if (k->u.props.slots) k->u.props.slots = pack_dup(cs, k->u.props.slots, ((size_t)k->u.props.mask + 1) * sizeof *k->u.props.slots);
            break;
        }
        case K_PREFIXITEMS: case K_ALLOF: case K_ANYOF: case K_ONEOF:
            k->u.list.items = pack_dup(cs, k->u.list.items, k->u.list.count * sizeof *k->u.list.items);
            break;
        case K_PATTERNPROPS:
            k->u.patterns.items = pack_dup(cs, k->u.patterns.items, k->u.patterns.count * sizeof *k->u.patterns.items);
            break;
        default: break;
        }
    }
    if (o->flat) {
        const sch_flat *f = o->flat;
        uint32_t nprops = 0, nentries = 0;
        for (uint32_t i = 0; f->mask && i <= f->mask; i++) {
            if (!f->slots[i]) continue;
            const sch_flat_prop *p = &f->props[f->slots[i] - 1];
            if (f->slots[i] > nprops) nprops = f->slots[i];
            if (p->first + p->count > nentries) nentries = p->first + p->count;
        }
        sch_flat *g = pack_dup(cs, f, sizeof *f);
        if (g != f) {
            g->props = pack_dup(cs, f->props, nprops * sizeof *f->props);
            g->entries = pack_dup(cs, f->entries, nentries * sizeof *f->entries);
            g->slots = pack_dup(cs, f->slots, ((size_t)f->mask + 1) * sizeof *f->slots);
            c->flat = g;
        }
    }
    return c;
}

/* Point the copy `c` of `o` at copies: its subschemas, $ref targets, flattened entries and own keywords. */
static void pack_relink(const packer *P, const sch_node *o, sch_node *c)
{
    c->ref = pack_moved(P, c->ref);
    for (uint32_t i = 0; c->kw != o->kw && i < c->nkw; i++) {
        sch_kw *k = &c->kw[i];
        switch (k->kind) {
        case K_REF: case K_DYNREF: k->u.ref.target = pack_moved(P, k->u.ref.target); break;
        case K_PROPERTIES: case K_DEPSCHEMAS:
            if (k->u.props.items == o->kw[i].u.props.items) break; /* not copied: left as it was */
            for (uint32_t j = 0; j < k->u.props.count; j++) {
                k->u.props.items[j].e.node = pack_moved(P, k->u.props.items[j].e.node);
                k->u.props.items[j].through = pack_moved(P, k->u.props.items[j].through);
            }
            break;
        case K_PATTERNPROPS:
            if (k->u.patterns.items == o->kw[i].u.patterns.items) break;
            for (uint32_t j = 0; j < k->u.patterns.count; j++) k->u.patterns.items[j].e.node = pack_moved(P, k->u.patterns.items[j].e.node);
            break;
        case K_ADDLPROPS:
            k->u.addl.e.node = pack_moved(P, k->u.addl.e.node);
            /* its node's properties and patternProperties: the same keywords of the copy */
            if (k->u.addl.props) k->u.addl.props = c->kw + (k->u.addl.props - o->kw);
            if (k->u.addl.patterns) k->u.addl.patterns = c->kw + (k->u.addl.patterns - o->kw);
            break;
        case K_PREFIXITEMS: case K_ALLOF: case K_ANYOF: case K_ONEOF:
            if (k->u.list.items == o->kw[i].u.list.items) break;
            for (uint32_t j = 0; j < k->u.list.count; j++) k->u.list.items[j].node = pack_moved(P, k->u.list.items[j].node);
            break;
        case K_ITEMS: case K_PROPNAMES: case K_NOT: case K_UNEVALITEMS: case K_UNEVALPROPS:
            k->u.one.e.node = pack_moved(P, k->u.one.e.node);
            break;
        case K_CONTAINS: k->u.contains.e.node = pack_moved(P, k->u.contains.e.node); break;
        case K_IF:
            k->u.cond.cond.node = pack_moved(P, k->u.cond.cond.node);
            k->u.cond.then.node = pack_moved(P, k->u.cond.then.node);
            k->u.cond.els.node = pack_moved(P, k->u.cond.els.node);
            break;
        default: break;
        }
    }
    if (c->flat && c->flat != o->flat && c->flat->entries != o->flat->entries) {
        sch_flat *g = (sch_flat *)c->flat;
        uint32_t nentries = 0;
        for (uint32_t i = 0; g->mask && i <= g->mask; i++) {
            if (!g->slots[i]) continue;
            const sch_flat_prop *p = &g->props[g->slots[i] - 1];
            if (p->first + p->count > nentries) nentries = p->first + p->count;
        }
        for (uint32_t i = 0; i < nentries; i++) g->entries[i].node = pack_moved(P, g->entries[i].node);
    }
}

static void pack(cstate *cs)
{
    oasv_schema *s = cs->s;
    if (!s->root || cs->oom) return;
    packer P;
    memset(&P, 0, sizeof P);
    P.cs = cs;
    pack_walk(&P, s->root);
    /* the nodes of $dynamicAnchors, which a dynamic scope reaches without an edge */
    for (size_t i = 0; i < cs->uris.cap && !cs->oom; i++) {
        const sch_resource *r = cs->uris.slots[i].key ? cs->uris.slots[i].value : NULL;
        for (const sch_dyn *d = r ? r->dyn : NULL; d; d = d->next) pack_walk(&P, d->node);
    }
    sch_node **copies = cs->oom ? NULL : oasv_calloc(P.norder + 1, sizeof *copies);
    if (!cs->oom && !copies) oom(cs);
    for (size_t i = 0; i < P.norder && !cs->oom; i++) {
        copies[i] = pack_copy(cs, P.order[i]);
        if (copies[i] && !map_put(&P.seen, P.order[i], SIZE_MAX, copies[i])) oom(cs);
    }
    if (!cs->oom) {
        for (size_t i = 0; i < P.norder; i++)
            if (copies[i]) pack_relink(&P, P.order[i], copies[i]);
        s->root = pack_moved(&P, s->root);
        for (size_t i = 0; i < cs->uris.cap; i++) {
            sch_resource *r = cs->uris.slots[i].key ? cs->uris.slots[i].value : NULL;
            if (!r) continue;
            r->node = pack_moved(&P, r->node);
            for (sch_dyn *d = r->dyn; d; d = d->next) d->node = pack_moved(&P, d->node);
        }
    }
    oasv_free(copies);
    oasv_free((void *)P.stack);
    oasv_free((void *)P.order);
    oasv_free((void *)P.kids);
    map_free(&P.seen);
}
#endif

/* MARK: - Entry */

/*
 * Compile the tree of `doc`: its root, or (`at` non-NULL) the subschema `at`
 * written at JSON pointer `pointer`, with the whole document as the root
 * resource so that "#/components/..." references resolve. `owned`: the
 * schema takes the document (sch_compile); else it only borrows it.
 */
static void compile_doc(oasv_schema *s, oasv_doc *doc, bool owned, const cJSON *at, const char *pointer,
                        const oasv_schema_options *opts);

void sch_compile(oasv_schema *s, oasv_doc *doc, const oasv_schema_options *opts)
{
    compile_doc(s, doc, true, NULL, "", opts);
}

void sch_compile_at(oasv_schema *s, const oasv_doc *doc, const cJSON *at, const char *pointer, const oasv_schema_options *opts)
{
    compile_doc(s, (oasv_doc *)doc, false, at, pointer, opts);
}

static void compile_doc(oasv_schema *s, oasv_doc *doc, bool owned, const cJSON *at, const char *pointer,
                        const oasv_schema_options *opts)
{
    cstate cs;
    memset(&cs, 0, sizeof cs);
    cs.s = s;
    cs.a = &s->arena;
    cs.cold = &s->cold;
    cs.load_opts.abi_version = OASV_OPTIONS_VERSION;
    cs.load_opts.limits = opts ? opts->limits : (oasv_limits){ 0 };
    cs.load_opts.alloc = s->alloc;
    cs.load_opts.flags = OASV_LOAD_NO_VALIDATE; /* schemas are not OpenAPI documents */
    size_t nres = opts ? opts->resource_count : 0;
    cs.pool = oasv_calloc(nres + oasv_metaschema_count + 1, sizeof *cs.pool);
    if (!cs.pool) {
        if (owned) oasv_doc_free(doc); /* the schema owns it from the call on */
        s->arena.oom = true;
        return;
    }
    for (size_t i = 0; i < nres; i++) {
        const oasv_schema_resource *r = &opts->resources[i];
        if (!r->uri || (!r->text && r->len)) continue;
        size_t ul = sch_uri_strip_fragment(r->uri, strlen(r->uri));
        pool_entry *e = &cs.pool[cs.npool++];
        e->uri = oasv_strndup(r->uri, ul);
        e->text = r->text ? r->text : "";
        e->len = r->len;
        if (!e->uri) cs.oom = true;
    }
    for (size_t i = 0; i < oasv_metaschema_count; i++) {
        oasv_buf u = { 0 };
        oasv_buf_printf(&u, META_PREFIX "%s", oasv_metaschemas[i].name);
        char *uri = oasv_buf_take(&u);
        if (!uri) { cs.oom = true; break; }
        if (pool_find(&cs, uri, strlen(uri))) { oasv_free(uri); continue; } /* the caller's copy wins */
        pool_entry *e = &cs.pool[cs.npool++];
        e->uri = uri;
        e->text = oasv_metaschemas[i].text;
        e->len = oasv_metaschemas[i].len;
    }
    if (!cs.oom && (!owned || keep_doc(s, doc))) {
        const char *base = "";
        oasv_buf b = { 0 };
        if (opts && opts->base_uri) {
            sch_uri_resolve("", opts->base_uri, strlen(opts->base_uri), &b);
            base = b.oom ? "" : adup(&cs, b.data, sch_uri_strip_fragment(b.data, b.len));
        }
        oasv_buf_free(&b);
        if (at) {
            sch_resource *r = new_resource(&cs, base, doc->tree.root, V_DEFAULT, &doc->tree);
            s->root = r ? compile_node(&cs, at, r->uri, adup(&cs, pointer, strlen(pointer)), r) : NULL;
        } else {
            s->root = compile_root(&cs, doc, base);
        }
        link_refs(&cs);
        flatten_all(&cs);
#ifndef OASV_SCHEMA_LEAN
        pack(&cs);
#endif
    } else {
        if (owned) oasv_doc_free(doc);
        cs.oom = true;
    }
    for (size_t i = 0; i < cs.npool; i++) oasv_free(cs.pool[i].uri);
    oasv_free(cs.pool);
    map_free(&cs.uris);
    map_free(&cs.anchors);
    map_free(&cs.nodes);
    oasv_map_free(&cs.members);
    oasv_map_free(&cs.indexed);
    if (cs.oom || s->cold.oom) s->arena.oom = true;
}

/*
 * Many subschemas of one borrowed document at once (the OpenAPI validator's
 * Schema Objects): one compile state, so each node is compiled once and
 * references between them ("#/components/schemas/Pet") are shared. Each node
 * is compiled with the document as the root resource unless an earlier node
 * already compiled it (a subschema of an earlier Schema Object keeps the base
 * URI of its enclosing $id). A reference that resolves nowhere is a compile
 * error and evaluates as `true` (the OpenAPI validator reports it itself).
 */
void sch_compile_nodes(oasv_schema *s, const oasv_doc *doc, const char *base_uri, const cJSON *const *nodes, size_t count,
                       const oasv_schema_resource *resources, size_t nres, const sch_node **out)
{
    cstate cs;
    memset(&cs, 0, sizeof cs);
    cs.s = s;
    cs.a = &s->arena;
    cs.cold = &s->cold;
    cs.load_opts.abi_version = OASV_OPTIONS_VERSION;
    cs.load_opts.limits = s->limits;
    cs.load_opts.alloc = s->alloc;
    cs.load_opts.flags = OASV_LOAD_NO_VALIDATE;
    for (size_t i = 0; i < count; i++) out[i] = NULL;
    cs.pool = oasv_calloc(nres + oasv_metaschema_count + 1, sizeof *cs.pool);
    if (!cs.pool) { s->arena.oom = true; return; }
    for (size_t i = 0; i < nres && !cs.oom; i++) {
        pool_entry *e = &cs.pool[cs.npool++];
        e->uri = oasv_strndup(resources[i].uri, strlen(resources[i].uri));
        e->text = resources[i].text;
        e->len = resources[i].len;
        if (!e->uri) cs.oom = true;
    }
    for (size_t i = 0; i < oasv_metaschema_count && !cs.oom; i++) {
        oasv_buf u = { 0 };
        oasv_buf_printf(&u, META_PREFIX "%s", oasv_metaschemas[i].name);
        char *uri = oasv_buf_take(&u);
        if (!uri) { cs.oom = true; break; }
        pool_entry *e = &cs.pool[cs.npool++];
        e->uri = uri;
        e->text = oasv_metaschemas[i].text;
        e->len = oasv_metaschemas[i].len;
    }
    sch_resource *r = cs.oom ? NULL : new_resource(&cs, adup(&cs, base_uri, strlen(base_uri)), doc->tree.root, V_DEFAULT, &doc->tree);
    for (size_t i = 0; r && i < count && !cs.oom; i++) {
        sch_node *n = map_get(&cs.nodes, nodes[i], SIZE_MAX);
        if (!n) {
            oasv_buf p = { 0 };
            oasv_tree_pointer(&doc->tree, nodes[i], &p);
            oasv_buf_append(&p, "", 0);
            if (p.oom) { oasv_buf_free(&p); oom(&cs); break; }
            n = compile_node(&cs, nodes[i], r->uri, adup(&cs, p.data, p.len), r);
            oasv_buf_free(&p);
        }
        out[i] = n;
    }
    link_refs(&cs);
    flatten_all(&cs);
    for (size_t i = 0; i < cs.npool; i++) oasv_free(cs.pool[i].uri);
    oasv_free(cs.pool);
    map_free(&cs.uris);
    map_free(&cs.anchors);
    map_free(&cs.nodes);
    oasv_map_free(&cs.members);
    oasv_map_free(&cs.indexed);
    if (cs.oom || s->cold.oom) s->arena.oom = true;
}
