/*
 * yaml_fast.h - a hand-written reader for the block-style YAML that OpenAPI documents use.
 *
 * It makes the same builder calls (yaml_build.h), with the same byte
 * offsets, as the libyaml front end (yaml.c) would for the same text, in a
 * fifth of the instructions. Anything outside its subset (anchors, tags,
 * complex keys, comments or ':' in plain scalars inside flow collections,
 * tabs, other line breaks than LF and CRLF, directives, several documents,
 * any syntax error) makes it decline, undoing all it did, and
 * oasv_load_yaml() reads the text with libyaml instead. tests/test_yaml_fast.c and the yaml_fast fuzz target
 * check that both readers agree node for node and diagnostic for diagnostic.
 */
#ifndef OASV_LOAD_YAML_FAST_H
#define OASV_LOAD_YAML_FAST_H

#include "core/doc.h"

/** Load doc->text from `start` like the libyaml front end; false (the document untouched) when the text is outside the subset. */
bool oasv_load_yaml_fast(oasv_doc *doc, size_t start);

/* Load flags beside the public OASV_LOAD_* (oasv.h), for the tests and fuzz targets that compare the readers:
 * without them oasv_load_yaml() tries the fast reader, then libyaml when it declines. */
#define OASV_LOAD_YAML_LIBYAML_ONLY (1u << 30) /* libyaml only */
#define OASV_LOAD_YAML_FAST_ONLY (1u << 31)    /* the fast reader only: when it declines, no tree and no diagnostic */

#endif
