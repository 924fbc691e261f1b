/*
 * nav.c - the index of items (operations, webhooks, schemas) and the
 * navigation model. Neither builds an entry: the navigation reads only what
 * a sidebar, an overview and search need.
 */
#include "model/model.h"

#include "util/mem.h"

#include <string.h>

const char *const model_methods[] = { "get", "put", "post", "delete", "options", "head", "patch", "trace", "query" };
const size_t model_method_count = sizeof model_methods / sizeof *model_methods;

/* MARK: - Index */

static model_item *add_item(oasv_model *m, model_kind kind, const char *method, const char *key, const cJSON *path_item,
                            const cJSON *node)
{
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        model_item *items = oasv_realloc(m->items, cap * sizeof *items);
        if (!items) return NULL;
        m->items = items;
        m->cap = cap;
    }
    model_item *it = &m->items[m->count++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->method = method;
    it->key = key;
    it->path_item = path_item;
    it->node = node;
    return it;
}

/* The operations of one Path Item (fixed methods, then 3.2 additionalOperations). */
static bool add_operations(oasv_doc *doc, oasv_model *m, model_kind kind, const cJSON *member)
{
    const cJSON *pi = model_deref(doc, member);
    if (!cJSON_IsObject(pi)) return true;
    for (size_t i = 0; i < model_method_count; i++) {
        const cJSON *op = model_get(pi, model_methods[i]);
        if (cJSON_IsObject(op) && !add_item(m, kind, model_methods[i], member->string, pi, op)) return false;
    }
    const cJSON *more = model_get(pi, "additionalOperations");
    for (const cJSON *op = cJSON_IsObject(more) ? more->child : NULL; op; op = op->next)
        if (cJSON_IsObject(op) && !add_item(m, kind, op->string, member->string, pi, op)) return false;
    return true;
}

static bool make_id(oasv_model *m, model_item *it, const char *prefix, const char *a, const char *sep, const char *b)
{
    oasv_buf id = { 0 };
    oasv_buf_puts(&id, prefix);
    model_id_append(&id, a, strlen(a));
    if (sep) {
        oasv_buf_puts(&id, sep);
        model_id_append(&id, b, strlen(b));
    }
    size_t base = id.len;
    for (unsigned n = 2; !id.oom && oasv_map_get(&m->by_id, NULL, id.data, id.len); n++) {
        id.len = base;
        oasv_buf_printf(&id, "~%u", n); /* the same id twice (e.g. an operationId that spells another's method-path) */
    }
    it->id = oasv_buf_take(&id);
    return it->id && oasv_map_put(&m->by_id, NULL, it->id, strlen(it->id), it);
}

