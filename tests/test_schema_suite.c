/*
 * test_schema_suite.c - the official JSON-Schema-Test-Suite, draft 2020-12.
 *
 * Reads OASVIEW_CORPUS (default ../shared/corpus)/json-schema-test-suite:
 * every tests/draft2020-12 test must pass; optional/ and
 * optional/format/ are counted and printed (format ones with format
 * assertion on). remotes/ are given to the compiler under
 * http://localhost:1234/. Schemas and data are passed as their exact source
 * text, so big numbers stay exact. OASV_SUITE_VERBOSE=1 prints each failure.
 * Every instance is also checked with oasv_schema_check() and validated as a
 * loaded document's node: the verdicts and errors must agree. And checked
 * against the schema compiled by sch_compile_nodes(), whose nodes stay where
 * they were compiled (compile.c's packing copies those of oasv_schema_compile
 * in walk order): the same verdicts.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include "core/doc.h"
#include "validate/schema/schema.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef struct remotes {
    oasv_schema_resource *items;
    char **texts;
    size_t count, cap;
} remotes;

static void add_remote(remotes *r, const char *uri, char *text, size_t len)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->items = realloc(r->items, r->cap * sizeof *r->items);
        r->texts = realloc(r->texts, r->cap * sizeof *r->texts);
    }
    r->items[r->count].uri = strdup(uri);
    r->items[r->count].text = text;
    r->items[r->count].len = len;
    r->texts[r->count++] = text;
}

static void walk_remotes(remotes *r, const char *dir, const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char sub[2048], full[4096];
        snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", dir, sub);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { walk_remotes(r, dir, sub); continue; }
        size_t len;
        char *text = read_file(full, &len);
        if (!text) continue;
        char uri[2200];
        snprintf(uri, sizeof uri, "http://localhost:1234/%s", sub);
        add_remote(r, uri, text, len);
    }
    closedir(d);
}

static void free_remotes(remotes *r)
{
    for (size_t i = 0; i < r->count; i++) { free((void *)r->items[i].uri); free(r->texts[i]); }
    free(r->items);
    free(r->texts);
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/*
 * disagreements: oasv_schema_check() or the loader's tree gave another verdict or other errors than oasv_schema_validate(),
 * or the unpacked schema another verdict; unpacked: the instances checked with it
 */
typedef struct tally { int passed, failed, schema_errors, disagreements, unpacked; } tally;

/*
 * A small JSON splitter for the suite files: each schema and instance is
 * handed to the engine as its exact source text, as a user's would be.
 */
typedef struct span { const char *p; size_t len; } span;

static size_t skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

static size_t skip_value(const char *s, size_t i, size_t n)
{
    i = skip_ws(s, i, n);
    if (i >= n) return n;
    if (s[i] == '"') {
        for (i++; i < n && s[i] != '"'; i++)
            if (s[i] == '\\') i++;
        return i + 1;
    }
    if (s[i] == '{' || s[i] == '[') {
        char close = s[i] == '{' ? '}' : ']';
        i = skip_ws(s, i + 1, n);
        if (i < n && s[i] == close) return i + 1;
        for (;;) {
            if (close == '}') { i = skip_value(s, i, n); i = skip_ws(s, i, n) + 1; } /* key and ':' */
            i = skip_ws(s, skip_value(s, i, n), n);
            if (i >= n) return n;
            if (s[i] == close) return i + 1;
            i++; /* ',' */
        }
    }
    while (i < n && !strchr(",}] \t\r\n", s[i])) i++;
    return i;
}

/* The members of the object at s[i]: calls back with each key (raw, quotes stripped) and value span. */
static size_t members(const char *s, size_t i, size_t n, span *keys, span *values, size_t max, size_t *count)
{
    *count = 0;
    i = skip_ws(s, i, n);
    if (i >= n || s[i] != '{') return n;
    i = skip_ws(s, i + 1, n);
    if (i < n && s[i] == '}') return i + 1;
    while (i < n) {
        size_t k = skip_ws(s, i, n), ke = skip_value(s, k, n);
        size_t v = skip_ws(s, skip_ws(s, ke, n) + 1, n), ve = skip_value(s, v, n);
        if (*count < max) {
            keys[*count] = (span){ s + k + 1, ke - k - 2 };
            values[*count] = (span){ s + v, ve - v };
            (*count)++;
        }
        i = skip_ws(s, ve, n);
        if (i >= n || s[i] == '}') return i + 1;
        i++;
    }
    return n;
}

