/* distance.h - how far apart two names are, for "did you mean …?" suggestions. */
#ifndef OASV_UTIL_DISTANCE_H
#define OASV_UTIL_DISTANCE_H

#include <stdbool.h>
#include <stddef.h>

/** Levenshtein distance between a and b (ASCII case folded when fold_case);
 *  99 when either is longer than 64 bytes (no suggestion is useful then). */
size_t oasv_edit_distance(const char *a, const char *b, bool fold_case);

#endif
