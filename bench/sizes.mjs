// sizes.mjs - what a reader downloads (issues 6, 7): raw and gzipped (zlib level 9)
// sizes of everything oasview's /docs page loads, captured from the responses in
// Chromium (the page and its worker: HTML, JS, CSS, wasm; the spec and /config.json
// are left out), of dist/oasview.wasm and dist/oasview.mjs, and of the anchors' npm
// bundles. The wasm the page loads (dist/viewer/oasview-viewer.wasm: oasview.wasm
// without the exports the viewer never calls) is also split by section (code, data,
// the rest), each section gzipped on its own: the parts add up to about, not exactly, the whole.
// Target: the page ≤ 150 KB gzipped.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchDir, fmt, isMain, root, save, table, distDir } from "./lib.mjs";
import { barChart } from "./chart.mjs";

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${fmt(n / 1024, 1)} KB`;

/** The sections of a wasm binary: [{ id, name, bytes }] (payload bytes, header included in the first). */
export function wasmSections(buf) {
  const NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount", "tag"];
  const out = [];
  let at = 8;
  const leb = () => { let v = 0, shift = 0, b; do { b = buf[at++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return v >>> 0; };
  while (at < buf.length) {
    const start = at, id = buf[at++], size = leb();
    const payload = at;
    let name = NAMES[id] ?? `section ${id}`;
    if (id === 0) { const n = leb(); name = `custom "${buf.subarray(at, at + n).toString()}"`; }
    at = payload + size;
    out.push({ id, name, bytes: buf.subarray(start, at) });
  }
  return out;
}

/** Everything the /docs page loads (with the example spec), by URL path. */
async function pageResources() {
  const { launch, serve } = await import(join(root, "wasm-tests/browser/chromium.mjs"));
  const browser = await launch();
  const server = await serve();
  const seen = new Map();
  let served = null;
  try {
    const context = await browser.newContext();
    context.on("request", (r) => seen.set(new URL(r.url()).pathname, r.url()));
    // /docs as served (its comments left out, its inline script minified, the spec's URL and the modulepreloads put in)
    context.on("response", (r) => { if (new URL(r.url()).pathname === "/docs") served = r.body(); });
    const page = await context.newPage();
    await page.goto(`${server.url}/docs`);
    await page.waitForFunction(() => document.querySelector("oasview-docs")?.shadowRoot?.querySelector("a.row-link"), null, { timeout: 60000 });
    await page.waitForTimeout(500);
    await context.close();
  } finally {
    await server.close();
    await browser.close();
  }
  const files = [];
  for (const path of seen.keys()) {
    if (path === "/config.json" || path.startsWith("/specs/")) continue;
    if (path === "/docs") {
      const buf = await served;
      files.push({ path, file: "(served)", raw: buf.length, gzip: gz(buf) });
      continue;
    }
    const file = path.startsWith("/dist/") ? join(distDir, path.slice(6)) : path.startsWith("/web/") ? join(root, "web", path.slice(5)) : null;
    if (!file || !existsSync(file)) continue;
    const buf = readFileSync(file);
    files.push({ path, file, raw: buf.length, gzip: gz(buf) });
  }
  return files.sort((a, b) => b.gzip - a.gzip);
}

const ANCHORS = [
  { name: "Swagger UI", pkg: "swagger-ui-dist", files: ["swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"] },
  { name: "Redoc", pkg: "redoc", files: ["bundles/redoc.standalone.js"] },
  { name: "RapiDoc", pkg: "rapidoc", files: ["dist/rapidoc-min.js"] },
  { name: "Scalar", pkg: "@scalar/api-reference", files: ["dist/browser/standalone.js"] },
  { name: "Stoplight Elements", pkg: "@stoplight/elements", files: ["web-components.min.js", "styles.min.css"] },
];

export async function run() {
  const page = await pageResources();
  const pageRaw = page.reduce((s, f) => s + f.raw, 0), pageGz = page.reduce((s, f) => s + f.gzip, 0);
  const wasm = readFileSync(join(distDir, "oasview.wasm")), mjs = readFileSync(join(distDir, "oasview.mjs"));
  const pageWasm = page.find((f) => f.path.endsWith(".wasm"));
  const splitWasm = pageWasm ? readFileSync(pageWasm.file) : wasm;
  const sections = wasmSections(splitWasm);
  const group = (s) => (s.id === 10 ? "code" : s.id === 11 ? "data" : s.id === 0 ? "custom sections" : "other sections (types, imports, exports, tables…)");
  const split = new Map();
  for (const s of sections) {
    const g = split.get(group(s)) ?? { raw: 0, gzip: 0, parts: [] };
    g.raw += s.bytes.length; g.gzip += gz(s.bytes); g.parts.push(s.name);
    split.set(group(s), g);
  }
  const anchors = [];
  for (const a of ANCHORS) {
    const dir = join(benchDir, "node_modules", a.pkg);
    if (!existsSync(join(dir, "package.json"))) { anchors.push({ ...a, missing: true }); continue; }
    const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
    const files = a.files.filter((f) => existsSync(join(dir, f))).map((f) => { const b = readFileSync(join(dir, f)); return { file: f, raw: b.length, gzip: gz(b) }; });
    anchors.push({ name: a.name, pkg: a.pkg, version, files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) });
  }
  const results = { page: page.map(({ file, ...f }) => f), pageRaw, pageGzip: pageGz, wasm: { raw: wasm.length, gzip: gz(wasm) },
    pageWasm: { path: pageWasm?.path, raw: splitWasm.length, gzip: gz(splitWasm), sections: Object.fromEntries(split) }, mjs: { raw: mjs.length, gzip: gz(mjs) }, anchors };
  const present = anchors.filter((a) => !a.missing);
  const targets = [
    { issue: 6, target: "the /docs page (HTML + JS + CSS + wasm) ≤ 150 KB gzipped", measured: `${kb(pageGz)} (wasm ${kb(page.find((f) => f.path.endsWith(".wasm"))?.gzip ?? 0)})`, met: pageGz <= 150 * 1024 },
  ];
  const smallest = [...present].sort((x, y) => x.gzip - y.gzip)[0];
  if (smallest) targets.push({ issue: 6, target: "the /docs page smaller than the smallest anchor (gzipped)", measured: `${kb(pageGz)} vs ${smallest.name} ${kb(smallest.gzip)}`, met: pageGz < smallest.gzip });
  const charts = {
    "sizes.svg": barChart({ title: "Gzipped download of the docs page (KB, zlib level 9)", unit: "KB",
      bars: [{ name: "oasview /docs page", value: pageGz / 1024, highlight: true }, ...present.map((a) => ({ name: a.name, value: a.gzip / 1024 })).sort((x, y) => x.value - y.value)] }),
  };
  const markdown = [
    "Raw and gzipped (zlib level 9) sizes. The /docs page's files are the requests Chromium made for the page and its worker with the example spec (the spec and /config.json left out). Anchors: their npm bundles (JS + CSS a page needs), not counting fonts or lazily loaded chunks.",
    "", table(["/docs page file", "raw", "gzip"], [...page.map((f) => [`\`${f.path}\``, kb(f.raw), kb(f.gzip)]), ["**total**", `**${kb(pageRaw)}**`, `**${kb(pageGz)}**`]]),
    "", `dist/oasview.wasm ${kb(wasm.length)} raw, ${kb(gz(wasm))} gzip; dist/oasview.mjs ${kb(mjs.length)} raw, ${kb(gz(mjs))} gzip.`,
    "", `The page's wasm (\`${pageWasm?.path ?? "dist/oasview.wasm"}\`) by section (each gzipped alone):`,
    "", table(["part", "raw", "gzip", "sections"], [...split.entries()].map(([k, v]) => [k, kb(v.raw), kb(v.gzip), v.parts.join(", ")])),
    "", table(["anchor (npm)", "files", "raw", "gzip", "vs oasview's page"], [
      ...present.map((a) => [`${a.name} (${a.pkg} ${a.version})`, a.files.map((f) => `\`${f.file}\` ${kb(f.gzip)}`).join("<br>"), kb(a.raw), kb(a.gzip), `${fmt(a.gzip / pageGz, 1)}×`]),
      ...anchors.filter((a) => a.missing).map((a) => [`${a.name} (${a.pkg})`, "not installed", "–", "–", "–"]),
    ]),
    "", "![Gzipped sizes](charts/sizes.svg)",
  ].join("\n");
  save("sizes", results);
  return { name: "Download sizes", markdown, results, targets, charts };
}

if (isMain(import.meta.url)) {
  const out = await run();
  console.log(out.markdown);
  console.log(out.targets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`).join("\n"));
}
