/* printf-style formatting into a buffer or a fixed array (util/format.h, util/buf.h). */
#include "util/format.h"

#include "util/buf.h"
#include "util/number.h"

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Where the text goes: an oasv_buf, or dst[0..size) with the rest counted but dropped. */
typedef struct sink {
    oasv_buf *buf;
    char *dst;
    size_t size, len;
} sink;

static void emit(sink *k, const char *s, size_t n)
{
    if (k->buf) oasv_buf_append(k->buf, s, n);
    else if (k->len + 1 < k->size) {
        size_t room = k->size - 1 - k->len;
        memcpy(k->dst + k->len, s, n < room ? n : room);
    }
    k->len += n;
}

static void emit_repeated(sink *k, char c, size_t n)
{
    char run[32];
    memset(run, c, sizeof run);
    for (; n > sizeof run; n -= sizeof run) emit(k, run, sizeof run);
    emit(k, run, n);
}

typedef struct spec {
    bool left, zero;
    size_t width;
    int precision; /* -1: none */
} spec;

/* `sign` then `body`, padded to the width: zeros go between them, spaces outside. */
static void emit_padded(sink *k, const spec *sp, const char *sign, const char *body, size_t body_len)
{
    size_t len = strlen(sign) + body_len, pad = sp->width > len ? sp->width - len : 0;
    if (!sp->left && !sp->zero) emit_repeated(k, ' ', pad);
    emit(k, sign, strlen(sign));
    if (!sp->left && sp->zero) emit_repeated(k, '0', pad);
    emit(k, body, body_len);
    if (sp->left) emit_repeated(k, ' ', pad);
}

static void emit_integer(sink *k, const spec *sp, bool negative, unsigned long long v, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char text[24];
    size_t i = sizeof text;
    do { text[--i] = digits[v % base]; v /= base; } while (v);
    spec s = *sp;
    if (s.precision >= 0) s.zero = false;
    while (s.precision > 0 && sizeof text - i < (size_t)s.precision && i > 0) text[--i] = '0';
    emit_padded(k, &s, negative ? "-" : "", text + i, sizeof text - i);
}

static void format(sink *k, const char *fmt, va_list ap)
{
    for (const char *p = fmt;;) {
        const char *start = p;
        while (*p && *p != '%') p++;
        if (p > start) emit(k, start, (size_t)(p - start));
        if (!*p) return;
        const char *conversion_start = p++;
        spec sp = { false, false, 0, -1 };
        for (;; p++) {
            if (*p == '-') sp.left = true;
            else if (*p == '0') sp.zero = true;
            else break;
        }
        if (*p == '*') {
            int w = va_arg(ap, int);
            if (w < 0) { sp.left = true; w = -w; }
            sp.width = (size_t)w;
            p++;
        } else {
            while (*p >= '0' && *p <= '9') sp.width = sp.width * 10 + (size_t)(*p++ - '0');
        }
        if (*p == '.') {
            p++;
            if (*p == '*') { sp.precision = va_arg(ap, int); p++; if (sp.precision < 0) sp.precision = -1; }
            else {
                sp.precision = 0;
                while (*p >= '0' && *p <= '9') if (sp.precision < 100000) sp.precision = sp.precision * 10 + (*p++ - '0'); else p++;
            }
        }
        int longs = 0; /* l 1, ll 2, z 3; h -1, hh -2 (those arrive as an int and are narrowed) */
        for (;; p++) {
            if (*p == 'l') longs++;
            else if (*p == 'z') longs = 3;
            else if (*p == 'h') longs--;
            else break;
        }
        switch (*p) {
        case 'd': case 'i': {
            long long v = longs == 3 ? (long long)va_arg(ap, ptrdiff_t) : longs == 2 ? va_arg(ap, long long)
                        : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (longs == -1) v = (short)v;
            else if (longs == -2) v = (signed char)v;
            emit_integer(k, &sp, v < 0, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, 10, false);
            break;
        }
        case 'u': case 'x': case 'X': {
            unsigned long long v = longs == 3 ? va_arg(ap, size_t) : longs == 2 ? va_arg(ap, unsigned long long)
                                 : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            if (longs == -1) v = (unsigned short)v;
            else if (longs == -2) v = (unsigned char)v;
            emit_integer(k, &sp, false, v, *p == 'u' ? 10 : 16, *p == 'X');
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            emit_padded(k, &sp, "", &c, 1);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            size_t len = 0;
            if (sp.precision < 0) len = strlen(s);
            else while (len < (size_t)sp.precision && s[len]) len++;
            sp.zero = false;
            emit_padded(k, &sp, "", s, len);
            break;
        }
        case 'e': case 'f': case 'g': {
            double v = va_arg(ap, double);
            int precision = sp.precision < 0 ? 6 : sp.precision;
            assert(precision <= OASV_FORMAT_DOUBLE_MAX_PRECISION);
            if (precision > OASV_FORMAT_DOUBLE_MAX_PRECISION) precision = OASV_FORMAT_DOUBLE_MAX_PRECISION;
            char text[OASV_FORMAT_DOUBLE_SIZE];
            size_t len = oasv_format_double(text, v, *p, precision);
            bool negative = text[0] == '-';
            if (text[negative] == 'i' || text[negative] == 'n') sp.zero = false;
            emit_padded(k, &sp, negative ? "-" : "", text + negative, len - negative);
            break;
        }
        case '%': emit(k, "%", 1); break;
        default:
            assert(!"oasv format: unsupported conversion");
            emit(k, conversion_start, (size_t)(p - conversion_start));
            if (!*p) return;
            emit(k, p, 1);
        }
        p++;
    }
}

void oasv_buf_vprintf(oasv_buf *b, const char *fmt, va_list ap)
{
    sink k = { b, NULL, 0, 0 };
    va_list copy;
    va_copy(copy, ap);
    format(&k, fmt, copy);
    va_end(copy);
}

void oasv_buf_printf(oasv_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    oasv_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

size_t oasv_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap)
{
    sink k = { NULL, dst, size, 0 };
    va_list copy;
    va_copy(copy, ap);
    format(&k, fmt, copy);
    va_end(copy);
    if (size > 0) dst[k.len < size ? k.len : size - 1] = '\0';
    return k.len;
}

size_t oasv_snprintf(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = oasv_vsnprintf(dst, size, fmt, ap);
    va_end(ap);
    return n;
}
