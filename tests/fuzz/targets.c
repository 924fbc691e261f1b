/* targets.c - one input through each public entry point (see targets.h). */
#include "targets.h"

#include "oasv.h"

#include <stdlib.h>
#include <string.h>

/* An allocator that fails after a budget, so out-of-memory paths run too. */
typedef struct budget { size_t left; } budget;

static void *budget_malloc(void *ctx, size_t size)
{
    budget *b = ctx;
    if (b->left == 0) return NULL;
    b->left--;
    return malloc(size);
}

static void *budget_realloc(void *ctx, void *ptr, size_t size)
{
    budget *b = ctx;
    if (b->left == 0) return NULL;
    b->left--;
    return realloc(ptr, size);
}

static void budget_free(void *ctx, void *ptr) { (void)ctx; free(ptr); }

void fuzz_target_load(const uint8_t *data, size_t size)
{
    if (size < 1) return;
    uint8_t mode = data[0];
    data++, size--;
    oasv_options opts;
    memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = (oasv_format)(mode & 3) == 3 ? OASV_FORMAT_AUTO : (oasv_format)(mode & 3);
    if (mode & 4) opts.limits.max_depth = 16;
    if (mode & 8) opts.limits.max_alias_nodes = 64;
    budget b = { (size_t)(mode >> 4) * 37 + 1 };
    oasv_alloc failing = { budget_malloc, budget_realloc, budget_free, &b };
    if ((mode & 0xF0) == 0xF0) opts.alloc = &failing; /* one input in sixteen runs short of memory */

    oasv_doc *doc = NULL;
    if (oasv_load((const char *)data, size, &opts, &doc) != OASV_OK) return;
    size_t len;
    (void)oasv_doc_result_json(doc, &len);
    (void)oasv_doc_tree_json(doc, &len);
    oasv_span span;
    (void)oasv_doc_locate(doc, "/paths", true, &span);
    (void)oasv_doc_locate(doc, "/components/schemas", false, &span);
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        if (d->span.line && d->span.end_offset < d->span.offset) abort(); /* spans are ordered */
        if (d->span.end_offset > size + 1) abort();                       /* and inside the text */
    }
    oasv_doc_free(doc);
}
