/*
 * harness.h - a small test harness for the C tests (one executable per stage).
 *
 * TEST(name) defines a test; main() runs them all and prints
 * "N passed, N failed". A CHECK that fails prints file:line and the
 * expression, and marks the current test failed.
 */
#ifndef OASV_TEST_HARNESS_H
#define OASV_TEST_HARNESS_H

#include "oasv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef void (*test_fn)(void);
void test_register(const char *name, test_fn fn);
void test_fail(const char *file, int line, const char *what);
extern int test_checks;

#define TEST(name)                                                              \
    static void name(void);                                                     \
    __attribute__((constructor)) static void register_##name(void) { test_register(#name, name); } \
    static void name(void)

#define CHECK(cond) do { test_checks++; if (!(cond)) test_fail(__FILE__, __LINE__, #cond); } while (0)
#define CHECK_EQ(a, b) do { test_checks++; long long a_ = (long long)(a), b_ = (long long)(b); \
    if (a_ != b_) { char m_[512]; snprintf(m_, sizeof m_, "%s == %s (%lld != %lld)", #a, #b, a_, b_); test_fail(__FILE__, __LINE__, m_); } } while (0)
#define CHECK_STR(a, b) do { test_checks++; const char *a_ = (a), *b_ = (b); \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) { char m_[1024]; snprintf(m_, sizeof m_, "%s == \"%s\" (got \"%s\")", #a, b_ ? b_ : "(null)", a_ ? a_ : "(null)"); test_fail(__FILE__, __LINE__, m_); } } while (0)

/* Helpers shared by the tests. */
oasv_doc *load_text(const char *text);                      /* AUTO format, default limits; aborts on NOMEM */
oasv_doc *load_with(const char *text, size_t len, const oasv_options *opts);
const oasv_diag *find_diag(const oasv_doc *doc, const char *code); /* first with this code, or NULL */
size_t count_severity(const oasv_doc *doc, oasv_severity severity);
char *read_file(const char *path, size_t *len);             /* NULL when unreadable; free() it */
const char *corpus_dir(void);                               /* OASVIEW_CORPUS or ../shared/corpus */
void print_diags(const oasv_doc *doc);

#endif
