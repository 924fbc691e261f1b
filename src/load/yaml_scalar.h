/*
 * yaml_scalar.h - what a plain YAML scalar means under the YAML 1.2 core schema.
 *
 * YAML 1.1 read `no`, `on`, `18:00` and `2024-10-01` as booleans, sexagesimal
 * numbers and timestamps; YAML 1.2 (which OpenAPI requires) reads them as
 * strings. Only the forms of the core schema (YAML 1.2.2, section 10.3.2)
 * become null, booleans or numbers here.
 */
#ifndef OASV_LOAD_YAML_SCALAR_H
#define OASV_LOAD_YAML_SCALAR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum yaml_scalar_kind {
    YAML_SCALAR_STRING,
    YAML_SCALAR_NULL,
    YAML_SCALAR_BOOL,
    YAML_SCALAR_INT,
    YAML_SCALAR_FLOAT
} yaml_scalar_kind;

typedef struct yaml_scalar_value {
    yaml_scalar_kind kind;
    bool boolean;
    double number;
} yaml_scalar_value;

/** Resolve an untagged plain scalar. */
yaml_scalar_value oasv_yaml_resolve_plain(const char *text, size_t len);

/** Resolve a scalar carrying the core tag `name` (e.g. "int"); false when the text does not fit the tag. */
bool oasv_yaml_resolve_tagged(const char *name, const char *text, size_t len, yaml_scalar_value *out);

#endif
