// cli.test.mjs - `oasview lint`: the native CLI and `node bin/oasview.mjs` print the same, with the same exit codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDir, root } from "./helpers.mjs";

const native = process.env.OASVIEW_NATIVE ?? join(root, "build/native/oasview");
const corpus = corpusDir();
const scratch = mkdtempSync(join(tmpdir(), "oasview-cli-"));
const dup = join(scratch, "dup.yaml");
writeFileSync(dup, "openapi: 3.1.0\ninfo: {title: x, version: '1'}\na: 1\na: 2\n");
const broken = join(scratch, "broken.json");
writeFileSync(broken, '{"openapi": "3.1.0", "info": {"title": "x",}}');
const warn = join(scratch, "bom.json");
writeFileSync(warn, '\uFEFF{"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const both = (args) => [run(native, args), run(process.execPath, [join(root, "bin/oasview.mjs"), ...args])];

test("the native CLI was built", () => assert.ok(existsSync(native), `${native} is missing: node scripts/build.mjs --native`));

// 1,500 Schema Objects: the native CLI checks them on a second thread (src/validate/oas/ahead.c), the wasm on one.
const many = join(scratch, "many.json");
writeFileSync(many, JSON.stringify({
  openapi: "3.1.0", info: { title: "x", version: "1" },
  components: { schemas: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`S${i}`,
    i % 500 === 7 ? { type: "object", $anchor: "1bad" } : i === 1234 ? { type: "integer", example: "x" } : { type: "object", properties: { a: { type: "string" } } }])) },
}, null, 1));

const cases = [
  { name: "1,500 Schema Objects, three of them wrong", args: ["lint", many, "--format", "json"], status: 1, out: /"pointer": ?"\/components\/schemas\/S1007\/\$anchor"/ },
  { name: "a valid corpus document", args: ["lint", join(corpus, "examples/v3.1/webhook-example.yaml")], status: 0 },
  { name: "a duplicate key", args: ["lint", dup], status: 1, out: /dup\.yaml:4:1: error duplicate-key: duplicate key "a"/ },
  { name: "a JSON syntax error", args: ["lint", broken], status: 1, out: /broken\.json:1:43: error json-syntax: trailing comma/ },
  { name: "several files, JSON output", args: ["lint", dup, broken, join(corpus, "examples/v3.0/petstore.yaml"), "--format", "json"], status: 1 },
  { name: "a warning passes by default", args: ["lint", warn], status: 0, out: /warning byte-order-mark/ },
  { name: "--fail-on warning", args: ["lint", warn, "--fail-on", "warning"], status: 1 },
  { name: "an unreadable file", args: ["lint", join(scratch, "missing.yaml")], status: 2, err: /cannot read .*missing\.yaml: No such file or directory/ },
  { name: "no files", args: ["lint"], status: 2, err: /usage: oasview lint/ },
  { name: "an unknown option", args: ["lint", dup, "--frobnicate"], status: 2, err: /unknown option --frobnicate/ },
  { name: "a bad format", args: ["lint", dup, "--format", "xml"], status: 2, err: /--format must be/ },
  { name: "--version", args: ["--version"], status: 0, out: /^oasview \d+\.\d+\.\d+\n$/ },
];

for (const c of cases) {
  test(`native and wasm CLIs agree: ${c.name}`, () => {
    const [n, w] = both(c.args);
    assert.equal(n.status, c.status, n.stderr);
    assert.equal(w.status, c.status, w.stderr);
    assert.equal(w.stdout, n.stdout);
    assert.equal(w.stderr, n.stderr);
    if (c.out) assert.match(n.stdout, c.out);
    if (c.err) assert.match(n.stderr, c.err);
  });
}

test("JSON output parses, one entry per file, with the diagnostics of each", () => {
  const [n] = both(["lint", dup, broken, "--format", "json"]);
  const parsed = JSON.parse(n.stdout);
  assert.deepEqual(parsed.map((r) => [r.file, r.valid, r.diagnostics[0].code]), [[dup, false, "duplicate-key"], [broken, false, "json-syntax"]]);
});

