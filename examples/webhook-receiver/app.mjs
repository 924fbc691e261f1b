// app.mjs - a webhook receiver for the edge: it checks each delivery against
// the schema that the API's OpenAPI document gives for that webhook, before
// your code sees it.
//
//   POST /webhooks/<name>   the delivery (JSON)
//     2xx  { received: true, webhook }              the payload matches the documented schema
//     400  { error, errors: [{ instanceLocation, keywordLocation, code, message }] }
//     404  no webhook of that name and method      413  body too large
//     415  a Content-Type the webhook does not document, or not text
//   GET /webhooks           the webhooks the spec documents
//
// The same code runs in workerd (worker.mjs) and Deno (deno.mjs). The spec is
// bundled with the worker; it is loaded once, and each webhook's schema is
// compiled on its first delivery, then reused.
import { createOasview } from "oasview";

const MAX_BYTES = 1024 * 1024;

const json = (status, value) =>
  new Response(JSON.stringify(value, null, 2) + "\n", { status, headers: { "content-type": "application/json; charset=utf-8" } });

// A body over the limit is still read (and dropped) up to DRAIN_BYTES, so that
// clients which send the whole body before they read the answer (fetch in
// Node, for one) get the 413 rather than a reset connection; past that the
// connection is dropped.
const DRAIN_BYTES = 64 * 1024 * 1024;

/** The body, or null when it is larger than maxBytes (Content-Length or counted). */
async function readBody(request, maxBytes) {
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
 * @param {{ spec: string | Uint8Array, filename?: string, wasm?: unknown, maxBytes?: number,
 *   onDelivery?: (webhook: string, payload: unknown, request: Request) => Response | void | Promise<Response | void> }} options
 *   spec: the OpenAPI document's text; onDelivery: your handler, called with valid payloads only
 */
export function createReceiver({ spec, filename = "openapi.json", wasm, maxBytes = MAX_BYTES, onDelivery } = {}) {
  let ready = null;

  async function setup() {
    const ov = await createOasview(wasm === undefined ? {} : { wasm });
    const doc = ov.load(spec, { filename });
    if (!doc.valid) {
      const first = doc.diagnostics.find((d) => d.severity === "error");
      console.warn(`webhook receiver: the bundled spec has errors (${first?.code}: ${first?.message} at ${first?.pointer})`);
    }
    // name -> method -> model id ("webhooks/<name>/<method>")
    const webhooks = new Map();
    for (const item of doc.navigation().webhooks) {
      if (!webhooks.has(item.name)) webhooks.set(item.name, new Map());
      webhooks.get(item.name).set(item.method, item.id);
    }
    return { doc, webhooks };
  }
  const state = () => (ready ??= setup().catch((error) => { ready = null; throw error; }));

  async function receive(request, name) {
    const { doc, webhooks } = await state();
    const methods = webhooks.get(name);
    const id = methods?.get(request.method.toLowerCase());
    if (!id) {
      return json(methods ? 405 : 404, {
        error: methods ? `the webhook ${name} is not delivered with ${request.method}` : `the spec documents no webhook named ${name}`,
      });
    }
    const bytes = await readBody(request, maxBytes);
    if (bytes === null) return json(413, { error: `the delivery is larger than ${maxBytes} bytes` });
    if (bytes.byteLength === 0) return json(400, { error: "the delivery is empty" });
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return json(400, { error: "the delivery is not UTF-8 text" });
    }
    const contentType = request.headers.get("content-type") ?? undefined;
    const result = doc.validatePayload(id, bytes, { part: "request", contentType });
    if (!result.valid) {
      const undocumented = result.errors[0]?.code === "media-type-not-documented";
      return json(undocumented ? 415 : 400, {
        error: undocumented ? result.errors[0].message : `the delivery does not match the documented schema of ${name}`,
        errors: result.errors,
      });
    }
    if (onDelivery) {
      const answer = await onDelivery(name, JSON.parse(text), request);
      if (answer) return answer;
    }
    return json(200, { received: true, webhook: name });
  }

  return {
    async fetch(request) {
      const url = new URL(request.url);
      try {
        if (url.pathname === "/webhooks" && request.method === "GET") {
          const { webhooks } = await state();
          return json(200, { webhooks: [...webhooks].map(([name, m]) => ({ name, methods: [...m.keys()] })) });
        }
        if (url.pathname.startsWith("/webhooks/")) {
          let name;
          try { name = decodeURIComponent(url.pathname.slice("/webhooks/".length)); } catch { return json(400, { error: "bad webhook name" }); }
          return await receive(request, name);
        }
        return json(404, { error: "not found: POST deliveries to /webhooks/<name>" });
      } catch (error) {
        return json(500, { error: `the receiver failed: ${error?.message ?? error}` });
      }
    },
  };
}
