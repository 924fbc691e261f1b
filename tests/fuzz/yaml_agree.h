/*
 * yaml_agree.h - do the fast YAML reader and libyaml read a text the same way?
 *
 * Shared by tests/test_yaml_fast.c and the yaml_fast fuzz target. A text is
 * loaded (as YAML, without validation) three times: by libyaml alone, the
 * usual way (the fast reader, libyaml when it declines) and by the fast
 * reader alone. The usual way must equal libyaml's in everything the loader
 * leaves (acceptance, tree, side table, diagnostics); so must the fast
 * reader's whenever it takes the text.
 */
#ifndef OASV_TEST_YAML_AGREE_H
#define OASV_TEST_YAML_AGREE_H

#include "oasv.h"

#include "core/doc.h"
#include "load/yaml_fast.h"

#include <stdio.h>
#include <string.h>

static bool yaml_agree_fail(char *why, size_t n, const char *what, uint32_t id)
{
    snprintf(why, n, "%s (node id %u)", what, id);
    return false;
}

static uint32_t yaml_agree_parent(const oasv_doc *d, uint32_t id)
{
    const cJSON *p = d->tree.info[id].parent;
    return p ? oasv_node_id(p) : UINT32_MAX;
}

static bool yaml_agree_node(const oasv_doc *a, const oasv_doc *b, const cJSON *x, const cJSON *y, char *why, size_t n)
{
    uint32_t id = oasv_node_id(x);
    if (id != oasv_node_id(y)) return yaml_agree_fail(why, n, "node ids differ", id);
    if (x->type != y->type) return yaml_agree_fail(why, n, "node types differ", id);
    if ((x->string == NULL) != (y->string == NULL) || (x->string && strcmp(x->string, y->string) != 0))
        return yaml_agree_fail(why, n, "keys differ", id);
    if (cJSON_IsString(x)) {
        size_t lx, ly;
        const char *sx = oasv_node_string(x, &lx), *sy = oasv_node_string(y, &ly);
        if (lx != ly || memcmp(sx, sy, lx) != 0) return yaml_agree_fail(why, n, "strings differ", id);
    }
    if (cJSON_IsNumber(x) && memcmp(&x->valuedouble, &y->valuedouble, sizeof x->valuedouble) != 0)
        return yaml_agree_fail(why, n, "numbers differ", id);
    (void)a, (void)b;
    return true;
}

/* Everything the loader leaves in two documents of the same text; false (and why) when something differs. */
static bool yaml_agree_docs(const oasv_doc *a, const oasv_doc *b, char *why, size_t n)
{
    if (a->oom != b->oom) return yaml_agree_fail(why, n, "one ran out of memory", 0);
    if ((a->tree.root == NULL) != (b->tree.root == NULL)) return yaml_agree_fail(why, n, "one has a tree", 0);
    if (a->tree.root) {
        if (a->tree.count != b->tree.count) return yaml_agree_fail(why, n, "node counts differ", a->tree.count);
        for (uint32_t id = 0; id < a->tree.count; id++) {
            const oasv_node_info *x = &a->tree.info[id], *y = &b->tree.info[id];
            char what[160];
            if (x->start != y->start || x->end != y->end || x->key_start != y->key_start || x->key_end != y->key_end) {
                snprintf(what, sizeof what, "spans differ: [%u,%u) key [%u,%u) against [%u,%u) key [%u,%u)", x->start, x->end,
                         x->key_start, x->key_end, y->start, y->end, y->key_start, y->key_end);
                return yaml_agree_fail(why, n, what, id);
            }
            if (yaml_agree_parent(a, id) != yaml_agree_parent(b, id)) return yaml_agree_fail(why, n, "parents differ", id);
        }
        /* Both trees in step, pre-order, by the side table's parents. */
        const cJSON *x = a->tree.root, *y = b->tree.root;
        while (x && y) {
            if (!yaml_agree_node(a, b, x, y, why, n)) return false;
            if (x->child || y->child) {
                if (!x->child || !y->child) return yaml_agree_fail(why, n, "one is empty", oasv_node_id(x));
                x = x->child, y = y->child;
                continue;
            }
            while (x && !x->next) {
                if (y->next) return yaml_agree_fail(why, n, "member counts differ", oasv_node_id(x));
                x = a->tree.info[oasv_node_id(x)].parent;
                y = b->tree.info[oasv_node_id(y)].parent;
            }
            if (!x || !y) break;
            if (!y->next) return yaml_agree_fail(why, n, "member counts differ", oasv_node_id(x));
            x = x->next, y = y->next;
        }
        if (x || y) return yaml_agree_fail(why, n, "tree shapes differ", 0);
    }
    if (a->diag_count != b->diag_count || a->dropped != b->dropped) return yaml_agree_fail(why, n, "diagnostic counts differ", 0);
    for (size_t i = 0; i < a->diag_count; i++) {
        const oasv_diag *x = &a->diags[i], *y = &b->diags[i];
        if (x->severity != y->severity || strcmp(x->code, y->code) != 0 || strcmp(x->message, y->message) != 0 ||
            strcmp(x->pointer, y->pointer) != 0 || memcmp(&x->span, &y->span, sizeof x->span) != 0) {
            snprintf(why, n, "diagnostic %zu differs: %s %s at %u against %s %s at %u", i, x->code, x->message, x->span.offset,
                     y->code, y->message, y->span.offset);
            return false;
        }
    }
    return true;
}

