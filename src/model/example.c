/*
 * example.c - examples as pretty-printed JSON: given ones printed from the
 * tree, missing ones generated from the schema, deterministically.
 *
 * Generation takes, in order: const, the schema's example/examples, default,
 * the first enum value; else a value of the first non-null type that keeps
 * min/max bounds, lengths and counts (formats date-time, date, time, email,
 * uuid, uri... get a typical value). oneOf/anyOf take the first alternative;
 * allOf parts are merged; readOnly/writeOnly properties are left out by
 * direction; recursion and size are bounded (MODEL_MAX_EXAMPLE_*).
 */
#include "model/model.h"

#include "report/report.h"
#include "util/mem.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void indent(oasv_buf *out, unsigned level)
{
    oasv_buf_putc(out, '\n');
    for (unsigned i = 0; i < level; i++) oasv_buf_append(out, "  ", 2);
}

static void pretty_at(const oasv_tree *tree, const cJSON *node, unsigned level, oasv_buf *out)
{
    if (!cJSON_IsArray(node) && !cJSON_IsObject(node)) { oasv_report_tree_json(tree, node, out); return; }
    bool object = cJSON_IsObject(node);
    if (!node->child) { oasv_buf_puts(out, object ? "{}" : "[]"); return; }
    oasv_buf_putc(out, object ? '{' : '[');
    for (const cJSON *c = node->child; c && !out->oom; c = c->next) {
        indent(out, level + 1);
        if (object) {
            oasv_buf_json_string(out, c->string, strlen(c->string));
            oasv_buf_puts(out, ": ");
        }
        pretty_at(tree, c, level + 1, out); /* depth bounded by the loader's max_depth */
        if (c->next) oasv_buf_putc(out, ',');
    }
    indent(out, level);
    oasv_buf_putc(out, object ? '}' : ']');
}

void model_pretty(const oasv_tree *tree, const cJSON *node, oasv_buf *out) { pretty_at(tree, node, 0, out); }

/* MARK: - Generation */

typedef struct gen {
    oasv_doc *doc;
    bool v30;
    model_dir dir;
    oasv_buf *out;
    uint32_t nodes, depth;
    const cJSON *stack[MODEL_MAX_EXAMPLE_DEPTH + 1];
    struct prop_list *lists[MODEL_MAX_EXAMPLE_DEPTH + 2]; /* gen_object's, by depth (allocated on first use) */
} gen;

static void gen_value(gen *g, const cJSON *schema, unsigned level);

static bool on_stack(const gen *g, const cJSON *s)
{
    for (uint32_t i = 0; i < g->depth; i++)
        if (g->stack[i] == s) return true;
    return false;
}

/* The first type of the schema that is not "null" (inferred when not written). */
static const char *first_type(gen *g, const cJSON *s)
{
    const cJSON *t = model_get(s, "type");
    if (cJSON_IsString(t)) return t->valuestring;
    if (cJSON_IsArray(t)) {
        const char *only_null = NULL;
        for (const cJSON *x = t->child; x; x = x->next) {
            if (!cJSON_IsString(x)) continue;
            if (strcmp(x->valuestring, "null") != 0) return x->valuestring;
            only_null = x->valuestring;
        }
        if (only_null) return only_null;
    }
    (void)g;
    if (model_get(s, "properties") || model_get(s, "additionalProperties") || model_get(s, "patternProperties") ||
        model_get(s, "required")) return "object";
    if (model_get(s, "items") || model_get(s, "prefixItems")) return "array";
    if (model_get(s, "minLength") || model_get(s, "maxLength") || model_get(s, "pattern") || model_get(s, "format")) return "string";
    if (model_get(s, "minimum") || model_get(s, "maximum") || model_get(s, "multipleOf")) return "number";
    return NULL;
}

