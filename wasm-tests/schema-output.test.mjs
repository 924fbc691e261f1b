// schema-output.test.mjs - JSON Schema's "detailed" output format ({ output: "detailed" }):
// hand-written trees, then over the draft 2020-12 suite: the leaves of the tree are exactly
// the errors of the basic format, and the tree follows the schema (children below their frame).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { corpusDir, dist, oasview, walk } from "./helpers.mjs";

const { JsonSchemaError } = await import(join(dist, "oasview.mjs"));
const ov = await oasview();

const leaf = (keywordLocation, instanceLocation, code, error, absoluteKeywordLocation) => ({
  valid: false, keywordLocation, ...(absoluteKeywordLocation ? { absoluteKeywordLocation } : {}), instanceLocation, code, error,
});

test("detailed: the example of the 2020-12 core spec (§12.4), through $ref and items", () => {
  const schema = {
    $id: "https://example.com/polygon",
    $defs: { point: { type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, additionalProperties: false, required: ["x", "y"] } },
    type: "array", items: { $ref: "#/$defs/point" }, minItems: 3,
  };
  const instance = [{ x: 2.5, y: 1.3 }, { x: 1, z: 6.7 }];
  const base = "https://example.com/polygon#";
  const expected = {
    valid: false, keywordLocation: "", absoluteKeywordLocation: base, instanceLocation: "", errors: [
      leaf("/minItems", "", "minItems", "must have at least 3 items, not 2", `${base}/minItems`),
      {
        valid: false, keywordLocation: "/items/$ref", absoluteKeywordLocation: `${base}/$defs/point`, instanceLocation: "/1", errors: [
          leaf("/items/$ref/required", "/1", "required", 'must have the property "y"', `${base}/$defs/point/required`),
          leaf("/items/$ref/additionalProperties", "/1/z", "false", 'property "z" is not allowed here', `${base}/$defs/point/additionalProperties`),
        ],
      },
    ],
  };
  assert.deepEqual(ov.validateJsonSchema(schema, instance, { output: "detailed" }), expected);
  const compiled = ov.compileJsonSchema(schema);
  try {
    assert.deepEqual(compiled.validate(JSON.stringify(instance), { output: "detailed" }), expected);
    // YAML text takes the loader's path
    assert.deepEqual(compiled.validate("- {x: 1, y: 2}\n", { output: "detailed" }).errors, [leaf("/minItems", "", "minItems", "must have at least 3 items, not 1", `${base}/minItems`)]);
    assert.deepEqual(compiled.validate([{ x: 1, y: 2 }, { x: 1, y: 2 }, { x: 1, y: 2 }], { output: "detailed" }), { valid: true, keywordLocation: "", instanceLocation: "" });
    // the default stays the flat list
    assert.deepEqual(Object.keys(compiled.validate(instance)), ["valid", "errors"]);
    assert.equal(compiled.validate(instance).errors.length, 3);
  } finally {
    compiled.dispose();
  }
});

test("detailed: allOf, properties and anyOf; a frame with one child is replaced by it", () => {
  const schema = { allOf: [{ properties: { a: { type: "string", minLength: 2, pattern: "^[0-9]+$" } } }, { required: ["b"] }], anyOf: [{ type: "integer" }, { type: "boolean" }] };
  assert.deepEqual(ov.validateJsonSchema(schema, { a: "x" }, { output: "detailed" }), {
    valid: false, keywordLocation: "", instanceLocation: "", errors: [
      {
        valid: false, keywordLocation: "/allOf/0/properties/a", instanceLocation: "/a", errors: [
          leaf("/allOf/0/properties/a/minLength", "/a", "minLength", "must be at least 2 characters long, not 1"),
          leaf("/allOf/0/properties/a/pattern", "/a", "pattern", "must match the pattern ^[0-9]+$"),
        ],
      },
      leaf("/allOf/1/required", "", "required", 'must have the property "b"'),
      leaf("/anyOf", "", "anyOf", "must match at least one of the 2 anyOf schemas, and matches none"),
    ],
  });
});

const pointerPrefix = (prefix, p) => p === prefix || p.startsWith(`${prefix}/`) || prefix === "";

/** Check the tree's shape; push its leaves. */
function walkTree(node, leaves, isRoot) {
  assert.equal(node.valid, false);
  if ("error" in node) {
    assert.ok(!isRoot && !("errors" in node));
    const { valid, error, ...rest } = node;
    leaves.push({ ...rest, message: error });
    return;
  }
  assert.ok(Array.isArray(node.errors) && (isRoot || node.errors.length >= 2), `a frame with ${node.errors?.length} children`);
  for (const child of node.errors) {
    assert.ok(pointerPrefix(node.keywordLocation, child.keywordLocation), `${child.keywordLocation} under ${node.keywordLocation}`);
    assert.ok(pointerPrefix(node.instanceLocation, child.instanceLocation), `${child.instanceLocation} under ${node.instanceLocation}`);
    walkTree(child, leaves, false);
  }
}

const canonical = (e) => JSON.stringify([e.instanceLocation, e.keywordLocation, e.absoluteKeywordLocation ?? null, e.code, e.message]);

test("detailed over the draft 2020-12 suite: the leaves are the basic errors, the same count", () => {
  const dir = join(corpusDir(), "json-schema-test-suite/tests/draft2020-12");
  const remotesDir = join(corpusDir(), "json-schema-test-suite/remotes");
  const resources = {};
  for (const path of walk(remotesDir, /\.json$/)) resources[`http://localhost:1234/${relative(remotesDir, path)}`] = readFileSync(path, "utf8");
  let invalid = 0, nested = 0;
  for (const path of walk(dir, /\.json$/).filter((p) => relative(dir, p).indexOf("/") < 0)) {
    for (const group of JSON.parse(readFileSync(path, "utf8"))) {
      let schema;
      try {
        schema = ov.compileJsonSchema(group.schema, { resources });
      } catch (e) {
        if (e instanceof JsonSchemaError) continue;
        throw e;
      }
      try {
        for (const t of group.tests) {
          const text = JSON.stringify(t.data);
          const detailed = schema.validate(text, { output: "detailed" });
          const basic = schema.validate(text);
          const where = `${relative(dir, path)} / ${group.description} / ${t.description}`;
          assert.equal(detailed.valid, basic.valid, where);
          if (basic.valid) {
            assert.deepEqual(detailed, { valid: true, keywordLocation: "", instanceLocation: "" }, where);
            continue;
          }
          invalid++;
          const leaves = [];
          walkTree(detailed, leaves, true);
          if (detailed.errors.some((e) => "errors" in e)) nested++;
          assert.equal(leaves.length, basic.errors.length, where);
          assert.deepEqual(leaves.map(canonical).sort(), basic.errors.map(canonical).sort(), where);
        }
      } finally {
        schema.dispose();
      }
    }
  }
  console.log(`detailed output: ${invalid} invalid instances checked, ${nested} with nested frames`);
  assert.ok(invalid > 500 && nested > 0);
});
