/*
 * regex.h - ECMA-262 regular expressions (with the `u` flag) for `pattern`,
 * `patternProperties` and format "regex".
 *
 * One small interface, two implementations: regex_pcre2.c (native, PCRE2 with
 * a translation of ECMA syntax and a match limit) and regex_host.c (wasm: the
 * host's own RegExp through imports from web/oasview.mjs). The rest of the
 * schema engine is the same code on both.
 */
#ifndef OASV_VALIDATE_SCHEMA_REGEX_H
#define OASV_VALIDATE_SCHEMA_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct oasv_regex oasv_regex;

/** What oasv_regex_test() found. */
typedef enum oasv_regex_result {
    OASV_REGEX_NO_MATCH = 0,
    OASV_REGEX_MATCH = 1,
    OASV_REGEX_LIMIT = -1 /**< gave up: too much backtracking, or out of memory */
} oasv_regex_result;

/**
 * Compile an ECMA-262 pattern (UTF-8, need not be NUL-terminated).
 * @param err   receives a plain-language reason when the pattern is invalid
 * @return the regex (free with oasv_regex_free()), or NULL when the pattern is
 *         invalid (err set) or memory ran out (err empty)
 */
oasv_regex *oasv_regex_compile(const char *pattern, size_t len, char *err, size_t err_size);

/** Search `subject` (valid UTF-8) for a match anywhere, as RegExp.prototype.test does. */
oasv_regex_result oasv_regex_test(const oasv_regex *re, const char *subject, size_t len);

void oasv_regex_free(oasv_regex *re);

#endif
