/* resolve.c - following $refs: pointers, $id bases, anchors, other documents, chains. */
#include "resolve/resolve.h"

#include "resolve/uri.h"
#include "util/map.h"
#include "util/mem.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Objects with more members than this get a hash index on first lookup (components.schemas of a 10 MB spec). */
#define BIG_OBJECT 16

typedef struct ext_doc {
    char *uri;
    oasv_doc *doc;          /* NULL when the resolver had nothing */
    oasv_ref_status status; /* OK, EXTERNAL (no text), EXTERNAL_BAD (did not load) */
    char *reason;           /* EXTERNAL_BAD: why, for messages */
} ext_doc;

typedef struct id_entry {
    const cJSON *node;
    const oasv_doc *doc;
} id_entry;

struct oasv_resolve_state {
    oasv_map cache;   /* (node, "s"|"r"|"S"|"R") -> index + 1 into results */
    oasv_ref *results;
    size_t nresults, cap_results;
    oasv_map members; /* (object, key) -> member, for big objects */
    oasv_map indexed; /* object -> itself once its members are in `members` */
    oasv_map ids;     /* (NULL, absolute URI or URI#anchor) -> index + 1 into idents */
    id_entry *idents;
    size_t nidents, cap_idents;
    oasv_map ids_built; /* doc -> itself once its $ids are indexed */
    oasv_map pointers;  /* (doc, "#/json/pointer" as written) -> the node it names in doc, where no $id is in the way */
    ext_doc *ext;
    size_t next, cap_ext;
    size_t ext_bytes; /* texts the resolver gave, together (bounded by limits.max_input_bytes) */
    size_t ext_checked; /* ext[0..ext_checked) have had their $refs followed (oasv_resolve_check_external) */
    char **strings; /* owned strings that map keys and results point into */
    size_t nstrings, cap_strings;
    int8_t main_ids; /* the main document has a `$id` member: 1, none: 0, not looked yet: -1 (set on creation) */
};

typedef struct oasv_resolve_state state;

static state *get_state(oasv_doc *doc)
{
    if (!doc->resolve) {
        doc->resolve = oasv_calloc(1, sizeof *doc->resolve);
        if (!doc->resolve) doc->oom = true;
        else doc->resolve->main_ids = -1;
    }
    return doc->resolve;
}

/* Keep a string alive as long as the state; returns it, or NULL when out of memory. */
static char *keep(oasv_doc *doc, state *st, char *s)
{
    if (!s) { doc->oom = true; return NULL; }
    if (st->nstrings == st->cap_strings) {
        size_t cap = st->cap_strings ? st->cap_strings * 2 : 16;
        char **v = oasv_realloc(st->strings, cap * sizeof *v);
        if (!v) { oasv_free(s); doc->oom = true; return NULL; }
        st->strings = v;
        st->cap_strings = cap;
    }
    st->strings[st->nstrings++] = s;
    return s;
}

void oasv_resolve_free(oasv_doc *doc)
{
    state *st = doc->resolve;
    if (!st) return;
    for (size_t i = 0; i < st->next; i++) {
        oasv_doc_free(st->ext[i].doc);
        oasv_free(st->ext[i].uri);
        oasv_free(st->ext[i].reason);
    }
    for (size_t i = 0; i < st->nstrings; i++) oasv_free(st->strings[i]);
    oasv_free(st->strings);
    oasv_free(st->ext);
    oasv_free(st->results);
    oasv_free(st->idents);
    oasv_map_free(&st->cache);
    oasv_map_free(&st->members);
    oasv_map_free(&st->indexed);
    oasv_map_free(&st->ids);
    oasv_map_free(&st->ids_built);
    oasv_map_free(&st->pointers);
    oasv_free(st);
    doc->resolve = NULL;
}

const char *oasv_ref_status_text(oasv_ref_status status)
{
    switch (status) {
    case OASV_REF_OK: return "resolves";
    case OASV_REF_NONE: return "is not a reference";
    case OASV_REF_INVALID: return "is not a valid reference";
    case OASV_REF_NOT_FOUND: return "points at nothing";
    case OASV_REF_EXTERNAL: return "points into another document, which was not loaded";
    case OASV_REF_EXTERNAL_BAD: return "points into another document, which could not be read";
    case OASV_REF_CYCLE: return "is part of a cycle of references";
    case OASV_REF_TOO_LONG: return "starts a chain of references that is too long";
    }
    return "?";
}

