/*
 * format.c - `format` as an assertion (format-assertion vocabulary, or the
 * format_assertion option). By default `format` is an annotation only and
 * this file is not consulted.
 */
#include "validate/schema/schema.h"

#include <limits.h>
#include <string.h>

enum {
    F_DATE_TIME, F_DATE, F_TIME, F_DURATION, F_EMAIL, F_IDN_EMAIL, F_HOSTNAME, F_IDN_HOSTNAME,
    F_IPV4, F_IPV6, F_URI, F_URI_REFERENCE, F_IRI, F_IRI_REFERENCE, F_UUID, F_URI_TEMPLATE,
    F_JSON_POINTER, F_RELATIVE_JSON_POINTER, F_REGEX, F_COUNT
};

static const char *const names[F_COUNT] = {
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex",
};

int sch_format_id(const char *name)
{
    for (int i = 0; i < F_COUNT; i++)
        if (strcmp(name, names[i]) == 0) return i;
    return -1;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }
static bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool hexd(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* The decimal value of s[0..n), or -1 when a byte is not a digit. A long run of digits (a duration's
   PnW) saturates near INT_MAX/10 rather than overflow: its callers then only need to know it is digits. */
static int num_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!digit(s[i])) return -1;
        if (v < INT_MAX / 10) v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* MARK: - Dates and times (RFC 3339) */

static bool date(const char *s, size_t len)
{
    if (len != 10 || s[4] != '-' || s[7] != '-') return false;
    int y = num_at(s, 4), m = num_at(s + 5, 2), d = num_at(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int max = days[m - 1];
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) max = 29;
    return d <= max;
}

static bool time_(const char *s, size_t len)
{
    if (len < 9 || s[2] != ':' || s[5] != ':') return false;
    int h = num_at(s, 2), mi = num_at(s + 3, 2), sec = num_at(s + 6, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return false;
    size_t i = 8;
    if (i < len && s[i] == '.') {
        size_t k = ++i;
        while (i < len && digit(s[i])) i++;
        if (i == k) return false;
    }
    if (i >= len) return false;
    int oh = 0, om = 0;
    if (s[i] == 'Z' || s[i] == 'z') {
        if (i + 1 != len) return false;
    } else if (s[i] == '+' || s[i] == '-') {
        if (len - i != 6 || s[i + 3] != ':') return false;
        oh = num_at(s + i + 1, 2);
        om = num_at(s + i + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59) return false;
        if (s[i] == '+') { oh = -oh; om = -om; }
    } else {
        return false;
    }
    if (sec == 60) {
        /* a leap second is 23:59:60 in UTC */
        int total = ((h * 60 + mi) + oh * 60 + om) % (24 * 60);
        if (total < 0) total += 24 * 60;
        if (total != 23 * 60 + 59) return false;
    }
    return true;
}

static bool date_time(const char *s, size_t len)
{
    if (len < 11 || (s[10] != 'T' && s[10] != 't')) return false;
    return date(s, 10) && time_(s + 11, len - 11);
}

static bool duration(const char *s, size_t len)
{
    if (len < 2 || s[0] != 'P') return false;
    size_t i = 1;
    const char *order = "YMWD";
    int pos = 0;
    bool any = false, in_time = false, weeks = false, time_any = false;
    while (i < len) {
        if (s[i] == 'T') {
            if (in_time) return false;
            in_time = true;
            order = "HMS";
            pos = 0;
            i++;
            continue;
        }
        size_t k = i;
        while (i < len && digit(s[i])) i++;
        if (i == k || i >= len) return false;
        const char *at = strchr(order + pos, s[i]);
        if (!at || !s[i]) return false;
        pos = (int)(at - order) + 1;
        if (!in_time && s[i] == 'W') weeks = true;
        any = true;
        if (in_time) time_any = true;
        i++;
    }
    if (!any || (in_time && !time_any)) return false;
    if (weeks) {
        /* PnW stands alone */
        return s[len - 1] == 'W' && strchr(s + 1, 'W') == s + len - 1 && !in_time && num_at(s + 1, len - 2) >= 0;
    }
    return true;
}

/* MARK: - Names and addresses */

static bool hostname(const char *s, size_t len, bool idn)
{
    if (len == 0 || len > 253) return false;
    size_t label = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '.') {
            if (label == 0 || label > 63) return false;
            if (s[i - 1] == '-' || s[i - label] == '-') return false;
            if (label >= 4 && s[i - label + 2] == '-' && s[i - label + 3] == '-' &&
                !((s[i - label] == 'x' || s[i - label] == 'X') && (s[i - label + 1] == 'n' || s[i - label + 1] == 'N')))
                return false; /* "--" in positions 3-4 is reserved for xn-- */
            label = 0;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (!(alpha((char)c) || digit((char)c) || c == '-' || (idn && c >= 0x80))) return false;
        label++;
    }
    return true;
}

