/* The sprintf and sscanf cJSON.c calls (util/cjson_libc.h). */
#include "util/cjson_libc.h"

#include "util/format.h"
#include "util/number.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

int oasv_cjson_sprintf(char *dst, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = oasv_vsnprintf(dst, SIZE_MAX, fmt, ap); /* cJSON's buffers fit its formats */
    va_end(ap);
    return (int)n;
}

/* Only "%lg": one double. */
int oasv_cjson_sscanf(const char *s, const char *fmt, ...)
{
    assert(strcmp(fmt, "%lg") == 0);
    va_list ap;
    va_start(ap, fmt);
    double *out = va_arg(ap, double *);
    va_end(ap);
    char *end;
    double v = oasv_strtod(s, &end);
    if (end == s) return 0;
    *out = v;
    return 1;
}
