// package.test.mjs - the npm package as users get it: `npm pack`, then
// `npm install <tarball>` into an empty folder (offline: the package has no
// runtime dependencies), then `import "oasview"` in Node and Deno, its types
// in TypeScript (deno check), and its files in workerd.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "../helpers.mjs";
import { runDeno, startWorkerd, tempDir, examples } from "./runtimes.mjs";

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });

let tmp, app, packed;
before(() => {
  tmp = tempDir("oasview-pack-");
  packed = JSON.parse(npm(["pack", "--json", "--pack-destination", tmp.dir], root))[0];
  app = join(tmp.dir, "app");
  execFileSync("mkdir", [app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  npm(["install", "--offline", "--no-package-lock", join(tmp.dir, packed.filename)], app);
});
after(() => tmp?.remove());

const SCRIPT = `
import { createOasview } from "oasview";
const ov = await createOasview();
const doc = ov.load("openapi: 3.1.0\\ninfo: {title: t, version: '1'}\\nwebhooks:\\n  ping:\\n    post:\\n      requestBody:\\n        content:\\n          application/json:\\n            schema: {type: object, required: [id], properties: {id: {type: integer}}}\\n      responses: {'200': {description: ok}}\\n", { filename: "a.yaml" });
console.log(JSON.stringify({
  valid: doc.valid,
  webhooks: doc.navigation().webhooks.map((w) => w.id),
  payload: doc.validatePayload("webhooks/ping/post", { id: "x" }),
  entry: import.meta.resolve("oasview").replace(/^.*node_modules\\//, ""),
}));
`;
const EXPECTED = {
  valid: true,
  webhooks: ["webhooks/ping/post"],
  payload: { valid: false, errors: [{ instanceLocation: "/id", keywordLocation: "/properties/id/type", code: "type", message: "must be integer, not a string" }] },
};

test("the tarball holds what users need and nothing else", () => {
  const paths = packed.files.map((f) => f.path).sort();
  for (const need of ["package.json", "README.md", "CHANGELOG.md", "bin/oasview.mjs", "dist/oasview.mjs", "dist/oasview.node.mjs",
    "dist/oasview.wasm", "dist/oasview.d.ts", "dist/model.d.ts"]) assert.ok(paths.includes(need), `${need} is packed`);
  for (const p of paths) assert.match(p, /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin\/oasview\.mjs|dist\/.+)$/, `${p} should not be packed`);
  assert.ok(!paths.some((p) => /\.(c|h|map)$/.test(p) || p.startsWith("dist/viewer/") && p.endsWith(".test.mjs")));
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const targets = [];
  const collect = (v) => (typeof v === "string" ? targets.push(v.replace(/^\.\//, "")) : Object.values(v).forEach(collect));
  collect(pkg.exports);
  for (const t of new Set(targets)) assert.ok(paths.includes(t), `the export target ${t} is packed`);
  assert.match(pkg.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, "a semantic version");
  assert.equal(pkg.dependencies, undefined, "no runtime dependencies");
  assert.match(readFileSync(join(root, "CHANGELOG.md"), "utf8"), new RegExp(`## \\[${pkg.version.replaceAll(".", "\\.")}\\]`));
});

test("installed into an empty folder, `import \"oasview\"` works in Node (the node entry)", () => {
  writeFileSync(join(app, "main.mjs"), SCRIPT);
  const out = JSON.parse(execFileSync(process.execPath, ["main.mjs"], { cwd: app, encoding: "utf8" }));
  assert.deepEqual({ ...out, entry: undefined }, { ...EXPECTED, entry: undefined });
  assert.equal(out.entry, "oasview/dist/oasview.node.mjs");
  const bin = execFileSync(join(app, "node_modules/.bin/oasview"), ["--version"], { encoding: "utf8" });
  assert.match(bin, /^oasview \d+\.\d+\.\d+/);
});

test("installed into an empty folder, `import \"oasview\"` works in Deno (the deno entry) and its types check", async () => {
  writeFileSync(join(app, "main.mjs"), SCRIPT);
  const run = await runDeno(["run", "--no-lock", "--allow-read", "main.mjs"], { cwd: app });
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.deepEqual({ ...out, entry: undefined }, { ...EXPECTED, entry: undefined });
  assert.equal(out.entry, "oasview/dist/oasview.mjs");
  writeFileSync(join(app, "check.ts"), `
import { createOasview, JsonSchemaError, type JsonSchemaResult, type OasviewDocument, type Diagnostic } from "oasview";
import type { Navigation, OperationEntry } from "oasview/model";
const ov = await createOasview();
const doc: OasviewDocument = ov.load("openapi: 3.1.0\\ninfo: {title: t, version: '1'}\\n", { filename: "a.yaml", limits: { maxDepth: 64 } });
const nav: Navigation = doc.navigation();
const d: Diagnostic[] = doc.diagnostics;
const r: JsonSchemaResult = doc.validatePayload("webhooks/x/post", {}, { part: "response", status: 200, contentType: "application/json" });
const e = doc.entry("operations/x") as OperationEntry | null;
const n: number = nav.webhooks.length + r.errors.length + d.length + (e?.responses.length ?? 0) + ov.heapUsed;
// @ts-expect-error part must be "request" or "response"
doc.validatePayload("x", {}, { part: "body" });
if (n < 0) throw new JsonSchemaError([]);
`);
  const check = await runDeno(["check", "--no-lock", "check.ts"], { cwd: app });
  assert.equal(check.code, 0, check.stderr + check.stdout);
  writeFileSync(join(app, "viewer.ts"), `/// <reference lib="dom" />
import type { OasviewDocs } from "oasview/viewer";
const el = document.querySelector("oasview-docs") as OasviewDocs;
el.navigate("webhooks/x/post");
el.addEventListener("oasview-load", (e) => console.log(e.detail.valid, e.detail.counts?.webhooks));
`);
  const viewer = await runDeno(["check", "--no-lock", "viewer.ts"], { cwd: app });
  assert.equal(viewer.code, 0, viewer.stderr + viewer.stdout);
});

test("the installed package's files run the edge-validate worker in workerd", async () => {
  const pkg = join(app, "node_modules/oasview/dist");
  const server = await startWorkerd([
    { name: "worker.mjs", type: "esModule", path: join(examples, "edge-validate/worker.mjs") },
    { name: "app.mjs", type: "esModule", path: join(examples, "edge-validate/app.mjs") },
    { name: "oasview", type: "esModule", path: join(pkg, "oasview.mjs") },
    { name: "oasview.wasm", type: "wasm", path: join(pkg, "oasview.wasm") },
  ]);
  try {
    const res = await fetch(server.url, { method: "POST", body: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).valid, true);
  } finally {
    await server.stop();
  }
});

test("sizes: the wasm and the JS, raw and gzipped (printed for the record)", () => {
  const sizes = {};
  for (const f of ["oasview.wasm", "oasview.mjs", "oasview.node.mjs"]) {
    const bytes = readFileSync(join(app, "node_modules/oasview/dist", f));
    sizes[f] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  console.log(`# package sizes: ${JSON.stringify(sizes)}; tarball ${packed.size} bytes`);
  assert.ok(sizes["oasview.wasm"].gzip < 1024 * 1024, "the wasm stays under 1 MiB gzipped");
});
