// element.mjs - <oasview-docs>: API docs for an OpenAPI 3.1 document, with
// webhooks beside path operations.
//
//   <script type="module" src="/dist/viewer/element.mjs"></script>
//   <oasview-docs spec-url="openapi.yaml"></oasview-docs>
//
// Attributes: spec-url (fetched by the worker, relative to the page), theme
// ("light" | "dark" | "auto", the default before the reader picks one with the
// toggle), wasm-url (default: oasview-viewer.wasm next to this module), routing
// ("hash", the default: deep links #/operations/... ; "none": the element keeps
// its place itself and leaves location.hash alone).
// Properties: spec (text, or an object), specUrl, navigate(id).
// Events: "oasview-load" (detail: { title, version, valid, counts }), "oasview-error" (detail: { message }).
//
// The wasm runs in a Web Worker (worker.mjs); this thread only draws. Nothing
// here inserts text from the spec as HTML: see dom.mjs.
import { WorkerClient } from "./client.mjs";
import { formatBytes, h, put, hrefFor, icon, methodBadge } from "./dom.mjs";
import { VirtualList, buildRows } from "./sidebar.mjs";
import { overviewPage, schemasPage, tagPage, webhooksPage } from "./render/pages.mjs";

// Drawn less often than the overview, so loaded when first needed (each its own file in dist/viewer/,
// with entry.css, their rules): entry views start loading as soon as the page is about to open one (a
// deep link, a pointer or focus in the viewer), while the worker still loads the document.
// Once loaded, a module is used without an await: a redraw (an edit's) stays synchronous.
const lazy = (load) => {
  let promise = null, module = null;
  return () => module ?? (promise ??= load().then((m) => (module = m)));
};
const loadEntryViews = lazy(() => import("./render/entry.mjs"));
const loadDiagnosticsViews = lazy(() => import("./render/diagnostics.mjs"));
/** Route ids the overview pages draw from the navigation alone (no entry). */
/**
 * The faces of the type scale the first view draws (viewer.css, entry.css), in a hidden line while the document
 * loads: Chromium looks a face and size up (a call to its browser process) the first time one is drawn, which
 * otherwise falls in the frame that draws the first view (~5 ms of it on a busy machine).
 */
const FACES = ["400 .75rem", "400 .85rem", "400 .9rem", "600 .75rem", "600 .85rem", "600 .9rem", "600 1rem", "600 1.15rem", "700 1.85rem"]
  .map((f) => `${f} var(--font)`).concat(["400 .75rem", "400 .85rem", "400 .9rem", "600 .85rem", "600 .9rem", "700 .625rem"].map((f) => `${f} var(--mono)`));
function fontWarmUp() {
  const line = h("div", { class: "sr-only", "aria-hidden": "true" });
  for (const font of FACES) line.append(h("span", {}, "Aa0/")), (line.lastChild.style.font = font);
  return line;
}

const isNavPage = (id) => id === "" || id === "webhooks" || id === "schemas" || id.startsWith("tags/");

const THEME_KEY = "oasview-theme";
const ENTRY_CACHE = 32;
/** Documents this big (bytes) are drawn before they are validated: a second worker validates them after the first entry is drawn. */
const DEFER_VALIDATION = 512 * 1024;

const storage = {
  get(k) { try { return localStorage.getItem(k); } catch { return null; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* private mode */ } },
};

export class OasviewDocs extends HTMLElement {
  static observedAttributes = ["spec-url", "theme"];

