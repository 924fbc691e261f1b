/*
 * markdown.c - CommonMark + GFM tables (md4c) to an allow-listed HTML subset.
 *
 * md4c parses; this file is the renderer (md4c-html.c is not used: it keeps
 * any URL). Raw HTML is turned off in the parser (MD_FLAG_NOHTML), so it
 * arrives as text and is escaped. The only tags written are p, h1-h6,
 * blockquote, ul, ol, li, hr, pre, code, em, strong, del, br, a, img and the
 * table tags; the only attributes are href/title on a, src/alt/title on img,
 * start on ol, align on cells and a checked language class on code. URLs are
 * decoded (entities) and read as a browser reads them before their scheme is
 * checked; a link or image whose URL is refused becomes its plain text.
 */
#include "model/model.h"

#include "model/entities.h"
#include "util/mem.h"
#include <md4c.h>
#include <string.h>

/* Open spans, innermost last. md4c 0.4.8 does not always pair its span events
 * ("[](*)*" leaves an <em> it never entered; "![~[](~)]()" leaves the image
 * before the <del> inside it: found by fuzz_markdown), so the renderer pairs
 * them itself: a leave closes the innermost open span of its type and every
 * span inside it, a stray leave is ignored, and each block closes what is
 * still open. So an <img>'s alt attribute is always closed, and every tag. */
#define MD_MAX_SPANS 64

typedef struct md_span {
    MD_SPANTYPE type;
    bool written; /* its tag was written (a refused link or image writes none) */
} md_span;

typedef struct md_out {
    oasv_buf *out;
    md_span spans[MD_MAX_SPANS];
    int depth;           /* open spans in `spans` */
    int deeper;          /* open spans beyond MD_MAX_SPANS: text only */
    int alt;             /* index in `spans` of the image whose alt attribute is open, or -1 */
    oasv_buf alt_title;  /* that image's title, written when the attribute closes */
} md_out;

/* MARK: - Escaping and decoding */

static void escape(oasv_buf *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\0': rep = "\xEF\xBF\xBD"; break;
        default: run++; continue;
        }
        oasv_buf_append(b, s + i - run, run);
        run = 0;
        oasv_buf_puts(b, rep);
    }
    oasv_buf_append(b, s + len - run, run);
}

static void put_utf8(oasv_buf *b, unsigned cp)
{
    char u[4];
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) { u[0] = (char)cp; oasv_buf_append(b, u, 1); }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); oasv_buf_append(b, u, 2); }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[2] = (char)(0x80 | (cp & 0x3F));
        oasv_buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
        oasv_buf_append(b, u, 4);
    }
}

/* An entity as md4c reports it ("&amp;", "&#x09;", "&#9;") as UTF-8; false (and nothing
 * written) for a name our small table does not have (see entities.c). */
static bool decode_entity(oasv_buf *b, const char *s, size_t len)
{
    if (len > 3 && s[1] == '#') {
        unsigned cp = 0;
        bool hex = s[2] == 'x' || s[2] == 'X';
        for (size_t i = hex ? 3 : 2; i + 1 < len; i++) {
            char c = s[i];
            unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                       : (unsigned)(c - 'A' + 10);
            cp = cp * (hex ? 16u : 10u) + d;
            if (cp > 0x10FFFF) cp = 0x110000;
        }
        put_utf8(b, cp);
        return true;
    }
    unsigned cp = len > 2 ? oasv_entity_codepoint(s + 1, len - 2) : 0;
    if (!cp) return false;
    put_utf8(b, cp);
    return true;
}

/* An MD_ATTRIBUTE as the plain text it stands for. */
static void decode_attr(oasv_buf *b, const MD_ATTRIBUTE *a)
{
    if (!a->text) return;
    for (int i = 0; a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        if (a->substr_types[i] == MD_TEXT_ENTITY) {
            /* Unknown: kept as written. In a URL it forms no scheme (url_attr escapes its `&`). */
            if (!decode_entity(b, s, n)) oasv_buf_append(b, s, n);
        }
        else if (a->substr_types[i] == MD_TEXT_NULLCHAR) put_utf8(b, 0xFFFD);
        else oasv_buf_append(b, s, n);
    }
}

/* MARK: - URLs */

