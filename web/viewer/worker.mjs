// worker.mjs - the viewer's Web Worker: it owns the wasm module and the
// document; the page only draws what it sends back.
//
// Protocol (structured-clone messages, one reply per request id):
//   page -> worker  { id, type: "load", url?, text?, filename?, wasmUrl? }
//                   { id, type: "validate", text, filename?, wasmUrl? }   (diagnostics only; a second worker)
//                   { id, type: "entry", entryId }
//                   { id, type: "search", query, limit? }
//                   { id, type: "dispose" }
//   worker -> page  { id, progress: { phase: "fetch"|"parse"|"model", loaded?, total? } }  (0..n times, load only)
//                   { id, ok: true, result }  or  { id, ok: false, error }
// A "load" result: { title, version, format, valid, bytes, diagnostics (each with
// `itemId` when it falls inside an operation, webhook or schema), navigation
// (without `search`; null when this oasview.wasm has no render model), hasEntries }.
// With `deferAbove: N`, a document of N bytes or more loads without validation
// (valid and diagnostics null, the input handed back): the page asks a second
// worker to "validate" it, so big documents can be read long before they are checked.
import { createOasview } from "../oasview.mjs";

let ovPromise = null;
let doc = null;
let search = [];

function oasview(wasmUrl) {
  ovPromise ??= createOasview(wasmUrl ? { wasm: new URL(wasmUrl) } : {});
  return ovPromise;
}

const progress = (id, p) => postMessage({ id, progress: p });

/** Fetch with byte progress, reported at most every 50 ms. */
async function fetchText(id, url) {
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
    if (now - last > 50) { last = now; progress(id, { phase: "fetch", loaded, total }); }
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.byteLength; }
  return bytes;
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
  const ov = await oasview(msg.wasmUrl);
  let input = msg.text;
  if (input == null) input = await fetchText(id, msg.url);
  const bytes = typeof input === "string" ? input.length : input.byteLength;
  const defer = msg.deferAbove != null && bytes >= msg.deferAbove && typeof ov.load === "function";
  progress(id, { phase: defer ? "read" : "parse", loaded: bytes, total: bytes });
  doc?.dispose();
  doc = null;
  search = [];
  doc = ov.load(input, { filename: msg.filename, validate: !defer });
  let navigation = null;
  if (typeof doc.navigation === "function") {
    progress(id, { phase: "model" });
    navigation = doc.navigation();
    search = navigation.search ?? [];
    navigation = { ...navigation, search: undefined };
  }
  const result = {
    title: doc.title, version: doc.version, format: doc.format, bytes, navigation, hasEntries: typeof doc.entry === "function",
    valid: defer ? null : doc.valid, diagnostics: defer ? null : doc.diagnostics,
  };
  if (defer) {
    result.input = input;
    if (typeof input !== "string") result[TRANSFER] = [input.buffer];
  } else linkDiagnostics(result.diagnostics, navigation);
  return result;
}