// Lint formats and --config (issue 4): the same bytes from both CLIs, for every format.
const config = join(scratch, "oasview.json");
writeFileSync(config, '{"rules": {"tag-undeclared": "error", "component-unused": "off"}}');
const badConfig = join(scratch, "bad.json");
writeFileSync(badConfig, '{"rules": {"tag-undeclard": "off"}}');
const lintFiles = [
  join(corpus, "real-world/redoc-demo--openapi-3-1.yaml"),
  join(corpus, "real-world/resend--resend.json"),
  join(corpus, "oas-schema-tests/pass/operation-object-example.yaml"),
  join(corpus, "fastapi/openapi_webhooks_tutorial001.json"),
  dup,
];
for (const format of ["text", "json", "sarif", "github"]) {
  for (const extra of [[], ["--config", config], ["--fail-on", "warning"], ["--fail-on", "hint"]]) {
    test(`native and wasm CLIs agree: --format ${format} ${extra.join(" ")}`, () => {
      const [n, w] = both(["lint", ...lintFiles, "--format", format, ...extra]);
      assert.equal(n.status, 1, n.stderr);
      assert.equal(w.status, n.status, w.stderr);
      assert.equal(w.stdout, n.stdout);
      assert.equal(w.stderr, n.stderr);
      if (format === "json" || format === "sarif") JSON.parse(n.stdout);
    });
  }
}

test("SARIF output is one 2.1.0 log with positions and rule ids", () => {
  const [n] = both(["lint", join(corpus, "real-world/redoc-demo--openapi-3-1.yaml"), "--format", "sarif"]);
  const log = JSON.parse(n.stdout);
  assert.equal(log.version, "2.1.0");
  const errors = log.runs[0].results.filter((r) => r.level === "error");
  assert.equal(errors.length, 1);
  assert.equal(errors[0].ruleId, "mutually-exclusive");
  assert.deepEqual([errors[0].locations[0].physicalLocation.region.startLine, errors[0].locations[0].physicalLocation.region.startColumn], [54, 3]);
});

test("a valid document passes --fail-on error but not --fail-on hint when it has hints", () => {
  const file = join(corpus, "oas-schema-tests/pass/operation-object-example.yaml");
  for (const [args, status] of [[[], 0], [["--fail-on", "warning"], 1]]) {
    const [n, w] = both(["lint", file, ...args]);
    assert.equal(n.status, status);
    assert.equal(w.status, status);
  }
});

test("a bad --config is a usage error in both CLIs", () => {
  const [n, w] = both(["lint", dup, "--config", badConfig]);
  assert.equal(n.status, 2);
  assert.equal(w.status, 2);
  assert.match(n.stderr, /unknown rule id "tag-undeclard": did you mean "tag-undeclared"\?/);
  assert.equal(w.stderr, n.stderr);
});

// External $refs (issue 4): files named by a spec are read relative to it, by both CLIs; other schemes are not fetched.
const multi = join(scratch, "multi");
mkdirSync(join(multi, "api/schemas"), { recursive: true });
mkdirSync(join(multi, "api/shared"), { recursive: true });
writeFileSync(join(multi, "api/openapi.yaml"), `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'schemas/pet.yaml#/Pet'}
        '404': {$ref: 'shared/missing.yaml#/NotFound'}
        '500': {$ref: 'https://example.com/errors.yaml#/Error'}
`);
writeFileSync(join(multi, "api/schemas/pet.yaml"), "Pet:\n  type: object\n  properties:\n    tag: {$ref: '../shared/tag.yaml'}\n    owner: {$ref: '../shared/owner.yaml'}\n");
writeFileSync(join(multi, "api/shared/tag.yaml"), "type: string\n");
writeFileSync(join(multi, "api/shared/broken.yaml"), "a: [\n");
writeFileSync(join(multi, "api/ok.yaml"), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: 'schemas/pet.yaml#/Pet/properties/tag'}\n    Broken: {$ref: 'shared/broken.yaml'}\n");

for (const format of ["text", "json", "sarif", "github"]) {
  test(`native and wasm CLIs agree on external files: --format ${format}`, () => {
    // from another directory: paths are relative to the spec, not to the working directory
    const [n, w] = both(["lint", join(multi, "api/openapi.yaml"), join(multi, "api/ok.yaml"), "--format", format]);
    assert.equal(n.status, 1, n.stderr);
    assert.equal(w.status, n.status, w.stderr);
    assert.equal(w.stdout, n.stdout);
    assert.equal(w.stderr, n.stderr);
    if (format !== "text") return;
    const spec = join(multi, "api");
    assert.match(n.stdout, new RegExp(`points into \`${spec}/shared/missing\\.yaml\`, which could not be read: No such file or directory`));
    // a broken $ref inside another file: said there, with that file's path, line and column
    assert.ok(n.stdout.includes(`${spec}/schemas/pet.yaml:5:19: error ref-external-unreadable: \`$ref\` "../shared/owner.yaml" points into \`${spec}/shared/owner.yaml\`, which could not be read: No such file or directory`), n.stdout);
    assert.match(n.stdout, /warning ref-external: `\$ref` "https:\/\/example\.com\/errors\.yaml#\/Error" points into another document, `https:\/\/example\.com\/errors\.yaml`, which was not loaded \(the resolver did not provide it\)/);
    assert.match(n.stdout, new RegExp(`\`${spec}/shared/broken\\.yaml\`, which could not be read: ${spec}/shared/broken\\.yaml:2:1: `));
    assert.doesNotMatch(n.stdout, /tag\.yaml/, "a file that exists and resolves is not mentioned");
  });
}

