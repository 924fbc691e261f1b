/* json_text.h - JSON text that oasview wrote itself (examples), reshaped for the samples: a URL, a header
 * or a form field takes the compact form, and a string its value without quotes. The text is valid JSON
 * (model_pretty, model_generate_example): these scan it, they do not check it. */
#ifndef OASV_UTIL_JSON_TEXT_H
#define OASV_UTIL_JSON_TEXT_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/** Appends `json` without the whitespace between its tokens (strings are copied as they are). */
void oasv_json_compact(oasv_buf *out, const char *json, size_t len);

/** When `json` is one string literal, appends the text it stands for (escapes decoded, UTF-8) and returns true;
 *  otherwise appends nothing and returns false. */
bool oasv_json_string_value(oasv_buf *out, const char *json, size_t len);

/** One member of the object `json`: call with *at = 0, then again; each call gives the next member's key and value
 *  (spans of `json`, the key with its quotes) and returns true, false after the last (or when `json` is no object). */
bool oasv_json_member(const char *json, size_t len, size_t *at, const char **key, size_t *key_len, const char **value,
                      size_t *value_len);

#endif
