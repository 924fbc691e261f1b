// viewer.test.mjs - <oasview-docs> in Debian's Chromium: worker, layout, webhooks
// beside operations, deep links, filter, search, themes, diagnostics, safety
// against a hostile spec, size, and screenshots of the main views (test-artifacts/).
//
// Tests that need the render model (doc.navigation(), doc.entry()) are skipped,
// with a reason, while dist/oasview.mjs does not have it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { corpusDir, dist, root } from "../helpers.mjs";
import { artifacts, launch, serve, watchedPage } from "./chromium.mjs";
import { hostileSpec, inViewer, modelSupport, tempSpec, unsafeMarkup } from "./viewer-helpers.mjs";

const support = await modelSupport();
const NAV = support.navigation ? false : "dist/oasview.mjs has no doc.navigation() yet";
const ENTRIES = support.navigation && support.entries ? false : "dist/oasview.mjs has no doc.entry() yet";

const corpus = corpusDir();
const fastapi = join(corpus, "fastapi/openapi_webhooks_tutorial001.json");
let browser;
const servers = [];
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); await Promise.all(servers.map((s) => s.close())); });

async function open(spec, hash = "", { viewport, colorScheme } = {}) {
  const server = await serve(spec ? { spec } : undefined);
  servers.push(server);
  const { page, problems } = await watchedPage(browser, server.url);
  if (viewport) await page.setViewportSize(viewport);
  if (colorScheme) await page.emulateMedia({ colorScheme });
  await page.goto(`${server.url}/docs${hash}`);
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]", { timeout: 30_000 });
  return { page, problems, server };
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `viewer-${name}.png`) });
const mainText = (page) => page.locator("oasview-docs main.content").innerText();

