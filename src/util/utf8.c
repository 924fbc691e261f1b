#include "util/utf8.h"

#include <string.h>

/* Skip 8 bytes at a time while they are all ASCII: real documents are mostly ASCII. */
static size_t ascii_prefix(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
    }
    while (i < len && s[i] < 0x80) i++;
    return i;
}

bool oasv_utf8_valid(const uint8_t *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        i += ascii_prefix(s + i, len - i);
        if (i >= len) break;
        uint8_t c = s[i];
        size_t n;
        uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) n = 2;
        else if (c == 0xE0) { n = 3; lo = 0xA0; }          /* no overlong */
        else if (c >= 0xE1 && c <= 0xEC) n = 3;
        else if (c == 0xED) { n = 3; hi = 0x9F; }          /* no surrogates */
        else if (c >= 0xEE && c <= 0xEF) n = 3;
        else if (c == 0xF0) { n = 4; lo = 0x90; }          /* no overlong */
        else if (c >= 0xF1 && c <= 0xF3) n = 4;
        else if (c == 0xF4) { n = 4; hi = 0x8F; }          /* <= U+10FFFF */
        else { *bad = i; return false; }
        if (i + n > len || s[i + 1] < lo || s[i + 1] > hi) { *bad = i; return false; }
        for (size_t k = 2; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80) { *bad = i; return false; }
        i += n;
    }
    return true;
}

bool oasv_utf8_is_ascii(const uint8_t *s, size_t len) { return ascii_prefix(s, len) == len; }

size_t oasv_utf16_length(const uint8_t *s, size_t len)
{
    size_t units = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = s[i];
        if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1; /* 4-byte forms need a surrogate pair */
    }
    return units;
}
