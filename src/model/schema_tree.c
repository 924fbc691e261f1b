/*
 * schema_tree.c - Schema Objects as trees to draw (SchemaNode in model.d.ts).
 *
 * References are followed and named; a reference back to a schema that is
 * already an ancestor becomes a `recursive` node; a component inside a
 * component drawn in full is `deferred` (its own facts, not its children:
 * MODEL_INLINE_COMPONENT_LEVELS); depth and the number of nodes per entry are
 * bounded (MODEL_MAX_SCHEMA_DEPTH, MODEL_MAX_ENTRY_NODES).
 * Properties hidden in the payload's direction (readOnly in requests to the
 * API, writeOnly in what the API sends) are left out.
 */
#include "model/model.h"

#include "report/report.h"

#include <string.h>

/* MARK: - Keywords */

/* The keywords a drawn node reads, found in one pass over its members (the first of a name wins, as in
 * model_get): a node probes some 35 keywords, most of them absent, and each probe would walk its members. */
enum {
    K_TITLE, K_FORMAT, K_DESCRIPTION, K_DEPRECATED, K_READ_ONLY, K_WRITE_ONLY, K_DEFAULT, K_CONST, K_ENUM,
    K_MIN_LENGTH, K_MAX_LENGTH, K_MINIMUM, K_MAXIMUM, K_EXCLUSIVE_MINIMUM, K_EXCLUSIVE_MAXIMUM, K_MULTIPLE_OF, K_PATTERN,
    K_MIN_ITEMS, K_MAX_ITEMS, K_UNIQUE_ITEMS, K_MIN_PROPERTIES, K_MAX_PROPERTIES, K_CONTENT_MEDIA_TYPE,
    K_CONTENT_ENCODING, K_PROPERTIES, K_ADDITIONAL_PROPERTIES, K_PATTERN_PROPERTIES, K_ITEMS, K_PREFIX_ITEMS, K_ONE_OF,
    K_ANY_OF, K_ALL_OF, K_NOT, K_COUNT
};

static const char *const keyword_names[K_COUNT] = {
    "title", "format", "description", "deprecated", "readOnly", "writeOnly", "default", "const", "enum",
    "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "pattern",
    "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "contentMediaType",
    "contentEncoding", "properties", "additionalProperties", "patternProperties", "items", "prefixItems", "oneOf",
    "anyOf", "allOf", "not",
};

typedef struct facts {
    const cJSON *k[K_COUNT];
} facts;

static void read_facts(const cJSON *s, facts *f)
{
    memset(f, 0, sizeof *f);
    for (const cJSON *m = cJSON_IsObject(s) ? s->child : NULL; m && m->string; m = m->next)
        for (int i = 0; i < K_COUNT; i++)
            if (keyword_names[i][0] == m->string[0] && strcmp(keyword_names[i], m->string) == 0) {
                if (!f->k[i]) f->k[i] = m;
                break;
            }
}

static const char *fact_str(const facts *f, int k) { return cJSON_IsString(f->k[k]) ? f->k[k]->valuestring : NULL; }

/* MARK: - Names and types */

bool model_ref_name(const char *ref, oasv_buf *out)
{
    if (!ref) return false;
    const char *slash = strrchr(ref, '/');
    const char *name = slash ? slash + 1 : (ref[0] == '#' ? ref + 1 : ref);
    if (!*name) return false;
    /* Undo JSON pointer and percent escapes: "~1" "/", "~0" "~", "%7B" "{". */
    for (const char *p = name; *p; p++) {
        if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) { oasv_buf_putc(out, p[1] == '0' ? '~' : '/'); p++; }
        else if (p[0] == '%' && p[1] && p[2] && strchr("0123456789abcdefABCDEF", p[1]) && strchr("0123456789abcdefABCDEF", p[2])) {
            int hi = p[1] <= '9' ? p[1] - '0' : (p[1] | 0x20) - 'a' + 10, lo = p[2] <= '9' ? p[2] - '0' : (p[2] | 0x20) - 'a' + 10;
            oasv_buf_putc(out, (char)(hi * 16 + lo));
            p += 2;
        } else oasv_buf_putc(out, *p);
    }
    return true;
}

