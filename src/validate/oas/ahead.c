/*
 * ahead.c - Schema Objects checked against the 2020-12 meta-schema ahead of
 * time, on a second thread, while the semantic rules run (engine.c, step 1).
 *
 * Only verdicts are computed here (the walk that stops at the first failure
 * and collects nothing): they read the compiled meta-schema and the trees,
 * which nothing changes after the structure walk, and write one byte per
 * Schema Object. Before them the thread does the caller's `first` job (engine.c:
 * the main document's examples and defaults, their schemas compiled and their
 * verdicts), which reads no more than that. Reporting stays on the caller's thread and in the same
 * order, so the diagnostics are those of a single-threaded run. The thread
 * takes Schema Objects in small batches from a shared counter; when the rules
 * are done, the caller's thread takes the rest the same way before it joins.
 *
 * Native builds with threads (OASV_THREADS, set by CMake) and documents with
 * many Schema Objects only: on 2 cores, for a 20 MB document, the rules take
 * 25 ms on the caller's thread while this one compiles the schemas of its
 * 6,451 examples (20 ms) and both share the 30,000 Schema Objects (33 ms).
 */
#include "validate/oas/check.h"

#include "util/mem.h"
#include "validate/schema/schema.h"

#if OASV_THREADS
#include <pthread.h>
#include <stdatomic.h>
#endif

/* Fewer Schema Objects than this are checked in less time than a thread takes to start and join. */
#define AHEAD_MIN_ROOTS 1024
#define BATCH 32 /* Schema Objects taken from the counter at once */

#if OASV_THREADS

struct oas_ahead {
    void (*first)(void *ctx, const oas_check *c); /* the thread's first job, or NULL */
    void *ctx;
    const oas_check *c;
    const oasv_schema *meta;
    const oasv_alloc *alloc; /* the document's: each thread allocates through its own slot (util/mem.c) */
    const oas_vec *roots;    /* c->roots, which the rules do not change (nor c->values, which `first` reads) */
    size_t count;
    atomic_size_t next;      /* the first Schema Object no thread has taken */
    uint8_t *verdicts;       /* OAS_AHEAD_* per Schema Object */
    pthread_t thread;
    bool joined;
};

/* Take batches until none is left. */
static void work(oas_ahead *a)
{
    for (;;) {
        size_t from = atomic_fetch_add(&a->next, BATCH);
        if (from >= a->count) return;
        size_t to = from + BATCH < a->count ? from + BATCH : a->count;
        for (size_t i = from; i < to; i++) {
            bool oom = false;
            bool valid = sch_check_node(a->meta, a->meta->root, &a->roots->docs[i]->tree, a->roots->items[i], &oom);
            a->verdicts[i] = oom ? OAS_AHEAD_OOM : valid ? OAS_AHEAD_VALID : OAS_AHEAD_EXPLAIN;
        }
    }
}

static void *thread_main(void *arg)
{
    oas_ahead *a = arg;
    const oasv_alloc *before = oasv_mem_enter(a->alloc);
    if (a->first) a->first(a->ctx, a->c);
    work(a);
    oasv_mem_leave(before);
    return NULL;
}

static void release(oas_ahead *a)
{
    oasv_free(a->verdicts);
    oasv_free(a);
}

oas_ahead *oas_ahead_start(const oas_check *c, const oasv_schema *meta, void (*first)(void *ctx, const oas_check *c), void *ctx)
{
    size_t n = c->roots.count;
    if (!(c->doc->flags & OASV_LOAD_THREADS) || n < AHEAD_MIN_ROOTS) return NULL;
    oas_ahead *a = oasv_calloc(1, sizeof *a);
    if (!a) return NULL; /* the caller's thread checks them all, as without threads */
    a->first = first;
    a->ctx = ctx;
    a->c = c;
    a->meta = meta;
    a->alloc = c->doc->alloc;
    a->roots = &c->roots;
    a->count = n;
    if (!(a->verdicts = oasv_malloc(n))) { release(a); return NULL; }
    atomic_init(&a->next, 0);
    if (pthread_create(&a->thread, NULL, thread_main, a) != 0) { release(a); return NULL; }
    return a;
}

const uint8_t *oas_ahead_finish(oas_ahead *a)
{
    work(a); /* what the thread has not taken yet */
    pthread_join(a->thread, NULL);
    a->joined = true;
    return a->verdicts;
}

void oas_ahead_free(oas_ahead *a)
{
    if (!a) return;
    if (!a->joined) { /* never finished (out of memory in the rules): the thread stops after its batch */
        atomic_store(&a->next, a->count);
        pthread_join(a->thread, NULL);
    }
    release(a);
}

#else /* no threads: every Schema Object is checked on the caller's thread */

oas_ahead *oas_ahead_start(const oas_check *c, const oasv_schema *meta, void (*first)(void *ctx, const oas_check *c), void *ctx)
{
    (void)c;
    (void)meta;
    (void)first;
    (void)ctx;
    return NULL;
}

const uint8_t *oas_ahead_finish(oas_ahead *a)
{
    (void)a;
    return NULL;
}

void oas_ahead_free(oas_ahead *a) { (void)a; }

#endif
