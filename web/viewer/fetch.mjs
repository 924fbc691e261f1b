// fetch.mjs - the downloads the page thread makes for its worker: the document
// and oasview.wasm start downloading when the element starts its worker, not
// once the worker's script has arrived and started; the bytes are then handed over.

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
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}

const wasm = new Map();

/**
 * oasview.wasm's bytes, fetched once per page for every worker (each compiles them);
 * null when this thread cannot fetch them (the worker then fetches `url` itself).
 */
export function wasmBytes(url) {
  let p = wasm.get(url);
  if (!p) {
    p = fetch(url).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
    wasm.set(url, p);
  }
  return p;
}
