// docs.test.mjs - the /docs page that `npm start` serves, in Debian's Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dist, root } from "../helpers.mjs";
import { createDocsServer } from "../../scripts/serve.mjs";
import { artifacts, launch, serve, watchedPage } from "./chromium.mjs";
import { tempSpec } from "./viewer-helpers.mjs";
import { spawnSync } from "node:child_process";

let browser, server;
before(async () => { [browser, server] = await Promise.all([launch(), serve()]); });
after(async () => { await browser?.close(); await server?.close(); });

test("/docs shows the bundled example's title through the wasm module, with no page errors", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector("#title");
  assert.equal(await page.textContent("#title"), "Plant Shop API");
  assert.equal(await page.textContent("#verdict"), "valid");
  await page.screenshot({ path: join(artifacts, "docs-example.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("/docs?url= shows another same-origin spec and refuses other origins", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/docs?url=${encodeURIComponent("/web/example/openapi.yaml")}`);
  await page.waitForSelector("#title");
  assert.equal(await page.textContent("#title"), "Plant Shop API");
  await page.goto(`${server.url}/docs?url=${encodeURIComponent("http://example.com/spec.yaml")}`);
  await page.waitForSelector("[role=alert]");
  assert.match(await page.textContent("[role=alert]"), /must point to this site/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("/docs starts its worker from its first script, which downloads the spec for it; the spec and the wasm are downloaded once each (the element takes both over)", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  const requests = new Map();
  page.on("request", (r) => { const p = new URL(r.url()).pathname; requests.set(p, (requests.get(p) ?? 0) + 1); });
  // what the page tells its worker (docs.html's script makes the worker: wrapped before it runs)
  await page.addInitScript(() => {
    window.__told = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, ...rest) {
      if (msg?.type === "handover" && "wasm" in msg) window.__told.push({ type: msg.type, wasm: msg.wasm instanceof WebAssembly.Module });
      else if (msg?.type === "handover") window.__told.push({ type: msg.type, url: msg.url, bytes: (msg.chunks ?? []).reduce((n, c) => n + c.byteLength, 0), done: !!msg.done });
      else window.__told.push({ type: msg?.type, handed: msg?.handed });
      return post.call(this, msg, ...rest);
    };
  });
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector("#title");
  assert.equal(await page.textContent("#title"), "Plant Shop API");
  assert.equal(await page.getAttribute('meta[name="oasview-spec-url"]', "content"), "/specs/openapi.yaml", "the server names its spec in the page");
  // docs.html's inline script started it, before the page's modules arrived (the CSP allows it by its hash)
  assert.equal(await page.evaluate(() => self.oasviewWorker instanceof Worker), true, "the page's first script started the worker");
  const preloads = await page.evaluate(() => [...document.querySelectorAll("link[rel=modulepreload]")].map((l) => l.getAttribute("href")));
  assert.ok(preloads.some((href) => /^\/dist\/viewer\/chunk-[\w-]+\.mjs$/.test(href)), `element.mjs's chunk is modulepreloaded: ${preloads.join(", ")}`);
  // the worker's prefetch and the element's load name the same document: one download of it, one of the wasm
  assert.equal(requests.get("/specs/openapi.yaml"), 1, "the spec is downloaded once");
  assert.equal(requests.get("/dist/viewer/oasview-viewer.wasm"), 1, "the wasm is downloaded once");
  assert.equal(requests.get("/dist/viewer/worker.mjs"), 1, "one worker: the element took the page's");
  // the page's script compiled the wasm and downloaded the spec, and handed both over
  const told = await page.evaluate(() => window.__told);
  assert.deepEqual(told.slice(0, 2), [{ type: "warm", handed: true }, { type: "prefetch", handed: true }]);
  assert.deepEqual(told.filter((m) => "wasm" in m), [{ type: "handover", wasm: true }], "the compiled module, once");
  const handed = told.filter((m) => m.type === "handover" && !("wasm" in m));
  assert.ok(handed.length >= 1 && handed.every((m) => new URL(m.url).pathname === "/specs/openapi.yaml"), JSON.stringify(handed));
  assert.ok(handed.at(-1).done && handed.slice(0, -1).every((m) => !m.done), "the last one says done");
  const specBytes = readFileSync(join(root, "web/example/openapi.yaml")).byteLength;
  assert.equal(handed.reduce((n, m) => n + m.bytes, 0), specBytes, "every byte of the spec");
  // ?url= names another document: the server's spec is not downloaded for nothing
  requests.clear();
  await page.goto(`${server.url}/docs?url=${encodeURIComponent("/web/example/openapi.yaml")}`);
  await page.waitForSelector("#title");
  assert.equal(requests.get("/specs/openapi.yaml"), undefined);
  assert.equal(requests.get("/web/example/openapi.yaml"), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("/docs: the worker parses a big document (>= the element's deferAbove; JSON and YAML) before the element asks, and a small one when it asks", async () => {
  const servers = [];
  for (const format of ["json", "yaml"]) {
    const file = tempSpec(`big.${format}`, "");
    const r = spawnSync(process.execPath, [join(root, "bench/synth.mjs"), "--size", "1MB", "--format", format, "--out", file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    servers.push(await serve({ spec: file }));
  }
  try {
    for (const [origin, ahead] of [[servers[0].url, true], [servers[1].url, true], [server.url, false]]) {
      const { page, problems } = await watchedPage(browser, origin);
      // the load results the worker sends (docs.html's script makes the worker: wrapped before it runs)
      await page.addInitScript(() => {
        const Base = window.Worker;
        window.__parsedAhead = [];
        window.Worker = class extends Base {
          constructor(...args) {
            super(...args);
            this.addEventListener("message", (e) => { const res = e.data?.result; if (res && typeof res === "object" && "parsedAhead" in res) window.__parsedAhead.push(res.parsedAhead); });
          }
        };
      });
      await page.goto(`${origin}/docs`);
      await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
      assert.deepEqual(await page.evaluate(() => window.__parsedAhead), [ahead], origin === server.url ? "the example" : origin);
      assert.ok((await page.textContent("oasview-docs #title"))?.length, "it is drawn");
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    for (const srv of servers) await srv.close();
  }
});

test("/docs: when the page cannot download and compile the wasm, the worker downloads it itself", async () => {
  const { page, problems } = await watchedPage(browser, server.url);
  let wasmRequests = 0;
  // the first request of the wasm (the page's) fails; the worker's goes through
  await page.route("**/oasview-viewer.wasm", (route) => (wasmRequests++ === 0 ? route.abort() : route.continue()));
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
  assert.equal(await page.textContent("oasview-docs #title"), "Plant Shop API");
  assert.equal(wasmRequests, 2);
  assert.deepEqual(problems.filter((p) => !/oasview-viewer\.wasm|Failed to fetch|ERR_FAILED/.test(p)), []);
  await page.close();
});

test("/docs shows an error when the server's document cannot be downloaded", async () => {
  const missing = await serve({ spec: "/nonexistent/openapi.yaml" });
  const page = await browser.newPage();
  try {
    await page.goto(`${missing.url}/docs`);
    const alert = page.locator("oasview-docs [role=alert]");
    await alert.waitFor();
    assert.match(await alert.textContent(), /could not load .*openapi\.yaml.*(HTTP (404|500))/);
  } finally {
    await page.close();
    await missing.close();
  }
});

test("/docs shows the download's progress while the document arrives", async () => {
  // the server's document, sent 1 KB every 150 ms (the rest from the docs server)
  const spec = join(root, "web/example/openapi.yaml");
  const body = readFileSync(spec);
  const docs = createDocsServer({ spec, dist }).listeners("request")[0];
  const slow = createServer((req, res) => {
    if (!req.url.startsWith("/specs/")) return docs(req, res);
    res.writeHead(200, { "content-type": "application/yaml", "content-length": body.length, "cache-control": "no-cache" });
    let at = 0;
    const timer = setInterval(() => { res.write(body.subarray(at, at += 1024)); if (at >= body.length) { clearInterval(timer); res.end(); } }, 150);
  });
  await new Promise((r) => slow.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${slow.address().port}`;
  const { page, problems } = await watchedPage(browser, origin);
  try {
    await page.goto(`${origin}/docs`);
    const text = page.locator("oasview-docs .loading-text");
    await page.waitForFunction(() => /Downloading… \d+ KB of 4 KB/.test(document.querySelector("oasview-docs")?.shadowRoot?.querySelector(".loading-text")?.textContent ?? ""));
    assert.match(await text.textContent(), /^Downloading… \d+ KB of 4 KB$/);
    await page.waitForSelector("#title");
    assert.equal(await page.textContent("#title"), "Plant Shop API");
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
    slow.close();
  }
});
