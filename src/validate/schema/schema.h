/*
 * schema.h - the compiled JSON Schema (draft 2020-12), shared by compile.c,
 * eval.c and api.c.
 *
 * A schema compiles to nodes. A node is a boolean schema or a list of
 * keywords, sorted in evaluation order (references first, unevaluated* last),
 * each with its operands ready: subschemas as edges to other nodes, $refs
 * resolved to their target node, property names sorted for binary search,
 * numbers as exact decimals, patterns compiled. Validation only walks this.
 */
#ifndef OASV_VALIDATE_SCHEMA_SCHEMA_H
#define OASV_VALIDATE_SCHEMA_SCHEMA_H

#include "oasv.h"
#include "load/bare.h"
#include "load/tree.h"
#include "validate/schema/num.h"
#include "validate/schema/regex.h"

#include <cJSON.h>

/* MARK: - Arena */

typedef struct sch_chunk sch_chunk;
/** Memory with the schema's lifetime: nodes, keywords, strings. Freed in one go. */
typedef struct sch_arena {
    sch_chunk *head;
    size_t used, cap;
    bool oom;
} sch_arena;

void *sch_alloc(sch_arena *a, size_t size);
char *sch_strndup(sch_arena *a, const char *s, size_t len);
void sch_arena_free(sch_arena *a);

/* MARK: - Error lists */

/**
 * One applicator frame an error passed through, for the detailed output
 * (output.c): the frame's keywordLocation is the first `kw_len` bytes of the
 * error's, its instanceLocation the first `inst_depth` tokens of the error's.
 */
typedef struct sch_frame {
    uint32_t kw_len, inst_depth;
    const char *abs; /* the frame's absoluteKeywordLocation, or NULL; in the trail's block */
} sch_frame;

/** The frames of one error, root first (one allocation); n == 0 for errors outside the walk. */
typedef struct sch_trail {
    sch_frame *f;
    uint32_t n;
} sch_trail;

typedef struct sch_errors {
    oasv_schema_error *items;
    sch_trail *trails; /* parallel to items */
    size_t count, cap;
    bool oom;
} sch_errors;

/** Append an error; the strings are copied. `absolute` may be NULL. */
void sch_errors_add(sch_errors *e, const char *code, const char *message, const char *instance,
                    const char *keyword, const char *absolute);
/** Give the last error its frames (one block, taken over; freed with the list). */
void sch_errors_set_trail(sch_errors *e, sch_frame *f, uint32_t n);
void sch_errors_free(sch_errors *e);
/** The detailed output format (JSON Schema 2020-12 §12.4.3) into `out`. */
void sch_errors_detailed_json(const sch_errors *e, bool valid, oasv_buf *out);
/** `{"valid":…,"errors":[…]}` into `out`. */
void sch_errors_json(const sch_errors *e, bool valid, oasv_buf *out);

/* MARK: - Nodes and keywords */

enum {
    SCH_T_NULL = 1, SCH_T_BOOLEAN = 2, SCH_T_OBJECT = 4, SCH_T_ARRAY = 8,
    SCH_T_NUMBER = 16, SCH_T_STRING = 32, SCH_T_INTEGER = 64
};

/* Keyword kinds, in evaluation order. */
typedef enum sch_kind {
    K_REF, K_DYNREF,
    K_TYPE, K_CONST, K_ENUM,
    K_MULTIPLEOF, K_MAXIMUM, K_EXMAXIMUM, K_MINIMUM, K_EXMINIMUM,
    K_MAXLENGTH, K_MINLENGTH, K_PATTERN, K_FORMAT,
    K_MAXITEMS, K_MINITEMS, K_UNIQUEITEMS,
    K_MAXPROPS, K_MINPROPS, K_REQUIRED, K_DEPREQUIRED,
    K_PREFIXITEMS, K_ITEMS, K_CONTAINS,
    K_PROPERTIES, K_PATTERNPROPS, K_ADDLPROPS, K_DEPSCHEMAS, K_PROPNAMES,
    K_ALLOF, K_ANYOF, K_ONEOF, K_NOT, K_IF,
    K_UNEVALITEMS, K_UNEVALPROPS
} sch_kind;

typedef struct sch_node sch_node;
typedef struct sch_resource sch_resource;

/** A subschema and its location relative to the node holding it ("/properties/a~1b"). */
typedef struct sch_edge {
    sch_node *node;
    const char *loc;
} sch_edge;

