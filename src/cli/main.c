/*
 * main.c - the native `oasview` command.
 *
 *   oasview lint FILE... [--format text|json] [--fail-on error|warning]
 *
 * Exit status: 0 when no file fails, 1 when one does, 2 for usage errors or
 * unreadable input. `node bin/oasview.mjs` prints the same over the wasm build.
 */
#include "oasv.h"
#include "report/report.h"
#include "util/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: oasview lint FILE... [--format text|json] [--fail-on error|warning]\n"
    "       oasview --version\n"
    "Reads OpenAPI 3.1 documents (JSON or YAML; FILE - reads standard input) and prints what is wrong with them.\n";

/* Read a whole file (or stdin for "-"). NULL with errno set when unreadable. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    while (data) {
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        char *bigger = realloc(data, cap *= 2);
        if (!bigger) { free(data); data = NULL; errno = ENOMEM; }
        data = bigger;
    }
    int failed = ferror(f);
    if (f != stdin) fclose(f);
    if (failed) { free(data); errno = EIO; return NULL; }
    *len = n;
    return data;
}

int main(int argc, char **argv)
{
    const char *format = "text", *fail_on = "error";
    const char **files = calloc((size_t)argc, sizeof *files);
    int nfiles = 0;
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) { printf("oasview %s\n", OASV_VERSION_STRING); return 0; }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) { fputs(usage, stdout); return 0; }
    if (argc < 2 || strcmp(argv[1], "lint") != 0 || !files) { fputs(usage, stderr); return 2; }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--fail-on") == 0 && i + 1 < argc) fail_on = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-') { fprintf(stderr, "oasview: unknown option %s\n%s", argv[i], usage); return 2; }
        else files[nfiles++] = argv[i];
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) { fprintf(stderr, "oasview: --format must be text or json\n"); return 2; }
    if (strcmp(fail_on, "error") != 0 && strcmp(fail_on, "warning") != 0) { fprintf(stderr, "oasview: --fail-on must be error or warning\n"); return 2; }
    if (nfiles == 0) { fputs(usage, stderr); return 2; }

    int status = 0;
    size_t errors = 0, warnings = 0;
    bool json = strcmp(format, "json") == 0;
    if (json) fputs("[", stdout);
    for (int i = 0; i < nfiles; i++) {
        size_t len = 0;
        char *text = read_file(files[i], &len);
        if (!text) {
            fprintf(stderr, "oasview: cannot read %s: %s\n", files[i], strerror(errno));
            status = 2;
            continue;
        }
        oasv_options opts = { .abi_version = OASV_OPTIONS_VERSION, .filename = files[i] };
        oasv_doc *doc = NULL;
        if (oasv_load(text, len, &opts, &doc) != OASV_OK) {
            fprintf(stderr, "oasview: out of memory reading %s\n", files[i]);
            free(text);
            status = 2;
            continue;
        }
        free(text);
        for (size_t k = 0; k < oasv_doc_diag_count(doc); k++) {
            oasv_severity s = oasv_doc_diag(doc, k)->severity;
            if (s == OASV_SEVERITY_ERROR) errors++;
            if (s == OASV_SEVERITY_WARNING) warnings++;
        }
        oasv_buf out = { 0 };
        if (json) {
            size_t rlen;
            const char *result = oasv_doc_result_json(doc, &rlen);
            if (i > 0) oasv_buf_putc(&out, ',');
            oasv_buf_puts(&out, "{\"file\":");
            oasv_buf_json_string(&out, files[i], strlen(files[i]));
            oasv_buf_putc(&out, ',');
            if (result) oasv_buf_append(&out, result + 1, rlen - 1);
        } else {
            oasv_report_text(doc, files[i], &out);
        }
        if (out.data) fwrite(out.data, 1, out.len, stdout);
        oasv_buf_free(&out);
        oasv_doc_free(doc);
    }
    if (json) fputs("]\n", stdout);
    else printf("%zu error%s, %zu warning%s in %d file%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s");
    bool failed = errors > 0 || (strcmp(fail_on, "warning") == 0 && warnings > 0);
    if (status == 0 && failed) status = 1;
    free(files);
    return status;
}
