// oas.test.mjs - OpenAPI 3.1 validation through the JS API: the OAI pass/fail suite, the corpus verdicts, rules options.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { corpusDir, oasview, read, walk } from "./helpers.mjs";

const corpus = corpusDir();
const errors = (doc) => doc.diagnostics.filter((d) => d.severity === "error");

function verdicts(dir, expected, except = []) {
  const ov = oasview();
  return ov.then((o) => {
    let n = 0;
    for (const file of walk(join(corpus, dir))) {
      if (except.some((e) => file.endsWith(e))) continue;
      const doc = o.load(read(file), { filename: file });
      if (!String(doc.version).startsWith("3.1")) { doc.dispose(); continue; }
      n++;
      assert.equal(doc.valid, expected, `${file}: ${JSON.stringify(errors(doc), null, 1)}`);
      doc.dispose();
    }
    return n;
  });
}

test("OAI pass documents are valid (35)", async () => assert.equal(await verdicts("oas-schema-tests/pass", true), 35));
test("OAI fail documents are invalid (11)", async () => assert.equal(await verdicts("oas-schema-tests/fail", false), 11));
test("3.1 examples, FastAPI and real-world documents are valid", async () => {
  assert.equal(await verdicts("examples/v3.1", true), 6);
  assert.equal(await verdicts("fastapi", true), 7);
  assert.ok((await verdicts("real-world", true, ["redoc-demo--openapi-3-1.yaml"])) >= 6);
});

test("the Redoc 3.1 demo is invalid: license at /info/license, line 54 column 3", async () => {
  const ov = await oasview();
  const doc = ov.load(read(join(corpus, "real-world/redoc-demo--openapi-3-1.yaml")), { filename: "redoc.yaml" });
  const errs = errors(doc);
  assert.equal(errs.length, 1);
  assert.equal(errs[0].code, "mutually-exclusive");
  assert.equal(errs[0].pointer, "/info/license");
  assert.deepEqual([errs[0].line, errs[0].column], [54, 3]);
  assert.deepEqual(doc.locate("/info/license", { key: true }).line, 54);
  doc.dispose();
});

test("rules: severities per rule id, off, unknown ids refused; validate: false", async () => {
  const ov = await oasview();
  const text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get: {tags: [b]}\n";
  let doc = ov.load(text);
  assert.equal(doc.diagnostics.find((d) => d.code === "tag-undeclared").severity, "info");
  doc.dispose();
  doc = ov.load(text, { rules: { "tag-undeclared": "error" } });
  assert.equal(doc.valid, false);
  doc.dispose();
  doc = ov.load(text, { rules: '{"rules": {"tag-undeclared": "off"}}' });
  assert.equal(doc.diagnostics.length, 0);
  doc.dispose();
  assert.throws(() => ov.load(text, { rules: { "tag-undeclard": "off" } }), /did you mean "tag-undeclared"/);
  doc = ov.load("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {requestbody: {}}}}\n", { validate: false });
  assert.equal(doc.diagnostics.length, 0);
  doc.dispose();
});

test("bad references end in diagnostics: cycles, a 10,000-long chain, missing documents, escapes", async () => {
  const ov = await oasview();
  const head = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";
  let doc = ov.load(head + "paths:\n  /a: {$ref: '#/paths/~1b'}\n  /b: {$ref: '#/paths/~1a'}\n");
  assert.ok(doc.diagnostics.some((d) => d.code === "ref-cycle"));
  doc.dispose();
  const schemas = {};
  for (let i = 0; i < 10000; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i + 1}` };
  schemas.S10000 = {};
  doc = ov.load(JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, components: { schemas } }));
  assert.ok(doc.diagnostics.some((d) => d.code === "ref-chain-too-long"));
  doc.dispose();
  doc = ov.load(head + "components:\n  schemas:\n    A: {$ref: 'other.yaml#/X'}\n", { filename: "api/openapi.yaml" });
  const ext = doc.diagnostics.find((d) => d.code === "ref-external");
  assert.equal(ext.severity, "warning");
  assert.match(ext.message, /api\/other\.yaml/);
  doc.dispose();
  doc = ov.load(head + "paths:\n  /a/{b}: {}\n  /c: {$ref: '#/paths/~1a~1{b}'}\n  /d: {$ref: '#/paths/~1a~1%7Bb%7D'}\n");
  assert.deepEqual(errors(doc), []);
  doc.dispose();
});

test("lint output from the JS API matches the documented shapes", async () => {
  const ov = await oasview();
  const doc = ov.load("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      requestbody: {}\n", { filename: "a.yaml" });
  const sarif = JSON.parse(ov.lintBegin("sarif") + doc.formatLint("sarif") + ov.lintEnd("sarif"));
  assert.equal(sarif.version, "2.1.0");
  const result = sarif.runs[0].results[0];
  assert.equal(result.ruleId, "unknown-field");
  assert.deepEqual(result.locations[0].physicalLocation.region.startLine, 6);
  assert.ok(sarif.runs[0].tool.driver.rules.some((r) => r.id === "operation-id-unique"));
  assert.match(doc.formatLint("github"), /^::error file=a\.yaml,line=6,col=7,endLine=6,endColumn=18,title=unknown-field::unknown field `requestbody`: did you mean `requestBody`\?/);
  assert.match(doc.formatLint("text"), /\n     6 \|       requestbody: \{\}\n       \|       \^~~~~~~~~~~\n/);
  doc.dispose();
});