bool oasv_url_safe(const char *url, size_t len, bool image)
{
    /* As the WHATWG URL parser: leading C0 controls and spaces are stripped, tab and newlines removed anywhere. */
    char scheme[16];
    size_t n = 0, i = 0;
    while (i < len && (unsigned char)url[i] <= 0x20) i++;
    for (; i < len; i++) {
        char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (c == ':') break;
        if (!(alpha || (n > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) return true; /* no scheme: relative */
        if (n == sizeof scheme - 1) return false; /* a scheme longer than any we allow */
        scheme[n++] = (char)(alpha ? (c | 0x20) : c);
    }
    if (i == len) return true; /* no colon: relative */
    if (n == 0) return true;   /* ":x" is a relative path */
    scheme[n] = '\0';
    if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) return true;
    return !image && strcmp(scheme, "mailto") == 0;
}

/* The URL as an attribute value: tabs and newlines dropped, controls and spaces percent-encoded, markup escaped. */
static void url_attr(oasv_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0;
    while (i < len && (unsigned char)s[i] <= 0x20) i++;
    while (len > i && (unsigned char)s[len - 1] <= 0x20) len--;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c <= 0x20 || c == 0x7F) {
            char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
            oasv_buf_append(b, esc, 3);
        } else {
            escape(b, (const char *)&s[i], 1);
        }
    }
}

/* MARK: - md4c callbacks */

static void close_spans(md_out *o, int keep);

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    md_out *o = user;
    oasv_buf *b = o->out;
    close_spans(o, 0); /* spans never cross blocks */
    switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: oasv_buf_puts(b, "<blockquote>\n"); break;
    case MD_BLOCK_UL: oasv_buf_puts(b, "<ul>\n"); break;
    case MD_BLOCK_OL: {
        unsigned start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
        if (start == 1) oasv_buf_puts(b, "<ol>\n");
        else oasv_buf_printf(b, "<ol start=\"%u\">\n", start);
        break;
    }
    case MD_BLOCK_LI: oasv_buf_puts(b, "<li>"); break;
    case MD_BLOCK_HR: oasv_buf_puts(b, "<hr>\n"); break;
    case MD_BLOCK_H: oasv_buf_printf(b, "<h%u>", ((MD_BLOCK_H_DETAIL *)detail)->level); break;
    case MD_BLOCK_CODE: {
        const MD_ATTRIBUTE *lang = &((MD_BLOCK_CODE_DETAIL *)detail)->lang;
        bool plain = lang->text && lang->size > 0 && lang->size < 32;
        for (MD_SIZE i = 0; plain && i < lang->size; i++) {
            char c = lang->text[i];
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+';
        }
        oasv_buf_puts(b, "<pre><code");
        if (plain) {
            oasv_buf_puts(b, " class=\"language-");
            oasv_buf_append(b, lang->text, lang->size);
            oasv_buf_putc(b, '"');
        }
        oasv_buf_putc(b, '>');
        break;
    }
    case MD_BLOCK_HTML: break; /* not produced: MD_FLAG_NOHTML */
    case MD_BLOCK_P: oasv_buf_puts(b, "<p>"); break;
    case MD_BLOCK_TABLE: oasv_buf_puts(b, "<table>\n"); break;
    case MD_BLOCK_THEAD: oasv_buf_puts(b, "<thead>\n"); break;
    case MD_BLOCK_TBODY: oasv_buf_puts(b, "<tbody>\n"); break;
    case MD_BLOCK_TR: oasv_buf_puts(b, "<tr>"); break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        MD_ALIGN a = ((MD_BLOCK_TD_DETAIL *)detail)->align;
        oasv_buf_puts(b, type == MD_BLOCK_TH ? "<th" : "<td");
        if (a == MD_ALIGN_LEFT) oasv_buf_puts(b, " align=\"left\"");
        else if (a == MD_ALIGN_CENTER) oasv_buf_puts(b, " align=\"center\"");
        else if (a == MD_ALIGN_RIGHT) oasv_buf_puts(b, " align=\"right\"");
        oasv_buf_putc(b, '>');
        break;
    }
    }
    return b->oom ? -1 : 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    md_out *o = user;
    oasv_buf *b = o->out;
    close_spans(o, 0);
    switch (type) {
    case MD_BLOCK_DOC: break;
    case MD_BLOCK_QUOTE: oasv_buf_puts(b, "</blockquote>\n"); break;
    case MD_BLOCK_UL: oasv_buf_puts(b, "</ul>\n"); break;
    case MD_BLOCK_OL: oasv_buf_puts(b, "</ol>\n"); break;
    case MD_BLOCK_LI: oasv_buf_puts(b, "</li>\n"); break;
    case MD_BLOCK_HR: break;
    case MD_BLOCK_H: oasv_buf_printf(b, "</h%u>\n", ((MD_BLOCK_H_DETAIL *)detail)->level); break;
    case MD_BLOCK_CODE: oasv_buf_puts(b, "</code></pre>\n"); break;
    case MD_BLOCK_HTML: break;
    case MD_BLOCK_P: oasv_buf_puts(b, "</p>\n"); break;
    case MD_BLOCK_TABLE: oasv_buf_puts(b, "</table>\n"); break;
    case MD_BLOCK_THEAD: oasv_buf_puts(b, "</thead>\n"); break;
    case MD_BLOCK_TBODY: oasv_buf_puts(b, "</tbody>\n"); break;
    case MD_BLOCK_TR: oasv_buf_puts(b, "</tr>\n"); break;
    case MD_BLOCK_TH: oasv_buf_puts(b, "</th>\n"); break;
    case MD_BLOCK_TD: oasv_buf_puts(b, "</td>\n"); break;
    }
    return b->oom ? -1 : 0;
}

