/* io.c - reading the CLI's input files (the library itself never touches files). */
#include "cli/io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *oasv_cli_read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    while (data) {
        n += fread(data + n, 1, cap - n, f);
        if (n < cap) break;
        char *bigger = realloc(data, cap *= 2);
        if (!bigger) { free(data); errno = ENOMEM; }
        data = bigger;
    }
    int failed = ferror(f);
    if (f != stdin) fclose(f);
    if (failed) { free(data); errno = EIO; return NULL; }
    *len = n;
    return data;
}
