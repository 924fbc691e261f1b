/*
 * test_regressions.c - replay every input that fuzzing ever found a problem
 * (found under tests/regressions/, one folder per target) through the same
 * function the harness calls (tests/fuzz/targets.c).
 * Each must simply run to the end under ASan + UBSan.
 */
#include "harness.h"

#include "fuzz/targets.h"

#include <dirent.h>
#include <stdlib.h>

static size_t replay(const char *target, void (*run)(const uint8_t *, size_t))
{
    char dir[4096];
    const char *src = getenv("OASV_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/tests/regressions/%s", src && *src ? src : ".", target);
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d) return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = read_file(path, &len);
        CHECK(data != NULL);
        if (!data) continue;
        run((const uint8_t *)data, len);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

TEST(load_regressions_replay)
{
    size_t n = replay("load", fuzz_target_load);
    CHECK(n >= 1); /* the folder keeps at least its seed cases */
}

TEST(yaml_fast_regressions_replay)
{
    CHECK(replay("yaml_fast", fuzz_target_yaml_fast) >= 1);
}

TEST(schema_regressions_replay)
{
    CHECK(replay("schema", fuzz_target_schema) >= 1);
}

TEST(model_regressions_replay)
{
    CHECK(replay("model", fuzz_target_model) >= 1);
}

TEST(markdown_regressions_replay)
{
    CHECK(replay("markdown", fuzz_target_markdown) >= 1);
}

TEST(payload_regressions_replay)
{
    CHECK(replay("payload", fuzz_target_payload) >= 1);
}

TEST(exports_regressions_replay)
{
    CHECK(replay("exports", fuzz_target_exports) >= 1);
}

TEST(external_regressions_replay)
{
    CHECK(replay("external", fuzz_target_external) >= 1);
}
