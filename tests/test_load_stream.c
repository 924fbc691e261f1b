/* test_load_stream.c - loading a text as it arrives (core/stream.c): the same document as a whole-text load. */
#include "harness.h"

#include "core/doc.h"

#include <dirent.h>
#include <stdlib.h>

/* Load `text` through a stream written `chunk` bytes at a time; its document, or NULL. */
static oasv_doc *streamed(const char *text, size_t len, size_t chunk, const oasv_options *opts, size_t *scanned)
{
    oasv_load_stream *st = oasv_load_stream_begin(len, opts);
    if (!st) return NULL;
    uint8_t *buf = oasv_load_stream_buffer(st);
    size_t most = 0;
    for (size_t at = 0; at < len; at += chunk) {
        size_t n = len - at < chunk ? len - at : chunk;
        memcpy(buf + at, text + at, n);
        oasv_load_stream_feed(st, at + n);
        size_t s = oasv_load_stream_read(st);
        if (s > most) most = s;
    }
    if (scanned) *scanned = most;
    oasv_doc *doc = NULL;
    CHECK_EQ(oasv_load_stream_end(st, &doc), OASV_OK);
    return doc;
}

static bool same_text(const char *a, const char *b) { return (!a && !b) || (a && b && strcmp(a, b) == 0); }

/* The streamed document equals the whole-text one: tree, diagnostics (with positions), verdict. */
static void check_same(const char *what, const char *text, size_t len, const oasv_options *opts, size_t chunk)
{
    oasv_doc *whole = load_with(text, len, opts);
    oasv_doc *doc = streamed(text, len, chunk, opts, NULL);
    CHECK(doc != NULL);
    if (doc) {
        bool same = same_text(oasv_doc_tree_json(whole, NULL), oasv_doc_tree_json(doc, NULL)) &&
                    same_text(oasv_doc_result_json(whole, NULL), oasv_doc_result_json(doc, NULL)) &&
                    oasv_doc_valid(whole) == oasv_doc_valid(doc) && (whole->tree.root == NULL) == (doc->tree.root == NULL);
        if (!same) fprintf(stderr, "  %s (chunk %zu): the streamed document differs\n    whole:    %.300s\n    streamed: %.300s\n", what, chunk,
                           oasv_doc_result_json(whole, NULL), oasv_doc_result_json(doc, NULL));
        CHECK(same);
    }
    oasv_doc_free(doc);
    oasv_doc_free(whole);
}

static const size_t chunks[] = { 1, 2, 3, 7, 64, 4096, (size_t)-1 };

static void check_all_chunks(const char *what, const char *text, size_t len, const oasv_options *opts)
{
    for (size_t i = 0; i < sizeof chunks / sizeof *chunks; i++) check_same(what, text, len, opts, chunks[i] > len ? (len ? len : 1) : chunks[i]);
}

TEST(stream_reads_json_in_steps)
{
    /* pretty JSON: read up to each line end as it arrives, so nearly all of it is read before the end */
    const char *text = "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\n    \"title\": \"t\",\n    \"version\": \"1\"\n  },\n"
                       "  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"responses\": {\n          \"200\": {\n"
                       "            \"description\": \"ok\"\n          }\n        }\n      }\n    }\n  }\n}\n";
    size_t len = strlen(text), scanned = 0;
    oasv_doc *doc = streamed(text, len, 5, NULL, &scanned);
    CHECK(scanned == len); /* the last byte is a line end: all of it was read before the end */
    CHECK(doc && doc->tree.root && oasv_doc_valid(doc));
    oasv_doc_free(doc);
    check_all_chunks("pretty JSON", text, len, NULL);
    /* one line: nothing can be read before the end, and the end reads it */
    const char *line = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{}}";
    doc = streamed(line, strlen(line), 4, NULL, &scanned);
    CHECK_EQ(scanned, 0);
    CHECK(doc && doc->tree.root && oasv_doc_valid(doc));
    oasv_doc_free(doc);
}

