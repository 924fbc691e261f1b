/* io.h - reading the CLI's input files, and the documents their `$ref`s name. */
#ifndef OASV_CLI_IO_H
#define OASV_CLI_IO_H

#include "oasv.h"

#include <stddef.h>

/** A whole file ("-" is standard input), to oasv_cli_free() (its memory is oasv_cli_alloc's), with room for one more byte (oasv_load_adopt() may take it); NULL with errno set when unreadable. */
char *oasv_cli_read_file(const char *path, size_t *len);

/**
 * The CLI's oasv_resolver: external `$ref`s are read from local files. URIs are
 * already resolved against the referring file's path (so relative to the spec);
 * `file:` URIs are read too, other schemes (https:) are not served (a warning:
 * the CLI never touches the network). An unreadable file is an error whose
 * reason is the system's ("No such file or directory"), as bin/oasview.mjs says.
 */
typedef struct oasv_cli_files {
    oasv_resolver resolver; /* pass &files.resolver in oasv_options */
    char *last;             /* the text handed out last (oasview copies it before the next call) */
} oasv_cli_files;

void oasv_cli_files_init(oasv_cli_files *files);
void oasv_cli_files_free(oasv_cli_files *files);

#endif
