// build-preview.mjs - the live preview (/preview, <oasview-preview>) into dist/preview/:
// web/preview/element.mjs bundled with CodeMirror 6 by esbuild (from node_modules:
// nothing from a CDN, the bundle is built, not committed), the page, its CSS and the
// service worker with this build's id and asset list. Called by scripts/build.mjs
// after dist/viewer/ and dist/oasview.* are in place; `dist` names another package
// folder (a work-in-progress build: node scripts/build-preview.mjs build/x-dist).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export async function buildPreview(root, dist = join(root, "dist")) {
  const out = join(dist, "preview");
  mkdirSync(out, { recursive: true });
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(root, "web/preview/element.mjs")],
    outfile: join(out, "element.mjs"),
    bundle: true, format: "esm", minify: true, target: "es2022", legalComments: "eof", logLevel: "warning",
    // the docs viewer stays one module, shared with /docs and the package's "oasview/viewer"
    external: ["../viewer/element.mjs"],
  });
  for (const f of ["index.html", "page.mjs", "page.css", "preview.css"]) copyFileSync(join(root, "web/preview", f), join(out, f));
  // The page loads dist/ as /preview/dist/ (scripts/serve.mjs): the viewer's worker script must be inside the scope.
  const files = ["oasview.mjs", "oasview.wasm", ...["element.mjs", "page.mjs", "page.css", "preview.css"].map((f) => `preview/${f}`),
    ...readdirSync(join(dist, "viewer"), { recursive: true }).map(String).filter((f) => /\.(mjs|css|wasm)$/.test(f)).map((f) => `viewer/${f.replaceAll("\\", "/")}`)];
  const assets = ["/preview", "/config.json", ...files.map((f) => `/preview/dist/${f}`)];
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update(readFileSync(join(dist, f)));
  hash.update(readFileSync(join(out, "index.html")));
  const build = hash.digest("hex").slice(0, 12);
  const sw = readFileSync(join(root, "web/preview/sw.js"), "utf8")
    .replace("__OASVIEW_BUILD__", build).replace("__OASVIEW_ASSETS__", JSON.stringify(assets, null, 1));
  writeFileSync(join(out, "sw.js"), sw);
  return build;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const dist = resolve(process.argv[2] ?? join(root, "dist"));
  console.log(`build: live preview in ${join(dist, "preview")} (build ${await buildPreview(root, dist)})`);
}