typedef struct sch_prop {
    const char *name;
    uint32_t len;
    uint32_t hash;     /* sch_name_hash of the name */
    uint16_t pass;     /* e.node->pass_types (compile.c: mark_pass): a member it passes costs no read of the node */
    uint16_t levels;   /* when e.node is a chain of that many $ref-only nodes that the verdict-only walk steps over */
    uint32_t required; /* the bits of the node's `required` names it is (sch_node.required_in_props: at most 32), else 0 */
    sch_edge e;
    const sch_node *through; /* (eval.c: skip_refs), the node the chain ends at; else NULL */
} sch_prop;            /* 32 bytes in wasm: two to a cache line */

/** The hash of a member name (a bare tree's members carry theirs: load/bare.h). */
static inline uint32_t sch_name_hash(const char *s, size_t len) { return oasv_key_hash(s, len); }

/* A name's bit in a 64-bit filter: the hash's top six bits (the tables' slots use its low bits). */
#define SCH_FILTER_BIT(hash) (1ull << ((hash) >> 26))

typedef struct sch_pattern {
    oasv_regex *re;
    const char *source;
    uint32_t literal; /* see sch_literal_prefix */
    sch_edge e;
} sch_pattern;

/**
 * When `source` is only "^" and literal characters (as "^x-" in OpenAPI's
 * schemas), their count: a match is then a prefix comparison. When it is
 * ^(0|[1-9][0-9]*)$ (Discord's snowflakes, in a few spellings):
 * SCH_PATTERN_DECIMAL, a match is then decimal digits without a leading
 * zero (sch_decimal). Else 0.
 */
uint32_t sch_literal_prefix(const char *source);

/** sch_literal_prefix() of ^(0|[1-9][0-9]*)$: no count of literal characters is that large. */
#define SCH_PATTERN_DECIMAL UINT32_MAX

/** Whether s[0..len) matches ^(0|[1-9][0-9]*)$ (RegExp.test: `$` only at the end, \d only ASCII digits). */
static inline bool sch_decimal(const char *s, size_t len)
{
    if (len == 0 || (s[0] == '0' && len > 1)) return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)(s[i] - '0') > 9) return false;
    return true;
}

typedef struct sch_names {
    const char **names;
    uint32_t *lens;
    uint32_t count;
    /* For lists of at most 64 names: their hashes and a table of the distinct ones (index + 1; 0 = free), else mask 0. */
    uint32_t distinct, mask;
    uint32_t *hashes, *slots;
} sch_names;

typedef struct sch_depreq {
    const char *name;
    uint32_t len;
    sch_names required;
} sch_depreq;

/* A `const` number of an anyOf/oneOf list, and its branch. */
typedef struct sch_const_num {
    double value;
    uint32_t index;
    bool exact; /* written as an integer of at most 15 digits: equal to any such number with the same double */
} sch_const_num;

/*
 * A branch of anyOf/oneOf, as its `type` sees an instance (compile.c:
 * mark_gates): `fails` are the cJSON type bits of the instances that it fails
 * at once, by a `type` that is its node's first keyword, reached through
 * `levels` nodes that are only a `$ref`. Such a failure costs levels + 1
 * steps and that many levels of depth, so the walk counts them without going
 * there (eval.c).
 */
typedef struct sch_gate {
    uint8_t fails;
    uint8_t levels;
} sch_gate;

typedef struct sch_kw sch_kw;
struct sch_kw {
    uint8_t kind;    /* sch_kind */
    uint8_t applies; /* cJSON type bits of the instances it looks at (compile.c: kind_applies); it passes any other */
    const char *loc; /* "/minimum": from the node to the keyword */
    union {
        struct { sch_node *target; const char *uri; const char *dyn_name; uint32_t dyn_hash; } ref;
        uint32_t types;
        struct { const cJSON *value; const oasv_tree *tree; } cv; /* const, enum */
        sch_num num;
        uint64_t count;
        bool flag;
        struct { oasv_regex *re; const char *source; uint32_t literal; } pattern;
        struct { int id; const char *name; } format;
        struct { sch_edge e; uint64_t min, max; bool has_max; } contains;
        sch_names names;
        struct { sch_depreq *items; uint32_t count; } depreq;
        struct {                                                  /* sorted by (len, bytes) */
            sch_prop *items;
            uint32_t count;
            uint32_t mask;   /* slots - 1 (a power of two minus one); 0 when empty */
            uint32_t *slots; /* open addressing by hash: index + 1 into items, 0 = free */
            uint64_t filter; /* bit SCH_FILTER_BIT(hash) of every name: most absent names need no probe */
            uint64_t required; /* the bits of all the `required` names (sch_node.required_in_props), else 0 */
        } props;
        struct { sch_pattern *items; uint32_t count; } patterns;
        struct { sch_edge e; const sch_kw *props, *patterns; } addl;
        struct {
            sch_edge *items;
            uint32_t count;
            bool consts;                /* anyOf/oneOf of nodes that are only a `const` */
            const sch_const_num *nums;  /* consts that are all finite numbers: sorted by value, or NULL */
            const sch_gate *gates;      /* anyOf/oneOf: per branch, or NULL when no branch fails by type alone */
        } list;
        struct { sch_edge e; uint32_t skip; } one;                /* skip: prefixItems count for items */
        struct { sch_edge cond, then, els; } cond;                 /* then/else node may be NULL */
    } u;
};

