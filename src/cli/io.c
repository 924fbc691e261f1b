/* io.c - reading the CLI's input files and the documents their `$ref`s name (the library itself never touches files). */
#include "cli/io.h"

#include "cli/alloc.h"

#include "resolve/uri.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *oasv_cli_read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    /* A file's size known, one read does (a 20 MB spec is not copied through doubling buffers); the
     * byte past it makes the read stop and leaves room for the NUL oasv_load_adopt() wants. */
    long size = -1;
    if (f != stdin && fseek(f, 0, SEEK_END) == 0) {
        size = ftell(f);
        rewind(f);
    }
    size_t cap = size >= 0 && (unsigned long)size < SIZE_MAX / 2 ? (size_t)size + 1 : 1 << 16, n = 0;
    char *data = oasv_cli_malloc(cap);
    while (data) {
        n += fread(data + n, 1, cap - n, f);
        if (n < cap) break;
        char *bigger = oasv_cli_realloc(data, cap *= 2);
        if (!bigger) { oasv_cli_free(data); errno = ENOMEM; }
        data = bigger;
    }
    int failed = ferror(f);
    if (f != stdin) fclose(f);
    if (failed) { oasv_cli_free(data); errno = EIO; return NULL; }
    *len = n;
    return data;
}

/* The local path a resolved `$ref` URI names, percent-decoded (into `out`); false for other schemes. */
static bool uri_path(const char *uri, oasv_buf *out)
{
    const char *p = uri;
    size_t scheme = strspn(uri, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
    if (scheme > 0 && uri[scheme] == ':') {
        if (scheme != 4 || strncasecmp(uri, "file", 4) != 0) return false;
        p = uri + 5;
        if (strncmp(p, "//localhost/", 12) == 0) p += 11;
        else if (strncmp(p, "///", 3) == 0) p += 2;
        else if (strncmp(p, "//", 2) == 0) return false; /* a file on another host */
    }
    size_t len = strcspn(p, "?");
    if (!oasv_uri_decode(p, len, out)) { out->len = 0; oasv_buf_append(out, p, len); }
    oasv_buf_append(out, "", 0);
    return !out->oom;
}

static const char *read_ref(void *ctx, const char *uri, size_t *len, const char **error)
{
    oasv_cli_files *files = ctx;
    oasv_cli_free(files->last);
    files->last = NULL;
    oasv_buf path = { 0 };
    if (!uri_path(uri, &path)) { oasv_buf_free(&path); return NULL; }
    /* "-" is standard input for the files on the command line, not for a $ref */
    const char *name = strcmp(path.data, "-") == 0 ? "./-" : path.data;
    files->last = oasv_cli_read_file(name, len);
    int err = errno;
    oasv_buf_free(&path);
    if (!files->last) *error = err == ENOENT || err == EACCES || err == ENOTDIR ? strerror(err) : "the file cannot be read";
    return files->last;
}

void oasv_cli_files_init(oasv_cli_files *files)
{
    files->resolver.resolve = read_ref;
    files->resolver.ctx = files;
    files->last = NULL;
}

void oasv_cli_files_free(oasv_cli_files *files)
{
    oasv_cli_free(files->last);
    files->last = NULL;
}
