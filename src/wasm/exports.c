/*
 * exports.c - the wasm module's entry points (listed in exports.txt).
 *
 * Few and coarse: JS copies text in, gets a handle, reads one JSON result,
 * and frees the handle. Pointers never leave web/oasview.mjs.
 */
#include "oasv.h"
#include "report/report.h"
#include "util/mem.h"
#include "validate/schema/schema.h"

#ifdef __EMSCRIPTEN__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

/** Memory for JS to copy input into; free it with oasv_wasm_free(). */
void *oasv_wasm_malloc(size_t size) { return malloc(size ? size : 1); }

void *oasv_wasm_realloc(void *ptr, size_t size) { return realloc(ptr, size ? size : 1); }

void oasv_wasm_free(void *ptr) { free(ptr); }

/**
 * Load a document. `src` (from oasv_wasm_malloc, at least len + 1 bytes) is
 * adopted by the document: JS must not free it. `filename` may be NULL.
 * Limits of 0 take the defaults.
 * @return the document handle, or NULL when out of memory
 */
oasv_doc *oasv_wasm_load(char *src, size_t len, const char *filename, uint32_t format,
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
    return oasv_load_adopt(src, len, &opts, &doc) == OASV_OK ? doc : NULL;
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

#ifdef __EMSCRIPTEN__
/** Bytes of the wasm heap in use by malloc (leak checks). */
size_t oasv_wasm_heap_used(void) { return mallinfo().uordblks; }

/** The most bytes the heap has ever taken from wasm memory (dlmalloc's max footprint): peak memory. */
size_t oasv_wasm_heap_peak(void) { return (size_t)mallinfo().usmblks; }

/* dlmalloc's (emscripten's malloc): past the limit, malloc returns NULL instead of growing the heap. */
size_t malloc_set_footprint_limit(size_t bytes);

/**
 * Cap the heap at `bytes` (rounded up to 4 KiB, the heap's granularity; 0: no cap). An allocation that
 * would grow the heap past it fails, and the call that needed it reports
 * out of memory (leaking nothing), so the module stays usable.
 * @return the cap now in effect (0: none)
 */
size_t oasv_wasm_set_memory_limit(size_t bytes)
{
    /* dlmalloc sets its granularity on first use, and the limit is rounded to it: allocate once
     * (through a volatile, or the compiler drops the pair) before the first call can have. */
    void *volatile first = malloc(1);
    free(first);
    return malloc_set_footprint_limit(bytes ? bytes : (size_t)-1);
}
#else
/* Natively (the fuzz harness compiles this file): no heap figures, no cap. */
size_t oasv_wasm_heap_used(void) { return 0; }
size_t oasv_wasm_heap_peak(void) { return 0; }
size_t oasv_wasm_set_memory_limit(size_t bytes) { (void)bytes; return 0; }
#endif

/* MARK: - JSON Schema */

/**
 * Compile a schema. `table` holds `count` triples of uint32 (uri pointer,
 * text pointer, text length) naming resources; `flags` bit 0 turns format
 * assertion on. Limits of 0 take the defaults.
 * @return the schema (check oasv_wasm_schema_ok), or NULL when out of memory
 */
oasv_schema *oasv_wasm_schema_compile(const char *src, size_t len, const uint32_t *table, uint32_t count,
                                      uint32_t flags, uint32_t max_depth, uint32_t max_steps)
{
    oasv_schema_resource *res = count ? calloc(count, sizeof *res) : NULL;
    if (count && !res) return NULL;
    for (uint32_t i = 0; i < count; i++) {
        res[i].uri = (const char *)(uintptr_t)table[3 * i];
        res[i].text = (const char *)(uintptr_t)table[3 * i + 1];
        res[i].len = table[3 * i + 2];
    }
    oasv_schema_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_SCHEMA_OPTIONS_VERSION;
    opts.resources = res;
    opts.resource_count = count;
    opts.format_assertion = (flags & 1) != 0;
    opts.max_depth = max_depth;
    opts.max_steps = max_steps;
    oasv_schema *schema = NULL;
    oasv_status st = oasv_schema_compile(src, len, &opts, &schema);
    free(res);
    return st == OASV_OK ? schema : NULL;
}

/** 1 when the schema compiled without errors. */
uint32_t oasv_wasm_schema_ok(oasv_schema *schema) { return oasv_schema_ok(schema) ? 1 : 0; }

/** The compile errors as JSON (owned by the schema), or NULL when out of memory. */
const char *oasv_wasm_schema_errors(oasv_schema *schema) { return oasv_schema_errors_json(schema, NULL); }

size_t oasv_wasm_schema_errors_len(oasv_schema *schema)
{
    size_t len = 0;
    return oasv_schema_errors_json(schema, &len) ? len : 0;
}

void oasv_wasm_schema_free(oasv_schema *schema) { oasv_schema_free(schema); }

/** Validate JSON or YAML text; returns the result, or NULL when out of memory (or the schema is not ok). */
oasv_schema_result *oasv_wasm_schema_validate(oasv_schema *schema, const char *src, size_t len)
{
    oasv_schema_result *r = NULL;
    return oasv_schema_validate(schema, src, len, &r) == OASV_OK ? r : NULL;
}

/** The result as JSON (owned by the result), or NULL when out of memory. */
const char *oasv_wasm_schema_result(oasv_schema_result *r) { return oasv_schema_result_json(r, NULL); }

size_t oasv_wasm_schema_result_len(oasv_schema_result *r)
{
    size_t len = 0;
    return oasv_schema_result_json(r, &len) ? len : 0;
}

/** The result in JSON Schema's "detailed" output format (owned by the result), or NULL when out of memory. */
const char *oasv_wasm_schema_result_detailed(oasv_schema_result *r) { return oasv_schema_result_json_detailed(r, NULL); }

size_t oasv_wasm_schema_result_detailed_len(oasv_schema_result *r)
{
    size_t len = 0;
    return oasv_schema_result_json_detailed(r, &len) ? len : 0;
}

void oasv_wasm_schema_result_free(oasv_schema_result *r) { oasv_schema_result_free(r); }

/*
 * The instance path that JS takes first: it encodes the instance into one
 * reusable input buffer, oasv_wasm_schema_run() parses it there in place
 * (load/bare.h) with trees from one reusable arena, and answers with an
 * integer, so a valid instance costs no allocation and no JSON.
 */
static char *schema_input;
static size_t schema_input_cap; /* bytes of text it holds, plus one for a NUL */
static oasv_bare schema_arena;
static oasv_schema_result *schema_detail;

/**
 * The input buffer, made to hold exactly `size` bytes of text (its content
 * is not kept). JS keeps a small one and takes a big one only for the call
 * that needs it, so the heap is the same after every call.
 * @return the buffer, or NULL when out of memory (the previous one then stays)
 */
char *oasv_wasm_schema_input(size_t size)
{
    if (size + 1 == schema_input_cap) return schema_input;
    char *p = malloc(size + 1);
    if (!p) return NULL;
    free(schema_input);
    schema_input = p;
    schema_input_cap = size + 1;
    return p;
}

/**
 * Validate the `len` bytes of JSON text in the input buffer (which this
 * changes). With `detail`, an invalid instance's result is kept for
 * oasv_wasm_schema_run_result().
 * @return 1 valid, 0 invalid, -1 out of memory, -2 not plain JSON within the
 *         limits (validate a copy with oasv_wasm_schema_validate instead)
 */
int32_t oasv_wasm_schema_run(oasv_schema *schema, size_t len, uint32_t detail)
{
    if (schema_detail) {
        oasv_schema_result_free(schema_detail);
        schema_detail = NULL;
    }
    if (len + 1 > schema_input_cap) return -2;
    schema_input[len] = '\0';
    return sch_run_in_place(schema, &schema_arena, schema_input, len, detail != 0, &schema_detail); /* resets the arena */
}

/** The detailed result of the last run (free it with oasv_wasm_schema_result_free), or NULL. */
oasv_schema_result *oasv_wasm_schema_run_result(void)
{
    oasv_schema_result *r = schema_detail;
    schema_detail = NULL;
    return r;
}

/* MARK: - Validation options and lint output (issue 4) */

/*
 * External documents: the module never asks the host for anything during a
 * call (its one import is memory growth), and a JS resolver may be async. So
 * JS loads, reads which URIs the load asked for and the registry lacked,
 * resolves them, puts the texts (or why not) in the registry, and loads again
 * until nothing new is asked for (web/oasview.mjs, "External documents").
 */
typedef struct wasm_ref_doc {
    char *uri;
    char *text;  /* NULL: not served (`error` says why, or NULL: the host does not serve it) */
    size_t len;
    char *error;
} wasm_ref_doc;

typedef struct oasv_wasm_docs {
    wasm_ref_doc *items;
    size_t count, cap;
    oasv_buf missing; /* a JSON array, without its brackets, of URIs asked for and not known */
} oasv_wasm_docs;

/* The registry of the load in progress. Documents keep &registry_resolver after their load; a later
 * lookup (lazy resolution by the model) finds no load in progress and is not served. */
static oasv_wasm_docs *loading;

static const char *registry_lookup(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)ctx;
    if (!loading) return NULL;
    for (size_t i = 0; i < loading->count; i++) {
        const wasm_ref_doc *d = &loading->items[i];
        if (strcmp(d->uri, uri) != 0) continue;
        *len = d->len;
        *error = d->error;
        return d->text;
    }
    if (loading->missing.len) oasv_buf_putc(&loading->missing, ',');
    oasv_buf_json_string(&loading->missing, uri, strlen(uri));
    return NULL;
}