static const char *format_value(const char *f)
{
    static const char *const table[][2] = {
        { "date-time", "2024-01-01T00:00:00Z" }, { "date", "2024-01-01" }, { "time", "12:00:00Z" },
        { "duration", "P1D" }, { "email", "user@example.com" }, { "idn-email", "user@example.com" },
        { "uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6" }, { "uri", "https://example.com" },
        { "url", "https://example.com" }, { "uri-reference", "https://example.com" }, { "iri", "https://example.com" },
        { "iri-reference", "https://example.com" }, { "uri-template", "https://example.com/{id}" },
        { "hostname", "example.com" }, { "idn-hostname", "example.com" }, { "ipv4", "192.0.2.1" },
        { "ipv6", "2001:db8::1" }, { "byte", "U3dhZ2dlciByb2Nrcw==" }, { "binary", "" }, { "password", "********" },
        { "json-pointer", "/a/b" }, { "relative-json-pointer", "0/a" }, { "regex", "^[a-z]+$" },
    };
    for (size_t i = 0; f && i < sizeof table / sizeof *table; i++)
        if (strcmp(f, table[i][0]) == 0) return table[i][1];
    return NULL;
}

static void gen_string(gen *g, const cJSON *s)
{
    /* A `pattern` without regex syntax (e.g. "HH:mm:SS") matches only text containing it: the pattern itself. */
    const char *pat = model_str(s, "pattern");
    if (pat && *pat && !strpbrk(pat, "\\^$.|?*+()[]{}")) { oasv_buf_json_string(g->out, pat, strlen(pat)); return; }
    const char *fv = format_value(model_str(s, "format"));
    if (fv) { oasv_buf_json_string(g->out, fv, strlen(fv)); return; }
    const cJSON *minl = model_get(s, "minLength"), *maxl = model_get(s, "maxLength");
    double lo = cJSON_IsNumber(minl) ? minl->valuedouble : 0, hi = cJSON_IsNumber(maxl) ? maxl->valuedouble : 1e9;
    size_t n = 6; /* "string" */
    if (lo > (double)n) n = lo > 256 ? 256 : (size_t)lo;
    if (hi < (double)n) n = hi < 0 ? 0 : (size_t)hi;
    char text[257];
    for (size_t i = 0; i < n; i++) text[i] = i < 6 ? "string"[i] : 'x';
    oasv_buf_json_string(g->out, text, n);
}

static void print_number(oasv_buf *out, double v, bool integer)
{
    if (integer || (v == floor(v) && fabs(v) < 1e15)) oasv_buf_printf(out, "%.0f", v);
    else oasv_buf_printf(out, "%.17g", v);
}

static void gen_number(gen *g, const cJSON *s, bool integer)
{
    const cJSON *min = model_get(s, "minimum"), *max = model_get(s, "maximum");
    const cJSON *xmin = model_get(s, "exclusiveMinimum"), *xmax = model_get(s, "exclusiveMaximum");
    const cJSON *mult = model_get(s, "multipleOf");
    bool has_lo = false, has_hi = false, lo_x = false, hi_x = false;
    double lo = 0, hi = 0;
    if (cJSON_IsNumber(xmin)) { has_lo = lo_x = true; lo = xmin->valuedouble; }
    else if (cJSON_IsNumber(min)) { has_lo = true; lo = min->valuedouble; lo_x = cJSON_IsTrue(xmin); }
    if (cJSON_IsNumber(xmax)) { has_hi = hi_x = true; hi = xmax->valuedouble; }
    else if (cJSON_IsNumber(max)) { has_hi = true; hi = max->valuedouble; hi_x = cJSON_IsTrue(xmax); }
    double m = cJSON_IsNumber(mult) && mult->valuedouble > 0 ? mult->valuedouble : (integer ? 1 : 0);
    double v = 0;
    if (has_lo && (v < lo || (lo_x && v <= lo))) {
        v = lo;
        if (lo_x) v = integer || m > 0 ? v + (m > 0 ? m : 1) : (has_hi ? (lo + hi) / 2 : lo + 1);
    }
    if (has_hi && (v > hi || (hi_x && v >= hi))) {
        v = hi;
        if (hi_x) v = integer || m > 0 ? v - (m > 0 ? m : 1) : (has_lo ? (lo + hi) / 2 : hi - 1);
    }
    if (m > 0) {
        double k = ceil(v / m) * m;
        if (has_hi && (k > hi || (hi_x && k >= hi))) k = floor(v / m) * m;
        v = k;
    }
    if (integer) v = ceil(v);
    print_number(g->out, v, integer);
}

