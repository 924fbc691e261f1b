// runtimes.test.mjs - one API everywhere: the same corpus documents give
// identical diagnostics in Node, Deno, workerd and Chromium, and validatePayload
// gives identical results in all four.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { corpusDir, dist, oasview } from "../helpers.mjs";
import { launch } from "../browser/chromium.mjs";
import { examples, exampleModules, startDeno, startWorkerd } from "./runtimes.mjs";

const DOCS = ["redoc-demo--openapi-3-1.yaml", "sendgrid--tsg_webhooks_v3.yaml", "adyen--BalancePlatformConfigurationNotification-v2.json"];
const docPath = (name) => join(corpusDir(), "real-world", name);

/** Serve dist/ and the corpus documents on loopback, for the browser. */
function serveFiles() {
  const server = createServer(async (req, res) => {
    const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const types = { ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
    try {
      if (p === "/") { res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>edge</title>"); return; }
      const file = p.startsWith("/dist/") ? join(dist, basename(p)) : p.startsWith("/corpus/") ? docPath(basename(p)) : null;
      if (!file) { res.writeHead(404).end(); return; }
      res.writeHead(200, { "content-type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

let workerd, deno, browser, files;
before(async () => {
  [workerd, deno, browser, files] = await Promise.all([
    startWorkerd(exampleModules("edge-validate")),
    startDeno(join(examples, "edge-validate/deno.mjs")),
    launch(),
    serveFiles(),
  ]);
});
after(async () => { await Promise.all([workerd?.stop(), deno?.stop(), browser?.close(), files?.close()]); });

async function viaWorker(server, name) {
  const res = await fetch(`${server.url}/?filename=${encodeURIComponent(name)}`, { method: "POST", body: readFileSync(docPath(name)) });
  assert.equal(res.status, 200);
  return (await res.json()).diagnostics;
}

async function inChromium(name) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => { if (!r.url().startsWith(files.url)) problems.push(`request: ${r.url()}`); });
  try {
    await page.goto(files.url);
    const out = await page.evaluate(async (n) => {
      const { createOasview } = await import("/dist/oasview.mjs");
      const ov = await createOasview();
      const doc = ov.load(await (await fetch(`/corpus/${n}`)).text(), { filename: n });
      const first = doc.navigation().webhooks[0];
      const payload = first && doc.validatePayload(first.id, { unexpected: [1, 2, 3] });
      const result = { diagnostics: doc.diagnostics, payload };
      doc.dispose();
      return result;
    }, name);
    assert.deepEqual(problems, []);
    return out;
  } finally {
    await page.close();
  }
}

for (const name of DOCS) {
  test(`${name}: identical diagnostics in Node, Deno, workerd and Chromium`, async () => {
    const ov = await oasview();
    const doc = ov.load(readFileSync(docPath(name)), { filename: name });
    const node = JSON.parse(JSON.stringify(doc.diagnostics));
    const first = doc.navigation().webhooks[0];
    const payload = first && doc.validatePayload(first.id, { unexpected: [1, 2, 3] });
    doc.dispose();
    assert.ok(node.length > 0, "the document has diagnostics to compare");
    const [inWorkerd, inDeno, browser] = await Promise.all([viaWorker(workerd, name), viaWorker(deno, name), inChromium(name)]);
    assert.deepEqual(inWorkerd, node, "workerd");
    assert.deepEqual(inDeno, node, "deno");
    assert.deepEqual(browser.diagnostics, node, "chromium");
    assert.deepEqual(browser.payload ?? null, payload ?? null, "chromium validatePayload");
  });
}