// Objects in referenced files are validated as if inline, and reported in their own file (issue 4).
const split = join(scratch, "split");
mkdirSync(join(split, "api/paths"), { recursive: true });
writeFileSync(join(split, "api/openapi.yaml"), `openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets: {$ref: 'paths/pets.yaml'}
  /pets/{id}: {$ref: 'paths/pet.yaml'}
  /loop: {$ref: 'paths/loop.yaml#/loop'}
components:
  securitySchemes:
    key: {type: apiKey, name: X-Key, in: header}
`);
writeFileSync(join(split, "api/paths/pets.yaml"), `get:
  operationId: listPets
  security: [{key: []}]
  responses:
    '200':
      description: the pets
      content: {application/json: {schema: {type: array, items: {$ref: '../schemas.yaml#/Pet'}}}}
`);
writeFileSync(join(split, "api/paths/pet.yaml"), `parameters:
  - {name: id, in: path, required: true, schema: {type: string}}
get:
  operationId: getPet
  responses:
    '200':
      description: a pet
      content: {application/json: {schema: {$ref: '../schemas.yaml#/Pet'}}}
`);
writeFileSync(join(split, "api/schemas.yaml"), "Pet:\n  type: object\n  properties:\n    name: {type: string}\n    parent: {$ref: '#/Pet'}\n");
// A Path Item $ref cycle across two files (an error, said once per $ref), next to the valid spec without it.
writeFileSync(join(split, "api/paths/loop.yaml"), "loop: {$ref: '../openapi.yaml#/paths/~1loop'}\n");
writeFileSync(join(split, "api/valid.yaml"), "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets: {$ref: 'paths/pets.yaml'}\n  /pets/{id}: {$ref: 'paths/pet.yaml'}\ncomponents:\n  securitySchemes:\n    key: {type: apiKey, name: X-Key, in: header}\n");
const splitBad = join(scratch, "split-bad");
mkdirSync(join(splitBad, "paths"), { recursive: true });
writeFileSync(join(splitBad, "openapi.yaml"), "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets: {$ref: 'paths/pets.yaml'}\n  /pets/{id}: {$ref: 'paths/pet.yaml'}\n");
writeFileSync(join(splitBad, "paths/pets.yaml"), "get:\n  operationId: listPets\n  responses: {'200': {description: ok}}\n");
writeFileSync(join(splitBad, "paths/pet.yaml"), `get:
  operationId: listPets
  parameters: [{name: id, in: path, required: true, schema: {type: string}}]
  responses:
    '200': {descripton: a pet}
`);

test("a valid spec split over several files: no finding from either CLI", () => {
  for (const r of both(["lint", join(split, "api/valid.yaml"), "--fail-on", "hint"])) {
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, "0 errors, 0 warnings in 1 file\n");
  }
});

