/*
 * output.c - the "detailed" output format of JSON Schema 2020-12 (§12.4.3),
 * rebuilt from the flat error list: each error carries the applicator frames
 * it passed through (eval.c), so errors sharing a frame (same keyword path and
 * same instance location) become siblings under it. Frames with one child are
 * replaced by that child; the root stays, so the result always has `valid`.
 */
#include "validate/schema/schema.h"

#include "util/buf.h"
#include "util/mem.h"

#include <string.h>

typedef struct out_node out_node;
struct out_node {
    const char *kw;   /* keywordLocation: kw_len bytes */
    size_t kw_len;
    const char *inst; /* instanceLocation: inst_len bytes */
    size_t inst_len;
    const char *abs;  /* NULL when unknown */
    const oasv_schema_error *leaf; /* an error, or NULL for a frame */
    out_node *first, *last, *next;
};

/* Bytes of the first `depth` tokens of a JSON pointer. */
static size_t pointer_prefix(const char *p, uint32_t depth)
{
    size_t i = 0;
    for (uint32_t d = 0; p[i] && d <= depth; i++)
        if (p[i] == '/' && ++d > depth) return i;
    return strlen(p);
}

static out_node *child(sch_arena *a, out_node *parent)
{
    out_node *n = sch_alloc(a, sizeof *n);
    if (!n) return NULL;
    if (parent->last) parent->last->next = n;
    else parent->first = n;
    parent->last = n;
    return n;
}

/* The frame child of `parent` at these locations, made when missing. */
static out_node *frame(sch_arena *a, out_node *parent, const char *kw, size_t kw_len, const char *inst, size_t inst_len,
                       const char *abs)
{
    for (out_node *c = parent->first; c; c = c->next)
        if (!c->leaf && c->kw_len == kw_len && c->inst_len == inst_len && !memcmp(c->kw, kw, kw_len) &&
            !memcmp(c->inst, inst, inst_len))
            return c;
    out_node *n = child(a, parent);
    if (!n) return NULL;
    n->kw = kw, n->kw_len = kw_len, n->inst = inst, n->inst_len = inst_len, n->abs = abs;
    return n;
}

static void put_member(oasv_buf *out, const char *name, const char *value, size_t len)
{
    oasv_buf_putc(out, ',');
    oasv_buf_json_string(out, name, strlen(name));
    oasv_buf_putc(out, ':');
    oasv_buf_json_string(out, value, len);
}

static void emit(oasv_buf *out, const out_node *n, bool root)
{
    while (!root && !n->leaf && n->first && !n->first->next) n = n->first; /* one child: it stands for the frame */
    oasv_buf_puts(out, "{\"valid\":false");
    put_member(out, "keywordLocation", n->kw, n->kw_len);
    if (n->abs) put_member(out, "absoluteKeywordLocation", n->abs, strlen(n->abs));
    put_member(out, "instanceLocation", n->inst, n->inst_len);
    if (n->leaf) {
        put_member(out, "code", n->leaf->code, strlen(n->leaf->code));
        put_member(out, "error", n->leaf->message, strlen(n->leaf->message));
    } else {
        oasv_buf_puts(out, ",\"errors\":[");
        for (const out_node *c = n->first; c; c = c->next) {
            if (c != n->first) oasv_buf_putc(out, ',');
            emit(out, c, false);
        }
        oasv_buf_putc(out, ']');
    }
    oasv_buf_putc(out, '}');
}

void sch_errors_detailed_json(const sch_errors *e, bool valid, oasv_buf *out)
{
    if (valid && !e->count) {
        oasv_buf_puts(out, "{\"valid\":true,\"keywordLocation\":\"\",\"instanceLocation\":\"\"}");
        return;
    }
    sch_arena a = { 0 };
    out_node root;
    memset(&root, 0, sizeof root);
    root.kw = root.inst = "";
    for (size_t i = 0; i < e->count && !a.oom; i++) {
        const oasv_schema_error *x = &e->items[i];
        const sch_trail *t = &e->trails[i];
        if (t->n && !root.abs) root.abs = t->f[0].abs;
        out_node *at = &root;
        for (uint32_t j = 1; j < t->n && at; j++) /* frame 0 is the root */
            at = frame(&a, at, x->keyword_location, t->f[j].kw_len, x->instance_location,
                       pointer_prefix(x->instance_location, t->f[j].inst_depth), t->f[j].abs);
        out_node *leaf = at ? child(&a, at) : NULL;
        if (!leaf) break;
        leaf->kw = x->keyword_location, leaf->kw_len = strlen(x->keyword_location);
        leaf->inst = x->instance_location, leaf->inst_len = strlen(x->instance_location);
        leaf->abs = x->absolute_keyword_location;
        leaf->leaf = x;
    }
    if (a.oom) out->oom = true;
    else emit(out, &root, true);
    sch_arena_free(&a);
}