test("the viewer draws the bundled example with the wasm in a Web Worker, loading only its own wasm, JS and CSS", async () => {
  const server = await serve();
  servers.push(server);
  const { page, problems } = await watchedPage(browser, server.url);
  const bodies = [];
  page.on("response", async (r) => {
    const url = new URL(r.url());
    if (/\.(mjs|js|css|wasm|html)$/.test(url.pathname) || url.pathname === "/docs") bodies.push(r.body().then((b) => [url.pathname, b]));
  });
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
  assert.equal(await page.locator("oasview-docs #title").textContent(), "Plant Shop API");
  assert.equal(await page.locator("oasview-docs #verdict").textContent(), "valid");
  assert.ok(page.workers().some((w) => w.url().endsWith("/dist/viewer/worker.mjs")), "the wasm runs in a module worker");
  // /docs's first script downloads the wasm (compiled there) and the document, once each, and hands them to
  // the worker: its requests start before the worker could start one. The worker downloads neither.
  const heavy = (entries) => entries.filter((e) => /\.(wasm|json|ya?ml)$/.test(e)).sort();
  assert.deepEqual(heavy(await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname))), ["/dist/viewer/oasview-viewer.wasm", "/specs/openapi.yaml"]);
  assert.deepEqual(heavy(await page.workers().find((w) => w.url().endsWith("/dist/viewer/worker.mjs"))
    .evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname))), []);
  const loaded = await Promise.all(bodies);
  let total = 0;
  const sizes = {};
  for (const [path, body] of loaded) { const gz = gzipSync(body, { level: 9 }).length; sizes[path] = gz; total += gz; }
  assert.ok(loaded.some(([p]) => p.endsWith(".wasm")) && loaded.some(([p]) => p.endsWith("viewer.css")), JSON.stringify(sizes));
  // The size budget (150 KB gzipped) is a benchmark target, reported by bench/sizes.mjs, not a test assertion.
  writeFileSync(join(artifacts, "page-sizes.json"), JSON.stringify({ totalGzipped: total, files: sizes }, null, 2));
  console.log(`# page weight, gzipped: ${(total / 1024).toFixed(1)} KB ${JSON.stringify(sizes)}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the viewer is bundled: element.mjs and worker.mjs import only their own chunks, and what they load is in the package", () => {
  const files = readdirSync(join(dist, "viewer"), { recursive: true }).map(String);
  for (const f of ["element.mjs", "element.d.ts", "worker.mjs", "viewer.css", "entry.css", "oasview-viewer.wasm"]) assert.ok(files.includes(f), `dist/viewer/${f}`);
  // static (`import … from "x"`) and dynamic (`import("x")`) imports: the keyword, not part of a name, a property or a string
  const imports = (code, dynamic) => [...code.matchAll(dynamic ? /(?<![\w$.`"'])import\s*\(\s*["']([^"']+)["']/g
    : /(?<![\w$.`"'])import\s*(?:[\w{*][^"'();]*?from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
  const read = (f) => readFileSync(join(dist, "viewer", f), "utf8");
  // the worker starts from one file: its live-preview part (live.mjs) is loaded only by the preview's requests
  assert.deepEqual(imports(read("worker.mjs"), false), [], "dist/viewer/worker.mjs imports another module when it starts");
  const seen = new Set(), todo = ["element.mjs", "worker.mjs"];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const code = read(f);
    assert.ok(code.length < 80_000, `dist/viewer/${f} is minified (${code.length} bytes)`);
    for (const spec of [...imports(code, false), ...imports(code, true)]) {
      assert.match(spec, /^\.\/[\w-]+\.mjs$/, `dist/viewer/${f} imports ${spec}: only files next to it`);
      assert.ok(files.includes(spec.slice(2)), `dist/viewer/${f} imports ${spec}, which is not in the package`);
      todo.push(spec.slice(2));
    }
  }
  // the entry views, the diagnostics panel and the live preview are files of their own, loaded when first needed
  assert.ok(seen.size >= 5, `the bundles and their chunks: ${[...seen].join(", ")}`);
  assert.doesNotMatch(read("element.mjs"), /curl/, "element.mjs does not carry the entry views");
});

test("dark mode follows the system, and the toggle switches and persists across reloads", async () => {
  const { page, problems } = await open(undefined, "", { colorScheme: "dark" });
  const host = page.locator("oasview-docs");
  assert.equal(await host.getAttribute("data-theme"), "dark");
  const bg = () => inViewer(page, (root) => getComputedStyle(root.host).backgroundColor);
  assert.equal(await bg(), "rgb(17, 20, 24)");
  await shot(page, "overview-dark");
  await page.locator("oasview-docs .theme-toggle").click();
  assert.equal(await host.getAttribute("data-theme"), "light");
  assert.equal(await bg(), "rgb(255, 255, 255)");
  await page.reload();
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
  assert.equal(await host.getAttribute("data-theme"), "light", "the reader's choice outlives a reload");
  await page.locator("oasview-docs .theme-toggle").click();
  assert.equal(await host.getAttribute("data-theme"), "dark");
  assert.deepEqual(problems, []);
  await page.close();
});

test("'/' focuses the search box and Escape leaves it", async () => {
  const { page, problems } = await open();
  await page.keyboard.press("/");
  assert.equal(await inViewer(page, (root) => root.activeElement?.className), "search-input");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  assert.notEqual(await inViewer(page, (root) => root.activeElement?.className), "search-input");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the diagnostics panel shows severity, message, code and location", async () => {
  const spec = tempSpec("broken.json", {
    openapi: "3.1.0", info: { title: "Broken", version: "1" },
    paths: { "/x": { get: { operationId: "getX", parameters: [{ name: "q" }], responses: {} } } },
  });
  const { page, problems } = await open(spec, "#/diagnostics");
  await page.waitForSelector("oasview-docs .diag");
  const rows = page.locator("oasview-docs li.diag");
  assert.ok(await rows.count() >= 2);
  const first = await rows.first().innerText();
  assert.match(first, /error/i);
  assert.match(first, /line \d+, column \d+/);
  assert.match(first, /#\/paths\/~1x\/get/);
  assert.equal(await page.locator("oasview-docs #verdict, oasview-docs .pill-bad").first().textContent(), "invalid");
  if (support.navigation) {
    // Each diagnostic inside an operation links to it.
    const link = page.locator("oasview-docs li.diag a.diag-item").first();
    assert.match(await link.textContent(), /GET \/x/);
    await link.click();
    await page.waitForFunction(() => location.hash === "#/operations/getX");
  }
  await shot(page, "diagnostics");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the embedding example: one module import, a spec-url attribute", async () => {
  const server = await serve();
  servers.push(server);
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/web/examples/embed.html`);
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
  assert.equal(await page.locator("oasview-docs .brand-title").textContent(), "Plant Shop API");
  await shot(page, "embed");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the `spec` property takes text or an object", async () => {
  const server = await serve();
  servers.push(server);
  const { page, problems } = await watchedPage(browser, server.url);
  await page.goto(`${server.url}/web/examples/embed.html`);
  await page.waitForSelector("oasview-docs .ov[data-loaded=true]");
  await page.evaluate(() => { document.querySelector("oasview-docs").spec = { openapi: "3.1.0", info: { title: "From an object", version: "2" }, paths: {} }; });
  await page.waitForFunction(() => document.querySelector("oasview-docs").shadowRoot.querySelector(".brand-title").textContent === "From an object");
  await page.evaluate(() => { document.querySelector("oasview-docs").spec = "openapi: 3.1.0\ninfo: {title: From YAML text, version: '3'}\npaths: {}\n"; });
  await page.waitForFunction(() => document.querySelector("oasview-docs").shadowRoot.querySelector(".brand-title").textContent === "From YAML text");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a spec with XSS vectors in every text field runs no script, opens no dialog and makes no request", async () => {
  const spec = tempSpec("hostile.json", hostileSpec());
  const { page, problems } = await open(spec);
  const visit = async (hash) => {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForTimeout(150);
  };
  for (const hash of ["#/", "#/diagnostics", "#/webhooks", "#/schemas"]) await visit(hash);
  // Every item in the sidebar, with every collapsed part opened.
  const ids = await inViewer(page, (root) => [...root.querySelectorAll(".row-link")].map((a) => a.getAttribute("href")));
  for (const href of ids) {
    await visit(href);
    await inViewer(page, (root) => { for (const d of root.querySelectorAll("details")) d.open = true; });
    await page.waitForTimeout(50);
    await inViewer(page, (root) => { for (const d of root.querySelectorAll("details")) d.open = true; });
    await inViewer(page, (root) => { for (const t of root.querySelectorAll("[role=tab]")) t.click(); });
  }
  await page.locator("oasview-docs .search-input").fill("script");
  await page.waitForTimeout(200);
  await page.mouse.move(400, 300);
  await shot(page, "hostile");
  if (support.navigation) {
    // The vectors are shown as text.
    assert.ok(ids.length >= 4, `sidebar items: ${ids.length}`);
    assert.match(await page.locator("oasview-docs .brand-title").textContent(), /<script>window\.__xss=1/);
  }
  assert.deepEqual(await unsafeMarkup(page), []);
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  await page.close();
});