/* Decode an attribute and say whether it is a URL we keep; the decoded text goes to `tmp`. */
static bool safe_attr(const MD_ATTRIBUTE *a, bool image, oasv_buf *tmp)
{
    decode_attr(tmp, a);
    if (tmp->oom) return false;
    return oasv_url_safe(tmp->data ? tmp->data : "", tmp->len, image);
}

static void title_attr(oasv_buf *b, const MD_ATTRIBUTE *title)
{
    if (!title->text || !title->size) return;
    oasv_buf t = { 0 };
    decode_attr(&t, title);
    oasv_buf_puts(b, " title=\"");
    if (t.data) escape(b, t.data, t.len);
    oasv_buf_putc(b, '"');
    if (t.oom) b->oom = true;
    oasv_buf_free(&t);
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    md_out *o = user;
    oasv_buf *b = o->out;
    if (o->depth == MD_MAX_SPANS || o->deeper) { o->deeper++; return 0; }
    md_span *sp = &o->spans[o->depth++];
    sp->type = type;
    sp->written = false;
    if (o->alt >= 0) return 0; /* inside an image's alt text: its text only */
    switch (type) {
    case MD_SPAN_EM: oasv_buf_puts(b, "<em>"); break;
    case MD_SPAN_STRONG: oasv_buf_puts(b, "<strong>"); break;
    case MD_SPAN_CODE: oasv_buf_puts(b, "<code>"); break;
    case MD_SPAN_DEL: oasv_buf_puts(b, "<del>"); break;
    case MD_SPAN_A: {
        MD_SPAN_A_DETAIL *d = detail;
        oasv_buf url = { 0 };
        if (safe_attr(&d->href, false, &url)) {
            oasv_buf_puts(b, "<a href=\"");
            if (url.data) url_attr(b, url.data, url.len);
            oasv_buf_putc(b, '"');
            title_attr(b, &d->title);
            oasv_buf_puts(b, " rel=\"nofollow noopener noreferrer\">");
            sp->written = true;
        }
        if (url.oom) b->oom = true;
        oasv_buf_free(&url);
        return b->oom ? -1 : 0;
    }
    case MD_SPAN_IMG: {
        MD_SPAN_IMG_DETAIL *d = detail;
        oasv_buf url = { 0 };
        if (safe_attr(&d->src, true, &url)) {
            oasv_buf_puts(b, "<img src=\"");
            if (url.data) url_attr(b, url.data, url.len);
            oasv_buf_puts(b, "\" alt=\"");
            title_attr(&o->alt_title, &d->title); /* written after the alt text */
            if (o->alt_title.oom) b->oom = true;
            sp->written = true;
            o->alt = o->depth - 1;
        }
        if (url.oom) b->oom = true;
        oasv_buf_free(&url);
        return b->oom ? -1 : 0;
    }
    default: return 0; /* extensions not enabled */
    }
    sp->written = true;
    return b->oom ? -1 : 0;
}