static const cJSON *ref_member(const cJSON *node)
{
    if (!cJSON_IsObject(node)) return NULL;
    for (const cJSON *m = node->child; m; m = m->next)
        if (strcmp(m->string, "$ref") == 0) return m;
    return NULL;
}

static const char *doc_base(const oasv_doc *d) { return d->filename ? d->filename : ""; }

/* MARK: - Members of big objects */

static const cJSON *member(oasv_doc *doc, state *st, const cJSON *object, const char *key, size_t len)
{
    size_t n = 0;
    for (const cJSON *m = object->child; m && n <= BIG_OBJECT; m = m->next) n++;
    if (n > BIG_OBJECT) {
        if (!oasv_map_get(&st->indexed, object, NULL, 0)) {
            bool ok = true;
            for (const cJSON *m = object->child; m && ok; m = m->next)
                /* the first of duplicate keys wins, as in a linear scan */
                if (!oasv_map_has(&st->members, object, m->string, strlen(m->string), NULL))
                    ok = oasv_map_put(&st->members, object, m->string, strlen(m->string), (void *)m);
            if (ok) ok = oasv_map_put(&st->indexed, object, NULL, 0, (void *)object);
            if (!ok) doc->oom = true;
        }
        if (oasv_map_get(&st->indexed, object, NULL, 0)) return oasv_map_get(&st->members, object, key, len);
    }
    for (const cJSON *m = object->child; m; m = m->next)
        if (strlen(m->string) == len && memcmp(m->string, key, len) == 0) return m;
    return NULL;
}

/* An RFC 6901 pointer (already percent-decoded) from `start`. */
static const cJSON *walk_pointer(oasv_doc *doc, state *st, const cJSON *start, const char *p, size_t len)
{
    const cJSON *node = start;
    size_t i = 0;
    oasv_buf token = { 0 };
    while (node && i < len) {
        i++; /* the '/' */
        size_t from = i;
        while (i < len && p[i] != '/') i++;
        const char *tok = p + from; /* most tokens have no ~ escape: they are used where they are */
        size_t tok_len = i - from;
        if (memchr(tok, '~', tok_len)) {
            token.len = 0;
            oasv_buf_append(&token, "", 0);
            for (size_t k = from; k < i;) {
                if (p[k] == '~' && k + 1 < i && (p[k + 1] == '0' || p[k + 1] == '1')) {
                    oasv_buf_putc(&token, p[k + 1] == '0' ? '~' : '/');
                    k += 2;
                } else {
                    oasv_buf_putc(&token, p[k++]);
                }
            }
            if (token.oom) { doc->oom = true; node = NULL; break; }
            tok = token.data;
            tok_len = token.len;
        }
        if (cJSON_IsObject(node)) {
            node = member(doc, st, node, tok, tok_len);
        } else if (cJSON_IsArray(node)) {
            bool canonical = tok_len > 0 && tok_len < 10 && (tok[0] != '0' || tok_len == 1);
            int index = 0;
            for (size_t k = 0; k < tok_len && canonical; k++) {
                canonical = tok[k] >= '0' && tok[k] <= '9';
                index = index * 10 + (tok[k] - '0');
            }
            node = canonical ? cJSON_GetArrayItem(node, index) : NULL;
        } else {
            node = NULL;
        }
    }
    oasv_buf_free(&token);
    return node;
}

/* MARK: - $id and anchors */

static void add_ident(oasv_doc *doc, state *st, const oasv_doc *in, const cJSON *node, oasv_buf *key)
{
    char *k = keep(doc, st, oasv_buf_take(key));
    if (!k || oasv_map_has(&st->ids, NULL, k, strlen(k), NULL)) return; /* first one wins */
    if (st->nidents == st->cap_idents) {
        size_t cap = st->cap_idents ? st->cap_idents * 2 : 16;
        id_entry *v = oasv_realloc(st->idents, cap * sizeof *v);
        if (!v) { doc->oom = true; return; }
        st->idents = v;
        st->cap_idents = cap;
    }
    st->idents[st->nidents] = (id_entry){ node, in };
    if (!oasv_map_put(&st->ids, NULL, k, strlen(k), (void *)(uintptr_t)(st->nidents + 1))) { doc->oom = true; return; }
    st->nidents++;
}

