// model.test.mjs - the render model over the wasm build: the FastAPI acceptance case, corpus counts
// against MANIFEST.md, every id round-tripping through doc.entry(), the shapes of web/model.d.ts (as
// wasm-tests/model.schema.json, checked with oasview's own JSON Schema engine), golden navigation
// files, markdown safety through every text field, the native and wasm CLIs, and timing.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { GOLDEN, goldenDir, goldenName } from "../scripts/golden.mjs";
import { corpusDir, oasview, root, walk } from "./helpers.mjs";

const modelSchema = JSON.parse(readFileSync(join(root, "wasm-tests/model.schema.json"), "utf8"));

/** MANIFEST.md rows: corpus path -> { ops, webhooks }. */
function manifest() {
  const rows = new Map();
  for (const line of readFileSync(join(corpusDir(), "MANIFEST.md"), "utf8").split("\n")) {
    if (!line.startsWith("| ")) continue;
    const cols = line.split("|").slice(1).map((c) => c.trim());
    if (!/\.(json|ya?ml)$/.test(cols[0]) || /^(json-schema|oas-schemas\/)/.test(cols[0])) continue;
    rows.set(cols[0], { ops: Number(cols[8]), webhooks: Number(cols[9]) });
  }
  return rows;
}

const idOf = (name) => name.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?{}]/gu, (c) =>
  [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""));

test("FastAPI webhooks tutorial: the webhook beside the path operation, its payload and a valid example", async () => {
  const ov = await oasview();
  const doc = ov.load(readFileSync(join(corpusDir(), "fastapi/openapi_webhooks_tutorial001.json")));
  const nav = doc.navigation();
  const items = nav.groups.flatMap((g) => g.items);
  const op = items.find((i) => i.kind === "operation");
  const hook = items.find((i) => i.kind === "webhook");
  assert.equal(op.path, "/users/");
  assert.deepEqual([hook.name, hook.method, hook.summary], ["new-subscription", "post", "New Subscription"]);
  assert.equal(nav.groups.length, 1, "one group: both side by side");
  const entry = doc.entry(hook.id);
  assert.equal(entry.kind, "webhook");
  const media = entry.requestBody.content.find((m) => m.mediaType === "application/json");
  assert.equal(media.schema.refName, "Subscription");
  assert.deepEqual(media.schema.properties.map((p) => p.name), ["username", "monthly_fee", "start_date"]);
  const example = JSON.parse(media.examples[0].value);
  const subscription = doc.json().components.schemas.Subscription;
  const r = ov.validateJsonSchema(subscription, example, { formatAssertion: true });
  assert.ok(r.valid, JSON.stringify(r.errors));
  assert.match(entry.samples[0].code, /^curl -X POST 'http:\/\/localhost:8000\/webhooks\/new-subscription'/);
  doc.dispose();
});

test("corpus: operation items equal MANIFEST.md, webhook items cover every (name, method), ids round-trip, shapes match model.d.ts", async () => {
  const ov = await oasview();
  const rows = manifest();
  const schema = ov.compileJsonSchema(modelSchema);
  let docs = 0, entries = 0;
  try {
    for (const [rel, want] of rows) {
      const doc = ov.load(readFileSync(join(corpusDir(), rel)), { filename: rel, validate: false });
      try {
        const tree = doc.json();
        if (tree === undefined) continue;
        docs++;
        const nav = doc.navigation();
        // what a page draws first and the search entries it builds later: the two parts of the whole text
        const lean = doc.navigationJson({ search: false });
        assert.equal(doc.navigationJson(), `${lean.slice(0, -1)},"search":${doc.searchJson()}}`, `${rel}: lean navigation + search`);
        assert.deepEqual(JSON.parse(doc.searchJson()), nav.search);
        // and without the items' pointers too (what the viewer's worker posts to its page)
        const bare = structuredClone(nav);
        delete bare.search;
        for (const it of [...bare.groups.flatMap((g) => g.items), ...bare.webhooks, ...bare.schemas]) delete it.pointer;
        assert.deepEqual(JSON.parse(doc.navigationJson({ search: false, pointers: false })), bare, `${rel}: without pointers`);
        const check = schema.validate(nav);
        assert.ok(check.valid, `${rel}: navigation does not match model.d.ts: ${JSON.stringify(check.errors.slice(0, 3))}`);
        const ids = new Set(nav.groups.flatMap((g) => g.items).map((i) => i.id));
        const ops = nav.groups.flatMap((g) => g.items).filter((i) => i.kind === "operation");
        assert.equal(new Set(ops.map((o) => o.id)).size, want.ops, `${rel}: operations`);
        const hookIds = new Set(nav.webhooks.map((w) => w.id));
        for (const [name, pi] of Object.entries(tree.webhooks ?? {})) {
          const item = pi.$ref ? null : pi;
          for (const m of ["get", "put", "post", "delete", "options", "head", "patch", "trace"]) {
            if (item?.[m]) assert.ok(hookIds.has(`webhooks/${idOf(name)}/${m}`), `${rel}: webhook ${name} ${m}`);
          }
        }
        assert.equal(Object.keys(tree.webhooks ?? {}).length, want.webhooks, `${rel}: webhooks`);
        for (const w of nav.webhooks) assert.ok(ids.has(w.id), `${rel}: webhook ${w.id} in a group`);
        for (const id of [...ids, ...nav.schemas.map((s) => s.id)]) {
          const e = doc.entry(id);
          assert.equal(e?.id, id, `${rel}: ${id} round-trips`);
          const c = schema.validate(e);
          assert.ok(c.valid, `${rel}: entry ${id} does not match model.d.ts: ${JSON.stringify(c.errors.slice(0, 3))}`);
          entries++;
        }
      } finally {
        doc.dispose();
      }
    }
  } finally {
    schema.dispose();
  }
  assert.ok(docs > 60, `only ${docs} documents`);
  assert.ok(entries > 2000, `only ${entries} entries`);
});

