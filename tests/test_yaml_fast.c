/* test_yaml_fast.c - the fast YAML reader agrees with libyaml, node for node (see fuzz/yaml_agree.h). */
#include "harness.h"

#include "fuzz/yaml_agree.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef enum expect { FAST, LIBYAML, EITHER } expect; /* which reader should take the text */

typedef struct edge {
    const char *name, *text;
    expect reader;
} edge;

static const edge edges[] = {
    { "mapping", "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\n", FAST },
    { "nested mappings and dedent by two", "a:\n  b:\n    c: 1\n    d: 2\n  e: 3\nf: 4\n", FAST },
    { "block sequence", "a:\n  - 1\n  - two\n  - 3.5\n", FAST },
    { "sequence at its key's indent", "a:\n- x\n- y\nb: 1\n", FAST },
    { "sequence at its key's indent, last", "a:\n  b:\n  - x\n  - y\n", FAST },
    { "compact nested mappings", "a:\n  - name: n\n    in: query\n  - name: m\n    schema:\n      type: string\n", FAST },
    { "compact mapping with indentless sequence", "a:\n- b:\n  - 1\n  c: 2\n- d\n", FAST },
    { "sequence of sequences", "a:\n  - - 1\n    - 2\n  - - 3\n", FAST },
    { "empty values", "a:\nb:\n  c:\n  d:\ne:\n", FAST },
    { "empty entries", "a:\n  -\n  - x\n  -\n", FAST },
    { "empty entry then nested", "a:\n  -\n    b: 1\n  - # c\n    - 2\n", FAST },
    { "empty value at the end without newline", "a: 1\nb:", FAST },
    { "core schema scalars", "a: [null, Null, ~, true, False, 0o17, 0x1F, -12, +3, 1e3, .5, .inf, -.Inf, .NaN, 1_000, yes, no, 018]\n", FAST },
    { "numbers", "a: 12345678901234567890\nb: -0\nc: 0.1\nd: 1.7976931348623157e309\n", FAST },
    { "single-quoted", "a: 'it''s'\nb: ''\n'c d': 'x: y # z'\n", FAST },
    { "double-quoted escapes", "a: \"tab\\there\\n\\u00e9\\U0001F600\\x41\\\\\\\"\\/\\0end\\_\\N\\L\\P\\e\\a\\b\\v\\f\\r\\ \"\n", FAST },
    { "double-quoted NUL in a key", "\"a\\0b\": 1\n", EITHER },
    { "bad escape", "a: \"\\q\"\n", LIBYAML },
    { "escaped single quote (libyaml refuses it)", "a: \"\\'\"\n", LIBYAML },
    { "surrogate escape", "a: \"\\ud800\"\n", LIBYAML },
    { "quoted keys", "\"a b\": 1\n'c': 2\n\"\": 3\n", FAST },
    { "colon inside quotes", "a: \"b: c\"\nd: 'e: f'\n", FAST },
    { "comments after values", "a: 1 # one\nb: 'x' # two\nc: # three\n  d: 4\n# end\n", FAST },
    { "hash inside scalars", "a: b#c\nd#e: f\nurl: http://x/#frag\n", FAST },
    { "keys with spaces and colons", "a b: 1\nc:d: 2\n\"e: f\": 3\nx : 4\n", FAST },
    { "trailing spaces", "a: 1   \nb:    \n  c: x y   \n", FAST },
    { "blank lines and comment lines", "\n\n# c\na: 1\n\n   \n  # indented comment\nb:\n\n  c: 2\n\n", FAST },
    { "unicode", "t\xc3\xa9st: \xf0\x9f\x98\x80 \xe2\x82\xac\n\"\xc3\xa9\": '\xe6\x97\xa5\xe6\x9c\xac'\n", FAST },
    { "empty file", "", LIBYAML },
    { "only comments", "# a\n# b\n", LIBYAML },
    { "only blank lines", "\n\n   \n", LIBYAML },
    { "CRLF", "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: |\r\n  l1\r\n  l2\r\n", FAST },
    { "lone CR", "a: 1\rb: 2\n", LIBYAML },
    { "leading document marker", "---\na: 1\n", FAST },
    { "document marker with comment", "--- # doc\na: 1\n...\n# after\n", FAST },
    { "document end then more", "a: 1\n...\nb: 2\n", LIBYAML },
    { "two documents", "a: 1\n---\nb: 2\n", LIBYAML },
    { "directive", "%YAML 1.2\n---\na: 1\n", LIBYAML },
    { "literal block scalar", "a: |\n  line 1\n\n    indented\n  line 3\nb: 2\n", FAST },
    { "folded block scalar", "a: >\n  one\n  two\n\n  three\n    more\n  four\n\nb: 2\n", FAST },
    { "block scalar chomping", "a: |-\n  x\n\nb: |+\n  y\n\n\nc: >-\n  z\n  w\nd: >+\n  v\n", FAST },
    { "block scalar keep at end of file", "a: |+\n  x\n\n\n", FAST },
    { "block scalar strip at end of file", "a: |-\n  x\n\n", FAST },
    { "block scalar at end without newline", "a: |\n  x", FAST },
    { "block scalar empty", "a: |\nb: >\n\nc: 1\n", FAST },
    { "block scalar indentation indicator", "a: |2\n    four\n  two\nb: >-1\n  x\n", FAST },
    { "block scalar in sequences", "a:\n  - |\n    x\n  - >\n    y\n    z\n  - k: |\n      v\n", FAST },
    { "block scalar with comment and trailing spaces", "a: | # c\n  x  \n   \n  y\n     \nb: 1\n", FAST },
    { "block scalar leading blank lines", "a: |\n\n\n  x\n", FAST },
    { "block scalar less indented comment", "a:\n  b: |\n    x\n  # c\n  d: 1\n", FAST },
    { "flow collections", "a: []\nb: {}\nc: [x, 'y', \"z\", 1]\nd: {k: v, 'q': 2}\ne: [ a b , c ]\n", FAST },
    { "flow in sequence", "a:\n  - [1, 2]\n  - {x: y}\n", FAST },
    { "nested flow", "a: [[1], {b: c}, [], {}]\nb: { not: {} }\n", FAST },
    { "flow on several lines", "a: [1,\n  2]\n", FAST },
    { "JSON example in YAML", "example:\n  {\n    \"total\": 2,\n    \"list\": [ {\"a\":\"x\", \"b\": 1.5e3},\n   {\"c\": null} ],\n"
      "    \"s\": \"two\n      lines\"\n  }\nnext: 1\n", FAST },
    { "flow continued at column 0", "a: [1,\n2]\nb: 1\n", EITHER },
    { "flow with a comment", "a: [1, # one\n  2]\n", LIBYAML },
    { "flow with a trailing comma", "a: [1, 2, ]\n", LIBYAML },
    { "flow with an empty entry", "a: [1, , 2]\n", LIBYAML },
    { "flow sequence with a pair", "a: [b: c]\n", LIBYAML },
    { "flow plain scalar over lines", "a: [b\n  c]\n", LIBYAML },
    { "flow key over lines", "a: {b\n  : c}\n", LIBYAML },
    { "flow key without value", "a: {b: }\n", LIBYAML },
    { "flow collection as a key", "a: {[b]: c}\n", LIBYAML },
    { "flow not closed", "a: [1, 2\nb: 3\n", LIBYAML },
    { "document marker in a flow", "a: [1,\n---\n]\n", LIBYAML },
    { "flow then text", "a: [1] x\n", LIBYAML },
    { "anchor and alias", "a: &x 1\nb: *x\n", LIBYAML },
    { "tag", "a: !!str 1\n", LIBYAML },
    { "complex key", "? a\n: 1\n", LIBYAML },
    { "multi-line plain scalar", "a: one\n  two\nb: 1\n", FAST },
    { "multi-line plain with empty lines", "a: one  \n\n   \n  two three\n    four # c\nb:\n  - x\n    y\n  -  z\n\n   - w\n", FAST },
    { "multi-line plain in a compact mapping", "- k: one\n   two\n  j: 1\n- next\n  line\n", FAST },
    { "multi-line plain with colon on a next line", "a: one\n  two: 2\n", LIBYAML },
    { "multi-line plain with comment line", "a: one\n  # c\n  two\n", LIBYAML },
    { "multi-line plain on the value's own line", "a:\n  one\n  two\nb: 1\n", FAST },
    { "multi-line quoted scalar", "a: 'one\n  two'\n", FAST },
    { "multi-line quoted with empty lines", "a: 'one  \n\n\n    two ''x'' '\nb: \"x\n\n y\\\n  z\\\n\n w \\t\n v\"\n", FAST },
    { "multi-line quoted at column 0", "a: 'one\ntwo'\nb: 1\n", FAST },
    { "document marker in quotes", "a: 'one\n--- two'\n", LIBYAML },
    { "multi-line quoted key", "'a\n b': 1\n", LIBYAML },
    { "multi-line quoted without end", "a: 'one\n", LIBYAML },
    { "tab indentation", "a:\n\tb: 1\n", LIBYAML },
    { "a value that is '- ' at the same indent", "a:\n- \n- b\n", FAST },
    { "entry text then dedent", "a:\n  - b\nc: 1\n", FAST },
    { "odd indentation", "a:\n   b: 1\n   c:\n        d: 2\n   e: 3\n", FAST },
    { "indented root", "  a: 1\n  b: 2\n", FAST },
    { "root sequence", "- a\n- b: 1\n", FAST },
    { "scalar root", "hello\n", LIBYAML },
    { "bad indentation", "a:\n    b: 1\n  c: 2\n", LIBYAML },
    { "mapping value in a value", "a: b: c\n", LIBYAML },
    { "sequence after a key on its line", "a: - b\n", LIBYAML },
    { "missing colon", "a: 1\nb\n", LIBYAML },
    { "duplicate keys", "a: 1\na: 2\n", FAST },
    { "merge key", "<<: 1\na: 2\n", FAST },
    { "key 1100 characters long", NULL, EITHER },
    { "600 entries opened on one line", NULL, LIBYAML },
    { "BOM", "\xef\xbb\xbf" "a: 1\n", FAST },
    { "BOM inside", "a: \xef\xbb\xbf" "1\n", LIBYAML },
    { "C1 control", "a: \xc2\x85x\n", LIBYAML },
    { "plain starting with dash", "a: -x\nb: --- \nc: -1\n", FAST },
    { "document marker as key text", "---a: 1\n", FAST },
    { "quote then text", "a: 'b' c\n", LIBYAML },
    { "comment right after a quote", "a: 'b'#c\n", EITHER },
    { "deep nesting", "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g: 1\n", FAST },
    { "empty value then entry at deeper indent", "a:\n  - b:\n    c: 1\n", FAST },
};