/* Values that are data, not schemas: a `$id` in them names nothing. */
static bool is_data_key(const char *k)
{
    return strcmp(k, "enum") == 0 || strcmp(k, "const") == 0 || strcmp(k, "example") == 0 || strcmp(k, "examples") == 0 ||
           strcmp(k, "default") == 0 || strcmp(k, "value") == 0 || strncmp(k, "x-", 2) == 0;
}

static void index_ids(oasv_doc *doc, state *st, const oasv_doc *in, const cJSON *node, const char *base, uint32_t depth)
{
    if (depth > OASV_MAX_DEPTH_CEILING || doc->oom) return;
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) return;
    char *own = NULL;
    if (cJSON_IsObject(node)) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "$id");
        if (cJSON_IsString(id) && id->valuestring[0] != '#') {
            oasv_buf b = { 0 };
            size_t n = strcspn(id->valuestring, "#");
            oasv_uri_resolve(base, strlen(base), id->valuestring, n, &b);
            own = oasv_buf_take(&b);
            if (!own) { doc->oom = true; return; }
            base = own;
            oasv_buf key = { 0 };
            oasv_buf_puts(&key, base);
            add_ident(doc, st, in, node, &key);
        }
        static const char *const anchors[] = { "$anchor", "$dynamicAnchor" };
        for (size_t a = 0; a < 2; a++) {
            const cJSON *an = cJSON_GetObjectItemCaseSensitive(node, anchors[a]);
            if (!cJSON_IsString(an)) continue;
            oasv_buf key = { 0 };
            oasv_buf_printf(&key, "%s#%s", base, an->valuestring);
            add_ident(doc, st, in, node, &key);
        }
    }
    for (const cJSON *c = node->child; c; c = c->next) {
        if (cJSON_IsObject(node) && is_data_key(c->string)) continue;
        index_ids(doc, st, in, c, base, depth + 1);
    }
    oasv_free(own);
}

static void ensure_ids(oasv_doc *doc, state *st, const oasv_doc *in)
{
    if (oasv_map_get(&st->ids_built, in, NULL, 0)) return;
    if (!oasv_map_put(&st->ids_built, in, NULL, 0, (void *)in)) { doc->oom = true; return; }
    if (in->tree.root) index_ids(doc, st, in, in->tree.root, doc_base(in), 0);
}

static const id_entry *find_ident(state *st, const char *key)
{
    uintptr_t i = (uintptr_t)oasv_map_get(&st->ids, NULL, key, strlen(key));
    return i ? &st->idents[i - 1] : NULL;
}

/* True when some object of the tree has a `$id` member (one pass, iterative). */
static bool tree_has_id(const oasv_tree *tree)
{
    const cJSON *n = tree->root;
    while (n) {
        if (n->string && n->string[0] == '$' && strcmp(n->string, "$id") == 0) return true;
        if (n->child) { n = n->child; continue; }
        while (n && !n->next) n = oasv_tree_info(tree, n)->parent;
        if (n) n = n->next;
    }
    return false;
}

/* Base URI at `node` (a schema) from the enclosing $ids, and the schema resource it is in. */
static bool schema_base(oasv_doc *doc, state *st, const oasv_doc *in, const cJSON *node, oasv_buf *base, const cJSON **resource)
{
    const cJSON *chain[64];
    size_t n = 0;
    *resource = in->tree.root;
    /* Most documents have no `$id` at all: then no ancestor needs looking at (each lookup costs on a 10 MB spec). */
    if (in == doc && st->main_ids < 0) st->main_ids = tree_has_id(&doc->tree);
    bool ids = in != doc || st->main_ids;
    for (const cJSON *p = ids ? node : NULL; p; p = oasv_tree_info(&in->tree, p)->parent) {
        const cJSON *id = cJSON_IsObject(p) ? member(doc, st, p, "$id", 3) : NULL;
        if (cJSON_IsString(id) && id->valuestring[0] != '#') {
            if (n == 0) *resource = p;
            if (n < 64) chain[n++] = id;
        }
    }
    oasv_buf_puts(base, doc_base(in));
    while (n--) {
        oasv_buf next = { 0 };
        const char *id = chain[n]->valuestring;
        oasv_uri_resolve(base->data ? base->data : "", base->len, id, strcspn(id, "#"), &next);
        oasv_buf_free(base);
        *base = next;
    }
    oasv_buf_append(base, "", 0);
    return !base->oom;
}