for (const format of ["text", "json", "sarif", "github"]) {
  test(`native and wasm CLIs agree on errors inside referenced files: --format ${format}`, () => {
    const [n, w] = both(["lint", join(splitBad, "openapi.yaml"), join(split, "api/openapi.yaml"), "--format", format]);
    assert.equal(n.status, 1, n.stderr);
    assert.equal(w.status, n.status, w.stderr);
    assert.equal(w.stdout, n.stdout);
    assert.equal(w.stderr, n.stderr);
    const pet = join(splitBad, "paths/pet.yaml"), pets = join(splitBad, "paths/pets.yaml");
    if (format === "text") {
      // the other file's path, its line and column, and its line as the excerpt
      assert.ok(n.stdout.includes(`${pet}:5:13: error unknown-field: unknown field \`descripton\`: did you mean \`description\`? (at #/get/responses/200/descripton)\n` +
        "     5 |     '200': {descripton: a pet}\n       |             ^~~~~~~~~~\n"), n.stdout);
      assert.ok(n.stdout.includes(`${pet}:2:16: error operation-id-unique: operationId \`listPets\` is already used by the operation in \`${pets}\` at line 2`), n.stdout);
      assert.match(n.stdout, /openapi\.yaml:6:17: error ref-cycle: `\$ref` "paths\/loop\.yaml#\/loop" starts a cycle/);
    } else if (format === "json") {
      const [bad] = JSON.parse(n.stdout);
      assert.deepEqual(bad.diagnostics.map(({ code, uri, line, column }) => ({ code, uri, line, column })), [
        { code: "unknown-field", uri: pet, line: 5, column: 13 },
        { code: "missing-field", uri: pet, line: 5, column: 5 },
        { code: "operation-id-unique", uri: pet, line: 2, column: 16 },
      ]);
    } else if (format === "sarif") {
      const results = JSON.parse(n.stdout).runs[0].results;
      assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, pet);
      assert.deepEqual(results[0].locations[0].physicalLocation.region, { startLine: 5, startColumn: 13, endLine: 5, endColumn: 23, byteOffset: 131, byteLength: 10 });
    } else {
      assert.ok(n.stdout.startsWith(`::error file=${pet},line=5,col=13,endLine=5,endColumn=23,title=unknown-field::`), n.stdout);
    }
  });
}

// Examples and defaults are checked in every file, against schemas of any file (issue 4).
const splitExamples = join(scratch, "split-examples");
mkdirSync(splitExamples, { recursive: true });
writeFileSync(join(splitExamples, "openapi.yaml"), `openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: 'schemas.yaml#/Pet'}, example: {name: 12}}}
        '201': {$ref: 'schemas.yaml#/Created'}
`);
writeFileSync(join(splitExamples, "schemas.yaml"), `Pet:
  type: object
  properties:
    name: {type: string, default: 0}
Created:
  description: created
  content: {application/json: {schema: {$ref: '#/Pet'}, example: {name: false}}}
`);

test("both CLIs check examples and defaults in every file, said where they are written", () => {
  const [n, w] = both(["lint", join(splitExamples, "openapi.yaml"), "--format", "json"]);
  assert.equal(n.status, 0, n.stderr);
  assert.equal(w.status, n.status, w.stderr);
  assert.equal(w.stdout, n.stdout);
  const [result] = JSON.parse(n.stdout);
  const schemas = join(splitExamples, "schemas.yaml");
  assert.deepEqual(result.diagnostics.map(({ code, uri, pointer, line, column }) => ({ code, uri, pointer, line, column })), [
    { code: "example-invalid", uri: undefined, pointer: "/paths/~1pets/get/responses/200/content/application~1json/example/name", line: 9, column: 93 },
    { code: "default-invalid", uri: schemas, pointer: "/Pet/properties/name/default", line: 4, column: 35 },
    { code: "example-invalid", uri: schemas, pointer: "/Created/content/application~1json/example/name", line: 7, column: 73 },
  ]);
});

// `oasview schema validate` (issue 3): the same bytes from both CLIs, basic and detailed output.
const polygon = join(scratch, "polygon.json");
writeFileSync(polygon, JSON.stringify({
  $id: "https://example.com/polygon",
  $defs: { point: { type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, additionalProperties: false, required: ["x", "y"] } },
  type: "array", items: { $ref: "#/$defs/point" }, minItems: 3,
}));
const points = join(scratch, "points.json");
writeFileSync(points, '[{"x": 2.5, "y": 1.3}, {"x": 1, "z": 6.7}]');
const triangle = join(scratch, "triangle.yaml");
writeFileSync(triangle, "- {x: 0, y: 0}\n- {x: 1, y: 0}\n- {x: 0, y: 1}\n");
for (const [name, args, status, instance = points] of [
  ["text", [], 1], ["json", ["--format", "json"], 1], ["detailed", ["--output", "detailed"], 1],
  ["detailed, valid YAML instance", ["--output", "detailed"], 0, triangle], ["a bad --output", ["--output", "verbose"], 2],
]) {
  test(`native and wasm CLIs agree: schema validate, ${name}`, () => {
    const [n, w] = both(["schema", "validate", polygon, instance, ...args]);
    assert.equal(n.status, status, n.stderr);
    assert.equal(w.status, status, w.stderr);
    assert.equal(w.stdout, n.stdout);
    assert.equal(w.stderr, n.stderr);
    if (args.includes("detailed") && status === 1) assert.equal(JSON.parse(n.stdout).errors[1].keywordLocation, "/items/$ref");
    if (status === 0) assert.equal(n.stdout, '{"valid":true,"keywordLocation":"","instanceLocation":""}\n');
  });
}
