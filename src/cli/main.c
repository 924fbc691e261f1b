/*
 * main.c - the native `oasview` command.
 *
 *   oasview lint FILE... [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config oasview.json]
 *
 * Exit status: 0 when no file fails, 1 when one does, 2 for usage errors or
 * unreadable input. `node bin/oasview.mjs` prints the same over the wasm build.
 */
#include "oasv.h"
#include "cli/alloc.h"
#include "cli/io.h"
#include "cli/model.h"
#include "cli/schema.h"
#include "report/report.h"
#include "util/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: oasview lint FILE... [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config oasview.json]\n"
    "       oasview schema validate SCHEMA INSTANCE [--format text|json] [--output basic|detailed] [--format-assertion]\n"
    "       oasview model FILE\n"
    "       oasview --version\n"
    "Reads OpenAPI 3.1 documents (JSON or YAML; FILE - reads standard input) and prints what is wrong with them.\n";

int main(int argc, char **argv)
{
    const char *format = "text", *fail_on = "error", *config = NULL;
    const char **files = calloc((size_t)argc, sizeof *files);
    int nfiles = 0;
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) { printf("oasview %s\n", OASV_VERSION_STRING); free(files); return 0; }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) { fputs(usage, stdout); free(files); return 0; }
    if (argc >= 2 && strcmp(argv[1], "schema") == 0) { free(files); return oasv_cli_schema(argc - 2, argv + 2); }
    if (argc >= 2 && strcmp(argv[1], "model") == 0) { free(files); return oasv_cli_model(argc - 2, argv + 2); }
    if (argc < 2 || strcmp(argv[1], "lint") != 0 || !files) { fputs(usage, stderr); free(files); return 2; }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--fail-on") == 0 && i + 1 < argc) fail_on = argv[++i];
        else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) config = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-') { fprintf(stderr, "oasview: unknown option %s\n%s", argv[i], usage); free(files); return 2; }
        else files[nfiles++] = argv[i];
    }
    oasv_report_format fmt;
    if (!oasv_report_format_parse(format, &fmt)) { fprintf(stderr, "oasview: --format must be text, json, sarif or github\n"); free(files); return 2; }
    int fail_level = strcmp(fail_on, "error") == 0 ? 0 : strcmp(fail_on, "warning") == 0 ? 1 : strcmp(fail_on, "info") == 0 ? 2
                   : strcmp(fail_on, "hint") == 0 ? 3 : -1;
    if (fail_level < 0) { fprintf(stderr, "oasview: --fail-on must be error, warning, info or hint\n"); free(files); return 2; }
    oasv_rules *rules = NULL;
    if (config) {
        size_t clen = 0;
        char *ctext = oasv_cli_read_file(config, &clen), message[512];
        if (!ctext) { fprintf(stderr, "oasview: cannot read %s: %s\n", config, strerror(errno)); free(files); return 2; }
        rules = oasv_rules_new(ctext, clen, NULL, message, sizeof message);
        oasv_cli_free(ctext);
        if (!rules) { fprintf(stderr, "oasview: %s: %s\n", config, message); free(files); return 2; }
    }
    if (nfiles == 0) { fputs(usage, stderr); oasv_rules_free(rules); free(files); return 2; }

    int status = 0;
    size_t errors = 0, warnings = 0, printed_files = 0, printed_results = 0;
    bool failed = false;
    oasv_buf head = { 0 };
    oasv_report_lint_begin(fmt, &head);
    if (head.data) fwrite(head.data, 1, head.len, stdout);
    oasv_buf_free(&head);
    for (int i = 0; i < nfiles; i++) {
        size_t len = 0;
        char *text = oasv_cli_read_file(files[i], &len);
        if (!text) {
            fprintf(stderr, "oasview: cannot read %s: %s\n", files[i], strerror(errno));
            status = 2;
            continue;
        }
        /* `$ref`s to other files resolve against this one's path; the reader lives as long as the document */
        oasv_cli_files refs;
        oasv_cli_files_init(&refs);
        oasv_options opts = { .abi_version = OASV_OPTIONS_VERSION, .filename = files[i], .rules = rules, .resolver = &refs.resolver,
                              .alloc = &oasv_cli_alloc, .flags = OASV_LOAD_THREADS };
        oasv_doc *doc = NULL;
        if (oasv_load_adopt(text, len, &opts, &doc) != OASV_OK) { /* the document takes the text: no copy */
            oasv_cli_files_free(&refs);
            fprintf(stderr, "oasview: out of memory reading %s\n", files[i]);
            status = 2;
            continue;
        }
        for (size_t k = 0; k < oasv_doc_diag_count(doc); k++) {
            oasv_severity s = oasv_doc_diag(doc, k)->severity;
            if (s == OASV_SEVERITY_ERROR) errors++;
            if (s == OASV_SEVERITY_WARNING) warnings++;
            if ((int)s <= fail_level) failed = true;
        }
        oasv_buf out = { 0 };
        oasv_report_lint_file(fmt, doc, files[i], printed_files, printed_results, &out);
        printed_files++;
        printed_results += oasv_doc_diag_count(doc);
        if (out.data) fwrite(out.data, 1, out.len, stdout);
        oasv_buf_free(&out);
        oasv_doc_free(doc);
        oasv_cli_files_free(&refs);
    }
    oasv_buf tail = { 0 };
    oasv_report_lint_end(fmt, errors, warnings, (size_t)nfiles, &tail);
    if (tail.data) fwrite(tail.data, 1, tail.len, stdout);
    oasv_buf_free(&tail);
    oasv_rules_free(rules);
    if (status == 0 && failed) status = 1;
    free(files);
    return status;
}