/* MARK: - Other documents */

/* The document at `uri` cannot be used: say why (printf-style) and remember it. */
static const oasv_doc *unreadable(oasv_doc *doc, ext_doc *e, oasv_ref_status *status, const char **reason, const char *fmt, ...)
{
    oasv_buf b = { 0 };
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    e->reason = oasv_buf_take(&b);
    if (!e->reason) doc->oom = true;
    e->status = *status = OASV_REF_EXTERNAL_BAD;
    *reason = e->reason;
    return NULL;
}

static const oasv_doc *external(oasv_doc *doc, state *st, const char *uri, oasv_ref_status *status, const char **kept_uri,
                                const char **reason)
{
    for (size_t i = 0; i < st->next; i++) {
        if (strcmp(st->ext[i].uri, uri) != 0) continue;
        *status = st->ext[i].status;
        *kept_uri = st->ext[i].uri;
        *reason = st->ext[i].reason;
        return st->ext[i].doc;
    }
    if (st->next == st->cap_ext) {
        size_t cap = st->cap_ext ? st->cap_ext * 2 : 4;
        ext_doc *v = oasv_realloc(st->ext, cap * sizeof *v);
        if (!v) { doc->oom = true; *status = OASV_REF_EXTERNAL_BAD; return NULL; }
        st->ext = v;
        st->cap_ext = cap;
    }
    ext_doc *e = &st->ext[st->next];
    memset(e, 0, sizeof *e);
    e->uri = oasv_strndup(uri, strlen(uri));
    if (!e->uri) { doc->oom = true; *status = OASV_REF_EXTERNAL_BAD; return NULL; }
    st->next++;
    *kept_uri = e->uri;
    e->status = OASV_REF_EXTERNAL;
    if (!doc->resolver || !doc->resolver->resolve) { *status = e->status; return NULL; }
    if (st->next > OASV_MAX_EXTERNAL_DOCS)
        return unreadable(doc, e, status, reason, "it would be document %zu read through the resolver, more than the limit of %u", st->next,
                          OASV_MAX_EXTERNAL_DOCS);
    size_t len = 0;
    const char *error = NULL;
    const char *text = doc->resolver->resolve(doc->resolver->ctx, e->uri, &len, &error);
    if (!text && error) return unreadable(doc, e, status, reason, "%s", error);
    if (!text) { *status = e->status; return NULL; }
    /* Each text counts against max_input_bytes, and so do all of them together. */
    if (len > doc->limits.max_input_bytes - st->ext_bytes)
        return unreadable(doc, e, status, reason, "it is %zu bytes, and with the %zu bytes of the documents read before it that is more than "
                          "the limit of %u bytes (max_input_bytes)", len, st->ext_bytes, doc->limits.max_input_bytes);
    st->ext_bytes += len;
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.limits = doc->limits;
    opts.filename = e->uri;
    opts.alloc = doc->alloc;
    opts.flags = OASV_LOAD_NO_VALIDATE;
    oasv_doc *child = NULL;
    if (oasv_load(text, len, &opts, &child) != OASV_OK) { doc->oom = true; e->status = *status = OASV_REF_EXTERNAL_BAD; return NULL; }
    if (!child->tree.root) { /* a fragment file need not be an OpenAPI document, but it must be JSON or YAML */
        const oasv_diag *d = NULL;
        for (size_t i = 0; i < oasv_doc_diag_count(child) && !d; i++)
            if (oasv_doc_diag(child, i)->severity == OASV_SEVERITY_ERROR) d = oasv_doc_diag(child, i);
        if (!d) unreadable(doc, e, status, reason, "it is not JSON or YAML");
        else if (d->span.line) unreadable(doc, e, status, reason, "%s:%u:%u: %s", e->uri, d->span.line, d->span.column, d->message);
        else unreadable(doc, e, status, reason, "%s", d->message);
        oasv_doc_free(child);
        return NULL;
    }
    e->doc = child;
    e->status = *status = OASV_REF_OK;
    return child;
}

