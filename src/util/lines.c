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

static bool build(oasv_lines *lines)
{
    const uint8_t *t = lines->text;
    size_t n = lines->len, count = 1, cap = 64 + n / 32; /* a guess: about one line per 32 bytes */
    uint32_t *starts = oasv_malloc(cap * sizeof *starts);
    if (!starts) return false;
    starts[0] = 0;
    uint8_t seen = 0; /* every byte OR-ed: bit 7 set when any is not ASCII */
    for (size_t i = 0; i < n; i++) {
        uint8_t c = t[i];
        seen |= c;
        if (c > '\r') continue; /* the common case: no break */
        if (c != '\n' && (c != '\r' || (i + 1 < n && t[i + 1] == '\n'))) continue;
        if (count == cap) {
            uint32_t *grown = oasv_realloc(starts, (cap *= 2) * sizeof *starts);
            if (!grown) { oasv_free(starts); return false; }
            starts = grown;
        }
        starts[count++] = (uint32_t)(i + 1);
    }
    lines->starts = starts;
    lines->count = (uint32_t)count;
    lines->ascii = !(seen & 0x80);
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
