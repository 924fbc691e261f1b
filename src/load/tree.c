#include "load/tree.h"

#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

bool oasv_tree_reserve(oasv_tree *tree, uint32_t extra)
{
    if ((uint64_t)tree->count + extra <= tree->cap) return true;
    uint64_t cap = tree->cap ? tree->cap : 16; /* small documents stay small; big ones reserve up front (json.c) */
    while (cap < (uint64_t)tree->count + extra) cap *= 2;
    if (cap > UINT32_MAX - 1) return false;
    oasv_node_info *info = oasv_realloc(tree->info, (size_t)cap * sizeof *info);
    if (!info) return false;
    tree->info = info;
    tree->cap = (uint32_t)cap;
    return true;
}

uint32_t oasv_tree_add(oasv_tree *tree, uint32_t start, uint32_t end, uint32_t key_start, uint32_t key_end)
{
    if (tree->count == tree->cap && !oasv_tree_reserve(tree, 1)) return UINT32_MAX;
    oasv_node_info *i = &tree->info[tree->count];
    i->start = start;
    i->end = end;
    i->key_start = key_start;
    i->key_end = key_end;
    i->parent = NULL;
    return tree->count++;
}

bool oasv_number_text_is_json(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-') i++;
    if (i >= len) return false;
    if (s[i] == '0') i++;
    else if (s[i] >= '1' && s[i] <= '9') { while (i < len && s[i] >= '0' && s[i] <= '9') i++; }
    else return false;
    if (i < len && s[i] == '.') {
        i++;
        size_t k = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == k) return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        size_t k = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == k) return false;
    }
    return i == len;
}

const char *oasv_tree_raw(const oasv_tree *tree, const cJSON *node, size_t *len)
{
    const oasv_node_info *i = oasv_tree_info(tree, node);
    *len = i->end - i->start;
    return (const char *)tree->text + i->start;
}

void oasv_tree_pointer(const oasv_tree *tree, const cJSON *node, oasv_buf *out)
{
    /* Collect the chain root..node, then print it forwards. Depth is bounded by max_depth. */
    size_t depth = 0;
    for (const cJSON *n = node; oasv_tree_info(tree, n)->parent; n = oasv_tree_info(tree, n)->parent) depth++;
    if (depth == 0) return;
    const cJSON **chain = oasv_malloc(depth * sizeof *chain);
    if (!chain) { out->oom = true; return; }
    size_t k = depth;
    for (const cJSON *n = node; oasv_tree_info(tree, n)->parent; n = oasv_tree_info(tree, n)->parent) chain[--k] = n;
    for (size_t d = 0; d < depth; d++) {
        const cJSON *n = chain[d];
        const cJSON *parent = oasv_tree_info(tree, n)->parent;
        if (cJSON_IsObject(parent)) {
            oasv_buf_pointer_token(out, n->string, strlen(n->string));
        } else {
            size_t index = 0;
            for (const cJSON *s = parent->child; s && s != n; s = s->next) index++;
            oasv_buf_printf(out, "/%zu", index);
        }
    }
    oasv_free(chain);
}

const cJSON *oasv_tree_resolve_pointer(const oasv_tree *tree, const char *pointer, size_t len)
{
    const cJSON *node = tree->root;
    size_t i = 0;
    if (len > 0 && pointer[0] != '/') return NULL;
    oasv_buf token = { 0 };
    while (node && i < len) {
        i++; /* the '/' */
        token.len = 0;
        oasv_buf_append(&token, "", 0);
        while (i < len && pointer[i] != '/') {
            if (pointer[i] == '~' && i + 1 < len && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
                oasv_buf_putc(&token, pointer[i + 1] == '0' ? '~' : '/');
                i += 2;
            } else {
                oasv_buf_putc(&token, pointer[i++]);
            }
        }
        if (token.oom) { node = NULL; break; }
        if (cJSON_IsObject(node)) {
            const cJSON *found = NULL;
            for (const cJSON *m = node->child; m && !found; m = m->next)
                if (strlen(m->string) == token.len && memcmp(m->string, token.data, token.len) == 0) found = m;
            node = found;
        } else if (cJSON_IsArray(node)) {
            char *end = NULL;
            unsigned long index = strtoul(token.data, &end, 10);
            bool canonical = token.len > 0 && *end == '\0' && (token.data[0] != '0' || token.len == 1) && token.data[0] != '-' && token.data[0] != '+';
            node = canonical ? cJSON_GetArrayItem(node, (int)(index > INT32_MAX ? -1 : (long)index)) : NULL;
        } else {
            node = NULL;
        }
    }
    oasv_buf_free(&token);
    return node;
}

static int compare_keys(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int c = strcmp(x->string, y->string);
    if (c) return c;
    return oasv_node_id(x) < oasv_node_id(y) ? -1 : 1; /* document order among equals */
}

/* Small objects compare pairwise; large ones sort a copy of their member list. */
static bool check_object(const cJSON *object, const cJSON ***scratch, size_t *scratch_cap,
                         void (*dup)(void *, const cJSON *, const cJSON *), void *ctx)
{
    size_t n = 0;
    for (const cJSON *m = object->child; m; m = m->next) n++;
    if (n < 2) return true;
    if (n <= 16) {
        for (const cJSON *m = object->child->next; m; m = m->next)
            for (const cJSON *e = object->child; e != m; e = e->next)
                if (e->string[0] == m->string[0] && strcmp(e->string, m->string) == 0) { dup(ctx, e, m); break; }
        return true;
    }
    if (n > *scratch_cap) {
        const cJSON **s = oasv_realloc((void *)*scratch, n * sizeof *s);
        if (!s) return false;
        *scratch = s;
        *scratch_cap = n;
    }
    size_t k = 0;
    for (const cJSON *m = object->child; m; m = m->next) (*scratch)[k++] = m;
    qsort((void *)*scratch, n, sizeof **scratch, compare_keys);
    for (size_t i = 1; i < n; i++) {
        if (strcmp((*scratch)[i - 1]->string, (*scratch)[i]->string) != 0) continue;
        size_t first = i - 1;
        while (i < n && strcmp((*scratch)[first]->string, (*scratch)[i]->string) == 0) dup(ctx, (*scratch)[first], (*scratch)[i++]);
    }
    return true;
}

bool oasv_tree_each_duplicate(const oasv_tree *tree, void (*dup)(void *ctx, const cJSON *first, const cJSON *again), void *ctx)
{
    const cJSON **scratch = NULL;
    size_t scratch_cap = 0;
    bool ok = true;
    /* Iterative pre-order walk: the side table gives each node's parent. */
    const cJSON *n = tree->root;
    while (n && ok) {
        if (cJSON_IsObject(n)) ok = check_object(n, &scratch, &scratch_cap, dup, ctx);
        if (n->child) { n = n->child; continue; }
        while (n && !n->next) n = oasv_tree_info(tree, n)->parent;
        if (n) n = n->next;
    }
    oasv_free((void *)scratch);
    return ok;
}

void oasv_tree_free(oasv_tree *tree)
{
    if (tree->in_arena) oasv_arena_free(&tree->nodes);
    else if (tree->root) cJSON_Delete(tree->root);
    oasv_free(tree->info);
    memset(tree, 0, sizeof *tree);
}
