/* fuzz_markdown.c - libFuzzer harness: markdown to HTML stays inside the allow-list. */
#include "targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_target_markdown(data, size);
    return 0;
}
