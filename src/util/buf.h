/*
 * buf.h - a growable byte buffer for building text (messages, pointers, JSON).
 *
 * Out of memory is sticky: after a failed append `oom` is set, later appends
 * do nothing, and the owner checks `oom` once at the end.
 */
#ifndef OASV_UTIL_BUF_H
#define OASV_UTIL_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct oasv_buf {
    char *data;  /* NUL-terminated when len > 0 and !oom */
    size_t len, cap;
    bool oom;
} oasv_buf;

bool oasv_buf_reserve(oasv_buf *b, size_t extra);
void oasv_buf_append(oasv_buf *b, const char *s, size_t len);
void oasv_buf_puts(oasv_buf *b, const char *s);
void oasv_buf_putc(oasv_buf *b, char c);
/* printf-style, with the conversions util/format.h lists (implemented in util/format.c). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void oasv_buf_printf(oasv_buf *b, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void oasv_buf_vprintf(oasv_buf *b, const char *fmt, va_list ap);
/** Append `s` as a JSON string literal, quotes included. */
void oasv_buf_json_string(oasv_buf *b, const char *s, size_t len);
/** Append one RFC 6901 reference token: "/" then `s` with ~ and / escaped. */
void oasv_buf_pointer_token(oasv_buf *b, const char *s, size_t len);
/** Give up the text: the caller frees it with oasv_free(). NULL when out of memory. */
char *oasv_buf_take(oasv_buf *b);
void oasv_buf_free(oasv_buf *b);

#endif
