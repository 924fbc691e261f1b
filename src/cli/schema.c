/*
 * schema.c - `oasview schema validate SCHEMA INSTANCE`: JSON Schema 2020-12.
 *
 *   oasview schema validate SCHEMA INSTANCE [--format text|json] [--output basic|detailed] [--format-assertion]
 *
 * Text output: one line per error, "INSTANCE:POINTER: message [keywordLocation]",
 * then "valid" or "invalid (N errors)". JSON output: the result object, flat
 * (basic) or as the tree of JSON Schema's "detailed" format; --output detailed
 * implies --format json.
 * Exit status: 0 valid, 1 invalid, 2 for usage errors, unreadable files or a
 * schema that cannot be used (its errors are printed as "SCHEMA:LOCATION: message").
 * `node bin/oasview.mjs schema validate` prints the same over the wasm build.
 */
#include "cli/schema.h"

#include "oasv.h"
#include "cli/alloc.h"
#include "cli/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char schema_usage[] =
    "usage: oasview schema validate SCHEMA INSTANCE [--format text|json] [--output basic|detailed] [--format-assertion]\n"
    "Validates INSTANCE (JSON or YAML) against the JSON Schema (draft 2020-12) in SCHEMA.\n";

int oasv_cli_schema(int argc, char **argv)
{
    const char *files[2] = { NULL, NULL }, *format = "text", *output = "basic";
    int nfiles = 0;
    bool assertion = false;
    if (argc < 1 || strcmp(argv[0], "validate") != 0) { fputs(schema_usage, stderr); return 2; }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) format = argv[++i];
        else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) output = argv[++i];
        else if (strcmp(argv[i], "--format-assertion") == 0) assertion = true;
        else if (argv[i][0] == '-' && argv[i][1] == '-') { fprintf(stderr, "oasview: unknown option %s\n%s", argv[i], schema_usage); return 2; }
        else if (nfiles < 2) files[nfiles++] = argv[i];
        else { fputs(schema_usage, stderr); return 2; }
    }
    if (nfiles != 2) { fputs(schema_usage, stderr); return 2; }
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "text") != 0) { fprintf(stderr, "oasview: --format must be text or json\n"); return 2; }
    bool detailed = strcmp(output, "detailed") == 0;
    if (!detailed && strcmp(output, "basic") != 0) { fprintf(stderr, "oasview: --output must be basic or detailed\n"); return 2; }
    if (detailed) json = true;
    size_t slen = 0, ilen = 0;
    char *stext = oasv_cli_read_file(files[0], &slen);
    if (!stext) { fprintf(stderr, "oasview: cannot read %s: %s\n", files[0], strerror(errno)); return 2; }
    char *itext = oasv_cli_read_file(files[1], &ilen);
    if (!itext) { fprintf(stderr, "oasview: cannot read %s: %s\n", files[1], strerror(errno)); oasv_cli_free(stext); return 2; }
    oasv_schema_options opts = { .abi_version = OASV_SCHEMA_OPTIONS_VERSION, .format_assertion = assertion };
    oasv_schema *schema = NULL;
    int status = 2;
    if (oasv_schema_compile(stext, slen, &opts, &schema) != OASV_OK) {
        fprintf(stderr, "oasview: out of memory\n");
    } else if (!oasv_schema_ok(schema)) {
        if (json) {
            const char *text = oasv_schema_errors_json(schema, NULL);
            printf("%s\n", text ? text : "");
        } else {
            for (size_t i = 0; i < oasv_schema_error_count(schema); i++) {
                const oasv_schema_error *e = oasv_schema_error_at(schema, i);
                printf("%s:%s: %s\n", files[0], e->keyword_location[0] ? e->keyword_location : "/", e->message);
            }
            printf("the schema cannot be used\n");
        }
    } else {
        oasv_schema_result *r = NULL;
        if (oasv_schema_validate(schema, itext, ilen, &r) != OASV_OK) {
            fprintf(stderr, "oasview: out of memory\n");
        } else {
            size_t n = oasv_schema_result_error_count(r);
            if (json) {
                const char *text = detailed ? oasv_schema_result_json_detailed(r, NULL) : oasv_schema_result_json(r, NULL);
                printf("%s\n", text ? text : "");
            } else {
                for (size_t i = 0; i < n; i++) {
                    const oasv_schema_error *e = oasv_schema_result_error(r, i);
                    printf("%s:%s: %s [%s]\n", files[1], e->instance_location[0] ? e->instance_location : "/", e->message,
                           e->keyword_location);
                }
                if (oasv_schema_result_valid(r)) printf("valid\n");
                else printf("invalid (%zu error%s)\n", n, n == 1 ? "" : "s");
            }
            status = oasv_schema_result_valid(r) ? 0 : 1;
            oasv_schema_result_free(r);
        }
    }
    oasv_schema_free(schema);
    oasv_cli_free(stext);
    oasv_cli_free(itext);
    return status;
}
