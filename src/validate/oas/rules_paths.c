/*
 * rules_paths.c - path templates and their parameters (OAS 3.1.1 4.8.8,
 * 4.8.12): every template variable is a declared path parameter of each
 * operation (Path Item parameters count), every path parameter appears in the
 * template and is required; parameters are unique by name and location;
 * templated paths that differ only in variable names are the same path.
 */
#include "validate/oas/check.h"

#include "util/buf.h"
#include "util/mem.h"

#include <string.h>

#define E OASV_SEVERITY_ERROR
#define W OASV_SEVERITY_WARNING

static const char *const methods[] = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

typedef struct var { const char *name; size_t len; } var;

/* The {variables} of a path template, up to `max`. */
static size_t template_vars(const char *path, var *vars, size_t max)
{
    size_t n = 0;
    for (const char *p = path; (p = strchr(p, '{')) != NULL;) {
        const char *end = strchr(p, '}');
        if (!end) break;
        if (n < max) vars[n++] = (var){ p + 1, (size_t)(end - p - 1) };
        p = end + 1;
    }
    return n;
}

static bool has_var(const var *vars, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (vars[i].len == strlen(name) && memcmp(vars[i].name, name, vars[i].len) == 0) return true;
    return false;
}

static const char *str(const cJSON *object, const char *key)
{
    const cJSON *v = cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, key) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The node a node of the document being walked (c->in) stands for: itself, the end of its references, or NULL. */
static const cJSON *resolved(oas_check *c, const cJSON *node)
{
    oasv_ref r;
    oasv_ref_status s = oasv_resolve_ref(c->doc, c->in, node, 0, &r);
    return s == OASV_REF_OK || s == OASV_REF_NONE ? r.target : NULL;
}

/* Duplicates in one parameter list (of the document c->in); each item resolved. */
static void unique_parameters(oas_check *c, const cJSON *list)
{
    if (!cJSON_IsArray(list)) return;
    for (const cJSON *p = list->child; p; p = p->next) {
        const cJSON *rp = resolved(c, p);
        const char *name = str(rp, "name"), *in = str(rp, "in");
        if (!name || !in) continue;
        for (const cJSON *q = list->child; q != p; q = q->next) {
            const cJSON *rq = resolved(c, q);
            const char *qn = str(rq, "name"), *qi = str(rq, "in");
            if (qn && qi && strcmp(qn, name) == 0 && strcmp(qi, in) == 0) {
                REPORT(c, E, "parameter-unique", p, false,
                       "the parameter `%s` in %s is listed twice: a parameter is identified by `name` and `in`", name, in);
                break;
            }
        }
    }
}

/* Is a path parameter named `name` declared in the list? */
static bool declares_path_param(oas_check *c, const cJSON *list, const char *name)
{
    if (!cJSON_IsArray(list)) return false;
    for (const cJSON *p = list->child; p; p = p->next) {
        const cJSON *rp = resolved(c, p);
        const char *n = str(rp, "name"), *in = str(rp, "in");
        if (n && in && strcmp(in, "path") == 0 && strcmp(n, name) == 0) return true;
    }
    return false;
}

/* Path parameters in `list` that the template lacks; and `required: true` for content-style ones. */
static void check_declared(oas_check *c, const cJSON *list, const char *path, const var *vars, size_t nvars)
{
    if (!cJSON_IsArray(list)) return;
    for (const cJSON *p = list->child; p; p = p->next) {
        const cJSON *rp = resolved(c, p);
        const char *n = str(rp, "name"), *in = str(rp, "in");
        if (!n || !in || strcmp(in, "path") != 0) continue;
        if (!has_var(vars, nvars, n))
            REPORT(c, W, "path-param-not-in-path", p, false,
                   "the path parameter `%s` is not in the path `%s`: add `{%s}` to the path or change `in`", n, path, n);
        /* With `schema` the structure check reports a missing `required: true` where the parameter is written. */
        if (!cJSON_GetObjectItemCaseSensitive(rp, "schema") && !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rp, "required")))
            REPORT(c, E, "path-param-required", p, false, "the path parameter `%s` must have `required: true`", n);
    }
}

