/* support.c - the schema's arena, error lists and their JSON form. */
#include "validate/schema/schema.h"

#include "load/bare.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/format.h"
#include "util/utf8.h"

#include <math.h>
#include <string.h>

/* MARK: - Arena */

/* Blocks aligned for the widest scalar the structures hold (8 bytes), not max_align_t: small ones then pack densely. */
typedef union sch_word {
    uint64_t u;
    double d;
    void *p;
} sch_word;

struct sch_chunk {
    sch_chunk *next;
    sch_word data[];
};

void *sch_alloc(sch_arena *a, size_t size)
{
    size = (size + sizeof(sch_word) - 1) / sizeof(sch_word) * sizeof(sch_word);
    if (!a->head || a->used + size > a->cap) {
        /* from 1 KB, doubling to 16 KB: a small schema (a test suite's) keeps its two arenas within a page or two */
        size_t cap = a->head ? (a->cap < 16384 ? a->cap * 2 : 16384) : 1024;
        if (cap < size) cap = size;
        sch_chunk *c = oasv_malloc(sizeof *c + cap);
        if (!c) { a->oom = true; return NULL; }
        c->next = a->head;
        a->head = c;
        a->used = 0;
        a->cap = cap;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += size;
    memset(p, 0, size);
    return p;
}

char *sch_strndup(sch_arena *a, const char *s, size_t len)
{
    char *p = sch_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void sch_arena_free(sch_arena *a)
{
    sch_chunk *c = a->head;
    while (c) {
        sch_chunk *next = c->next;
        oasv_free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}

const char *sch_loc(sch_arena *a, const char *prefix, const char *token, size_t len)
{
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, prefix);
    oasv_buf_pointer_token(&b, token, len);
    const char *s = b.oom ? NULL : sch_strndup(a, b.data, b.len);
    if (!s) a->oom = true;
    oasv_buf_free(&b);
    return s ? s : "";
}

/* MARK: - Patterns */

uint32_t sch_literal_prefix(const char *source)
{
    if (source[0] != '^') return 0;
#ifndef OASV_SCHEMA_LEAN
    static const char *const decimal[] = { "^(0|[1-9][0-9]*)$", "^(?:0|[1-9][0-9]*)$", "^(0|[1-9]\\d*)$", "^(?:0|[1-9]\\d*)$" };
    for (size_t i = 0; i < sizeof decimal / sizeof *decimal; i++)
        if (strcmp(source, decimal[i]) == 0) return SCH_PATTERN_DECIMAL;
#endif
    size_t n = 0;
    for (const char *p = source + 1; *p; p++, n++) {
        char c = *p; /* characters that mean themselves with the u flag, outside a class */
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                     c == '/' || c == ':' || c == '@' || c == '~' || c == ' ';
        /* and the bytes of a non-ASCII character ("^á"): none is special, and a prefix of code points is one of bytes */
#ifndef OASV_SCHEMA_LEAN
        if (!plain && (unsigned char)c >= 0x80) {
            size_t len = oasv_utf8_seq_len((uint8_t)c), bad;
            for (size_t k = 1; k < len; k++)
                if (!p[k]) return 0; /* truncated by the end */
            if (len < 2 || !oasv_utf8_valid((const uint8_t *)p, len, &bad)) return 0;
            p += len - 1;
            n += len - 1;
            plain = true;
        }
#endif
        if (!plain || n >= UINT32_MAX - 1) return 0;
    }
    return (uint32_t)n;
}

/* MARK: - Errors */

static char *dup0(const char *s, bool *oom)
{
    if (!s) return NULL;
    char *p = oasv_strndup(s, strlen(s));
    if (!p) *oom = true;
    return p;
}

void sch_errors_add(sch_errors *e, const char *code, const char *message, const char *instance,
                    const char *keyword, const char *absolute)
{
    if (e->oom) return;
    if (e->count == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8;
        oasv_schema_error *items = oasv_realloc(e->items, cap * sizeof *items);
        if (!items) { e->oom = true; return; }
        e->items = items;
        sch_trail *trails = oasv_realloc(e->trails, cap * sizeof *trails);
        if (!trails) { e->oom = true; return; }
        e->trails = trails;
        e->cap = cap;
    }
    e->trails[e->count].f = NULL;
    e->trails[e->count].n = 0;
    oasv_schema_error *x = &e->items[e->count];
    bool oom = false;
    x->code = dup0(code, &oom);
    x->message = dup0(message, &oom);
    x->instance_location = dup0(instance ? instance : "", &oom);
    x->keyword_location = dup0(keyword ? keyword : "", &oom);
    x->absolute_keyword_location = dup0(absolute, &oom);
    e->count++;
    if (oom) e->oom = true;
}

void sch_errors_set_trail(sch_errors *e, sch_frame *f, uint32_t n)
{
    if (e->oom || !e->count || e->trails[e->count - 1].f) { /* the error was not added */
        oasv_free(f);
        return;
    }
    e->trails[e->count - 1].f = f;
    e->trails[e->count - 1].n = n;
}

void sch_errors_free(sch_errors *e)
{
    for (size_t i = 0; i < e->count; i++) {
        oasv_free(e->trails[i].f);
        oasv_free((void *)e->items[i].code);
        oasv_free((void *)e->items[i].message);
        oasv_free((void *)e->items[i].instance_location);
        oasv_free((void *)e->items[i].keyword_location);
        oasv_free((void *)e->items[i].absolute_keyword_location);
    }
    oasv_free(e->items);
    oasv_free(e->trails);
    memset(e, 0, sizeof *e);
}

static void member(oasv_buf *out, const char *name, const char *value, bool comma)
{
    if (comma) oasv_buf_putc(out, ',');
    oasv_buf_json_string(out, name, strlen(name));
    oasv_buf_putc(out, ':');
    oasv_buf_json_string(out, value ? value : "", value ? strlen(value) : 0);
}

void sch_errors_json(const sch_errors *e, bool valid, oasv_buf *out)
{
    oasv_buf_puts(out, valid ? "{\"valid\":true,\"errors\":[" : "{\"valid\":false,\"errors\":[");
    for (size_t i = 0; i < e->count; i++) {
        const oasv_schema_error *x = &e->items[i];
        if (i) oasv_buf_putc(out, ',');
        oasv_buf_putc(out, '{');
        member(out, "instanceLocation", x->instance_location, false);
        member(out, "keywordLocation", x->keyword_location, true);
        if (x->absolute_keyword_location) member(out, "absoluteKeywordLocation", x->absolute_keyword_location, true);
        member(out, "code", x->code, true);
        member(out, "message", x->message, true);
        oasv_buf_putc(out, '}');
    }
    oasv_buf_puts(out, "]}");
}

void sch_num_of(const oasv_tree *tree, const cJSON *j, char buf[40], sch_num *out)
{
    size_t len = 0;
    const char *raw = oasv_number_text(tree, j, &len);
    out->d = j->valuedouble;
    if (raw && len < UINT32_MAX && sch_num_is_json(raw, len)) {
        out->text = raw;
        out->len = (uint32_t)len;
    } else if (isfinite(j->valuedouble)) {
        int n = (int)oasv_snprintf(buf, 40, "%.17g", j->valuedouble);
        out->text = buf;
        out->len = n > 0 && n < 40 ? (uint32_t)n : 0;
        if (!sch_num_is_json(buf, out->len)) out->text = NULL;
    } else {
        out->text = NULL;
        out->len = 0;
    }
}
