/*
 * format.h - printf-style formatting of our own (libc's vfprintf links musl's long-double
 * float printing into the wasm). It knows the conversions the code base uses:
 *   %d %i %u %x %X %c %s %% and %e %f %g, with the flags '-' and '0', a width and a
 *   precision (digits or '*'), and the lengths h, hh, l, ll, z.
 * Debug builds assert on anything else; release builds print it as it is.
 * oasv_buf_printf (util/buf.h) formats the same way.
 */
#ifndef OASV_UTIL_FORMAT_H
#define OASV_UTIL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/** snprintf: at most size - 1 bytes and a NUL into dst (when size > 0); returns the full length. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
size_t oasv_snprintf(char *dst, size_t size, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 0)))
#endif
size_t oasv_vsnprintf(char *dst, size_t size, const char *fmt, va_list ap);

#endif