test("generated webhook payload examples validate against their schemas (JSON Schema engine)", async () => {
  const ov = await oasview();
  let checked = 0;
  const failures = [];
  for (const file of walk(corpusDir())) {
    const rel = relative(corpusDir(), file);
    if (/^(json-schema|oas-schemas)/.test(rel)) continue;
    const doc = ov.load(readFileSync(file), { filename: rel, validate: false });
    const tree = doc.json();
    if (tree === undefined || !/^3\.1/.test(String(tree.openapi))) { doc.dispose(); continue; }
    for (const w of doc.navigation().webhooks) {
      for (const media of doc.entry(w.id).requestBody?.content ?? []) {
        const ex = media.examples.find((e) => e.generated);
        if (!ex || !/json/.test(media.mediaType)) continue;
        const pointer = `${w.pointer}/requestBody/content/${media.mediaType.replaceAll("~", "~0").replaceAll("/", "~1")}/schema`;
        const at = pointer.split("/").slice(1).map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~")).reduce((o, k) => o?.[k], tree);
        if (at === undefined) continue; // a body behind a $ref: the pointer is the operation's, not the body's
        const r = ov.validateJsonSchema({ $ref: `urn:doc#${pointer.replace(/[%{}]/g, encodeURIComponent)}` },
          JSON.parse(ex.value), { resources: { "urn:doc": tree } });
        checked++;
        if (!r.valid) failures.push(`${rel} ${w.id}: ${JSON.stringify(r.errors.slice(0, 2))}`);
      }
    }
    doc.dispose();
  }
  assert.ok(checked >= 30, `only ${checked} generated payloads checked`);
  assert.deepEqual(failures, []);
});

test("golden navigation files (regenerate with node scripts/golden.mjs)", async () => {
  const ov = await oasview();
  for (const rel of GOLDEN) {
    const doc = ov.load(readFileSync(join(corpusDir(), rel)), { filename: rel, validate: false });
    const want = JSON.parse(readFileSync(join(goldenDir, goldenName(rel)), "utf8"));
    assert.deepEqual(doc.navigation(), want, rel);
    doc.dispose();
  }
});

