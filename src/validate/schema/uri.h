/*
 * uri.h - URI references for $id, $ref and $dynamicRef (RFC 3986).
 */
#ifndef OASV_VALIDATE_SCHEMA_URI_H
#define OASV_VALIDATE_SCHEMA_URI_H

#include "util/buf.h"

#include <stdbool.h>
#include <stddef.h>

/**
 * Resolve the reference `ref` against the absolute URI `base` (RFC 3986
 * section 5.2, with dot segments removed) and append the result to `out`.
 * An empty base leaves the reference as it is (dot segments removed).
 */
void sch_uri_resolve(const char *base, const char *ref, size_t ref_len, oasv_buf *out);

/** Length of `uri` without its fragment (the part from '#'). */
size_t sch_uri_strip_fragment(const char *uri, size_t len);

/** Append `s` with %XX escapes decoded; false when an escape is malformed. */
bool sch_uri_percent_decode(const char *s, size_t len, oasv_buf *out);

#endif
