/* text.c - diagnostics for people: one line each, compiler style. */
#include "report/report.h"

void oasv_report_text(const oasv_doc *doc, const char *filename, oasv_buf *out)
{
    size_t n = oasv_doc_diag_count(doc);
    for (size_t i = 0; i < n; i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        oasv_buf_puts(out, d->uri ? d->uri : filename); /* the other document a diagnostic is about */
        if (d->span.line) oasv_buf_printf(out, ":%u:%u", d->span.line, d->span.column);
        oasv_buf_printf(out, ": %s %s: %s", oasv_severity_name(d->severity), d->code, d->message);
        if (d->pointer && d->pointer[0]) oasv_buf_printf(out, " (at #%s)", d->pointer);
        oasv_buf_putc(out, '\n');
        oasv_report_excerpt(doc, d, out);
    }
}
