/*
 * lint.c - `oasview lint` output in every format (text, json, sarif, github).
 *
 * The native CLI and bin/oasview.mjs (through the wasm exports) print with
 * these functions, so both print the same bytes. Output is made in three
 * parts so that files can be printed as they are read: begin, one part per
 * file, end.
 */
#include "report/report.h"

#include "core/doc.h"
#include "resolve/resolve.h"
#include "util/utf8.h"

#include <string.h>

static void put_string(oasv_buf *out, const char *s) { oasv_buf_json_string(out, s, strlen(s)); }

bool oasv_report_format_parse(const char *name, oasv_report_format *format)
{
    static const char *const names[] = { "text", "json", "sarif", "github" };
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) { *format = (oasv_report_format)i; return true; }
    return false;
}

/* MARK: - Text: the line, the source line, a caret */

#define EXCERPT_MAX 160 /* bytes of a long (minified) line shown around the position */

void oasv_report_excerpt(const oasv_doc *doc, const oasv_diag *d, oasv_buf *out)
{
    if (d->uri) doc = oasv_resolve_document(doc, d->uri); /* the line is in the other document */
    if (!doc || !d->span.line || !doc->text || d->span.offset > doc->len) return;
    const char *text = (const char *)doc->text;
    size_t at = d->span.offset, start = at, end = at;
    /* Look no further than the excerpt can show: a minified document is one long line,
     * and a scan to its ends for every diagnostic would be quadratic. */
    while (start > 0 && at - start <= EXCERPT_MAX / 2 && text[start - 1] != '\n' && text[start - 1] != '\r') start--;
    while (end < doc->len && end - start <= EXCERPT_MAX && text[end] != '\n' && text[end] != '\r') end++;
    bool cut_left = false, cut_right = false;
    if (at - start > EXCERPT_MAX / 2) {
        start = at - EXCERPT_MAX / 2;
        while (start < at && ((unsigned char)text[start] & 0xC0) == 0x80) start++;
        cut_left = true;
    }
    if (end - start > EXCERPT_MAX) {
        end = start + EXCERPT_MAX;
        while (end > at && ((unsigned char)text[end] & 0xC0) == 0x80) end--;
        cut_right = true;
    }
    oasv_buf_printf(out, "%6u | %s", d->span.line, cut_left ? "..." : "");
    oasv_buf_append(out, text + start, end - start);
    oasv_buf_printf(out, "%s\n       | %s", cut_right ? "..." : "", cut_left ? "   " : "");
    /* The caret goes under the character: tabs stay tabs, every other character is one column. */
    for (size_t i = start; i < at; i += oasv_utf8_seq_len((unsigned char)text[i])) oasv_buf_putc(out, text[i] == '\t' ? '\t' : ' ');
    oasv_buf_putc(out, '^');
    size_t span_end = d->span.end_offset < end ? d->span.end_offset : end;
    size_t marks = 0;
    for (size_t i = at + (at < end ? oasv_utf8_seq_len((unsigned char)text[at]) : 1); i < span_end && marks < 80;
         i += oasv_utf8_seq_len((unsigned char)text[i]), marks++)
        oasv_buf_putc(out, '~');
    oasv_buf_putc(out, '\n');
}

/* MARK: - SARIF 2.1.0 */

static const char *sarif_level(oasv_severity s)
{
    return s == OASV_SEVERITY_ERROR ? "error" : s == OASV_SEVERITY_WARNING ? "warning" : "note";
}

static void sarif_begin(oasv_buf *out)
{
    oasv_buf_puts(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
                       "\"name\":\"oasview\",\"version\":\"" OASV_VERSION_STRING "\",\"rules\":[");
    for (size_t i = 0; i < oasv_rule_count(); i++) {
        oasv_severity sev;
        const char *description;
        const char *id = oasv_rule_id(i, &sev, &description);
        if (i) oasv_buf_putc(out, ',');
        oasv_buf_puts(out, "{\"id\":");
        put_string(out, id);
        oasv_buf_puts(out, ",\"shortDescription\":{\"text\":");
        put_string(out, description);
        oasv_buf_printf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}", sarif_level(sev));
    }
    oasv_buf_puts(out, "]}},\"columnKind\":\"utf16CodeUnits\",\"results\":[");
}

