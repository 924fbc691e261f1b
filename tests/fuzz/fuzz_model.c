/* fuzz_model.c - libFuzzer harness: load a document, then its navigation and every entry. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_model(data, size);
    return 0;
}
