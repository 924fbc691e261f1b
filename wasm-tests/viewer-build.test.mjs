// viewer-build.test.mjs - the docs viewer's own builds (dist/viewer/): oasview-viewer.wasm (fewer exports,
// emmalloc; CMakeLists.txt) and the worker's copy of the JS API, whose members the viewer never calls only
// throw (scripts/build-viewer.mjs). The two must agree: what the worker calls is exported, and a document
// loads, validates and renders through them as through the package's oasview.mjs and oasview.wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dist, oasview, root } from "./helpers.mjs";
import { VIEWER_OMITS, omitMembers } from "../scripts/build-viewer.mjs";
import { createHash } from "node:crypto";

const viewerDir = join(dist, "viewer");
const viewerWasm = readFileSync(join(viewerDir, "oasview-viewer.wasm"));
const exported = WebAssembly.Module.exports(new WebAssembly.Module(viewerWasm)).map((e) => e.name);

test("the viewer's wasm imports what oasview.wasm does", () => {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(viewerWasm));
  assert.deepEqual(imports, [{ module: "env", name: "emscripten_notify_memory_growth", kind: "function" }]);
});

test("every export the worker's bundle calls is in the viewer's wasm", () => {
  const bundle = readdirSync(viewerDir).filter((f) => f.endsWith(".mjs")).map((f) => readFileSync(join(viewerDir, f), "utf8")).join("\n");
  const called = [...new Set(bundle.match(/oasv_wasm_[a-z_]+/g))];
  // left in code the viewer cannot reach: rules_free runs only after #rules (omitted) made a rules handle,
  // and schema_free is the finalizer of JSON Schema handles, which the viewer never makes
  const unreachable = ["oasv_wasm_rules_free", "oasv_wasm_schema_free"];
  assert.deepEqual(called.filter((n) => !exported.includes(n) && !unreachable.includes(n)), []);
  assert.ok(called.includes("oasv_wasm_load_resolving") && called.includes("oasv_wasm_entry"), "the bundle is the worker's");
  assert.ok(!called.includes("oasv_wasm_schema_compile") && !called.includes("oasv_wasm_lint_begin"), "the omitted members are gone");
});

test("the viewer's sources call none of the public members its build omits", () => {
  const dir = join(root, "web/viewer");
  const sources = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".mjs"))
    .map((f) => [f, readFileSync(join(dir, f), "utf8")]);
  assert.ok(sources.some(([f]) => f === "live.mjs"), "the lazily loaded parts are read too");
  const calls = [];
  for (const name of VIEWER_OMITS.filter((n) => !n.startsWith("#") && !n.startsWith("_"))) {
    for (const [f, text] of sources) if (new RegExp(`\\.${name}\\b`).test(text)) calls.push(`${f}: .${name}`);
  }
  assert.deepEqual(calls, []);
});

