/*
 * validate.h - OpenAPI 3.1 validation (the third pipeline stage): structure
 * of every object, references, and the semantic rules (rules.h). Runs inside
 * oasv_load() after the loader unless OASV_LOAD_NO_VALIDATE is set.
 */
#ifndef OASV_VALIDATE_OAS_VALIDATE_H
#define OASV_VALIDATE_OAS_VALIDATE_H

#include "core/doc.h"

/** Validate a loaded 3.1 document, adding diagnostics. Other versions are left to the loader's diagnostic. */
void oasv_validate_oas(oasv_doc *doc);

#endif