static bool ipv4(const char *s, size_t len)
{
    int parts = 0;
    size_t i = 0;
    while (parts < 4) {
        size_t k = i;
        int v = 0;
        while (i < len && digit(s[i]) && i - k < 3) v = v * 10 + (s[i++] - '0');
        if (i == k || v > 255 || (i - k > 1 && s[k] == '0')) return false;
        parts++;
        if (parts < 4) {
            if (i >= len || s[i] != '.') return false;
            i++;
        }
    }
    return i == len;
}

static bool ipv6(const char *s, size_t len)
{
    int groups = 0;
    bool gap = false;
    size_t i = 0;
    if (len >= 2 && s[0] == ':' && s[1] == ':') { gap = true; i = 2; }
    else if (len && s[0] == ':') return false;
    while (i < len) {
        size_t k = i;
        while (i < len && hexd(s[i]) && i - k < 5) i++;
        if (i < len && s[i] == '.') {
            /* trailing IPv4 */
            if (!ipv4(s + k, len - k)) return false;
            groups += 2;
            i = len;
            break;
        }
        if (i == k || i - k > 4) return false;
        groups++;
        if (i == len) break;
        if (s[i] != ':') return false;
        i++;
        if (i < len && s[i] == ':') {
            if (gap) return false;
            gap = true;
            i++;
        } else if (i == len) {
            return false;
        }
    }
    return gap ? groups < 8 : groups == 8;
}

static bool email(const char *s, size_t len, bool idn)
{
    const char *at = NULL;
    size_t i;
    if (len && s[0] == '"') {
        for (i = 1; i < len && s[i] != '"'; i++)
            if (s[i] == '\\') i++;
        if (i + 1 >= len || s[i + 1] != '@') return false;
        at = s + i + 1;
    } else {
        at = memchr(s, '@', len);
        if (!at || at == s) return false;
        for (const char *p = s; p < at; p++) {
            unsigned char c = (unsigned char)*p;
            if (c == '.' && (p == s || p + 1 == at || p[1] == '.')) return false;
            if (!(alpha((char)c) || digit((char)c) || strchr("!#$%&'*+-/=?^_`{|}~.", c) || (idn && c >= 0x80))) return false;
        }
    }
    const char *d = at + 1;
    size_t dl = len - (size_t)(d - s);
    if (dl >= 2 && d[0] == '[' && d[dl - 1] == ']') {
        if (dl > 7 && strncmp(d + 1, "IPv6:", 5) == 0) return ipv6(d + 6, dl - 7);
        return ipv4(d + 1, dl - 2);
    }
    return hostname(d, dl, idn);
}

/* MARK: - URIs and pointers */

static bool uri_chars(const char *s, size_t len, bool iri)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= len) return false;
            if (!hexd(s[i + 1]) || !hexd(s[i + 2])) return false;
            i += 2;
            continue;
        }
        if (c >= 0x80) { if (!iri) return false; continue; }
        if (alpha((char)c) || digit((char)c) || strchr("-._~:/?#[]@!$&'()*+,;=", c)) continue;
        return false;
    }
    return true;
}

