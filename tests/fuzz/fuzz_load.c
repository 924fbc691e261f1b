/* fuzz_load.c - libFuzzer harness: JSON and YAML loading, resolution and validation. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_load(data, size);
    return 0;
}
