// worker.mjs - the viewer's Web Worker: it owns the wasm module and the
// document; the page only draws what it sends back.
//
// Protocol (structured-clone messages, one reply per request id):
//   page -> worker  { id, type: "warm", wasmUrl?, wasm? }   (compile the wasm before the document is known)
//                   { type: "warm", handed: true }, then { type: "handover", wasm }   (the page compiles the wasm
//                   and hands over the WebAssembly.Module; wasm: null has this worker fetch it itself)
//                   { id, type: "prefetch", url, deferAbove?, handed? }   (download a document before the page asks to
//                   load it; deferAbove: what that load will say, and then a document of deferAbove bytes or
//                   more is parsed as soon as it is here, under filenameOf(url); handed: the page downloads it
//                   and sends its bytes:)
//                   { type: "handover", url, chunks, total, done } ... or { type: "handover", url, failed: true }
//                   (no reply; failed: this worker downloads it itself)
//                   { id, type: "load", text | url, filename?, wasmUrl?, wasm?, deferAbove?, openId? }
//                   (filename: the name the document is read under, its format from it; for a url,
//                   filenameOf(url) by default)
//                   (wasm: oasview.wasm's bytes when the page has them, else this worker fetches wasmUrl;
//                   text: a string or bytes; url: an absolute URL this worker downloads, with "fetch" progress)
//                   { id, type: "validate", text, filename?, wasmUrl? }   (diagnostics only; a second worker)
//                   { id, type: "entry", entryId }
//                   { id, type: "search", query, limit? }
//                   { id, type: "dispose" }
//   worker -> page  { id, progress: { phase: "fetch"|"read"|"parse"|"model", loaded?, total? } }  (0..n times, load only)
//                   { id, ok: true, result }  or  { id, ok: false, error }
// A "load" result: { title, version, format, valid, bytes, diagnostics (each with
// `itemId` when it falls inside an operation, webhook or schema), navigation (its
// JSON text; null when this oasview.wasm has no render model), hasEntries, entry
// (the entry `openId` names, when there is one), filename (the name it was read under), parsedAhead
// (true when a prefetch had parsed it) }.
// With `deferAbove: N`, a document of N bytes or more loads without validation
// (valid and diagnostics null, the input handed back): the page asks a second
// worker to "validate" it, so big documents can be read long before they are checked.
import { createOasview } from "../oasview.mjs";
import { Handover, fetchBytes, filenameOf } from "./fetch.mjs";

let ovPromise = null;
let doc = null;
let search = [];
/** The document whose search entries are not built yet (built on the first search). */
let searchPending = null;

/**
 * The wasm: its bytes when the page sent them (it fetches them while this worker starts), else
 * fetched from `wasmUrl` (default: oasview-viewer.wasm next to this module in dist/viewer/).
 */
function oasview(wasmUrl, bytes) {
  ovPromise ??= createOasview({ wasm: wasmSource(wasmUrl, bytes) });
  return ovPromise;
}

const wasmSource = (wasmUrl, given) => given ?? new URL(wasmUrl ?? "./oasview-viewer.wasm", import.meta.url);

/** Settles the wasm the page said it would hand over (a "warm" with `handed`): its module, or null. */
let handedWasm = null;

const progress = (id, p) => postMessage({ id, progress: p });

/**
 * Documents downloading, by URL: a "prefetch" starts one before the page has its element (the /docs page
 * names its document in its first script), and the "load" of that URL takes it over. This thread downloads
 * it, unless the prefetch says `handed`: then that script downloads it (its request starts some 30 ms before
 * this worker could start one) and hands the bytes over as they come ("handover" messages).
 * A prefetch that says how the load will read the document (`deferAbove`) has a big one parsed
 * as soon as it is here, without validation, as that load would: the element asks only once its modules
 * have run.
 */
const downloads = new Map();
/** The downloads the page hands over, by URL, until their last chunk. */
const handovers = new Map();

function download(url, { deferAbove, handed = false } = {}) {
  const filename = filenameOf(url);
  let d = downloads.get(url);
  if (!d) {
    d = { onProgress: null };
    const report = (p) => d.onProgress?.(p);
    let bytes;
    if (handed) {
      const handover = new Handover(report);
      handovers.set(url, handover);
      bytes = handover.bytes.then((b) => b ?? fetchBytes(url, report));
    } else bytes = fetchBytes(url, report);
    d.ready = bytes.then(async (input) => {
      if (deferAbove == null || input.byteLength < deferAbove) return { input };
      const ov = await oasview();
      if (d.taken && d.taken.filename !== filename) return { input }; // the load reads it otherwise
      try {
        return { input, doc: ov.load(input, { filename, validate: false }), filename };
      } catch {
        return { input }; // the load tries again, and reports what goes wrong
      }
    });
    d.ready.catch(() => { /* the load that takes it over reports it */ });
    downloads.set(url, d);
  }
  return d;
}