/* The cases too long to write out. */
static char *generated_text(const char *name)
{
    char *t = malloc(1300);
    if (strstr(name, "1100")) {
        memset(t, 'k', 1100);
        memcpy(t + 1100, ": 1\n", 5);
    } else { /* deeper than max_depth (512), without recursion */
        for (int i = 0; i < 600; i++) memcpy(t + 2 * i, "- ", 2);
        memcpy(t + 1200, "a\n", 3);
    }
    return t;
}

static size_t fast_taken, agreed;

static void check_text(const char *name, const uint8_t *text, size_t len, expect reader)
{
    bool fast;
    char why[512];
    bool ok = yaml_agree(text, len, NULL, &fast, why, sizeof why);
    if (!ok) {
        char m[1024];
        snprintf(m, sizeof m, "%s: %s", name, why);
        test_fail(__FILE__, __LINE__, m);
    }
    test_checks++;
    agreed += ok;
    fast_taken += fast;
    if (reader != EITHER && fast != (reader == FAST)) {
        char m[512];
        snprintf(m, sizeof m, "%s: expected the %s reader to take it", name, reader == FAST ? "fast" : "libyaml");
        test_fail(__FILE__, __LINE__, m);
    }
    test_checks++;
}

TEST(edge_cases_agree)
{
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        char *owned = edges[i].text ? NULL : generated_text(edges[i].name);
        const char *t = edges[i].text ? edges[i].text : owned;
        check_text(edges[i].name, (const uint8_t *)t, strlen(t), edges[i].reader);
        free(owned);
    }
}