const oasv_doc *oasv_resolve_document(const oasv_doc *doc, const char *uri)
{
    const state *st = doc->resolve;
    for (size_t i = 0; st && uri && i < st->next; i++)
        if (st->ext[i].doc && (st->ext[i].uri == uri || strcmp(st->ext[i].uri, uri) == 0)) return st->ext[i].doc;
    return NULL;
}

const oasv_doc *oasv_resolve_document_at(const oasv_doc *doc, size_t i)
{
    const state *st = doc->resolve;
    for (size_t k = 0; st && k < st->next; k++)
        if (st->ext[k].doc && i-- == 0) return st->ext[k].doc;
    return NULL;
}

/* MARK: - One step */

static bool valid_anchor(const char *s, size_t len)
{
    if (!len || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_')) return false;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'))
            return false;
    }
    return true;
}

/* True when `ref`, written anywhere in `from`, names one node whatever the place: a JSON pointer fragment
 * only, and either not a schema reference or in the main document when it has no `$id` (a base to resolve against). */
static bool same_everywhere(oasv_doc *doc, state *st, const oasv_doc *from, const char *ref, unsigned flags)
{
    if (ref[0] != '#' || (ref[1] != '\0' && ref[1] != '/')) return false;
    if (!(flags & OASV_RESOLVE_SCHEMA)) return true;
    if (from != doc) return false;
    if (st->main_ids < 0) st->main_ids = tree_has_id(&doc->tree);
    return !st->main_ids;
}

/* Resolve the URI reference `ref` written at `at` in document `from`. */
static oasv_ref_status step(oasv_doc *doc, state *st, const oasv_doc *from, const cJSON *at, const char *ref, unsigned flags,
                            const cJSON **target, const oasv_doc **target_doc, const char **uri, const char **reason)
{
    *target = NULL;
    *target_doc = NULL;
    size_t ref_len = strlen(ref);
    /* A large spec writes "#/components/schemas/Pet" hundreds of times: the pointer is walked once. */
    bool memo = same_everywhere(doc, st, from, ref, flags);
    if (memo && (*target = oasv_map_get(&st->pointers, from, ref, ref_len)) != NULL) {
        *target_doc = from;
        return OASV_REF_OK;
    }
    const char *hash = memchr(ref, '#', ref_len);
    size_t uri_len = hash ? (size_t)(hash - ref) : ref_len;
    const char *frag = hash ? hash + 1 : "";
    size_t frag_len = hash ? ref_len - uri_len - 1 : 0;

    oasv_buf base = { 0 };
    const cJSON *resource = from->tree.root;
    const oasv_doc *rdoc = from;
    oasv_ref_status status = OASV_REF_OK;
    if (flags & OASV_RESOLVE_SCHEMA) {
        if (!schema_base(doc, st, from, at, &base, &resource)) { doc->oom = true; oasv_buf_free(&base); return OASV_REF_NOT_FOUND; }
    } else {
        oasv_buf_puts(&base, doc_base(from));
        oasv_buf_append(&base, "", 0);
        if (base.oom) { doc->oom = true; oasv_buf_free(&base); return OASV_REF_NOT_FOUND; }
    }
    if (uri_len > 0) {
        oasv_buf abs = { 0 };
        oasv_uri_resolve(base.data, base.len, ref, uri_len, &abs);
        if (abs.oom) { doc->oom = true; oasv_buf_free(&abs); oasv_buf_free(&base); return OASV_REF_NOT_FOUND; }
        if (strcmp(abs.data, base.data) != 0) {
            resource = NULL;
            if (strcmp(abs.data, doc_base(doc)) == 0) { resource = doc->tree.root; rdoc = doc; }
            if (!resource) {
                ensure_ids(doc, st, from);
                if (from != doc) ensure_ids(doc, st, doc);
                const id_entry *e = find_ident(st, abs.data);
                if (e) { resource = e->node; rdoc = e->doc; }
            }
            if (!resource) {
                const char *kept = NULL;
                rdoc = external(doc, st, abs.data, &status, &kept, reason);
                *uri = kept;
                if (rdoc) resource = rdoc->tree.root;
            }
        }
        oasv_buf_free(&base);
        base = abs;
    }
    if (!resource) { oasv_buf_free(&base); return status == OASV_REF_OK ? OASV_REF_NOT_FOUND : status; }

    oasv_buf decoded = { 0 };
    if (!oasv_uri_decode(frag, frag_len, &decoded)) {
        oasv_buf_free(&decoded);
        oasv_buf_free(&base);
        return OASV_REF_INVALID;
    }
    if (decoded.oom) doc->oom = true;
    const char *d = decoded.data ? decoded.data : "";
    if (decoded.len == 0) {
        *target = resource;
    } else if (d[0] == '/') {
        *target = walk_pointer(doc, st, resource, d, decoded.len);
    } else if (!valid_anchor(d, decoded.len)) {
        status = OASV_REF_INVALID;
    } else {
        ensure_ids(doc, st, rdoc);
        oasv_buf key = { 0 };
        oasv_buf_printf(&key, "%s#%s", base.data ? base.data : "", d);
        const id_entry *e = key.oom ? NULL : find_ident(st, key.data);
        if (e) { *target = e->node; rdoc = e->doc; }
        oasv_buf_free(&key);
    }
    oasv_buf_free(&decoded);
    oasv_buf_free(&base);
    if (status != OASV_REF_OK) return status;
    if (!*target) {
        if (rdoc != from && rdoc->filename) *uri = rdoc->filename; /* "no such place in `common.yaml`" */
        return OASV_REF_NOT_FOUND;
    }
    *target_doc = rdoc;
    if (memo && !oasv_map_put(&st->pointers, from, ref, ref_len, (void *)*target)) doc->oom = true;
    return OASV_REF_OK;
}

