/*
 * test_regex.c - the ECMA-262 regex engine (src/validate/schema/regex_ecma.c).
 *
 * Expectations come from the spec (ECMA-262 2024, section 22.2, with the `u`
 * flag: [UnicodeMode]); each group names the rule. The differential test
 * against Node's own RegExp is wasm-tests/regex.test.mjs.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include "util/mem.h"
#include "validate/schema/regex.h"

#include <stdlib.h>
#include <time.h>

/* 1 match, 0 no match, -1 LIMIT, -2 invalid pattern. */
static int run_len(const char *pattern, const char *subject, size_t len, unsigned long steps)
{
    char err[200];
    oasv_regex *re = oasv_regex_compile(pattern, strlen(pattern), err, sizeof err);
    if (!re) {
        if (!err[0]) fprintf(stderr, "  %s: out of memory without a message\n", pattern);
        return -2;
    }
    oasv_regex_result r = oasv_regex_test_steps(re, subject, len, steps);
    oasv_regex_free(re);
    return r == OASV_REGEX_MATCH ? 1 : r == OASV_REGEX_NO_MATCH ? 0 : -1;
}

static int m(const char *pattern, const char *subject) { return run_len(pattern, subject, strlen(subject), OASV_REGEX_STEPS); }

/* The compile error for `pattern`, or NULL when it compiles. */
static const char *error_of(const char *pattern)
{
    static char err[200];
    oasv_regex *re = oasv_regex_compile(pattern, strlen(pattern), err, sizeof err);
    if (re) { oasv_regex_free(re); return NULL; }
    return err;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

TEST(search_is_unanchored_and_assertions_anchor)
{
    /* RegExpBuiltinExec tries every index: a pattern is not implicitly anchored (JSON Schema says so too). */
    CHECK_EQ(m("es", "test"), 1);
    CHECK_EQ(m("^es", "test"), 0);
    CHECK_EQ(m("^te", "test"), 1);
    CHECK_EQ(m("st$", "test"), 1);
    /* Without the m flag, ^ and $ are only the input's ends (22.2.2.6 Assertion). */
    CHECK_EQ(m("a$", "a\nb"), 0);
    CHECK_EQ(m("^b", "a\nb"), 0);
    CHECK_EQ(m("", ""), 1);
    CHECK_EQ(m("(?:)", "x"), 1);
    CHECK_EQ(m("a|", ""), 1);
    /* No i flag: case matters. */
    CHECK_EQ(m("A", "a"), 0);
}

TEST(quantifiers_follow_repeat_matcher)
{
    CHECK_EQ(m("^a{2}$", "aa"), 1);
    CHECK_EQ(m("^a{2}$", "aaa"), 0);
    CHECK_EQ(m("^a{2,}$", "a"), 0);
    CHECK_EQ(m("^a{2,}$", "aaaa"), 1);
    CHECK_EQ(m("^a{1,3}$", "aaaa"), 0);
    CHECK_EQ(m("^a{0}$", ""), 1);
    CHECK_EQ(m("^(?:ab)+$", "ababab"), 1);
    CHECK_EQ(m("^(?:ab)+?c$", "ababc"), 1);
    CHECK_EQ(m("^a*?$", "aaa"), 1);
    CHECK_EQ(m("^(a|ab)(c|bcd)(d*)$", "abcd"), 1);
    /* RepeatMatcher step 2.b: an iteration past the minimum that matches empty fails, so these end. */
    CHECK_EQ(m("^(?:a*)*$", "aaa"), 1);
    CHECK_EQ(m("(a*)*b", "aab"), 1);
    CHECK_EQ(m("^(?:a?)*?b", "b"), 1);
    /* RepeatMatcher step 4: captures inside the atom are cleared at each iteration, so \1 is
       the undefined capture (matches empty) in "aba": the second iteration took b. */
    CHECK_EQ(m("^(?:(a)|b)*\\1$", "ab"), 1);
    CHECK_EQ(m("^(?:(a)|b)*\\1$", "aba"), 0);
    /* The required iterations may match empty: (){3} then a. */
    CHECK_EQ(m("(){3}a", "a"), 1);
    /* Big counts are counted, not expanded. */
    CHECK_EQ(m("^(?:ab){1000}$", "ab"), 0);
}

TEST(groups_and_back_references)
{
    CHECK_EQ(m("(a)\\1", "aa"), 1);
    CHECK_EQ(m("(a)\\1", "ab"), 0);
    CHECK_EQ(m("(?<x>[ab])\\k<x>", "bb"), 1);
    CHECK_EQ(m("(?<x>[ab])\\k<x>", "ba"), 0);
    /* BackreferenceMatcher: an undefined capture matches empty (forward reference, own group, other branch). */
    CHECK_EQ(m("^\\1(a)$", "a"), 1);
    CHECK_EQ(m("^(a\\1)$", "a"), 1);
    CHECK_EQ(m("^(?:(a)|\\1b)$", "b"), 1);
    CHECK_EQ(m("\\k<n>(?<n>a)", "a"), 1);
    /* Captures from a positive lookahead stay; from a negative one they are undefined. */
    CHECK_EQ(m("(?=(a+))a*b\\1", "baaabac"), 1);
    CHECK_EQ(m("^(?=(a+))a*b\\1$", "aaab"), 0);
    CHECK_EQ(m("^(?!(a))\\1b$", "b"), 1);
}

TEST(lookaround_and_lookbehind_backwards)
{
    CHECK_EQ(m("a(?=b)", "ab"), 1);
    CHECK_EQ(m("a(?=b)", "ac"), 0);
    CHECK_EQ(m("a(?!b)", "ab"), 0);
    CHECK_EQ(m("(?<=\\$)\\d+", "$12"), 1);
    CHECK_EQ(m("(?<=\\$)\\d+", "12"), 0);
    CHECK_EQ(m("(?<!\\$)\\b\\d+", "$12"), 0);
    /* Variable width (ES2018): a lookbehind is matched backwards, right to left. */
    CHECK_EQ(m("(?<=a+)b", "aaab"), 1);
    CHECK_EQ(m("(?<=^a{2,3})b", "aaab"), 1);
    CHECK_EQ(m("(?<=^a{2})b", "aaab"), 0);
    /* Backwards, (\d+)(\d+) gives the second group the greedy share: "1053" is 1 + 053,
       so \1 is "1" (22.2.2.3, direction backward). */
    CHECK_EQ(m("^(?<=(\\d+)(\\d+))$", ""), 0);
    CHECK_EQ(m("(?<=(\\d+)(\\d+))$", "1053"), 1);
    CHECK_EQ(m("(?<=^(\\d+)(\\d+))x\\1$", "1053x1"), 1);
    CHECK_EQ(m("(?<=^(\\d+)(\\d+))x\\1$", "1053x105"), 0);
    /* Backwards, a back reference to the left of its group refers to it; to the right it is not yet set. */
    CHECK_EQ(m("(?<=\\1(a))b", "aab"), 1);
    CHECK_EQ(m("(?<=^\\1(a))b", "ab"), 0);
    CHECK_EQ(m("(?<=^(a)\\1)b", "ab"), 1);
    /* Lookarounds nest and change direction. */
    CHECK_EQ(m("(?<=a(?=b)b)c", "abc"), 1);
    CHECK_EQ(m("(?<=(?<!b)a)c", "bac"), 0);
    /* They are atomic: no backtracking into them. */
    CHECK_EQ(m("^(?=(a+))a\\1$", "aaa"), 0);
    CHECK_EQ(m("^(?=(a+?))a\\1$", "aa"), 1);
}

TEST(word_boundaries_are_ascii)
{
    /* IsWordChar: [A-Za-z0-9_] (no i flag); outside the input counts as not a word character. */
    CHECK_EQ(m("\\bfoo\\b", "a foo b"), 1);
    CHECK_EQ(m("\\bfoo\\b", "foobar"), 0);
    CHECK_EQ(m("^\\b", ""), 0);
    CHECK_EQ(m("\\B", ""), 1);
    CHECK_EQ(m("\\b", "\xc3\xa9"), 0); /* é is not a word character */
    CHECK_EQ(m("a\\b", "a\xc3\xa9"), 1);
}

TEST(character_classes_and_escapes)
{
    CHECK_EQ(m("^[a-c]+$", "abcab"), 1);
    CHECK_EQ(m("^[^a-c]$", "d"), 1);
    CHECK_EQ(m("^[^a-c]$", "b"), 0);
    CHECK_EQ(m("^[-a]$", "-"), 1);
    CHECK_EQ(m("^[a-]$", "-"), 1);
    CHECK_EQ(m("^[\\w-]+$", "a-b_1"), 1);
    CHECK_EQ(m("^[a-b-c]$", "-"), 1);
    CHECK_EQ(m("[]", "a"), 0);        /* the empty class matches nothing */
    CHECK_EQ(m("^[^]$", "\n"), 1);    /* and its complement everything */
    CHECK_EQ(m("^[\\b]$", "\b"), 1);  /* \b is U+0008 in a class */
    CHECK_EQ(m("^\\cJ$", "\n"), 1);
    CHECK_EQ(m("^\\x41\\u0041\\u{41}\\u{0000041}$", "AAAA"), 1);
    CHECK_EQ(m("^\\t\\n\\v\\f\\r$", "\t\n\v\f\r"), 1);
    CHECK_EQ(m("^\\/\\.\\*$", "/.*"), 1);
    /* \d and \w stay ASCII with the u flag (no i flag). */
    CHECK_EQ(m("\\d", "\xd9\xa3"), 0); /* U+0663 ARABIC-INDIC DIGIT THREE */
    CHECK_EQ(m("^\\w+$", "a_Z9"), 1);
    CHECK_EQ(m("\\w", "\xc3\xa9"), 0);
    /* \s: WhiteSpace and LineTerminator, incl. U+FEFF and U+3000; not U+0085 nor U+180E nor U+200B. */
    CHECK_EQ(m("^\\s$", "\xef\xbb\xbf"), 1);
    CHECK_EQ(m("^\\s$", "\xe3\x80\x80"), 1);
    CHECK_EQ(m("^\\s$", "\xe2\x80\xa8"), 1);
    CHECK_EQ(m("^\\s$", "\xc2\xa0"), 1);
    CHECK_EQ(m("^\\s$", "\xc2\x85"), 0);
    CHECK_EQ(m("^\\s$", "\xe1\xa0\x8e"), 0);
    CHECK_EQ(m("^\\s$", "\xe2\x80\x8b"), 0);
    CHECK_EQ(m("^\\S$", "\xe2\x80\x8b"), 1);
    CHECK_EQ(m("^[\\S]$", " "), 0);
}

TEST(code_points_not_code_units)
{
    /* With u, the input is a list of code points: . and [^a] take a whole U+1F600. */
    CHECK_EQ(m("^.$", "\xf0\x9f\x98\x80"), 1);
    CHECK_EQ(m("^[^a]$", "\xf0\x9f\x98\x80"), 1);
    CHECK_EQ(m("^\\uD83D\\uDE00$", "\xf0\x9f\x98\x80"), 1); /* a surrogate pair escape is one code point */
    CHECK_EQ(m("^\\uD83D", "\xf0\x9f\x98\x80"), 0);         /* a lone surrogate matches no code point */
    CHECK_EQ(m("^[\\u{1F600}-\\u{1F64F}]{2}$", "\xf0\x9f\x98\x80\xf0\x9f\x99\x8f"), 1);
    CHECK_EQ(m("(?<=\xf0\x9f\x98\x80)a", "\xf0\x9f\x98\x80" "a"), 1);
    /* . excludes the line terminators only. */
    CHECK_EQ(m("^.$", "\n"), 0);
    CHECK_EQ(m("^.$", "\r"), 0);
    CHECK_EQ(m("^.$", "\xe2\x80\xa9"), 0);
    CHECK_EQ(m("^.$", "\xc2\x85"), 1);
    /* U+0000 is an ordinary character of the subject. */
    CHECK_EQ(run_len("a\\0b", "a\0b", 3, OASV_REGEX_STEPS), 1);
    CHECK_EQ(run_len("^[^\\0]*$", "a\0b", 3, OASV_REGEX_STEPS), 0);
}

TEST(unicode_properties)
{
    CHECK_EQ(m("^\\p{L}+$", "\xc3\xa9lan"), 1);
    CHECK_EQ(m("^\\p{Letter}+$", "x1"), 0);
    CHECK_EQ(m("\\p{Lu}", "abc"), 0);
    CHECK_EQ(m("\\p{Uppercase_Letter}", "a\xc3\x89"), 1);
    CHECK_EQ(m("^\\p{gc=Nd}$", "\xd9\xa3"), 1);
    CHECK_EQ(m("^\\p{General_Category=Decimal_Number}$", "5"), 1);
    CHECK_EQ(m("^\\P{Ll}+$", "AB1"), 1);
    CHECK_EQ(m("^\\p{sc=Greek}+$", "\xce\xb1\xce\xb2"), 1);
    CHECK_EQ(m("^\\p{Script=Grek}$", "a"), 0);
    /* U+0964 DEVANAGARI DANDA: Script=Common, Script_Extensions include Devanagari. */
    CHECK_EQ(m("\\p{sc=Deva}", "\xe0\xa5\xa4"), 0);
    CHECK_EQ(m("\\p{scx=Deva}", "\xe0\xa5\xa4"), 1);
    CHECK_EQ(m("\\p{Script_Extensions=Devanagari}", "\xe0\xa5\xa4"), 1);
    CHECK_EQ(m("\\p{White_Space}", "\xe3\x80\x80"), 1);
    CHECK_EQ(m("\\p{Alphabetic}", "1"), 0);
    CHECK_EQ(m("\\p{Emoji}", "\xf0\x9f\x98\x80"), 1);
    CHECK_EQ(m("\\p{ASCII}", "\xc3\xa9"), 0);
    CHECK_EQ(m("^\\p{Any}$", "\xf0\x9f\x98\x80"), 1);
    CHECK_EQ(m("\\P{Assigned}", "\xcd\xb8"), 1); /* U+0378 is unassigned */
    CHECK_EQ(m("^[\\p{L}\\d]+$", "\xc3\xa9" "1"), 1);
    CHECK_EQ(m("^[^\\P{L}]$", "1"), 0);
}

TEST(invalid_patterns_are_compile_errors)
{
    /* Early errors and grammar under [UnicodeMode]. */
    const char *const bad[] = {
        "\\a", "\\e", "\\z", "\\-", "{", "}", "]", "a{1", "x{2}{3}", "[a", "(", ")", "(?:a", "a**", "*", "a|*",
        "a{2,1}", "\\p{Foo}", "\\p{Latin}", "\\p{sc}", "\\p{=L}", "\\P{gc=Foo}", "\\p{L", "\\p", "(?<a>x)(?<a>y)",
        "\\k<b>(?<a>.)", "\\k", "\\2(a)", "\\1", "\\8", "(?=a)*", "(?<=a)+", "^*", "\\b+", "\\c1", "\\x4", "\\u12",
        "\\u{110000}", "\\u{}", "[\\d-z]", "[z-a]", "[\\B]", "[\\1]", "(?i)a", "(?<1a>x)", "(?<>x)", "\\00", "\\q",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *e = error_of(bad[i]);
        CHECK(e != NULL && e[0] != '\0');
        if (!e) fprintf(stderr, "  compiled but should not: %s\n", bad[i]);
    }
    CHECK(error_of("\xff") != NULL); /* not UTF-8 */
    const char *good[] = { "[--a]", "\\/", "(?<$>a)\\k<$>", "(?<\xc3\xa9>a)\\k<\xc3\xa9>", "(?<\\u0061>a)\\k<a>",
                           "\\p{Script_Extensions=Latn}", "a{0}", "x{1,}?", "[\\-]", "\\0", "[\\0]", "(?<=a)", "(?<!a)",
                           "\\u{10FFFF}", "\\cz" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const char *e = error_of(good[i]);
        CHECK(e == NULL);
        if (e) fprintf(stderr, "  %s: %s\n", good[i], e);
    }
    CHECK_STR(error_of("a{2,1}"), "the numbers of a quantifier {2,1} are out of order (at byte 6)");
    CHECK_STR(error_of("\\a"), "\\a is not an escape ECMA-262 allows with the u flag (at byte 1)");
}

TEST(limits_nesting_and_length)
{
    char deep[300];
    size_t n = 0;
    for (int i = 0; i < 100; i++) deep[n++] = '(';
    deep[n++] = 'a';
    for (int i = 0; i < 100; i++) deep[n++] = ')';
    deep[n] = '\0';
    const char *e = error_of(deep);
    CHECK(e && strstr(e, "nested"));
    deep[0] = '\0';
    for (int i = 0; i < 60; i++) strcat(deep, "(");
    strcat(deep, "a");
    for (int i = 0; i < 60; i++) strcat(deep, ")");
    CHECK_EQ(m(deep, "a"), 1);
    size_t big = 70000;
    char *longp = malloc(big + 1);
    memset(longp, 'a', big);
    longp[big] = '\0';
    CHECK(error_of(longp) != NULL);
    free(longp);
}

TEST(catastrophic_patterns_end_in_the_budget_quickly)
{
    char subject[64];
    memset(subject, 'a', 40);
    subject[40] = '!';
    subject[41] = '\0';
    const char *const hostile[] = { "^(a+)+$", "(a|a?)+b", "^(a|aa)+$", "(?:a*)*b", "^(\\w+)*\\1x", "(?=(a+)+b)",
                                    "(?<=b(a+)+)!", "^(a+)+\\b$", "(x+x+)+y" };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        double t = now();
        const char *s = strcmp(hostile[i], "(x+x+)+y") == 0 ? "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" : subject;
        CHECK_EQ(m(hostile[i], s), -1);
        /* The budget counts steps, so the -1 above is the bound; the time check only catches a hang
         * (it stays generous: valgrind and a busy CI machine make a match 50x slower). */
        double dt = now() - t;
        CHECK(dt < 30.0);
        if (dt >= 30.0) fprintf(stderr, "  %s took %.2f s\n", hostile[i], dt);
    }
    /* An alternation of code points is one class: (a|a)*b is no longer exponential. */
    CHECK_EQ(m("(a|a)*b", subject), 0);
    /* (\w+\s?)*$ on words that end in a non-word character */
    CHECK_EQ(m("(\\w+\\s?)*$", "word word word word word word word word word word word word!"), -1);
    /* The budget is configurable; a small one ends sooner, and the default handles short subjects. */
    CHECK_EQ(run_len("^(a+)+$", "aaaaaaaaaaaa!", 13, 100), -1);
    CHECK_EQ(m("^(a+)+$", "aaaaaaaaaaaa!"), 0);
    /* A long subject is scanned without hitting the budget (16 more steps a byte). */
    size_t big = 3000000;
    char *s = malloc(big + 1);
    memset(s, 'a', big);
    s[big] = '\0';
    CHECK_EQ(m("b", s), 0);
    CHECK_EQ(m("^a+$", s), 1);
    CHECK_EQ(m("^[a-z]*$", s), 1);
    CHECK_EQ(m("(?:a|b)+$", s), 1); /* an alternation of code points is a class */
    /* A general loop keeps a few backtrack entries an iteration: past RX_MAX_STACK (32 MB) it is LIMIT, not a crash. */
    CHECK_EQ(m("^(?:aa|b)+$", s), -1);
    CHECK_EQ(run_len("^(?:aa|b)+$", s, 100000, OASV_REGEX_STEPS), 1);
    free(s);
}