/* Close open spans, innermost first, until `keep` are left. */
static void close_spans(md_out *o, int keep)
{
    oasv_buf *b = o->out;
    if (keep == 0) o->deeper = 0;
    while (o->depth > keep) {
        int i = --o->depth;
        md_span *sp = &o->spans[i];
        if (o->alt >= 0 && i > o->alt) continue; /* inside the alt text: nothing was written */
        if (i == o->alt) {
            oasv_buf_putc(b, '"');
            if (o->alt_title.data) oasv_buf_append(b, o->alt_title.data, o->alt_title.len);
            oasv_buf_putc(b, '>');
            o->alt_title.len = 0;
            o->alt = -1;
            continue;
        }
        if (!sp->written) continue;
        switch (sp->type) {
        case MD_SPAN_EM: oasv_buf_puts(b, "</em>"); break;
        case MD_SPAN_STRONG: oasv_buf_puts(b, "</strong>"); break;
        case MD_SPAN_CODE: oasv_buf_puts(b, "</code>"); break;
        case MD_SPAN_DEL: oasv_buf_puts(b, "</del>"); break;
        case MD_SPAN_A: oasv_buf_puts(b, "</a>"); break;
        default: break;
        }
    }
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    md_out *o = user;
    if (o->deeper) { o->deeper--; return 0; }
    int i = o->depth - 1;
    while (i >= 0 && o->spans[i].type != type) i--;
    if (i >= 0) close_spans(o, i); /* else a leave without an enter: ignored */
    return o->out->oom ? -1 : 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE size, void *user)
{
    md_out *o = user;
    oasv_buf *b = o->out;
    switch (type) {
    case MD_TEXT_NULLCHAR: oasv_buf_puts(b, "\xEF\xBF\xBD"); break;
    case MD_TEXT_BR: oasv_buf_puts(b, o->alt >= 0 ? " " : "<br>\n"); break;
    case MD_TEXT_SOFTBR: oasv_buf_puts(b, o->alt >= 0 ? " " : "\n"); break;
    case MD_TEXT_ENTITY: {
        oasv_buf t = { 0 };
        /* An unknown name goes out as written, for the browser to decode: md4c only
         * reports `&[A-Za-z][A-Za-z0-9]*;` here, which cannot form markup. */
        if (!decode_entity(&t, s, size)) oasv_buf_append(b, s, size);
        else if (t.data) escape(b, t.data, t.len);
        if (t.oom) b->oom = true;
        oasv_buf_free(&t);
        break;
    }
    default: escape(b, s, size); break; /* normal, code, and raw HTML (escaped: MD_FLAG_NOHTML) */
    }
    return b->oom ? -1 : 0;
}

/* `md[len]` must be readable and NUL: md4c 0.4.8 reads one byte past the end of
 * the text (e.g. for "[](" at its end: md_is_inline_link_spec), a heap over-read
 * without a terminator (found by tests/fuzz/fuzz_markdown). */
static void render(const char *md, size_t len, oasv_buf *out)
{
    if (len > 0xFFFFFFF0u) { out->oom = true; return; }
    md_out o = { .out = out, .alt = -1 };
    MD_PARSER p;
    memset(&p, 0, sizeof p);
    p.flags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
    p.enter_block = enter_block;
    p.leave_block = leave_block;
    p.enter_span = enter_span;
    p.leave_span = leave_span;
    p.text = text;
    size_t before = out->len;
    int failed = md_parse(md, (MD_SIZE)len, &p, &o);
    close_spans(&o, 0);
    if (o.alt_title.oom) out->oom = true;
    oasv_buf_free(&o.alt_title);
    if (failed && !out->oom) {
        /* md4c gave up (out of memory inside md4c): fall back to the escaped text. */
        out->len = before;
        if (out->data) out->data[before] = '\0';
        oasv_buf_puts(out, "<p>");
        escape(out, md, len);
        oasv_buf_puts(out, "</p>\n");
    }
}

void oasv_markdown_html(const char *md, size_t len, oasv_buf *out)
{
    char *text = oasv_strndup(md, len); /* NUL-terminated: see render() */
    if (!text) { out->oom = true; return; }
    render(text, len, out);
    oasv_free(text);
}

void model_khtml(jw *w, const char *key, const char *md)
{
    if (!md || !*md) return;
    size_t md_len = strlen(md), json_len = 0;
    const char *json = w->html ? model_cache_get(w->html, NULL, md, md_len, &json_len) : NULL;
    if (json) { /* "" when the HTML is empty: no key */
        if (json_len) { jw_key(w, key); jw_raw(w, json, json_len); }
        return;
    }
    oasv_buf h = { 0 }, lit = { 0 };
    render(md, md_len, &h); /* a C string: terminated already */
    /* Trailing newlines are noise in JSON. */
    while (h.len && h.data[h.len - 1] == '\n') h.data[--h.len] = '\0';
    if (h.len) jw_put_string(&lit, h.data, h.len);
    if (h.oom || lit.oom) w->b.oom = true;
    else {
        if (lit.len) { jw_key(w, key); jw_raw(w, lit.data, lit.len); }
        if (w->html) model_cache_put(w->html, NULL, md, md_len, lit.data ? lit.data : "", lit.len);
    }
    oasv_buf_free(&h);
    oasv_buf_free(&lit);
}
