/*
 * uri.h - the parts of RFC 3986 that `$ref` and `$id` need.
 */
#ifndef OASV_RESOLVE_URI_H
#define OASV_RESOLVE_URI_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/**
 * Resolve the reference `ref` (without its fragment) against `base` (RFC 3986
 * section 5.2, dot segments removed) and append the result to `out`. A base
 * without a scheme (a plain filename such as "api/openapi.yaml") works as a
 * path, so "schemas.yaml" against it gives "api/schemas.yaml".
 */
void oasv_uri_resolve(const char *base, size_t base_len, const char *ref, size_t ref_len, oasv_buf *out);

/** Percent-decode s[0..len) into `out`; false when a `%` is not followed by two hex digits. */
bool oasv_uri_decode(const char *s, size_t len, oasv_buf *out);

#endif