/* A failing allocator: every path out of memory returns NULL or LIMIT and leaks nothing (ASan checks). */
static long alloc_budget;
static void *fail_malloc(void *ctx, size_t size) { (void)ctx; return alloc_budget-- > 0 ? malloc(size) : NULL; }
static void *fail_realloc(void *ctx, void *p, size_t size) { (void)ctx; return alloc_budget-- > 0 ? realloc(p, size) : NULL; }
static void fail_free(void *ctx, void *p) { (void)ctx; free(p); }

TEST(out_of_memory_leaks_nothing)
{
    oasv_alloc a = { .malloc = fail_malloc, .realloc = fail_realloc, .free = fail_free, .ctx = NULL };
    const char *pattern = "^(?<y>\\d{4})-(?:0[1-9]|1[0-2])(?=\\p{ASCII})[\\p{L}\\w]*\\k<y>|(?<=\\p{scx=Deva}+)x$";
    bool compiled = false;
    for (long budget = 0; budget < 200 && !compiled; budget++) {
        const oasv_alloc *prev = oasv_mem_enter(&a);
        alloc_budget = budget;
        char err[100];
        oasv_regex *re = oasv_regex_compile(pattern, strlen(pattern), err, sizeof err);
        if (re) {
            compiled = true;
            oasv_regex_test(re, "2024-01abc2024", 14);
            oasv_regex_free(re);
        } else {
            CHECK_STR(err, ""); /* out of memory is not a syntax error */
        }
        oasv_mem_leave(prev);
    }
    CHECK(compiled);
}