  #root; #ui = {}; #client = null; #state = null; #gen = 0; #routeSeq = 0; #searchSeq = 0;
  #spec = undefined; #current = ""; #validator = null; #filter = "all"; #collapsed = new Set(); #entries = new Map();
  #itemById = new Map(); #opIds = null; #list; #media = null; #results = []; #active = -1;
  #onHash = () => this.#route("hash");
  #onKey = (e) => this.#globalKey(e);
  #onMedia = () => this.#applyTheme();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#build();
  }

  // ---------------------------------------------------------------- public API

  /** The document: OpenAPI text (JSON or YAML), or an object. Setting it loads it. */
  get spec() { return this.#spec; }
  set spec(value) {
    this.#spec = value;
    if (this.isConnected) this.#load();
  }

  /**
   * A Worker the page started on worker.mjs before this module had arrived (starting one takes a while):
   * the element uses it instead of starting its own. Set it before connecting the element (ignored after).
   */
  set worker(worker) { this.#client ??= new WorkerClient(worker); }

  get specUrl() { return this.getAttribute("spec-url"); }
  set specUrl(url) { this.setAttribute("spec-url", url); }

  /** Show an item ("operations/listPets", "webhooks/newPet/post", "schemas/Pet"), "" for the overview. */
  navigate(id) {
    if (this.#hashRouting) location.hash = id ? hrefFor(id) : "#/";
    else { this.#current = id; this.#route("api"); }
  }

  /**
   * Live preview (<oasview-preview>): give the worker the whole `text`, or `changes` to the text of the
   * previous call ([from, to, insert], in descending order), and redraw in place once the worker has
   * analysed it, `delay` ms after the last call: the open entry and the scroll position stay, and a text
   * that does not parse keeps the last good docs, and an open operation whose operationId was renamed stays
   * open under its new id. Resolves with the worker's result ({ seq, valid, diagnostics, broken, ms, navigation?,
   * renamed?, timing }) or { stale: true } when a newer call superseded this one.
   */
  async edit({ text, changes, delay = 0, filename } = {}) {
    const seq = ++this.#editSeq;
    const wasmUrl = this.getAttribute("wasm-url");
    const openId = this.#itemById.has(this.#currentId()) ? this.#currentId() : null;
    const r = await this.#worker().request("edit", {
      seq, text, changes, delay, filename, openId, navVersion: this.#state ? this.#navVersion : -1, entryVersion: this.#entryVersion,
      wasmUrl: wasmUrl ? new URL(wasmUrl, document.baseURI).href : undefined,
    });
    if (r.stale || seq !== this.#editSeq) return { ...r, stale: true };
    const t0 = performance.now();
    if (r.timing) r.timing.arrived = performance.timeOrigin + t0;
    this.#applyEdit(r, openId);
    r.drawMs = performance.now() - t0; // this thread's share: the redraw
    return r;
  }

  #applyEdit(r, openId) {
    const prev = this.#state;
    if (r.broken && prev) {
      Object.assign(prev, { diagnostics: r.diagnostics, valid: r.valid, broken: true });
      this.#problems();
      if (!this.#itemById.has(this.#currentId())) this.#route("edit");
      return;
    }
    const state = { title: r.title, version: r.version, format: r.format, bytes: r.bytes, valid: r.valid, diagnostics: r.diagnostics,
      hasEntries: r.hasEntries, navigation: r.navigation ?? prev?.navigation ?? null, broken: r.broken };
    this.#navVersion = r.navVersion;
    // the open operation's id changed (its operationId was renamed): keep showing it under its new id
    if (r.renamed && openId === r.renamed.from && this.#currentId() === openId) {
      openId = r.renamed.to;
      if (this.#hashRouting) { history.replaceState(history.state, "", hrefFor(openId)); this.#lastHashId = openId; } else this.#current = openId;
    }
    const open = this.#entries.get(openId);
    this.#entries.clear();
    if (r.entry !== undefined) {
      this.#entryVersion = r.entryVersion;
      if (r.entry) this.#entries.set(openId, r.entry);
    } else if (open) this.#entries.set(openId, open);
    if (r.navigation || !prev) { this.#opIds = null; this.#loaded(state, "edit"); return; }
    this.#state = state;
    this.#problems();
    if (r.entry !== undefined || !this.#itemById.has(this.#currentId())) this.#route("edit");
    return;
  }

  /** Where an item (`itemId`) or a JSON `pointer` is written in the text of the last good edit: { pointer, value, key } spans, or null. */
  locate({ itemId, pointer } = {}) {
    return this.#worker().request("locate", { itemId, pointer });
  }

  #editSeq = 0; #navVersion = -1; #entryVersion = -1; #contentTop = 0;

  connectedCallback() {
    addEventListener("hashchange", this.#onHash);
    document.addEventListener("keydown", this.#onKey);
    this.#media = matchMedia("(prefers-color-scheme: dark)");
    this.#media.addEventListener("change", this.#onMedia);
    this.#applyTheme();
    if (this.#spec !== undefined || this.hasAttribute("spec-url")) this.#load();
    else this.#warm();
  }

  /** Start the worker and its wasm compiling before the document is named (the page may still be looking for it). */
  #warm() {
    this.#worker().request("warm", { wasmUrl: this.#wasmUrl() }).catch(() => { /* #load reports it */ });
  }

  /** The wasm-url attribute, or oasview-viewer.wasm next to this module (oasview.wasm without what the viewer never calls). */
  #wasmUrl() {
    return new URL(this.getAttribute("wasm-url") ?? new URL("./oasview-viewer.wasm", import.meta.url), document.baseURI).href;
  }

  disconnectedCallback() {
    removeEventListener("hashchange", this.#onHash);
    document.removeEventListener("keydown", this.#onKey);
    this.#media?.removeEventListener("change", this.#onMedia);
    this.#client?.terminate();
    this.#client = null;
    this.#validator?.terminate();
    this.#validator = null;
  }

  attributeChangedCallback(name, old, value) {
    if (name === "theme") this.#applyTheme();
    if (name === "spec-url" && this.isConnected && old !== value) { this.#spec = undefined; this.#load(); }
  }

  get #hashRouting() { return this.getAttribute("routing") !== "none"; }

  // ---------------------------------------------------------------- layout

  #build() {
    const ui = this.#ui;
    const css = h("link", { rel: "stylesheet", href: new URL("./viewer.css", import.meta.url).href });
    ui.title = h("span", { class: "brand-title" }, "oasview");
    ui.version = h("span", { class: "brand-version" });
    ui.menu = h("button", { type: "button", class: "icon-btn menu", "aria-label": "Show navigation", "aria-expanded": "false", "aria-controls": "side" }, icon("menu"));
    ui.search = h("input", {
      type: "search", class: "search-input", placeholder: "Search", autocomplete: "off", spellcheck: "false",
      role: "combobox", "aria-expanded": "false", "aria-controls": "search-results", "aria-autocomplete": "list", "aria-label": "Search the API",
    });
    ui.results = h("ul", { class: "search-results", id: "search-results", role: "listbox", "aria-label": "Search results", hidden: true });
    ui.problems = h("a", { class: "problems", href: "#/diagnostics", hidden: true });
    ui.theme = h("button", { type: "button", class: "icon-btn theme-toggle" });
    const top = h("header", { class: "top" }, ui.menu,
      h("a", { class: "brand", href: "#/" }, ui.title, ui.version),
      h("div", { class: "search", role: "search" }, icon("search", "icon search-icon"), ui.search, h("kbd", { class: "search-key", "aria-hidden": "true" }, "/"), ui.results),
      ui.problems, ui.theme);

    ui.filter = h("div", { class: "seg filter", role: "radiogroup", "aria-label": "Show" },
      [["all", "All"], ["operations", "Operations"], ["webhooks", "Webhooks"]].map(([v, label]) => h("label", { class: "seg-opt" },
        h("input", { type: "radio", name: "filter", value: v, checked: v === "all" }), h("span", {}, label))));
    ui.overviewLink = h("a", { class: "side-link", href: "#/" }, "Overview");
    this.#list = new VirtualList("Operations, webhooks and schemas");
    this.#list.onToggle = (key) => this.#toggle(key);
    ui.side = h("nav", { class: "side", id: "side", "aria-label": "API navigation" }, ui.filter, h("div", { class: "side-links" }, ui.overviewLink), this.#list.element);
    ui.content = h("main", { class: "content", tabindex: "-1" });
    // kept as the scroll events report it: an edit's redraw reads it without forcing a layout
    ui.content.addEventListener("scroll", () => { this.#contentTop = ui.content.scrollTop; }, { passive: true });
    ui.scrim = h("div", { class: "scrim", hidden: true });
    ui.app = h("div", { class: "ov", "data-loaded": "false" }, top, ui.side, ui.scrim, ui.content);
    this.#root.append(css, ui.app);

    ui.filter.addEventListener("change", (e) => { this.#filter = e.target.value; this.#rows(); });
    ui.menu.addEventListener("click", () => this.#drawer(!ui.app.classList.contains("side-open")));
    ui.scrim.addEventListener("click", () => this.#drawer(false));
    ui.theme.addEventListener("click", () => {
      storage.set(THEME_KEY, this.dataset.theme === "dark" ? "light" : "dark");
      this.#applyTheme();
    });
    ui.search.addEventListener("input", () => this.#search());
    ui.search.addEventListener("keydown", (e) => this.#searchKey(e));
    ui.search.addEventListener("focus", () => { if (ui.search.value.trim()) this.#search(); });
    ui.search.addEventListener("blur", () => setTimeout(() => { if (this.#root.activeElement !== ui.search) this.#closeResults(); }, 150));
    ui.results.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the input
    this.#root.addEventListener("click", (e) => this.#click(e));
    // a reader about to open an entry: its views load meanwhile
    const prefetch = () => { loadEntryViews(); this.#entryStyles(); };
    for (const type of ["pointerover", "focusin"]) this.#root.addEventListener(type, prefetch, { once: true, passive: true });
  }

  #drawer(open) {
    this.#ui.app.classList.toggle("side-open", open);
    this.#ui.menu.setAttribute("aria-expanded", String(open));
    this.#ui.scrim.hidden = !open;
  }

  #click(e) {
    const a = e.target.closest?.("a[href^='#/']");
    if (!a) return;
    if (this.#ui.app.classList.contains("side-open")) this.#drawer(false);
    if (!this.#hashRouting) {
      e.preventDefault();
      this.#current = decodeId(a.getAttribute("href").slice(2));
      this.#route("click");
    }
  }

  // ---------------------------------------------------------------- theme

  #applyTheme() {
    const stored = storage.get(THEME_KEY);
    const attr = this.getAttribute("theme");
    const pick = stored === "light" || stored === "dark" ? stored : attr === "light" || attr === "dark" ? attr : null;
    const theme = pick ?? (this.#media?.matches ? "dark" : "light");
    this.dataset.theme = theme;
    const next = theme === "dark" ? "light" : "dark";
    put(this.#ui.theme, icon(theme === "dark" ? "sun" : "moon"));
    this.#ui.theme.setAttribute("aria-label", `Switch to the ${next} theme`);
    this.#ui.theme.title = `Switch to the ${next} theme`;
  }

  // ---------------------------------------------------------------- loading

  #worker() {
    this.#client ??= new WorkerClient(new URL("./worker.mjs", import.meta.url));
    return this.#client;
  }

  async #load() {
    const gen = ++this.#gen;
    const ui = this.#ui;
    this.#state = null;
    this.#entries.clear();
    this.#opIds = null;
    ui.app.dataset.loaded = "false";
    const bar = h("div", { class: "bar" });
    const meter = h("div", { class: "meter indeterminate", role: "progressbar", "aria-label": "Loading the document" }, bar);
    const text = h("p", { class: "loading-text" }, "Loading…");
    put(ui.content, h("div", { class: "loading", role: "status" }, meter, text, fontWarmUp()));
    // the item the page opens on comes back with the navigation: the first frame draws both
    const request = { wasmUrl: this.#wasmUrl(), deferAbove: DEFER_VALIDATION, openId: this.#currentId() };
    if (request.openId === "diagnostics") loadDiagnosticsViews();
    else if (!isNavPage(request.openId)) loadEntryViews();
    if (!isNavPage(request.openId)) this.#entryStyles();
    this.#validator?.terminate();
    this.#validator = null;
    if (this.#spec !== undefined) {
      request.text = typeof this.#spec === "string" ? this.#spec : JSON.stringify(this.#spec);
      request.filename = "openapi.json";
      if (typeof this.#spec === "string" && !/^\s*[{[]/.test(this.#spec)) request.filename = "openapi.yaml";
    } else {
      const url = new URL(this.getAttribute("spec-url") ?? "", document.baseURI);
      request.url = url.href; // read under the last segment of its path (the worker's filenameOf)
    }
    const worker = this.#worker(); // it downloads the document and the wasm itself: this thread may be busy
    const onProgress = (p) => {
      if (gen !== this.#gen) return;
      if (p.phase === "fetch") {
        if (p.total) {
          meter.classList.remove("indeterminate");
          const pct = Math.round((100 * p.loaded) / p.total);
          meter.setAttribute("aria-valuenow", String(pct));
          bar.style.width = `${pct}%`;
          text.textContent = `Downloading… ${formatBytes(p.loaded)} of ${formatBytes(p.total)}`;
        } else text.textContent = `Downloading… ${formatBytes(p.loaded)}`;
      } else {
        meter.classList.add("indeterminate");
        meter.removeAttribute("aria-valuenow");
        bar.style.width = "";
        text.textContent = p.phase === "parse" ? `Reading and validating ${formatBytes(p.loaded)}…`
          : p.phase === "read" ? `Reading ${formatBytes(p.loaded)}…` : "Building the navigation…";
      }
    };
    try {
      const state = await worker.request("load", request, onProgress);
      if (gen !== this.#gen) return;
      const { input, entry } = state;
      delete state.input;
      delete state.entry;
      // sent as JSON text: one JSON.parse here costs less than cloning the object tree across threads
      if (typeof state.navigation === "string") state.navigation = JSON.parse(state.navigation);
      if (entry) this.#entries.set(request.openId, entry);
      if (state.diagnostics === null) { state.diagnostics = []; state.validating = true; }
      this.#loaded(state);
      // the second worker starts once the first view is on screen: it would compete with drawing it
      if (state.validating) requestAnimationFrame(() => setTimeout(() => { if (gen === this.#gen) this.#validateLater(gen, state, input, request); }));
    } catch (error) {
      if (gen !== this.#gen) return;
      put(ui.content, h("div", { class: "page" }, h("p", { class: "error", role: "alert" }, `oasview could not show the document: ${error.message}`)));
      this.dispatchEvent(new CustomEvent("oasview-error", { detail: { message: error.message } }));
    }
  }

  #loaded(state, why = "load") {
    const ui = this.#ui;
    this.#state = state;
    const nav = state.navigation;
    this.#itemById.clear();
    if (nav) {
      for (const g of nav.groups) for (const it of g.items) this.#itemById.set(it.id, it);
      for (const it of nav.webhooks) this.#itemById.set(it.id, it);
      for (const s of nav.schemas) this.#itemById.set(s.id, { ...s, kind: "schema" });
    }
    const info = nav?.info;
    ui.title.textContent = info?.title || state.title || "Untitled API";
    ui.version.textContent = info?.version ? `v${info.version}` : "";
    this.#problems();
    ui.filter.hidden = !nav;
    this.#rows();
    ui.app.dataset.loaded = "true";
    this.#route(why);
    this.dispatchEvent(new CustomEvent("oasview-load", {
      detail: { title: ui.title.textContent, version: state.version, valid: state.valid, counts: nav?.counts ?? null },
    }));
  }

  /** The header's problems badge. */
  #problems() {
    const ui = this.#ui, state = this.#state;
    if (state.validating) {
      ui.problems.hidden = false;
      ui.problems.className = "problems validating";
      put(ui.problems, h("span", { class: "spinner", "aria-hidden": "true" }), h("span", {}, "Validating…"));
      ui.problems.title = "The document is being validated";
      return;
    }
    const errors = state.diagnostics.filter((d) => d.severity === "error").length;
    const n = state.diagnostics.length;
    ui.problems.hidden = !n;
    ui.problems.className = `problems ${errors ? "has-errors" : "has-warnings"}`;
    put(ui.problems, icon("alert"), h("span", {}, String(n)), h("span", { class: "sr-only" }, n === 1 ? " problem" : " problems"));
    ui.problems.title = `${n} problem${n === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"})`;
  }

  /** Validate a big document in a second worker while the first one serves the views. */
  async #validateLater(gen, state, input, request) {
    const v = new WorkerClient(new URL("./worker.mjs", import.meta.url));
    this.#validator = v;
    try {
      const r = await v.request("validate", { text: input, filename: state.filename, wasmUrl: request.wasmUrl }, null,
        typeof input === "string" ? [] : [input.buffer]);
      if (gen !== this.#gen) return;
      Object.assign(state, { valid: r.valid, diagnostics: r.diagnostics, validating: false });
    } catch (error) {
      if (gen !== this.#gen) return;
      Object.assign(state, { validating: false, valid: null, validationError: error.message });
    } finally {
      v.terminate();
      if (this.#validator === v) this.#validator = null;
    }
    this.#problems();
    const id = this.#currentId();
    if (id === "" || id === "diagnostics") this.#route("validated");
  }

  #rows() {
    const nav = this.#state?.navigation;
    this.#list.setRows(nav ? buildRows(nav, this.#filter, this.#collapsed) : []);
    this.#list.setActive(this.#currentId(), false);
  }

  #toggle(key) {
    if (this.#collapsed.has(key)) this.#collapsed.delete(key);
    else this.#collapsed.add(key);
    this.#rows();
    const i = this.#list.rows.findIndex((r) => r.key === key);
    if (i >= 0) this.#list.focusIndex(i);
  }

  // ---------------------------------------------------------------- routing

  #currentId() {
    if (!this.#hashRouting) return this.#current;
    const hash = location.hash;
    return hash.startsWith("#/") ? decodeId(hash.slice(2)) : this.#lastHashId ?? "";
  }

  #lastHashId = null;

  async #route(why) {
    if (why === "hash" && !location.hash.startsWith("#/") && location.hash.length > 1) return; // an in-page anchor, not a route
    const state = this.#state;
    if (!state) return;
    if (this.#searchNav) { why = "search"; this.#searchNav = false; }
    const id = this.#currentId();
    this.#lastHashId = id;
    const seq = ++this.#routeSeq;
    const nav = state.navigation;
    const ui = this.#ui;
    this.#list.setActive(id, why !== "edit");
    ui.overviewLink.classList.toggle("active", id === "");
    const show = (view) => {
      if (seq !== this.#routeSeq) return;
      const top = this.#contentTop;
      put(ui.content, view);
      // an edit keeps the scroll position: restored before the next frame's layout, not forcing one here
      if (why === "edit") requestAnimationFrame(() => { ui.content.scrollTop = top; });
      else if (top) ui.content.scrollTop = 0; // a write forces a layout: not when already at the top (the first view)
      if (why === "search") this.#root.getElementById("entry-title")?.focus() ?? this.#root.getElementById("title")?.focus();
    };
    if (id === "") return show(overviewPage(state));
    if (id === "diagnostics") {
      let diagnostics = loadDiagnosticsViews();
      const styles = this.#entryStyles();
      if (diagnostics instanceof Promise || styles !== true) [diagnostics] = await Promise.all([diagnostics, styles]);
      return show(diagnostics.diagnosticsPage(state, this.#itemById));
    }
    if (!nav) return show(notFound(id, "This oasview.wasm does not build the render model yet."));
    if (id === "webhooks") return show(webhooksPage(nav));
    if (id === "schemas") return show(schemasPage(nav));
    const item = this.#itemById.get(id);
    if (!item) {
      if (id.startsWith("tags/")) {
        const tag = id.slice(5);
        const group = nav.groups.find((g) => (g.tag ?? "") === tag);
        if (group) return show(tagPage(nav, group));
      }
      return show(notFound(id));
    }
    // the entry views and their rules load while the worker builds the entry; once loaded, no await
    let views = loadEntryViews();
    const styles = this.#entryStyles();
    const ready = async () => (views instanceof Promise || styles !== true ? (await Promise.all([views, styles]))[0] : views);
    if (!state.hasEntries) return show((await ready()).navOnlyView(item, "This oasview.wasm does not build entries yet: only what the navigation knows is shown."));
    let entry = this.#entries.get(id);
    if (!entry) {
      const timer = setTimeout(() => { if (seq === this.#routeSeq) put(ui.content, h("div", { class: "loading", role: "status" }, h("p", { class: "loading-text" }, "Loading…"))); }, 120);
      try {
        entry = await this.#worker().request("entry", { entryId: id });
      } catch (error) {
        clearTimeout(timer);
        return show((await ready()).navOnlyView(item, `This entry could not be built: ${error.message}`));
      }
      clearTimeout(timer);
      this.#entries.set(id, entry);
      if (this.#entries.size > ENTRY_CACHE) this.#entries.delete(this.#entries.keys().next().value);
    }
    if (views instanceof Promise || styles !== true) views = await ready();
    const { operationView, schemaView } = views;
    const ctx = { byOperationId: (opId) => this.#byOperationId(opId), schema: (name) => this.#schemaEntry(name) };
    show(entry.kind === "schema" ? schemaView(entry, ctx) : operationView(entry, ctx));
  }

  /**
   * entry.css in this shadow root (after viewer.css), added the first time an entry or the diagnostics
   * panel is about to be drawn: a promise until it has loaded (or failed: the views still draw), then true.
   */
  #entryStyles() {
    if (!this.#styles) {
      const link = h("link", { rel: "stylesheet", href: new URL("./entry.css", import.meta.url).href });
      this.#styles = new Promise((resolve) => {
        const done = () => { this.#styles = true; resolve(true); };
        link.addEventListener("load", done, { once: true });
        link.addEventListener("error", done, { once: true });
      });
      this.#root.append(link);
    }
    return this.#styles;
  }

  #styles = null;

  /** The entry of component `name` (a deferred schema node's children), cached like the others; null when there is none. */
  async #schemaEntry(name) {
    const id = this.#state?.navigation?.schemas?.find((s) => s.name === name)?.id;
    if (!id || !this.#state.hasEntries) return null;
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = await this.#worker().request("entry", { entryId: id });
      this.#entries.set(id, entry);
      if (this.#entries.size > ENTRY_CACHE) this.#entries.delete(this.#entries.keys().next().value);
    }
    return entry;
  }

  #byOperationId(opId) {
    if (!this.#opIds) {
      this.#opIds = new Map();
      for (const it of this.#itemById.values()) if (it.operationId) this.#opIds.set(it.operationId, it.id);
    }
    return this.#opIds.get(opId);
  }

  // ---------------------------------------------------------------- search

  #globalKey(e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !this.isConnected) return;
    const t = e.composedPath()[0];
    if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    this.#ui.search.focus();
    this.#ui.search.select();
  }

  async #search() {
    const q = this.#ui.search.value;
    const seq = ++this.#searchSeq;
    if (!q.trim() || !this.#state) { this.#closeResults(); return; }
    let found;
    try {
      found = await this.#worker().request("search", { query: q, limit: 50 });
    } catch {
      return;
    }
    if (seq !== this.#searchSeq) return;
    this.#results = found.results;
    this.#active = found.results.length ? 0 : -1;
    const ui = this.#ui;
    const options = found.results.map((r, i) => {
      const item = this.#itemById.get(r.id);
      const badge = item && item.kind !== "schema" ? methodBadge(item.method, item.kind) : h("span", { class: `kind kind-${r.kind}` }, r.kind === "schema" ? "{ }" : "#");
      const sub = item?.kind === "operation" ? item.path : item?.kind === "webhook" ? `webhook ${item.name}` : r.kind;
      return h("li", { role: "option", id: `sr-${i}`, class: "result", "aria-selected": String(i === 0), dataset: { index: i },
        on: { click: () => this.#open(i) } }, badge, h("span", { class: "result-label" }, r.label), h("span", { class: "result-sub" }, sub));
    });
    if (!options.length) options.push(h("li", { class: "result-empty", role: "presentation" }, "No results"));
    else if (found.total > found.results.length) options.push(h("li", { class: "result-empty", role: "presentation" }, `${found.total - found.results.length} more: refine the search`));
    put(ui.results, ...options);
    ui.results.hidden = false;
    ui.search.setAttribute("aria-expanded", "true");
    this.#highlight();
  }

  #highlight() {
    const ui = this.#ui;
    ui.results.querySelectorAll("[role=option]").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === this.#active));
      if (i === this.#active) li.scrollIntoView({ block: "nearest" });
    });
    if (this.#active >= 0) ui.search.setAttribute("aria-activedescendant", `sr-${this.#active}`);
    else ui.search.removeAttribute("aria-activedescendant");
  }

  #closeResults() {
    this.#searchSeq++; // an answer still on its way is for a box the reader closed (Escape before the last keystroke's results)
    this.#ui.results.hidden = true;
    this.#ui.search.setAttribute("aria-expanded", "false");
    this.#ui.search.removeAttribute("aria-activedescendant");
  }

  #open(i) {
    const r = this.#results[i];
    if (!r) return;
    this.#closeResults();
    this.#ui.search.blur();
    this.#drawer(false);
    if (this.#hashRouting && location.hash !== hrefFor(r.id)) {
      this.#searchNav = true;
      location.hash = hrefFor(r.id);
    } else {
      if (!this.#hashRouting) this.#current = r.id;
      this.#route("search");
    }
  }

  #searchNav = false;

  #searchKey(e) {
    const open = !this.#ui.results.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) { this.#search(); return; }
      const n = this.#results.length;
      if (!n) return;
      this.#active = e.key === "ArrowDown" ? (this.#active + 1) % n : (this.#active - 1 + n) % n;
      this.#highlight();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (open && this.#active >= 0) this.#open(this.#active);
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (open) this.#closeResults();
      else { this.#ui.search.value = ""; this.#ui.search.blur(); }
    }
  }
}

function decodeId(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

function notFound(id, why) {
  return h("div", { class: "page" }, h("h1", { id: "entry-title", tabindex: "-1" }, "Not found"),
    h("p", {}, why ?? "Nothing in this document has the address ", why ? null : h("code", {}, `#/${id}`), why ? null : "."),
    h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
}

if (!customElements.get("oasview-docs")) customElements.define("oasview-docs", OasviewDocs);
