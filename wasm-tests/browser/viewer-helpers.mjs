// viewer-helpers.mjs - what the viewer tests share: does this build have the
// render model, a hostile spec generator, and shadow-DOM helpers.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../helpers.mjs";

/** What the built dist/oasview.mjs offers: { navigation, entries } (the render model lands in steps). */
export async function modelSupport() {
  const { createOasview } = await import(join(root, "dist/oasview.mjs"));
  const ov = await createOasview();
  const doc = ov.load('{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}');
  const support = { navigation: typeof doc.navigation === "function", entries: typeof doc.entry === "function" };
  doc.dispose();
  return support;
}

/** Write `spec` (an object) to a fresh temporary file; returns its path. */
export function tempSpec(name, spec) {
  const dir = mkdtempSync(join(tmpdir(), "oasview-viewer-"));
  const file = join(dir, name);
  writeFileSync(file, typeof spec === "string" ? spec : JSON.stringify(spec, null, 2));
  return file;
}

/** XSS vectors: scripts, handlers, javascript: links, styles, SVG, attribute breakouts, third-party loads. */
export const VECTORS = [
  `<script>window.__xss=1;fetch("http://evil.example/s")</script>`,
  `<img src=x onerror="window.__xss=2;alert(2)">`,
  `<iframe src="javascript:alert(3)"></iframe>`,
  `[click me](javascript:alert(4))`,
  `<style>*{display:none!important}</style>`,
  `<svg onload=alert(5)><circle r=9 /></svg>`,
  `"><img src=x onerror=alert(6)>`,
  `' onmouseover='alert(7)' x='`,
  `![pixel](http://evil.example/pixel.png)`,
  `<a href="javascript:alert(8)">link</a>`,
  `<math><mi xlink:href="javascript:alert(9)">m</mi></math>`,
  `<details open ontoggle=alert(10)>x</details>`,
  `<object data="http://evil.example/o"></object>`,
  `<base href="http://evil.example/">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(11)">`,
  `<link rel=stylesheet href="http://evil.example/x.css">`,
  `<input autofocus onfocus=alert(12)>`,
  `<video><source onerror="alert(13)"></video>`,
  `<img src="http://evil.example/i.png">`,
];
export const X = VECTORS.join(" ");
const BAD_URLS = ["javascript:alert('u1')", "JaVaScRiPt:alert('u2')", " javascript:alert('u3')", "data:text/html,<script>alert('u4')</script>",
  "vbscript:msgbox('u5')", `https://api.example/"><img src=x onerror=alert('u6')>`];

