/*
 * test_number.c - number text <-> double (src/util/number_parse.c, number_print.c) and the
 * printf subset (src/util/format.c), against glibc's strtod and snprintf, which are exact
 * (correctly rounded parsing, exact digits rounded half to even).
 */
#define _GNU_SOURCE
#include "harness.h"

#include "util/buf.h"
#include "util/format.h"
#include "util/mem.h"
#include "util/number.h"

#include <cJSON.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static unsigned below(unsigned n) { return (unsigned)(next_random() % n); }

static uint64_t bits(double v) { uint64_t u; memcpy(&u, &v, sizeof u); return u; }
static double from_bits(uint64_t u) { double v; memcpy(&v, &u, sizeof v); return v; }

static int parse_failures;

/* oasv_strtod agrees with glibc on the value (bit for bit) and on where the number ends. */
static void same_parse(const char *text)
{
    char *end_ours, *end_libc;
    double ours = oasv_strtod(text, &end_ours), libc = strtod(text, &end_libc);
    test_checks++;
    if (bits(ours) != bits(libc) || end_ours != end_libc) {
        if (parse_failures++ < 10) {
            char m[1200];
            snprintf(m, sizeof m, "oasv_strtod(\"%.900s\") = %.17g (ends at %td), strtod: %.17g (ends at %td)", text, ours,
                     end_ours - text, libc, end_libc - text);
            test_fail(__FILE__, __LINE__, m);
        }
    }
}

TEST(parse_edge_cases)
{
    static const char *const cases[] = {
        "0", "-0", "+0", "0.0", "-0.0e10", "00000", "1", "-1", "+1", " \t\n1.5", "1.", ".5", "-.5", "1.e3", "5e", "5e+",
        "5e-", "5ex", "1.5.3", "12-3", "", "-", "+", ".", "e5", "-e5", ".e5", "abc", "9007199254740991", "9007199254740992",
        "9007199254740993", "9007199254740994", "9007199254740995", "18014398509481983", "0.1", "0.2", "0.3",
        "0.30000000000000004", "1e22", "1e23", "1e-22", "1e-23", "123456789012345678901234567890",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
        "1.7976931348623157081452742373170435679807056752584499659891747680315726078002853876058955863276687817154045895"
        "35143824642343213268894641827684675467035375169860499105765512820762454900903893289440758685084551339423045832"
        "36903222948165808559332123348274797826204144723168738177180919299881250404026184124858368e308",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "2.47032822920623272088e-324", "5e-324", "3e-324",
        "1e-324", "7e-324", "1e-400", "-1e-400", "1e400", "-1e400", "1e309", "1e308", "1e-307", "1e-308",
        "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999", "0.000000000000000000000000000001e30",
        "4503599627370496.5", "4503599627370497.5", "9007199254740993.0000000000000000000000000001",
        "2.225073858507201136057409796709131975934819546351645648023426109724822222021076945516529523908135087914149158"
        "913039621106870086438694594645527657207407820621743379988141063267329253552286881372149012981122451451889849"
        "05722373e-308",
        "0.500000000000000166533453693773481063544750213623046875", "3.518437208883201171875e13",
        "62.5364939768271845828", "8.10109172351e-10", "1.50000000000000011102230246251565404236316680908203125",
        "9007199254740993.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
        "1e+308", "1E-5", "1e05", "123.456e-2", "0.000123456789012345678901234567890123456789",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) same_parse(cases[i]);
    char text[900];
    for (int e = -400; e <= 400; e++) {
        snprintf(text, sizeof text, "1e%d", e);
        same_parse(text);
        snprintf(text, sizeof text, "9.999999999999999999e%d", e);
        same_parse(text);
    }
    /* 400-digit integers and 800-digit fractions. */
    for (int round = 0; round < 200; round++) {
        int n = round % 2 ? 400 : 800;
        size_t k = 0;
        if (round % 2 == 0) { text[k++] = '0'; text[k++] = '.'; }
        for (int i = 0; i < n; i++) text[k++] = (char)('0' + (i == 0 ? 1 + below(9) : below(10)));
        text[k] = '\0';
        same_parse(text);
    }
}

/* Random digit strings with random points and exponents, and short "human" numbers. */
TEST(parse_random)
{
    char text[900];
    for (int round = 0; round < 100000; round++) {
        int n = round % 10 == 0 ? 1 + (int)below(780) : 1 + (int)below(25);
        size_t k = 0;
        if (below(4) == 0) text[k++] = '-';
        int point = below(3) ? (int)below((unsigned)n + 1) : -1;
        for (int i = 0; i < n; i++) {
            if (i == point) text[k++] = '.';
            text[k++] = (char)('0' + below(10));
        }
        if (below(2)) k += (size_t)snprintf(text + k, 20, "e%d", (int)below(700) - 350);
        text[k] = '\0';
        same_parse(text);
    }
}

