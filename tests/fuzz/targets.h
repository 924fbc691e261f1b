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

/**
 * The JSON Schema engine: `mode schema [NUL instance]` (no NUL: the schema validates itself),
 * `mode schema NUL resource NUL instance` (a resource the schema may $ref), or a regex
 * `mode pattern NUL subject`. The mode byte picks which, format assertion and small budgets.
 */
void fuzz_target_schema(const uint8_t *data, size_t size);

/** Load `data` as YAML by libyaml, the usual way and the fast reader alone (yaml_agree.h); aborts when they disagree.
 *  The first byte picks the limits. */
void fuzz_target_yaml_fast(const uint8_t *data, size_t size);

/** Load a document, then build its navigation and every entry it names; both must be JSON. */
void fuzz_target_model(const uint8_t *data, size_t size);

/** Markdown to HTML; aborts when the HTML has a tag, attribute or URL outside the allow-list. */
void fuzz_target_markdown(const uint8_t *data, size_t size);

/** oasv_doc_validate_payload() on a fixed document; the first byte picks the operation, part, status and media type. */
void fuzz_target_payload(const uint8_t *data, size_t size);

/**
 * The wasm module's entry points (src/wasm/exports.c, compiled natively) called as web/oasview.mjs
 * calls them: `mode document NUL rules NUL id-or-pointer NUL payload` (missing parts are empty).
 */
void fuzz_target_exports(const uint8_t *data, size_t size);

/**
 * Several documents through the host's resolver: `mode main NUL a NUL b`. The main one is
 * "api/openapi.yaml"; `a` and `b` are served as "api/a.yaml" and "api/b.yaml", which the others may
 * $ref (and so on, in cycles). Diagnostics must stay inside the document they name.
 */
void fuzz_target_external(const uint8_t *data, size_t size);

#endif