static const char *value_type(const cJSON *v)
{
    switch (v->type & 0xFF) {
    case cJSON_String: return "string";
    case cJSON_Number: return v->valuedouble == (double)(long long)v->valuedouble ? "integer" : "number";
    case cJSON_True: case cJSON_False: return "boolean";
    case cJSON_NULL: return "null";
    case cJSON_Array: return "array";
    default: return "object";
    }
}

static void add_type(oasv_buf *out, const char *t)
{
    /* skip a type already listed */
    size_t n = strlen(t);
    const char *p = out->data, *end = out->data ? out->data + out->len : NULL;
    while (p && p < end) {
        const char *bar = p;
        while (bar < end && !(bar + 3 <= end && memcmp(bar, " | ", 3) == 0)) bar++;
        if ((size_t)(bar - p) == n && memcmp(p, t, n) == 0) return;
        p = bar < end ? bar + 3 : end;
    }
    if (out->len) oasv_buf_puts(out, " | ");
    oasv_buf_puts(out, t);
}

static void schema_type(oasv_doc *doc, bool v30, const cJSON *schema, oasv_buf *out, int depth)
{
    const cJSON *s = model_deref_schema(doc, schema);
    if (cJSON_IsBool(s)) { add_type(out, cJSON_IsTrue(s) ? "any" : "never"); return; }
    if (!cJSON_IsObject(s)) { add_type(out, "any"); return; }
    const cJSON *t = model_get(s, "type");
    size_t before = out->len;
    if (cJSON_IsString(t)) add_type(out, t->valuestring);
    else if (cJSON_IsArray(t))
        for (const cJSON *x = t->child; x; x = x->next)
            if (cJSON_IsString(x)) add_type(out, x->valuestring);
    if (out->len == before) {
        const cJSON *e = model_get(s, "enum"), *c = model_get(s, "const"), *all = model_get(s, "allOf");
        if (model_get(s, "properties") || model_get(s, "additionalProperties") || model_get(s, "patternProperties"))
            add_type(out, "object");
        else if (model_get(s, "items") || model_get(s, "prefixItems")) add_type(out, "array");
        else if (c) add_type(out, value_type(c));
        else if (cJSON_IsArray(e) && e->child)
            for (const cJSON *x = e->child; x; x = x->next) add_type(out, value_type(x));
        else if (cJSON_IsArray(all) && all->child && !all->child->next && depth < 8)
            schema_type(doc, v30, all->child, out, depth + 1);
        else add_type(out, "any");
    }
    if (v30 && model_true(s, "nullable")) add_type(out, "null");
}

void model_schema_type(oasv_doc *doc, bool v30, const cJSON *schema, oasv_buf *out) { schema_type(doc, v30, schema, out, 0); }

bool model_hidden(oasv_doc *doc, const cJSON *schema, model_dir dir)
{
    if (dir == DIR_NONE) return false;
    const char *key = dir == DIR_REQUEST ? "readOnly" : "writeOnly";
    if (model_true(schema, key)) return true;
    const cJSON *s = model_deref_schema(doc, schema);
    return s != schema && model_true(s, key);
}

/* MARK: - Constraints in words */

static void number(const oasv_doc *doc, const cJSON *n, oasv_buf *out) { oasv_report_tree_json(&doc->tree, n, out); }

static void count_words(oasv_buf *out, const oasv_doc *doc, const cJSON *lo, const cJSON *hi, const char *one, const char *many)
{
    bool l = cJSON_IsNumber(lo), h = cJSON_IsNumber(hi);
    if (!l && !h) return;
    if (l && h && lo->valuedouble == hi->valuedouble) {
        oasv_buf_puts(out, "exactly ");
        number(doc, lo, out);
    } else if (l && h) {
        number(doc, lo, out);
        oasv_buf_puts(out, " to ");
        number(doc, hi, out);
    } else if (l) {
        oasv_buf_puts(out, "at least ");
        number(doc, lo, out);
    } else {
        oasv_buf_puts(out, "at most ");
        number(doc, hi, out);
    }
    const cJSON *last = h ? hi : lo;
    oasv_buf_putc(out, ' ');
    oasv_buf_puts(out, last->valuedouble == 1 ? one : many);
}