/* Exactly halfway between neighbouring doubles (ties to even), and a hair either side. */
TEST(parse_halfway)
{
#if LDBL_MANT_DIG >= 64
    char text[1200];
    for (int round = 0; round < 20000; round++) {
        double x;
        switch (round % 4) {
        case 0: x = from_bits(next_random() % 0x7FEFFFFFFFFFFFFFu); break;      /* anywhere */
        case 1: x = from_bits(next_random() % 0x0030000000000000u); break;      /* subnormals and the smallest normals */
        case 2: x = (double)(next_random() >> 11) * ldexp(1, (int)below(80) - 40); break; /* integers and short fractions */
        default: x = from_bits(0x7FEFFFFFFFFFFFFFu - next_random() % 1000000); break; /* near DBL_MAX */
        }
        long double half = ((long double)x + (long double)nextafter(x, INFINITY)) / 2;
        if (x == DBL_MAX) half = (long double)DBL_MAX + ldexpl(1, 970);
        if (half == (long double)x) continue; /* long double is too narrow for subnormal halfway points */
        snprintf(text, sizeof text, "%.780Le", half);
        same_parse(text); /* exact: that many digits print the halfway point exactly */
        char *e = strchr(text, 'e');
        char *last = e - 1;
        while (*last == '0') last--;
        char saved = *last;
        if (*last > '0') { (*last)--; same_parse(text); *last = saved; }
        /* one more digit at the end: just above the halfway point */
        memmove(last + 2, last + 1, strlen(last + 1) + 1);
        last[1] = '1';
        same_parse(text);
    }
#endif
    /* Subnormal halfway points from their exact digits: (2m+1) * 2^-1075 = (2m+1) * 5^1075 / 10^1075. */
    char buf[1200];
    for (int round = 0; round < 300; round++) {
        double x = from_bits(next_random() % 0x0010000000000000u);
        snprintf(buf, sizeof buf, "%.770e", x); /* exact digits of x itself */
        same_parse(buf);
    }
}

/* Every double that %.17g prints reads back to itself, and agrees with glibc on the way. */
TEST(parse_round_trip)
{
    char text[64];
    for (int round = 0; round < 100000; round++) {
        double x = from_bits(next_random() & 0x7FFFFFFFFFFFFFFFu);
        if (!isfinite(x)) continue;
        oasv_snprintf(text, sizeof text, "%.17g", x);
        CHECK(oasv_strtod(text, NULL) == x);
        if (round % 10 == 0) same_parse(text);
    }
}

static int format_failures;

static void same_double_format(const char *fmt, double v)
{
    char ours[800], libc[800];
    oasv_snprintf(ours, sizeof ours, fmt, v);
    snprintf(libc, sizeof libc, fmt, v);
    test_checks++;
    if (strcmp(ours, libc) != 0 && format_failures++ < 10) {
        char m[1800];
        snprintf(m, sizeof m, "\"%s\" of %a: ours \"%s\", glibc \"%s\"", fmt, v, ours, libc);
        test_fail(__FILE__, __LINE__, m);
    }
}

TEST(format_doubles)
{
    static const char *const formats[] = { "%.17g", "%.0f", "%g", "%e", "%f", "%.3e", "%.15g", "%1.15g", "%1.17g",
                                           "%.20f", "%10.3f", "%-12g|", "%012.4f", "%.1g", "%.0e", "%.25g", "%.300f",
                                           "%.40e" };
    static const double specials[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1e15, 1e16,
                                       1e21, 1e22, 1e23, 123456789.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 9.5, 99.5, 999999.5,
                                       9999995.0, 0.00001, 0.0001, 0.000099999, DBL_MAX, DBL_MIN, 4.9406564584124654e-324,
                                       2.2250738585072009e-308, 1e-300, 1e300, 5e-5, 9.9999999999999995e-5, 12.5, 1e100,
                                       INFINITY, -INFINITY, NAN };
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) same_double_format(formats[f], specials[i]);
        for (int round = 0; round < 4000; round++) {
            double x;
            switch (round % 3) {
            case 0: x = from_bits(next_random()); break;
            case 1: x = (double)(int64_t)(next_random() >> below(64)) / (double)(1 + below(1000)); break;
            default: x = (double)(int)below(20000) / 8 - 1000; break; /* many exact ties */
            }
            if (isnan(x)) continue; /* glibc prints the sign of a NaN payload; ours too, but skip the noise */
            same_double_format(formats[f], x);
        }
    }
}