static span member(const span *keys, const span *values, size_t count, const char *name)
{
    for (size_t k = 0; k < count; k++)
        if (keys[k].len == strlen(name) && memcmp(keys[k].p, name, keys[k].len) == 0) return values[k];
    return (span){ NULL, 0 };
}

static void run_file(const char *path, const char *name, const remotes *r, bool format_assertion, tally *t)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) { fprintf(stderr, "cannot read %s\n", path); t->failed++; return; }
    bool verbose = getenv("OASV_SUITE_VERBOSE") != NULL;
    int before = t->passed + t->failed;
    size_t i = skip_ws(text, 0, len);
    if (i < len && text[i] == '[') i++;
    while (i < len) {
        i = skip_ws(text, i, len);
        if (i >= len || text[i] == ']') break;
        if (text[i] == ',') { i++; continue; }
        span gk[8], gv[8];
        size_t gn;
        i = members(text, i, len, gk, gv, 8, &gn);
        span gdesc = member(gk, gv, gn, "description"), schema = member(gk, gv, gn, "schema"), tests = member(gk, gv, gn, "tests");
        oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .resources = r->items,
                                     .resource_count = r->count, .format_assertion = format_assertion };
        oasv_schema *s = NULL;
        if (oasv_schema_compile(schema.p, schema.len, &opts, &s) != OASV_OK) { fprintf(stderr, "compile: out of memory\n"); abort(); }
        bool ok = oasv_schema_ok(s);
        /* the same schema, not packed: a document's subschema compiled by sch_compile_nodes */
        oasv_options so = { .abi_version = OASV_OPTIONS_VERSION, .format = OASV_FORMAT_JSON, .flags = OASV_LOAD_NO_VALIDATE };
        oasv_doc *sdoc = NULL;
        oasv_schema *unpacked = calloc(1, sizeof *unpacked);
        const sch_node *unpacked_root = NULL;
        if (!unpacked || oasv_load(schema.p, schema.len, &so, &sdoc) != OASV_OK || !sdoc->tree.root) { fprintf(stderr, "unpacked: failed\n"); abort(); }
        unpacked->max_depth = OASV_DEFAULT_MAX_DEPTH;
        unpacked->max_steps = OASV_DEFAULT_MAX_STEPS;
        unpacked->format_assertion = format_assertion;
        const cJSON *sroot = sdoc->tree.root;
        sch_compile_nodes(unpacked, sdoc, "", &sroot, 1, r->items, r->count, &unpacked_root);
        if (!unpacked_root || unpacked->arena.oom) { fprintf(stderr, "unpacked: out of memory\n"); abort(); }
        if (!ok) {
            t->schema_errors++;
            if (verbose) {
                const oasv_schema_error *e = oasv_schema_error_at(s, 0);
                fprintf(stderr, "  %s / %.*s: schema error: %s at %s\n", name, (int)gdesc.len, gdesc.p, e ? e->message : "?",
                        e ? e->keyword_location : "");
            }
        }
        size_t j = skip_ws(tests.p, 0, tests.len) + 1;
        while (j < tests.len) {
            j = skip_ws(tests.p, j, tests.len);
            if (j >= tests.len || tests.p[j] == ']') break;
            if (tests.p[j] == ',') { j++; continue; }
            span tk[8], tv[8];
            size_t tn;
            j = members(tests.p, j, tests.len, tk, tv, 8, &tn);
            span data = member(tk, tv, tn, "data"), valid = member(tk, tv, tn, "valid"), tdesc = member(tk, tv, tn, "description");
            bool want = valid.len == 4 && memcmp(valid.p, "true", 4) == 0;
            bool got = !want;
            if (ok) {
                oasv_schema_result *res = NULL;
                if (oasv_schema_validate(s, data.p, data.len, &res) != OASV_OK) { fprintf(stderr, "validate: failed\n"); abort(); }
                got = oasv_schema_result_valid(res);
                /* a valid result has no errors; an invalid one says why */
                if (got != (oasv_schema_result_error_count(res) == 0)) got = !want;
                /* the validity-only walk gives the same verdict */
                bool checked = !got;
                if (oasv_schema_check(s, data.p, data.len, &checked) != OASV_OK) { fprintf(stderr, "check: failed\n"); abort(); }
                /* the loader's document tree (the instance read with spans) gives the same result, errors included */
                oasv_options lo = { .abi_version = OASV_OPTIONS_VERSION, .format = OASV_FORMAT_JSON, .flags = OASV_LOAD_NO_VALIDATE };
                oasv_doc *doc = NULL;
                oasv_schema_result *via_doc = NULL;
                if (oasv_load(data.p, data.len, &lo, &doc) != OASV_OK ||
                    oasv_schema_validate_node(s, doc, "", &via_doc) != OASV_OK) { fprintf(stderr, "load: failed\n"); abort(); }
                const char *a = oasv_schema_result_json(res, NULL), *b = oasv_schema_result_json(via_doc, NULL);
                bool oom = false;
                bool unpacked_valid = sch_check_node(unpacked, unpacked_root, &doc->tree, doc->tree.root, &oom);
                if (oom) { fprintf(stderr, "unpacked check: out of memory\n"); abort(); }
                if (unpacked->errors.count == 0 && unpacked_valid != checked) {
                    t->disagreements++;
                    fprintf(stderr, "  DISAGREE %s / %.*s / %.*s: packed %d, unpacked %d\n", name, (int)gdesc.len, gdesc.p,
                            (int)tdesc.len, tdesc.p, checked, unpacked_valid);
                }
                if (unpacked->errors.count == 0) t->unpacked++;
                if (checked != oasv_schema_result_valid(res) || !a || !b || strcmp(a, b) != 0) {
                    t->disagreements++;
                    fprintf(stderr, "  DISAGREE %s / %.*s / %.*s: check %d; bare tree %s; loader's tree %s\n", name, (int)gdesc.len,
                            gdesc.p, (int)tdesc.len, tdesc.p, checked, a ? a : "?", b ? b : "?");
                }
                oasv_schema_result_free(via_doc);
                oasv_doc_free(doc);
                oasv_schema_result_free(res);
            }
            if (got == want) t->passed++;
            else {
                t->failed++;
                if (verbose)
                    fprintf(stderr, "  FAIL %s / %.*s / %.*s (want %s)\n", name, (int)gdesc.len, gdesc.p, (int)tdesc.len, tdesc.p,
                            want ? "valid" : "invalid");
            }
        }
        oasv_schema_free(s);
        oasv_schema_free(unpacked);
        oasv_doc_free(sdoc);
    }
    if (verbose) fprintf(stderr, "%s %d\n", name, t->passed + t->failed - before);
    free(text);
}