static void constraint(jw *w, oasv_buf *t)
{
    if (t->len) jw_strn(w, t->data, t->len);
    if (t->oom) w->b.oom = true;
    t->len = 0;
    if (t->data) t->data[0] = '\0';
}

static void write_constraints(model_ctx *c, const facts *f)
{
    const oasv_doc *doc = c->doc;
    jw *w = c->w;
    oasv_buf t = { 0 };
    jw_key(w, "constraints");
    jw_arr(w);
    count_words(&t, doc, f->k[K_MIN_LENGTH], f->k[K_MAX_LENGTH], "character", "characters");
    constraint(w, &t);
    /* bounds: "at least 0, less than 100" */
    const cJSON *min = f->k[K_MINIMUM], *max = f->k[K_MAXIMUM];
    const cJSON *xmin = f->k[K_EXCLUSIVE_MINIMUM], *xmax = f->k[K_EXCLUSIVE_MAXIMUM];
    if (cJSON_IsNumber(xmin)) { oasv_buf_puts(&t, "greater than "); number(doc, xmin, &t); }
    else if (cJSON_IsNumber(min)) {
        oasv_buf_puts(&t, cJSON_IsTrue(xmin) ? "greater than " : "at least ");
        number(doc, min, &t);
    }
    if (cJSON_IsNumber(xmax) || cJSON_IsNumber(max)) {
        if (t.len) oasv_buf_puts(&t, ", ");
        if (cJSON_IsNumber(xmax)) { oasv_buf_puts(&t, "less than "); number(doc, xmax, &t); }
        else { oasv_buf_puts(&t, cJSON_IsTrue(xmax) ? "less than " : "at most "); number(doc, max, &t); }
    }
    constraint(w, &t);
    const cJSON *mult = f->k[K_MULTIPLE_OF];
    if (cJSON_IsNumber(mult)) { oasv_buf_puts(&t, "multiple of "); number(doc, mult, &t); constraint(w, &t); }
    const char *pattern = fact_str(f, K_PATTERN);
    if (pattern) { oasv_buf_printf(&t, "matches /%s/", pattern); constraint(w, &t); }
    count_words(&t, doc, f->k[K_MIN_ITEMS], f->k[K_MAX_ITEMS], "item", "items");
    constraint(w, &t);
    if (cJSON_IsTrue(f->k[K_UNIQUE_ITEMS])) { oasv_buf_puts(&t, "unique items"); constraint(w, &t); }
    count_words(&t, doc, f->k[K_MIN_PROPERTIES], f->k[K_MAX_PROPERTIES], "property", "properties");
    constraint(w, &t);
    const char *media = fact_str(f, K_CONTENT_MEDIA_TYPE), *enc = fact_str(f, K_CONTENT_ENCODING);
    if (media || enc) {
        oasv_buf_puts(&t, "contains ");
        oasv_buf_puts(&t, media ? media : "data");
        if (enc) oasv_buf_printf(&t, " encoded as %s", enc);
        constraint(w, &t);
    }
    jw_arr_end(w);
    oasv_buf_free(&t);
}

/* MARK: - Nodes */

static void json_text(model_ctx *c, const char *key, const cJSON *v)
{
    if (!v) return;
    oasv_buf t = { 0 };
    oasv_report_tree_json(&c->doc->tree, v, &t);
    jw_key(c->w, key);
    jw_strn(c->w, t.data ? t.data : "null", t.data ? t.len : 4);
    if (t.oom) c->w->b.oom = true;
    oasv_buf_free(&t);
}

/* A field of the node: the referring node's own (a `$ref` with siblings) wins over its target's. */
static const cJSON *field(const cJSON *over, const facts *f, int k)
{
    const cJSON *v = over ? model_get(over, keyword_names[k]) : NULL;
    return v ? v : f->k[k];
}

static bool on_stack(const model_ctx *c, const cJSON *s)
{
    for (uint32_t i = 0; i < c->depth; i++)
        if (c->stack[i] == s) return true;
    return false;
}

