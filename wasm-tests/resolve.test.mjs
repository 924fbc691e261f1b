// resolve.test.mjs - external $refs through the host's resolver: load(text, { resolve }) (synchronous)
// and loadAsync(text, { resolve }) (a resolver that may return a Promise). The module never fetches:
// every test here runs with fetch and XMLHttpRequest replaced by spies that fail it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { oasview } from "./helpers.mjs";

const calls = [];
const saved = { fetch: globalThis.fetch, XMLHttpRequest: globalThis.XMLHttpRequest };
let ov;
before(async () => {
  ov = await oasview(); // instantiated before the spies: reading the .wasm is the package's one read
  globalThis.fetch = (...args) => { calls.push(args); throw new Error("oasview must not fetch"); };
  globalThis.XMLHttpRequest = function () { calls.push("xhr"); throw new Error("oasview must not use XMLHttpRequest"); };
});
after(() => {
  globalThis.fetch = saved.fetch;
  globalThis.XMLHttpRequest = saved.XMLHttpRequest;
  assert.deepEqual(calls, [], "nothing was fetched");
});

const BASE = "https://api.example.com/v1/";
const main = (schemas, extra = {}) => JSON.stringify({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/pets": {
      get: {
        responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: "schemas/pet.yaml#/Pet" } } } } },
      },
    },
  },
  components: { schemas },
  ...extra,
}, null, 2);

// The documents a host serves, by absolute URI.
const files = {
  // Pet leads on to ../shared/pet.yaml (relative to this document's URI), Owner back into the main document.
  [`${BASE}schemas/pet.yaml`]: "Pet: {$ref: '../shared/pet.yaml'}\nOwner: {$ref: '../openapi.json#/components/schemas/Owner'}\n",
  [`${BASE}shared/pet.yaml`]: "type: object\nproperties:\n  tag: {type: string}\n",
};
const codes = (doc) => doc.diagnostics.map((d) => d.code);
const only = (doc, code) => doc.diagnostics.filter((d) => d.code === code);

function recorder(serve) {
  const asked = [];
  const resolve = (uri) => { asked.push(uri); return serve(uri); };
  return { asked, resolve };
}

test("load() with a synchronous resolver: external documents resolve, relative to the document that names them", () => {
  const { asked, resolve } = recorder((uri) => files[uri]);
  const doc = ov.load(main({ Owner: { type: "object" }, PetOwner: { $ref: "schemas/pet.yaml#/Owner" } }), { filename: `${BASE}openapi.json`, resolve });
  try {
    assert.deepEqual(codes(doc).filter((c) => c.startsWith("ref-")), [], JSON.stringify(doc.diagnostics));
    assert.equal(doc.valid, true);
    // pet.yaml names ../shared/pet.yaml: resolved against pet.yaml's own URI; each URI asked for once.
    assert.deepEqual(asked, [`${BASE}schemas/pet.yaml`, `${BASE}shared/pet.yaml`]);
  } finally {
    doc.dispose();
  }
});

test("the same document without a resolver: a warning naming each external URI, and still valid", () => {
  const doc = ov.load(main({ Owner: { type: "object" } }), { filename: `${BASE}openapi.json` });
  try {
    const external = only(doc, "ref-external");
    assert.equal(external.length, 1);
    assert.equal(external[0].severity, "warning");
    assert.match(external[0].message, /`https:\/\/api\.example\.com\/v1\/schemas\/pet\.yaml`, which was not loaded \(no resolver was given\)/);
    assert.equal(external[0].pointer, "/paths/~1pets/get/responses/200/content/application~1json/schema/$ref");
    assert.equal(doc.valid, true);
  } finally {
    doc.dispose();
  }
});