static bool uri_reference(const char *s, size_t len, bool iri)
{
    if (!uri_chars(s, len, iri)) return false;
    /* '[' and ']' only in an IP literal host; '#' only once */
    const char *hash = memchr(s, '#', len);
    if (hash && memchr(hash + 1, '#', len - (size_t)(hash + 1 - s))) return false;
    size_t i = 0;
    while (i < len && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#') i++;
    size_t auth = (i < len && s[i] == ':') ? i + 1 : 0;
    if (len - auth >= 2 && s[auth] == '/' && s[auth + 1] == '/') {
        size_t k = auth + 2, e = k;
        while (e < len && s[e] != '/' && s[e] != '?' && s[e] != '#') e++;
        const char *host = s + k;
        size_t hl = e - k;
        const char *atp = memchr(host, '@', hl);
        if (atp) { hl -= (size_t)(atp + 1 - host); host = atp + 1; }
        if (hl && host[0] == '[') {
            const char *close = memchr(host, ']', hl);
            if (!close) return false;
            if (!ipv6(host + 1, (size_t)(close - host - 1))) return false;
        } else if (memchr(host, '[', hl) || memchr(host, ']', hl)) {
            return false;
        }
        const char *colon = memchr(host, ':', hl);
        if (colon && !(host[0] == '[')) {
            for (const char *p = colon + 1; p < host + hl; p++)
                if (!digit(*p)) return false;
        }
    }
    return true;
}

static bool uri(const char *s, size_t len, bool iri)
{
    if (!len || !alpha(s[0])) return false;
    size_t i = 1;
    while (i < len && (alpha(s[i]) || digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) i++;
    if (i >= len || s[i] != ':') return false;
    return uri_reference(s, len, iri);
}

static bool uri_template(const char *s, size_t len)
{
    bool open = false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '{') { if (open) return false; open = true; }
        else if (s[i] == '}') { if (!open) return false; open = false; }
    }
    return !open;
}

static bool json_pointer(const char *s, size_t len)
{
    if (len && s[0] != '/') return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '~' && (i + 1 >= len || (s[i + 1] != '0' && s[i + 1] != '1'))) return false;
    return true;
}

static bool relative_json_pointer(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && digit(s[i])) i++;
    if (i == 0 || (i > 1 && s[0] == '0')) return false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        size_t k = ++i;
        while (i < len && digit(s[i])) i++;
        if (i == k || (i - k > 1 && s[k] == '0') || (i - k == 1 && s[k] == '0')) return false;
    }
    if (i == len) return true;
    if (s[i] == '#') return i + 1 == len;
    return json_pointer(s + i, len - i);
}

static bool uuid(const char *s, size_t len)
{
    if (len != 36) return false;
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) { if (s[i] != '-') return false; }
        else if (!hexd(s[i])) return false;
    }
    return true;
}

static bool regex_ok(const char *s, size_t len)
{
    char why[160];
    oasv_regex *re = oasv_regex_compile(s, len, why, sizeof why);
    if (!re) return false;
    oasv_regex_free(re);
    return true;
}

bool sch_format_check(int id, const char *s, size_t len)
{
    switch (id) {
    case F_DATE_TIME: return date_time(s, len);
    case F_DATE: return date(s, len);
    case F_TIME: return time_(s, len);
    case F_DURATION: return duration(s, len);
    case F_EMAIL: return email(s, len, false);
    case F_IDN_EMAIL: return email(s, len, true);
    case F_HOSTNAME: return hostname(s, len, false);
    case F_IDN_HOSTNAME: return hostname(s, len, true);
    case F_IPV4: return ipv4(s, len);
    case F_IPV6: return ipv6(s, len);
    case F_URI: return uri(s, len, false);
    case F_URI_REFERENCE: return uri_reference(s, len, false);
    case F_IRI: return uri(s, len, true);
    case F_IRI_REFERENCE: return uri_reference(s, len, true);
    case F_UUID: return uuid(s, len);
    case F_URI_TEMPLATE: return uri_template(s, len);
    case F_JSON_POINTER: return json_pointer(s, len);
    case F_RELATIVE_JSON_POINTER: return relative_json_pointer(s, len);
    case F_REGEX: return regex_ok(s, len);
    default: return true;
    }
}
