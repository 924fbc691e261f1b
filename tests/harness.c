#include "harness.h"

#include <stdlib.h>

#define MAX_TESTS 512

static struct { const char *name; test_fn fn; } tests[MAX_TESTS];
static int ntests;
static bool current_failed;
int test_checks;

void test_register(const char *name, test_fn fn)
{
    if (ntests < MAX_TESTS) { tests[ntests].name = name; tests[ntests].fn = fn; ntests++; }
}

void test_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "  %s:%d: check failed: %s\n", file, line, what);
    current_failed = true;
}

oasv_doc *load_with(const char *text, size_t len, const oasv_options *opts)
{
    oasv_doc *doc = NULL;
    if (oasv_load(text, len, opts, &doc) != OASV_OK) { fprintf(stderr, "oasv_load: out of memory\n"); abort(); }
    return doc;
}

oasv_doc *load_text(const char *text) { return load_with(text, strlen(text), NULL); }

const oasv_diag *find_diag(const oasv_doc *doc, const char *code)
{
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++)
        if (strcmp(oasv_doc_diag(doc, i)->code, code) == 0) return oasv_doc_diag(doc, i);
    return NULL;
}

size_t count_severity(const oasv_doc *doc, oasv_severity severity)
{
    size_t n = 0;
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) n += oasv_doc_diag(doc, i)->severity == severity;
    return n;
}

void print_diags(const oasv_doc *doc)
{
    for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
        const oasv_diag *d = oasv_doc_diag(doc, i);
        fprintf(stderr, "    %u:%u %s %s %s (%s)\n", d->span.line, d->span.column, oasv_severity_name(d->severity), d->code, d->message, d->pointer);
    }
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) { free(data); data = NULL; }
    fclose(f);
    if (data) { data[n] = '\0'; *len = (size_t)n; }
    return data;
}

const char *corpus_dir(void)
{
    static char path[4096];
    const char *env = getenv("OASVIEW_CORPUS");
    if (env && *env) return env;
    const char *src = getenv("OASV_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/../shared/corpus", src && *src ? src : ".");
    return path;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1])) continue;
        current_failed = false;
        tests[i].fn();
        if (current_failed) { failed++; fprintf(stderr, "FAIL %s\n", tests[i].name); }
        else passed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
