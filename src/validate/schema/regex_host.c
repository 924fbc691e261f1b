/*
 * regex_host.c - `pattern` in wasm: the host's RegExp with the `u` flag.
 *
 * The imports are implemented by web/oasview.mjs (env.oasv_host_regex_compile,
 * env.oasv_host_regex_test, env.oasv_host_regex_free), which keeps the compiled RegExp
 * objects in a table and a cache by pattern. Strings cross as pointer and
 * length of UTF-8 in wasm memory.
 */
#ifdef __EMSCRIPTEN__
#include "validate/schema/regex.h"

#include "util/mem.h"

#include <stdint.h>
#include <stdio.h>

#define OASV_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

/** Compile `new RegExp(pattern, "u")`; returns a handle > 0, or 0 when the pattern is invalid. */
OASV_IMPORT(oasv_host_regex_compile) int32_t oasv_host_regex_compile(const char *pattern, size_t len);
/** 1 when the RegExp matches the subject, 0 when not, -1 on a host error. */
OASV_IMPORT(oasv_host_regex_test) int32_t oasv_host_regex_test(int32_t handle, const char *subject, size_t len);
/** Release a handle. */
OASV_IMPORT(oasv_host_regex_free) void oasv_host_regex_free(int32_t handle);

struct oasv_regex {
    int32_t handle;
};

oasv_regex *oasv_regex_compile(const char *pattern, size_t len, char *err, size_t err_size)
{
    if (err_size) err[0] = '\0';
    int32_t handle = oasv_host_regex_compile(pattern, len);
    if (handle <= 0) {
        snprintf(err, err_size, "the host's RegExp (with the u flag) rejects it");
        return NULL;
    }
    oasv_regex *re = oasv_malloc(sizeof *re);
    if (!re) { oasv_host_regex_free(handle); return NULL; }
    re->handle = handle;
    return re;
}

oasv_regex_result oasv_regex_test(const oasv_regex *re, const char *subject, size_t len)
{
    int32_t r = oasv_host_regex_test(re->handle, subject, len);
    return r > 0 ? OASV_REGEX_MATCH : r == 0 ? OASV_REGEX_NO_MATCH : OASV_REGEX_LIMIT;
}

void oasv_regex_free(oasv_regex *re)
{
    if (!re) return;
    oasv_host_regex_free(re->handle);
    oasv_free(re);
}
#else
typedef int oasv_regex_host_unused; /* native builds use regex_pcre2.c */
#endif
