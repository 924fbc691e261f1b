// viewer-servers.mjs - the servers of the docs-page benchmark (bench/viewer.mjs), in a process of their own:
// oasview's /docs (scripts/serve.mjs) and the anchors' pages over bench/node_modules, for one document.
//   node bench/viewer-servers.mjs SPEC DIST   prints {"ours":URL,"theirs":URL} and a newline once both listen;
//                                             exits when its standard input closes
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { benchDir, isMain, root } from "./lib.mjs";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".map": "application/json", ".png": "image/png" };

const PAGES = {
  "swagger-ui": `<!doctype html><html><head><meta charset="utf-8"><title>Swagger UI</title>
<link rel="stylesheet" href="/nm/swagger-ui-dist/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/nm/swagger-ui-dist/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: "/spec.json", dom_id: "#swagger-ui", validatorUrl: null });</script></body></html>`,
  redoc: `<!doctype html><html><head><meta charset="utf-8"><title>Redoc</title></head><body>
<redoc spec-url="/spec.json"></redoc><script src="/nm/redoc/bundles/redoc.standalone.js"></script></body></html>`,
  rapidoc: `<!doctype html><html><head><meta charset="utf-8"><title>RapiDoc</title>
<script type="module" src="/nm/rapidoc/dist/rapidoc-min.js"></script></head><body>
<rapi-doc spec-url="/spec.json" render-style="read" show-header="false"></rapi-doc></body></html>`,
};

/** Anchors' pages, bench/node_modules under /nm/, and the spec at /spec.json. */
export function anchorServer(specPath) {
  const nm = join(benchDir, "node_modules");
  const server = createServer(async (req, res) => {
    try {
      const p = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
      let body, type;
      if (p === "/spec.json") { body = await readFile(specPath); type = TYPES[".json"]; }
      else if (PAGES[p.slice(1)]) { body = PAGES[p.slice(1)]; type = TYPES[".html"]; }
      else if (p.startsWith("/nm/")) {
        const file = normalize(join(nm, p.slice(4)));
        if (!file.startsWith(nm + sep)) throw new Error("outside");
        body = await readFile(file); type = TYPES[extname(file)] ?? "application/octet-stream";
      } else { res.writeHead(404).end(); return; }
      res.writeHead(200, { "content-type": type, "cache-control": "no-cache" }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  return server;
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

if (isMain(import.meta.url)) {
  const [spec, dist] = process.argv.slice(2);
  const { createDocsServer } = await import(join(root, "scripts/serve.mjs"));
  const servers = [createDocsServer({ spec, dist }), anchorServer(spec)];
  const [ours, theirs] = await Promise.all(servers.map(listen));
  process.stdout.write(`${JSON.stringify({ ours, theirs })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    for (const s of servers) { s.closeAllConnections?.(); s.close(); }
  });
}