/* Every prefix of a text that uses most of the subset: each cut is a new edge case (often a bad one). */
TEST(every_prefix_agrees)
{
    static const char text[] =
        "openapi: 3.1.0\ninfo:\n  title: 'T' # c\n  description: |\n    x\n\n    y\npaths:\n  /a:\n    get:\n"
        "      tags: [a, b]\n      parameters:\n      - name: \"q\\t\"\n        in: query\n      responses:\n        '200':\n"
        "          description: >-\n            ok\n            fine\n";
    size_t before = fast_taken;
    for (size_t n = 0; n <= sizeof text - 1; n++) {
        char name[64];
        snprintf(name, sizeof name, "prefix of %zu bytes", n);
        check_text(name, (const uint8_t *)text, n, EITHER);
    }
    CHECK(fast_taken - before > (sizeof text - 1) / 2); /* most prefixes are in the subset */
}

static bool is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static size_t corpus_files, corpus_fast;

/* Every YAML file under dir (recursively), or the merge-*.yaml files when merges_only. */
static void check_dir(const char *dir, bool merges_only)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (!merges_only) check_dir(path, false);
            continue;
        }
        if (!is_yaml_name(e->d_name) || (merges_only && strncmp(e->d_name, "merge-", 6) != 0)) continue;
        size_t len;
        char *text = read_file(path, &len);
        if (!text) continue;
        size_t before = fast_taken;
        check_text(path, (const uint8_t *)text, len, EITHER);
        corpus_files++;
        corpus_fast += fast_taken - before;
        if (fast_taken == before) printf("  libyaml read %s\n", path);
        free(text);
    }
    closedir(d);
}

