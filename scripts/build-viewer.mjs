// build-viewer.mjs - the docs viewer (<oasview-docs>) into dist/viewer/, bundled and
// minified by esbuild: what a page downloads is element.mjs (the page's side, with a
// shared chunk; the entry views and the diagnostics panel are files of their own, loaded
// when first needed), worker.mjs (its Web Worker, with oasview.mjs inside), viewer.css (entry.css
// with the entries) and oasview-viewer.wasm (`wasm`: the wasm build's copy without the exports the viewer
// never calls). The readable sources stay in web/viewer/. Called by scripts/build.mjs;
// `dist` names another package folder (a work-in-progress build:
// node scripts/build-viewer.mjs build/x-dist build/x-wasm/oasview-viewer.wasm).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The members of web/oasview.mjs the viewer never calls: in the worker's bundle they keep their names but
// only throw, so the code only they use (external documents, lint, JSON Schema, payload checks, heap figures
// and cap) leaves it, ~2.7 KB gzipped. The JS side of oasview-viewer.wasm, which lacks
// their exports (CMakeLists.txt); wasm-tests/viewer-build.test.mjs checks that the two agree.
export const VIEWER_OMITS = [
  "#loadResolving", "loadAsync", "#rounds", "#putText", "#put", "#rules", "#lintFormat", "#take", "lintBegin", "lintEnd", "_lintFile", "_text",
  "compileJsonSchema", "validateJsonSchema", "#inputResize", "#inputRoom", "#shortAscii", "#encodeInput", "_schemaIsValid", "_schemaValidate", "#schemaResult",
  "#schemaValidateCopy", "_schemaFree", "_schemaTrack", "setMemoryLimit", "heapUsed", "heapPeak", "_validatePayload",
  "formatLint", "formatText", "validatePayload",
];

/**
 * `source` (web/oasview.mjs) with each class member named in `names` replaced by one that throws. A member is
 * found by the file's layout: its first line indented two spaces, its last the next line that is just "  }"
 * (or the same line, for a one-line member); each name must be there exactly once, or the build stops.
 */
export function omitMembers(source, names) {
  const lines = source.split("\n");
  const head = /^  (static |async |get |set )?(\*)?(#?[A-Za-z_$][\w$]*)\(/;
  const seen = new Map(names.map((n) => [n, 0]));
  for (let i = 0; i < lines.length; i++) {
    const m = head.exec(lines[i]);
    if (!m || !seen.has(m[3])) continue;
    const count = (c) => lines[i].split(c).length - 1;
    let end = i;
    if (!(/\}\s*$/.test(lines[i]) && count("{") === count("}"))) while (end < lines.length && lines[end] !== "  }") end++;
    if (end === lines.length) throw new Error(`build-viewer: the member ${m[3]} of web/oasview.mjs has no closing "  }" line`);
    const stub = `  ${m[1] ?? ""}${m[2] ?? ""}${m[3]}() { throw new Error("oasview: ${m[3]} is not in the docs viewer's build"); }`;
    lines.splice(i, end - i + 1, stub);
    seen.set(m[3], seen.get(m[3]) + 1);
  }
  const wrong = [...seen].filter(([, n]) => n !== 1).map(([name, n]) => `${name} (${n}×)`);
  if (wrong.length) throw new Error(`build-viewer: web/oasview.mjs should have each of these members once: ${wrong.join(", ")}`);
  return lines.join("\n");
}

/** esbuild plugin: the viewer's oasview.mjs (above). */
const viewerApi = {
  name: "oasview-viewer-api",
  setup(build) {
    build.onLoad({ filter: /[\\/]web[\\/]oasview\.mjs$/ }, (args) => ({
      contents: omitMembers(readFileSync(args.path, "utf8"), VIEWER_OMITS), loader: "js", resolveDir: dirname(args.path),
    }));
  },
};

export async function buildViewer(root, dist = join(root, "dist"), wasm = join(root, "build/wasm/oasview-viewer.wasm")) {
  const src = join(root, "web/viewer");
  const out = join(dist, "viewer");
  rmSync(out, { recursive: true, force: true }); // no unbundled modules left from an older build
  mkdirSync(out, { recursive: true });
  const esbuild = await import("esbuild");
  const common = { bundle: true, minify: true, target: "es2022", legalComments: "eof", logLevel: "warning", write: true };
  await esbuild.build({
    ...common,
    // element.mjs finds worker.mjs and viewer.css next to itself (new URL(…, import.meta.url)):
    // the bundles keep the sources' file names and places.
    entryPoints: { element: join(src, "element.mjs"), worker: join(src, "worker.mjs") },
    outdir: out, outExtension: { ".js": ".mjs" }, format: "esm",
    // what element.mjs imports lazily (the entry views, the diagnostics panel) becomes its own file, and the code
    // it shares with element.mjs a chunk both import: the overview page downloads neither lazy file
    splitting: true, chunkNames: "[name]-[hash]",
    plugins: [viewerApi],
  });
  // viewer.css, and entry.css: the entries' and the diagnostics panel's rules, loaded with their views
  await esbuild.build({ ...common, entryPoints: ["viewer.css", "entry.css"].map((f) => join(src, f)), outdir: out });
  for (const f of ["element.d.ts", "README.md"]) copyFileSync(join(src, f), join(out, f));
  copyFileSync(wasm, join(out, "oasview-viewer.wasm"));
  // the /docs page's own script and style (web/docs.*), minified: what `npm start` serves (not in the package)
  const page = join(dist, "page");
  rmSync(page, { recursive: true, force: true });
  await esbuild.build({ ...common, bundle: false, entryPoints: ["docs.mjs", "docs.css"].map((f) => join(root, "web", f)), outdir: page,
    outExtension: { ".js": ".mjs" }, format: "esm" });
  writeFileSync(join(page, "docs.html"), await pageHtml(readFileSync(join(root, "web/docs.html"), "utf8"), esbuild));
  return ["element.mjs", "worker.mjs", "viewer.css", "entry.css", "oasview-viewer.wasm", "../page/docs.mjs", "../page/docs.css", "../page/docs.html"];
}

/**
 * web/docs.html as `npm start` serves it (dist/page/docs.html): without its comments, its inline script minified,
 * and its CSP naming that script's new hash (the page allows its one inline script by hash).
 */
export async function pageHtml(html, esbuild) {
  const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)];
  if (scripts.length !== 1) throw new Error(`web/docs.html: ${scripts.length} inline scripts (one expected)`);
  const source = scripts[0][1];
  const hashOf = (text) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  if (!html.includes(hashOf(source))) throw new Error("web/docs.html: its CSP does not name its inline script's hash");
  const minified = "\n" + (await esbuild.transform(source, { minify: true, target: "es2022", loader: "js" })).code;
  return html
    .replace(/<!--[^]*?-->\n?/g, "") // its comments are for its readers, not for every page load
    .replace(hashOf(source), hashOf(minified))
    .replace(`<script>${source}</script>`, () => `<script>${minified}</script>`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const dist = resolve(process.argv[2] ?? join(root, "dist"));
  const wasm = resolve(process.argv[3] ?? join(root, "build/wasm/oasview-viewer.wasm"));
  console.log(`build: docs viewer in ${join(dist, "viewer")} (${(await buildViewer(root, dist, wasm)).join(", ")})`);
}
