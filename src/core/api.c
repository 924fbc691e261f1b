/* api.c - the public entry points: run the pipeline, hand out results. */
#include "oasv.h"

#include "core/diag.h"
#include "core/doc.h"
#include "load/load.h"
#include "model/model.h"
#include "model/payload.h"
#include "report/report.h"
#include "load/tree.h"
#include "resolve/resolve.h"
#include "util/mem.h"
#include "validate/oas/validate.h"

#include <string.h>

static oasv_limits effective_limits(const oasv_limits *given)
{
    oasv_limits l = given ? *given : (oasv_limits){ 0 };
    if (!l.max_input_bytes) l.max_input_bytes = OASV_DEFAULT_MAX_INPUT_BYTES;
    if (!l.max_depth) l.max_depth = OASV_DEFAULT_MAX_DEPTH;
    if (l.max_depth > OASV_MAX_DEPTH_CEILING) l.max_depth = OASV_MAX_DEPTH_CEILING;
    if (!l.max_alias_nodes) l.max_alias_nodes = OASV_DEFAULT_MAX_ALIAS_NODES;
    if (!l.max_ref_hops) l.max_ref_hops = OASV_DEFAULT_MAX_REF_HOPS;
    if (l.max_ref_hops > OASV_MAX_REF_HOPS_CEILING) l.max_ref_hops = OASV_MAX_REF_HOPS_CEILING;
    if (!l.max_diagnostics) l.max_diagnostics = OASV_DEFAULT_MAX_DIAGNOSTICS;
    return l;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void load_text(oasv_doc *doc, oasv_format requested)
{
    size_t start;
    if (!oasv_load_check_text(doc, &start)) return;
    doc->format = requested;
    if (doc->format == OASV_FORMAT_AUTO && doc->filename && (ends_with(doc->filename, ".yaml") || ends_with(doc->filename, ".yml")))
        doc->format = OASV_FORMAT_YAML;
    if (doc->format == OASV_FORMAT_AUTO) doc->format = oasv_load_detect(doc->text, doc->len, start);
    if (doc->format == OASV_FORMAT_JSON) oasv_load_json(doc, start);
    else oasv_load_yaml(doc, start);
    if (doc->tree.root && !doc->oom) oasv_load_check_tree(doc);
    if (doc->tree.root && !doc->oom && !(doc->flags & OASV_LOAD_NO_VALIDATE)) oasv_validate_oas(doc);
}

/* Shared by oasv_load and oasv_load_adopt: `owned` (NULL to copy `src`) becomes the document's text. */
static oasv_status load(const char *src, char *owned, size_t len, const oasv_options *opts, oasv_doc **out)
{
    if (!out || (!src && !owned && len)) { oasv_free(owned); return OASV_ERR_ARGS; }
    *out = NULL;
    if (opts && opts->abi_version != OASV_OPTIONS_VERSION) { oasv_free(owned); return OASV_ERR_ARGS; }
    oasv_doc *doc = oasv_calloc(1, sizeof *doc);
    if (!doc) { oasv_free(owned); return OASV_ERR_NOMEM; }
    doc->alloc = opts ? opts->alloc : NULL;
    doc->limits = effective_limits(opts ? &opts->limits : NULL);
    doc->format = opts ? opts->format : OASV_FORMAT_AUTO;
    doc->resolver = opts ? opts->resolver : NULL;
    doc->rules = opts ? opts->rules : NULL;
    doc->flags = opts ? opts->flags : 0;
    if (opts && opts->filename && !(doc->filename = oasv_strndup(opts->filename, strlen(opts->filename)))) doc->oom = true;

    if (len > doc->limits.max_input_bytes) {
        /* Refuse before copying: the limit exists so that huge inputs cost nothing. */
        oasv_free(owned);
        oasv_lines_init(&doc->lines, NULL, 0);
        oasv_diag_nowhere(doc, OASV_SEVERITY_ERROR, "input-too-large",
                          "the input is %zu bytes, more than the limit of %u bytes (max_input_bytes)", len, doc->limits.max_input_bytes);
    } else if (!doc->oom) {
        doc->text = owned ? (uint8_t *)owned : oasv_malloc(len + 1);
        if (doc->text) {
            if (!owned && len) memcpy(doc->text, src, len);
            doc->text[len] = '\0';
            doc->len = len;
            oasv_lines_init(&doc->lines, doc->text, len);
            doc->tree.text = doc->text;
            doc->tree.len = len;
            load_text(doc, doc->format);
        } else {
            doc->oom = true;
        }
    } else {
        oasv_free(owned);
    }
    oasv_diag_finish(doc);
    if (doc->oom) {
        oasv_doc_free(doc);
        return OASV_ERR_NOMEM;
    }
    doc->rules = NULL; /* only borrowed for the load */
    *out = doc;
    return OASV_OK;
}

oasv_status oasv_load(const char *src, size_t len, const oasv_options *opts, oasv_doc **out)
{
    const oasv_alloc *previous = oasv_mem_enter(opts ? opts->alloc : NULL);
    oasv_status status = load(src, NULL, len, opts, out);
    oasv_mem_leave(previous);
    return status;
}

oasv_status oasv_load_adopt(char *text, size_t len, const oasv_options *opts, oasv_doc **out)
{
    const oasv_alloc *previous = oasv_mem_enter(opts ? opts->alloc : NULL);
    oasv_status status = load(NULL, text, len, opts, out);
    oasv_mem_leave(previous);
    return status;
}

void oasv_doc_free(oasv_doc *doc)
{
    if (!doc) return;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_payload_cache_free(doc); /* before the tree: the compiled schemas borrow it */
    oasv_model_free(doc);
    oasv_resolve_free(doc);
    oasv_tree_free(&doc->tree);
    oasv_lines_free(&doc->lines);
    oasv_diags_free(doc);
    oasv_free(doc->text);
    oasv_free(doc->filename);
    oasv_free(doc->version);
    oasv_free(doc->result_json);
    oasv_free(doc->tree_json);
    oasv_free(doc);
    oasv_mem_leave(previous);
}

size_t oasv_doc_diag_count(const oasv_doc *doc) { return doc ? doc->diag_count : 0; }

const oasv_diag *oasv_doc_diag(const oasv_doc *doc, size_t i)
{
    return doc && i < doc->diag_count ? &doc->diags[i] : NULL;
}

bool oasv_doc_valid(const oasv_doc *doc)
{
    if (!doc) return false;
    for (size_t i = 0; i < doc->diag_count; i++)
        if (doc->diags[i].severity == OASV_SEVERITY_ERROR) return false;
    return true;
}

const char *oasv_doc_version(const oasv_doc *doc) { return doc ? doc->version : NULL; }

const char *oasv_doc_title(const oasv_doc *doc)
{
    const cJSON *info = doc ? cJSON_GetObjectItemCaseSensitive(doc->tree.root, "info") : NULL;
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(info, "title");
    return cJSON_IsString(title) ? title->valuestring : NULL;
}

oasv_format oasv_doc_format(const oasv_doc *doc) { return doc ? doc->format : OASV_FORMAT_AUTO; }

const char *oasv_doc_result_json(oasv_doc *doc, size_t *len)
{
    if (!doc) return NULL;
    if (!doc->result_json) {
        const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
        oasv_buf b = { 0 };
        oasv_report_json(doc, &b);
        doc->result_len = b.len;
        doc->result_json = oasv_buf_take(&b);
        oasv_mem_leave(previous);
        if (!doc->result_json) return NULL;
    }
    if (len) *len = doc->result_len;
    return doc->result_json;
}

bool oasv_doc_locate(oasv_doc *doc, const char *pointer, bool key, oasv_span *span)
{
    if (!doc || !pointer || !span || !doc->tree.root) return false;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    const cJSON *node = oasv_tree_resolve_pointer(&doc->tree, pointer, strlen(pointer));
    bool ok = node != NULL;
    if (ok) {
        const oasv_node_info *i = oasv_tree_info(&doc->tree, node);
        uint32_t start = key && i->key_end > i->key_start ? i->key_start : i->start;
        uint32_t end = key && i->key_end > i->key_start ? i->key_end : i->end;
        memset(span, 0, sizeof *span);
        span->offset = start;
        span->end_offset = end;
        ok = oasv_lines_locate(&doc->lines, start, &span->line, &span->column) &&
             oasv_lines_locate(&doc->lines, end, &span->end_line, &span->end_column);
    }
    oasv_mem_leave(previous);
    return ok;
}

const char *oasv_doc_tree_json(oasv_doc *doc, size_t *len)
{
    if (!doc || !doc->tree.root) return NULL;
    if (!doc->tree_json) {
        const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
        oasv_buf b = { 0 };
        oasv_report_tree_json(&doc->tree, doc->tree.root, &b);
        doc->tree_json_len = b.len;
        doc->tree_json = oasv_buf_take(&b);
        oasv_mem_leave(previous);
        if (!doc->tree_json) return NULL;
    }
    if (len) *len = doc->tree_json_len;
    return doc->tree_json;
}

const char *oasv_severity_name(oasv_severity severity)
{
    switch (severity) {
    case OASV_SEVERITY_ERROR: return "error";
    case OASV_SEVERITY_WARNING: return "warning";
    case OASV_SEVERITY_INFO: return "info";
    case OASV_SEVERITY_HINT: return "hint";
    }
    return "error";
}
