// edge-validate.test.mjs - examples/edge-validate in workerd and in Deno: a
// spec POSTed to the worker comes back as diagnostics (JSON, SARIF, text);
// hostile bodies get a 4xx with a message and the worker keeps serving.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, root } from "../helpers.mjs";
import { examples, exampleModules, startDeno, startWorkerd } from "./runtimes.mjs";

const example = readFileSync(join(root, "web/example/openapi.yaml"));
const withError = () => readFileSync(join(corpusDir(), "real-world/redoc-demo--openapi-3-1.yaml"));

const runtimes = {
  workerd: () => startWorkerd(exampleModules("edge-validate")),
  deno: () => startDeno(join(examples, "edge-validate/deno.mjs")),
};

for (const [name, start] of Object.entries(runtimes)) {
  describe(`edge-validate in ${name}`, () => {
    let server;
    before(async () => { server = await start(); });
    after(async () => { await server?.stop(); });

    const post = (body, { query = "", headers = {} } = {}) =>
      fetch(`${server.url}/${query}`, { method: "POST", body, headers: { "content-type": "application/yaml", ...headers } });

    test("a valid spec: 200 with valid true and no diagnostics", async () => {
      const res = await post(example, { query: "?filename=openapi.yaml" });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.deepEqual({ valid: body.valid, version: body.version, title: body.title, n: body.diagnostics.length },
        { valid: true, version: "3.1.0", title: "Plant Shop API", n: 0 });
    });

    test("a spec with an error: 200, valid false, the diagnostic with its position", async () => {
      const res = await post(withError(), { query: "?filename=redoc.yaml" });
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.valid, false);
      assert.equal(body.errors, 1);
      const d = body.diagnostics.find((x) => x.severity === "error");
      assert.ok(d.code && d.message && typeof d.line === "number" && typeof d.column === "number", JSON.stringify(d));
    });

    test("?format=sarif answers SARIF 2.1.0 with the same findings", async () => {
      const res = await post(withError(), { query: "?filename=redoc.yaml&format=sarif" });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type"), /^application\/sarif\+json/);
      const sarif = await res.json();
      assert.equal(sarif.version, "2.1.0");
      const results = sarif.runs[0].results;
      assert.equal(results.filter((r) => r.level === "error").length, 1);
      assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, "redoc.yaml");
    });

    test("bad input gets a 4xx with a message, and the worker serves the next request", async () => {
      const cases = [
        ["an empty body", () => post(""), 400, /empty/],
        ["10 MB of garbage", () => post(new Uint8Array(10 * 1024 * 1024).fill(0x7a)), 413, /larger than/],
        ["invalid UTF-8", () => post(new Uint8Array([0x6f, 0x70, 0x65, 0x6e, 0xc3, 0x28, 0xff, 0xfe])), 400, /UTF-8/],
        ["binary content", () => post(new Uint8Array([1, 2, 3]), { headers: { "content-type": "application/octet-stream" } }), 415, /must be text/],
        ["a JSON bomb of nesting", () => post("[".repeat(200000) + "]".repeat(200000), { headers: { "content-type": "application/json" } }), 400, /nest|deep/i],
        ["a YAML alias bomb", () => post(`a: &a ["x","x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`).join("\n")}\n`), 400, /alias|budget/i],
        ["not an OpenAPI document", () => post("just some text"), 400, /not an OpenAPI document/],
      ];
      for (const [what, send, status, message] of cases) {
        const res = await send();
        assert.equal(res.status, status, what);
        const body = await res.json();
        assert.match(body.error, message, `${what}: ${body.error}`);
        const again = await post(example);
        assert.equal(again.status, 200, `the request after ${what}`);
        assert.equal((await again.json()).valid, true);
      }
    });

    test("other methods and paths", async () => {
      assert.equal((await fetch(`${server.url}/`, { method: "PUT", body: "x" })).status, 405);
      assert.equal((await fetch(`${server.url}/elsewhere`)).status, 404);
      const usage = await fetch(`${server.url}/`);
      assert.equal(usage.status, 200);
      assert.match((await usage.json()).usage, /POST/);
    });
  });
}
