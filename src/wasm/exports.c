/*
 * exports.c - the wasm module's entry points (listed in exports.txt).
 *
 * Few and coarse: JS copies text in, gets a handle, reads one JSON result,
 * and frees the handle. Pointers never leave web/oasview.mjs.
 */
#include "oasv.h"
#include "report/report.h"
#include "util/mem.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/** Memory for JS to copy input into; free it with oasv_wasm_free(). */
void *oasv_wasm_malloc(size_t size) { return malloc(size ? size : 1); }

void oasv_wasm_free(void *ptr) { free(ptr); }

/**
 * Load a document. `filename` may be NULL. Limits of 0 take the defaults.
 * @return the document handle, or NULL when out of memory
 */
oasv_doc *oasv_wasm_load(const char *src, size_t len, const char *filename, uint32_t format,
                         uint32_t max_input_bytes, uint32_t max_depth, uint32_t max_alias_nodes)
{
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = format <= OASV_FORMAT_YAML ? (oasv_format)format : OASV_FORMAT_AUTO;
    opts.filename = filename;
    opts.limits.max_input_bytes = max_input_bytes;
    opts.limits.max_depth = max_depth;
    opts.limits.max_alias_nodes = max_alias_nodes;
    oasv_doc *doc = NULL;
    return oasv_load(src, len, &opts, &doc) == OASV_OK ? doc : NULL;
}

/** The load result as JSON text (owned by the document), or NULL when out of memory. */
const char *oasv_wasm_result(oasv_doc *doc) { return oasv_doc_result_json(doc, NULL); }

/** Length in bytes of oasv_wasm_result()'s text. */
size_t oasv_wasm_result_len(oasv_doc *doc)
{
    size_t len = 0;
    return oasv_doc_result_json(doc, &len) ? len : 0;
}

/** The diagnostics as the CLI's text lines, NUL-terminated; free with oasv_wasm_free(). */
char *oasv_wasm_text(oasv_doc *doc, const char *filename)
{
    oasv_buf b = { 0 };
    oasv_report_text(doc, filename ? filename : "<input>", &b);
    return oasv_buf_take(&b);
}

void oasv_wasm_doc_free(oasv_doc *doc) { oasv_doc_free(doc); }

/** The document tree as JSON text (owned by the document), or NULL. */
const char *oasv_wasm_tree_json(oasv_doc *doc) { return oasv_doc_tree_json(doc, NULL); }

size_t oasv_wasm_tree_json_len(oasv_doc *doc)
{
    size_t len = 0;
    return oasv_doc_tree_json(doc, &len) ? len : 0;
}

/* The span found by the last oasv_wasm_locate(), read by JS as six uint32s. */
static oasv_span located;

/** Locate a pointer; returns the address of six uint32s (offset, end, line, column, endLine, endColumn) or NULL. */
const oasv_span *oasv_wasm_locate(oasv_doc *doc, const char *pointer, uint32_t key)
{
    return oasv_doc_locate(doc, pointer, key != 0, &located) ? &located : NULL;
}

/** Bytes of the wasm heap in use by malloc (leak checks). */
size_t oasv_wasm_heap_used(void) { return mallinfo().uordblks; }
