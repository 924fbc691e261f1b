/*
 * yaml.c - YAML 1.2 text to the document tree, through libyaml's events.
 *
 * libyaml gives events with marks in characters; this file turns them into
 * byte offsets and hands them to the builder (yaml_build.c). It also says
 * what OpenAPI cannot use at the stream level (several documents, other
 * YAML versions). oasv_load_yaml() tries the hand-written scanner of the
 * common subset (yaml_fast.c) first; libyaml reads everything else, and
 * its messages are the ones users see for bad YAML.
 * Nothing outside src/load/ sees a yaml_event_t.
 */
#include "load/load.h"

#include "core/diag.h"
#include "load/yaml_build.h"
#include "load/yaml_fast.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <string.h>
#include <yaml.h>

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

/* The libyaml front end: the parser, its character marks, and the builder it feeds. */
typedef struct reader {
    yaml_builder b;
    yaml_parser_t parser;
    cursor cur;
    int documents;
} reader;

static void syntax_error(reader *r)
{
    yaml_parser_t *p = &r->parser;
    yaml_builder *b = &r->b;
    if (p->error == YAML_MEMORY_ERROR) { oasv_yaml_build_oom(b); return; }
    uint32_t at = to_offset(&r->cur, p->problem_mark.index);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context) {
        uint32_t ctx = to_offset(&r->cur, p->context_mark.index);
        uint32_t line, col;
        if (!oasv_lines_locate(&b->doc->lines, ctx, &line, &col)) { oasv_yaml_build_oom(b); return; }
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-syntax", at, at + 1, "YAML: %s %s (which began at line %u, column %u)",
                               problem, p->context, line, col);
    } else {
        oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-syntax", at, at + 1, "YAML: %s", problem);
    }
    b->failed = true;
}

static void load_with_libyaml(oasv_doc *doc, size_t start)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.cur = (cursor){ doc->text, doc->len, 0, start, start, oasv_utf8_is_ascii(doc->text + start, doc->len - start) };
    if (!oasv_yaml_build_begin(&r.b, doc)) return;
    if (!yaml_parser_initialize(&r.parser)) { doc->oom = true; oasv_yaml_build_finish(&r.b); return; }
    yaml_parser_set_input_string(&r.parser, doc->text + start, doc->len - start);
    yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
    yaml_builder *b = &r.b;

    bool done = false;
    while (!done && !b->failed) {
        yaml_event_t e;
        if (!yaml_parser_parse(&r.parser, &e)) { syntax_error(&r); break; }
        uint32_t s = to_offset(&r.cur, e.start_mark.index);
        uint32_t en = to_offset(&r.cur, e.end_mark.index);
        switch (e.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++r.documents > 1) {
                oasv_yaml_build_report(b, OASV_SEVERITY_ERROR, "yaml-multiple-documents", s, en > s ? en : s + 1,
                       "the text holds more than one YAML document; an OpenAPI description is exactly one (remove this '---' and what follows, or split the file)");
                b->failed = true;
            } else if (e.data.document_start.version_directive &&
                       !(e.data.document_start.version_directive->major == 1 && e.data.document_start.version_directive->minor == 2)) {
                oasv_yaml_build_report(b, OASV_SEVERITY_WARNING, "yaml-version", s, en, "%%YAML %d.%d: the document is read as YAML 1.2, as OpenAPI requires",
                       e.data.document_start.version_directive->major, e.data.document_start.version_directive->minor);
            }
            break;
        case YAML_SCALAR_EVENT:
            oasv_yaml_build_scalar(b, (const char *)e.data.scalar.value, e.data.scalar.length,
                                   e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE, (const char *)e.data.scalar.tag,
                                   (const char *)e.data.scalar.anchor, s, en);
            break;
        case YAML_SEQUENCE_START_EVENT:
            oasv_yaml_build_start(b, false, (const char *)e.data.sequence_start.tag, (const char *)e.data.sequence_start.anchor, s);
            break;
        case YAML_MAPPING_START_EVENT:
            oasv_yaml_build_start(b, true, (const char *)e.data.mapping_start.tag, (const char *)e.data.mapping_start.anchor, s);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: oasv_yaml_build_end(b, en); break;
        case YAML_ALIAS_EVENT: oasv_yaml_build_alias(b, (const char *)e.data.alias.anchor, s, en); break;
        default: break;
        }
        yaml_event_delete(&e);
    }
    if (!b->failed && r.documents == 0)
        oasv_diag_nowhere(doc, OASV_SEVERITY_ERROR, "empty-document", "the document is empty");
    oasv_yaml_build_finish(b);
    yaml_parser_delete(&r.parser);
}

void oasv_load_yaml(oasv_doc *doc, size_t start)
{
#ifdef OASV_YAML_LIBYAML_ONLY /* the docs viewer's wasm (CMakeLists.txt): no room in its page weight for the fast reader */
    load_with_libyaml(doc, start);
#else
    if (doc->flags & OASV_LOAD_YAML_LIBYAML_ONLY) load_with_libyaml(doc, start);
    else if (doc->flags & OASV_LOAD_YAML_FAST_ONLY) (void)oasv_load_yaml_fast(doc, start);
    else if (!oasv_load_yaml_fast(doc, start)) load_with_libyaml(doc, start);
#endif
}