TEST(corpus_agrees)
{
    DIR *d = opendir(corpus_dir());
    if (!d) {
        char m[4200];
        snprintf(m, sizeof m, "the corpus is missing at %s: set OASVIEW_CORPUS to the shared/corpus folder", corpus_dir());
        test_fail(__FILE__, __LINE__, m);
        return;
    }
    closedir(d);
    check_dir(corpus_dir(), false);
    size_t corpus_only = corpus_files, corpus_only_fast = corpus_fast;
    const char *src = getenv("OASV_SOURCE_DIR");
    char bench[4096];
    snprintf(bench, sizeof bench, "%s/bench/out", src && *src ? src : ".");
    check_dir(bench, true);
    printf("  corpus: %zu YAML files, %zu read by the fast reader; bench/out merges: %zu, %zu fast\n", corpus_only,
           corpus_only_fast, corpus_files - corpus_only, corpus_fast - corpus_only_fast);
    CHECK(corpus_only > 0);
    CHECK(corpus_only_fast * 10 >= corpus_only * 9); /* the subset is what real documents use */
}

/* Limits and failing allocations: the fast reader declines (or agrees) under them too. */
TEST(limits_agree)
{
    static const char text[] = "a:\n  b:\n    c:\n      - d: [1, 2]\n        e: |\n          x\n";
    oasv_options o;
    memset(&o, 0, sizeof o);
    for (uint32_t depth = 1; depth <= 7; depth++) {
        o.limits.max_depth = depth;
        bool fast;
        char why[512];
        CHECK(yaml_agree((const uint8_t *)text, sizeof text - 1, &o, &fast, why, sizeof why));
        if (why[0]) printf("  depth %u: %s\n", depth, why);
        CHECK(fast == (depth >= 6));
    }
}
