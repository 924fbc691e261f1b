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

static void add(oasv_doc *doc, oasv_severity severity, const char *code, char *pointer,
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
    if (positioned) {
        if (end < start) end = start;
        d->span.offset = (uint32_t)start;
        d->span.end_offset = (uint32_t)end;
        if (!oasv_lines_locate(&doc->lines, start, &d->span.line, &d->span.column) ||
            !oasv_lines_locate(&doc->lines, end, &d->span.end_line, &d->span.end_column))
            doc->oom = true;
    }
    doc->diag_count++;
}

void oasv_diag_at(oasv_doc *doc, oasv_severity severity, const char *code, const char *pointer,
                  size_t start, size_t end, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(doc, severity, code, oasv_strndup(pointer, strlen(pointer)), true, start, end, fmt, ap);
    va_end(ap);
}

void oasv_diag_node(oasv_doc *doc, oasv_severity severity, const char *code, const cJSON *node,
                    bool at_key, const char *fmt, ...)
{
    const oasv_node_info *info = oasv_tree_info(&doc->tree, node);
    oasv_buf pointer = { 0 };
    oasv_tree_pointer(&doc->tree, node, &pointer);
    va_list ap;
    va_start(ap, fmt);
    if (at_key && info->key_end > info->key_start)
        add(doc, severity, code, oasv_buf_take(&pointer), true, info->key_start, info->key_end, fmt, ap);
    else
        add(doc, severity, code, oasv_buf_take(&pointer), true, info->start, info->end, fmt, ap);
    va_end(ap);
}

void oasv_diag_nowhere(oasv_doc *doc, oasv_severity severity, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(doc, severity, code, oasv_strndup("", 0), false, 0, 0, fmt, ap);
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
