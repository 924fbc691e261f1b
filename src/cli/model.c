/*
 * model.c - `oasview model FILE`: print the navigation model as JSON (one
 * line). `node bin/oasview.mjs model FILE` prints the same bytes.
 *
 * Exit status: 0 when printed, 1 when the document could not be read (its
 * diagnostics go to stderr), 2 for usage errors or unreadable input.
 */
#include "cli/model.h"

#include "oasv.h"
#include "cli/alloc.h"
#include "cli/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char model_usage[] = "usage: oasview model FILE\n"
                                  "Prints the navigation model of an OpenAPI document (JSON or YAML; FILE - reads standard input) as JSON.\n";

int oasv_cli_model(int argc, char **argv)
{
    if (argc != 1 || (argv[0][0] == '-' && argv[0][1] == '-')) { fputs(model_usage, stderr); return 2; }
    size_t len = 0;
    char *text = oasv_cli_read_file(argv[0], &len);
    if (!text) { fprintf(stderr, "oasview: cannot read %s: %s\n", argv[0], strerror(errno)); return 2; }
    oasv_options opts = { .abi_version = OASV_OPTIONS_VERSION, .filename = argv[0], .flags = OASV_LOAD_NO_VALIDATE };
    oasv_doc *doc = NULL;
    oasv_status st = oasv_load(text, len, &opts, &doc);
    oasv_cli_free(text);
    if (st != OASV_OK) { fprintf(stderr, "oasview: out of memory reading %s\n", argv[0]); return 2; }
    int status = 0;
    if (!oasv_doc_tree_json(doc, NULL)) {
        for (size_t i = 0; i < oasv_doc_diag_count(doc); i++) {
            const oasv_diag *d = oasv_doc_diag(doc, i);
            fprintf(stderr, "%s:%u:%u: %s %s: %s\n", argv[0], d->span.line, d->span.column, oasv_severity_name(d->severity), d->code,
                    d->message);
        }
        status = 1;
    } else {
        size_t n = 0;
        const char *json = oasv_doc_navigation_json(doc, &n);
        if (!json) { fprintf(stderr, "oasview: out of memory\n"); status = 2; }
        else { fwrite(json, 1, n, stdout); fputc('\n', stdout); }
    }
    oasv_doc_free(doc);
    return status;
}
