// webhook-receiver.test.mjs - examples/webhook-receiver in workerd and Deno,
// with the Adyen balance platform spec bundled: every webhook's generated
// example delivery is accepted; a wrong type, a missing required property and
// an extra property (additionalProperties: false) are rejected with their
// locations; hostile bodies get a 4xx and the worker keeps serving.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, oasview } from "../helpers.mjs";
import { examples, exampleModules, startDeno, startWorkerd } from "./runtimes.mjs";

const specPath = () => join(corpusDir(), "real-world/adyen--BalancePlatformConfigurationNotification-v2.json");

/** Every webhook with its example delivery (from the render model), computed in Node. */
async function deliveries() {
  const ov = await oasview();
  const doc = ov.load(readFileSync(specPath()), { filename: "adyen.json" });
  try {
    return doc.navigation().webhooks.map((w) => {
      const media = doc.entry(w.id).requestBody.content.find((m) => m.mediaType === "application/json");
      return { name: w.name, id: w.id, payload: JSON.parse(media.examples[0].value) };
    });
  } finally {
    doc.dispose();
  }
}

const runtimes = {
  workerd: () => startWorkerd(exampleModules("webhook-receiver", [{ name: "openapi.json", type: "text", path: specPath() }])),
  deno: () => startDeno(join(examples, "webhook-receiver/deno.mjs"),
    { allowRead: [specPath()], allowEnv: ["SPEC"], env: { SPEC: specPath() } }),
};

for (const [name, start] of Object.entries(runtimes)) {
  describe(`webhook-receiver in ${name} with the Adyen spec`, () => {
    let server, all;
    before(async () => { [server, all] = await Promise.all([start(), deliveries()]); });
    after(async () => { await server?.stop(); });

    const deliver = (hook, body, headers = {}) =>
      fetch(`${server.url}/webhooks/${encodeURIComponent(hook)}`, {
        method: "POST",
        body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
        headers: { "content-type": "application/json", ...headers },
      });

    test("GET /webhooks lists every webhook of the spec", async () => {
      const res = await fetch(`${server.url}/webhooks`);
      assert.equal(res.status, 200);
      const { webhooks } = await res.json();
      assert.deepEqual(webhooks.map((w) => w.name), all.map((d) => d.name));
      assert.ok(webhooks.length >= 20, `${webhooks.length} webhooks`);
    });

    test("the generated example delivery of every webhook is accepted", async () => {
      for (const d of all) {
        const res = await deliver(d.name, d.payload);
        const body = await res.json();
        assert.equal(res.status, 200, `${d.name}: ${JSON.stringify(body.errors?.slice(0, 3))}`);
        assert.deepEqual(body, { received: true, webhook: d.name });
      }
    });

    test("a wrong type, a missing required property and an extra property are rejected with their locations", async () => {
      const hook = "balancePlatform.accountHolder.created";
      const good = all.find((d) => d.name === hook).payload;
      const bad = structuredClone(good);
      bad.environment = 42;                            // type: string
      delete bad.type;                                 // required: environment, type, data
      bad.data.accountHolder.contactDetails.address.unexpected = true; // Address: additionalProperties false
      const res = await deliver(hook, bad);
      assert.equal(res.status, 400);
      const body = await res.json();
      assert.match(body.error, /does not match the documented schema/);
      const at = (loc, code) => body.errors.find((e) => e.instanceLocation === loc && e.code === code);
      assert.ok(at("/environment", "type"), JSON.stringify(body.errors));
      assert.ok(at("", "required"), JSON.stringify(body.errors));
      assert.match(at("", "required").message, /type/);
      const extra = body.errors.find((e) => e.instanceLocation === "/data/accountHolder/contactDetails/address/unexpected");
      assert.ok(extra, JSON.stringify(body.errors));
      assert.match(extra.keywordLocation, /\/additionalProperties$/);
      assert.match(extra.message, /not allowed/);
      for (const e of body.errors) assert.ok(e.keywordLocation.startsWith("/"), e.keywordLocation);
    });

    test("unknown webhooks, methods and media types", async () => {
      assert.equal((await deliver("no.such.event", {})).status, 404);
      const put = await fetch(`${server.url}/webhooks/balancePlatform.accountHolder.created`, { method: "PUT", body: "{}" });
      assert.equal(put.status, 405);
      const xml = await deliver("balancePlatform.accountHolder.created", "<x/>", { "content-type": "application/xml" });
      assert.equal(xml.status, 415);
      assert.match((await xml.json()).error, /media type/);
    });

    test("bad input gets a 4xx with a message, and the worker serves the next request", async () => {
      const hook = "balancePlatform.accountHolder.created";
      const good = all.find((d) => d.name === hook).payload;
      const cases = [
        ["an empty body", () => deliver(hook, ""), 400, /empty/],
        ["10 MB of garbage", () => deliver(hook, new Uint8Array(10 * 1024 * 1024).fill(0x7a)), 413, /larger than/],
        ["invalid UTF-8", () => deliver(hook, new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])), 400, /UTF-8/],
        ["a JSON bomb of nesting", () => deliver(hook, "[".repeat(100000) + "]".repeat(100000)), 400, /does not match/],
        ["JSON with a syntax error", () => deliver(hook, '{"type": '), 400, /does not match/],
      ];
      for (const [what, send, status, message] of cases) {
        const res = await send();
        assert.equal(res.status, status, what);
        const body = await res.json();
        assert.match(body.error, message, `${what}: ${body.error}`);
        if (what.includes("bomb")) assert.equal(body.errors[0].code, "nesting-too-deep");
        const again = await deliver(hook, good);
        assert.equal(again.status, 200, `the delivery after ${what}`);
        await again.body?.cancel();
      }
    });
  });
}

test("the example's own spec and deliveries, through the JS API (no worker)", async () => {
  const ov = await oasview();
  const doc = ov.load(readFileSync(join(examples, "webhook-receiver/openapi.json")), { filename: "openapi.json" });
  assert.deepEqual(doc.diagnostics.filter((d) => d.severity === "error"), []);
  const ok = doc.validatePayload("webhooks/plant.sold/post",
    { event: "plant.sold", plant: { id: 1, name: "Fern", price: 9.5 }, soldAt: "2024-05-01T10:00:00Z" });
  assert.deepEqual(ok, { valid: true, errors: [] });
  const bad = doc.validatePayload("webhooks/plant.sold/post", { event: "plant.sold", plant: { id: 0, name: "" }, soldAt: "x", tip: 1 });
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors.map((e) => [e.instanceLocation, e.keywordLocation]), [
    ["/plant/id", "/$ref/properties/plant/$ref/properties/id/minimum"],
    ["/plant/name", "/$ref/properties/plant/$ref/properties/name/minLength"],
    ["/tip", "/$ref/additionalProperties"],
  ]);
  doc.dispose();
});
