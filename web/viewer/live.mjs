// live.mjs - the live preview's side of the viewer's worker (worker.mjs), loaded on its first "edit" or
// "locate" request: the docs page never sends them, so it never downloads this. `session` is the worker's
// state: { doc (get/set), oasview(wasmUrl), linkDiagnostics(diagnostics, nav), setSearch(entries) }.
//
// <oasview-preview> keeps the text here: { type: "edit", seq, text? | changes?, delay, openId, navVersion, entryVersion }
// replaces the text or applies `changes` ([from, to, insert], in descending order, positions in the
// previous text) and analyses the latest text `delay` ms after the last edit. An edit that a newer one
// supersedes before it ran replies { stale: true }. The reply carries the diagnostics, and the
// navigation and the open entry only when they differ from the versions the page says it has. A text
// that does not parse (half-typed YAML) is "broken": the last good document stays for entries and
// search, and only the diagnostics are new. When the open item's id changed (its operationId was
// renamed), `renamed: { from, to }` names the item now at its place and the entry is that item's.
// `timing` ({ received, started, done }, epoch ms) says where the time went.

/** A time comparable across threads (ms since the epoch, sub-ms precision): the preview's latency breakdown. */
const clock = () => performance.timeOrigin + performance.now();

/** The worker's state (see livePreview). */
let session = null;

const BROKEN = new Set(["json-syntax", "yaml-syntax", "empty-document", "root-not-object", "not-utf8", "invalid-utf8", "nul-byte", "input-too-large"]);
const live = { text: "", pending: null, timer: 0, navJson: null, nav: null, navVersion: 0, entryId: null, entryJson: null, entryVersion: 0,
  open: { pointer: null, ids: new Set() } };

function edit(id, msg) {
  msg.received ??= clock();
  if (msg.text != null) live.text = msg.text;
  for (const [from, to, insert] of msg.changes ?? []) live.text = live.text.slice(0, from) + insert + live.text.slice(to);
  if (live.pending) { live.pending.resolve({ seq: live.pending.seq, stale: true }); live.pending = null; }
  clearTimeout(live.timer);
  const ready = session.oasview(msg.wasmUrl);
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
  const t0 = performance.now(), started = clock();
  const text = live.text;
  const filename = msg.filename ?? (/^\s*[{[]/.test(text) ? "openapi.json" : "openapi.yaml");
  const next = ov.load(text, { filename });
  const diagnostics = next.diagnostics;
  const result = { seq: msg.seq, bytes: text.length, valid: next.valid, diagnostics, broken: diagnostics.some((d) => BROKEN.has(d.code)) };
  relate(next, diagnostics);
  if (result.broken && session.doc) {
    next.dispose();
    result.ms = performance.now() - t0;
    result.timing = { received: msg.received, started, done: clock() };
    return result;
  }
  session.doc?.dispose();
  session.doc = next;
  Object.assign(result, { title: session.doc.title, version: session.doc.version, format: session.doc.format, hasEntries: typeof session.doc.entry === "function" });
  const navJson = session.doc.navigationJson();
  let previous = null;
  if (navJson !== live.navJson) {
    const nav = JSON.parse(navJson);
    session.setSearch(nav.search ?? []);
    previous = live.nav;
    live.nav = { ...nav, search: undefined };
    live.navJson = navJson;
    live.navVersion++;
  }
  const openId = msg.openId && follow(msg.openId, previous, result);
  result.navVersion = live.navVersion;
  if (msg.navVersion !== live.navVersion) result.navigation = live.nav;
  session.linkDiagnostics(diagnostics, live.nav);
  if (openId && result.hasEntries) {
    const json = session.doc.entryJson(openId);
    if (json !== live.entryJson || openId !== live.entryId) { live.entryJson = json; live.entryId = openId; live.entryVersion++; }
    result.entryVersion = live.entryVersion;
    if (msg.entryVersion !== live.entryVersion) result.entry = json === null ? null : JSON.parse(json);
  }
  result.ms = performance.now() - t0;
  result.timing = { received: msg.received, started, done: clock() };
  return result;
}

/**
 * The id of the open item in the new navigation. When its id is gone (its operationId was renamed), the
 * item now written at the same place (same pointer: path and method) is followed and `result.renamed`
 * says so. The page may still send an older name while replies are in flight: every name the open item
 * had at its place is remembered (live.open).
 */
function follow(id, previous, result) {
  if (!live.nav) return id;
  let item = findItem(live.nav, (it) => it.id === id);
  if (!item) {
    const pointer = live.open.ids.has(id) ? live.open.pointer : previous && findItem(previous, (it) => it.id === id)?.pointer;
    item = pointer ? findItem(live.nav, (it) => it.pointer === pointer) : null;
    if (!item) return id;
    result.renamed = { from: id, to: item.id };
  }
  if (item.pointer !== live.open.pointer) live.open = { pointer: item.pointer, ids: new Set() };
  live.open.ids.add(id).add(item.id);
  return item.id;
}

/** The first operation, webhook or schema of a navigation model that satisfies `test`. */
function findItem(nav, test) {
  for (const g of nav.groups ?? []) for (const it of g.items) if (test(it)) return it;
  return (nav.webhooks ?? []).find(test) ?? (nav.schemas ?? []).find(test);
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
  if (!session.doc) throw new Error("no document is loaded");
  let pointer = msg.pointer;
  if (pointer == null && live.nav) {
    const items = [...live.nav.groups.flatMap((g) => g.items), ...live.nav.webhooks, ...live.nav.schemas];
    pointer = items.find((it) => it.id === msg.itemId)?.pointer;
  }
  if (pointer == null) return null;
  const value = session.doc.locate(pointer);
  const key = value ? session.doc.locate(pointer, { key: true }) : null;
  return value ? { pointer, value, key } : null;
}

/** The "edit" and "locate" handlers over the worker's `state`. */
export function livePreview(state) {
  session = state;
  return { edit, locate };
}