test("loadAsync() with an async resolver: in parallel, each URI once, same result as load()", async () => {
  const many = {};
  const schemas = { Owner: { type: "object" } };
  for (let i = 0; i < 20; i++) {
    many[`${BASE}m/${i}.yaml`] = `type: integer\nminimum: ${i}\n`;
    schemas[`S${i}`] = { $ref: `m/${i}.yaml` };
    schemas[`T${i}`] = { $ref: `m/${i}.yaml` }; // the same document twice: asked for once
  }
  let running = 0, most = 0;
  const asked = [];
  const resolve = async (uri) => {
    asked.push(uri);
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return files[uri] ?? many[uri];
  };
  const doc = await ov.loadAsync(main(schemas), { filename: `${BASE}openapi.json`, resolve });
  try {
    assert.deepEqual(codes(doc).filter((c) => c.startsWith("ref-")), [], JSON.stringify(doc.diagnostics));
    assert.equal(new Set(asked).size, asked.length, "no URI asked for twice");
    assert.equal(asked.length, 22); // pet.yaml, shared/pet.yaml and m/0..19.yaml
    assert.ok(most > 1 && most <= 8, `at most 8 at a time, and more than one (${most})`);
    const sync = ov.load(main(schemas), { filename: `${BASE}openapi.json`, resolve: (uri) => files[uri] ?? many[uri] });
    assert.deepEqual(doc.diagnostics, sync.diagnostics);
    sync.dispose();
  } finally {
    doc.dispose();
  }
});

test("loadAsync() takes a synchronous resolver and bytes too; without one it is load() in a Promise", async () => {
  const text = new TextEncoder().encode(main({ Owner: { type: "object" } }));
  const doc = await ov.loadAsync(text, { filename: `${BASE}openapi.json`, resolve: (uri) => new TextEncoder().encode(files[uri]) });
  assert.equal(doc.valid, true);
  assert.deepEqual(only(doc, "ref-external"), []);
  doc.dispose();
  const plain = await ov.loadAsync(text, { filename: `${BASE}openapi.json` });
  assert.equal(only(plain, "ref-external").length, 1);
  plain.dispose();
  await assert.rejects(ov.loadAsync(42), TypeError);
});

