// chromium.mjs - Debian's Chromium through playwright-core, and the docs server on loopback.
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { dist, root } from "../helpers.mjs";
import { createDocsServer } from "../../scripts/serve.mjs";

export const CHROMIUM = process.env.OASVIEW_CHROMIUM ?? "/usr/bin/chromium";
export const artifacts = join(root, "test-artifacts");

/**
 * The features playwright-core (1.65, chromiumSwitches) turns off, and ours. Chromium reads only the last
 * --disable-features on its command line, so ours repeats playwright's list (wasm-tests/browser/launch.test.mjs
 * checks that the browser runs with both, and that the list is still playwright's).
 * Ours: Chromium's own browser UI, the omnibox popup, is a web page in headless mode too. Each new window
 * (a playwright context) may preload it into a renderer of its own, which competes with the page measured
 * for this machine's two cores (in about half the loads of a trace, ~80 chrome:// module loads).
 * OASVIEW_KEEP_TOP_CHROME=1 keeps it (to compare).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = ["AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled",
  "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion"];
export const DISABLED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]; // both, or the renderer still starts

/** `options`: more of playwright's launch options (the benchmark's `proxy`). */
export async function launch(options = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run node scripts/setup.mjs --browser (it installs Debian's chromium)`);
  mkdirSync(artifacts, { recursive: true });
  const features = process.env.OASVIEW_KEEP_TOP_CHROME ? PLAYWRIGHT_DISABLED_FEATURES : [...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_FEATURES];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--no-first-run", "--disable-sync", "--disable-quic", `--disable-features=${features.join(",")}`],
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