static const oasv_resolver registry_resolver = { registry_lookup, NULL };

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

/** A registry of external documents for oasv_wasm_load_resolving(); NULL when out of memory. */
oasv_wasm_docs *oasv_wasm_docs_new(void) { return calloc(1, sizeof(oasv_wasm_docs)); }

/**
 * Tell the registry about `uri` (NUL-terminated, copied): its text (adopted: from oasv_wasm_malloc;
 * `len` bytes), or with text NULL the reason it cannot be had (`error`, copied), or with both NULL
 * that the host does not serve it.
 * @return 1, or 0 when out of memory (the text is freed)
 */
uint32_t oasv_wasm_docs_put(oasv_wasm_docs *docs, const char *uri, char *text, size_t len, const char *error)
{
    if (docs->count == docs->cap) {
        size_t cap = docs->cap ? docs->cap * 2 : 8;
        wasm_ref_doc *v = realloc(docs->items, cap * sizeof *v);
        if (!v) { free(text); return 0; }
        docs->items = v;
        docs->cap = cap;
    }
    wasm_ref_doc *d = &docs->items[docs->count];
    d->uri = copy_string(uri);
    d->error = error ? copy_string(error) : NULL;
    if (!d->uri || (error && !d->error)) { free(d->uri); free(d->error); free(text); return 0; }
    d->text = text;
    d->len = text ? len : 0;
    docs->count++;
    return 1;
}

