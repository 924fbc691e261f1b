// schema.test.mjs - the JSON Schema engine through the JS API: the official
// draft 2020-12 suite (remotes under http://localhost:1234/), the API's
// shapes, `pattern` (our own ECMA-262 engine, regex_ecma.c), limits, and leaks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { corpusDir, dist, oasview, walk } from "./helpers.mjs";

const { JsonSchemaError } = await import(join(dist, "oasview.mjs"));

/* Every required test must pass: no known failures. */
const KNOWN = new Set();

function remotes() {
  const dir = join(corpusDir(), "json-schema-test-suite/remotes");
  const out = {};
  for (const path of walk(dir, /\.json$/)) out[`http://localhost:1234/${relative(dir, path)}`] = readFileSync(path, "utf8");
  return out;
}

function runSuite(ov, dir, resources, formatAssertion) {
  let passed = 0;
  const failed = [];
  for (const path of walk(dir, /\.json$/).filter((p) => relative(dir, p).indexOf("/") < 0)) {
    const file = relative(dir, path);
    for (const group of JSON.parse(readFileSync(path, "utf8"))) {
      let schema = null;
      try {
        schema = ov.compileJsonSchema(group.schema, { resources, formatAssertion });
      } catch (e) {
        if (!(e instanceof JsonSchemaError)) throw e;
      }
      for (const t of group.tests) {
        let ok = false;
        if (schema) {
          const r = schema.validate(JSON.stringify(t.data));
          ok = r.valid === t.valid && (r.errors.length === 0) === r.valid;
        }
        if (ok) passed++;
        else failed.push(`${file} / ${group.description} / ${t.description}`);
      }
      schema?.dispose();
    }
  }
  return { passed, failed };
}

test("draft 2020-12: every required test passes (but the loader's known NUL limitation)", async () => {
  const ov = await oasview();
  const base = join(corpusDir(), "json-schema-test-suite/tests/draft2020-12");
  const resources = remotes();
  const required = runSuite(ov, base, resources, false);
  console.log(`draft2020-12 (wasm): ${required.passed}/${required.passed + required.failed.length} passed`);
  assert.deepEqual(required.failed.filter((f) => !KNOWN.has(f)), []);
  assert.equal(required.passed + required.failed.length, 1299);
  const optional = runSuite(ov, join(base, "optional"), resources, false);
  console.log(`draft2020-12/optional (wasm): ${optional.passed}/${optional.passed + optional.failed.length} passed`);
  const format = runSuite(ov, join(base, "optional/format"), resources, true);
  console.log(`draft2020-12/optional/format (wasm, format assertion on): ${format.passed}/${format.passed + format.failed.length} passed`);
});

test("validateJsonSchema takes JS values or JSON text and reports the output format", async () => {
  const ov = await oasview();
  const schema = { $id: "https://example.com/s", type: "object", properties: { n: { type: "integer", maximum: 9 } }, required: ["n"] };
  assert.deepEqual(ov.validateJsonSchema(schema, { n: 1.0 }), { valid: true, errors: [] });
  assert.deepEqual(ov.validateJsonSchema(JSON.stringify(schema), "{\"n\": 1.0}"), { valid: true, errors: [] });
  const r = ov.validateJsonSchema(schema, { n: 10 });
  assert.equal(r.valid, false);
  assert.deepEqual(r.errors, [{ instanceLocation: "/n", keywordLocation: "/properties/n/maximum",
    absoluteKeywordLocation: "https://example.com/s#/properties/n/maximum", code: "maximum", message: "must be at most 9" }]);
});

test("compileJsonSchema compiles once; resources are named by URI; nothing is fetched", async () => {
  const ov = await oasview();
  const s = ov.compileJsonSchema({ $ref: "https://example.com/pos" }, { resources: { "https://example.com/pos": { minimum: 0 } } });
  assert.equal(s.validate(5).valid, true);
  assert.equal(s.validate(-5).valid, false);
  assert.equal(s.validate("[1]").valid, true);
  s.dispose();
  s.dispose();
  assert.throws(() => s.validate(1), /disposed/);
  assert.throws(() => ov.compileJsonSchema({ $ref: "https://example.com/elsewhere" }), (e) =>
    e instanceof JsonSchemaError && e.errors[0].code === "unresolved-ref");
});

test("pattern is ECMA-262 with the u flag; an invalid pattern is a schema error", async () => {
  const ov = await oasview();
  const s = { type: "string", pattern: "^\\p{Letter}+$" };
  assert.equal(ov.validateJsonSchema(s, JSON.stringify("élan")).valid, true);
  assert.equal(ov.validateJsonSchema(s, JSON.stringify("x1")).valid, false);
  assert.equal(ov.validateJsonSchema({ pattern: "^\\d$" }, JSON.stringify("\u0967")).valid, false); // \d is ASCII
  assert.throws(() => ov.compileJsonSchema({ pattern: "(" }), (e) => e instanceof JsonSchemaError && e.errors[0].code === "invalid-pattern");
});

test("format is an annotation unless formatAssertion is on", async () => {
  const ov = await oasview();
  assert.equal(ov.validateJsonSchema({ format: "date" }, JSON.stringify("2024-02-30")).valid, true);
  assert.equal(ov.validateJsonSchema({ format: "date" }, JSON.stringify("2024-02-30"), { formatAssertion: true }).valid, false);
});

test("limits: a $ref cycle and a step budget end in errors, not hangs", async () => {
  const ov = await oasview();
  const cycle = ov.validateJsonSchema({ $defs: { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } }, $ref: "#/$defs/a" }, 1);
  assert.equal(cycle.valid, false);
  assert.equal(cycle.errors.at(-1).code, "max-depth-exceeded");
  const steps = ov.validateJsonSchema({ items: { anyOf: [{ type: "string" }, { type: "integer" }] } }, Array(1000).fill(1), { maxSteps: 500 });
  assert.equal(steps.errors.at(-1).code, "max-steps-exceeded");
});