// ------------------------------------------------------------------ render model

test("FastAPI webhooks tutorial: the webhook sits beside /users/; it opens as an event; its deep link survives reload; back works", { skip: NAV }, async () => {
  const { page, problems } = await open(fastapi, "", { viewport: { width: 1280, height: 800 } });
  const links = page.locator("oasview-docs .vrow-item .row-link");
  const rows = await links.evaluateAll((as) => as.map((a) => ({ kind: a.dataset.kind, text: a.textContent, href: a.getAttribute("href") })));
  const op = rows.findIndex((r) => r.kind === "operation" && /Read Users/.test(r.text));
  const hook = rows.findIndex((r) => r.kind === "webhook" && /New Subscription/.test(r.text));
  assert.ok(op >= 0 && hook >= 0, JSON.stringify(rows));
  assert.equal(Math.abs(op - hook), 1, "side by side in one group");
  assert.equal(await page.locator("oasview-docs .vrow-item .row-link.kind-webhook .badge-webhook").first().isVisible(), true);
  await shot(page, "fastapi-overview");

  await links.nth(hook).click();
  const hookHash = rows[hook].href;
  await page.waitForFunction((h) => location.hash === h, hookHash);
  await page.waitForSelector("oasview-docs .entry-webhook");
  assert.match(await mainText(page), /Your server receives POST/);
  if (!ENTRIES) {
    assert.match(await mainText(page), /Payload/);
    assert.match(await mainText(page), /username|Subscription/);
  }
  await shot(page, "fastapi-webhook");

  await page.reload();
  await page.waitForSelector("oasview-docs .entry-webhook");
  assert.equal(await page.evaluate(() => location.hash), hookHash);
  assert.match(await page.locator("oasview-docs h1").first().textContent(), /New Subscription/);
  assert.equal(await page.locator("oasview-docs .vrow.active .row-link").first().getAttribute("href"), hookHash);

  await links.nth(op).click();
  await page.waitForSelector("oasview-docs .entry-operation");
  assert.match(await mainText(page), /\/users\//);
  await page.goBack();
  await page.waitForSelector("oasview-docs .entry-webhook");
  assert.equal(await page.evaluate(() => location.hash), hookHash);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the filter shows all, only operations or only webhooks", { skip: NAV }, async () => {
  const { page, problems } = await open(fastapi);
  const kinds = () => page.locator("oasview-docs .vrow-item .row-link").evaluateAll((as) => [...new Set(as.map((a) => a.dataset.kind))].sort());
  assert.deepEqual(await kinds(), ["operation", "webhook"]);
  await page.locator("oasview-docs .filter label", { hasText: "Operations" }).click();
  assert.deepEqual(await kinds(), ["operation"]);
  await page.locator("oasview-docs .filter label", { hasText: "Webhooks" }).click();
  assert.deepEqual(await kinds(), ["webhook"]);
  assert.equal(await page.locator("oasview-docs .section-webhooks").count(), 1, "the Webhooks section lists every webhook");
  await page.locator("oasview-docs .filter label", { hasText: "All" }).click();
  assert.deepEqual(await kinds(), ["operation", "webhook"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("search as you type, keyboard only: '/', arrows, Enter, Escape", { skip: NAV }, async () => {
  const { page, problems } = await open(fastapi);
  await page.keyboard.press("/");
  await page.keyboard.type("subscr");
  // As-you-type: wait for the results of the whole query (earlier keystrokes answer first).
  await page.waitForFunction(() => {
    const opts = [...document.querySelector("oasview-docs").shadowRoot.querySelectorAll(".search-results [role=option]")];
    return opts.length > 0 && opts.every((o) => /subscr/i.test(o.textContent));
  });
  const options = await page.locator("oasview-docs .search-results [role=option]").allTextContents();
  assert.ok(options.some((o) => /New Subscription/.test(o)), JSON.stringify(options));
  const i = options.findIndex((o) => /New Subscription/.test(o));
  for (let k = 0; k < i; k++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForSelector("oasview-docs .entry-webhook");
  assert.match(await page.evaluate(() => location.hash), /^#\/webhooks\//);
  await page.keyboard.press("/");
  await page.keyboard.type("users");
  await page.waitForSelector("oasview-docs .search-results:not([hidden])");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("oasview-docs .search-results").isHidden(), true);
  await shot(page, "search");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the bundled example: operation, webhook and schema views; sidebar keyboard; screenshots", { skip: NAV }, async () => {
  const { page, problems } = await open(undefined, "", { viewport: { width: 1400, height: 900 } });
  await shot(page, "overview");
  const hrefs = await page.locator("oasview-docs .vrow-item .row-link").evaluateAll((as) => as.map((a) => [a.dataset.kind, a.getAttribute("href")]));
  const opHref = hrefs.find(([k]) => k === "operation")[1];
  const hookHref = hrefs.find(([k]) => k === "webhook")[1];
  await page.goto(page.url().replace(/#.*$/, "") + opHref);
  await page.waitForSelector("oasview-docs .entry-operation");
  await shot(page, "operation");
  // A long code line scrolls inside its block: the samples' column stays as wide as the grid gives it, its
  // copy buttons in view (it once grew to the longest line and hid them past its right edge). createOrder's
  // curl sample has a long line.
  await page.goto(page.url().replace(/#.*$/, "") + "#/operations/createOrder");
  await page.waitForSelector("oasview-docs .entry-operation .copy");
  for (const width of [1400, 1280, 1180]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await inViewer(page, (root) => [...root.querySelectorAll(".entry-side")].map((side) => {
      const right = side.getBoundingClientRect().right;
      return { scroll: side.scrollWidth - side.clientWidth, buttons: [...side.querySelectorAll(".copy")].filter((b) => b.getBoundingClientRect().right > right + 1).length };
    }));
    assert.ok(overflow.length, "the operation has a samples column");
    assert.deepEqual(overflow, overflow.map(() => ({ scroll: 0, buttons: 0 })), `at ${width} px`);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(page.url().replace(/#.*$/, "") + hookHref);
  await page.waitForSelector("oasview-docs .entry-webhook");
  await shot(page, "webhook");
  if (!ENTRIES) {
    // The receiver URL is editable and the curl command follows it.
    const input = page.locator("oasview-docs input.receiver");
    await input.fill("https://hooks.example.org/plants");
    assert.match(await page.locator("oasview-docs .sample-code").first().innerText(), /https:\/\/hooks\.example\.org\/plants/);
  }
  const schemaLink = page.locator("oasview-docs .vrow-schema .row-link").first();
  if (await schemaLink.count()) {
    await schemaLink.click();
    await page.waitForSelector("oasview-docs .entry-schema, oasview-docs .entry-schema");
    await shot(page, "schema");
  }
  // Keyboard: focus the first sidebar row, arrow down, Enter opens.
  await page.locator("oasview-docs .vrow-item .row-link").first().focus();
  await page.keyboard.press("ArrowDown");
  const focused = await inViewer(page, (root) => root.activeElement?.getAttribute("href"));
  assert.ok(focused, "arrow down moves focus to the next link");
  await page.keyboard.press("Enter");
  await page.waitForFunction((h) => decodeURIComponent(location.hash) === decodeURIComponent(h), focused);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  await shot(page, "phone");
  await page.locator("oasview-docs .menu").click();
  await page.waitForTimeout(300);
  await shot(page, "phone-menu");
  assert.deepEqual(problems, []);
  await page.close();
});

test("real and edge-case documents: webhooks only (Adyen), a webhook named like a path, no tags", { skip: NAV }, async () => {
  const adyen = readdirSync(join(corpus, "real-world")).filter((f) => f.startsWith("adyen--")).map((f) => join(corpus, "real-world", f));
  const pathLike = tempSpec("pathlike.json", {
    openapi: "3.1.0", info: { title: "Path-like webhook", version: "1" },
    paths: { "/users": { post: { summary: "Create a user", responses: { 201: { description: "created" } } } } },
    webhooks: { "/users": { post: { summary: "User created (event)", requestBody: { content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } }, responses: { 200: { description: "ok" } } } } },
  });
  const untagged = tempSpec("untagged.yaml", "openapi: 3.1.0\ninfo: {title: No tags, version: '1'}\npaths:\n  /a: {get: {summary: Get A, responses: {'200': {description: ok}}}}\n  /b: {delete: {summary: Delete B, deprecated: true, responses: {'204': {description: gone}}}}\n");
  for (const file of [...adyen, pathLike, untagged]) {
    const { page, problems } = await open(file);
    const rows = await page.locator("oasview-docs .vrow-item .row-link").evaluateAll((as) => as.map((a) => ({ kind: a.dataset.kind, href: a.getAttribute("href"), text: a.textContent, deprecated: a.classList.contains("deprecated") })));
    assert.ok(rows.length > 0, `${file}: no items in the sidebar`);
    if (file.includes("adyen")) {
      assert.ok(rows.every((r) => r.kind === "webhook"), `${file}: webhooks only`);
      await page.locator("oasview-docs .vrow-item .row-link").first().click();
      await page.waitForSelector("oasview-docs .entry-webhook");
      await shot(page, "adyen-webhook");
    } else if (file === pathLike) {
      const op = rows.find((r) => r.kind === "operation"), hook = rows.find((r) => r.kind === "webhook");
      assert.ok(op && hook && op.href !== hook.href, JSON.stringify(rows));
      await page.locator(`oasview-docs .row-link[data-kind=webhook]`).first().click();
      await page.waitForSelector("oasview-docs .entry-webhook");
      assert.match(await mainText(page), /User created/);
      await page.locator(`oasview-docs .row-link[data-kind=operation]`).first().click();
      await page.waitForSelector("oasview-docs .entry-operation");
      assert.match(await mainText(page), /Create a user/);
    } else {
      assert.equal(rows.length, 2);
      assert.ok(rows.find((r) => /Delete B/.test(r.text)).deprecated, "deprecated items are struck through");
      assert.match(await page.locator("oasview-docs .vrow-group").first().innerText(), /Other|default/i);
      await shot(page, "untagged");
    }
    assert.deepEqual(problems, [], file);
    await page.close();
  }
});

test("a component inside a payload's component (deferred in the entry) opens with its properties, fetched on demand", { skip: ENTRIES }, async () => {
  const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
  const file = tempSpec("deferred.json", {
    openapi: "3.1.0", info: { title: "Deferred", version: "1" },
    paths: { "/orders": { post: { operationId: "order", requestBody: { content: { "application/json": { schema: ref("Order") } } }, responses: { 200: { description: "ok" } } } } },
    components: { schemas: {
      Order: { type: "object", properties: { pet: ref("Pet") } },
      Pet: { type: "object", properties: { id: { type: "integer", readOnly: true }, owner: ref("Person"), petName: { type: "string" } } },
      Person: { type: "object", properties: { personName: { type: "string" } } },
    } },
  });
  const { page, problems } = await open(file, "#/operations/order");
  await page.waitForSelector("oasview-docs .entry-operation");
  const pet = page.locator("oasview-docs .request-body details.pnest, oasview-docs details.pnest").first();
  await pet.locator("summary").click();
  await page.waitForFunction(() => /petName/.test(document.querySelector("oasview-docs").shadowRoot?.querySelector("main.content")?.innerText ?? ""));
  const text = await mainText(page);
  assert.match(text, /owner/);
  assert.doesNotMatch(text, /\bid\b/, "a readOnly property is left out of a request body");
  // one level further: Person, deferred inside the entry of Pet
  await page.locator("oasview-docs details.pnest details.pnest summary").first().click();
  await page.waitForFunction(() => /personName/.test(document.querySelector("oasview-docs").shadowRoot?.querySelector("main.content")?.innerText ?? ""));
  assert.deepEqual(problems, []);
  await page.close();
});

test("Discord (242 operations): the sidebar is virtualised and a far item opens fast", { skip: NAV }, async () => {
  const { page, problems } = await open(join(corpus, "real-world/discord--openapi.json"));
  const inDom = await page.locator("oasview-docs .vrow").count();
  const total = await inViewer(page, (root) => Number(root.querySelector(".vrow")?.getAttribute("aria-setsize")));
  assert.ok(total > 242, `rows: ${total}`);
  assert.ok(inDom < 100, `${inDom} rows in the DOM for ${total}`);
  // Only operations; scroll to the end and open the last one.
  await page.locator("oasview-docs .filter label", { hasText: "Operations" }).click();
  await inViewer(page, (root) => { const l = root.querySelector(".vlist"); l.scrollTop = l.scrollHeight; });
  await page.waitForTimeout(100);
  const last = page.locator("oasview-docs .vrow-item .row-link").last();
  const name = await last.textContent();
  await last.click();
  await page.waitForSelector("oasview-docs .entry");
  // How long that takes is measured by bench/viewer.mjs; here: the right entry opens.
  assert.ok((await page.locator("oasview-docs .entry").textContent()).length > 0, `opening ${name}`);
  await shot(page, "discord");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a 5 MB synthetic document is drawn before it is validated; the sidebar is virtualised; diagnostics arrive and link to items", { skip: NAV }, async () => {
  const file = tempSpec("synth.json", "");
  const r = spawnSync(process.execPath, [join(root, "bench/synth.mjs"), "--size", "5MB", "--out", file], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const t0 = Date.now();
  const { page, problems } = await open(file);
  const drawn = Date.now() - t0;
  const total = await inViewer(page, (root) => Number(root.querySelector(".vrow")?.getAttribute("aria-setsize")));
  const inDom = await page.locator("oasview-docs .vrow").count();
  assert.ok(total > 1000 && inDom < 150, `${inDom} rows in the DOM for ${total}`);
  await page.waitForSelector("oasview-docs .problems:not(.validating)", { timeout: 120_000 });
  console.log(`# 5 MB: drawn after ${drawn} ms, validated after ${Date.now() - t0} ms`);
  await page.locator("oasview-docs .problems").click();
  await page.waitForSelector("oasview-docs li.diag");
  const link = page.locator("oasview-docs li.diag a.diag-item").first();
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForFunction((h) => location.hash === h, href);
  await page.waitForSelector("oasview-docs .entry");
  assert.deepEqual(problems, []);
  await page.close();
});