/* The properties an object example gets: allOf parts', its own, then the first oneOf/anyOf
 * alternative's (a later schema for the same name replaces an earlier one: it is the more specific). */
#define MAX_EXAMPLE_PROPS 256
#define PROP_SLOTS 512 /* open addressing over the names, at most half full */

typedef struct prop_list {
    const char *name[MAX_EXAMPLE_PROPS];
    const cJSON *schema[MAX_EXAMPLE_PROPS];
    bool required[MAX_EXAMPLE_PROPS];
    size_t count;
    uint16_t slot[PROP_SLOTS]; /* index + 1 of the property with a name of that hash; 0: free */
} prop_list;

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding `name`, or the free slot where it goes. */
static uint16_t *slot_of(prop_list *l, const char *name)
{
    for (uint32_t i = name_hash(name) & (PROP_SLOTS - 1);; i = (i + 1) & (PROP_SLOTS - 1)) {
        uint16_t *at = &l->slot[i];
        if (!*at || strcmp(l->name[*at - 1], name) == 0) return at;
    }
}

static void collect_required(prop_list *l, const cJSON *required)
{
    for (const cJSON *r = cJSON_IsArray(required) ? required->child : NULL; r; r = r->next) {
        if (!cJSON_IsString(r)) continue;
        uint16_t at = *slot_of(l, r->valuestring);
        if (at) l->required[at - 1] = true;
    }
}

static void collect(gen *g, const cJSON *s, prop_list *l, unsigned guard)
{
    if (guard > 8 || !cJSON_IsObject(s)) return;
    const cJSON *all = model_get(s, "allOf");
    for (const cJSON *part = cJSON_IsArray(all) ? all->child : NULL; part; part = part->next) {
        const cJSON *ps = model_deref_schema(g->doc, part);
        if (cJSON_IsObject(ps) && !on_stack(g, ps)) collect(g, ps, l, guard + 1);
    }
    const cJSON *props = model_get(s, "properties");
    for (const cJSON *p = cJSON_IsObject(props) ? props->child : NULL; p; p = p->next) {
        uint16_t *at = slot_of(l, p->string);
        if (!*at) {
            if (l->count == MAX_EXAMPLE_PROPS) continue;
            l->name[l->count] = p->string;
            l->required[l->count] = false;
            *at = (uint16_t)++l->count;
        }
        l->schema[*at - 1] = p;
    }
    collect_required(l, model_get(s, "required"));
    const cJSON *alts = model_get(s, "oneOf");
    if (!cJSON_IsArray(alts) || !alts->child) alts = model_get(s, "anyOf");
    if (cJSON_IsArray(alts) && alts->child) {
        const cJSON *as = model_deref_schema(g->doc, alts->child);
        if (cJSON_IsObject(as) && !on_stack(g, as)) collect(g, as, l, guard + 1);
    }
}

static void gen_object(gen *g, const cJSON *s, unsigned level)
{
    /* One list per nesting depth, kept for the whole example: objects nest, and a list is large. */
    uint32_t d = g->depth;
    if (!g->lists[d] && !(g->lists[d] = oasv_malloc(sizeof *g->lists[d]))) { g->out->oom = true; return; }
    prop_list *l = g->lists[d];
    l->count = 0;
    memset(l->slot, 0, sizeof l->slot);
    collect(g, s, l, 0);
    bool first = true;
    oasv_buf_putc(g->out, '{');
    for (size_t i = 0; i < l->count && !g->out->oom; i++) {
        const cJSON *p = l->schema[i];
        if (model_hidden(g->doc, p, g->dir)) continue;
        const cJSON *ps = model_deref_schema(g->doc, p);
        /* An optional property that would recurse, or one too deep, is left out rather than cut. */
        if (!l->required[i] && (on_stack(g, ps) || g->depth >= MODEL_MAX_EXAMPLE_DEPTH)) continue;
        if (!first) oasv_buf_putc(g->out, ',');
        first = false;
        indent(g->out, level + 1);
        oasv_buf_json_string(g->out, l->name[i], strlen(l->name[i]));
        oasv_buf_puts(g->out, ": ");
        gen_value(g, p, level + 1);
    }
    if (first) { oasv_buf_putc(g->out, '}'); return; }
    indent(g->out, level);
    oasv_buf_putc(g->out, '}');
}

