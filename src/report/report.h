/*
 * report.h - diagnostics as text for people and as JSON for programs.
 *
 * The native CLI and the wasm module (under `bin/oasview.mjs`) both print
 * through these functions, so they print the same bytes.
 */
#ifndef OASV_REPORT_REPORT_H
#define OASV_REPORT_REPORT_H

#include "oasv.h"
#include "util/buf.h"

/** `{"version":…,"format":…,"valid":…,"diagnostics":[…]}` (DESIGN.md shape). */
void oasv_report_json(const oasv_doc *doc, oasv_buf *out);

/** One diagnostic as a JSON object (with "uri" when it is about another document). */
void oasv_report_json_diag(const oasv_diag *d, oasv_buf *out);

/** `FILE:LINE:COL: SEVERITY CODE: MESSAGE` lines, each followed by its source line and a caret (no summary). */
void oasv_report_text(const oasv_doc *doc, const char *filename, oasv_buf *out);

/** Output formats of `oasview lint`. */
typedef enum oasv_report_format {
    OASV_REPORT_TEXT = 0,  /* FILE:LINE:COL: SEVERITY CODE: MESSAGE, the source line and a caret; a summary line */
    OASV_REPORT_JSON = 1,  /* [{"file":…, …oasv_report_json…}, …] */
    OASV_REPORT_SARIF = 2, /* one SARIF 2.1.0 log, one run, every rule in the driver */
    OASV_REPORT_GITHUB = 3 /* GitHub workflow commands: ::error file=…,line=…,col=…::message */
} oasv_report_format;

/** "text", "json", "sarif" or "github"; false for anything else. */
bool oasv_report_format_parse(const char *name, oasv_report_format *format);

/** What comes before the first file. */
void oasv_report_lint_begin(oasv_report_format format, oasv_buf *out);
/**
 * One file's diagnostics. `files_before`: files printed before this one;
 * `results_before`: diagnostics printed before this file (both CLIs count them).
 */
void oasv_report_lint_file(oasv_report_format format, const oasv_doc *doc, const char *filename, size_t files_before,
                           size_t results_before, oasv_buf *out);
/** What comes after the last file (the text format's summary line). */
void oasv_report_lint_end(oasv_report_format format, size_t errors, size_t warnings, size_t files, oasv_buf *out);

/** The source line of a diagnostic and a caret under its start (two lines), or nothing without a position.
 *  A diagnostic with a uri shows the line of that document. */
void oasv_report_excerpt(const oasv_doc *doc, const oasv_diag *d, oasv_buf *out);

/** A subtree as compact JSON; numbers as written when that is JSON (see oasv_doc_tree_json). */
struct oasv_tree;
struct cJSON;
void oasv_report_tree_json(const struct oasv_tree *tree, const struct cJSON *node, oasv_buf *out);

#endif
