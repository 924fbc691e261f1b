// chromium.mjs - Debian's Chromium through playwright-core, and the docs server on loopback.
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { dist, root } from "../helpers.mjs";
import { createDocsServer } from "../../scripts/serve.mjs";

export const CHROMIUM = process.env.OASVIEW_CHROMIUM ?? "/usr/bin/chromium";
export const artifacts = join(root, "test-artifacts");

/** `options`: more of playwright's launch options (the benchmark's `proxy`). */
export async function launch(options = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run node scripts/setup.mjs --browser (it installs Debian's chromium)`);
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync", "--disable-quic"],
    ...options,
  });
}

/** Serve the docs on 127.0.0.1 with a free port, from the package under test (OASVIEW_DIST or dist/); returns { url, close }. */
export async function serve(options) {
  const server = createDocsServer({ dist, ...options });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A page that records errors, console errors, dialogs and requests that leave the server. */
export async function watchedPage(browser, origin) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problems.push(`request: ${r.url()}`); });
  return { page, problems };
}