test("omitMembers replaces each named member by one that throws, and stops on a name it cannot find once", async () => {
  const source = [
    "class A {",
    "  keep(x) {",
    "    return x + 1;",
    "  }",
    "  drop(x) {",
    "    if (x) { return 2; }",
    "    return 3;",
    "  }",
    "  get short() { return 4; }",
    "  *#gen() {",
    "    yield 5;",
    "  }",
    "  usesGen() { return [...this.#gen()]; }",
    "}",
    "export const a = new A();",
  ].join("\n");
  const out = omitMembers(source, ["drop", "short", "#gen"]);
  const dir = mkdtempSync(join(tmpdir(), "oasview-omit-"));
  try {
    writeFileSync(join(dir, "a.mjs"), out);
    const { a } = await import(pathToFileURL(join(dir, "a.mjs")).href);
    assert.equal(a.keep(1), 2);
    assert.throws(() => a.drop(1), /oasview: drop is not in the docs viewer's build/);
    assert.throws(() => a.short, /oasview: short is not in the docs viewer's build/);
    assert.throws(() => a.usesGen(), /oasview: #gen is not in the docs viewer's build/);
    assert.throws(() => omitMembers(source, ["missing"]), /missing \(0×\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the viewer's builds load, validate and render the example as the package does", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oasview-viewer-api-"));
  try {
    writeFileSync(join(dir, "oasview.mjs"), omitMembers(readFileSync(join(root, "web/oasview.mjs"), "utf8"), VIEWER_OMITS));
    const { createOasview } = await import(pathToFileURL(join(dir, "oasview.mjs")).href);
    const viewer = await createOasview({ wasm: viewerWasm });
    const full = await oasview();
    const text = readFileSync(join(root, "web/example/openapi.yaml"), "utf8")
      // diagnostics too: an unknown root field, a broken pattern, and a Unicode property the regex engine reads from its tables
      .replace("openapi: 3.1.0", "openapi: 3.1.0\nbogus: 1")
      .replace("\n  schemas:\n", "\n  schemas:\n    Patterns:\n      properties:\n        a: { type: string, pattern: \"[\" }\n        b: { type: string, pattern: \"^\\\\p{Lu}\\\\p{Script=Greek}+$\", example: \"ΑΒ\" }\n");
    const v = viewer.load(text, { filename: "openapi.yaml" }), f = full.load(text, { filename: "openapi.yaml" });
    try {
      assert.ok(f.diagnostics.length >= 2, "the changes give diagnostics");
      assert.deepEqual(v.diagnostics, f.diagnostics);
      assert.equal(v.valid, f.valid);
      assert.equal(v.navigationJson(), f.navigationJson());
      const nav = JSON.parse(f.navigationJson());
      const ids = [...nav.groups.flatMap((g) => g.items), ...nav.webhooks, ...nav.schemas].map((i) => i.id);
      assert.ok(ids.length > 5 && ids.some((id) => id.startsWith("webhooks/")), "the example's operations, webhooks and schemas");
      for (const id of ids) assert.equal(v.entryJson(id), f.entryJson(id), id);
      assert.deepEqual(v.locate("/info"), f.locate("/info"));
      assert.deepEqual(v.json(), f.json()); /* the live preview's (web/viewer/live.mjs) */
      assert.throws(() => v.formatText(), /not in the docs viewer's build/);
      assert.throws(() => viewer.compileJsonSchema({}), /not in the docs viewer's build/);
    } finally {
      v.dispose();
      f.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("docs.html: its CSP allows its one inline script by that script's hash, and the script prefetches as <oasview-docs> loads", async () => {
  const html = readFileSync(join(root, "web/docs.html"), "utf8");
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, "one inline script");
  const hashes = [...html.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  assert.deepEqual(hashes, [createHash("sha256").update(scripts[0]).digest("base64")], "the CSP names the script's hash and no other");
  // the worker parses a big document ahead only when the load asks for it the same way: the same threshold
  const deferAbove = /deferAbove: ([\d* ]+)[,}]/.exec(scripts[0])?.[1];
  const element = readFileSync(join(root, "web/viewer/element.mjs"), "utf8");
  const threshold = /const DEFER_VALIDATION = ([\d* ]+);/.exec(element)?.[1];
  assert.ok(deferAbove && threshold, "both are written as constants");
  const value = (expr) => expr.split("*").reduce((p, x) => p * Number(x.trim()), 1);
  assert.equal(value(deferAbove), value(threshold));
});

test("dist/page/docs.html (what /docs serves): web/docs.html without its comments, its inline script minified and allowed by that script's hash", () => {
  
  const built = readFileSync(join(dist, "page/docs.html"), "utf8");
  const source = readFileSync(join(root, "web/docs.html"), "utf8");
  assert.ok(source.includes("<!--") && !built.includes("<!--"), "no comments served");
  const scripts = [...built.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1);
  const sourceScript = /<script>([\s\S]*?)<\/script>/.exec(source)[1];
  assert.ok(scripts[0].length < sourceScript.length * 0.8, `minified: ${scripts[0].length} vs ${sourceScript.length} characters`);
  const hashes = [...built.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]);
  assert.deepEqual(hashes, [createHash("sha256").update(scripts[0]).digest("base64")], "the CSP names the served script's hash and no other");
  // the rest of the page is the source's
  const rest = (html) => html.replace(/<!--[\s\S]*?-->\n?/g, "").replace(/<script>[\s\S]*?<\/script>/, "").replace(/'sha256-[^']+'/, "");
  assert.equal(rest(built), rest(source));
});

test("the viewer's CSS keeps to its type scale (each new face or size costs Chromium a font lookup when first drawn)", () => {
  const sizes = new Set([".625", ".75", ".85", ".9", "1", "1.15", "1.35", "1.85"]);
  const weights = new Set(["400", "600", "700"]);
  const bad = [];
  for (const file of ["viewer.css", "entry.css"]) {
    const css = readFileSync(join(root, "web/viewer", file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const [, prop, value] of css.matchAll(/(?:^|[;{\s])(font(?:-size|-weight)?)\s*:\s*([^;}]*)/g)) {
      if (/var\(--/.test(value) && prop === "font-size") continue; // the base size
      for (const [, n, unit] of value.matchAll(/(?<![\w.-])(\d*\.?\d+)(rem|em|px)\b/g)) {
        if (unit !== "rem" || !sizes.has(n.replace(/^0(?=\.)/, ""))) bad.push(`${file}: ${prop}: ${value.trim()}`);
      }
      if (prop !== "font-size") for (const [w] of value.matchAll(/\b[1-9]00\b|\b[1-9]50\b/g)) if (!weights.has(w)) bad.push(`${file}: ${prop}: ${value.trim()}`);
    }
  }
  assert.deepEqual(bad, []);
  // the faces element.mjs draws hidden while a document loads (so their lookups are done before the first view):
  // each one of the scale, and every size and weight of the scale that the CSS gives a face there
  const source = readFileSync(join(root, "web/viewer/element.mjs"), "utf8");
  const at = source.indexOf("const FACES = ");
  const lists = [...source.slice(at, source.indexOf("function fontWarmUp", at)).matchAll(/\[[^\]]*\]/g)].map((m) => m[0]);
  assert.ok(at >= 0 && lists.length === 2, "FACES in element.mjs: its two lists (system and monospace faces)");
  for (const list of lists) {
    for (const face of JSON.parse(list)) {
      const [weight, size] = face.split(" ");
      assert.ok(weights.has(weight) && sizes.has(size.replace(/rem$/, "").replace(/^0(?=\.)/, "")), `${face}: not of the scale`);
    }
  }
});
