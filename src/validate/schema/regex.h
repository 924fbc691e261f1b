/*
 * regex.h - ECMA-262 regular expressions (with the `u` flag) for `pattern`,
 * `patternProperties` and format "regex".
 *
 * One implementation for the native and the wasm builds alike: regex_ecma.c,
 * our own backtracking matcher with an explicit stack and a step budget, so a
 * catastrophically backtracking pattern ends in OASV_REGEX_LIMIT instead of
 * hanging, and both builds give the same answers. Its Unicode property tables
 * are generated at build time from Node's RegExp (scripts/gen-unicode.mjs).
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

/** Steps (instructions and backtracks) one oasv_regex_test() may take, plus OASV_REGEX_STEPS_PER_BYTE per subject byte. */
#ifndef OASV_REGEX_STEPS
#define OASV_REGEX_STEPS 1000000u
#endif
/** Extra steps per byte of subject: scanning a long subject for a simple pattern never hits the budget. */
#define OASV_REGEX_STEPS_PER_BYTE 16u

/** Search `subject` (valid UTF-8) for a match anywhere, as RegExp.prototype.test does. */
oasv_regex_result oasv_regex_test(const oasv_regex *re, const char *subject, size_t len);

/** oasv_regex_test() with a budget of `max_steps` (+ OASV_REGEX_STEPS_PER_BYTE per subject byte) instead of OASV_REGEX_STEPS. */
oasv_regex_result oasv_regex_test_steps(const oasv_regex *re, const char *subject, size_t len, unsigned long max_steps);

/**
 * The backtracking matcher alone. oasv_regex_test_steps() answers simple
 * patterns (^(0|[1-9][0-9]*)$: ASCII sets with greedy counts that a greedy
 * pass decides, see regex_ecma.c) without it, where it would give the same
 * answer within the budget; the tests compare the two.
 */
oasv_regex_result oasv_regex_backtrack(const oasv_regex *re, const char *subject, size_t len, unsigned long max_steps);

/** Whether the pattern has the simple form oasv_regex_test_steps() may take. */
bool oasv_regex_is_simple(const oasv_regex *re);

void oasv_regex_free(oasv_regex *re);

#endif