TEST(stream_mistakes_match_the_whole_text_load)
{
    oasv_options raw = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE };
    const char *cases[] = {
        "{\n\"openapi\": \"3.1.0\",\n}\n",                     /* trailing comma, after a line end */
        "{\n\"a\": 01\n}", "{\"a\":\n+1}", "{\n\"a\": 'x'}",
        "{\n  \"a\": \"x\\q\"\n}", "{\"a\": \"\\uD800\"\n}",
        "{\"a\": \"x\ny\"}",                                      /* a raw line end inside a string */
        "{\"a\": 1 // c\n}", "{\"a\": [1,\n 2}", "{\"a\": 1}\n x", "{\"a\":\n tru}", "{\"a\\u0000\": 1}",
        "{\n\"openapi\": \"3.1.0\", \"info\": {\"title\": \"x\"",  /* truncated */
        "{\n\"a\": \"unterminated", "", "   \n  \n", "\n\n{}\n\n", "[\n]\n", "[[\n]]", "{\n}\n", "\"just a string\"\n",
        "{\n\"a\": 1,\n\"a\": 2\n}\n",                           /* duplicate keys */
        "{\n\"n\": 1e999,\n\"m\": -1e999\n}\n",                   /* numbers beyond a double */
        "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n", /* YAML */
        "\xEF\xBB\xBF{\n\"openapi\": \"3.1.0\"\n}\n",             /* UTF-8 byte order mark */
        "{\n\"a\": \"\xC3\x28\"\n}\n",                              /* invalid UTF-8 after a line end */
        "{\n\"a\": \"\xE2\x82\xAC\"\n}\n",                          /* valid UTF-8 */
        "{\n\"a\": [\n1,\n2,\n3\n]\n,\n\"b\"\n:\n{\n}\n}\n",        /* a line end between every token */
        "{\r\n\"a\": 1\r\n}\r\n",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        check_all_chunks(cases[i], cases[i], strlen(cases[i]), &raw);
        check_all_chunks(cases[i], cases[i], strlen(cases[i]), NULL);
    }
    /* a NUL byte after a line end */
    static const char nul[] = "{\n\"a\": 1\n\0}\n";
    check_all_chunks("NUL", nul, sizeof nul - 1, &raw);
    /* the nesting limit, reached in a later line */
    char deep[400];
    size_t n = 0;
    for (int i = 0; i < 60; i++) { deep[n++] = '['; deep[n++] = '\n'; }
    for (int i = 0; i < 60; i++) { deep[n++] = ']'; deep[n++] = '\n'; }
    deep[n] = '\0';
    oasv_options shallow = { .abi_version = OASV_OPTIONS_VERSION, .flags = OASV_LOAD_NO_VALIDATE, .limits.max_depth = 24 };
    check_all_chunks("deep", deep, n, &shallow);
    /* a YAML name reads the text whole */
    oasv_options named = { .abi_version = OASV_OPTIONS_VERSION, .filename = "api.yaml" };
    check_all_chunks("named YAML", "{\n\"a\": 1\n}\n", 11, &named);
}

TEST(stream_limits_and_misuse)
{
    /* over the size limit: no buffer, nothing read, and the end gives oasv_load()'s document (the limit's diagnostic) */
    oasv_options small = { .abi_version = OASV_OPTIONS_VERSION, .limits.max_input_bytes = 16 };
    oasv_load_stream *over = oasv_load_stream_begin(17, &small);
    CHECK(over != NULL && oasv_load_stream_buffer(over) == NULL);
    oasv_load_stream_feed(over, 17);
    oasv_doc *refused = NULL;
    CHECK_EQ(oasv_load_stream_end(over, &refused), OASV_OK);
    CHECK(refused && find_diag(refused, "input-too-large") && !refused->tree.root);
    oasv_doc_free(refused);
    over = oasv_load_stream_begin(17, &small);
    oasv_load_stream_free(over);
    oasv_load_stream *fits = oasv_load_stream_begin(16, &small);
    CHECK(fits != NULL && oasv_load_stream_buffer(fits) != NULL);
    oasv_load_stream_free(fits);
    oasv_options wrong = { .abi_version = OASV_OPTIONS_VERSION + 1 };
    CHECK(oasv_load_stream_begin(4, &wrong) == NULL);
    oasv_doc *doc = NULL;
    CHECK_EQ(oasv_load_stream_end(NULL, &doc), OASV_ERR_ARGS);
    oasv_load_stream_free(NULL);
    oasv_load_stream_feed(NULL, 3);
    /* abandoned half-way: everything is freed (ASan and valgrind watch) */
    oasv_load_stream *st = oasv_load_stream_begin(12, NULL);
    memcpy(oasv_load_stream_buffer(st), "{\n\"a\": [1,\n", 11);
    oasv_load_stream_feed(st, 11);
    CHECK(oasv_load_stream_read(st) == 11);
    oasv_load_stream_free(st);
    /* more said received than the length: read as the length */
    st = oasv_load_stream_begin(3, NULL);
    memcpy(oasv_load_stream_buffer(st), "{}\n", 3);
    oasv_load_stream_feed(st, 99);
    CHECK_EQ(oasv_load_stream_end(st, &doc), OASV_OK);
    CHECK(doc && doc->tree.root);
    oasv_doc_free(doc);
}

