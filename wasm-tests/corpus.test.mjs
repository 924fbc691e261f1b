// corpus.test.mjs - every corpus document loads; YAML and JSON forms agree; positions are right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { corpusDir, oasview, read, walk } from "./helpers.mjs";

const corpus = corpusDir();
// Codes the loader itself reports: a known-invalid document must be invalid for OpenAPI reasons, not these.
const LOADER_ERRORS = new Set(["json-syntax", "yaml-syntax", "yaml-key", "yaml-alias", "yaml-tag", "yaml-multiple-documents",
  "invalid-utf8", "nul-byte", "nul-in-string", "not-utf8", "duplicate-key", "empty-document", "root-not-object",
  "nesting-too-deep", "alias-budget-exceeded", "input-too-large", "internal-error", "openapi-version-type", "missing-openapi"]);

const documents = walk(corpus).filter((p) => !p.includes("json-schema") && !p.includes("/oas-schemas/") && !p.endsWith("MANIFEST.md"));

test("the corpus has the documents the README describes", () => {
  assert.ok(documents.length >= 80, `only ${documents.length} documents under ${corpus}`);
});

for (const path of documents) {
  test(`loads ${relative(corpus, path)}`, async () => {
    const ov = await oasview();
    const doc = ov.load(read(path), { filename: path });
    const loaderErrors = doc.diagnostics.filter((d) => d.severity === "error" && LOADER_ERRORS.has(d.code));
    assert.deepEqual(loaderErrors, []);
    assert.match(doc.version ?? "", /^3\.[0-2]\.\d+$/);
    const info = doc.diagnostics.filter((d) => d.code === "openapi-version");
    if (doc.version.startsWith("3.1")) assert.equal(info.length, 0);
    else assert.equal(info.length, 1, "3.0 and 3.2 documents say which version was detected");
    doc.dispose();
  });
}

test("YAML and JSON forms of the OAI examples give equal trees (except tictactoe, stale upstream)", async () => {
  const ov = await oasview();
  let pairs = 0;
  for (const version of ["v3.0", "v3.1", "v3.2"]) {
    for (const yamlPath of walk(join(corpus, "examples", version), /\.yaml$/)) {
      if (yamlPath.includes("tictactoe")) continue;
      const yaml = ov.load(read(yamlPath), { filename: yamlPath });
      const json = ov.load(read(yamlPath.replace(/\.yaml$/, ".json")), { filename: "x.json" });
      assert.equal(yaml.format, "yaml");
      assert.equal(json.format, "json");
      assert.deepEqual(yaml.json(), json.json(), relative(corpus, yamlPath));
      yaml.dispose();
      json.dispose();
      pairs++;
    }
  }
  assert.equal(pairs, 9, "6 pairs in v3.0, 2 in v3.1, 1 in v3.2");
});

test("YAML 1.2: `example: 18:00` in the museum spec is the string \"18:00\", at line 337", async () => {
  const ov = await oasview();
  const doc = ov.load(read(join(corpus, "real-world/redocly-museum--openapi.yaml")));
  const tree = doc.json();
  const close = tree.components.schemas.MuseumDailyHours.properties.timeClose;
  assert.equal(close.example, "18:00");
  assert.deepEqual(doc.locate("/components/schemas/MuseumDailyHours/properties/timeClose/example"),
    { line: 337, column: 20, endLine: 337, endColumn: 25, ...pick(doc.locate("/components/schemas/MuseumDailyHours/properties/timeClose/example")) });
  doc.dispose();
});

function pick(span) { return { offset: span.offset, endOffset: span.endOffset }; }

test("Discord's int64 bounds keep their exact text", async () => {
  const ov = await oasview();
  const bytes = read(join(corpus, "real-world/discord--openapi.json"));
  const doc = ov.load(bytes);
  const tree = doc.json();
  // Find every `minimum` equal (as a double) to -2^63 and check its source text through its span.
  const found = [];
  (function visit(node, pointer) {
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        const p = `${pointer}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`;
        if ((k === "minimum" || k === "maximum") && typeof v === "number" && Math.abs(v) >= 2 ** 63) found.push(p);
        visit(v, p);
      }
    }
  })(tree, "");
  assert.ok(found.length >= 2);
  for (const p of found) {
    const span = doc.locate(p);
    const text = bytes.subarray(span.offset, span.endOffset).toString();
    assert.match(text, /^(-9223372036854775808|9223372036854775807)$/, p);
  }
  const first = doc.locate(found[0]);
  assert.equal(bytes.toString().split("\n")[first.line - 1].slice(first.column - 1, first.endColumn - 1),
    bytes.subarray(first.offset, first.endOffset).toString());
  doc.dispose();
});

test("positions of chosen nodes in a JSON and a YAML corpus document", async () => {
  const ov = await oasview();
  for (const name of ["examples/v3.1/webhook-example.yaml", "examples/v3.1/webhook-example.json", "fastapi/openapi_webhooks_tutorial001.json"]) {
    const bytes = read(join(corpus, name));
    const lines = bytes.toString().split(/\r?\n/);
    const doc = ov.load(bytes, { filename: name });
    const keys = ["/webhooks", "/info/title", "/openapi"];
    for (const pointer of keys) {
      const span = doc.locate(pointer, { key: true });
      assert.ok(span, `${name} ${pointer}`);
      const key = pointer.split("/").pop();
      const at = lines[span.line - 1].slice(span.column - 1, span.endColumn - 1);
      assert.equal(at.replaceAll('"', ""), key, `${name} ${pointer} at ${span.line}:${span.column}`);
    }
    doc.dispose();
  }
});
