// app.mjs - an OpenAPI validation service for the edge: POST a spec (JSON or
// YAML) and get its diagnostics back as JSON, or as SARIF with ?format=sarif.
//
// The same code runs in workerd (worker.mjs) and Deno (deno.mjs): it uses
// only fetch-API types and oasview's createOasview({ wasm }).
//
//   POST /?filename=openapi.yaml[&format=json|sarif|text]   body: the spec
//   200  the spec was read: { valid, version, title, errors, warnings, diagnostics }
//   400  empty body, not UTF-8 text, or not an OpenAPI document (with its diagnostics)
//   413  body larger than maxBytes        415  a Content-Type that is not text
import { createOasview } from "oasview";

// Text types a spec may come as. application/x-www-form-urlencoded is what
// `curl --data-binary @openapi.yaml` sends unless told otherwise.
const TEXT = /^(text\/[^;]*|application\/(json|yaml|x-yaml|openapi\+json|openapi\+yaml|vnd\.oai\.openapi(\+json|\+yaml)?|x-www-form-urlencoded|[-.\w]+\+(json|yaml)))\s*(;|$)/i;

const json = (status, value, headers = {}) =>
  new Response(JSON.stringify(value, null, 2) + "\n", {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

const problem = (status, message, extra = {}, headers = {}) => json(status, { error: message, ...extra }, headers);

// A body over the limit is still read (and dropped) up to DRAIN_BYTES, so that
// clients which send the whole body before they read the answer (fetch in
// Node, for one) get the 413 rather than a reset connection; past that the
// connection is dropped.
const DRAIN_BYTES = 64 * 1024 * 1024;

/** The body, or null when it is larger than maxBytes (Content-Length or counted). */
export async function readBody(request, maxBytes) {
  if (!request.body) return new Uint8Array(0);
  const declared = Number(request.headers.get("content-length") ?? 0);
  const reader = request.body.getReader();
  if (declared > DRAIN_BYTES) { await reader.cancel().catch(() => {}); return null; }
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > DRAIN_BYTES) { await reader.cancel().catch(() => {}); return null; }
    if (total > maxBytes || declared > maxBytes) chunks.length = 0; // too large: read on, keep nothing
    else chunks.push(value);
  }
  if (total > maxBytes || declared > maxBytes) return null;
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}

/**
 * Check that a body is UTF-8 text: returns an error message, or null when it is.
 */
export function notText(request, bytes) {
  const type = request.headers.get("content-type");
  if (type && !TEXT.test(type)) return { status: 415, message: `the body must be text (JSON or YAML), not ${type.split(";")[0]}` };
  if (bytes.byteLength === 0) return { status: 400, message: "the body is empty: send the document as the request body" };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { status: 400, message: "the body is not UTF-8 text" };
  }
  if (bytes.includes(0)) return { status: 400, message: "the body is binary (it holds NUL bytes), not JSON or YAML text" };
  return null;
}

/**
 * The service. `wasm`: what createOasview takes (a WebAssembly.Module in
 * workerd; nothing in Deno and Node, which find the .wasm themselves).
 * @param {{ wasm?: unknown, maxBytes?: number, maxDepth?: number }} [options]
 */
export function createValidator({ wasm, maxBytes = 4 * 1024 * 1024, maxDepth = 256 } = {}) {
  let ready = null;
  const oasview = () =>
    (ready ??= createOasview(wasm === undefined ? {} : { wasm }).catch((error) => { ready = null; throw error; }));

  async function validate(request, url) {
    const format = url.searchParams.get("format") ?? "json";
    if (!["json", "sarif", "text"].includes(format)) return problem(400, "format must be json, sarif or text");
    const bytes = await readBody(request, maxBytes);
    if (bytes === null) return problem(413, `the body is larger than ${maxBytes} bytes`, { maxBytes });
    const bad = notText(request, bytes);
    if (bad) return problem(bad.status, bad.message);
    let filename = url.searchParams.get("filename");
    if (!filename) filename = /yaml/i.test(request.headers.get("content-type") ?? "") ? "openapi.yaml" : "openapi.json";
    const ov = await oasview();
    const doc = ov.load(bytes, { filename, limits: { maxInputBytes: maxBytes, maxDepth } });
    try {
      const errors = doc.diagnostics.filter((d) => d.severity === "error").length;
      const warnings = doc.diagnostics.filter((d) => d.severity === "warning").length;
      if (doc.version === null) {
        const first = doc.diagnostics.find((d) => d.severity === "error");
        return problem(400, `the body is not an OpenAPI document${first ? `: ${first.message}` : ""}`, { diagnostics: doc.diagnostics });
      }
      if (format === "sarif") {
        const sarif = ov.lintBegin("sarif") + doc.formatLint("sarif", { filename }) + ov.lintEnd("sarif", { errors, warnings, files: 1 });
        return new Response(sarif, { headers: { "content-type": "application/sarif+json; charset=utf-8" } });
      }
      if (format === "text") {
        return new Response(doc.formatText(filename), { headers: { "content-type": "text/plain; charset=utf-8" } });
      }
      return json(200, { valid: doc.valid, version: doc.version, title: doc.title, errors, warnings, diagnostics: doc.diagnostics });
    } finally {
      doc.dispose();
    }
  }

  return {
    async fetch(request) {
      const url = new URL(request.url);
      try {
        if (url.pathname !== "/") return problem(404, "not found: POST the document to /");
        if (request.method === "GET") {
          return json(200, { usage: "POST an OpenAPI 3.1 document (JSON or YAML) to /?filename=NAME[&format=json|sarif|text]", maxBytes });
        }
        if (request.method !== "POST") return problem(405, "use POST", {}, { allow: "GET, POST" });
        return await validate(request, url);
      } catch (error) {
        return problem(500, `the validator failed: ${error?.message ?? error}`);
      }
    },
  };
}