static void sarif_file(const oasv_doc *doc, const char *filename, size_t results_before, oasv_buf *out)
{
    size_t n = oasv_doc_diag_count(doc);
    for (size_t i = 0; i < n; i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (results_before + i) oasv_buf_putc(out, ',');
        oasv_buf_puts(out, "{\"ruleId\":");
        put_string(out, d->code);
        oasv_buf_printf(out, ",\"level\":\"%s\",\"message\":{\"text\":", sarif_level(d->severity));
        put_string(out, d->message);
        oasv_buf_puts(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        put_string(out, d->uri ? d->uri : filename);
        oasv_buf_putc(out, '}');
        if (d->span.line)
            oasv_buf_printf(out, ",\"region\":{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u,\"byteOffset\":%u,\"byteLength\":%u}",
                            d->span.line, d->span.column, d->span.end_line, d->span.end_column, d->span.offset,
                            d->span.end_offset - d->span.offset);
        oasv_buf_puts(out, "}");
        if (d->pointer) {
            oasv_buf_puts(out, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
            put_string(out, d->pointer);
            oasv_buf_puts(out, ",\"kind\":\"member\"}]");
        }
        oasv_buf_puts(out, "}]}");
    }
}

/* MARK: - GitHub workflow commands */

/* Escapes of workflow command data (and, with `property`, of property values). */
static void github_escape(oasv_buf *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': oasv_buf_puts(out, "%25"); break;
        case '\r': oasv_buf_puts(out, "%0D"); break;
        case '\n': oasv_buf_puts(out, "%0A"); break;
        case ':': if (property) oasv_buf_puts(out, "%3A"); else oasv_buf_putc(out, ':'); break;
        case ',': if (property) oasv_buf_puts(out, "%2C"); else oasv_buf_putc(out, ','); break;
        default: oasv_buf_putc(out, *s);
        }
    }
}

static void github_file(const oasv_doc *doc, const char *filename, oasv_buf *out)
{
    size_t n = oasv_doc_diag_count(doc);
    for (size_t i = 0; i < n; i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        const char *cmd = d->severity == OASV_SEVERITY_ERROR ? "error" : d->severity == OASV_SEVERITY_WARNING ? "warning" : "notice";
        oasv_buf_printf(out, "::%s file=", cmd);
        github_escape(out, d->uri ? d->uri : filename, true);
        if (d->span.line)
            oasv_buf_printf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u", d->span.line, d->span.column, d->span.end_line, d->span.end_column);
        oasv_buf_puts(out, ",title=");
        github_escape(out, d->code, true);
        oasv_buf_puts(out, "::");
        github_escape(out, d->message, false);
        if (d->pointer && d->pointer[0]) {
            oasv_buf_puts(out, " (at #");
            github_escape(out, d->pointer, false);
            oasv_buf_putc(out, ')');
        }
        oasv_buf_putc(out, '\n');
    }
}

/* MARK: - The three parts */

void oasv_report_lint_begin(oasv_report_format format, oasv_buf *out)
{
    if (format == OASV_REPORT_JSON) oasv_buf_putc(out, '[');
    else if (format == OASV_REPORT_SARIF) sarif_begin(out);
}

void oasv_report_lint_file(oasv_report_format format, const oasv_doc *doc, const char *filename, size_t files_before,
                           size_t results_before, oasv_buf *out)
{
    switch (format) {
    case OASV_REPORT_TEXT: oasv_report_text(doc, filename, out); break;
    case OASV_REPORT_JSON: {
        if (files_before) oasv_buf_putc(out, ',');
        oasv_buf_puts(out, "{\"file\":");
        put_string(out, filename);
        oasv_buf_putc(out, ',');
        oasv_buf result = { 0 };
        oasv_report_json(doc, &result);
        if (result.len > 1) oasv_buf_append(out, result.data + 1, result.len - 1);
        if (result.oom) out->oom = true;
        oasv_buf_free(&result);
        break;
    }
    case OASV_REPORT_SARIF: sarif_file(doc, filename, results_before, out); break;
    case OASV_REPORT_GITHUB: github_file(doc, filename, out); break;
    }
}

void oasv_report_lint_end(oasv_report_format format, size_t errors, size_t warnings, size_t files, oasv_buf *out)
{
    const char *s = errors == 1 ? "" : "s", *ws = warnings == 1 ? "" : "s", *fs = files == 1 ? "" : "s";
    switch (format) {
    case OASV_REPORT_TEXT: oasv_buf_printf(out, "%zu error%s, %zu warning%s in %zu file%s\n", errors, s, warnings, ws, files, fs); break;
    case OASV_REPORT_JSON: oasv_buf_puts(out, "]\n"); break;
    case OASV_REPORT_SARIF: oasv_buf_puts(out, "]}]}\n"); break;
    case OASV_REPORT_GITHUB: break;
    }
}
