// build-viewer.mjs - the docs viewer (<oasview-docs>) into dist/viewer/, bundled and
// minified by esbuild: what a page downloads is element.mjs (the page's side, with a
// shared chunk; the entry views and the diagnostics panel are files of their own, loaded
// when first needed), worker.mjs (its Web Worker, with oasview.mjs inside), viewer.css (entry.css
// with the entries) and oasview-viewer.wasm (`wasm`: the wasm build's copy without the exports the viewer
// never calls). The readable sources stay in web/viewer/. Called by scripts/build.mjs;
// `dist` names another package folder (a work-in-progress build:
// node scripts/build-viewer.mjs build/x-dist build/x-wasm/oasview-viewer.wasm).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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
  });
  // viewer.css, and entry.css: the entries' and the diagnostics panel's rules, loaded with their views
  await esbuild.build({ ...common, entryPoints: ["viewer.css", "entry.css"].map((f) => join(src, f)), outdir: out });
  for (const f of ["element.d.ts", "README.md"]) copyFileSync(join(src, f), join(out, f));
  copyFileSync(wasm, join(out, "oasview-viewer.wasm"));
  return ["element.mjs", "worker.mjs", "viewer.css", "entry.css", "oasview-viewer.wasm"];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const dist = resolve(process.argv[2] ?? join(root, "dist"));
  const wasm = resolve(process.argv[3] ?? join(root, "build/wasm/oasview-viewer.wasm"));
  console.log(`build: docs viewer in ${join(dist, "viewer")} (${(await buildViewer(root, dist, wasm)).join(", ")})`);
}