/* The streamed begin leaks nothing when it cannot allocate (small budget allocator). */
static long budget;
static void *fail_malloc(void *ctx, size_t n) { (void)ctx; return budget-- > 0 ? malloc(n) : NULL; }
static void *fail_realloc(void *ctx, void *p, size_t n) { (void)ctx; return budget-- > 0 ? realloc(p, n) : NULL; }
static void fail_free(void *ctx, void *p) { (void)ctx; free(p); }

TEST(stream_out_of_memory)
{
    static const char text[] = "{\n\"openapi\": \"3.1.0\",\n\"info\": {\"title\": \"t\", \"version\": \"1\"},\n\"paths\": {}\n}\n";
    oasv_alloc a = { fail_malloc, fail_realloc, fail_free, NULL };
    oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .alloc = &a, .filename = "x.json" };
    bool done = false;
    for (long n = 0; n < 5000 && !done; n++) {
        budget = n;
        oasv_load_stream *st = oasv_load_stream_begin(sizeof text - 1, &o);
        if (!st) continue;
        for (size_t at = 0; at < sizeof text - 1; at += 9) {
            size_t k = sizeof text - 1 - at < 9 ? sizeof text - 1 - at : 9;
            memcpy(oasv_load_stream_buffer(st) + at, text + at, k);
            oasv_load_stream_feed(st, at + k);
        }
        oasv_doc *doc = NULL;
        if (oasv_load_stream_end(st, &doc) == OASV_OK) { done = doc && doc->tree.root; oasv_doc_free(doc); }
    }
    CHECK(done);
}

/* Every JSON and YAML document of the corpus's real-world, fastapi, examples and OAS pass/fail folders, in 4 KB
 * and odd-sized chunks. */
TEST(stream_corpus_documents)
{
    const char *folders[] = { "real-world", "fastapi", "examples/v3.0", "examples/v3.1", "examples/v3.2",
                              "oas-schema-tests/pass", "oas-schema-tests/fail" };
    size_t files = 0, read_in_steps = 0;
    for (size_t f = 0; f < sizeof folders / sizeof *folders; f++) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/%s", corpus_dir(), folders[f]);
        DIR *d = opendir(dir);
        if (!d) { fprintf(stderr, "  the corpus folder %s is missing (OASVIEW_CORPUS)\n", dir); CHECK(false); continue; }
        for (struct dirent *e; (e = readdir(d));) {
            const char *name = e->d_name;
            size_t nl = strlen(name);
            bool json = nl > 5 && strcmp(name + nl - 5, ".json") == 0;
            if (!(json || (nl > 5 && strcmp(name + nl - 5, ".yaml") == 0) || (nl > 4 && strcmp(name + nl - 4, ".yml") == 0))) continue;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            size_t len = 0;
            char *text = read_file(path, &len);
            if (!text) continue;
            oasv_options o = { .abi_version = OASV_OPTIONS_VERSION, .filename = name };
            check_same(name, text, len, &o, 4096);
            check_same(name, text, len, &o, 1237);
            size_t scanned = 0;
            oasv_doc *doc = streamed(text, len, 65536, &o, &scanned);
            if (json && scanned > len / 2) read_in_steps++;
            oasv_doc_free(doc);
            free(text);
            files++;
        }
        closedir(d);
    }
    fprintf(stderr, "  %zu corpus documents, %zu JSON ones read mostly while arriving (64 KB parts)\n", files, read_in_steps);
    CHECK(files > 80);
    CHECK(read_in_steps >= 10);
}
