/* test_oas_threads.c - OASV_LOAD_THREADS: Schema Objects checked on a second thread (src/validate/oas/ahead.c)
 * give the diagnostics of a single-threaded run, and running out of memory on either thread is survived. */
#include "harness.h"

#include <stdatomic.h>
#include <stdlib.h>

#define SCHEMAS 2000 /* above ahead.c's AHEAD_MIN_ROOTS: the thread is used */

/* A document of SCHEMAS Schema Objects; three break the 2020-12 meta-schema (`$anchor` must match its pattern,
 * which the structure walk does not check), two have examples that break their schemas, and S3 has an example
 * that breaks its schema in pets.yaml, where another example is wrong too. */
static char *big_document(void)
{
    size_t cap = (size_t)SCHEMAS * 200 + 1000, len = 0;
    char *s = malloc(cap);
    if (!s) abort();
    len += (size_t)snprintf(s + len, cap - len, "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"},\n"
                                                 "\"components\": {\"schemas\": {\n");
    for (int i = 0; i < SCHEMAS; i++) {
        const char *body = i == 5 || i == 1000 || i == SCHEMAS - 1 ? "\"type\": \"object\", \"$anchor\": \"1bad\""
                           : i == 17 || i == 1717                 ? "\"type\": \"integer\", \"example\": \"seventeen\""
                           : i == 3 ? "\"properties\": {\"pet\": {\"$ref\": \"pets.yaml#/Pet\", \"example\": {\"age\": \"ten\"}}}"
                                    : "\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"example\": \"x\"}}";
        len += (size_t)snprintf(s + len, cap - len, "%s\"S%d\": {%s}\n", i ? "," : "", i, body);
    }
    snprintf(s + len, cap - len, "}}}\n");
    return s;
}

/* A second document, which the big one's S3 uses: one of its examples is wrong, and one of the main document's
 * examples has its schema there. */
static const char pets_yaml[] = "Pet:\n"
                                "  type: object\n"
                                "  properties:\n"
                                "    age: {type: integer, example: old}\n";

static const char *serve(void *ctx, const char *uri, size_t *len, const char **error)
{
    (void)ctx;
    (void)error;
    if (strcmp(uri, "file:///api/pets.yaml") != 0) return NULL;
    *len = sizeof pets_yaml - 1;
    return pets_yaml;
}

static oasv_doc *load_flags(const char *text, uint32_t flags, const oasv_alloc *alloc, oasv_status *status)
{
    static const oasv_resolver resolver = { serve, NULL };
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.flags = flags;
    o.alloc = alloc;
    o.filename = "file:///api/openapi.json";
    o.resolver = &resolver;
    oasv_doc *doc = NULL;
    *status = oasv_load(text, strlen(text), &o, &doc);
    return doc;
}

static size_t count_code(const oasv_doc *doc, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) n += strcmp(oasv_doc_diag(doc, i)->code, code) == 0;
    return n;
}

TEST(threads_give_the_diagnostics_of_one_thread)
{
    char *text = big_document();
    oasv_status s1, s2;
    oasv_doc *one = load_flags(text, 0, NULL, &s1), *two = load_flags(text, OASV_LOAD_THREADS, NULL, &s2);
    CHECK_EQ(s1, OASV_OK);
    CHECK_EQ(s2, OASV_OK);
    if (one && two) {
        CHECK_EQ(count_code(one, "schema-dialect"), 3);
        CHECK_EQ(count_code(one, "example-invalid"), 4);
        size_t in_pets = 0;
        for (size_t i = 0; i < oasv_doc_diag_count(two); i++) {
            const oasv_diag *e = oasv_doc_diag(two, i);
            if (strcmp(e->code, "example-invalid") == 0 && e->uri && strcmp(e->uri, "file:///api/pets.yaml") == 0) {
                in_pets++;
                CHECK_STR(e->pointer, "/Pet/properties/age/example");
                CHECK_EQ(e->span.line, 4);
            }
        }
        CHECK_EQ(in_pets, 1);
        const oasv_diag *d = find_diag(two, "schema-dialect");
        CHECK(d != NULL);
        if (d) {
            CHECK_STR(d->pointer, "/components/schemas/S5/$anchor");
            CHECK_EQ(d->span.line, 8);
        }
        CHECK_EQ(oasv_doc_diag_count(two), oasv_doc_diag_count(one));
        for (size_t i = 0; i < oasv_doc_diag_count(one) && i < oasv_doc_diag_count(two); i++) {
            const oasv_diag *a = oasv_doc_diag(one, i), *b = oasv_doc_diag(two, i);
            CHECK_STR(b->code, a->code);
            CHECK_STR(b->pointer, a->pointer);
            CHECK_STR(b->message, a->message);
            CHECK_EQ(b->severity, a->severity);
            CHECK_EQ(b->span.line, a->span.line);
            CHECK_EQ(b->span.column, a->span.column);
            CHECK_STR(b->uri ? b->uri : "", a->uri ? a->uri : "");
        }
    }
    oasv_doc_free(one);
    oasv_doc_free(two);
    free(text);
}

/* An allocator that fails from the n-th call on, safe to call from two threads, counting what is not freed. */
typedef struct failing {
    atomic_long calls, fail_at, live;
} failing;

static void *f_malloc(void *ctx, size_t size)
{
    failing *f = ctx;
    if (atomic_fetch_add(&f->calls, 1) >= atomic_load(&f->fail_at)) return NULL;
    void *p = malloc(size);
    if (p) atomic_fetch_add(&f->live, 1);
    return p;
}

static void *f_realloc(void *ctx, void *ptr, size_t size)
{
    failing *f = ctx;
    if (atomic_fetch_add(&f->calls, 1) >= atomic_load(&f->fail_at)) return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) atomic_fetch_add(&f->live, 1);
    return p;
}

static void f_free(void *ctx, void *ptr)
{
    failing *f = ctx;
    if (ptr) atomic_fetch_sub(&f->live, 1);
    free(ptr);
}

TEST(running_out_of_memory_on_either_thread_is_survived)
{
    char *text = big_document();
    failing f;
    atomic_init(&f.calls, 0);
    atomic_init(&f.fail_at, 1L << 60);
    atomic_init(&f.live, 0);
    oasv_alloc alloc = { f_malloc, f_realloc, f_free, &f };
    oasv_status st;
    oasv_doc *whole = load_flags(text, OASV_LOAD_THREADS, &alloc, &st);
    long total = atomic_load(&f.calls);
    CHECK_EQ(st, OASV_OK);
    CHECK(total > 1000);
    oasv_doc_free(whole);
    CHECK_EQ(atomic_load(&f.live), 0);
    /* Fail at points spread over the whole run: the late ones fall in the engine's step, where the thread runs. */
    size_t made = 0, refused = 0;
    for (long k = 40; k < 100; k++) {
        long at = total * k / 100;
        atomic_store(&f.calls, 0);
        atomic_store(&f.fail_at, at);
        oasv_doc *doc = load_flags(text, OASV_LOAD_THREADS, &alloc, &st);
        if (st == OASV_OK) {
            made++;
            CHECK(doc != NULL);
        } else {
            refused++;
            CHECK_EQ(st, OASV_ERR_NOMEM);
        }
        oasv_doc_free(doc);
        CHECK_EQ(atomic_load(&f.live), 0);
    }
    CHECK_EQ(made + refused, 60);
    CHECK(refused > 0);
    free(text);
}
