/* fuzz_yaml_fast.c - libFuzzer harness: the fast YAML reader must read every text as libyaml does, or decline it. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_yaml_fast(data, size);
    return 0;
}