/* allOf can be drawn as one object when every part is a plain object schema and no property repeats. */
static bool allof_mergeable(model_ctx *c, const cJSON *s, const cJSON *all)
{
    static const char *const plain[] = { "type", "properties", "required", "title", "description", "$ref", "$id", "$schema" };
    oasv_map seen = { 0 };
    bool ok = cJSON_IsArray(all) && all->child;
    const cJSON *own = model_get(s, "properties");
    for (const cJSON *p = cJSON_IsObject(own) ? own->child : NULL; p && ok; p = p->next)
        ok = oasv_map_put(&seen, NULL, p->string, strlen(p->string), (void *)1);
    for (const cJSON *part = ok ? all->child : NULL; part && ok; part = part->next) {
        const cJSON *ps = model_deref_schema(c->doc, part);
        if (!cJSON_IsObject(ps) || on_stack(c, ps) || ps == s) { ok = false; break; }
        for (const cJSON *k = ps->child; k && ok; k = k->next) {
            bool known = false;
            for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) known |= strcmp(k->string, plain[i]) == 0;
            if (!known && strncmp(k->string, "x-", 2) != 0) ok = false;
            if (strcmp(k->string, "type") == 0 && !(cJSON_IsString(k) && strcmp(k->valuestring, "object") == 0)) ok = false;
        }
        const cJSON *props = model_get(ps, "properties");
        for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p && ok; p = p->next) {
            if (oasv_map_get(&seen, NULL, p->string, strlen(p->string))) ok = false;
            else ok = oasv_map_put(&seen, NULL, p->string, strlen(p->string), (void *)1);
        }
    }
    oasv_map_free(&seen);
    return ok;
}

/* Whether the type text ("string | null", …) names null: a loop, not strstr(), whose code the viewer's wasm
 * would carry for this alone. */
static bool mentions_null(const oasv_buf *type)
{
    for (size_t i = 0; type->data && i + 4 <= type->len; i++)
        if (memcmp(type->data + i, "null", 4) == 0) return true;
    return false;
}

static bool is_required(const cJSON *required, const char *name)
{
    for (const cJSON *r = cJSON_IsArray(required) ? required->child : NULL; r; r = r->next)
        if (cJSON_IsString(r) && strcmp(r->valuestring, name) == 0) return true;
    return false;
}

static void write_properties_of(model_ctx *c, const cJSON *s, const cJSON *required_extra, model_dir dir)
{
    const cJSON *props = model_get(s, "properties"), *required = model_get(s, "required");
    for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p; p = p->next) {
        if (model_hidden(c->doc, p, dir)) continue;
        jw_obj(c->w);
        jw_kstr(c->w, "name", p->string);
        jw_kbool(c->w, "required", is_required(required, p->string) || is_required(required_extra, p->string));
        jw_key(c->w, "schema");
        model_schema_node(c, p, dir);
        jw_obj_end(c->w);
    }
}

static void node_list(model_ctx *c, const char *key, const cJSON *list, model_dir dir)
{
    if (!cJSON_IsArray(list) || !list->child) return;
    jw_key(c->w, key);
    jw_arr(c->w);
    for (const cJSON *x = list->child; x; x = x->next) model_schema_node(c, x, dir);
    jw_arr_end(c->w);
}

static void write_discriminator(model_ctx *c, const cJSON *s)
{
    const cJSON *d = model_get(s, "discriminator");
    const char *prop = model_str(d, "propertyName");
    if (!prop) return;
    jw *w = c->w;
    oasv_buf name = { 0 };
    jw_key(w, "discriminator");
    jw_obj(w);
    jw_kstr(w, "propertyName", prop);
    jw_key(w, "mapping");
    jw_arr(w);
    const cJSON *mapping = model_get(d, "mapping");
    if (cJSON_IsObject(mapping) && mapping->child) {
        for (const cJSON *m = mapping->child; m; m = m->next) {
            if (!cJSON_IsString(m)) continue;
            name.len = 0;
            if (!model_ref_name(m->valuestring, &name)) continue;
            jw_obj(w);
            jw_kstr(w, "value", m->string);
            jw_key(w, "refName");
            jw_strn(w, name.data, name.len);
            jw_obj_end(w);
        }
    } else {
        /* Implicit mapping: the component names of the alternatives. */
        const cJSON *alts = model_get(s, "oneOf");
        if (!alts) alts = model_get(s, "anyOf");
        for (const cJSON *a = cJSON_IsArray(alts) ? alts->child : NULL; a; a = a->next) {
            name.len = 0;
            if (!model_ref_name(model_str(a, "$ref"), &name)) continue;
            jw_obj(w);
            jw_key(w, "value");
            jw_strn(w, name.data, name.len);
            jw_key(w, "refName");
            jw_strn(w, name.data, name.len);
            jw_obj_end(w);
        }
    }
    jw_arr_end(w);
    jw_obj_end(w);
    if (name.oom) w->b.oom = true;
    oasv_buf_free(&name);
}

