/*
 * utf8.h - UTF-8 checks and UTF-16 lengths.
 *
 * Byte offsets are the truth inside oasview; UTF-16 code units are what
 * editors, LSP, SARIF and JavaScript count, so columns are converted here.
 */
#ifndef OASV_UTIL_UTF8_H
#define OASV_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * Check that `s` is well-formed UTF-8 (no overlong forms, no surrogates, no
 * code point above U+10FFFF, no truncated sequence).
 * @return true when it is; otherwise false with *bad at the first bad byte
 */
bool oasv_utf8_valid(const uint8_t *s, size_t len, size_t *bad);

/** True when every byte of s[0..len) is ASCII (then byte and character offsets agree). */
bool oasv_utf8_is_ascii(const uint8_t *s, size_t len);

/** Number of UTF-16 code units that the valid UTF-8 text s[0..len) encodes. */
size_t oasv_utf16_length(const uint8_t *s, size_t len);

/** Length of the UTF-8 sequence led by byte `c` (1 for continuation or invalid bytes). */
static inline size_t oasv_utf8_seq_len(uint8_t c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

#endif