/** The URIs the loads asked for and the registry lacked, since the last call: a JSON array
 *  (NUL-terminated; free with oasv_wasm_free), or NULL when out of memory. */
char *oasv_wasm_docs_missing(oasv_wasm_docs *docs)
{
    oasv_buf b = { 0 };
    oasv_buf_putc(&b, '[');
    if (docs->missing.len) oasv_buf_append(&b, docs->missing.data, docs->missing.len);
    oasv_buf_putc(&b, ']');
    oasv_buf_append(&b, "", 0);
    bool lost = docs->missing.oom;
    oasv_buf_free(&docs->missing);
    if (lost) { oasv_buf_free(&b); return NULL; }
    return oasv_buf_take(&b);
}

void oasv_wasm_docs_free(oasv_wasm_docs *docs)
{
    if (!docs) return;
    for (size_t i = 0; i < docs->count; i++) {
        free(docs->items[i].uri);
        free(docs->items[i].text);
        free(docs->items[i].error);
    }
    free(docs->items);
    oasv_buf_free(&docs->missing);
    free(docs);
}

/**
 * Like oasv_wasm_load_with, with external `$ref`s served from `docs` (NULL: no resolver,
 * each is a `ref-external` warning).
 */
oasv_doc *oasv_wasm_load_resolving(oasv_wasm_docs *docs, char *src, size_t len, const char *filename, uint32_t format,
                                   uint32_t max_input_bytes, uint32_t max_depth, uint32_t max_alias_nodes, const oasv_rules *rules,
                                   uint32_t flags, uint32_t max_ref_hops, uint32_t max_diagnostics)
{
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = format <= OASV_FORMAT_YAML ? (oasv_format)format : OASV_FORMAT_AUTO;
    opts.filename = filename;
    opts.limits.max_input_bytes = max_input_bytes;
    opts.limits.max_depth = max_depth;
    opts.limits.max_alias_nodes = max_alias_nodes;
    opts.limits.max_ref_hops = max_ref_hops;
    opts.limits.max_diagnostics = max_diagnostics;
    opts.rules = rules;
    opts.flags = flags;
    opts.resolver = docs ? &registry_resolver : NULL;
    oasv_doc *doc = NULL;
    loading = docs;
    oasv_status status = oasv_load_adopt(src, len, &opts, &doc);
    loading = NULL;
    return status == OASV_OK ? doc : NULL;
}