static void leaf(model_ctx *c, const char *type, const oasv_buf *ref_name)
{
    jw_kstr(c->w, "type", type);
    if (ref_name->len) { jw_key(c->w, "refName"); jw_strn(c->w, ref_name->data, ref_name->len); }
}

/* The node's own facts: everything but its children. */
static void write_fields(model_ctx *c, const cJSON *schema, const cJSON *s, const facts *f, const oasv_buf *type,
                         const oasv_buf *ref_name)
{
    jw *w = c->w;
    const cJSON *over = s != schema && cJSON_IsObject(schema) ? schema : NULL;
    jw_key(w, "type");
    jw_strn(w, type->data ? type->data : "any", type->data ? type->len : 3);
    const char *title = model_str(over, "title");
    jw_kstr(w, "title", title ? title : fact_str(f, K_TITLE));
    if (ref_name->len) { jw_key(w, "refName"); jw_strn(w, ref_name->data, ref_name->len); }
    jw_kstr(w, "format", fact_str(f, K_FORMAT));
    const cJSON *desc = field(over, f, K_DESCRIPTION);
    model_khtml(w, "descriptionHtml", cJSON_IsString(desc) ? desc->valuestring : NULL);
    if (cJSON_IsTrue(field(over, f, K_DEPRECATED))) jw_kbool(w, "deprecated", true);
    if (cJSON_IsTrue(field(over, f, K_READ_ONLY))) jw_kbool(w, "readOnly", true);
    if (cJSON_IsTrue(field(over, f, K_WRITE_ONLY))) jw_kbool(w, "writeOnly", true);
    if (mentions_null(type)) jw_kbool(w, "nullable", true);
    json_text(c, "default", field(over, f, K_DEFAULT));
    json_text(c, "const", f->k[K_CONST]);
    const cJSON *e = f->k[K_ENUM];
    if (cJSON_IsArray(e)) {
        jw_key(w, "enum");
        jw_arr(w);
        oasv_buf t = { 0 };
        for (const cJSON *x = e->child; x; x = x->next) {
            t.len = 0;
            oasv_report_tree_json(&c->doc->tree, x, &t);
            if (t.data) jw_strn(w, t.data, t.len);
        }
        if (t.oom) w->b.oom = true;
        oasv_buf_free(&t);
        jw_arr_end(w);
    }
    write_constraints(c, f);
}