static bool run_dir(const char *dir, const remotes *r, bool format_assertion, tally *t)
{
    DIR *d = opendir(dir);
    if (!d) return false;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        run_file(path, names[i], r, format_assertion, t);
        free(names[i]);
    }
    return true;
}

static bool suite_ready(char *root, size_t size)
{
    snprintf(root, size, "%s/json-schema-test-suite", corpus_dir());
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/tests/draft2020-12", root);
    DIR *d = opendir(probe);
    if (!d) {
        fprintf(stderr, "  the JSON Schema test suite is missing at %s: set OASVIEW_CORPUS to the shared corpus folder\n", probe);
        return false;
    }
    closedir(d);
    return true;
}

TEST(draft2020_12_required_all_pass)
{
    char root[4096], dir[4200];
    CHECK(suite_ready(root, sizeof root));
    remotes r = { 0 };
    snprintf(dir, sizeof dir, "%s/remotes", root);
    walk_remotes(&r, dir, "");
    CHECK(r.count > 20);
    tally t = { 0 };
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12", root);
    run_dir(dir, &r, false, &t);
    printf("draft2020-12: %d/%d passed (%d schemas did not compile)\n", t.passed, t.passed + t.failed, t.schema_errors);
    CHECK_EQ(t.failed, 0);
    CHECK_EQ(t.passed, 1299);
    CHECK_EQ(t.schema_errors, 0);
    CHECK_EQ(t.disagreements, 0);
    CHECK(t.unpacked > 1200); /* nearly every instance was also checked against the unpacked schema */

    tally o = { 0 }, f = { 0 };
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12/optional", root);
    run_dir(dir, &r, false, &o);
    printf("draft2020-12/optional: %d/%d passed\n", o.passed, o.passed + o.failed);
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12/optional/format", root);
    run_dir(dir, &r, true, &f);
    printf("draft2020-12/optional/format (format assertion on): %d/%d passed\n", f.passed, f.passed + f.failed);
    CHECK_EQ(o.disagreements, 0);
    CHECK_EQ(f.disagreements, 0);
    free_remotes(&r);
}