/**
 * Like oasv_wasm_load, with a rules handle (from oasv_wasm_rules_new, or
 * NULL), OASV_LOAD_* flags and max_ref_hops (0 = default).
 */
oasv_doc *oasv_wasm_load_with(char *src, size_t len, const char *filename, uint32_t format, uint32_t max_input_bytes,
                              uint32_t max_depth, uint32_t max_alias_nodes, const oasv_rules *rules, uint32_t flags,
                              uint32_t max_ref_hops, uint32_t max_diagnostics)
{
    return oasv_wasm_load_resolving(NULL, src, len, filename, format, max_input_bytes, max_depth, max_alias_nodes, rules, flags,
                                    max_ref_hops, max_diagnostics);
}

/** Read a rule configuration; NULL when refused, with the reason in `error` (NUL-terminated). */
oasv_rules *oasv_wasm_rules_new(const char *json, size_t len, char *error, size_t error_size)
{
    return oasv_rules_new(json, len, NULL, error, error_size);
}

void oasv_wasm_rules_free(oasv_rules *rules) { oasv_rules_free(rules); }

/* Lint output: NUL-terminated text to free with oasv_wasm_free(), or NULL when out of memory. */
char *oasv_wasm_lint_begin(uint32_t format)
{
    oasv_buf b = { 0 };
    oasv_report_lint_begin((oasv_report_format)format, &b);
    oasv_buf_append(&b, "", 0);
    return oasv_buf_take(&b);
}

char *oasv_wasm_lint_file(oasv_doc *doc, const char *filename, uint32_t format, uint32_t files_before, uint32_t results_before)
{
    oasv_buf b = { 0 };
    oasv_report_lint_file((oasv_report_format)format, doc, filename, files_before, results_before, &b);
    oasv_buf_append(&b, "", 0);
    return oasv_buf_take(&b);
}

char *oasv_wasm_lint_end(uint32_t format, uint32_t errors, uint32_t warnings, uint32_t files)
{
    oasv_buf b = { 0 };
    oasv_report_lint_end((oasv_report_format)format, errors, warnings, files, &b);
    oasv_buf_append(&b, "", 0);
    return oasv_buf_take(&b);
}