/* True when a given value (example, default) fits the schema's `type`: a document's own value may not. */
static bool fits_type(const cJSON *s, const cJSON *v)
{
    const cJSON *t = model_get(s, "type");
    if (!t) return true;
    const char *vt = cJSON_IsString(v) ? "string" : cJSON_IsNumber(v) ? "number" : cJSON_IsBool(v) ? "boolean"
                   : cJSON_IsNull(v) ? "null" : cJSON_IsArray(v) ? "array" : "object";
    bool whole = cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble;
    for (const cJSON *x = cJSON_IsArray(t) ? t->child : t; x; x = cJSON_IsArray(t) ? x->next : NULL) {
        if (!cJSON_IsString(x)) continue;
        if (strcmp(x->valuestring, vt) == 0 || (whole && strcmp(x->valuestring, "integer") == 0)) return true;
    }
    return false;
}

static void gen_array(gen *g, const cJSON *s, unsigned level)
{
    const cJSON *items = model_get(s, "items"), *prefix = model_get(s, "prefixItems");
    const cJSON *minI = model_get(s, "minItems"), *maxI = model_get(s, "maxItems");
    size_t n = cJSON_IsArray(prefix) ? (size_t)cJSON_GetArraySize(prefix) : 0;
    size_t want = n ? n : 1;
    if (cJSON_IsNumber(minI) && minI->valuedouble > (double)want) want = minI->valuedouble > 8 ? 8 : (size_t)minI->valuedouble;
    if (cJSON_IsNumber(maxI) && maxI->valuedouble < (double)want) want = maxI->valuedouble < 0 ? 0 : (size_t)maxI->valuedouble;
    if (!items && !n) want = cJSON_IsNumber(minI) ? want : 0;
    if (cJSON_IsFalse(items) && want > n) want = n;
    /* Items that would recurse end the recursion here, when the array may be empty. */
    const cJSON *is = cJSON_IsObject(items) ? model_deref_schema(g->doc, items) : NULL;
    bool may_be_empty = !(cJSON_IsNumber(minI) && minI->valuedouble > 0) && !n;
    if (may_be_empty && is && (on_stack(g, is) || g->depth + 1 >= MODEL_MAX_EXAMPLE_DEPTH)) want = 0;
    if (!want || g->depth >= MODEL_MAX_EXAMPLE_DEPTH) { oasv_buf_puts(g->out, "[]"); return; }
    oasv_buf_putc(g->out, '[');
    const cJSON *p = n ? prefix->child : NULL;
    for (size_t i = 0; i < want && !g->out->oom; i++) {
        if (i) oasv_buf_putc(g->out, ',');
        indent(g->out, level + 1);
        if (p) { gen_value(g, p, level + 1); p = p->next; }
        else if (cJSON_IsObject(items) || cJSON_IsTrue(items)) gen_value(g, items, level + 1);
        else oasv_buf_puts(g->out, "null");
    }
    indent(g->out, level);
    oasv_buf_putc(g->out, ']');
}

