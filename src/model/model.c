/* model.c - the render model's public entry points (oasv.h "Render model"). */
#include "oasv.h"

#include "model/model.h"
#include "util/mem.h"

#include <string.h>

/* The texts of the navigation a document caches (oasv.h): the whole one, the last one asked for without some
 * parts, and the search entries alone. */
typedef enum { NAV_FULL, NAV_LEAN, NAV_SEARCH } nav_text;

static const char *navigation_text(oasv_doc *doc, nav_text which, unsigned omit, size_t *len)
{
    if (!doc) return NULL;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_model *m = oasv_model_get(doc);
    char **text = NULL;
    size_t *text_len = NULL;
    if (m) {
        text = which == NAV_FULL ? &m->nav : which == NAV_LEAN ? &m->nav_lean : &m->search;
        text_len = which == NAV_FULL ? &m->nav_len : which == NAV_LEAN ? &m->nav_lean_len : &m->search_len;
        if (which == NAV_LEAN && *text && m->nav_lean_omit != omit) { oasv_free(*text); *text = NULL; }
    }
    if (m && !*text) {
        jw w;
        memset(&w, 0, sizeof w);
        w.html = &m->html;
        /* About 500 bytes per item (groups, schemas, search): one buffer instead of a chain of
         * doublings, whose copies would briefly hold the navigation two or three times over. */
        if (!oasv_buf_reserve(&w.b, m->count * (which == NAV_FULL ? 512 : 320))) w.b.oom = false; /* only a hint */
        if (which == NAV_SEARCH) oasv_model_write_search(doc, m, &w);
        else oasv_model_write_navigation(doc, m, &w, omit);
        if (w.b.oom) oasv_buf_free(&w.b);
        else {
            *text_len = w.b.len;
            *text = oasv_buf_take(&w.b);
            char *fit = *text ? oasv_realloc(*text, *text_len + 1) : NULL; /* give back the slack */
            if (fit) *text = fit;
            if (which == NAV_LEAN) m->nav_lean_omit = omit;
        }
    }
    oasv_mem_leave(previous);
    if (!m || !*text) return NULL;
    if (len) *len = *text_len;
    return *text;
}

const char *oasv_doc_navigation_json(oasv_doc *doc, size_t *len) { return navigation_text(doc, NAV_FULL, 0, len); }

const char *oasv_doc_navigation_json_without(oasv_doc *doc, unsigned omit, size_t *len)
{
    omit &= OASV_NAV_NO_SEARCH | OASV_NAV_NO_POINTERS;
    return navigation_text(doc, omit ? NAV_LEAN : NAV_FULL, omit, len);
}

const char *oasv_doc_search_json(oasv_doc *doc, size_t *len) { return navigation_text(doc, NAV_SEARCH, 0, len); }

const char *oasv_doc_entry_json(oasv_doc *doc, const char *id, size_t *len)
{
    if (!doc || !id) return NULL;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_model *m = oasv_model_get(doc);
    const char *out = NULL;
    const model_item *it = m ? oasv_map_get(&m->by_id, NULL, id, strlen(id)) : NULL;
    if (it) {
        oasv_free(m->entry);
        m->entry = NULL;
        jw *w = oasv_calloc(1, sizeof *w);
        if (w) {
            w->html = &m->html;
            oasv_model_write_entry(doc, m, it, w);
            if (w->b.oom) oasv_buf_free(&w->b);
            else {
                m->entry_len = w->b.len;
                m->entry = oasv_buf_take(&w->b);
                out = m->entry;
                if (len) *len = m->entry_len;
            }
            oasv_free(w);
        }
    }
    oasv_mem_leave(previous);
    return out;
}

bool oasv_doc_has_entry(oasv_doc *doc, const char *id)
{
    if (!doc || !id) return false;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_model *m = oasv_model_get(doc);
    bool found = m && oasv_map_get(&m->by_id, NULL, id, strlen(id)) != NULL;
    oasv_mem_leave(previous);
    return found;
}
