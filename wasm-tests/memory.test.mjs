// memory.test.mjs - out of memory under a heap cap is a RangeError, leaks nothing and
// leaves the module usable; loading and disposing 10,000 documents keeps the heap flat;
// a compiled small schema keeps a few KB.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dist } from "./helpers.mjs";

const { createOasview } = await import(join(dist, "oasview.mjs"));
const wasm = new WebAssembly.Module(readFileSync(join(dist, "oasview.wasm")));
const MB = 1024 * 1024;

/** An OpenAPI document with `n` operations and `n` schemas (about 1 KB each). */
function spec(n) {
  const paths = {}, schemas = {};
  for (let i = 0; i < n; i++) {
    paths[`/items${i}/{id}`] = {
      get: {
        operationId: `getItem${i}`, tags: [`tag${i % 7}`], summary: `Get item ${i}`,
        description: `Returns **item ${i}**, see [the guide](https://example.com/guide#${i}).`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9-]{1,40}$" } }],
        responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/Item${i}` } } } } },
      },
    };
    schemas[`Item${i}`] = {
      type: "object", required: ["id"],
      properties: { id: { type: "string" }, n: { type: "integer", minimum: 0 }, next: { $ref: `#/components/schemas/Item${(i + 1) % n}` } },
      example: { id: `item-${i}`, n: i },
    };
  }
  return JSON.stringify({ openapi: "3.1.0", info: { title: "memory", version: "1" }, paths, components: { schemas } });
}

test("a heap cap turns out of memory into a RangeError; nothing leaks and the module stays usable", async () => {
  const big = spec(4000); // ~4 MB of JSON
  // How much heap loading it takes, uncapped.
  const probe = await createOasview({ wasm });
  const base = probe.heapPeak;
  probe.load(big).dispose();
  const needed = probe.heapPeak - base;
  assert.ok(needed > 8 * MB, `loading took ${needed} bytes`);

  const ov = await createOasview({ wasm, maxMemoryBytes: base + Math.floor(needed / 2) });
  const small = spec(3);
  ov.load(small).dispose(); // warm-up: what the heap holds between calls
  const used = ov.heapUsed;
  for (let round = 0; round < 3; round++) {
    assert.throws(() => ov.load(big), (e) => e instanceof RangeError && /^oasview: out of memory/.test(e.message));
    assert.equal(ov.heapUsed, used, "out of memory leaked nothing");
    const doc = ov.load(small); // the next load works
    assert.equal(doc.valid, true);
    assert.equal(doc.navigation().counts.operations, 3);
    doc.dispose();
    assert.equal(ov.heapUsed, used);
  }
  // YAML goes through libyaml's allocations: the same.
  assert.throws(() => ov.load(big, { format: "yaml" }), (e) => e instanceof RangeError && /out of memory/.test(e.message));
  assert.equal(ov.heapUsed, used);
  // Without the cap the same document loads.
  assert.equal(ov.setMemoryLimit(0), 0);
  const doc = ov.load(big);
  assert.equal(doc.valid, true, JSON.stringify(doc.diagnostics.slice(0, 3)));
  // The heap may not grow any more, and small documents fill what it has free: then building
  // the model (megabytes) runs out of memory too, says so, and works once there is room.
  ov.setMemoryLimit(1); // rounded up to the heap's granularity (4 KiB): no growth at all
  const fillers = [];
  for (;;) {
    try { fillers.push(ov.load(small)); } catch (e) { assert.ok(e instanceof RangeError, e); break; }
  }
  assert.throws(() => doc.navigation(), (e) => e instanceof RangeError && /out of memory/.test(e.message));
  for (const f of fillers) f.dispose();
  ov.setMemoryLimit(0);
  assert.equal(doc.navigation().counts.operations, 4000);
  doc.dispose();
  assert.equal(ov.heapUsed, used);
});

test("JSON Schema validation under a heap cap", async () => {
  const ov = await createOasview({ wasm });
  ov.validateJsonSchema({ type: "string" }, '"x"'); // warm-up
  const used = ov.heapUsed;
  ov.setMemoryLimit(ov.heapPeak + 2 * MB);
  const many = JSON.stringify(Array(200000).fill("x")); // 0.8 MB of text, 200,000 nodes
  assert.throws(() => ov.validateJsonSchema({ type: "array", items: { type: "string" } }, many),
    (e) => e instanceof RangeError && /^oasview: out of memory/.test(e.message));
  assert.equal(ov.heapUsed, used);
  assert.deepEqual(ov.validateJsonSchema({ type: "string" }, '"x"'), { valid: true, errors: [] });
  ov.setMemoryLimit(0);
  assert.equal(ov.validateJsonSchema({ type: "array", items: { type: "string" } }, many).valid, true);
  assert.equal(ov.heapUsed, used);
});

test("maxMemoryBytes is checked", async () => {
  await assert.rejects(createOasview({ wasm, maxMemoryBytes: -1 }), TypeError);
  await assert.rejects(createOasview({ wasm, maxMemoryBytes: "1MB" }), TypeError);
  const ov = await createOasview({ wasm, maxMemoryBytes: 64 * MB });
  assert.equal(ov.setMemoryLimit(64 * MB), 64 * MB);
  const rounded = ov.setMemoryLimit(64 * MB + 1);
  assert.ok(rounded > 64 * MB && rounded <= 64 * MB + 65536, `${rounded}`);
});

test("loading and disposing 10,000 documents keeps the heap flat", async () => {
  const ov = await createOasview({ wasm });
  const small = spec(2);   // ~2 KB
  const medium = spec(40); // ~40 KB
  const round = (i) => {
    const doc = ov.load(i % 10 === 9 ? medium : small, { filename: `doc${i}.json` });
    if (i % 50 === 0) {
      const nav = doc.navigation();
      doc.entry(nav.groups[0].items[0].id);
      doc.validatePayload(nav.groups[0].items[0].id, { id: "x" }, { part: "response" });
    }
    doc.dispose();
  };
  for (let i = 0; i < 100; i++) round(i); // warm-up: caches and the heap's free lists settle
  const used = ov.heapUsed;
  const memory = ov.memoryBytes;
  const start = Date.now();
  for (let i = 100; i < 10_000; i++) {
    round(i);
    if (i % 1000 === 0) assert.equal(ov.heapUsed, used, `heap after ${i} documents`);
  }
  assert.equal(ov.heapUsed, used, "heap after 10,000 documents");
  assert.equal(ov.memoryBytes, memory, "wasm memory did not grow");
  assert.ok(Date.now() - start < 60_000, `took ${Date.now() - start} ms`);
});

test("a compiled small schema is cheap to keep: a few KB, with its document", async () => {
  const ov = await createOasview({ wasm });
  const warm = ov.compileJsonSchema({ type: "string" }); // warm-up: the meta-schema's tables, and the instance
  warm.isValid('"x"'); // input buffer and reading arena that every validation reuses
  warm.dispose();
  const before = ov.heapUsed;
  const kept = [];
  for (let i = 0; i < 100; i++) kept.push(ov.compileJsonSchema({ type: "object", properties: { a: { type: "integer", minimum: i } }, required: ["a"] }));
  const each = (ov.heapUsed - before) / kept.length;
  // the loaded document's first arena chunk and side table are sized for small texts (16 KB + 6 KB before)
  assert.ok(each < 8 * 1024, `${Math.round(each)} bytes per compiled schema`);
  assert.equal(kept[99].isValid('{"a":99}'), true);
  assert.equal(kept[99].isValid('{"a":98}'), false);
  for (const s of kept) s.dispose();
  assert.equal(ov.heapUsed, before);
});
