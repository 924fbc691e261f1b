/* fuzz_external.c - libFuzzer harness: documents read through the resolver, validated across each other. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_external(data, size);
    return 0;
}