/* MARK: - Chains */

static const char *const cache_tags[4] = { "r", "s", "R", "S" }; /* by flags & 3 */

static const oasv_ref *cached(state *st, const cJSON *node, unsigned flags)
{
    uintptr_t i = (uintptr_t)oasv_map_get(&st->cache, node, cache_tags[flags & 3], 1);
    return i ? &st->results[i - 1] : NULL;
}

static void remember(oasv_doc *doc, state *st, const cJSON *node, unsigned flags, const oasv_ref *r)
{
    if (st->nresults == st->cap_results) {
        size_t cap = st->cap_results ? st->cap_results * 2 : 64;
        oasv_ref *v = oasv_realloc(st->results, cap * sizeof *v);
        if (!v) { doc->oom = true; return; }
        st->results = v;
        st->cap_results = cap;
    }
    st->results[st->nresults] = *r;
    if (!oasv_map_put(&st->cache, node, cache_tags[flags & 3], 1, (void *)(uintptr_t)(st->nresults + 1))) { doc->oom = true; return; }
    st->nresults++;
}

/* One node met on the way: the chain continues at its `$ref`. */
typedef struct hop {
    const cJSON *node, *ref;
    const oasv_doc *doc;
} hop;

/*
 * Follow from `node` (whose $ref is read from it, or is the string `ref_text`
 * when node is only a context).
 *
 * Every reference node met on the way gets its own answer cached, so a chain
 * is walked once however many of its nodes are asked about: a 100,000-long
 * chain costs 100,000 steps, not 100,000 times max_ref_hops. The walk is
 * bounded by the references that exist (each is met at most once: a repeat is
 * a cycle); max_ref_hops then decides which answers are too long.
 */
