// docs.test.mjs - the /docs page that `npm start` serves, in Debian's Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, launch, serve, watchedPage } from "./chromium.mjs";

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