/* `route`: 0 (the usual way), OASV_LOAD_YAML_LIBYAML_ONLY or OASV_LOAD_YAML_FAST_ONLY. */
static oasv_doc *yaml_agree_load(const uint8_t *text, size_t len, const oasv_options *opts, uint32_t route)
{
    oasv_doc *doc = NULL;
    oasv_options o = *opts;
    o.flags |= route;
    return oasv_load((const char *)text, len, &o, &doc) == OASV_OK ? doc : NULL;
}

/**
 * Compare the three readings of `text` (opts: limits and allocator; format and flags are set here).
 * True when they agree; else `why` says what differs. *fast: the fast reader took the text.
 */
static bool yaml_agree(const uint8_t *text, size_t len, const oasv_options *given, bool *fast, char *why, size_t n)
{
    oasv_options opts;
    if (given) opts = *given;
    else memset(&opts, 0, sizeof opts);
    opts.abi_version = OASV_OPTIONS_VERSION;
    opts.format = OASV_FORMAT_YAML;
    opts.flags |= OASV_LOAD_NO_VALIDATE;
    *fast = false;
    why[0] = '\0';
    oasv_doc *slow = yaml_agree_load(text, len, &opts, OASV_LOAD_YAML_LIBYAML_ONLY);
    oasv_doc *usual = yaml_agree_load(text, len, &opts, 0);
    oasv_doc *only = yaml_agree_load(text, len, &opts, OASV_LOAD_YAML_FAST_ONLY);
    bool ok = true;
    if (!slow || !usual || !only) {
        /* Out of memory before loading (a failing allocator): only that must agree. */
        ok = (slow == NULL) == (usual == NULL);
        if (!ok) snprintf(why, n, "only one load ran out of memory");
    } else {
        *fast = only->tree.root != NULL;
        char sub[400];
        if (!yaml_agree_docs(slow, usual, sub, sizeof sub)) {
            snprintf(why, n, "libyaml and the usual load differ: %s", sub);
            ok = false;
        } else if (*fast && !yaml_agree_docs(slow, only, sub, sizeof sub)) {
            snprintf(why, n, "libyaml and the fast reader differ: %s", sub);
            ok = false;
        } else if (!*fast) {
            /* Declined: only what the text check said before loading may stay, as libyaml's reading starts with it. */
            bool leftover = only->diag_count > slow->diag_count;
            for (size_t i = 0; i < only->diag_count && !leftover; i++)
                leftover = strcmp(only->diags[i].code, slow->diags[i].code) != 0 || strcmp(only->diags[i].message, slow->diags[i].message) != 0;
            for (size_t i = 0; i < only->diag_count && !leftover; i++)
                leftover = strncmp(only->diags[i].code, "yaml", 4) == 0;
            if (leftover) {
                snprintf(why, n, "the fast reader declined but left a diagnostic");
                ok = false;
            }
        }
    }
    oasv_doc_free(slow);
    oasv_doc_free(usual);
    oasv_doc_free(only);
    return ok;
}

#endif
