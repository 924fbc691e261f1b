/*
 * regex_unicode.h - the Unicode property tables of regex_ecma.c.
 *
 * Generated at build time by scripts/gen-unicode.mjs from Node's own RegExp
 * into the build folder (generated/unicode_tables.c); nothing third-party is
 * committed. Numbers are LEB128 varints (7 bits a byte, low first):
 *   - a partition (General_Category, Script) is a list of runs covering
 *     U+0000..U+10FFFF in order: their lengths - 1 (varints) and, apart,
 *     their values (a byte each);
 *   - a range list is a count, then per range (gap from the end of the
 *     previous range + 1, or from 0; length - 1).
 */
#ifndef OASV_VALIDATE_SCHEMA_REGEX_UNICODE_H
#define OASV_VALIDATE_SCHEMA_REGEX_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/** A partition of the code space into runs (see above). */
typedef struct oasv_uni_partition {
    const unsigned char *lengths; /**< each run's length - 1 */
    const unsigned char *values;  /**< each run's value */
} oasv_uni_partition;

/** One binary property and its names. */
typedef struct oasv_uni_value {
    const char *names; /**< its aliases, each ended by '\0'; an empty name ends the list */
    uint32_t data;     /**< the leaf categories most of its code points are in: a mask as in oasv_uni_gc_masks */
    uint32_t more;     /**< binary: offset in oasv_uni_sets of the code points it adds to those categories */
    uint32_t less;     /**< binary: offset of the code points of those categories it omits */
} oasv_uni_value;

extern const char oasv_uni_version[];          /**< the Unicode version of the generating Node */
extern const oasv_uni_partition oasv_uni_gc_runs; /**< General_Category partition (values: leaf index) */
extern const oasv_uni_partition oasv_uni_sc_runs; /**< Script partition (values: the script's index) */
extern const unsigned char oasv_uni_sets[];    /**< range lists */
/** General_Category values, leaves first (in bit order), then groups: each one's aliases, each ended by '\0', then an
 *  empty name (as oasv_uni_sc_names), and apart their masks of leaf categories (bit = value in oasv_uni_gc_runs). */
extern const char oasv_uni_gc_names[];
extern const uint32_t oasv_uni_gc_masks[];
extern const size_t oasv_uni_gc_count;
/** Script (and Script_Extensions) values, in index order: each one's aliases, each ended by '\0', then an empty
 *  name. Script i's Script_Extensions differences are the (2i)th and (2i+1)th range lists of oasv_uni_sets (which
 *  they start): the code points whose Script_Extensions add it, then those of it whose Script_Extensions omit it.
 *  No table of offsets or pointers: it would take more of the wasm than the names. */
extern const char oasv_uni_sc_names[];
extern const size_t oasv_uni_sc_count;
extern const oasv_uni_value oasv_uni_bin[];    /**< binary properties */
extern const size_t oasv_uni_bin_count;

#endif
