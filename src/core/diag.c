#include "core/diag.h"

#include "core/rules.h"

#include "util/buf.h"
#include "util/mem.h"

#include <string.h>

static oasv_diag *push(oasv_doc *doc)
{
    if (doc->diag_count == doc->diag_cap) {
        size_t cap = doc->diag_cap ? doc->diag_cap * 2 : 16;
        oasv_diag *d = oasv_realloc(doc->diags, cap * sizeof *d);
        if (!d) { doc->oom = true; return NULL; }
        doc->diags = d;
        doc->diag_cap = cap;
    }
    oasv_diag *d = &doc->diags[doc->diag_count];
    memset(d, 0, sizeof *d);
    return d;
}

/* `in`: the document the position is in (NULL: `doc`). */
static void add(oasv_doc *doc, const oasv_doc *in, oasv_severity severity, const char *code, char *pointer,
                bool positioned, size_t start, size_t end, const char *fmt, va_list ap)
{
    int setting = oasv_rules_setting(doc->rules, code); /* a configuration may change or drop it */
    if (setting == OASV_RULE_OFF) { oasv_free(pointer); return; }
    if (setting != OASV_RULE_DEFAULT) severity = (oasv_severity)setting;
    if (doc->diag_count >= doc->limits.max_diagnostics) {
        doc->dropped++;
        doc->dropped_errors += severity == OASV_SEVERITY_ERROR;
        oasv_free(pointer);
        return;
    }
    oasv_buf message = { 0 };
    oasv_buf_vprintf(&message, fmt, ap);
    char *text = oasv_buf_take(&message);
    oasv_diag *d = text && pointer ? push(doc) : NULL;
    if (!d) {
        doc->oom = true;
        oasv_free(text);
        oasv_free(pointer);
        return;
    }
    d->severity = severity;
    d->code = code;
    d->message = text;
    d->pointer = pointer;
    /* Another document's line index is filled on first use, like the main one's (it is owned by the
     * resolution state of `doc`, which is what is being changed here). */
    oasv_lines *lines = in && in != doc ? (oasv_lines *)&in->lines : &doc->lines;
    if (in && in != doc) d->uri = in->filename;
    if (positioned) {
        if (end < start) end = start;
        d->span.offset = (uint32_t)start;
        d->span.end_offset = (uint32_t)end;
        if (!oasv_lines_locate(lines, start, &d->span.line, &d->span.column) ||
            !oasv_lines_locate(lines, end, &d->span.end_line, &d->span.end_column))
            doc->oom = true;
    }
    doc->diag_count++;
}

void oasv_diag_at(oasv_doc *doc, oasv_severity severity, const char *code, const char *pointer,
                  size_t start, size_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(doc, NULL, severity, code, oasv_strndup(pointer, strlen(pointer)), true, start, end, fmt, ap);
    va_end(ap);
}

static void add_node(oasv_doc *doc, const oasv_doc *in, oasv_severity severity, const char *code, const cJSON *node,
                     bool at_key, const char *fmt, va_list ap)
{
    const oasv_node_info *info = oasv_tree_info(&in->tree, node);
    oasv_buf pointer = { 0 };
    oasv_tree_pointer(&in->tree, node, &pointer);
    if (at_key && info->key_end > info->key_start)
        add(doc, in, severity, code, oasv_buf_take(&pointer), true, info->key_start, info->key_end, fmt, ap);
    else
        add(doc, in, severity, code, oasv_buf_take(&pointer), true, info->start, info->end, fmt, ap);
}

void oasv_diag_node(oasv_doc *doc, oasv_severity severity, const char *code, const cJSON *node,
                    bool at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_node(doc, doc, severity, code, node, at_key, fmt, ap);
    va_end(ap);
}

void oasv_diag_node_in(oasv_doc *doc, const oasv_doc *in, oasv_severity severity, const char *code, const cJSON *node,
                       bool at_key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_node(doc, in ? in : doc, severity, code, node, at_key, fmt, ap);
    va_end(ap);
}

/* add() with a ready-made message. */
static void add_message(oasv_doc *doc, const oasv_doc *in, oasv_severity severity, const char *code, char *pointer,
                        bool positioned, size_t start, size_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(doc, in, severity, code, pointer, positioned, start, end, fmt, ap);
    va_end(ap);
}

void oasv_diag_copy_in(oasv_doc *doc, const oasv_doc *in, const oasv_diag *d)
{
    const char *pointer = d->pointer ? d->pointer : "";
    add_message(doc, in, d->severity, d->code, oasv_strndup(pointer, strlen(pointer)), d->span.line != 0, d->span.offset,
                d->span.end_offset, "%s", d->message);
}

void oasv_diag_nowhere(oasv_doc *doc, oasv_severity severity, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(doc, NULL, severity, code, oasv_strndup("", 0), false, 0, 0, fmt, ap);
    va_end(ap);
}

void oasv_diag_finish(oasv_doc *doc)
{
    if (!doc->dropped) return;
    size_t keep = doc->limits.max_diagnostics;
    doc->limits.max_diagnostics = UINT32_MAX; /* this one always goes in */
    oasv_diag_nowhere(doc, doc->dropped_errors ? OASV_SEVERITY_ERROR : OASV_SEVERITY_WARNING, "too-many-diagnostics",
                      "%zu more diagnostics (%zu of them errors) were not kept: the limit max_diagnostics is %zu",
                      doc->dropped, doc->dropped_errors, keep);
    doc->limits.max_diagnostics = (uint32_t)keep;
}

void oasv_diags_free(oasv_doc *doc)
{
    for (size_t i = 0; i < doc->diag_count; i++) {
        oasv_free((void *)doc->diags[i].message);
        oasv_free((void *)doc->diags[i].pointer);
        oasv_free((void *)doc->diags[i].schema_pointer);
    }
    oasv_free(doc->diags);
    doc->diags = NULL;
    doc->diag_count = doc->diag_cap = 0;
}