const XSS = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](jav&#x09;ascript:alert(1)) <img src=x onerror=alert(1)> " +
  "<script>alert(1)</script> <iframe src=//x></iframe> <svg onload=alert(1)> [d](https://ok \"t\\\" onmouseover=\\\"x\") " +
  "![e](data:image/png;base64,AA) [f](data:text/html,x) <javascript:alert(1)>";

function walkHtml(value, visit, key = "") {
  if (typeof value === "string") { if (key.endsWith("Html")) visit(value, key); return; }
  if (Array.isArray(value)) { for (const v of value) walkHtml(v, visit, key); return; }
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walkHtml(v, visit, k);
}

function assertSafe(html, where) {
  const allowed = /^(p|h[1-6]|blockquote|ul|ol|li|hr|pre|code|em|strong|del|br|a|img|table|thead|tbody|tr|th|td)$/;
  for (const m of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    assert.match(m[1], allowed, `${where}: tag ${m[0]}`);
    for (const a of m[2].matchAll(/\s([a-zA-Z-]+)="([^"]*)"/g)) {
      assert.match(a[1], /^(href|src|alt|title|rel|start|align|class)$/, `${where}: attribute in ${m[0]}`);
      if (a[1] === "href" || a[1] === "src") assert.match(a[2], /^(https?:|mailto:|[^:]*$|[^:]*[/?#])/i, `${where}: url in ${m[0]}`);
    }
  }
  assert.doesNotMatch(html, /<(script|iframe|svg|style)/i, where);
}

test("markdown XSS vectors through every text field are rendered inert", async () => {
  const ov = await oasview();
  const d = XSS;
  const spec = {
    openapi: "3.1.0",
    info: { title: "x", version: "1", description: d, termsOfService: "javascript:alert(1)", contact: { url: "javascript:alert(1)" } },
    externalDocs: { url: "javascript:alert(1)", description: d },
    servers: [{ url: "/", description: d, variables: {} }],
    tags: [{ name: "t", description: d, externalDocs: { url: "https://ok", description: d } }],
    paths: { "/a/{id}": { description: d, parameters: [{ name: "id", in: "path", required: true, description: d, schema: { type: "string", description: d } }],
      post: { tags: ["t"], description: d, externalDocs: { url: "https://ok", description: d },
        requestBody: { description: d, content: { "application/json": { schema: { $ref: "#/components/schemas/S" }, examples: { e: { summary: "s", description: d, value: 1 } } } } },
        responses: { 200: { description: d, headers: { H: { description: d, schema: { type: "string" } } }, links: { l: { operationId: "x", description: d } } } },
        security: [{ k: [] }] } } },
    webhooks: { w: { post: { description: d, requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/S" } } } }, responses: { 200: { description: d } } } } },
    components: { schemas: { S: { description: d, type: "object", properties: { p: { description: d, type: "string" } } } },
      securitySchemes: { k: { type: "apiKey", in: "header", name: "K", description: d } } },
  };
  const doc = ov.load(JSON.stringify(spec));
  const nav = doc.navigation();
  let seen = 0;
  const visit = (html, key) => { seen++; assertSafe(html, key); };
  walkHtml(nav, visit);
  assert.equal(nav.info.termsOfService, undefined);
  assert.equal(nav.info.contact.url, undefined);
  assert.equal(nav.externalDocs, undefined);
  for (const id of [...nav.groups.flatMap((g) => g.items.map((i) => i.id)), "schemas/S"]) walkHtml(doc.entry(id), visit);
  assert.ok(seen >= 15, `only ${seen} html fields`);
  doc.dispose();
});

test("`oasview model`: the native and wasm CLIs print the same bytes", { skip: !existsSync(process.env.OASVIEW_NATIVE ?? join(root, "build/native/oasview")) }, () => {
  const native = process.env.OASVIEW_NATIVE ?? join(root, "build/native/oasview");
  for (const rel of [...GOLDEN, "real-world/resend--resend.json", "fastapi/include_router_defaults_overrides.json"]) {
    const file = join(corpusDir(), rel);
    const a = spawnSync(native, ["model", file]);
    const b = spawnSync(process.execPath, [join(root, "bin/oasview.mjs"), "model", file]);
    assert.equal(a.status, 0, rel);
    assert.equal(b.status, 0, rel);
    assert.ok(a.stdout.equals(b.stdout), `${rel}: outputs differ`);
  }
});

test("navigation without entries, then each entry on demand (largest corpus document)", async () => {
  const ov = await oasview();
  const rel = "real-world/twilio--twilio_api_v2010.json";
  const doc = ov.load(readFileSync(join(corpusDir(), rel)), { validate: false });
  let t = performance.now();
  const nav = doc.navigation();
  const navMs = performance.now() - t;
  const ids = [...nav.groups.flatMap((g) => g.items.map((i) => i.id)), ...nav.schemas.map((s) => s.id)];
  let worst = 0;
  t = performance.now();
  for (const id of ids) {
    const s = performance.now();
    doc.entryJson(id);
    worst = Math.max(worst, performance.now() - s);
  }
  const allMs = performance.now() - t;
  console.log(`# ${rel}: navigation ${navMs.toFixed(1)} ms, ${ids.length} entries ${allMs.toFixed(0)} ms, slowest ${worst.toFixed(1)} ms`);
  // Times are printed, not asserted: bench/model.mjs measures them against the targets.
  assert.equal(nav.counts.operations + nav.counts.webhooks, nav.groups.flatMap((g) => g.items).filter((i, k, a) => a.findIndex((j) => j.id === i.id) === k).length);
  doc.dispose();
});
