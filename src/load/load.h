/*
 * load.h - text to document tree (the first pipeline stage).
 *
 * Each function reads doc->text from `start` (after a BOM, if any), fills
 * doc->tree and reports problems as diagnostics with byte positions into
 * doc->text. On a syntax error the tree root stays NULL.
 */
#ifndef OASV_LOAD_LOAD_H
#define OASV_LOAD_LOAD_H

#include "core/doc.h"

/** Check the raw bytes: size, BOM, UTF-8, NUL. Sets *start past a BOM. False when the text cannot be read. */
bool oasv_load_check_text(oasv_doc *doc, size_t *start);
/** Pick JSON or YAML from the first non-blank byte. */
oasv_format oasv_load_detect(const uint8_t *text, size_t len, size_t start);
void oasv_load_json(oasv_doc *doc, size_t start);
void oasv_load_yaml(oasv_doc *doc, size_t start);
/** After a tree is built: duplicate keys, a non-object root, the `openapi` version. */
void oasv_load_check_tree(oasv_doc *doc);

#endif
