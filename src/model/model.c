/* model.c - the render model's public entry points (oasv.h "Render model"). */
#include "oasv.h"

#include "model/model.h"
#include "util/mem.h"

#include <string.h>

const char *oasv_doc_navigation_json(oasv_doc *doc, size_t *len)
{
    if (!doc) return NULL;
    const oasv_alloc *previous = oasv_mem_enter(doc->alloc);
    oasv_model *m = oasv_model_get(doc);
    if (m && !m->nav) {
        jw w;
        memset(&w, 0, sizeof w);
        w.html = &m->html;
        /* About 500 bytes per item (groups, schemas, search): one buffer instead of a chain of
         * doublings, whose copies would briefly hold the navigation two or three times over. */
        if (!oasv_buf_reserve(&w.b, m->count * 512)) w.b.oom = false; /* only a hint: grow as needed instead */
        oasv_model_write_navigation(doc, m, &w);
        if (w.b.oom) oasv_buf_free(&w.b);
        else {
            m->nav_len = w.b.len;
            m->nav = oasv_buf_take(&w.b);
            char *fit = m->nav ? oasv_realloc(m->nav, m->nav_len + 1) : NULL; /* give back the slack */
            if (fit) m->nav = fit;
        }
    }
    oasv_mem_leave(previous);
    if (!m || !m->nav) return NULL;
    if (len) *len = m->nav_len;
    return m->nav;
}

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
