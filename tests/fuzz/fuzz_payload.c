/* fuzz_payload.c - libFuzzer harness: payloads against a fixed document's schemas. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_payload(data, size);
    return 0;
}
