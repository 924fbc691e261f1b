/*
 * targets.h - what each fuzz harness does with one input.
 *
 * The libFuzzer harnesses (fuzz_<target>.c) and the regression test
 * (tests/test_regressions.c, which replays every input kept under
 * tests/regressions/<target>/) call the same functions, so a crash found by
 * fuzzing stays fixed.
 */
#ifndef OASV_FUZZ_TARGETS_H
#define OASV_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

/** Load (and validate) a document; the first byte picks format, limits and what else is asked of it. */
void fuzz_target_load(const uint8_t *data, size_t size);

#endif
