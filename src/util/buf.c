#include "util/buf.h"

#include "util/mem.h"

#include <stdint.h>
#include <string.h>

bool oasv_buf_reserve(oasv_buf *b, size_t extra)
{
    if (b->oom) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->oom = true; return false; }
        cap *= 2;
    }
    char *data = oasv_realloc(b->data, cap);
    if (!data) { b->oom = true; return false; }
    b->data = data;
    b->cap = cap;
    return true;
}

void oasv_buf_append(oasv_buf *b, const char *s, size_t len)
{
    if (!oasv_buf_reserve(b, len)) return;
    if (len) memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void oasv_buf_puts(oasv_buf *b, const char *s) { oasv_buf_append(b, s, strlen(s)); }

void oasv_buf_putc(oasv_buf *b, char c)
{
    if (!b->oom && b->len + 2 <= b->cap) { /* the common case, without a call (hot in pointer and URI building) */
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    oasv_buf_append(b, &c, 1);
}

void oasv_buf_json_string(oasv_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    oasv_buf_putc(b, '"');
    size_t run = 0; /* bytes copied as they are, flushed in one append */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') { run++; continue; }
        oasv_buf_append(b, s + i - run, run);
        run = 0;
        switch (c) {
        case '"': oasv_buf_append(b, "\\\"", 2); break;
        case '\\': oasv_buf_append(b, "\\\\", 2); break;
        case '\n': oasv_buf_append(b, "\\n", 2); break;
        case '\r': oasv_buf_append(b, "\\r", 2); break;
        case '\t': oasv_buf_append(b, "\\t", 2); break;
        case '\b': oasv_buf_append(b, "\\b", 2); break; /* the escapes JSON.stringify uses, so both print alike */
        case '\f': oasv_buf_append(b, "\\f", 2); break;
        default: {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            oasv_buf_append(b, esc, 6);
        }
        }
    }
    oasv_buf_append(b, s + len - run, run);
    oasv_buf_putc(b, '"');
}

void oasv_buf_pointer_token(oasv_buf *b, const char *s, size_t len)
{
    oasv_buf_putc(b, '/');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '~') oasv_buf_append(b, "~0", 2);
        else if (s[i] == '/') oasv_buf_append(b, "~1", 2);
        else oasv_buf_putc(b, s[i]);
    }
}

char *oasv_buf_take(oasv_buf *b)
{
    if (b->oom) { oasv_buf_free(b); return NULL; }
    if (!b->data && !oasv_buf_reserve(b, 0)) return NULL;
    if (b->len == 0) b->data[0] = '\0';
    char *data = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return data;
}

void oasv_buf_free(oasv_buf *b)
{
    oasv_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