/** An OpenAPI 3.1 document whose every text field carries XSS vectors. */
export function hostileSpec() {
  const schema = {
    title: X, description: X, type: "object", required: [X],
    properties: {
      [X]: { type: "string", description: X, enum: [X, "plain"], default: X, example: X, pattern: "^[a-z]+$", format: X },
      [`"><svg onload=alert(1)>`]: { type: "array", items: { type: "object", title: X, properties: { [`<img src=x onerror=alert(1)>`]: { const: X } } } },
      nested: { $ref: "#/components/schemas/Other" },
    },
    example: { [X]: X },
  };
  const media = { "application/json": { schema: { $ref: "#/components/schemas/Thing" }, examples: { [X]: { summary: X, description: X, value: { [X]: X } } } } };
  return {
    openapi: "3.1.0",
    info: {
      title: X, summary: X, description: X, version: X, termsOfService: BAD_URLS[0],
      contact: { name: X, url: BAD_URLS[1], email: `"><script>alert(1)</script>@x.example` },
      license: { name: X, url: BAD_URLS[2] },
    },
    externalDocs: { url: BAD_URLS[3], description: X },
    servers: [
      { url: BAD_URLS[4], description: X, variables: { v: { default: X, enum: [X], description: X } } },
      { url: BAD_URLS[5], description: X },
    ],
    tags: [{ name: X, description: X, externalDocs: { url: BAD_URLS[0], description: X } }],
    paths: {
      "/items/{id}": {
        get: {
          tags: [X], summary: X, description: X, operationId: "getItem",
          externalDocs: { url: BAD_URLS[1], description: X },
          parameters: [
            { name: "id", in: "path", required: true, description: X, schema: { type: "string", enum: [X] }, example: X },
            { name: X, in: "query", description: X, schema: { type: "string", default: X }, examples: { [X]: { summary: X, value: X } } },
            { name: X, in: "header", description: X, schema: { type: "string" } },
          ],
          security: [{ [X]: [X] }],
          responses: {
            200: { description: X, headers: { [X]: { description: X, schema: { type: "string" } } }, content: media, links: { [X]: { operationId: "getItem", description: X } } },
            default: { description: X },
          },
          callbacks: { [X]: { [`{$request.query.${X}}`]: { post: { summary: X, description: X, requestBody: { content: media }, responses: { 200: { description: X } } } } } },
        },
      },
      [`/<script>alert(1)</script>/"><img src=x onerror=alert(1)>`]: {
        post: { summary: X, description: X, requestBody: { description: X, required: true, content: media }, responses: { 201: { description: X, content: media } } },
      },
    },
    webhooks: {
      [X]: { post: { tags: [X], summary: X, description: X, requestBody: { description: X, content: media }, responses: { 200: { description: X } } } },
      [`/users/"><img src=x onerror=alert(1)>`]: { post: { summary: X, requestBody: { content: media }, responses: { 204: { description: X } } } },
    },
    components: {
      schemas: { Thing: schema, Other: { type: "object", description: X, properties: { back: { $ref: "#/components/schemas/Thing" } } }, [X.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 60)]: { description: X, type: "string", enum: [X] } },
      securitySchemes: { [X]: { type: "apiKey", in: "header", name: X, description: X } },
    },
  };
}

/** Run `fn(shadowRoot, arg)` in the page against <oasview-docs>'s shadow root. */
export function inViewer(page, fn, arg) {
  return page.evaluate(([src, a]) => {
    const root = document.querySelector("oasview-docs")?.shadowRoot;
    // eslint-disable-next-line no-new-func
    return new Function("root", "arg", `return (${src})(root, arg);`)(root, a);
  }, [fn.toString(), arg]);
}

/** Every way markup from the spec could have become live in the viewer: returns a list of findings (empty = clean). */
export function unsafeMarkup(page) {
  return inViewer(page, (root) => {
    const found = [];
    const scopes = [document, root];
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll("*")) {
        const tag = el.localName;
        // The page's own head and module script.
        if (scope === document && (el.closest("head") || (tag === "script" && /^\/web\//.test(el.getAttribute("src") ?? "")))) continue;
        if (["script", "iframe", "object", "embed", "img", "video", "audio", "source", "base", "meta", "form", "frame", "math"].includes(tag)) found.push(`<${tag}>`);
        if (tag === "style") found.push("<style>");
        // the element's own stylesheets (entry.css comes with the entry views)
        if (tag === "link" && scope === root && !/\/(viewer|entry)\.css$/.test(el.getAttribute("href") ?? "")) found.push(`<link href=${el.getAttribute("href")}>`);
        if (tag === "svg" && !el.classList.contains("icon")) found.push("<svg> not ours");
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
          if (a.name === "style" && !/^(transform: translateY\(\d+px\);|height: \d+px;|width: \d+%;)?$/.test(a.value)) found.push(`${tag}[style=${a.value}] ${el.outerHTML.slice(0, 120)}`);
          if ((a.name === "href" || a.name === "src" || a.name === "action" || a.name === "xlink:href") && /^\s*(javascript|data|vbscript):/i.test(a.value)) found.push(`${tag}[${a.name}=${a.value}]`);
        }
        if (tag === "a" && el.hasAttribute("href")) {
          const href = el.getAttribute("href");
          if (!/^(#|https?:|mailto:|\/)/i.test(href)) found.push(`a[href=${href}]`);
        }
      }
    }
    if (window.__xss) found.push(`window.__xss = ${window.__xss}`);
    return found;
  });
}
