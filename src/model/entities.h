/* entities.h - a small table of HTML named character references (see entities.c). */
#ifndef OASV_MODEL_ENTITIES_H
#define OASV_MODEL_ENTITIES_H

#include <stddef.h>

/** The code point of `&name;` (name without & and ;), or 0 when the table has no such name. */
unsigned oasv_entity_codepoint(const char *name, size_t len);

#endif