static oasv_ref_status follow(oasv_doc *doc, state *st, const oasv_doc *from, const cJSON *node, const char *ref_text,
                              unsigned flags, oasv_ref *out)
{
    hop local[32];
    hop *path = local; /* the nodes after `node`, each with a $ref of its own */
    size_t npath = 0, cap_path = 32;
    uint32_t limit = doc->limits.max_ref_hops ? doc->limits.max_ref_hops : OASV_DEFAULT_MAX_REF_HOPS;
    const cJSON *cur = node;
    const oasv_doc *curdoc = from;
    const char *text = ref_text;
    const cJSON *cur_ref = ref_text ? NULL : ref_member(node);
    oasv_ref end;                    /* the answer for the last node of the path */
    memset(&end, 0, sizeof end);
    const char *visiting = (flags & 3) == 0 ? "vr" : (flags & 3) == 1 ? "vs" : (flags & 3) == 2 ? "vR" : "vS";
    /* `node` is marked as visited only once the chain goes on past its target: most references end
     * there, and a mark costs a map entry (a 20 MB spec has hundreds of thousands of references). */
    bool node_marked = false;
    for (;;) {
        if (!text) {
            if (!cJSON_IsString(cur_ref)) { end.status = OASV_REF_INVALID; break; }
            text = cur_ref->valuestring;
        }
        const cJSON *t = NULL;
        const oasv_doc *tdoc = NULL;
        const char *uri = NULL, *reason = NULL;
        oasv_ref_status s = step(doc, st, curdoc, cur, text, flags, &t, &tdoc, &uri, &reason);
        if (s != OASV_REF_OK) { end.status = s; end.uri = uri; end.reason = reason; break; }
        const cJSON *next_ref = ref_member(t);
        if ((flags & OASV_RESOLVE_ONE) || !next_ref) {
            end.status = OASV_REF_OK;
            end.target = t;
            end.target_doc = tdoc;
            end.hops = 1;
            cur_ref = NULL;
            break;
        }
        const oasv_ref *c = cached(st, t, flags);
        if (c) { /* the rest of the chain is known */
            end = *c;
            end.hops += 1;
            cur_ref = NULL;
            break;
        }
        if (!node_marked && !ref_text) {
            if (!oasv_map_put(&st->cache, node, visiting, 2, (void *)1)) doc->oom = true;
            node_marked = true;
        }
        if (oasv_map_get(&st->cache, t, visiting, 2)) {
            end.status = OASV_REF_CYCLE;
            cur = t;
            curdoc = tdoc;
            cur_ref = next_ref;
            break;
        }
        if (npath == cap_path) {
            size_t cap = cap_path * 2;
            hop *v = oasv_malloc(cap * sizeof *v);
            if (!v) { doc->oom = true; end.status = OASV_REF_TOO_LONG; break; }
            memcpy(v, path, npath * sizeof *v);
            if (path != local) oasv_free(path);
            path = v;
            cap_path = cap;
        }
        if (!oasv_map_put(&st->cache, t, visiting, 2, (void *)1)) { doc->oom = true; end.status = OASV_REF_TOO_LONG; break; }
        path[npath++] = (hop){ t, next_ref, tdoc };
        cur = t;
        curdoc = tdoc;
        cur_ref = next_ref;
        text = NULL;
    }
    if (end.status != OASV_REF_OK && !end.failed) {
        end.failed = cur_ref;
        end.failed_doc = curdoc;
        end.target = NULL;
        end.target_doc = NULL;
    }
    /* Answers from the end of the path back to its start: each is one hop longer. */
    oasv_ref r = end;
    for (size_t i = npath; i-- > 0;) {
        if (r.status == OASV_REF_OK && r.hops > limit) {
            r.status = OASV_REF_TOO_LONG;
            r.failed = path[i].ref;
            r.failed_doc = path[i].doc;
            r.target = NULL;
            r.target_doc = NULL;
        }
        remember(doc, st, path[i].node, flags, &r);
        oasv_map_put(&st->cache, path[i].node, visiting, 2, NULL);
        r.hops += 1;
    }
    if (node_marked) oasv_map_put(&st->cache, node, visiting, 2, NULL);
    if (r.status == OASV_REF_OK && r.hops > limit) {
        r.status = OASV_REF_TOO_LONG;
        r.failed = ref_text ? NULL : ref_member(node);
        r.failed_doc = from;
        r.target = NULL;
        r.target_doc = NULL;
    }
    *out = r;
    if (path != local) oasv_free(path);
    return out->status;
}

/*
 * The common reference, answered without the cache (which then stays small: a 20 MB spec has 60,000
 * references): a "#/..." pointer walked before (see step()) to a node that is no reference itself.
 */
static bool direct(oasv_doc *doc, state *st, const oasv_doc *from, const cJSON *ref, unsigned flags, oasv_ref *out)
{
    if (!cJSON_IsString(ref) || !same_everywhere(doc, st, from, ref->valuestring, flags)) return false;
    const cJSON *t = oasv_map_get(&st->pointers, from, ref->valuestring, strlen(ref->valuestring));
    if (!t || (!(flags & OASV_RESOLVE_ONE) && ref_member(t))) return false;
    out->status = OASV_REF_OK; /* what follow() answers for one hop */
    out->target = t;
    out->target_doc = from;
    out->hops = 1;
    return true;
}

