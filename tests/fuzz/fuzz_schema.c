/* fuzz_schema.c - libFuzzer harness: the JSON Schema engine (schema and instance both fuzzed) and the regex engine. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_schema(data, size);
    return 0;
}
