/*
 * diag.h - adding diagnostics to a document.
 *
 * Positions are given as byte ranges of the document's text; line and
 * column are worked out here, once, when the diagnostic is made.
 */
#ifndef OASV_CORE_DIAG_H
#define OASV_CORE_DIAG_H

#include "core/doc.h"

#if defined(__GNUC__)
#define OASV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define OASV_PRINTF(f, a)
#endif

/** Report at the byte range [start, end) with an explicit JSON pointer. */
OASV_PRINTF(7, 8)
void oasv_diag_at(oasv_doc *doc, oasv_severity severity, const char *code, const char *pointer,
                  size_t start, size_t end, const char *fmt, ...);

/** Report at a node's value (or, with at_key, at its key); the pointer is the node's. */
OASV_PRINTF(6, 7)
void oasv_diag_node(oasv_doc *doc, oasv_severity severity, const char *code, const cJSON *node,
                    bool at_key, const char *fmt, ...);

/** Report at a node of `in`, another document read through the resolver (or `doc` itself): the pointer,
 *  line and column are in `in`, and the diagnostic names it by its URI. */
OASV_PRINTF(7, 8)
void oasv_diag_node_in(oasv_doc *doc, const oasv_doc *in, oasv_severity severity, const char *code, const cJSON *node,
                       bool at_key, const char *fmt, ...);

/** Say a diagnostic of `in` (another document read through the resolver, e.g. its loader's `duplicate-key`)
 *  about `doc`, naming `in` by its URI. */
void oasv_diag_copy_in(oasv_doc *doc, const oasv_doc *in, const oasv_diag *d);

/** Report with no position (e.g. an empty input). */
OASV_PRINTF(4, 5)
void oasv_diag_nowhere(oasv_doc *doc, oasv_severity severity, const char *code, const char *fmt, ...);

/** After loading: say how many diagnostics went past limits.max_diagnostics, if any did. */
void oasv_diag_finish(oasv_doc *doc);

void oasv_diags_free(oasv_doc *doc);

#endif