oasv_ref_status oasv_resolve_ref(oasv_doc *doc, const oasv_doc *from, const cJSON *node, unsigned flags, oasv_ref *out)
{
    memset(out, 0, sizeof *out);
    if (!from) from = doc;
    const cJSON *r = ref_member(node);
    if (!r) {
        out->status = OASV_REF_NONE;
        out->target = node;
        out->target_doc = from;
        return OASV_REF_NONE;
    }
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    state *st = get_state(doc);
    if (!st) {
        out->status = OASV_REF_NOT_FOUND;
    } else if (!direct(doc, st, from, r, flags, out)) {
        const oasv_ref *c = cached(st, node, flags);
        if (c) {
            *out = *c;
        } else {
            follow(doc, st, from, node, NULL, flags, out);
            remember(doc, st, node, flags, out);
        }
    }
    oasv_mem_leave(previous);
    return out->status;
}

oasv_ref_status oasv_resolve_uri(oasv_doc *doc, const oasv_doc *from, const cJSON *context, const char *ref, unsigned flags,
                                 oasv_ref *out)
{
    memset(out, 0, sizeof *out);
    if (!from) from = doc;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    state *st = get_state(doc);
    if (!st) out->status = OASV_REF_NOT_FOUND;
    else follow(doc, st, from, context, ref, flags, out);
    oasv_mem_leave(previous);
    return out->status;
}

const cJSON *oasv_resolve(oasv_doc *doc, const cJSON *node)
{
    oasv_ref r;
    oasv_ref_status s = oasv_resolve_ref(doc, NULL, node, 0, &r);
    return s == OASV_REF_OK || s == OASV_REF_NONE ? r.target : NULL;
}

const cJSON *oasv_resolve_schema(oasv_doc *doc, const cJSON *node)
{
    if (cJSON_IsBool(node)) return node;
    oasv_ref r;
    oasv_ref_status s = oasv_resolve_ref(doc, NULL, node, OASV_RESOLVE_SCHEMA, &r);
    return s == OASV_REF_OK || s == OASV_REF_NONE ? r.target : NULL;
}

/* MARK: - Messages and the references inside other documents */

void oasv_ref_place(const oasv_doc *in, const cJSON *node, oasv_buf *out)
{
    uint32_t line = 0, column = 0;
    /* Other documents are owned by the resolution state; locating only fills their line index. */
    oasv_lines_locate((oasv_lines *)&in->lines, oasv_tree_info(&in->tree, node)->start, &line, &column);
    oasv_buf_printf(out, "`%s` (line %u, column %u)", in->filename ? in->filename : "another document", line, column);
}

bool oasv_ref_failed_elsewhere(const oasv_ref *r, const oasv_doc *in, oasv_buf *out)
{
    if (!r->failed_doc || r->failed_doc == in || !r->failed) return false;
    oasv_ref_place(r->failed_doc, r->failed, out);
    return true;
}

/* MARK: - The references inside other documents */

static void check_refs_in(oasv_doc *doc, const oasv_doc *in, const cJSON *node, uint32_t depth, oasv_ref_visit broken, void *ctx)
{
    if (depth > OASV_MAX_DEPTH_CEILING || doc->oom) return;
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) return;
    const cJSON *own = ref_member(node);
    if (own) {
        oasv_ref r;
        oasv_ref_status s = oasv_resolve_ref(doc, in, node, OASV_RESOLVE_SCHEMA, &r);
        /* Once, where it breaks: a break further on is in a document that is walked too (or in the main
         * one, which the validator walks). */
        if (s != OASV_REF_OK && (r.failed == own || !r.failed)) broken(ctx, in, node, &r);
    }
    for (const cJSON *c = node->child; c; c = c->next) {
        if (cJSON_IsObject(node) && is_data_key(c->string)) continue;
        check_refs_in(doc, in, c, depth + 1, broken, ctx);
    }
}

void oasv_resolve_check_external(oasv_doc *doc, oasv_ref_visit broken, void *ctx)
{
    state *st = doc->resolve;
    /* Following references may load further documents: they are checked in turn (at most OASV_MAX_EXTERNAL_DOCS). */
    while (st && st->ext_checked < st->next && !doc->oom) {
        const oasv_doc *in = st->ext[st->ext_checked++].doc;
        if (in && in->tree.root) check_refs_in(doc, in, in->tree.root, 0, broken, ctx);
    }
}