/**
 * The document for a load of `url`: { input, doc?, filename? }, doc when it was parsed ahead (without
 * validation, as `filename`). A prefetched download, or one started now; the other prefetches are dropped.
 */
function documentFor(id, url, filename) {
  const d = download(url);
  for (const other of downloads.values()) if (other !== d) other.ready.then((r) => r.doc?.dispose(), () => {});
  downloads.clear();
  d.taken = { filename };
  d.onProgress = (p) => progress(id, p);
  return d.ready;
}

/** Attach to each diagnostic the id of the item whose pointer contains it (longest prefix, by segment). */
function linkDiagnostics(diagnostics, nav) {
  if (!nav) return;
  const byPointer = new Map();
  const byPathItem = new Map();
  for (const group of nav.groups ?? []) for (const it of group.items) {
    if (!byPointer.has(it.pointer)) byPointer.set(it.pointer, it.id);
    const parent = it.pointer.slice(0, it.pointer.lastIndexOf("/"));
    if (!byPathItem.has(parent)) byPathItem.set(parent, it.id);
  }
  for (const it of nav.webhooks ?? []) if (!byPointer.has(it.pointer)) byPointer.set(it.pointer, it.id);
  for (const s of nav.schemas ?? []) if (!byPointer.has(s.pointer)) byPointer.set(s.pointer, s.id);
  for (const d of diagnostics) {
    let p = d.pointer ?? "";
    while (p) {
      const id = byPointer.get(p) ?? byPathItem.get(p);
      if (id) { d.itemId = id; break; }
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }
}

/**
 * Load for viewing. Documents of `deferAbove` bytes or more are loaded without
 * validation (seconds faster on big documents): the result then has
 * `diagnostics: null`, and carries the input back (`input`, transferred) for
 * a second worker to validate ("validate") while this one serves the views.
 */
async function load(id, msg) {
  // the wasm compiles while the document downloads
  const ready = oasview(msg.wasmUrl, msg.wasm);
  const filename = msg.filename ?? (msg.url != null ? filenameOf(msg.url) : undefined);
  const got = msg.url != null ? await documentFor(id, msg.url, filename) : { input: msg.text };
  const { input } = got;
  if (input == null) throw new Error("load needs the document's text, bytes or URL");
  const ov = await ready;
  const bytes = typeof input === "string" ? input.length : input.byteLength;
  const defer = msg.deferAbove != null && bytes >= msg.deferAbove && typeof ov.load === "function";
  // parsed ahead: used when this load reads it the same way
  let ahead = got.doc ?? null;
  if (ahead && !(defer && got.filename === filename)) { ahead.dispose(); ahead = null; }
  if (!ahead) progress(id, { phase: defer ? "read" : "parse", loaded: bytes, total: bytes });
  doc?.dispose();
  doc = null;
  search = [];
  searchPending = null;
  doc = ahead ?? ov.load(input, { filename, validate: !defer });
  // The navigation goes to the page as JSON text (copied at once, parsed there) rather than as
  // an object tree (cloned key by key on both sides). Without its search entries (about 40% of it):
  // only this worker searches, and builds them on the first search; nor its items' pointers, which
  // only link diagnostics to items (below, and in the validating worker, from its own navigation).
  let navigation = null;
  if (typeof doc.navigationJson === "function") {
    progress(id, { phase: "model" });
    navigation = doc.navigationJson({ search: false, pointers: false });
    searchPending = doc;
  }
  const hasEntries = typeof doc.entry === "function";
  const result = {
    title: doc.title, version: doc.version, format: doc.format, filename, bytes, navigation, hasEntries,
    valid: defer ? null : doc.valid, diagnostics: defer ? null : doc.diagnostics, parsedAhead: ahead !== null,
  };
  // the entry the page opens on, so that its first frame has it
  if (msg.openId && hasEntries) {
    try { result.entry = doc.entry(msg.openId) ?? undefined; } catch { /* the page asks again and shows the error */ }
  }
  if (defer) {
    result.input = input;
    if (typeof input !== "string") result[TRANSFER] = [input.buffer];
  } else if (result.diagnostics.length && navigation) linkDiagnostics(result.diagnostics, JSON.parse(doc.navigationJson({ search: false })));
  return result;
}

function searchEntries() {
  if (searchPending !== null) {
    search = JSON.parse(searchPending.searchJson());
    searchPending = null;
  }
  return search;
}

/** Validate a document and return its diagnostics, linked to items; keeps nothing. */
async function validate(id, msg) {
  const ov = await oasview(msg.wasmUrl, msg.wasm);
  const d = ov.load(msg.text, { filename: msg.filename });
  try {
    const diagnostics = d.diagnostics;
    if (diagnostics.length && typeof d.navigation === "function") linkDiagnostics(diagnostics, d.navigation());
    return { valid: d.valid, diagnostics };
  } finally {
    d.dispose();
  }
}

const TRANSFER = Symbol("transfer");

/**
 * Search the model's search entries: every word of the query must occur in `text`.
 * Ranked: label starts with the query, label contains it, then the rest (document order).
 */
function runSearch(query, limit = 50) {
  const q = String(query).trim().toLowerCase();
  if (!q) return { results: [], total: 0 };
  const words = q.split(/\s+/);
  const buckets = [[], [], []];
  let total = 0;
  for (const e of searchEntries()) {
    const text = e.text;
    let ok = true;
    for (const w of words) if (!text.includes(w)) { ok = false; break; }
    if (!ok) continue;
    total++;
    const label = e.label.toLowerCase();
    const rank = label.startsWith(q) ? 0 : label.includes(q) ? 1 : 2;
    if (buckets[rank].length < limit) buckets[rank].push({ id: e.id, kind: e.kind, label: e.label });
  }
  return { results: buckets.flat().slice(0, limit), total };
}

// ---------------------------------------------------------------- live preview
// <oasview-preview>'s requests ("edit", "locate") are live.mjs, loaded on the first one: the docs page
// never sends them. It works on this worker's document through `session`.
const session = {
  get doc() { return doc; },
  set doc(d) { doc = d; },
  oasview,
  linkDiagnostics,
  setSearch(entries) { search = entries; searchPending = null; },
};
let liveModule = null;
const live = () => (liveModule ??= import("./live.mjs").then(({ livePreview }) => livePreview(session)));

const handlers = {
  load,
  validate,
  edit(id, msg) {
    msg.received = performance.timeOrigin + performance.now(); // before live.mjs loads (the first edit)
    return live().then((l) => l.edit(id, msg));
  },
  locate: (id, msg) => live().then((l) => l.locate(id, msg)),
  entry(id, msg) {
    if (!doc) throw new Error("no document is loaded");
    if (typeof doc.entry !== "function") throw new Error("this oasview.wasm does not build entries yet");
    const entry = doc.entry(msg.entryId);
    if (!entry) throw new Error(`nothing in this document has the id ${msg.entryId}`);
    return entry;
  },
  search(id, msg) { return runSearch(msg.query, msg.limit); },
  dispose() { doc?.dispose(); doc = null; search = []; searchPending = null; return true; },
  /** Compile the wasm now: the page has not named the document yet. */
  async warm(id, msg) {
    if (msg.handed && !ovPromise) {
      ovPromise = new Promise((resolve) => { handedWasm = resolve; })
        .then((module) => createOasview({ wasm: wasmSource(msg.wasmUrl, module) }));
      return true;
    }
    await oasview(msg.wasmUrl, msg.wasm);
    return true;
  },
  prefetch(id, msg) { download(msg.url, msg); return true; },
  handover(id, msg) {
    if ("wasm" in msg) {
      handedWasm?.(msg.wasm instanceof WebAssembly.Module ? msg.wasm : null);
      handedWasm = null;
      return;
    }
    handovers.get(msg.url)?.receive(msg);
    if (msg.done || msg.failed) handovers.delete(msg.url);
  },
};

self.addEventListener("message", async (event) => {
  const msg = event.data;
  const handler = handlers[msg?.type];
  try {
    if (!handler) throw new Error(`unknown request ${msg?.type}`);
    const result = await handler(msg.id, msg);
    if (msg.type === "handover") return; // a stream of them, without replies
    const transfer = result?.[TRANSFER] ?? [];
    if (transfer.length) delete result[TRANSFER];
    postMessage({ id: msg.id, ok: true, result }, transfer);
  } catch (error) {
    postMessage({ id: msg.id, ok: false, error: String(error?.message ?? error) });
  }
});