static void gen_value(gen *g, const cJSON *schema, unsigned level)
{
    const cJSON *s = model_deref_schema(g->doc, schema);
    if (++g->nodes > MODEL_MAX_EXAMPLE_NODES || !cJSON_IsObject(s)) { oasv_buf_puts(g->out, "null"); return; }
    const cJSON *given = model_get(s, "const");
    const cJSON *ex = model_get(s, "examples");
    const cJSON *e = model_get(s, "enum");
    const cJSON *candidates[4] = { model_get(s, "example"), cJSON_IsArray(ex) ? ex->child : NULL, model_get(s, "default"),
                                   cJSON_IsArray(e) ? e->child : NULL };
    for (int i = 0; i < 4 && !given; i++)
        if (candidates[i] && (i == 3 || fits_type(s, candidates[i]))) given = candidates[i];
    if (given) { pretty_at(&g->doc->tree, given, level, g->out); return; }
    const char *type = first_type(g, s);
    bool recursing = on_stack(g, s) || g->depth >= MODEL_MAX_EXAMPLE_DEPTH;
    if (recursing) {
        /* The smallest value of the type: recursion ends here. */
        if (!type) oasv_buf_puts(g->out, "null");
        else if (strcmp(type, "object") == 0) oasv_buf_puts(g->out, "{}");
        else if (strcmp(type, "array") == 0) oasv_buf_puts(g->out, "[]");
        else if (strcmp(type, "string") == 0) gen_string(g, s);
        else if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0) gen_number(g, s, type[0] == 'i');
        else if (strcmp(type, "boolean") == 0) oasv_buf_puts(g->out, "true");
        else oasv_buf_puts(g->out, "null");
        return;
    }
    g->stack[g->depth++] = s;
    const cJSON *alts = model_get(s, "oneOf");
    if (!cJSON_IsArray(alts) || !alts->child) alts = model_get(s, "anyOf");
    const cJSON *all = model_get(s, "allOf");
    bool has_props = model_get(s, "properties") != NULL;
    if (cJSON_IsArray(alts) && alts->child && !has_props) {
        gen_value(g, alts->child, level);
    } else if (cJSON_IsArray(all) && all->child && (!type || strcmp(type, "object") == 0)) {
        /* allOf: one object with every part's properties, or the first part when they are not objects. */
        bool objects = has_props;
        for (const cJSON *part = all->child; part && !objects; part = part->next) {
            const cJSON *ps = model_deref_schema(g->doc, part);
            const char *pt = cJSON_IsObject(ps) ? first_type(g, ps) : NULL;
            objects = (pt && strcmp(pt, "object") == 0) || model_get(ps, "allOf");
        }
        if (objects || (type && strcmp(type, "object") == 0)) gen_object(g, s, level);
        else gen_value(g, all->child, level);
    } else if (!type) {
        oasv_buf_puts(g->out, "null");
    } else if (strcmp(type, "object") == 0) {
        gen_object(g, s, level);
    } else if (strcmp(type, "array") == 0) {
        gen_array(g, s, level);
    } else if (strcmp(type, "string") == 0) {
        gen_string(g, s);
    } else if (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0) {
        gen_number(g, s, type[0] == 'i');
    } else if (strcmp(type, "boolean") == 0) {
        oasv_buf_puts(g->out, "true");
    } else {
        oasv_buf_puts(g->out, "null");
    }
    g->depth--;
}

void model_generate_example(oasv_doc *doc, oasv_model *m, const cJSON *schema, model_dir dir, oasv_buf *out)
{
    /* Only the (resolved) schema and the direction shape the example: kept by both. */
    static const char dirs[] = "nqr";
    const cJSON *key = model_deref_schema(doc, schema);
    size_t len = 0;
    const char *kept = key ? model_cache_get(&m->examples, key, dirs + dir, 1, &len) : NULL;
    if (kept) { oasv_buf_append(out, kept, len); return; }
    size_t before = out->len;
    gen g;
    memset(&g, 0, sizeof g);
    g.doc = doc;
    g.v30 = m->v30;
    g.dir = dir;
    g.out = out;
    gen_value(&g, schema, 0);
    for (size_t i = 0; i < sizeof g.lists / sizeof *g.lists; i++) oasv_free(g.lists[i]);
    if (key && !out->oom && out->data) model_cache_put(&m->examples, key, dirs + dir, 1, out->data + before, out->len - before);
}
