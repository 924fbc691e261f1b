/* fuzz_exports.c - libFuzzer harness: the wasm entry points (src/wasm/exports.c, native) called as web/oasview.mjs calls them. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_exports(data, size);
    return 0;
}
