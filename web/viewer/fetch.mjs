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
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
}
