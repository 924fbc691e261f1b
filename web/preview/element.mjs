// element.mjs - <oasview-preview>: edit an OpenAPI document and see its docs and
// diagnostics update as you type.
//
//   <script type="module" src="/dist/preview/element.mjs"></script>
//   <oasview-preview spec-url="openapi.yaml"></oasview-preview>
//
// A CodeMirror 6 editor (YAML or JSON, picked from the text), the <oasview-docs>
// viewer beside it and the diagnostics below. Each edit goes to the viewer's
// worker as a change set (<oasview-docs>.edit()); the worker keeps the text and
// analyses it at once when no check is pending (up to 2 MB; see debounceFor),
// otherwise after a short debounce, and a newer edit supersedes an older one, so
// typing never waits for validation. Diagnostics
// are underlined at their exact range (columns are UTF-16 code units, as
// CodeMirror counts them); clicking one moves the cursor there, and clicking
// an operation, webhook or schema in the docs selects its definition.
// The text is kept in localStorage (key: the `storage-key` attribute, default
// "oasview-preview"), so a reload loses nothing.
//
// Attributes: spec-url (the document when nothing is stored), storage-key, routing,
// wasm-url and theme (passed to <oasview-docs>). The editor follows the docs' theme
// (the system's light or dark preference, or the reader's pick with the docs' toggle):
// the element carries it as data-theme. Properties: text, view (the EditorView),
// docs (the <oasview-docs>), setText(text, filename). Events: "oasview-preview-update"
// (detail: the worker's result: { seq, valid, diagnostics, broken, ms (in the worker), renamed? }, plus
// `latency` (ms from the edit to the redrawn docs), `mainMs` (this thread's share of the update) and
// `timing` (epoch ms: changed, sent, received, started, done, arrived, shown: where the time went)).
//
// This module is bundled with CodeMirror by scripts/build.mjs (esbuild) into
// dist/preview/element.mjs; ../viewer/element.mjs stays a separate module.
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import {
  EditorView, crosshairCursor, drawSelection, dropCursor, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, keymap, lineNumbers, rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from "@codemirror/language";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { forEachDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { yaml } from "@codemirror/lang-yaml";
import { json } from "@codemirror/lang-json";
import "../viewer/element.mjs";
import { editorTheme } from "./theme.mjs";

const SAVE_DELAY = 400;
/**
 * Up to this size (UTF-16 units) an edit is checked at once when no check is pending: such a check takes the
 * worker less time than the debounce it saves (~10 ms for 100 KB, ~60 ms for 1.2 MB, ~100 ms for 2 MB), so
 * the edits typed meanwhile are not held up by it for long.
 */
const AT_ONCE = 2_000_000;

/**
 * Debounce before the worker analyses the text. An edit made while no check is pending goes at once (up to
 * 2 MB); edits that come while one is pending (typing on, key repeat) wait 20 ms (up to 200 KB, then 1 ms per
 * 10 KB, at most 200 ms) after the last one and are checked together.
 */
export function debounceFor(length, pending = true) {
  if (!pending && length <= AT_ONCE) return 0;
  return Math.min(200, Math.max(20, Math.round(length / 10_000)));
}

const clock = () => performance.timeOrigin + performance.now();

const isJson = (head) => /^\s*[{[]/.test(head);

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === "on") for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...children.flat().filter((c) => c != null && c !== false));
  return e;
}

export class OasviewPreview extends HTMLElement {
  static observedAttributes = ["theme"];

  #root; #ui = {}; #view = null; #docs; #language = new Compartment(); #theme = new Compartment(); #format = null;
  #saveTimer = 0; #pendingSince = 0; #changedAt = 0; #panelKey = null; #last = null; #filename = "openapi.yaml"; #started = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#build();
  }

  get view() { return this.#view; }
  get docs() { return this.#docs; }
  get text() { return this.#view?.state.doc.toString() ?? ""; }
  /** The last analysis shown: { seq, valid, diagnostics, broken, ms, latency }. */
  get result() { return this.#last; }
  get #storageKey() { return this.getAttribute("storage-key") || "oasview-preview"; }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    for (const a of ["routing", "wasm-url", "theme"]) if (this.hasAttribute(a)) this.#docs.setAttribute(a, this.getAttribute(a));
    this.#start().catch((error) => this.#status(`Could not start: ${error.message}`, "bad"));
  }

  attributeChangedCallback(name, old, value) {
    if (name !== "theme" || !this.#started) return;
    if (value == null) this.#docs.removeAttribute("theme");
    else this.#docs.setAttribute("theme", value);
  }

  /** Take the docs' effective theme (data-theme, set by <oasview-docs>) for the editor and the panels. */
  #syncTheme() {
    const theme = this.#docs.dataset.theme === "dark" ? "dark" : "light";
    if (this.dataset.theme === theme) return;
    this.dataset.theme = theme;
    this.#view?.dispatch({ effects: this.#theme.reconfigure(editorTheme(theme)) });
  }

  async #start() {
    let text = null;
    try { text = localStorage.getItem(this.#storageKey); this.#filename = localStorage.getItem(`${this.#storageKey}:name`) || this.#filename; } catch { /* private mode */ }
    if (text == null) text = await this.#fetchExample();
    this.#view = new EditorView({ state: this.#state(text), parent: this.#ui.editor, root: this.#root });
    this.#format = isJson(text.slice(0, 64)) ? "json" : "yaml";
    this.#send({ text });
  }

  async #fetchExample() {
    const url = this.getAttribute("spec-url");
    if (!url) return "openapi: 3.1.0\ninfo:\n  title: My API\n  version: 1.0.0\npaths: {}\n";
    const response = await fetch(new URL(url, document.baseURI));
    if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
    this.#filename = decodeURIComponent(new URL(url, document.baseURI).pathname.split("/").pop() || this.#filename);
    return response.text();
  }

  #state(text) {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(), drawSelection(), dropCursor(),
        EditorState.allowMultipleSelections.of(true), indentOnInput(), this.#theme.of(editorTheme(this.dataset.theme)),
        bracketMatching(), rectangularSelection(), crosshairCursor(), highlightActiveLine(), highlightSelectionMatches(), search({ top: true }),
        keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, indentWithTab]),
        this.#language.of(isJson(text.slice(0, 64)) ? json() : yaml()),
        lintGutter(),
        EditorView.contentAttributes.of({ "aria-label": "OpenAPI document" }),
        EditorView.updateListener.of((u) => { if (u.docChanged) this.#changed(u); }),
      ],
    });
  }

  /** Replace the whole text (open, drop, reset): one undoable change. */
  setText(text, filename) {
    if (filename) this.#filename = filename;
    const view = this.#view;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
  }

  #changed(update) {
    this.#changedAt = clock();
    const changes = [];
    update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => changes.push([fromA, toA, inserted.toString()]));
    changes.reverse();
    const doc = update.state.doc;
    const format = isJson(doc.sliceString(0, 64)) ? "json" : "yaml";
    if (format !== this.#format) {
      this.#format = format;
      // reconfigure after this update (a dispatch inside an update listener is not allowed)
      queueMicrotask(() => this.#view.dispatch({ effects: this.#language.reconfigure(format === "json" ? json() : yaml()) }));
    }
    this.#send({ changes }, doc.length);
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#save(), SAVE_DELAY);
  }

  #save() {
    try {
      localStorage.setItem(this.#storageKey, this.#view.state.doc.toString());
      localStorage.setItem(`${this.#storageKey}:name`, this.#filename);
    } catch {
      this.#status("The text is too big to keep in this browser's storage: download it to keep it.", "warn");
    }
  }

  async #send(edit, length = edit.text?.length ?? 0) {
    const since = performance.now(), changed = this.#changedAt || clock(), sent = clock();
    const pending = this.#pendingSince !== 0;
    if (!pending) this.#pendingSince = since;
    this.#ui.state.textContent = "Checking…";
    this.#ui.app.dataset.busy = "true";
    let r;
    try {
      r = await this.#docs.edit({ ...edit, delay: debounceFor(length, pending) });
    } catch (error) {
      this.#status(`The document could not be checked: ${error.message}`, "bad");
      return;
    }
    if (r.stale) return;
    r.latency = performance.now() - since;
    this.#pendingSince = 0;
    this.#last = r;
    this.#ui.app.dataset.busy = "false";
    const t0 = performance.now();
    this.#showDiagnostics(r);
    r.mainMs = (r.drawMs ?? 0) + (performance.now() - t0); // this thread's work for the update: docs redraw + diagnostics
    r.timing = { ...r.timing, changed, sent, shown: clock() };
    this.dispatchEvent(new CustomEvent("oasview-preview-update", { detail: r }));
  }

  // ---------------------------------------------------------------- diagnostics

  /** A diagnostic's { from, to } in the current text (lines 1-based, columns 1-based UTF-16 = CodeMirror's). */
  #range(d) {
    const doc = this.#view.state.doc;
    const pos = (line, column) => {
      if (!line) return 0;
      if (line > doc.lines) return doc.length;
      const l = doc.line(line);
      return Math.min(l.to, l.from + Math.max(0, (column ?? 1) - 1));
    };
    const from = pos(d.line, d.column);
    let to = Math.max(from, pos(d.endLine ?? d.line, d.endColumn ?? d.column));
    if (to === from && from < doc.lineAt(from).to) to = from + 1; // a point: underline one character
    return { from, to };
  }

  #showDiagnostics(r) {
    const view = this.#view, ui = this.#ui;
    const cm = [];
    for (const d of r.diagnostics) {
      const severity = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info";
      const { from, to } = this.#range(d);
      cm.push({ from, to, severity, source: d.code, message: d.message });
      for (const rel of d.related ?? []) {
        const x = this.#range(rel);
        cm.push({ from: x.from, to: x.to, severity, source: d.code, message: rel.message });
      }
    }
    cm.sort((a, b) => a.from - b.from || a.to - b.to);
    const rows = () => r.diagnostics.map((d, i) => {
      const severity = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info";
      return el("li", { class: `diag diag-${severity}`, dataset: { index: i } },
        el("button", { type: "button", class: "diag-go", title: "Show in the editor", on: { click: () => this.reveal(d) } },
          el("span", { class: `sev sev-${severity}` }, severity),
          el("span", { class: "where" }, `${d.line ?? "?"}:${d.column ?? "?"}`),
          el("span", { class: "msg" }, d.message),
          el("code", { class: "code" }, d.code)),
        ...(d.related ?? []).map((rel) => el("button", { type: "button", class: "diag-related", on: { click: () => this.reveal(rel) } },
          `also ${rel.line}:${rel.column}: ${rel.message}`)));
    });
    // CodeMirror maps the underlines through each edit: set them only when that mapping is not already right
    const current = [];
    forEachDiagnostic(view.state, (d, from, to) => current.push(`${from},${to},${d.severity},${d.message}`));
    if (current.join("\n") !== cm.map((d) => `${d.from},${d.to},${d.severity},${d.message}`).join("\n")) view.dispatch(setDiagnostics(view.state, cm));
    const key = r.diagnostics.map((d) => `${d.line}:${d.column}:${d.code}:${d.message}`).join("\n");
    if (key !== this.#panelKey) { this.#panelKey = key; ui.list.replaceChildren(...rows()); }
    const errors = r.diagnostics.filter((d) => d.severity === "error").length;
    const n = r.diagnostics.length;
    ui.count.textContent = n ? `${n} problem${n === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"})` : "No problems";
    ui.count.className = `pv-count ${errors ? "bad" : n ? "warn" : "ok"}`;
    ui.empty.hidden = n > 0;
    const syntax = r.broken ? r.diagnostics.find((d) => d.severity === "error") : null;
    ui.app.dataset.broken = String(!!r.broken);
    if (syntax) this.#status(`The text does not parse (line ${syntax.line}): the docs show the last version that did.`, "bad");
    else this.#status(`Checked ${formatSize(r.bytes)} in ${r.ms.toFixed(1)} ms`, "ok");
  }

  #status(text, kind) {
    this.#ui.state.textContent = text;
    this.#ui.state.className = `state ${kind}`;
  }

  /** Select a range ({ line, column, endLine, endColumn }) in the editor and scroll it into view. */
  reveal(span, { focus = true, select = "range" } = {}) {
    const view = this.#view;
    const { from, to } = this.#range(span);
    const selection = select === "range" ? EditorSelection.single(from, to) : EditorSelection.cursor(from);
    view.dispatch({ selection, effects: EditorView.scrollIntoView(from, { y: "start", yMargin: 40 }) });
    if (focus) view.focus();
  }

  /** Reveal an operation, webhook or schema's definition (its key through the end of its value). */
  async revealItem(itemId) {
    const where = await this.#docs.locate({ itemId });
    if (!where) return false;
    const start = where.key ?? where.value;
    this.reveal({ line: start.line, column: start.column, endLine: where.value.endLine, endColumn: where.value.endColumn }, { focus: false });
    return true;
  }

  // ---------------------------------------------------------------- layout

  #build() {
    const ui = this.#ui;
    const css = el("link", { rel: "stylesheet", href: new URL("./preview.css", import.meta.url).href });
    ui.file = el("input", { type: "file", accept: ".yaml,.yml,.json,application/json,application/yaml,text/yaml", hidden: true,
      on: { change: () => { const f = ui.file.files?.[0]; if (f) this.#openFile(f); ui.file.value = ""; } } });
    const button = (label, on, extra = {}) => el("button", { type: "button", class: "tool", ...extra, on: { click: on } }, label);
    ui.state = el("span", { class: "state", role: "status" }, "Loading…");
    const tools = el("div", { class: "tools", role: "toolbar", "aria-label": "Document" },
      button("Open…", () => ui.file.click(), { title: "Open a YAML or JSON file (or drop one here)" }),
      button("Download", () => this.#download(), { title: "Download the edited text" }),
      button("Example", () => this.#reset(), { title: "Replace the text with the example" }),
      ui.file, ui.state);
    ui.editor = el("div", { class: "editor" });
    ui.count = el("span", { class: "pv-count" }, "");
    ui.list = el("ul", { class: "diags", "aria-label": "Diagnostics" });
    ui.empty = el("p", { class: "empty" }, "No problems found.");
    const panel = el("section", { class: "panel", "aria-label": "Diagnostics" }, el("h2", {}, "Problems ", ui.count), ui.list, ui.empty);
    this.#docs = document.createElement("oasview-docs");
    this.#docs.classList.add("docs");
    new MutationObserver(() => this.#syncTheme()).observe(this.#docs, { attributes: true, attributeFilter: ["data-theme"] });
    ui.drop = el("div", { class: "drop", hidden: true }, "Drop an OpenAPI file to open it");
    ui.app = el("div", { class: "pv", "data-busy": "true" },
      el("header", { class: "bar" }, el("strong", { class: "brand" }, "oasview preview"), tools),
      el("div", { class: "left" }, ui.editor, panel),
      this.#docs, ui.drop);
    this.#root.append(css, ui.app);

    // Clicking an operation, webhook or schema in the docs selects its definition.
    this.#docs.addEventListener("click", (e) => {
      const a = e.composedPath().find((n) => n instanceof HTMLAnchorElement && /^#\/(operations|webhooks|schemas)\/./.test(n.getAttribute("href") ?? ""));
      if (!a) return;
      let id = a.getAttribute("href").slice(2);
      try { id = decodeURIComponent(id); } catch { /* as written */ }
      this.revealItem(id).catch(() => {});
    });
    // Dropped files replace the text (CodeMirror would insert them at the drop point).
    ui.app.addEventListener("dragover", (e) => {
      if (![...(e.dataTransfer?.types ?? [])].includes("Files")) return;
      e.preventDefault();
      ui.drop.hidden = false;
    }, true);
    ui.app.addEventListener("dragleave", (e) => { if (e.target === ui.drop) ui.drop.hidden = true; }, true);
    ui.app.addEventListener("drop", (e) => {
      const f = e.dataTransfer?.files?.[0];
      ui.drop.hidden = true;
      if (!f) return;
      e.preventDefault();
      e.stopPropagation();
      this.#openFile(f);
    }, true);
  }

  async #openFile(file) {
    const text = await file.text();
    this.setText(text, file.name);
  }

  #download() {
    const text = this.text;
    const name = this.#filename.replace(/\.(ya?ml|json)$/i, "") + (this.#format === "json" ? ".json" : ".yaml");
    const url = URL.createObjectURL(new Blob([text], { type: this.#format === "json" ? "application/json" : "application/yaml" }));
    const a = el("a", { href: url, download: name, hidden: true });
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async #reset() {
    this.setText(await this.#fetchExample());
  }
}

function formatSize(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} KB` : `${n} bytes`;
}

if (!customElements.get("oasview-preview")) customElements.define("oasview-preview", OasviewPreview);