enum { SCH_NODE_TRUE, SCH_NODE_FALSE, SCH_NODE_OBJECT };

/*
 * A node's `properties` with those of the allOf items and $ref targets it
 * leads to merged in (compile.c's flatten): the meta-schemas' vocabularies
 * make a Schema Object pass through ~20 nodes that only hold `type`
 * (object allowed) and `properties`. The verdict-only walk takes one lookup
 * per member instead, where it gives the same verdict and limits (eval.c).
 */
typedef struct sch_flat_entry {
    const sch_node *node;
    uint32_t level; /* levels below the flattened node of the node the property was written in */
} sch_flat_entry;

typedef struct sch_flat_prop {
    const char *name;
    uint32_t len, hash;
    uint32_t first, count; /* its subschemas: entries[first .. first + count) */
} sch_flat_prop;

typedef struct sch_flat {
    uint32_t nodes;  /* nodes merged in (a step each) */
    uint32_t levels; /* the deepest of them, in levels below the node */
    sch_flat_prop *props;
    sch_flat_entry *entries;
    uint32_t mask;   /* slots - 1 */
    uint32_t *slots; /* open addressing by hash: index + 1 into props, 0 = free */
    uint64_t filter; /* SCH_FILTER_BIT of every name */
} sch_flat;

struct sch_node {
    /* what the walk reads first (in wasm, bytes 0-27) */
    uint8_t kind;
    bool unevaluated;      /* has unevaluatedItems or unevaluatedProperties */
    uint16_t pass_types;   /* cJSON type bits of the instances it passes by itself (`true`, `{}`, a lone `type`; OASV_BARE_INTEGER) */
    bool ref_only;         /* its one keyword is a `$ref` (eval.c steps over such nodes) */
    bool required_in_props; /* every name of its `required` is one of its `properties` (compile.c: merge_required) */
    uint32_t nkw;
    sch_kw *kw;
    const sch_node *ref;   /* when ref_only: that $ref's target (NULL unresolved), so that skip_refs reads no keyword */
    sch_resource *res;
    const sch_flat *flat;  /* for object instances, or NULL */
    /* what errors and compilation read */
    const char *base;      /* base URI ("" when none) */
    const char *abs;       /* "base#/pointer", or NULL when there is no base URI */
    const cJSON *json;
};

typedef struct sch_dyn {
    const char *name;
    uint32_t hash; /* sch_name_hash of the name */
    sch_node *node;
    struct sch_dyn *next;
} sch_dyn;

/* Vocabularies in force for a resource. */
enum {
    V_APPLICATOR = 1, V_UNEVALUATED = 2, V_VALIDATION = 4, V_META = 8,
    V_FORMAT_ANNOTATION = 16, V_FORMAT_ASSERTION = 32, V_CONTENT = 64,
    V_DEFAULT = V_APPLICATOR | V_UNEVALUATED | V_VALIDATION | V_META | V_FORMAT_ANNOTATION | V_CONTENT
};

struct sch_resource {
    const char *uri;       /* absolute, without fragment */
    const cJSON *root;
    sch_node *node;
    sch_dyn *dyn;          /* $dynamicAnchors of this resource */
    unsigned vocab;
    const oasv_tree *tree; /* the document tree it is part of (numbers' source text) */
};

typedef struct sch_regex_list {
    oasv_regex *re;
    struct sch_regex_list *next;
} sch_regex_list;

