/* io.h - reading the CLI's input files. */
#ifndef OASV_CLI_IO_H
#define OASV_CLI_IO_H

#include <stddef.h>

/** A whole file ("-" is standard input), to free(); NULL with errno set when unreadable. */
char *oasv_cli_read_file(const char *path, size_t *len);

#endif