static void check_path(oas_check *c, const cJSON *entry)
{
    const char *path = entry->string;
    var vars[64];
    size_t nvars = template_vars(path, vars, 64);
    oasv_ref r; /* the Path Item may be in another document: its parameters are looked at, and reported, there */
    oasv_ref_status s = oasv_resolve_ref(c->doc, NULL, entry, 0, &r);
    const cJSON *item = s == OASV_REF_OK || s == OASV_REF_NONE ? r.target : NULL;
    if (!cJSON_IsObject(item)) return;
    const oasv_doc *was = oas_enter(c, r.target_doc);
    if (c->in != r.target_doc) return; /* out of memory */
    const cJSON *common = cJSON_GetObjectItemCaseSensitive(item, "parameters");
    check_declared(c, common, path, vars, nvars);
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        const cJSON *op = cJSON_GetObjectItemCaseSensitive(item, methods[m]);
        if (!cJSON_IsObject(op)) continue;
        const cJSON *own = cJSON_GetObjectItemCaseSensitive(op, "parameters");
        check_declared(c, own, path, vars, nvars);
        for (size_t v = 0; v < nvars; v++) {
            char name[256];
            size_t len = vars[v].len < sizeof name - 1 ? vars[v].len : sizeof name - 1;
            memcpy(name, vars[v].name, len);
            name[len] = '\0';
            bool dup = false;
            for (size_t w = 0; w < v && !dup; w++) dup = vars[w].len == vars[v].len && memcmp(vars[w].name, vars[v].name, vars[v].len) == 0;
            if (dup || declares_path_param(c, own, name) || declares_path_param(c, common, name)) continue;
            REPORT(c, W, "path-param-undeclared", op, true,
                   "the path `%s` has `{%s}`, but this %s operation declares no path parameter `%s` (add `name: %s, in: path, required: true` to the operation or the Path Item)",
                   path, name, methods[m], name, name);
        }
    }
    oas_enter(c, was);
}

/* "/a/{x}/b" -> "/a/{}/b" */
static char *normalise(const char *path)
{
    oasv_buf b = { 0 };
    for (const char *p = path; *p; p++) {
        if (*p == '{') {
            const char *end = strchr(p, '}');
            if (end) { oasv_buf_puts(&b, "{}"); p = end; continue; }
        }
        oasv_buf_putc(&b, *p);
    }
    oasv_buf_append(&b, "", 0);
    return oasv_buf_take(&b);
}

static void equivalent_paths(oas_check *c)
{
    oasv_map seen = { 0 };
    char **keys = oasv_calloc(c->path_items.count + 1, sizeof *keys);
    if (!keys) { c->doc->oom = true; return; }
    for (size_t i = 0; i < c->path_items.count; i++) {
        const cJSON *entry = c->path_items.items[i];
        if (!strchr(entry->string, '{')) continue;
        keys[i] = normalise(entry->string);
        if (!keys[i]) { c->doc->oom = true; break; }
        const cJSON *first = oasv_map_get(&seen, NULL, keys[i], strlen(keys[i]));
        if (first) {
            uint32_t line = 0, col = 0;
            oasv_lines_locate(&c->doc->lines, oasv_tree_info(&c->doc->tree, first)->key_start, &line, &col);
            REPORT(c, E, "path-equivalent", entry, true,
                   "`%s` is the same path as `%s` (line %u): templated paths that differ only in variable names are identical", entry->string,
                   first->string, line);
        } else if (!oasv_map_put(&seen, NULL, keys[i], strlen(keys[i]), (void *)entry)) {
            c->doc->oom = true;
        }
    }
    for (size_t i = 0; i < c->path_items.count; i++) oasv_free(keys[i]);
    oasv_free(keys);
    oasv_map_free(&seen);
}

void oas_rules_paths(oas_check *c)
{
    /* Every parameter list once: operations anywhere (paths, webhooks, callbacks, components) and their Path Items. */
    oasv_map lists = { 0 };
    for (size_t i = 0; i < c->nops && !c->doc->oom; i++) {
        const cJSON *l[2] = { cJSON_GetObjectItemCaseSensitive(c->ops[i].node, "parameters"),
                              c->ops[i].path_item ? cJSON_GetObjectItemCaseSensitive(c->ops[i].path_item, "parameters") : NULL };
        oas_enter(c, c->ops[i].in);
        for (int k = 0; k < 2 && c->in == c->ops[i].in; k++) {
            if (!l[k] || oasv_map_get(&lists, l[k], NULL, 0)) continue;
            if (!oasv_map_put(&lists, l[k], NULL, 0, (void *)l[k])) c->doc->oom = true;
            unique_parameters(c, l[k]);
        }
    }
    oas_enter(c, c->doc);
    oasv_map_free(&lists);
    for (size_t i = 0; i < c->path_items.count; i++) check_path(c, c->path_items.items[i]);
    equivalent_paths(c);
}
