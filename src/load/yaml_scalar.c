#include "load/yaml_scalar.h"

#include "util/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_any(const char *text, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == len && memcmp(*words, text, len) == 0) return true;
    return false;
}

static bool all_in(const char *s, size_t len, const char *set)
{
    if (len == 0) return false;
    for (size_t i = 0; i < len; i++)
        if (!strchr(set, s[i]) || s[i] == 0) return false;
    return true;
}

#define DIGITS "0123456789"

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool is_float(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '-' || s[i] == '+')) i++;
    while (i < len && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    if (i < len && s[i] == '.') {
        i++;
        size_t frac = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') { i++; frac++; }
        if (digits == 0 && frac == 0) return false;
    } else if (digits == 0) {
        return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+')) i++;
        size_t exp = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') { i++; exp++; }
        if (exp == 0) return false;
    }
    return i == len;
}

static double parse_base(const char *s, size_t len, int base)
{
    double v = 0;
    for (size_t i = 0; i < len; i++) {
        int c = s[i];
        int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        v = v * base + d;
    }
    return v;
}

static double parse_decimal(const char *s, size_t len)
{
    char small[64];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) return NAN;
    memcpy(buf, s, len);
    buf[len] = '\0';
    double v = oasv_strtod(buf, NULL);
    if (buf != small) free(buf);
    return v;
}

static bool resolve_int(const char *s, size_t len, yaml_scalar_value *out)
{
    out->kind = YAML_SCALAR_INT;
    if (len > 2 && s[0] == '0' && s[1] == 'o' && all_in(s + 2, len - 2, "01234567")) {
        out->number = parse_base(s + 2, len - 2, 8);
        return true;
    }
    if (len > 2 && s[0] == '0' && s[1] == 'x' && all_in(s + 2, len - 2, DIGITS "abcdefABCDEF")) {
        out->number = parse_base(s + 2, len - 2, 16);
        return true;
    }
    size_t sign = len > 0 && (s[0] == '-' || s[0] == '+');
    if (all_in(s + sign, len - sign, DIGITS)) {
        out->number = parse_decimal(s, len);
        return true;
    }
    return false;
}

static bool resolve_float(const char *s, size_t len, yaml_scalar_value *out)
{
    static const char *const inf[] = { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL };
    static const char *const ninf[] = { "-.inf", "-.Inf", "-.INF", NULL };
    static const char *const nan_[] = { ".nan", ".NaN", ".NAN", NULL };
    out->kind = YAML_SCALAR_FLOAT;
    if (is_any(s, len, inf)) { out->number = INFINITY; return true; }
    if (is_any(s, len, ninf)) { out->number = -INFINITY; return true; }
    if (is_any(s, len, nan_)) { out->number = NAN; return true; }
    if (is_float(s, len)) { out->number = parse_decimal(s, len); return true; }
    return false;
}

static bool resolve_null(const char *s, size_t len)
{
    static const char *const words[] = { "~", "null", "Null", "NULL", NULL };
    return len == 0 || is_any(s, len, words);
}

static bool resolve_bool(const char *s, size_t len, bool *value)
{
    static const char *const yes[] = { "true", "True", "TRUE", NULL };
    static const char *const no[] = { "false", "False", "FALSE", NULL };
    if (is_any(s, len, yes)) { *value = true; return true; }
    if (is_any(s, len, no)) { *value = false; return true; }
    return false;
}

yaml_scalar_value oasv_yaml_resolve_plain(const char *s, size_t len)
{
    yaml_scalar_value v = { YAML_SCALAR_STRING, false, 0 };
    if (len > 64 && !(s[0] >= '0' && s[0] <= '9') && s[0] != '-' && s[0] != '+' && s[0] != '.') return v;
    if (resolve_null(s, len)) { v.kind = YAML_SCALAR_NULL; return v; }
    if (resolve_bool(s, len, &v.boolean)) { v.kind = YAML_SCALAR_BOOL; return v; }
    if (resolve_int(s, len, &v)) return v;
    if (resolve_float(s, len, &v)) return v;
    v.kind = YAML_SCALAR_STRING;
    return v;
}

bool oasv_yaml_resolve_tagged(const char *name, const char *s, size_t len, yaml_scalar_value *out)
{
    memset(out, 0, sizeof *out);
    if (strcmp(name, "str") == 0) { out->kind = YAML_SCALAR_STRING; return true; }
    if (strcmp(name, "null") == 0) { out->kind = YAML_SCALAR_NULL; return resolve_null(s, len); }
    if (strcmp(name, "bool") == 0) { out->kind = YAML_SCALAR_BOOL; return resolve_bool(s, len, &out->boolean); }
    if (strcmp(name, "int") == 0) return resolve_int(s, len, out);
    if (strcmp(name, "float") == 0) return resolve_float(s, len, out) || resolve_int(s, len, out);
    return false;
}