/** Validate a document and return its diagnostics, linked to items; keeps nothing. */
async function validate(id, msg) {
  const ov = await oasview(msg.wasmUrl);
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
  for (const e of search) {
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
// <oasview-preview> keeps the text here: { type: "edit", seq, text? | changes?, delay, openId, navVersion, entryVersion }
// replaces the text or applies `changes` ([from, to, insert], in descending order, positions in the
// previous text) and analyses the latest text `delay` ms after the last edit. An edit that a newer one
// supersedes before it ran replies { stale: true }. The reply carries the diagnostics, and the
// navigation and the open entry only when they differ from the versions the page says it has. A text
// that does not parse (half-typed YAML) is "broken": the last good document stays for entries and
// search, and only the diagnostics are new.
const BROKEN = new Set(["json-syntax", "yaml-syntax", "empty-document", "root-not-object", "not-utf8", "invalid-utf8", "nul-byte", "input-too-large"]);
const live = { text: "", pending: null, timer: 0, navJson: null, nav: null, navVersion: 0, entryId: null, entryJson: null, entryVersion: 0 };

function edit(id, msg) {
  if (msg.text != null) live.text = msg.text;
  for (const [from, to, insert] of msg.changes ?? []) live.text = live.text.slice(0, from) + insert + live.text.slice(to);
  if (live.pending) { live.pending.resolve({ seq: live.pending.seq, stale: true }); live.pending = null; }
  clearTimeout(live.timer);
  const ready = oasview(msg.wasmUrl);
  return new Promise((resolve, reject) => {
    const pending = { seq: msg.seq, resolve };
    live.pending = pending;
    live.timer = setTimeout(async () => {
      try {
        const ov = await ready;
        if (live.pending !== pending) return;
        live.pending = null;
        resolve(analyse(ov, msg));
      } catch (error) { reject(error); }
    }, msg.delay ?? 0);
  });
}

function analyse(ov, msg) {
  const t0 = performance.now();
  const text = live.text;
  const filename = msg.filename ?? (/^\s*[{[]/.test(text) ? "openapi.json" : "openapi.yaml");
  const next = ov.load(text, { filename });
  const diagnostics = next.diagnostics;
  const result = { seq: msg.seq, bytes: text.length, valid: next.valid, diagnostics, broken: diagnostics.some((d) => BROKEN.has(d.code)) };
  relate(next, diagnostics);
  if (result.broken && doc) {
    next.dispose();
    result.ms = performance.now() - t0;
    return result;
  }
  doc?.dispose();
  doc = next;
  Object.assign(result, { title: doc.title, version: doc.version, format: doc.format, hasEntries: typeof doc.entry === "function" });
  const navJson = doc.navigationJson();
  if (navJson !== live.navJson) {
    const nav = JSON.parse(navJson);
    search = nav.search ?? [];
    live.nav = { ...nav, search: undefined };
    live.navJson = navJson;
    live.navVersion++;
  }
  result.navVersion = live.navVersion;
  if (msg.navVersion !== live.navVersion) result.navigation = live.nav;
  linkDiagnostics(diagnostics, live.nav);
  if (msg.openId && result.hasEntries) {
    const json = doc.entryJson(msg.openId);
    if (json !== live.entryJson || msg.openId !== live.entryId) { live.entryJson = json; live.entryId = msg.openId; live.entryVersion++; }
    result.entryVersion = live.entryVersion;
    if (msg.entryVersion !== live.entryVersion) result.entry = json === null ? null : JSON.parse(json);
  }
  result.ms = performance.now() - t0;
  return result;
}

/** operation-id-unique is reported at the second use; point it (`related`) at the first one too. */
function relate(d, diagnostics) {
  for (const x of diagnostics) {
    if (x.code !== "operation-id-unique") continue;
    const line = Number(/at line (\d+)/.exec(x.message)?.[1]);
    const opId = /`([^`]*)`/.exec(x.message)?.[1];
    if (!line || opId == null) continue;
    // the operation that starts on that line: its operationId member
    const json = d.json?.();
    const found = [];
    const visit = (ops, base) => {
      for (const [k, item] of Object.entries(ops ?? {})) for (const [m, op] of Object.entries(item ?? {})) {
        if (op && typeof op === "object" && op.operationId === opId) found.push(`${base}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}/${m}/operationId`);
      }
    };
    visit(json?.paths, "/paths");
    visit(json?.webhooks, "/webhooks");
    const spans = found.filter((p) => p !== x.pointer).map((p) => ({ pointer: p, ...d.locate(p) })).filter((s) => s.line);
    const first = spans.find((s) => s.line === line) ?? spans[0];
    if (first) x.related = [{ ...first, message: `operationId \`${opId}\` is used here too` }];
  }
}

function locate(id, msg) {
  if (!doc) throw new Error("no document is loaded");
  let pointer = msg.pointer;
  if (pointer == null && live.nav) {
    const items = [...live.nav.groups.flatMap((g) => g.items), ...live.nav.webhooks, ...live.nav.schemas];
    pointer = items.find((it) => it.id === msg.itemId)?.pointer;
  }
  if (pointer == null) return null;
  const value = doc.locate(pointer);
  const key = value ? doc.locate(pointer, { key: true }) : null;
  return value ? { pointer, value, key } : null;
}

const handlers = {
  load,
  validate,
  edit,
  locate,
  entry(id, msg) {
    if (!doc) throw new Error("no document is loaded");
    if (typeof doc.entry !== "function") throw new Error("this oasview.wasm does not build entries yet");
    const entry = doc.entry(msg.entryId);
    if (!entry) throw new Error(`nothing in this document has the id ${msg.entryId}`);
    return entry;
  },
  search(id, msg) { return runSearch(msg.query, msg.limit); },
  dispose() { doc?.dispose(); doc = null; search = []; return true; },
};

self.addEventListener("message", async (event) => {
  const msg = event.data;
  const handler = handlers[msg?.type];
  try {
    if (!handler) throw new Error(`unknown request ${msg?.type}`);
    const result = await handler(msg.id, msg);
    const transfer = result?.[TRANSFER] ?? [];
    if (transfer.length) delete result[TRANSFER];
    postMessage({ id: msg.id, ok: true, result }, transfer);
  } catch (error) {
    postMessage({ id: msg.id, ok: false, error: String(error?.message ?? error) });
  }
});
