// serve.mjs - the development server behind `npm start`.
//
//   node scripts/serve.mjs [SPEC]     serves http://127.0.0.1:8000/docs and /preview (the live editor)
//
// SPEC defaults to the bundled example (web/example/openapi.yaml). The server
// listens on loopback only and serves files from web/ and dist/ and the one
// spec file; nothing else on disk is reachable.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".mjs": "text/javascript; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".wasm": "application/wasm", ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8", ".yml": "application/yaml; charset=utf-8", ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8", ".png": "image/png",
};

/** Resolve `rel` inside `dir`, or null when it would leave it. */
function inside(dir, rel) {
  const path = normalize(join(dir, rel));
  return path === dir || path.startsWith(dir + sep) ? path : null;
}

/** The files a bundled module imports statically from its own folder (esbuild's shared chunks): `import…from"./x.mjs"`. */
async function staticImports(modulePath) {
  const text = await readFile(modulePath, "utf8").catch(() => "");
  return new Set([...text.matchAll(/\b(?:from|import)\s*"\.\/([\w.-]+\.mjs)"/g)].map((m) => m[1]));
}

/** `dist`: the built package to serve (default dist/; the tests and benchmarks pass OASVIEW_DIST, a work-in-progress build). */
export function createDocsServer({ spec = join(root, "web/example/openapi.yaml"), dist = join(root, "dist") } = {}) {
  const specPath = resolve(spec);
  const specName = basename(specPath);
  const specUrl = `/specs/${encodeURIComponent(specName)}`; // encoded: safe in an HTML attribute too
  dist = resolve(dist);
  // /preview/dist/: the same files inside the preview's service-worker scope (its worker script must be in scope to work offline)
  const mounts = [["/dist/", dist], ["/web/", join(root, "web")], ["/preview/dist/", dist]];

  async function send(res, path, status = 200) {
    const body = await readFile(path);
    res.writeHead(status, {
      // the length: the viewer's download meter then says "x of y"
      "content-length": body.length,
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(body);
  }

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      const p = decodeURIComponent(url.pathname);
      if (req.method !== "GET" && req.method !== "HEAD") { res.writeHead(405).end(); return; }
      if (p === "/") { res.writeHead(302, { location: "/docs" }).end(); return; }
      if (p === "/docs" || p === "/docs/") {
        // the spec's URL goes into the page (its first script has the worker download it at once; no wait for
        // /config.json), and so do modulepreloads: the viewer's static chunks download while the page's
        // scripts are still arriving
        const preloads = [...await staticImports(join(dist, "viewer/element.mjs"))].map((f) => `<link rel="modulepreload" href="/dist/viewer/${f}">`);
        // web/docs.html as scripts/build-viewer.mjs writes it: no comments, its inline script minified
        const html = (await readFile(join(dist, "page/docs.html"), "utf8"))
          .replace('<meta name="oasview-spec-url" content="">', `<meta name="oasview-spec-url" content="${specUrl}">`)
          .replace("</head>", `${preloads.join("\n")}\n</head>`);
        res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-cache", "x-content-type-options": "nosniff" });
        res.end(html);
        return;
      }
      // the live preview (built by scripts/build.mjs into dist/preview/); its service worker controls /preview
      if (p === "/preview" || p === "/preview/") return await send(res, join(dist, "preview/index.html"));
      if (p === "/preview/sw.js") { res.setHeader("service-worker-allowed", "/preview"); return await send(res, join(dist, "preview/sw.js")); }
      if (p === "/config.json") {
        res.writeHead(200, { "content-type": TYPES[".json"], "cache-control": "no-cache" });
        res.end(JSON.stringify({ specUrl }));
        return;
      }
      if (p === `/specs/${specName}`) return await send(res, specPath);
      for (const [prefix, dir] of mounts) {
        if (!p.startsWith(prefix)) continue;
        const file = inside(dir, p.slice(prefix.length));
        if (file && (await stat(file).catch(() => null))?.isFile()) return await send(res, file);
      }
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(`server error: ${error.message}\n`);
    }
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = process.argv[2];
  const port = Number(process.env.PORT ?? 8000);
  if (spec && !(await stat(spec).catch(() => null))?.isFile()) {
    console.error(`serve: ${spec} is not a readable file`);
    process.exit(2);
  }
  createDocsServer({ spec }).listen(port, "127.0.0.1", () => {
    console.log(`oasview docs: http://127.0.0.1:${port}/docs  (spec: ${spec ?? "web/example/openapi.yaml"})`);
    console.log(`live preview: http://127.0.0.1:${port}/preview`);
  });
}
