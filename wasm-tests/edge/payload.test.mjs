// payload.test.mjs - doc.validatePayload() through the JS API: request bodies
// and responses of operations and webhooks, media types and status codes,
// JSON text or values, errors with locations, compiled schemas reused, no
// leaks, clear errors for misuse.
import { test } from "node:test";
import assert from "node:assert/strict";
import { oasview } from "../helpers.mjs";

const SPEC = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/pets": {
      post: {
        operationId: "addPet",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        responses: {
          201: { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          "4XX": { description: "problem", content: { "application/problem+json": { schema: { type: "object", required: ["title"] } } } },
        },
      },
    },
  },
  webhooks: {
    "pet.adopted": {
      post: {
        requestBody: { content: { "application/json": { schema: {
          type: "object", required: ["pet"], properties: { pet: { $ref: "#/components/schemas/Pet" } } } } } },
        responses: { 200: { description: "ok" } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: "object", required: ["name"], additionalProperties: false,
        properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } } },
    },
  },
};

async function load() {
  const ov = await oasview();
  return { ov, doc: ov.load(JSON.stringify(SPEC), { filename: "pets.json" }) };
}

test("request bodies of operations and webhooks: values, JSON text and bytes", async () => {
  const { doc } = await load();
  assert.deepEqual(doc.validatePayload("operations/addPet", { name: "Rex", age: 3 }), { valid: true, errors: [] });
  assert.deepEqual(doc.validatePayload("operations/addPet", '{"name":"Rex"}'), { valid: true, errors: [] });
  assert.deepEqual(doc.validatePayload("operations/addPet", new TextEncoder().encode('{"name":"Rex"}')), { valid: true, errors: [] });
  const bad = doc.validatePayload("webhooks/pet.adopted/post", { pet: { age: -1, color: "red" } });
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors.map((e) => [e.instanceLocation, e.keywordLocation]).sort(), [
    ["/pet", "/properties/pet/$ref/required"],
    ["/pet/age", "/properties/pet/$ref/properties/age/minimum"],
    ["/pet/color", "/properties/pet/$ref/additionalProperties"],
  ]);
  for (const e of bad.errors) assert.ok(e.code && e.message, JSON.stringify(e));
  doc.dispose();
});

test("responses by status (exact, range, default) and media type", async () => {
  const { doc } = await load();
  assert.equal(doc.validatePayload("operations/addPet", { name: "a" }, { part: "response", status: 201 }).valid, true);
  const problem = doc.validatePayload("operations/addPet", {}, { part: "response", status: "404" });
  assert.deepEqual(problem.errors.map((e) => e.code), ["required"]);
  assert.equal(doc.validatePayload("operations/addPet", { title: "x" }, { part: "response", status: 422, contentType: "application/problem+json; charset=utf-8" }).valid, true);
  const none = doc.validatePayload("operations/addPet", {}, { part: "response", status: 500 });
  assert.deepEqual([none.valid, none.errors[0].code], [false, "no-response"]);
  const xml = doc.validatePayload("operations/addPet", "{}", { contentType: "application/xml" });
  assert.deepEqual([xml.valid, xml.errors[0].code], [false, "media-type-not-documented"]);
  assert.match(xml.errors[0].message, /application\/json/);
  doc.dispose();
});

test("a payload that is not JSON is invalid with the reader's message", async () => {
  const { doc } = await load();
  for (const [text, code] of [["", "empty-document"], ["{\"name\": ", null], ["[".repeat(5000) + "]".repeat(5000), "nesting-too-deep"], ["name: Rex", null]]) {
    const r = doc.validatePayload("operations/addPet", text);
    assert.equal(r.valid, false, text.slice(0, 20));
    assert.match(r.errors[0].message, /not JSON/);
    if (code) assert.equal(r.errors[0].code, code);
  }
  doc.dispose();
});

test("misuse throws: unknown ids, schemas, a bad part, no payload, a disposed document", async () => {
  const { doc } = await load();
  assert.throws(() => doc.validatePayload("operations/nope", {}), RangeError);
  assert.throws(() => doc.validatePayload("schemas/Pet", {}), RangeError);
  assert.throws(() => doc.validatePayload("operations/addPet", {}, { part: "body" }), TypeError);
  assert.throws(() => doc.validatePayload("operations/addPet", undefined), TypeError);
  doc.dispose();
  assert.throws(() => doc.validatePayload("operations/addPet", {}), /disposed/);
});

test("the compiled schema is kept with the document: repeated calls are fast and leak nothing", async () => {
  const { ov, doc } = await load();
  const payload = JSON.stringify({ pet: { name: "Rex", age: 2 } });
  const t0 = performance.now();
  doc.validatePayload("webhooks/pet.adopted/post", payload);
  const first = performance.now() - t0;
  for (let i = 0; i < 2000; i++) doc.validatePayload("webhooks/pet.adopted/post", payload);
  const before = ov.heapUsed;
  const t1 = performance.now();
  const N = 2000;
  for (let i = 0; i < N; i++) assert.equal(doc.validatePayload("webhooks/pet.adopted/post", payload).valid, true);
  const each = (performance.now() - t1) / N;
  assert.equal(ov.heapUsed, before, "no wasm heap growth across calls");
  console.log(`# validatePayload: first call ${first.toFixed(2)} ms, then ${(each * 1000).toFixed(1)} µs per call`);
  doc.dispose();
  const baseline = ov.heapUsed;
  const again = ov.load(JSON.stringify(SPEC));
  again.validatePayload("operations/addPet", { name: "x" });
  again.dispose();
  assert.equal(ov.heapUsed, baseline, "compiled payload schemas are freed with the document");
});
