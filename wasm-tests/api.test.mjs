// api.test.mjs - createOasview in every form, load, dispose, locate, limits, leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { corpusDir, dist, oasview, root } from "./helpers.mjs";

const { createOasview } = await import(join(dist, "oasview.mjs"));
const wasmPath = join(dist, "oasview.wasm");
const example = readFileSync(join(root, "web/example/openapi.yaml"), "utf8");

async function works(ov) {
  const doc = ov.load(example, { filename: "openapi.yaml" });
  assert.equal(doc.version, "3.1.0");
  assert.equal(doc.title, "Plant Shop API");
  assert.equal(doc.format, "yaml");
  assert.equal(doc.valid, true);
  doc.dispose();
}

test("createOasview takes nothing (Node finds the .wasm next to the module)", async () => {
  await works(await createOasview());
});

test("createOasview takes bytes: Uint8Array, ArrayBuffer and a DataView", async () => {
  const bytes = readFileSync(wasmPath);
  await works(await createOasview({ wasm: new Uint8Array(bytes) }));
  await works(await createOasview({ wasm: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }));
  await works(await createOasview({ wasm: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
});

test("createOasview takes a WebAssembly.Module (what workerd imports)", async () => {
  await works(await createOasview({ wasm: new WebAssembly.Module(readFileSync(wasmPath)) }));
});

test("createOasview takes a URL and a URL string", async () => {
  await works(await createOasview({ wasm: pathToFileURL(wasmPath) }));
  await works(await createOasview({ wasm: pathToFileURL(wasmPath).href }));
});

test("createOasview takes a Response, streaming or not", async () => {
  const bytes = readFileSync(wasmPath);
  await works(await createOasview({ wasm: new Response(bytes, { headers: { "content-type": "application/wasm" } }) }));
  await works(await createOasview({ wasm: new Response(bytes) }));
});

test("createOasview rejects what it cannot use, with a clear message", async () => {
  await assert.rejects(createOasview({ wasm: 42 }), /must be a WebAssembly.Module, bytes, a URL or a Response/);
  await assert.rejects(createOasview({ wasm: new Uint8Array([1, 2, 3]) }), WebAssembly.CompileError);
});

test("load takes text and bytes, and detects the format", async () => {
  const ov = await oasview();
  const json = ov.load('{"openapi": "3.1.0", "info": {"title": "J", "version": "1"}}');
  assert.equal(json.format, "json");
  assert.equal(json.title, "J");
  const bytes = ov.load(new TextEncoder().encode("openapi: 3.1.0\ninfo: {title: Y, version: '1'}\n"));
  assert.equal(bytes.format, "yaml");
  assert.equal(bytes.title, "Y");
  const forced = ov.load('{"openapi": "3.1.0"}', { format: "yaml" });
  assert.equal(forced.format, "yaml");
  assert.equal(forced.version, "3.1.0");
  for (const d of [json, bytes, forced]) d.dispose();
  assert.throws(() => ov.load(42), TypeError);
  assert.throws(() => ov.load("x", { format: "toml" }), /unknown format/);
});

test("diagnostics have the DESIGN.md shape", async () => {
  const ov = await oasview();
  const doc = ov.load("openapi: 3.1.0\ninfo:\n  title: a\n  title: b\n");
  assert.equal(doc.valid, false);
  assert.deepEqual(doc.diagnostics[0], {
    severity: "error", code: "duplicate-key",
    message: 'duplicate key "title": it is already defined at line 3, column 3; tools disagree on which one wins',
    pointer: "/info/title", line: 4, column: 3, endLine: 4, endColumn: 8, offset: 34, endOffset: 39,
  });
  doc.dispose();
});

test("columns count UTF-16 code units, like JS strings", async () => {
  const ov = await oasview();
  const text = 'openapi: 3.1.0\ninfo: {title: "😀 é", version: "1"}\nx: [1, 2, 3]\n';
  const doc = ov.load(text);
  const span = doc.locate("/info/version", { key: true });
  const line = text.split("\n")[span.line - 1];
  assert.equal(line.slice(span.column - 1, span.endColumn - 1), "version");
  assert.deepEqual(doc.locate("/x/2"), { line: 3, column: 11, endLine: 3, endColumn: 12, offset: 64, endOffset: 65 });
  assert.equal(doc.locate("/x/3"), null);
  assert.equal(doc.locate("/nope"), null);
  doc.dispose();
});

test("a disposed document says so; dispose twice is fine", async () => {
  const ov = await oasview();
  const doc = ov.load(example);
  doc.dispose();
  doc.dispose();
  assert.throws(() => doc.json(), /disposed/);
  assert.throws(() => doc.locate(""), /disposed/);
});

test("limits reach the C side and end in diagnostics", async () => {
  const ov = await oasview();
  const deep = "[".repeat(100000) + "]".repeat(100000);
  let doc = ov.load(deep);
  assert.equal(doc.diagnostics[0].code, "nesting-too-deep");
  assert.equal(doc.diagnostics[0].column, 513);
  doc.dispose();
  doc = ov.load("[".repeat(20) + "]".repeat(20), { limits: { maxDepth: 10 } });
  assert.equal(doc.diagnostics[0].code, "nesting-too-deep");
  assert.equal(doc.diagnostics[0].column, 11);
  doc.dispose();
  doc = ov.load(example, { limits: { maxInputBytes: 100 } });
  assert.equal(doc.diagnostics[0].code, "input-too-large");
  doc.dispose();
  const big = "x".repeat(64 * 1024 * 1024 + 1);
  doc = ov.load(big);
  assert.equal(doc.diagnostics[0].code, "input-too-large");
  doc.dispose();
  const laughs = ["openapi: 3.1.0", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++) laughs.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  doc = ov.load(laughs.join("\n"), { limits: { maxAliasNodes: 10000 } });
  assert.equal(doc.diagnostics.at(-1).code, "alias-budget-exceeded");
  doc.dispose();
  // The module keeps working after all that.
  await works(ov);
});

test("1,000 load/dispose cycles of a 1 MB document leave the heap where it was", async () => {
  const ov = await oasview();
  const text = readFileSync(join(corpusDir(), "real-world/discord--openapi.json"));
  assert.ok(text.length > 1_000_000);
  ov.load(text).dispose(); // warm up: the allocator's own bookkeeping
  const before = ov.heapUsed;
  for (let i = 0; i < 1000; i++) {
    const doc = ov.load(text);
    assert.equal(doc.diagnostics.length, 0);
    doc.dispose();
  }
  assert.equal(ov.heapUsed, before);
});