/* MARK: - Render model (issue 5) */

/** The navigation model as JSON text (owned by the document), or NULL when out of memory. */
const char *oasv_wasm_navigation(oasv_doc *doc) { return oasv_doc_navigation_json(doc, NULL); }

size_t oasv_wasm_navigation_len(oasv_doc *doc)
{
    size_t len = 0;
    return oasv_doc_navigation_json(doc, &len) ? len : 0;
}

/** The navigation without the parts `omit` names (OASV_NAV_NO_*; owned by the document), or NULL when out of memory. */
const char *oasv_wasm_navigation_lean(oasv_doc *doc, uint32_t omit) { return oasv_doc_navigation_json_without(doc, omit, NULL); }

size_t oasv_wasm_navigation_lean_len(oasv_doc *doc, uint32_t omit)
{
    size_t len = 0;
    return oasv_doc_navigation_json_without(doc, omit, &len) ? len : 0;
}

/** The navigation's search entries alone, a JSON array (owned by the document), or NULL when out of memory. */
const char *oasv_wasm_search(oasv_doc *doc) { return oasv_doc_search_json(doc, NULL); }

size_t oasv_wasm_search_len(oasv_doc *doc)
{
    size_t len = 0;
    return oasv_doc_search_json(doc, &len) ? len : 0;
}

/* Length of the text the last oasv_wasm_entry() returned. */
static size_t entry_len;

/** One entry as JSON text (owned by the document until the next call), or NULL (no such id, or out of memory). */
const char *oasv_wasm_entry(oasv_doc *doc, const char *id)
{
    entry_len = 0;
    return oasv_doc_entry_json(doc, id, &entry_len);
}

size_t oasv_wasm_entry_len(void) { return entry_len; }

/** 1 when `id` names an entry of the document. */
uint32_t oasv_wasm_has_entry(oasv_doc *doc, const char *id) { return oasv_doc_has_entry(doc, id) ? 1 : 0; }

/* MARK: - Payloads (issue 7) */

/* The status of the last oasv_wasm_validate_payload(): 0 ok, 1 out of memory, 2 no such operation or webhook. */
static uint32_t payload_status;

/**
 * Validate a payload (JSON text, `len` bytes) against the request body
 * (part 0) or response (part 1, `status` e.g. "200") schema of the operation
 * or webhook `id`. `status` and `content_type` may be NULL.
 * @return the result (free with oasv_wasm_schema_result_free), or NULL: see oasv_wasm_payload_status()
 */
oasv_schema_result *oasv_wasm_validate_payload(oasv_doc *doc, const char *id, uint32_t part, const char *status,
                                               const char *content_type, const char *src, size_t len)
{
    oasv_schema_result *r = NULL;
    payload_status = (uint32_t)oasv_doc_validate_payload(doc, id, (oasv_payload_part)part, status, content_type, src, len, &r);
    return r;
}

uint32_t oasv_wasm_payload_status(void) { return payload_status; }

#include "validate/schema/regex.h"

/**
 * Test only (wasm-tests/regex.test.mjs): compile `pattern` and test `subject` with a budget of
 * `max_steps` (0: the default). 1 match, 0 no match, -1 over the budget, -2 invalid pattern,
 * -3 out of memory.
 */
int32_t oasv_wasm_regex_test(const char *pattern, size_t plen, const char *subject, size_t slen, uint32_t max_steps)
{
    char err[8];
    oasv_regex *re = oasv_regex_compile(pattern, plen, err, sizeof err);
    if (!re) return err[0] ? -2 : -3;
    oasv_regex_result r = oasv_regex_test_steps(re, subject, slen, max_steps ? max_steps : OASV_REGEX_STEPS);
    oasv_regex_free(re);
    return r == OASV_REGEX_MATCH ? 1 : r == OASV_REGEX_NO_MATCH ? 0 : -1;
}
