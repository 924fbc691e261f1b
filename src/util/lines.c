#include "util/lines.h"

#include "util/mem.h"
#include "util/utf8.h"

#include <string.h>

void oasv_lines_init(oasv_lines *lines, const uint8_t *text, size_t len)
{
    memset(lines, 0, sizeof *lines);
    lines->text = text;
    lines->len = len;
}

/* No byte >= 0x80: eight bytes at a time (the index is built over the whole text, 20 MB at times). */
static bool all_ascii(const uint8_t *t, size_t n)
{
    uint64_t seen = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        seen |= w;
    }
    for (; i < n; i++) seen |= t[i];
    return !(seen & 0x8080808080808080ull);
}

static bool push_start(uint32_t **starts, size_t *count, size_t *cap, size_t start)
{
    if (*count == *cap) {
        uint32_t *grown = oasv_realloc(*starts, (*cap *= 2) * sizeof **starts);
        if (!grown) return false;
        *starts = grown;
    }
    (*starts)[(*count)++] = (uint32_t)start;
    return true;
}

static bool build(oasv_lines *lines)
{
    const uint8_t *t = lines->text;
    size_t n = lines->len, count = 1, cap = 64 + n / 32; /* a guess: about one line per 32 bytes */
    uint32_t *starts = oasv_malloc(cap * sizeof *starts);
    if (!starts) return false;
    starts[0] = 0;
    bool ok = true;
    if (n && !memchr(t, '\r', n)) {
        /* LF only (the common case): memchr finds the breaks faster than a loop over every byte */
        for (const uint8_t *p = t, *end = t + n; ok && (p = memchr(p, '\n', (size_t)(end - p))) != NULL;)
            ok = push_start(&starts, &count, &cap, (size_t)(++p - t));
    } else if (n) {
        for (size_t i = 0; i < n && ok; i++) {
            uint8_t c = t[i];
            if (c > '\r') continue; /* the common case: no break */
            if (c != '\n' && (c != '\r' || (i + 1 < n && t[i + 1] == '\n'))) continue;
            ok = push_start(&starts, &count, &cap, i + 1);
        }
    }
    if (!ok) { oasv_free(starts); return false; }
    lines->starts = starts;
    lines->count = (uint32_t)count;
    lines->ascii = all_ascii(t, n);
    return true;
}

bool oasv_lines_locate(oasv_lines *lines, size_t offset, uint32_t *line, uint32_t *column)
{
    if (!lines->starts && !build(lines)) return false;
    if (offset > lines->len) offset = lines->len;
    uint32_t lo = 0, hi = lines->count; /* last start <= offset */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lines->starts[mid] <= offset) lo = mid;
        else hi = mid;
    }
    size_t start = lines->starts[lo];
    *line = lo + 1;
    if (lines->ascii) {
        *column = (uint32_t)(offset - start) + 1;
        return true;
    }
    if (lines->memo_line == lo + 1 && lines->memo_offset <= offset) {
        *column = lines->memo_column + (uint32_t)oasv_utf16_length(lines->text + lines->memo_offset, offset - lines->memo_offset);
    } else {
        *column = (uint32_t)oasv_utf16_length(lines->text + start, offset - start) + 1;
    }
    lines->memo_offset = offset;
    lines->memo_line = lo + 1;
    lines->memo_column = *column;
    return true;
}

void oasv_lines_free(oasv_lines *lines)
{
    oasv_free(lines->starts);
    lines->starts = NULL;
}