static void same_format(const char *expected_fmt, const char *ours_text, const char *libc_text)
{
    test_checks++;
    if (strcmp(ours_text, libc_text) != 0) {
        char m[600];
        snprintf(m, sizeof m, "\"%s\": ours \"%s\", glibc \"%s\"", expected_fmt, ours_text, libc_text);
        test_fail(__FILE__, __LINE__, m);
    }
}

#define SAME(fmt, ...) do { char o_[300], l_[300]; oasv_snprintf(o_, sizeof o_, fmt, __VA_ARGS__); \
    snprintf(l_, sizeof l_, fmt, __VA_ARGS__); same_format(fmt, o_, l_); } while (0)

TEST(format_conversions)
{
    static const long long ints[] = { 0, 1, -1, 7, 42, -42, 255, 65535, 2147483647, -2147483647 - 1 };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        int v = (int)ints[i];
        SAME("%d|%i|%5d|%-5d|%05d|%.3d", v, v, v, v, v, v);
        SAME("%u|%x|%X|%02X|%04X|%6u|%-6u|", (unsigned)v, (unsigned)v, (unsigned)v, (unsigned)v & 0xFF, (unsigned)v & 0xFFFF,
             (unsigned)v, (unsigned)v);
        SAME("%ld|%lu|%lld|%llu|%zu|%lx", (long)v, (unsigned long)v, (long long)v * 1000003, (unsigned long long)v * 1000003,
             (size_t)v, (unsigned long)v);
        SAME("%hhu|%hu|%hd|%hhd", (unsigned char)v, (unsigned short)v, (short)v, (signed char)v);
    }
    SAME("%lld|%llu|%zu", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, (size_t)SIZE_MAX);
    SAME("%c|%3c|%-3c|", 'a', 'b', 'c');
    SAME("%s|%5s|%-5s|%.2s|%.*s|%*s|%-*s|", "abc", "ab", "ab", "abc", 2, "xyz", 4, "q", 4, "q");
    SAME("%.*s|", 10, "short");
    SAME("100%% sure, %s", "yes");
    SAME("%s", "");
    SAME("no conversions at all%s", "");
    SAME("%%YAML %d.%d: %s", 1, 1, "x");
    /* Truncation reports the full length, as snprintf does. */
    char small[5];
    CHECK_EQ(oasv_snprintf(small, sizeof small, "%s-%d", "abcdef", 12), 9);
    CHECK_STR(small, "abcd");
    CHECK_EQ(oasv_snprintf(NULL, 0, "%d", 12345), 5);
    char one[1] = { 'x' };
    CHECK_EQ(oasv_snprintf(one, 1, "%d", 7), 1);
    CHECK_EQ(one[0], '\0');
    /* oasv_buf_printf appends. */
    oasv_buf b = { 0 };
    oasv_buf_puts(&b, "n=");
    oasv_buf_printf(&b, "%d %.17g %.0f %s", -3, 0.1, 1e20, "end");
    CHECK_STR(b.data, "n=-3 0.10000000000000001 100000000000000000000 end");
    for (int i = 0; i < 100; i++) oasv_buf_printf(&b, "%*s", 50, "");
    CHECK_EQ(b.len, strlen("n=-3 0.10000000000000001 100000000000000000000 end") + 5000);
    oasv_buf_free(&b);
}

/* cJSON reads and prints numbers with ours (src/util/cjson_libc.h). */
TEST(cjson_numbers)
{
    /* cJSON prints %1.15g when that reads back within its relative epsilon, else %1.17g. */
    static const struct { const char *in, *out; } cases[] = {
        { "[0.1,1e300,-0.5,123456789012,3.14159,1.0,-0,5e-324,0.30000000000000004,1e400,0.1234567890123456789]",
          "[0.1,1e+300,-0.5,123456789012,3.14159,1,-0,4.94065645841247e-324,0.3,null,0.12345678901234568]" },
        { "[2147483647,-2147483648,1e15,123456789.125]", "[2147483647,-2147483648,1e+15,123456789.125]" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *v = cJSON_Parse(cases[i].in);
        CHECK(v != NULL);
        if (!v) continue;
        char *text = cJSON_PrintUnformatted(v);
        CHECK_STR(text, cases[i].out);
        cJSON_free(text);
        cJSON_Delete(v);
    }
}
