// imports.test.mjs - no escapes: the wasm module imports nothing that reaches outside
// (no WASI fd_write, no fetch, no clock), the JS API names no network or code-loading
// call beyond reading the default .wasm, and external $refs are never fetched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dist, root } from "./helpers.mjs";

const wasmBytes = readFileSync(join(dist, "oasview.wasm"));

test("the wasm module imports exactly env.emscripten_notify_memory_growth", () => {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasmBytes));
  assert.deepEqual(imports, [{ module: "env", name: "emscripten_notify_memory_growth", kind: "function" }]);
});

test("the wasm module exports src/wasm/exports.txt and emscripten's runtime glue only", () => {
  const listed = JSON.parse(readFileSync(join(root, "src/wasm/exports.txt"), "utf8")).map((s) => s.slice(1));
  const glue = ["memory", "__indirect_function_table", "_initialize", "__errno_location", "stackSave", "stackRestore", "stackAlloc"];
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes)).map((e) => e.name);
  assert.deepEqual(exported.filter((n) => !listed.includes(n) && !glue.includes(n)), [], "exports not in exports.txt");
  assert.deepEqual(listed.filter((n) => !exported.includes(n)), [], "exports.txt names a missing export");
});

/** Source text without comments and string contents of the simple kinds (enough for these checks). */
function code(path) {
  return readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:\\])\/\/.*$/gm, "$1");
}

test("web/oasview.mjs reaches the network only to read the default .wasm", () => {
  const src = code(join(root, "web/oasview.mjs"));
  for (const banned of [/XMLHttpRequest/, /\bimport\s*\(/, /\beval\s*\(/, /\bnew\s+Function\b/, /\bWebSocket\b/, /\bEventSource\b/,
    /sendBeacon/, /importScripts/, /\brequire\s*\(/, /\bnew\s+Worker\b/]) {
    assert.ok(!banned.test(src), `web/oasview.mjs mentions ${banned}`);
  }
  // fetch() appears once, in readUrl(), which only createOasview() calls, for the module's own .wasm (or a URL given as `wasm`).
  assert.equal(src.match(/\bfetch\s*\(/g)?.length, 1, "one fetch() call");
  const readUrl = src.slice(src.indexOf("async function readUrl("), src.indexOf("async function instantiate("));
  assert.match(readUrl, /\bfetch\s*\(url\)/);
  assert.equal(src.match(/\breadUrl\s*\(/g)?.length, 2, "readUrl() is defined once and called once");
  const create = src.slice(src.indexOf("export async function createOasview("));
  assert.match(create.slice(0, create.indexOf("\n}\n")), /readUrl\(source\)/, "the call is in createOasview()");
  // The only file access: the default .wasm, through process.getBuiltinModule("node:fs") in readUrl().
  assert.equal(src.match(/getBuiltinModule/g)?.length, 1);
  assert.match(readUrl, /getBuiltinModule\?\.\("node:fs"\)/);
});

test("web/oasview.node.mjs reads files only to find the .wasm and fetches nothing", () => {
  const src = code(join(root, "web/oasview.node.mjs"));
  for (const banned of [/\bfetch\s*\(/, /XMLHttpRequest/, /\bimport\s*\(/, /\beval\s*\(/, /\bnew\s+Function\b/, /\bWebSocket\b/]) {
    assert.ok(!banned.test(src), `web/oasview.node.mjs mentions ${banned}`);
  }
});

test("external $refs are warnings naming the URI and nothing is fetched", async () => {
  const calls = [];
  const saved = { fetch: globalThis.fetch, XMLHttpRequest: globalThis.XMLHttpRequest };
  globalThis.fetch = (...args) => { calls.push(args); throw new Error("oasview must not fetch"); };
  globalThis.XMLHttpRequest = function () { calls.push("xhr"); throw new Error("oasview must not use XMLHttpRequest"); };
  try {
    const { createOasview } = await import(join(dist, "oasview.mjs"));
    const ov = await createOasview({ wasm: wasmBytes });
    const doc = ov.load(JSON.stringify({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/a": {
          get: {
            responses: {
              200: { description: "ok", content: { "application/json": { schema: { $ref: "https://evil.example/pet.json#/Pet" } } } },
              404: { $ref: "./responses.yaml#/NotFound" },
            },
          },
        },
      },
    }), { filename: "api.json" });
    const external = doc.diagnostics.filter((d) => d.code === "ref-external");
    assert.equal(external.length, 2, JSON.stringify(doc.diagnostics));
    assert.ok(external.every((d) => d.severity === "warning"));
    assert.ok(external.some((d) => d.message.includes("https://evil.example/pet.json")), external.map((d) => d.message).join("\n"));
    assert.ok(external.some((d) => d.message.includes("responses.yaml")), external.map((d) => d.message).join("\n"));
    // Building the model and an entry follows the references too: still nothing fetched.
    const nav = doc.navigation();
    for (const g of nav.groups) for (const item of g.items) doc.entry(item.id);
    doc.dispose();
    // A JSON Schema $ref to an unknown resource is a schema error, not a request.
    assert.throws(() => ov.compileJsonSchema({ $ref: "https://evil.example/s.json" }), { name: "JsonSchemaError" });
  } finally {
    globalThis.fetch = saved.fetch;
    globalThis.XMLHttpRequest = saved.XMLHttpRequest;
  }
  assert.deepEqual(calls, []);
});
