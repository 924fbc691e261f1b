/*
 * number.h - decimal text <-> double without libc's strtod/printf, which in musl (the
 * wasm libc) go through 128-bit soft-float long double (~10 KB of gzipped wasm).
 * Both directions are exact and independent of the C locale ('.' is the decimal point).
 */
#ifndef OASV_UTIL_NUMBER_H
#define OASV_UTIL_NUMBER_H

#include <stddef.h>

/**
 * strtod for decimal numbers: optional white space and sign, digits with an optional '.',
 * an optional exponent. Correctly rounded (ties to even); overflow gives +-inf and
 * underflow +-0, as strtod does (errno is not set). No "inf", "nan" or hexadecimal forms:
 * text without digits gives 0 with *end = s.
 */
double oasv_strtod(const char *s, char **end);

/**
 * Format `v` as printf's %e, %f or %g (`conversion`) with `precision` (as printf's:
 * already defaulted, 0 <= precision <= OASV_FORMAT_DOUBLE_MAX_PRECISION) into `out`,
 * which holds OASV_FORMAT_DOUBLE_SIZE bytes; returns the length (NUL-terminated).
 * Digits are exact, rounded half to even, as glibc and musl print them.
 */
#define OASV_FORMAT_DOUBLE_MAX_PRECISION 340
#define OASV_FORMAT_DOUBLE_SIZE 720
size_t oasv_format_double(char *out, double v, char conversion, int precision);

#endif
