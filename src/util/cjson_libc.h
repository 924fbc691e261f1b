/*
 * cjson_libc.h - force-included into cJSON.c (CMakeLists.txt) so that cJSON reads and
 * prints numbers with ours (util/number.h, util/format.h): the wasm then links none of
 * musl's long-double strtod/sscanf/printf. cJSON prints with "%d", "%1.15g", "%1.17g"
 * and reads back with sscanf "%lg".
 */
#ifndef OASV_UTIL_CJSON_LIBC_H
#define OASV_UTIL_CJSON_LIBC_H

#include <stdio.h>
#include <stdlib.h>

double oasv_strtod(const char *s, char **end);
int oasv_cjson_sprintf(char *dst, const char *fmt, ...);
int oasv_cjson_sscanf(const char *s, const char *fmt, ...);

#define strtod oasv_strtod
#define sprintf oasv_cjson_sprintf
#define sscanf oasv_cjson_sscanf

#endif
