/* test_oas_corpus.c - verdicts on the shared corpus: the OAI pass/fail suite and the real 3.1 documents. */
#include "harness.h"

#include <dirent.h>
#include <stdlib.h>

static oasv_doc *load_path(const char *path)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) return NULL;
    oasv_options o;
    memset(&o, 0, sizeof o);
    o.abi_version = OASV_OPTIONS_VERSION;
    o.filename = path;
    oasv_doc *doc = load_with(text, len, &o);
    free(text);
    return doc;
}

/* Every .yaml/.json in corpus/<dir>; `valid` is the expected verdict. Returns the number checked. */
static int check_dir(const char *dir, bool valid, const char *except)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", corpus_dir(), dir);
    DIR *d = opendir(path);
    test_checks++;
    if (!d) {
        char m[4200];
        snprintf(m, sizeof m, "the corpus is missing at %s: set OASVIEW_CORPUS to the shared/corpus folder", path);
        test_fail(__FILE__, __LINE__, m);
        return 0;
    }
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        if (len < 5 || !(strcmp(name + len - 5, ".yaml") == 0 || strcmp(name + len - 4, ".yml") == 0 || strcmp(name + len - 5, ".json") == 0)) continue;
        if (except && strcmp(name, except) == 0) continue;
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, name);
        oasv_doc *doc = load_path(file);
        if (!doc) continue;
        const char *v = oasv_doc_version(doc);
        if (!v || strncmp(v, "3.1", 3) != 0) { oasv_doc_free(doc); continue; }
        n++;
        test_checks++;
        if (oasv_doc_valid(doc) != valid) {
            char m[8300];
            snprintf(m, sizeof m, "%s should be %s", file, valid ? "valid" : "invalid");
            test_fail(__FILE__, __LINE__, m);
            print_diags(doc);
        }
        oasv_doc_free(doc);
    }
    closedir(d);
    return n;
}

TEST(oai_pass_documents_are_valid) { CHECK_EQ(check_dir("oas-schema-tests/pass", true, NULL), 35); }

TEST(oai_fail_documents_are_invalid) { CHECK_EQ(check_dir("oas-schema-tests/fail", false, NULL), 11); }

TEST(real_31_documents_are_valid)
{
    CHECK_EQ(check_dir("examples/v3.1", true, NULL), 6);
    CHECK_EQ(check_dir("fastapi", true, NULL), 7);
    CHECK(check_dir("real-world", true, "redoc-demo--openapi-3-1.yaml") >= 6);
}

TEST(redoc_demo_license_error)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/real-world/redoc-demo--openapi-3-1.yaml", corpus_dir());
    oasv_doc *doc = load_path(path);
    CHECK(doc != NULL);
    if (!doc) return;
    CHECK(!oasv_doc_valid(doc));
    CHECK_EQ(count_severity(doc, OASV_SEVERITY_ERROR), 1);
    const oasv_diag *d = find_diag(doc, "mutually-exclusive");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->pointer, "/info/license");
        /* the `license:` key, line 54 column 3 of the file */
        CHECK_EQ(d->span.line, 54);
        CHECK_EQ(d->span.column, 3);
    }
    oasv_doc_free(doc);
}
