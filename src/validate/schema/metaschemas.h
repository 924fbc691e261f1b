/*
 * metaschemas.h - the draft 2020-12 meta-schemas, built in.
 *
 * The table is generated at build time by CMake from the copies that the npm
 * package ajv ships (node_modules/ajv/dist/refs/json-schema-2020-12/); no
 * third-party file is committed. Names are relative to
 * https://json-schema.org/draft/2020-12/ ("schema", "meta/core", ...).
 */
#ifndef OASV_VALIDATE_SCHEMA_METASCHEMAS_H
#define OASV_VALIDATE_SCHEMA_METASCHEMAS_H

#include <stddef.h>

typedef struct oasv_metaschema {
    const char *name;
    const char *text;
    size_t len;
} oasv_metaschema;

extern const oasv_metaschema oasv_metaschemas[];
extern const size_t oasv_metaschema_count;

#endif