TEST(typical_patterns_are_fast)
{
    static const struct { const char *p, *s; int want; } cases[] = {
        { "^[a-z0-9-]+$", "my-service-42", 1 },
        { "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "someone@example.com", 1 },
        { "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "123e4567-e89b-12d3-a456-426614174000", 1 },
        { "^\\d{4}-\\d{2}-\\d{2}$", "2024-02-29", 1 },
        { "^[A-Z]{3}$", "EURO", 0 },
        { "^(\\+|-)?\\d+(\\.\\d+)?$", "-12.5", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[100];
        oasv_regex *re = oasv_regex_compile(cases[i].p, strlen(cases[i].p), err, sizeof err);
        CHECK(re != NULL);
        if (!re) continue;
        size_t len = strlen(cases[i].s);
        int iters = 20000;
        double t = now();
        int got = 0;
        for (int k = 0; k < iters; k++) got = oasv_regex_test(re, cases[i].s, len) == OASV_REGEX_MATCH;
        double ns = (now() - t) / iters * 1e9;
        CHECK_EQ(got, cases[i].want);
        printf("  %-40.40s %-38.38s %7.0f ns\n", cases[i].p, cases[i].s, ns);
        CHECK(ns < 50000); /* generous: sanitizer builds are slow; a release build is well under 1 us */
        oasv_regex_free(re);
    }
}

/* MARK: - The simple form (regex_ecma.c: simple_form) */

/* A deterministic subject of `len` bytes from `alphabet`. */
static void random_subject(uint32_t *state, const char *alphabet, char *out, size_t len)
{
    size_t n = strlen(alphabet);
    for (size_t i = 0; i < len; i++) {
        *state = *state * 1664525u + 1013904223u;
        out[i] = alphabet[(*state >> 16) % n];
    }
    out[len] = '\0';
}

TEST(simple_patterns_give_the_answers_of_the_backtracking_matcher)
{
    /* patterns with the simple form, and patterns without (checked both ways: the test would otherwise compare the matcher with itself) */
    static const struct { const char *p; bool simple; } patterns[] = {
        { "^(0|[1-9][0-9]*)$", true },
        { "^[0-9]{3,11}[a-c]{0,9}[+]*$", true },
        { "^[a-z]{2}-[A-Z]{2}$", true },
        { "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", true },
        { "^\\d{4}-\\d{2}-\\d{2}$", true },
        { "^[a-z]*[0-9]+X?$", true },
        { "^[a-z]*[0-9]+x?$", false },     /* x is one of [a-z] */
        { "^(?:ab|a|[0-9]{2,3})$", true },
        { "^a$|^[0-9]+b$|^$", true },
        { "^((a)(b))c*$", true },
        { "^[a-f0-9]{0}x*$", true },
        { "^(\\+|-)?[0-9]+$", false },     /* a repeated group */
        { "^[a-z]*[a-c]$", false },        /* a variable count sharing characters with what follows */
        { "^[a-z]+?[0-9]$", false },       /* lazy */
        { "^[0-9]+", false },              /* not anchored at the end */
        { "[0-9]+$", false },              /* nor at the start */
        { "^[\\u00e9a-z]+$", false },      /* a non-ASCII set */
        { "^.+$", false },                 /* . is every code point but line ends */
        { "^[^0-9]+$", false },            /* so is a negated set */
        { "^(?:a|b)+$", true },            /* a|b is the set [ab] */
        { "^(a|b)+$", false },             /* a repeated (capturing) group */
        { "^(ab|cd)+$", false },
        { "^(?=a)[a-z]+$", false },
        { "^\\bab$", false },
    };
    static const char alphabet[] = "0123456789abcxX-+AZ\xC3\xA9";
    char subject[40];
    for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
        char err[200];
        oasv_regex *re = oasv_regex_compile(patterns[p].p, strlen(patterns[p].p), err, sizeof err);
        CHECK(re != NULL);
        if (!re) continue;
        if (oasv_regex_is_simple(re) != patterns[p].simple) fprintf(stderr, "  %s: simple form %d\n", patterns[p].p, !patterns[p].simple);
        CHECK_EQ(oasv_regex_is_simple(re), patterns[p].simple);
        uint32_t state = (uint32_t)p + 1;
        for (int k = 0; k < 4000; k++) {
            size_t len = (size_t)(k % 29); /* past 8 and 16: runs are measured 8 bytes at a time */
            random_subject(&state, k % 3 ? "0123456789" : alphabet, subject, len);
            /* a third start with a match of the first alternatives, then have the subject's tail */
            if (k % 5 == 0) memcpy(subject, "12", len < 2 ? len : 2);
            oasv_regex_result fast = oasv_regex_test(re, subject, len), full = oasv_regex_backtrack(re, subject, len, OASV_REGEX_STEPS);
            if (fast != full) fprintf(stderr, "  %s on \"%s\": %d, the matcher %d\n", patterns[p].p, subject, fast, full);
            CHECK_EQ(fast, full);
        }
        oasv_regex_free(re);
    }
    /* chosen subjects */
    static const struct { const char *p, *s; int want; } cases[] = {
        { "^(0|[1-9][0-9]*)$", "0", 1 }, { "^(0|[1-9][0-9]*)$", "1000000000008006109", 1 }, { "^(0|[1-9][0-9]*)$", "01", 0 },
        { "^(0|[1-9][0-9]*)$", "", 0 }, { "^(0|[1-9][0-9]*)$", "12a", 0 }, { "^(0|[1-9][0-9]*)$", "1\xC3\xA9", 0 },
        { "^[a-z]{2}-[A-Z]{2}$", "en-US", 1 }, { "^[a-z]{2}-[A-Z]{2}$", "eng-US", 0 }, { "^[a-z]{2}-[A-Z]{2}$", "en-USA", 0 },
        { "^a$|^[0-9]+b$|^$", "", 1 }, { "^a$|^[0-9]+b$|^$", "a", 1 }, { "^a$|^[0-9]+b$|^$", "123b", 1 }, { "^a$|^[0-9]+b$|^$", "b", 0 },
        { "^(?:ab|a|[0-9]{2,3})$", "ab", 1 }, { "^(?:ab|a|[0-9]{2,3})$", "1234", 0 }, { "^(?:ab|a|[0-9]{2,3})$", "123", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) CHECK_EQ(m(cases[i].p, cases[i].s), cases[i].want);
}

TEST(simple_patterns_leave_long_subjects_to_the_matcher_and_its_budget)
{
    /* where the matcher's step bound does not fit the budget, the matcher answers, and may give up as before */
    char err[200];
    const char *p = "^(0|[1-9][0-9]*)$";
    oasv_regex *re = oasv_regex_compile(p, strlen(p), err, sizeof err);
    CHECK(re != NULL && oasv_regex_is_simple(re));
    if (!re) return;
    size_t len = 200000;
    char *s = malloc(len + 2);
    memset(s, '7', len);
    s[len] = 'x'; /* the greedy run gives back every digit */
    s[len + 1] = '\0';
    for (unsigned long steps = 1; steps <= 1000000; steps *= 10) {
        CHECK_EQ(oasv_regex_test_steps(re, s, len, steps), oasv_regex_backtrack(re, s, len, steps));
        CHECK_EQ(oasv_regex_test_steps(re, s, len + 1, steps), oasv_regex_backtrack(re, s, len + 1, steps));
        CHECK_EQ(oasv_regex_test_steps(re, s, 20, steps), oasv_regex_backtrack(re, s, 20, steps));
    }
    CHECK_EQ(oasv_regex_test_steps(re, s, 20, 1), OASV_REGEX_MATCH); /* short: the bound fits even a budget of one step plus its bytes' */
    free(s);
    oasv_regex_free(re);
}