static bool build_index(oasv_doc *doc, oasv_model *m)
{
    const cJSON *root = doc->tree.root;
    m->v30 = doc->version && strncmp(doc->version, "3.0", 3) == 0;
    if (!cJSON_IsObject(root)) return true;
    const cJSON *webhooks = model_get(root, "webhooks");
    if (!webhooks) webhooks = model_get(root, "x-webhooks"); /* 3.0 documents (Redoc's extension) */
    /* Paths and webhooks in the order the document gives them. */
    for (const cJSON *top = root->child; top; top = top->next) {
        if (strcmp(top->string, "paths") == 0 && cJSON_IsObject(top)) {
            for (const cJSON *p = top->child; p; p = p->next)
                if (strncmp(p->string, "x-", 2) != 0 && !add_operations(doc, m, MODEL_OPERATION, p)) return false;
        } else if (top == webhooks && cJSON_IsObject(top)) {
            for (const cJSON *h = top->child; h; h = h->next)
                if (!add_operations(doc, m, MODEL_WEBHOOK, h)) return false;
        }
    }
    const cJSON *schemas = model_get(model_get(root, "components"), "schemas");
    for (const cJSON *s = cJSON_IsObject(schemas) ? schemas->child : NULL; s; s = s->next)
        if (!add_item(m, MODEL_SCHEMA, NULL, s->string, NULL, s)) return false;

    /* Ids: an operationId used by one path operation only, else method-path. */
    oasv_map op_ids = { 0 };
    bool ok = true;
    for (size_t i = 0; i < m->count && ok; i++) {
        const char *oid = m->items[i].kind == MODEL_OPERATION ? model_str(m->items[i].node, "operationId") : NULL;
        if (!oid || !*oid) continue;
        void *n = oasv_map_get(&op_ids, NULL, oid, strlen(oid));
        ok = oasv_map_put(&op_ids, NULL, oid, strlen(oid), (void *)((uintptr_t)n + 1));
    }
    for (size_t i = 0; i < m->count && ok; i++) {
        model_item *it = &m->items[i];
        if (it->kind == MODEL_OPERATION) {
            const char *oid = model_str(it->node, "operationId");
            if (oid && *oid && (uintptr_t)oasv_map_get(&op_ids, NULL, oid, strlen(oid)) == 1)
                ok = make_id(m, it, "operations/", oid, NULL, NULL);
            else
                ok = make_id(m, it, "operations/", it->method, "-", it->key);
        } else if (it->kind == MODEL_WEBHOOK) {
            ok = make_id(m, it, "webhooks/", it->key, "/", it->method);
        } else {
            ok = make_id(m, it, "schemas/", it->key, NULL, NULL);
        }
    }
    oasv_map_free(&op_ids);
    return ok;
}

oasv_model *oasv_model_get(oasv_doc *doc)
{
    if (!doc->model) {
        doc->model = oasv_calloc(1, sizeof *doc->model);
        if (!doc->model) return NULL;
        doc->model->html.limit = MODEL_HTML_CACHE_BYTES;
        doc->model->examples.limit = MODEL_EXAMPLE_CACHE_BYTES;
    }
    oasv_model *m = doc->model;
    if (!m->indexed) {
        if (!build_index(doc, m)) {
            for (size_t i = 0; i < m->count; i++) oasv_free(m->items[i].id);
            m->count = 0;
            oasv_map_free(&m->by_id);
            return NULL;
        }
        m->indexed = true;
    }
    return m;
}

void oasv_model_free(oasv_doc *doc)
{
    oasv_model *m = doc->model;
    if (!m) return;
    for (size_t i = 0; i < m->count; i++) oasv_free(m->items[i].id);
    oasv_free(m->items);
    oasv_map_free(&m->by_id);
    oasv_free(m->nav);
    oasv_free(m->nav_lean);
    oasv_free(m->search);
    oasv_free(m->entry);
    model_cache_free(&m->html);
    model_cache_free(&m->examples);
    oasv_free(m);
    doc->model = NULL;
}

/* MARK: - Shared pieces */

void model_kurl(jw *w, const char *key, const char *url)
{
    if (!url || !oasv_url_safe(url, strlen(url), false)) return;
    jw_kstr(w, key, url);
}

