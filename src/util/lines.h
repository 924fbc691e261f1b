/*
 * lines.h - from byte offsets to 1-based line and UTF-16 column.
 *
 * The index is built on the first question, so a document without
 * diagnostics never pays for it. Line breaks are LF, CRLF and a lone CR
 * (YAML and editors treat all three as breaks).
 */
#ifndef OASV_UTIL_LINES_H
#define OASV_UTIL_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct oasv_lines {
    const uint8_t *text;
    size_t len;
    uint32_t *starts; /* byte offset where each line starts; NULL until built */
    uint32_t count;
    bool ascii;       /* no byte >= 0x80: columns are byte distances */
    /* The last position located: the next one on the same line, further on,
     * counts from here (diagnostics mostly come in text order, and a minified
     * document is one long line). */
    size_t memo_offset;
    uint32_t memo_line, memo_column;
} oasv_lines;

void oasv_lines_init(oasv_lines *lines, const uint8_t *text, size_t len);
/** Line (1-based) and column (1-based, UTF-16 units) of `offset`. False when out of memory. */
bool oasv_lines_locate(oasv_lines *lines, size_t offset, uint32_t *line, uint32_t *column);
void oasv_lines_free(oasv_lines *lines);

#endif