struct oasv_schema {
    /* What every validation reads first (in wasm, the first 64 bytes: one cache line when the block starts one) */
    const oasv_alloc *alloc;
    sch_node *root;
    sch_dyn *dynrefs;      /* the names $dynamicRefs look up (node NULL), once each */
    uint32_t max_depth;
    uint64_t max_steps;
    oasv_limits limits;    /* for reading instances */
    sch_errors errors;     /* compile errors: the schema cannot be used */
    /* The rest */
    sch_arena arena;       /* what the walk reads: nodes, keywords, tables, the names they compare */
    sch_arena cold;        /* what only errors and compilation read (locations, URIs): the walk's memory stays dense */
    oasv_doc **docs;       /* the schema's text and every resource it uses */
    size_t ndocs, capdocs;
    sch_regex_list *regexes;
    bool format_assertion;
    char *errors_json;
    size_t errors_json_len;
};

struct oasv_schema_result {
    const oasv_alloc *alloc;
    bool valid;
    sch_errors errors;
    oasv_doc *instance;    /* when the result loaded the instance itself */
    char *json;
    size_t json_len;
    char *detailed_json;
    size_t detailed_json_len;
};

/** oasv_schema_ok(), inline: a compiled root and no compile error. */
static inline bool sch_ok(const oasv_schema *s) { return s && s->root && s->errors.count == 0; }

/* MARK: - Stages */

/** Compile the tree of `doc` (owned by the schema from now on); errors go to s->errors. */
void sch_compile(oasv_schema *s, oasv_doc *doc, const oasv_schema_options *opts);

/** Compile the subschema `at` (at JSON pointer `pointer`) of a borrowed document, the document being the root resource. */
void sch_compile_at(oasv_schema *s, const oasv_doc *doc, const cJSON *at, const char *pointer, const oasv_schema_options *opts);

/** Validate `instance` (a node of `tree`); errors go to `r`. */
void sch_validate(const oasv_schema *s, const oasv_tree *tree, const cJSON *instance, oasv_schema_result *r);

/**
 * Compile many subschemas of a borrowed document (it must outlive the schema)
 * in one go, the document being the root resource under `base_uri` ("" = none):
 * out[i] receives the node of nodes[i] (NULL when out of memory). `resources`
 * are extra documents by URI. References that resolve nowhere are compile
 * errors and evaluate as `true`. s->root stays NULL: use sch_validate_node().
 */
void sch_compile_nodes(oasv_schema *s, const oasv_doc *doc, const char *base_uri, const cJSON *const *nodes, size_t count,
                       const oasv_schema_resource *resources, size_t nres, const sch_node **out);

/** Validate `instance` (a node of `tree`) against one compiled node; errors go to `r`. */
void sch_validate_node(const oasv_schema *s, const sch_node *node, const oasv_tree *tree, const cJSON *instance,
                       oasv_schema_result *r);

/**
 * Validity only: the walk stops at the first failure and builds no error
 * (the verdict is the one sch_validate_node gives). `tree` is NULL exactly
 * for a bare tree (load/bare.h: its members' key lengths and hashes are then
 * read from the nodes), here as in sch_validate(). *oom tells when memory ran out.
 */
bool sch_check_node(const oasv_schema *s, const sch_node *node, const oasv_tree *tree, const cJSON *instance, bool *oom);

/**
 * Validate JSON text that may be changed (it is parsed in place, text[len]
 * must be '\0') with the tree in `arena` (reset here afterwards, keeping its
 * first chunk): 1 valid, 0 invalid, -1 out of memory, -2 not plain JSON within
 * the limits or a schema that is not ok (use oasv_schema_validate(), which reads
 * YAML and explains syntax errors). With `detail`, an invalid instance is
 * walked again for its errors, into *out.
 */
int sch_run_in_place(const oasv_schema *s, oasv_bare *arena, char *text, size_t len, bool detail, oasv_schema_result **out);

/* Formats (format.c). */
int sch_format_id(const char *name);
/** True when `s` is valid for the format, or the format is unknown. */
bool sch_format_check(int id, const char *s, size_t len);

/** A number node as an exact decimal: its source text when that is JSON, else printed into `buf`. */
void sch_num_of(const oasv_tree *tree, const cJSON *j, char buf[40], sch_num *out);

/** Escape a JSON pointer token into the arena: "/" + token with ~0 ~1. */
const char *sch_loc(sch_arena *a, const char *prefix, const char *token, size_t len);

#endif
