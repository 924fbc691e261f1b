/*
 * test_regressions.c - replay every input that fuzzing ever found a problem
 * (found under tests/regressions/, one folder per target), through
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
