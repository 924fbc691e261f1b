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

/** One diagnostic as a JSON object. */
void oasv_report_json_diag(const oasv_diag *d, oasv_buf *out);

/** `FILE:LINE:COL: SEVERITY CODE: MESSAGE` lines, then nothing else (no summary). */
void oasv_report_text(const oasv_doc *doc, const char *filename, oasv_buf *out);

/** A subtree as compact JSON; numbers as written when that is JSON (see oasv_doc_tree_json). */
struct oasv_tree;
struct cJSON;
void oasv_report_tree_json(const struct oasv_tree *tree, const struct cJSON *node, oasv_buf *out);

#endif