test("load() refuses a resolver that returns a Promise, and leaks nothing", () => {
  const before = ov.heapUsed;
  assert.throws(() => ov.load(main({}), { filename: "openapi.json", resolve: async () => "type: string" }), /use loadAsync\(\)/);
  assert.throws(() => ov.load(main({}), { filename: "openapi.json", resolve: () => ({ not: "text" }) }), /must give the document's text/);
  assert.throws(() => ov.load(main({}), { resolve: "files" }), TypeError);
  assert.equal(ov.heapUsed, before);
});

test("a cycle through two documents is an error, not a hang", async () => {
  const serve = { [`${BASE}loop.yaml`]: "Loop: {$ref: 'openapi.json#/components/schemas/B'}\n" };
  const text = main({ A: { $ref: "loop.yaml#/Loop" }, B: { $ref: "loop.yaml#/Loop" } });
  const doc = await ov.loadAsync(text, { filename: `${BASE}openapi.json`, resolve: async (uri) => serve[uri] ?? files[uri] });
  try {
    assert.ok(only(doc, "ref-cycle").length >= 1, JSON.stringify(doc.diagnostics));
    assert.equal(doc.valid, false);
  } finally {
    doc.dispose();
  }
});

test("a document the resolver does not have: a warning naming its URI", () => {
  const doc = ov.load(main({ Gone: { $ref: "gone.yaml#/X" } }), { filename: `${BASE}openapi.json`, resolve: (uri) => files[uri] });
  try {
    const external = only(doc, "ref-external");
    assert.equal(external.length, 1, JSON.stringify(doc.diagnostics));
    assert.equal(external[0].severity, "warning");
    assert.match(external[0].message, /`https:\/\/api\.example\.com\/v1\/gone\.yaml`, which was not loaded \(the resolver did not provide it\)/);
    assert.equal(external[0].pointer, "/components/schemas/Gone/$ref");
  } finally {
    doc.dispose();
  }
});

test("a resolver that throws or rejects: an error naming the URI and the reason", async () => {
  const text = main({ Denied: { $ref: "private/x.yaml" } });
  const fail = (uri) => {
    if (uri.includes("private")) throw new Error("HTTP 403 Forbidden");
    return files[uri];
  };
  const sync = ov.load(text, { filename: `${BASE}openapi.json`, resolve: fail });
  const async = await ov.loadAsync(text, { filename: `${BASE}openapi.json`, resolve: async (uri) => fail(uri) });
  try {
    for (const doc of [sync, async]) {
      const bad = only(doc, "ref-external-unreadable");
      assert.equal(bad.length, 1, JSON.stringify(doc.diagnostics));
      assert.equal(bad[0].severity, "error");
      assert.match(bad[0].message, /points into `https:\/\/api\.example\.com\/v1\/private\/x\.yaml`, which could not be read: HTTP 403 Forbidden/);
      assert.equal(doc.valid, false);
    }
    assert.deepEqual(sync.diagnostics, async.diagnostics);
  } finally {
    sync.dispose();
    async.dispose();
  }
});

test("problems inside an external document name that document, with the line and column there", () => {
  const serve = {
    ...files,
    [`${BASE}broken.yaml`]: "Pet:\n  type: object\n  properties: [\n",
    [`${BASE}chain.yaml`]: "A:\n  type: object\nB:\n  $ref: '#/Nowhere'\n",
  };
  const text = main({ Owner: {}, Broken: { $ref: "broken.yaml#/Pet" }, Inside: { $ref: "chain.yaml#/B" }, Missing: { $ref: "chain.yaml#/C" } });
  const doc = ov.load(text, { filename: `${BASE}openapi.json`, resolve: (uri) => serve[uri] });
  try {
    const [broken] = only(doc, "ref-external-unreadable");
    assert.match(broken.message, /`https:\/\/api\.example\.com\/v1\/broken\.yaml`, which could not be read: https:\/\/api\.example\.com\/v1\/broken\.yaml:4:1: /);
    const notFound = only(doc, "ref-not-found").map(({ uri, pointer, line, column, message }) => ({ uri, pointer, line, column, message }));
    const at = (p) => { const { line, column } = doc.locate(p); return { line, column }; };
    assert.deepEqual(notFound, [
      { uri: undefined, pointer: "/components/schemas/Inside/$ref", ...at("/components/schemas/Inside/$ref"),
        message: '`$ref` "chain.yaml#/B" leads to a `$ref` in `https://api.example.com/v1/chain.yaml` (line 4, column 9) that points at nothing' },
      // every reference inside a document brought in is checked, and said where it is written
      { uri: `${BASE}chain.yaml`, pointer: "/B/$ref", line: 4, column: 9, message: '`$ref` "#/Nowhere" points at nothing: no such place in the document' },
      { uri: undefined, pointer: "/components/schemas/Missing/$ref", ...at("/components/schemas/Missing/$ref"),
        message: '`$ref` "chain.yaml#/C" points at nothing: `https://api.example.com/v1/chain.yaml` has no such place' },
    ]);
  } finally {
    doc.dispose();
  }
});

test("limits: at most 64 documents are asked for, and their texts together fit in maxInputBytes", async () => {
  // d<N>.json names d<N+1>.json: a chain through ever more documents.
  const asked = [];
  const chain = async (uri) => {
    asked.push(uri);
    const n = Number(/d(\d+)\.json$/.exec(uri)[1]);
    return JSON.stringify({ x: { $ref: `d${n + 1}.json#/x` } });
  };
  const text = main({ Owner: {}, Far: { $ref: "d1.json#/x" } });
  const doc = await ov.loadAsync(text, { filename: `${BASE}openapi.json`, resolve: async (uri) => files[uri] ?? chain(uri), limits: { maxRefHops: 1000 } });
  try {
    const bad = only(doc, "ref-external-unreadable");
    // said where the chain is written, and where it breaks (inside the last document read)
    assert.equal(bad.length, 2, JSON.stringify(doc.diagnostics.map((d) => d.message)));
    for (const d of bad) assert.match(d.message, /which could not be read: it would be document \d+ read through the resolver, more than the limit of 64/);
    assert.ok(asked.length <= 64, `${asked.length} documents asked for`);
  } finally {
    doc.dispose();
  }
  // Bytes: a resolver's huge text is refused before it is copied in.
  const heapBefore = ov.heapPeak;
  const huge = "x".repeat(8 << 20);
  const big = ov.load(text, { filename: `${BASE}openapi.json`, limits: { maxInputBytes: 1 << 20 }, resolve: (uri) => (uri.endsWith("pet.yaml") ? huge : files[uri]) });
  try {
    const [tooBig] = only(big, "ref-external-unreadable");
    assert.match(tooBig.message, /schemas\/pet\.yaml`, which could not be read: it is 8388608 bytes, .*more than the limit of 1048576 bytes \(max_input_bytes\)/);
    assert.ok(ov.heapPeak - heapBefore < 8 << 20, "the text was not copied into wasm memory");
  } finally {
    big.dispose();
  }
});

test("repeated loads with a resolver leak nothing, and the model can be built after them", async () => {
  const text = main({ Owner: { type: "object" }, Gone: { $ref: "gone.yaml" } });
  const warm = ov.load(text, { filename: `${BASE}openapi.json`, resolve: (uri) => files[uri] });
  warm.dispose();
  const before = ov.heapUsed;
  for (let i = 0; i < 5; i++) {
    const doc = await ov.loadAsync(text, { filename: `${BASE}openapi.json`, resolve: async (uri) => files[uri] });
    const nav = doc.navigation();
    for (const g of nav.groups) for (const item of g.items) assert.ok(doc.entry(item.id));
    doc.dispose();
  }
  assert.equal(ov.heapUsed, before);
});

// Objects in other documents are validated as if inline (issue 4), and reported in their own document.
const multiFiles = {
  [`${BASE}paths/pets.yaml`]: "get:\n  operationId: listPets\n  responses:\n    '200':\n      description: the pets\n      content:\n        application/json:\n          schema: {type: array, items: {$ref: '../schemas.yaml#/Pet'}}\n",
  [`${BASE}paths/pet.yaml`]: "parameters:\n  - {name: id, in: path, required: true, schema: {type: string}}\nget:\n  operationId: getPet\n  responses:\n    '200': {description: a pet}\n",
  [`${BASE}schemas.yaml`]: "Pet:\n  type: object\n  properties:\n    name: {type: string}\n    parent: {$ref: '#/Pet'}\n",
};
const multiMain = JSON.stringify({
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: { "/pets": { $ref: "paths/pets.yaml" }, "/pets/{id}": { $ref: "paths/pet.yaml" } },
});

test("a valid spec in several documents has no findings, with load() and loadAsync()", async () => {
  for (const doc of [ov.load(multiMain, { filename: `${BASE}openapi.json`, resolve: (uri) => multiFiles[uri] }),
    await ov.loadAsync(multiMain, { filename: `${BASE}openapi.json`, resolve: async (uri) => multiFiles[uri] })]) {
    try {
      assert.deepEqual(doc.diagnostics, []);
      assert.equal(doc.valid, true);
    } finally {
      doc.dispose();
    }
  }
});

test("an error inside another document names it (uri), with the pointer, line and column there", async () => {
  const serve = {
    ...multiFiles,
    [`${BASE}paths/pet.yaml`]: "get:\n  operationId: listPets\n  parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n  responses:\n    '200': {descripton: a pet}\n",
  };
  const expected = [
    { code: "unknown-field", uri: `${BASE}paths/pet.yaml`, pointer: "/get/responses/200/descripton", line: 5, column: 13 },
    { code: "missing-field", uri: `${BASE}paths/pet.yaml`, pointer: "/get/responses/200", line: 5, column: 5 },
    // unique across documents: the second one is said, naming where the first one is
    { code: "operation-id-unique", uri: `${BASE}paths/pet.yaml`, pointer: "/get/operationId", line: 2, column: 16 },
  ];
  for (const doc of [ov.load(multiMain, { filename: `${BASE}openapi.json`, resolve: (uri) => serve[uri] }),
    await ov.loadAsync(multiMain, { filename: `${BASE}openapi.json`, resolve: async (uri) => serve[uri] })]) {
    try {
      assert.deepEqual(doc.diagnostics.map(({ code, uri, pointer, line, column }) => ({ code, uri, pointer, line, column })), expected);
      assert.match(only(doc, "operation-id-unique")[0].message, /already used by the operation in `https:\/\/api\.example\.com\/v1\/paths\/pets\.yaml` at line 2/);
      assert.equal(doc.valid, false);
      // the CLI formats name that document too
      assert.match(doc.formatText(), /^https:\/\/api\.example\.com\/v1\/paths\/pet\.yaml:5:13: error unknown-field: .*\n {5}5 \| {5}'200': \{descripton: a pet\}\n/m);
      const sarif = JSON.parse(ov.lintBegin("sarif") + doc.formatLint("sarif") + ov.lintEnd("sarif"));
      assert.deepEqual(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri), expected.map((e) => e.uri));
    } finally {
      doc.dispose();
    }
  }
});
