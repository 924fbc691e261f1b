// fetch.mjs - the worker's download of a document, with progress for the page's meter.

/** The name a document is read under (its format comes from it): the last segment of its URL's path. */
export function filenameOf(url) {
  return decodeURIComponent(new URL(url).pathname.split("/").pop() || "openapi");
}

/** The document's bytes, with progress ({ phase: "fetch", loaded, total }) at most every 50 ms. */
export async function fetchBytes(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("content-length")) || 0;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0, last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    const now = Date.now();
    if (now - last > 50) { last = now; onProgress?.({ phase: "fetch", loaded, total }); }
  }
  return joined(chunks, loaded);
}

/** The chunks as one array of `length` bytes (the chunk itself when there is one). */
function joined(chunks, length) {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}

/**
 * A document the page downloads and hands over in chunks ({ type: "handover", url, chunks, total, done }
 * or { failed: true }): the /docs page starts its request before this worker has started. `bytes`: the
 * whole document, or null when the page could not download it (the worker then tries itself and reports why).
 */
export class Handover {
  #chunks = [];
  #loaded = 0;
  #onProgress;
  #settle;

  constructor(onProgress) {
    this.#onProgress = onProgress;
    this.bytes = new Promise((resolve) => { this.#settle = resolve; });
  }

  receive({ chunks = [], total = 0, done = false, failed = false }) {
    if (failed) { this.#settle(null); return; }
    for (const c of chunks) { this.#chunks.push(c); this.#loaded += c.byteLength; }
    if (!done) { this.#onProgress?.({ phase: "fetch", loaded: this.#loaded, total }); return; }
    const bytes = joined(this.#chunks, this.#loaded);
    this.#chunks = [];
    this.#settle(bytes);
  }
}