/* Properties, items, alternatives... of a node drawn in full. */
static void write_children(model_ctx *c, const cJSON *s, const facts *f, bool merge, model_dir dir)
{
    jw *w = c->w;
    const cJSON *props = f->k[K_PROPERTIES], *all = f->k[K_ALL_OF];
    if (merge || cJSON_IsObject(props)) {
        jw_key(w, "properties");
        jw_arr(w);
        const cJSON *required = model_get(s, "required");
        if (merge)
            for (const cJSON *part = all->child; part; part = part->next)
                write_properties_of(c, model_deref_schema(c->doc, part), required, dir);
        write_properties_of(c, s, NULL, dir);
        jw_arr_end(w);
    }
    const cJSON *ap = f->k[K_ADDITIONAL_PROPERTIES];
    if (cJSON_IsBool(ap)) jw_kbool(w, "additionalProperties", cJSON_IsTrue(ap));
    else if (cJSON_IsObject(ap)) { jw_key(w, "additionalProperties"); model_schema_node(c, ap, dir); }
    const cJSON *pp = f->k[K_PATTERN_PROPERTIES];
    if (cJSON_IsObject(pp) && pp->child) {
        jw_key(w, "patternProperties");
        jw_arr(w);
        for (const cJSON *p = pp->child; p; p = p->next) {
            jw_obj(w);
            jw_kstr(w, "pattern", p->string);
            jw_key(w, "schema");
            model_schema_node(c, p, dir);
            jw_obj_end(w);
        }
        jw_arr_end(w);
    }
    const cJSON *items = f->k[K_ITEMS];
    if (cJSON_IsArray(items)) { if (!f->k[K_PREFIX_ITEMS]) node_list(c, "prefixItems", items, dir); } /* draft-04 style tuple */
    else if (items) { jw_key(w, "items"); model_schema_node(c, items, dir); }
    node_list(c, "prefixItems", f->k[K_PREFIX_ITEMS], dir);
    node_list(c, "oneOf", f->k[K_ONE_OF], dir);
    node_list(c, "anyOf", f->k[K_ANY_OF], dir);
    if (!merge) node_list(c, "allOf", all, dir);
    const cJSON *not = f->k[K_NOT];
    if (not) { jw_key(w, "not"); model_schema_node(c, not, dir); }
    write_discriminator(c, s);
}

void model_schema_node(model_ctx *c, const cJSON *schema, model_dir dir)
{
    jw *w = c->w;
    oasv_buf ref_name = { 0 }, type = { 0 };
    const char *ref = model_str(schema, "$ref");
    if (ref) model_ref_name(ref, &ref_name);
    c->nodes++;
    jw_obj(w);
    const cJSON *s = model_deref_schema(c->doc, schema);
    if (c->depth >= MODEL_MAX_SCHEMA_DEPTH || c->nodes > MODEL_MAX_ENTRY_NODES) {
        leaf(c, "any", &ref_name);
        jw_kbool(w, "truncated", true);
        jw_key(w, "constraints"); jw_arr(w); jw_arr_end(w);
    } else if (!s) {
        leaf(c, "any", &ref_name);
        jw_key(w, "constraints"); jw_arr(w);
        if (ref) { oasv_buf t = { 0 }; oasv_buf_printf(&t, "unresolved reference %s", ref); constraint(w, &t); oasv_buf_free(&t); }
        jw_arr_end(w);
    } else if (cJSON_IsBool(s) || !cJSON_IsObject(s)) {
        leaf(c, cJSON_IsFalse(s) ? "never" : "any", &ref_name);
        jw_key(w, "constraints"); jw_arr(w); jw_arr_end(w);
    } else if (on_stack(c, s)) {
        model_schema_type(c->doc, c->m->v30, s, &type);
        leaf(c, type.data ? type.data : "any", &ref_name);
        jw_kbool(w, "recursive", true);
        jw_key(w, "constraints"); jw_arr(w); jw_arr_end(w);
    } else {
        /* A component inside a component drawn in full gets its own facts only (SchemaNode.deferred). */
        bool defer = ref_name.len && c->component_level >= MODEL_INLINE_COMPONENT_LEVELS;
        c->stack[c->depth++] = s;
        facts f;
        read_facts(s, &f);
        const cJSON *all = f.k[K_ALL_OF];
        bool merge = all && allof_mergeable(c, s, all);
        model_schema_type(c->doc, c->m->v30, s, &type);
        if (merge && type.len && strcmp(type.data, "any") == 0) { type.len = 0; oasv_buf_puts(&type, "object"); }
        write_fields(c, schema, s, &f, &type, &ref_name);
        if (defer) {
            jw_kbool(w, "deferred", true);
            if (dir != DIR_NONE) jw_kstr(w, "omit", dir == DIR_REQUEST ? "readOnly" : "writeOnly");
        } else {
            c->component_level += ref_name.len > 0;
            write_children(c, s, &f, merge, dir);
            c->component_level -= ref_name.len > 0;
        }
        c->depth--;
    }
    jw_obj_end(w);
    if (ref_name.oom || type.oom) w->b.oom = true;
    oasv_buf_free(&ref_name);
    oasv_buf_free(&type);
}
