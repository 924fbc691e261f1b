// swagger-editor.mjs - Swagger Editor 4 (npm swagger-editor-dist, installed in bench/ only) under the
// same keystroke measure as bench/preview.mjs: one character typed into the open operation's
// summary, latency from the keydown to the frame after the rendered docs show it (median). The
// summary, not the description: after an edit, Swagger Editor 4 redraws the open operation's
// header but leaves its body on a loading spinner (seen with the sendgrid rendition and with
// our example), so a changed description never shows there.
// Swagger Editor 4 does not read OpenAPI 3.1, so it gets a 3.0 rendition: the same text with
// `openapi: 3.0.3` (same length, so the same caret offset); keywords new in 3.1 are then reported
// as problems there, which changes its problems panel but not the docs it renders. Its
// diagnostics are not waited for (they come from its own validators, on their own schedule):
// this measures the docs only, with the editor's default settings (it debounces 800 ms).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import { benchDir, median } from "./lib.mjs";

export const SWAGGER_EDITOR_DIR = join(benchDir, "node_modules/swagger-editor-dist");

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Swagger Editor</title>
<link rel="stylesheet" href="/se/swagger-editor.css">
<style>* { box-sizing: border-box; } body { margin: 0; font-family: sans-serif; } #swagger-editor { font-size: 1.3em; } .Pane2 { overflow-y: scroll; }</style>
</head><body><div id="swagger-editor"></div>
<script src="/se/swagger-editor-bundle.js"></script>
<script>window.editor = SwaggerEditorBundle({ dom_id: "#swagger-editor", layout: "EditorLayout", queryConfigEnabled: false });</script>
</body></html>`;

const TYPES = { ".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".map": "application/json", ".png": "image/png" };

async function serveSwaggerEditor() {
  const server = createServer(async (req, res) => {
    const p = new URL(req.url, "http://x").pathname;
    if (p === "/") { res.writeHead(200, { "content-type": "text/html" }).end(PAGE); return; }
    if (p.startsWith("/se/") && !p.includes("..")) {
      try {
        const body = await readFile(join(SWAGGER_EDITOR_DIR, p.slice(4)));
        res.writeHead(200, { "content-type": TYPES[extname(p)] ?? "application/octet-stream" }).end(body);
        return;
      } catch { /* 404 below */ }
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The 3.0 rendition Swagger Editor 4 reads: only the version changes (same length). */
export function as30(text) {
  return text.replace(/(["']?openapi["']?\s*:\s*["']?)3\.1\.\d+/, "$13.0.3");
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {{ text: string }} d  the document (3.1 text)
 * @param {{ operationId: string, at: number, edits: number }} where  the operation and the caret offset (inside its summary)
 * @returns {Promise<null | { latency: { median, min, max }, edits, loadMs }>} null when swagger-editor-dist is not installed
 */
export async function measureSwaggerEditor(browser, d, { operationId, at, edits }) {
  if (!existsSync(join(SWAGGER_EDITOR_DIR, "swagger-editor-bundle.js"))) return null;
  const text = as30(d.text);
  if (text.length !== d.text.length) throw new Error("the 3.0 rendition changed the text's length");
  const server = await serveSwaggerEditor();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    // nothing leaves the machine (Swagger Editor would ask its generator servers and fonts)
    await page.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    await page.goto(server.url);
    await page.waitForFunction(() => window.editor?.specActions && document.querySelector(".ace_editor"), null, { timeout: 60_000 });
    const t0 = Date.now();
    await page.evaluate((t) => window.editor.specActions.updateSpec(t), text);
    const op = `[id^="operations-"][id$="-${operationId}"]`;
    await page.waitForSelector(`${op} .opblock-summary`, { timeout: 120_000 });
    const loadMs = Date.now() - t0;
    // opened by a click (again if the first one came while it was still rendering)
    for (let tries = 0; ; tries++) {
      await page.locator(`${op} .opblock-summary`).first().click();
      try { await page.waitForSelector(`${op}.is-open`, { timeout: 30_000 }); break; } catch (error) { if (tries === 2) throw error; }
    }
    // the caret where bench/preview.mjs types, then a marker to find the rendered summary by
    await page.evaluate((at) => {
      const ace = document.querySelector(".ace_editor").env.editor;
      ace.moveCursorToPosition(ace.session.doc.indexToPosition(at, 0));
      ace.clearSelection();
      ace.focus();
    }, at);
    await page.keyboard.type("QZ");
    const shows = (n) => page.waitForFunction(([op, marker]) => document.querySelector(`${op} .opblock-summary-description`)?.textContent.includes(marker),
      [op, `QZ${"x".repeat(n)}`], { timeout: 60_000, polling: "raf" });
    await shows(0);
    await page.waitForTimeout(1000);
    const lat = [];
    for (let i = 1; i <= edits; i++) {
      await page.evaluate(([op, marker]) => {
        window.__se = new Promise((resolve) => {
          let t0 = 0;
          document.addEventListener("keydown", () => { t0 = performance.now(); }, { capture: true, once: true });
          const root = document.querySelector(".swagger-ui") ?? document.body;
          const seen = () => document.querySelector(`${op} .opblock-summary-description`)?.textContent.includes(marker);
          const obs = new MutationObserver(() => {
            if (!t0 || !seen()) return;
            obs.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          });
          obs.observe(root, { subtree: true, childList: true, characterData: true });
        });
      }, [op, `QZ${"x".repeat(i)}`]);
      await page.keyboard.type("x");
      lat.push(await page.evaluate(() => window.__se));
      await page.waitForTimeout(30);
    }
    return { edits, loadMs, latency: { median: median(lat), min: Math.min(...lat), max: Math.max(...lat) } };
  } finally {
    await context.close();
    await server.close();
  }
}
