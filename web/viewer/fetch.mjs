// fetch.mjs - the worker's download of a document, with progress for the page's meter.

/** The name a document is read under (its format comes from it): the last segment of its URL's path. */
export function filenameOf(url) {
  return decodeURIComponent(new URL(url).pathname.split("/").pop() || "openapi");
}

/**
 * The document's bytes, with progress ({ phase: "fetch", loaded, total }) at most every 50 ms. `sink`, when
 * given, sees them arrive: `start(length)` (0 when unknown, or when the length on the wire is not the
 * document's: a compressed response), then `chunk(bytes)` for each part, in order.
 */
export async function fetchBytes(url, onProgress, sink = null) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("content-length")) || 0;
  const encoded = (response.headers.get("content-encoding") ?? "identity").toLowerCase() !== "identity";
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  sink?.start(encoded ? 0 : total);
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0, last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    sink?.chunk(value);
    loaded += value.byteLength;
    const now = Date.now();
    if (now - last > 50) { last = now; onProgress?.({ phase: "fetch", loaded, total }); }
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}
