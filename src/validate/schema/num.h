/*
 * num.h - JSON numbers compared as the decimals they are written as.
 *
 * JSON Schema compares numbers mathematically: 1.0 is an integer, 0.0075 is
 * a multiple of 0.0001, and 9223372036854775807 is not 9223372036854775806.
 * Doubles cannot do that, so comparisons fall back to the source text.
 */
#ifndef OASV_VALIDATE_SCHEMA_NUM_H
#define OASV_VALIDATE_SCHEMA_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A number: its JSON text (may be NULL when it has none, e.g. YAML .inf) and its double. */
typedef struct sch_num {
    const char *text;
    uint32_t len;
    double d;
} sch_num;

/** True when s[0..len) is a JSON number (RFC 8259 grammar). */
bool sch_num_is_json(const char *s, size_t len);

/** -1, 0 or 1 as a < b, a == b, a > b, exactly. */
int sch_num_cmp(const sch_num *a, const sch_num *b);

/** True when the number has no fractional part (1.0 and 1e3 are integers). */
bool sch_num_is_integer(const sch_num *a);

/** True when a / b is an integer (b > 0), exactly for decimals. */
bool sch_num_multiple_of(const sch_num *a, const sch_num *b);

/** The number as an unsigned count (for maxLength and friends); false when negative or fractional. Saturates. */
bool sch_num_to_count(const sch_num *a, uint64_t *out);

#endif
