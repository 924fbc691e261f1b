/* text.c - what must hold of the raw bytes before any parser sees them. */
#include "load/load.h"

#include "core/diag.h"
#include "util/utf8.h"

#include <string.h>

bool oasv_load_check_text(oasv_doc *doc, size_t *start)
{
    const uint8_t *t = doc->text;
    size_t len = doc->len;
    *start = 0;
    if (len >= 2 && ((t[0] == 0xFE && t[1] == 0xFF) || (t[0] == 0xFF && t[1] == 0xFE))) {
        oasv_diag_at(doc, OASV_SEVERITY_ERROR, "not-utf8", "", 0, 2,
                     "the text is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        return false;
    }
    if (len >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) {
        oasv_diag_at(doc, OASV_SEVERITY_WARNING, "byte-order-mark", "", 0, 3,
                     "the text starts with a UTF-8 byte order mark; it is ignored, but JSON (RFC 8259) forbids it");
        *start = 3;
    }
    size_t bad;
    if (!oasv_utf8_valid(t, len, &bad)) {
        oasv_diag_at(doc, OASV_SEVERITY_ERROR, "invalid-utf8", "", bad, bad + 1,
                     "invalid UTF-8: byte 0x%02X at offset %zu does not start a valid sequence", t[bad], bad);
        return false;
    }
    const uint8_t *nul = memchr(t, 0, len);
    if (nul) {
        size_t at = (size_t)(nul - t);
        oasv_diag_at(doc, OASV_SEVERITY_ERROR, "nul-byte", "", at, at + 1,
                     "the text contains a NUL byte (offset %zu); a JSON or YAML document cannot", at);
        return false;
    }
    return true;
}

oasv_format oasv_load_detect(const uint8_t *text, size_t len, size_t start)
{
    for (size_t i = start; i < len; i++) {
        uint8_t c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[' ? OASV_FORMAT_JSON : OASV_FORMAT_YAML;
    }
    return OASV_FORMAT_YAML;
}