test("compiling and validating leaks nothing", async () => {
  const ov = await oasview();
  const run = () => {
    const s = ov.compileJsonSchema({ $ref: "https://json-schema.org/draft/2020-12/schema" });
    s.validate({ type: "string", minLength: 1 });
    s.validate({ type: 5 });
    s.dispose();
    try { ov.compileJsonSchema({ pattern: "[" }); } catch { /* expected */ }
  };
  run();
  const before = ov.heapUsed;
  for (let i = 0; i < 20; i++) run();
  assert.equal(ov.heapUsed, before);
});

test("validate: the verdict first, errors when read; they equal the errors computed at once", async () => {
  const ov = await oasview();
  const base = join(corpusDir(), "json-schema-test-suite/tests/draft2020-12");
  const resources = remotes();
  let invalid = 0;
  for (const path of walk(base, /\.json$/).filter((p) => relative(base, p).indexOf("/") < 0)) {
    for (const group of JSON.parse(readFileSync(path, "utf8"))) {
      const schema = ov.compileJsonSchema(group.schema, { resources });
      for (const t of group.tests) {
        const text = JSON.stringify(t.data);
        const lazy = schema.validate(text);
        assert.equal(schema.isValid(text), lazy.valid);
        const now = ov.validateJsonSchema(group.schema, text, { resources }); // compiled, validated, disposed: errors at once
        assert.deepEqual(JSON.parse(JSON.stringify(lazy)), now, `${group.description} / ${t.description}`);
        if (!lazy.valid) invalid++;
      }
      schema.dispose();
    }
  }
  assert.ok(invalid > 400);
});

test("validate: errors read after dispose(), changed bytes, YAML, non-ASCII and big instances", async () => {
  const ov = await oasview();
  const schema = { type: "object", properties: { name: { type: "string", maxLength: 3 } }, required: ["name"] };
  const want = ov.validateJsonSchema(schema, '{"name":"été!"}');
  assert.equal(want.valid, false);
  assert.equal(want.errors[0].instanceLocation, "/name");

  // errors read after the schema was disposed: it is compiled again for them
  let s = ov.compileJsonSchema(schema);
  const late = s.validate('{"name":"été!"}');
  s.dispose();
  assert.deepEqual(late.errors, want.errors);
  assert.throws(() => s.validate("{}"), /disposed/);

  // bytes that the caller changes after validate(): the errors are those of the bytes validated
  s = ov.compileJsonSchema(schema);
  const bytes = new TextEncoder().encode('{"name":"été!"}');
  const fromBytes = s.validate(bytes);
  bytes.fill(32);
  assert.deepEqual(fromBytes.errors, want.errors);
  assert.equal(s.validate(new TextEncoder().encode('{"name":"été"}').buffer).valid, true);

  // an assigned errors list stays
  const r = s.validate("{}");
  r.errors = [];
  assert.deepEqual(r, { valid: false, errors: [] });

  // YAML and text with a mistake go through the loader
  assert.equal(s.isValid("name: abc\n"), true);
  assert.equal(s.validate("name: abcd\n").valid, false);
  const broken = s.validate('{"name": "a",}');
  assert.equal(broken.valid, false);
  assert.match(broken.errors[0].message, /cannot be read/);

  // instances bigger than the kept input buffer, ASCII and not
  const big = ov.compileJsonSchema({ type: "array", items: { type: "string", maxLength: 2 } });
  for (const item of ["ab", "é€", "💩💩"]) {
    const many = JSON.stringify(Array(60000).fill(item));
    assert.equal(big.isValid(many), true);
    const bad = many.slice(0, -1) + ',"abc"]';
    const result = big.validate(bad);
    assert.equal(result.valid, false);
    assert.equal(result.errors[0].instanceLocation, "/60000");
  }
  assert.equal(big.validate("[]").valid, true);
  big.dispose();
  s.dispose();
});

test("validate: short texts are written byte by byte as encodeInto writes them, also after the memory grew", async () => {
  const ov = await oasview();
  // valid: exactly these strings (any byte written wrong changes a verdict)
  const s = ov.compileJsonSchema({ enum: ["abc", "aé", "a💩", "a\ufffd", "a" + "b".repeat(29), 12] });
  const bytes = (text) => new TextEncoder().encode(text); // the path without the short one
  const cases = [['"abc"', true], ['"abd"', false], ['"abcd"', false], ['"aé"', true], ['"aè"', false], ['"a💩"', true],
    ['"a\ud800"', true], ['"\\u0061bc"', true], [`"a${"b".repeat(29)}"`, true], [`"a${"b".repeat(28)}c"`, false], ['"abc"   ', true],
    ["12", true], ["13", false], ['"ab', false]];
  const check = () => {
    for (const [text, valid] of cases) {
      assert.equal(s.isValid(text), valid, text);
      assert.equal(s.validate(text).valid, valid, text);
      assert.equal(s.isValid(bytes(text)), valid, text);
    }
  };
  check();
  // the memory grows (a big schema compiled) under the input buffer's view: the next short text must be the one read
  assert.equal(s.isValid('"abc"'), true);
  const before = ov.memoryBytes;
  const big = ov.compileJsonSchema(`{"enum":[${Array.from({ length: 400000 }, (_, i) => i).join(",")}]}`);
  big.dispose();
  assert.ok(ov.memoryBytes > before, "the memory grew");
  assert.equal(s.isValid('"abd"'), false);
  check();
  s.dispose();
});
