/* json.c - the load result and diagnostics as JSON (DESIGN.md, "Diagnostics"). */
#include "report/report.h"

#include <string.h>

static void put_string(oasv_buf *out, const char *s) { oasv_buf_json_string(out, s, strlen(s)); }

void oasv_report_json_diag(const oasv_diag *d, oasv_buf *out)
{
    oasv_buf_puts(out, "{\"severity\":");
    put_string(out, oasv_severity_name(d->severity));
    oasv_buf_puts(out, ",\"code\":");
    put_string(out, d->code);
    oasv_buf_puts(out, ",\"message\":");
    put_string(out, d->message);
    if (d->uri) { /* another document read through the resolver: pointer and position are in it */
        oasv_buf_puts(out, ",\"uri\":");
        put_string(out, d->uri);
    }
    oasv_buf_puts(out, ",\"pointer\":");
    put_string(out, d->pointer ? d->pointer : "");
    if (d->span.line) {
        oasv_buf_printf(out, ",\"line\":%u,\"column\":%u,\"endLine\":%u,\"endColumn\":%u,\"offset\":%u,\"endOffset\":%u",
                        d->span.line, d->span.column, d->span.end_line, d->span.end_column, d->span.offset, d->span.end_offset);
    }
    if (d->schema_pointer) {
        oasv_buf_puts(out, ",\"schemaPointer\":");
        put_string(out, d->schema_pointer);
    }
    oasv_buf_putc(out, '}');
}

void oasv_report_json(const oasv_doc *doc, oasv_buf *out)
{
    const char *version = oasv_doc_version(doc);
    oasv_buf_puts(out, "{\"version\":");
    if (version) put_string(out, version);
    else oasv_buf_puts(out, "null");
    const char *title = oasv_doc_title(doc);
    oasv_buf_puts(out, ",\"title\":");
    if (title) put_string(out, title);
    else oasv_buf_puts(out, "null");
    oasv_buf_puts(out, ",\"format\":");
    put_string(out, oasv_doc_format(doc) == OASV_FORMAT_JSON ? "json" : "yaml");
    oasv_buf_printf(out, ",\"valid\":%s,\"diagnostics\":[", oasv_doc_valid(doc) ? "true" : "false");
    size_t n = oasv_doc_diag_count(doc);
    for (size_t i = 0; i < n; i++) {
        if (i) oasv_buf_putc(out, ',');
        oasv_report_json_diag(oasv_doc_diag(doc, i), out);
    }
    oasv_buf_puts(out, "]}");
}