void model_write_servers(jw *w, const cJSON *servers, bool fallback)
{
    jw_arr(w);
    size_t n = 0;
    for (const cJSON *s = cJSON_IsArray(servers) ? servers->child : NULL; s; s = s->next) {
        const char *url = model_str(s, "url");
        if (!url) continue;
        n++;
        jw_obj(w);
        jw_kstr(w, "url", url);
        model_khtml(w, "descriptionHtml", model_str(s, "description"));
        const cJSON *vars = model_get(s, "variables");
        if (cJSON_IsObject(vars) && vars->child) {
            jw_key(w, "variables");
            jw_obj(w);
            for (const cJSON *v = vars->child; v; v = v->next) {
                if (!cJSON_IsObject(v)) continue;
                jw_key(w, v->string);
                jw_obj(w);
                const char *def = model_str(v, "default");
                jw_kstr(w, "default", def ? def : "");
                const cJSON *e = model_get(v, "enum");
                if (cJSON_IsArray(e)) {
                    jw_key(w, "enum");
                    jw_arr(w);
                    for (const cJSON *x = e->child; x; x = x->next)
                        if (cJSON_IsString(x)) jw_str(w, x->valuestring);
                    jw_arr_end(w);
                }
                model_khtml(w, "descriptionHtml", model_str(v, "description"));
                jw_obj_end(w);
            }
            jw_obj_end(w);
        }
        jw_obj_end(w);
    }
    if (!n && fallback) {
        jw_obj(w);
        jw_kstr(w, "url", "/");
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void model_write_external_docs(jw *w, const cJSON *docs)
{
    const char *url = model_str(docs, "url");
    if (!url || !oasv_url_safe(url, strlen(url), false)) return;
    jw_key(w, "externalDocs");
    jw_obj(w);
    jw_kstr(w, "url", url);
    model_khtml(w, "descriptionHtml", model_str(docs, "description"));
    jw_obj_end(w);
}

/* MARK: - Navigation */

typedef struct group {
    const char *tag;       /* NULL: untagged */
    const cJSON *decl;     /* the Tag Object, when declared */
    size_t *items;
    size_t count, cap;
} group;

typedef struct groups {
    group *g;
    size_t count, cap;
    oasv_map by_name;
    bool oom;
} groups;

static group *group_for(groups *gs, const char *tag, const cJSON *decl)
{
    size_t len = tag ? strlen(tag) : 0;
    group *found = tag ? oasv_map_get(&gs->by_name, NULL, tag, len) : NULL;
    if (found) return found;
    if (gs->count == gs->cap) {
        size_t cap = gs->cap ? gs->cap * 2 : 16;
        group *g = oasv_realloc(gs->g, cap * sizeof *g);
        if (!g) { gs->oom = true; return NULL; }
        gs->g = g;
        gs->cap = cap;
        /* pointers into the old array are stale: rebuild the map */
        oasv_map_free(&gs->by_name);
        for (size_t i = 0; i < gs->count; i++)
            if (gs->g[i].tag && !oasv_map_put(&gs->by_name, NULL, gs->g[i].tag, strlen(gs->g[i].tag), &gs->g[i])) gs->oom = true;
    }
    group *g = &gs->g[gs->count++];
    memset(g, 0, sizeof *g);
    g->tag = tag;
    g->decl = decl;
    if (tag && !oasv_map_put(&gs->by_name, NULL, tag, len, g)) gs->oom = true;
    return g;
}

static void group_add(groups *gs, group *g, size_t item)
{
    if (!g) return;
    if (g->count && g->items[g->count - 1] == item) return; /* a tag listed twice on one operation */
    if (g->count == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 8;
        size_t *items = oasv_realloc(g->items, cap * sizeof *items);
        if (!items) { gs->oom = true; return; }
        g->items = items;
        g->cap = cap;
    }
    g->items[g->count++] = item;
}

static void write_tags(jw *w, const cJSON *op)
{
    jw_key(w, "tags");
    jw_arr(w);
    const cJSON *tags = model_get(op, "tags");
    for (const cJSON *t = cJSON_IsArray(tags) ? tags->child : NULL; t; t = t->next)
        if (cJSON_IsString(t)) jw_str(w, t->valuestring);
    jw_arr_end(w);
}

static void write_pointer(oasv_doc *doc, jw *w, const cJSON *node)
{
    oasv_buf p = { 0 };
    oasv_tree_pointer(&doc->tree, node, &p);
    jw_key(w, "pointer");
    jw_strn(w, p.data ? p.data : "", p.len);
    if (p.oom) w->b.oom = true;
    oasv_buf_free(&p);
}

static void write_nav_item(oasv_doc *doc, jw *w, const model_item *it, bool pointers)
{
    jw_obj(w);
    jw_kstr(w, "id", it->id);
    jw_kstr(w, "kind", it->kind == MODEL_OPERATION ? "operation" : "webhook");
    jw_kstr(w, "method", it->method);
    jw_kstr(w, it->kind == MODEL_OPERATION ? "path" : "name", it->key);
    jw_kstr(w, "summary", model_str(it->node, "summary"));
    jw_kstr(w, "operationId", model_str(it->node, "operationId"));
    jw_kbool(w, "deprecated", model_true(it->node, "deprecated"));
    write_tags(w, it->node);
    if (pointers) write_pointer(doc, w, it->node);
    jw_obj_end(w);
}

/* Append lower-cased (ASCII) text and a space to a search haystack. */
static void hay(oasv_buf *b, const char *s)
{
    if (!s || !*s) return;
    if (b->len) oasv_buf_putc(b, ' ');
    size_t start = b->len;
    oasv_buf_puts(b, s);
    if (b->oom) return;
    for (size_t i = start; i < b->len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z') b->data[i] = (char)(b->data[i] | 0x20);
}

static void write_search(jw *w, const char *id, const char *kind, const char *label, oasv_buf *text)
{
    jw_obj(w);
    jw_kstr(w, "id", id);
    jw_kstr(w, "kind", kind);
    jw_kstr(w, "label", label);
    jw_key(w, "text");
    jw_strn(w, text->data ? text->data : "", text->len);
    if (text->oom) w->b.oom = true;
    jw_obj_end(w);
    text->len = 0;
    if (text->data) text->data[0] = '\0';
}

static size_t count_callbacks(oasv_doc *doc, const cJSON *op)
{
    const cJSON *cbs = model_get(op, "callbacks");
    size_t n = 0;
    for (const cJSON *c = cJSON_IsObject(cbs) ? cbs->child : NULL; c; c = c->next)
        if (strncmp(c->string, "x-", 2) != 0 && model_deref(doc, c)) n++;
    return n;
}

static void write_info(jw *w, const cJSON *info)
{
    jw_key(w, "info");
    jw_obj(w);
    const char *title = model_str(info, "title"), *version = model_str(info, "version");
    jw_kstr(w, "title", title ? title : "");
    jw_kstr(w, "version", version ? version : "");
    jw_kstr(w, "summary", model_str(info, "summary"));
    model_khtml(w, "descriptionHtml", model_str(info, "description"));
    model_kurl(w, "termsOfService", model_str(info, "termsOfService"));
    const cJSON *contact = model_get(info, "contact");
    if (cJSON_IsObject(contact)) {
        jw_key(w, "contact");
        jw_obj(w);
        jw_kstr(w, "name", model_str(contact, "name"));
        model_kurl(w, "url", model_str(contact, "url"));
        jw_kstr(w, "email", model_str(contact, "email"));
        jw_obj_end(w);
    }
    const cJSON *license = model_get(info, "license");
    if (cJSON_IsObject(license)) {
        const char *name = model_str(license, "name");
        jw_key(w, "license");
        jw_obj(w);
        jw_kstr(w, "name", name ? name : "");
        jw_kstr(w, "identifier", model_str(license, "identifier"));
        model_kurl(w, "url", model_str(license, "url"));
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* The sidebar's groups: declared tags, tags only used, then untagged ("Other"). `counts` (when not NULL) receives
 * the numbers of operations, webhooks, schemas and callbacks. */
typedef struct nav_counts { size_t ops, hooks, schemas, callbacks; } nav_counts;

static void collect_groups(oasv_doc *doc, oasv_model *m, groups *gs, nav_counts *counts)
{
    const cJSON *root = cJSON_IsObject(doc->tree.root) ? doc->tree.root : NULL;
    const cJSON *tags = model_get(root, "tags");
    for (const cJSON *t = cJSON_IsArray(tags) ? tags->child : NULL; t; t = t->next) {
        const char *name = model_str(t, "name");
        if (name && !oasv_map_get(&gs->by_name, NULL, name, strlen(name))) group_for(gs, name, t);
    }
    size_t untagged_count = 0;
    for (size_t i = 0; i < m->count; i++) {
        const model_item *it = &m->items[i];
        if (it->kind == MODEL_SCHEMA) { if (counts) counts->schemas++; continue; }
        if (counts) {
            if (it->kind == MODEL_OPERATION) counts->ops++;
            else counts->hooks++;
            counts->callbacks += count_callbacks(doc, it->node);
        }
        const cJSON *ts = model_get(it->node, "tags");
        bool tagged = false;
        for (const cJSON *t = cJSON_IsArray(ts) ? ts->child : NULL; t; t = t->next) {
            if (!cJSON_IsString(t)) continue;
            tagged = true;
            group_add(gs, group_for(gs, t->valuestring, NULL), i);
        }
        if (!tagged) untagged_count++;
    }
    if (untagged_count) {
        group *g = group_for(gs, NULL, NULL);
        for (size_t i = 0; i < m->count; i++) {
            const model_item *it = &m->items[i];
            if (it->kind == MODEL_SCHEMA) continue;
            const cJSON *ts = model_get(it->node, "tags");
            bool tagged = false;
            for (const cJSON *t = cJSON_IsArray(ts) ? ts->child : NULL; t && !tagged; t = t->next) tagged = cJSON_IsString(t);
            if (!tagged) group_add(gs, g, i);
        }
    }
}

static void free_groups(groups *gs)
{
    for (size_t gi = 0; gi < gs->count; gi++) oasv_free(gs->g[gi].items);
    oasv_free(gs->g);
    oasv_map_free(&gs->by_name);
}

/* The search entries (a JSON array): items, then tags. */
static void write_search_entries(oasv_doc *doc, oasv_model *m, const groups *gs, jw *w)
{
    oasv_buf text = { 0 };
    jw_arr(w);
    oasv_buf label = { 0 };
    for (size_t i = 0; i < m->count; i++) {
        const model_item *it = &m->items[i];
        if (it->kind == MODEL_SCHEMA) {
            const cJSON *s = model_deref_schema(doc, it->node);
            hay(&text, it->key);
            hay(&text, model_str(s, "title"));
            const cJSON *props = model_get(s, "properties");
            for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p; p = p->next) hay(&text, p->string);
            write_search(w, it->id, "schema", it->key, &text);
            continue;
        }
        const char *summary = model_str(it->node, "summary");
        hay(&text, summary);
        hay(&text, it->key);
        hay(&text, it->method);
        hay(&text, model_str(it->node, "operationId"));
        const cJSON *ts = model_get(it->node, "tags");
        for (const cJSON *t = cJSON_IsArray(ts) ? ts->child : NULL; t; t = t->next)
            if (cJSON_IsString(t)) hay(&text, t->valuestring);
        label.len = 0;
        if (summary && *summary) oasv_buf_puts(&label, summary);
        else if (it->kind == MODEL_WEBHOOK) oasv_buf_puts(&label, it->key);
        else {
            for (const char *c = it->method; *c; c++) oasv_buf_putc(&label, (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c));
            oasv_buf_putc(&label, ' ');
            oasv_buf_puts(&label, it->key);
        }
        write_search(w, it->id, it->kind == MODEL_OPERATION ? "operation" : "webhook", label.data ? label.data : "", &text);
    }
    for (size_t gi = 0; gi < gs->count; gi++) {
        const group *g = &gs->g[gi];
        if (!g->tag) continue;
        const char *display = model_str(g->decl, "x-displayName");
        hay(&text, g->tag);
        hay(&text, display);
        label.len = 0;
        oasv_buf_puts(&label, "tags/");
        model_id_append(&label, g->tag, strlen(g->tag));
        oasv_buf idb = label;
        label = (oasv_buf){ 0 };
        write_search(w, idb.data ? idb.data : "", "tag", display ? display : g->tag, &text);
        if (idb.oom) w->b.oom = true;
        oasv_buf_free(&idb);
    }
    if (label.oom || text.oom) w->b.oom = true;
    oasv_buf_free(&label);
    oasv_buf_free(&text);
    jw_arr_end(w);
}

void oasv_model_write_navigation(oasv_doc *doc, oasv_model *m, jw *w, unsigned omit)
{
    bool pointers = !(omit & OASV_NAV_NO_POINTERS);
    const cJSON *root = cJSON_IsObject(doc->tree.root) ? doc->tree.root : NULL;
    jw_obj(w);
    write_info(w, model_get(root, "info"));
    jw_key(w, "servers");
    model_write_servers(w, model_get(root, "servers"), false);
    model_write_external_docs(w, model_get(root, "externalDocs"));

    groups gs = { 0 };
    nav_counts counts = { 0 };
    collect_groups(doc, m, &gs, &counts);
    size_t tag_groups = 0;
    jw_key(w, "groups");
    jw_arr(w);
    for (size_t gi = 0; gi < gs.count; gi++) {
        group *g = &gs.g[gi];
        jw_obj(w);
        oasv_buf id = { 0 };
        oasv_buf_puts(&id, "tags/");
        if (g->tag) model_id_append(&id, g->tag, strlen(g->tag));
        jw_key(w, "id");
        jw_strn(w, id.data ? id.data : "", id.len);
        if (id.oom) w->b.oom = true;
        oasv_buf_free(&id);
        jw_key(w, "tag");
        if (g->tag) { jw_str(w, g->tag); tag_groups++; }
        else jw_null(w);
        const char *display = model_str(g->decl, "x-displayName");
        jw_kstr(w, "title", g->tag ? (display ? display : g->tag) : "Other");
        jw_kstr(w, "summary", model_str(g->decl, "summary"));
        model_khtml(w, "descriptionHtml", model_str(g->decl, "description"));
        model_write_external_docs(w, model_get(g->decl, "externalDocs"));
        jw_key(w, "items");
        jw_arr(w);
        for (size_t k = 0; k < g->count; k++) write_nav_item(doc, w, &m->items[g->items[k]], pointers);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);

    jw_key(w, "webhooks");
    jw_arr(w);
    for (size_t i = 0; i < m->count; i++)
        if (m->items[i].kind == MODEL_WEBHOOK) write_nav_item(doc, w, &m->items[i], pointers);
    jw_arr_end(w);

    jw_key(w, "schemas");
    jw_arr(w);
    oasv_buf type = { 0 };
    for (size_t i = 0; i < m->count; i++) {
        const model_item *it = &m->items[i];
        if (it->kind != MODEL_SCHEMA) continue;
        const cJSON *s = model_deref_schema(doc, it->node);
        jw_obj(w);
        jw_kstr(w, "id", it->id);
        jw_kstr(w, "name", it->key);
        jw_kstr(w, "title", model_str(s, "title"));
        type.len = 0;
        model_schema_type(doc, m->v30, it->node, &type);
        if (type.len) { jw_key(w, "type"); jw_strn(w, type.data, type.len); }
        jw_kbool(w, "deprecated", model_true(s, "deprecated"));
        if (pointers) write_pointer(doc, w, it->node);
        jw_obj_end(w);
    }
    if (type.oom) w->b.oom = true;
    oasv_buf_free(&type);
    jw_arr_end(w);

    jw_key(w, "counts");
    jw_obj(w);
    jw_key(w, "operations"); jw_int(w, (long long)counts.ops);
    jw_key(w, "webhooks"); jw_int(w, (long long)counts.hooks);
    jw_key(w, "schemas"); jw_int(w, (long long)counts.schemas);
    jw_key(w, "tags"); jw_int(w, (long long)tag_groups);
    jw_key(w, "callbacks"); jw_int(w, (long long)counts.callbacks);
    jw_obj_end(w);

    if (!(omit & OASV_NAV_NO_SEARCH)) {
        jw_key(w, "search");
        write_search_entries(doc, m, &gs, w);
    }
    jw_obj_end(w);
    if (gs.oom) w->b.oom = true;
    free_groups(&gs);
}

void oasv_model_write_search(oasv_doc *doc, oasv_model *m, jw *w)
{
    groups gs = { 0 };
    collect_groups(doc, m, &gs, NULL);
    write_search_entries(doc, m, &gs, w);
    if (gs.oom) w->b.oom = true;
    free_groups(&gs);
}
