/*
 * stream.c - loading a text while it arrives (oasv.h "Loading a text as it arrives").
 *
 * A page that downloads a big document can have it read during the download instead of after it: JSON is
 * scanned up to the last line end received (no JSON token holds a raw line end, so none is cut), with the
 * raw-byte checks of load/text.c made on the same stretch. Only a clean read is kept: a text that is not
 * JSON, starts with a byte order mark, or has any mistake is read again whole by oasv_load_adopt() at the
 * end, so the document and its diagnostics are always those oasv_load() makes of the same text.
 */
#include "oasv.h"

#include "core/doc.h"
#include "load/load.h"
#include "util/mem.h"
#include "util/utf8.h"

#include <string.h>

struct oasv_load_stream {
    oasv_doc *doc;          /* being read; its text is the buffer the caller writes into */
    oasv_options opts;      /* for the whole-text load */
    char *filename;         /* opts.filename: our copy */
    oasv_json_scan *scan;   /* NULL until the first line end (and after a reason to read the text whole) */
    size_t over;            /* the length, when it is over limits.max_input_bytes: no buffer (doc is NULL) */
    size_t read;            /* bytes checked and scanned */
    bool whole;             /* read the text whole at the end */
};

oasv_load_stream *oasv_load_stream_begin(size_t len, const oasv_options *opts)
{
    if (opts && opts->abi_version != OASV_OPTIONS_VERSION) return NULL;
    const oasv_alloc *previous = oasv_mem_enter(opts ? opts->alloc : NULL);
    oasv_load_stream *st = oasv_calloc(1, sizeof *st);
    oasv_doc *doc = st ? oasv_doc_new(opts) : NULL;
    if (!doc || doc->oom) goto fail;
    if (opts) st->opts = *opts;
    else st->opts.abi_version = OASV_OPTIONS_VERSION;
    if (opts && opts->filename) {
        if (!(st->filename = oasv_strndup(opts->filename, strlen(opts->filename)))) goto fail;
        st->opts.filename = st->filename;
    }
    if (len > doc->limits.max_input_bytes) { /* nothing is kept: the end reports it, as oasv_load() does */
        oasv_doc_free(doc);
        st->over = len;
        oasv_mem_leave(previous);
        return st;
    }
    if (!(doc->text = oasv_malloc(len + 1))) goto fail;
    doc->text[len] = '\0';
    doc->len = len;
    oasv_lines_init(&doc->lines, doc->text, len);
    doc->tree.text = doc->text;
    doc->tree.len = len;
    st->doc = doc;
    st->whole = doc->format == OASV_FORMAT_YAML || (doc->format == OASV_FORMAT_AUTO && doc->filename && oasv_filename_is_yaml(doc->filename));
    oasv_mem_leave(previous);
    return st;
fail:
    oasv_doc_free(doc);
    if (st) oasv_free(st->filename);
    oasv_free(st);
    oasv_mem_leave(previous);
    return NULL;
}

uint8_t *oasv_load_stream_buffer(oasv_load_stream *st) { return st && st->doc ? st->doc->text : NULL; }

size_t oasv_load_stream_read(const oasv_load_stream *st) { return st && st->scan && !st->whole ? st->read : 0; }

/* The first bytes: read in steps only JSON without a byte order mark. False: not yet known. */
static bool start_scan(oasv_load_stream *st, size_t end)
{
    const uint8_t *t = st->doc->text;
    if (end >= 2 && ((t[0] == 0xFE && t[1] == 0xFF) || (t[0] == 0xFF && t[1] == 0xFE))) { st->whole = true; return true; }
    if (end >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) { st->whole = true; return true; }
    size_t i = 0;
    while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    if (i == end) return false;
    if (t[i] != '{' && t[i] != '[') { st->whole = true; return true; }
    st->doc->format = OASV_FORMAT_JSON;
    if (!(st->scan = oasv_json_scan_new(st->doc, 0))) st->whole = true;
    return true;
}

/* Check and scan the text up to `end`; on any mistake the text is read whole at the end instead. */
static void step(oasv_load_stream *st, size_t end, bool final)
{
    const uint8_t *t = st->doc->text + st->read;
    size_t n = end - st->read, bad;
    if (!oasv_utf8_valid(t, n, &bad) || memchr(t, 0, n) || oasv_json_scan_step(st->scan, end, final) < 0) {
        st->whole = true;
        return;
    }
    st->read = end;
}

void oasv_load_stream_feed(oasv_load_stream *st, size_t received)
{
    if (!st || st->whole || st->over) return;
    const oasv_alloc *previous = oasv_mem_enter(st->doc->alloc);
    if (received > st->doc->len) received = st->doc->len;
    size_t end = received;
    while (end > st->read && st->doc->text[end - 1] != '\n') end--;
    if (end > st->read && (st->scan || start_scan(st, end)) && !st->whole) step(st, end, false);
    oasv_mem_leave(previous);
}

oasv_status oasv_load_stream_end(oasv_load_stream *st, oasv_doc **out)
{
    if (!st || !out) return OASV_ERR_ARGS;
    *out = NULL;
    const oasv_alloc *previous = oasv_mem_enter(st->opts.alloc);
    oasv_doc *doc = st->doc;
    oasv_status status;
    if (st->over) { /* refused on the length alone: the text is not read (nor was it kept) */
        status = oasv_load("", st->over, &st->opts, out);
        goto done;
    }
    if (st->scan && !st->whole) step(st, doc->len, true);
    if (st->scan && !st->whole) { /* read in steps, without a mistake: what the whole-text load would make */
        oasv_json_scan_finish(st->scan, true);
        oasv_doc_after_tree(doc);
        status = oasv_doc_loaded(doc, out);
    } else {
        if (st->scan) oasv_json_scan_finish(st->scan, false);
        char *text = (char *)doc->text;
        size_t len = doc->len;
        doc->text = NULL;
        oasv_doc_free(doc);
        status = oasv_load_adopt(text, len, &st->opts, out);
    }
done:
    oasv_free(st->filename);
    oasv_free(st);
    oasv_mem_leave(previous);
    return status;
}

void oasv_load_stream_free(oasv_load_stream *st)
{
    if (!st) return;
    const oasv_alloc *previous = oasv_mem_enter(st->opts.alloc);
    if (st->scan) oasv_json_scan_finish(st->scan, false);
    oasv_doc_free(st->doc);
    oasv_free(st->filename);
    oasv_free(st);
    oasv_mem_leave(previous);
}
