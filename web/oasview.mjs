// oasview.mjs - the JavaScript API over oasview.wasm.
//
// One module for browsers, workers, Node, Deno and workerd. Importing it does
// nothing; createOasview() instantiates the wasm from whatever the runtime has:
// a WebAssembly.Module (workerd, bundlers), bytes, a URL or a Response, or
// nothing (the .wasm next to this file). It never touches the network or the
// file system by itself, except to read that default .wasm.
//
// Pointers never leave this file: text goes in, plain objects come out, and
// every allocation is released in a finally block.

const FORMATS = { auto: 0, json: 1, yaml: 2 };
const LINT_FORMATS = { text: 0, json: 1, sarif: 2, github: 3 };

/** @param {unknown} x */
const isResponse = (x) => typeof Response !== "undefined" && x instanceof Response;

async function readUrl(url) {
  if (url.protocol === "file:") {
    // Node's fetch() cannot read file: URLs (Deno's can). No `import("node:…")`
    // here, so that bundlers for browsers never see one: Node (20.16+) and Deno
    // lend their fs through process.getBuiltinModule when they have it; the
    // package's "node" entry (oasview.node.mjs) reads with node:fs itself.
    const fs = globalThis.process?.getBuiltinModule?.("node:fs");
    if (fs) return fs.readFileSync(url);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`oasview: could not read ${url} (${error.message}); pass createOasview({ wasm }) a WebAssembly.Module, bytes or a Response`);
  }
  if (!response.ok) throw new Error(`oasview: could not fetch ${url}: HTTP ${response.status}`);
  return response;
}

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) return new WebAssembly.Instance(source, imports);
  if (isResponse(source)) {
    if (typeof WebAssembly.instantiateStreaming === "function" &&
        (source.headers.get("content-type") || "").startsWith("application/wasm")) {
      try {
        return (await WebAssembly.instantiateStreaming(source.clone(), imports)).instance;
      } catch {
        /* wrong MIME type or no streaming: fall back to bytes */
      }
    }
    source = await source.arrayBuffer();
  }
  if (ArrayBuffer.isView(source) && !(source instanceof Uint8Array)) {
    source = new Uint8Array(source.buffer, source.byteOffset, source.byteLength); // V8 refuses a DataView
  }
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  throw new TypeError("oasview: wasm must be a WebAssembly.Module, bytes, a URL or a Response");
}

/**
 * Instantiate oasview.
 * @param {{ wasm?: WebAssembly.Module | BufferSource | URL | string | Response, maxMemoryBytes?: number }} [options]
 *   maxMemoryBytes: cap the wasm heap (see Oasview#setMemoryLimit)
 * @returns {Promise<Oasview>}
 */
export async function createOasview(options = {}) {
  let source = options.wasm;
  if (source === undefined || typeof source === "string") {
    // workerd gives modules no usable URL: there, import the .wasm and pass the WebAssembly.Module.
    let base;
    try { base = new URL(import.meta.url); } catch { /* no module URL */ }
    if (!base && !(typeof source === "string" && URL.canParse?.(source))) {
      throw new TypeError("oasview: this runtime gives the module no URL; pass createOasview({ wasm }) a WebAssembly.Module (e.g. `import wasm from \"oasview/wasm\"`), bytes or a Response");
    }
    source = new URL(source ?? "./oasview.wasm", base);
  }
  if (source instanceof URL) source = await readUrl(source);
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  const instance = await instantiate(source, imports);
  instance.exports._initialize?.();
  const ov = new Oasview(instance.exports);
  if (options.maxMemoryBytes != null) ov.setMemoryLimit(options.maxMemoryBytes);
  return ov;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Thrown by compileJsonSchema()/validateJsonSchema() when the schema itself is wrong; `errors` says where. */
export class JsonSchemaError extends Error {
  constructor(errors) {
    super(`oasview: the schema cannot be used: ${errors[0]?.message ?? "unknown error"}${errors[0]?.keywordLocation ? ` (at ${errors[0].keywordLocation})` : ""}`);
    this.name = "JsonSchemaError";
    this.errors = errors;
  }
}

/** Most external documents one load reads through `resolve` (OASV_MAX_EXTERNAL_DOCS). */
const MAX_EXTERNAL_DOCS = 64;
/** External documents asked for at the same time by loadAsync(). */
const RESOLVE_CONCURRENCY = 8;

function checkText(text) {
  if (typeof text !== "string" && !(text instanceof Uint8Array) && !(text instanceof ArrayBuffer) && !ArrayBuffer.isView(text)) {
    throw new TypeError("oasview: load() takes a string or bytes");
  }
}

/** Bytes as a Uint8Array view (no copy). */
const toBytes = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength));

/** What a resolver returned, as { text } (a string or bytes), { text: null } (not served) or a TypeError. */
function resolvedValue(value, uri) {
  if (value == null) return { text: null };
  if (typeof value === "string") return { text: value };
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { text: toBytes(value) };
  throw new TypeError(`oasview: resolve(${JSON.stringify(uri)}) must give the document's text (a string or bytes), or undefined when it has none`);
}

/** A resolver's thrown error as the reason in the diagnostic. */
const reasonOf = (error) => String((error instanceof Error ? error.message : error) || "the resolver failed");

/** load(): ask a synchronous resolver. */
function resolvedNow(resolve, uri) {
  let value;
  try {
    value = resolve(uri);
  } catch (error) {
    return { error: reasonOf(error) };
  }
  if (typeof value?.then === "function") {
    Promise.resolve(value).catch(() => {}); // refused below: its rejection is nobody's to handle
    throw new TypeError("oasview: resolve returned a Promise: load() is synchronous, use loadAsync() for an asynchronous resolver");
  }
  return resolvedValue(value, uri);
}

/** loadAsync(): ask a resolver for every URI, RESOLVE_CONCURRENCY at a time; results in the order of `uris`. */
async function resolvedLater(resolve, uris) {
  const results = new Array(uris.length);
  let next = 0;
  const worker = async () => {
    while (next < uris.length) {
      const i = next++;
      let value;
      try {
        value = await resolve(uris[i]);
      } catch (error) {
        results[i] = { error: reasonOf(error) };
        continue;
      }
      results[i] = resolvedValue(value, uris[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, uris.length) }, worker));
  return results;
}

/** Bytes of the instance input buffer kept between validations (bigger instances take a buffer of their own). */
const INPUT_KEPT = 64 * 1024;
// Texts up to this many UTF-16 units are copied into wasm memory by a JS loop, not encodeInto (see #shortAscii).
const SHORT_TEXT = 32;

const schemaText = (v) => (typeof v === "string" || v instanceof Uint8Array || v instanceof ArrayBuffer ? v : JSON.stringify(v));

class Oasview {
  #x;
  #registry;
  #schemaRegistry;

  constructor(exports) {
    this.#x = exports;
    // A backstop for documents that are never disposed: freed when collected.
    this.#registry = typeof FinalizationRegistry === "function"
      ? new FinalizationRegistry((handle) => exports.oasv_wasm_doc_free(handle))
      : null;
    this.#schemaRegistry = typeof FinalizationRegistry === "function"
      ? new FinalizationRegistry((handle) => exports.oasv_wasm_schema_free(handle))
      : null;
  }

  /** Bytes of wasm memory in use now (grows, never shrinks). */
  get memoryBytes() { return this.#x.memory.buffer.byteLength; }

  /**
   * Copy a string or bytes into wasm memory with one spare byte for a NUL;
   * returns [pointer, length]. Strings are encoded straight into wasm memory,
   * sized for ASCII first and grown only when the text is not ASCII.
   */
  #copyIn(input) {
    const x = this.#x;
    if (typeof input === "string") {
      let capacity = input.length + 1;
      let ptr = x.oasv_wasm_malloc(capacity);
      let read = 0, written = 0;
      for (;;) {
        if (!ptr) throw new RangeError("oasview: out of memory");
        const rest = read ? input.slice(read) : input;
        const r = encoder.encodeInto(rest, new Uint8Array(x.memory.buffer, ptr + written, capacity - 1 - written));
        read += r.read;
        written += r.written;
        if (read >= input.length) return [ptr, written];
        capacity = written + (input.length - read) * 3 + 1;
        const grown = x.oasv_wasm_realloc(ptr, capacity);
        if (!grown) x.oasv_wasm_free(ptr);
        ptr = grown;
      }
    }
    const bytes = input instanceof Uint8Array ? input : new Uint8Array(input.buffer ?? input, input.byteOffset ?? 0, input.byteLength);
    const ptr = x.oasv_wasm_malloc(bytes.length + 1);
    if (!ptr) throw new RangeError("oasview: out of memory");
    new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }

  #cString(s) {
    if (s == null) return 0;
    const [ptr, len] = this.#copyIn(String(s));
    new Uint8Array(this.#x.memory.buffer)[ptr + len] = 0;
    return ptr;
  }

  /** Read `len` bytes at `ptr` as UTF-8 (views are made after every call: memory may have grown). */
  readString(ptr, len) {
    return decoder.decode(new Uint8Array(this.#x.memory.buffer, ptr, len));
  }

  #readCString(ptr) {
    const heap = new Uint8Array(this.#x.memory.buffer);
    let end = ptr;
    while (heap[end]) end++;
    return decoder.decode(heap.subarray(ptr, end));
  }

  /**
   * Load a JSON or YAML document.
   * @param {string | Uint8Array | ArrayBuffer} text
   * @param {{ filename?: string, format?: "auto"|"json"|"yaml",
   *           limits?: { maxInputBytes?: number, maxDepth?: number, maxAliasNodes?: number, maxRefHops?: number, maxDiagnostics?: number },
   *           rules?: string | Record<string, "error"|"warning"|"info"|"hint"|"off"> | { rules: Record<string, string> },
   *           validate?: boolean, resolve?: (uri: string) => string | Uint8Array | ArrayBuffer | null | undefined } }} [options]
   *   rules: severities per rule id (the CLI's --config file, as text or as an object); validate: false only loads;
   *   resolve: the text of an external `$ref`'s document, synchronously (see loadAsync for a resolver that returns a Promise).
   */
  load(text, options = {}) {
    checkText(text);
    return options.resolve == null ? this.#loadOnce(text, options, 0) : this.#loadResolving(text, options);
  }

  /** load() with a synchronous resolver: loads again with what it gives until no new document is asked for. */
  #loadResolving(text, options) {
    if (typeof options.resolve !== "function") throw new TypeError("oasview: resolve must be a function (uri) => text");
    const rounds = this.#rounds(text, options);
    let step = rounds.next();
    try {
      while (!step.done) step = rounds.next(step.value.map((uri) => resolvedNow(options.resolve, uri)));
      return step.value;
    } finally {
      if (!step.done) rounds.return();
    }
  }

  /**
   * Load a document whose external `$ref`s are read through `options.resolve`, which may return a
   * Promise (fetch, fs/promises). Documents are asked for in parallel (8 at a time), each URI once.
   * The same as load() otherwise; without `resolve`, load() in a Promise.
   * @returns {Promise<OasviewDocument>}
   */
  async loadAsync(text, options = {}) {
    checkText(text);
    if (options.resolve == null) return this.#loadOnce(text, options, 0);
    if (typeof options.resolve !== "function") throw new TypeError("oasview: resolve must be a function (uri) => text");
    // The text is read again on every round: keep a private copy of bytes the caller could change meanwhile.
    if (typeof text !== "string") text = toBytes(text).slice();
    const rounds = this.#rounds(text, options);
    let step = rounds.next();
    try {
      while (!step.done) step = rounds.next(await resolvedLater(options.resolve, step.value));
      return step.value;
    } finally {
      if (!step.done) rounds.return();
    }
  }

  /**
   * External documents (the wasm module never calls out, and a resolver may be async): load with a
   * registry of documents; the load notes each URI it asked for that the registry lacks (already resolved
   * against the referring document: the main one's filename, an external one's own URI, or an `$id`).
   * Yield those URIs, take back what the resolver said for each, put that in the registry and load again,
   * until a load asks for nothing new. Each round adds a URI to the registry, and a load asks for at most
   * MAX_EXTERNAL_DOCS, so this ends.
   */
  *#rounds(text, options) {
    const x = this.#x;
    const docs = x.oasv_wasm_docs_new();
    if (!docs) throw new RangeError("oasview: out of memory");
    const maxBytes = options.limits?.maxInputBytes ?? 64 * 1024 * 1024;
    const known = new Set();
    let doc = null, served = 0, bytes = 0;
    try {
      for (;;) {
        doc = this.#loadOnce(text, options, docs);
        const asked = JSON.parse(this.#take(x.oasv_wasm_docs_missing(docs))).filter((uri) => !known.has(uri));
        if (asked.length === 0) break;
        for (const uri of asked) known.add(uri);
        // The limits the C side applies, applied before calling the resolver or copying a text in.
        const wanted = asked.slice(0, Math.max(0, MAX_EXTERNAL_DOCS - served));
        const results = wanted.length ? yield wanted : [];
        let changed = false;
        for (const [i, uri] of asked.entries()) {
          const r = i < wanted.length ? results[i] : {
            error: `it would be document ${served + 1 + i - wanted.length} read through the resolver, more than the limit of ${MAX_EXTERNAL_DOCS}`,
          };
          if (i < wanted.length) served++;
          if (r.text != null) {
            const fits = this.#putText(docs, uri, r.text, bytes, maxBytes);
            if (typeof fits === "number") bytes += fits;
            else this.#put(docs, uri, 0, 0, fits);
            changed = true;
          } else {
            this.#put(docs, uri, 0, 0, r.error ?? null);
            if (r.error != null) changed = true;
          }
        }
        // Documents the resolver did not serve read the same as unknown ones: this load's result stands.
        if (!changed) break;
        doc.dispose();
        doc = null;
      }
      const done = doc;
      doc = null;
      return done;
    } finally {
      doc?.dispose();
      x.oasv_wasm_docs_free(docs);
    }
  }

  /**
   * Put a text in the registry when, after `before` bytes of others, it fits in `max` (max_input_bytes, as the
   * C side counts): its length in bytes, or the reason it does not fit (the C side's words).
   */
  #putText(docs, uri, text, before, max) {
    const tooBig = (len) => `it is ${len} bytes, and with the ${before} bytes of the documents read before it that is more than the limit of ${max} bytes (max_input_bytes)`;
    // UTF-8 takes at least one byte per UTF-16 unit: refuse what cannot fit before copying it in
    const atLeast = typeof text === "string" ? text.length : text.byteLength;
    if (atLeast > max - before) return tooBig(atLeast);
    const [ptr, len] = this.#copyIn(text);
    if (len > max - before) {
      this.#x.oasv_wasm_free(ptr);
      return tooBig(len);
    }
    this.#put(docs, uri, ptr, len, null);
    return len;
  }

  #put(docs, uri, ptr, len, error) {
    const x = this.#x;
    const u = this.#cString(uri);
    const e = error == null ? 0 : this.#cString(error);
    try {
      if (!x.oasv_wasm_docs_put(docs, u, ptr, len, e)) throw new RangeError("oasview: out of memory");
    } finally {
      x.oasv_wasm_free(u);
      if (e) x.oasv_wasm_free(e);
    }
  }

  /** One load; `docs` is a registry of external documents (0: no resolver, each external `$ref` is a warning). */
  #loadOnce(text, options, docs) {
    const x = this.#x;
    const limits = options.limits ?? {};
    const format = FORMATS[options.format ?? "auto"];
    if (format === undefined) throw new TypeError(`oasview: unknown format ${options.format}`);
    // Refuse oversized input before copying it (the C side checks again).
    const maxInput = limits.maxInputBytes ?? 64 * 1024 * 1024;
    let ptr = 0, len = 0, name = 0, handle = 0, rules = 0;
    try {
      if (options.rules != null) rules = this.#rules(options.rules);
      const bytes = typeof text === "string" ? text.length : text.byteLength;
      if (bytes > maxInput) {
        // Copy nothing: the C side refuses on the length alone, before reading any byte.
        [ptr, len] = this.#copyIn("");
        len = bytes;
      } else {
        [ptr, len] = this.#copyIn(text);
      }
      name = this.#cString(options.filename);
      const adopted = ptr;
      ptr = 0; // the document adopts the text, even when loading fails
      handle = x.oasv_wasm_load_resolving(docs, adopted, len, name, format, maxInput >>> 0, (limits.maxDepth ?? 0) >>> 0,
        (limits.maxAliasNodes ?? 0) >>> 0, rules, options.validate === false ? 1 : 0, (limits.maxRefHops ?? 0) >>> 0,
        (limits.maxDiagnostics ?? 0) >>> 0);
    } finally {
      if (rules) x.oasv_wasm_rules_free(rules);
      if (ptr) x.oasv_wasm_free(ptr);
      if (name) x.oasv_wasm_free(name);
    }
    if (!handle) throw new RangeError("oasview: out of memory while loading the document");
    const result = x.oasv_wasm_result(handle);
    if (!result) {
      x.oasv_wasm_doc_free(handle);
      throw new RangeError("oasview: out of memory while reporting");
    }
    const parsed = JSON.parse(this.readString(result, x.oasv_wasm_result_len(handle)));
    return new OasviewDocument(this, handle, parsed, options.filename);
  }

  /** A rules handle from a configuration (text or object); throws TypeError when it is refused. */
  #rules(config) {
    const x = this.#x;
    const text = typeof config === "string" ? config
      : JSON.stringify(Object.prototype.hasOwnProperty.call(config, "rules") ? config : { rules: config });
    const [ptr, len] = this.#copyIn(text);
    const error = x.oasv_wasm_malloc(512);
    try {
      new Uint8Array(x.memory.buffer)[error] = 0;
      const rules = x.oasv_wasm_rules_new(ptr, len, error, 512);
      if (!rules) throw new TypeError(`oasview: rules: ${this.#readCString(error) || "out of memory"}`);
      return rules;
    } finally {
      x.oasv_wasm_free(ptr);
      x.oasv_wasm_free(error);
    }
  }

  #lintFormat(format) {
    const f = LINT_FORMATS[format];
    if (f === undefined) throw new TypeError(`oasview: unknown lint format ${format} (text, json, sarif or github)`);
    return f;
  }

  #take(ptr) {
    if (!ptr) throw new RangeError("oasview: out of memory");
    try { return this.#readCString(ptr); } finally { this.#x.oasv_wasm_free(ptr); }
  }

  /** What `oasview lint --format F` prints before the first file. */
  lintBegin(format = "text") { return this.#take(this.#x.oasv_wasm_lint_begin(this.#lintFormat(format))); }

  /** What `oasview lint --format F` prints after the last file (text: the summary line). */
  lintEnd(format = "text", { errors = 0, warnings = 0, files = 0 } = {}) {
    return this.#take(this.#x.oasv_wasm_lint_end(this.#lintFormat(format), errors >>> 0, warnings >>> 0, files >>> 0));
  }

  /** @internal */
  _lintFile(handle, filename, format, filesBefore, resultsBefore) {
    const name = this.#cString(filename ?? "<input>");
    try {
      return this.#take(this.#x.oasv_wasm_lint_file(handle, name, this.#lintFormat(format), filesBefore >>> 0, resultsBefore >>> 0));
    } finally {
      this.#x.oasv_wasm_free(name);
    }
  }

  /** @internal the diagnostics as the CLI prints them */
  _text(handle, filename) {
    const x = this.#x;
    const name = this.#cString(filename ?? "<input>");
    let out = 0;
    try {
      out = x.oasv_wasm_text(handle, name);
      if (!out) throw new RangeError("oasview: out of memory");
      return this.#readCString(out);
    } finally {
      x.oasv_wasm_free(name);
      if (out) x.oasv_wasm_free(out);
    }
  }

  /**
   * Compile a JSON Schema (draft 2020-12) once, to validate many instances.
   * `schema` is a JS value, or JSON/YAML text. `resources` maps URIs to schemas
   * that $ref may name (nothing is fetched). Throws JsonSchemaError when the
   * schema is wrong. Call dispose() on the result (a FinalizationRegistry is a backstop).
   * @param {unknown} schema
   * @param {{ resources?: Record<string, unknown>, formatAssertion?: boolean, maxDepth?: number, maxSteps?: number }} [options]
   */
  compileJsonSchema(schema, options = {}) {
    const x = this.#x;
    const owned = [];
    const text = schemaText(schema);
    let handle = 0;
    try {
      const [ptr, len] = this.#copyIn(text);
      owned.push(ptr);
      const entries = Object.entries(options.resources ?? {});
      let table = 0;
      if (entries.length) {
        const triples = [];
        for (const [uri, res] of entries) {
          const u = this.#cString(uri);
          owned.push(u);
          const [rp, rl] = this.#copyIn(schemaText(res));
          owned.push(rp);
          triples.push(u, rp, rl);
        }
        table = x.oasv_wasm_malloc(triples.length * 4);
        if (!table) throw new RangeError("oasview: out of memory");
        owned.push(table);
        new Uint32Array(x.memory.buffer, table, triples.length).set(triples);
      }
      handle = x.oasv_wasm_schema_compile(ptr, len, table, entries.length, options.formatAssertion ? 1 : 0,
        (options.maxDepth ?? 0) >>> 0, (options.maxSteps ?? 0) >>> 0);
    } finally {
      for (const p of owned) x.oasv_wasm_free(p);
    }
    if (!handle) throw new RangeError("oasview: out of memory while compiling the schema");
    if (!x.oasv_wasm_schema_ok(handle)) {
      const ptr = x.oasv_wasm_schema_errors(handle);
      const errors = ptr ? JSON.parse(this.readString(ptr, x.oasv_wasm_schema_errors_len(handle))).errors : [];
      x.oasv_wasm_schema_free(handle);
      throw new JsonSchemaError(errors);
    }
    return new JsonSchema(this, handle, { text, options });
  }

  /**
   * Validate an instance against a JSON Schema: compile, validate, dispose.
   * Strings are read as JSON (or YAML) text: to check a JS string value, pass JSON.stringify(value).
   * `output: "detailed"` gives JSON Schema's detailed output format (a tree of frames) instead of the flat list.
   * @returns {{ valid: boolean, errors: JsonSchemaOutputError[] }}
   */
  validateJsonSchema(schema, instance, options = {}) {
    const compiled = this.compileJsonSchema(schema, options);
    try {
      return compiled._validateNow(instance, options.output === "detailed");
    } finally {
      compiled.dispose();
    }
  }

  // The reusable input buffer of oasv_wasm_schema_run (pointer, text capacity, a view of it):
  // INPUT_KEPT bytes, or more for the one call that needs them.
  #input = 0;
  #inputCap = 0;
  #inputView = null;

  #inputResize(cap) {
    const ptr = this.#x.oasv_wasm_schema_input(cap);
    if (!ptr) throw new RangeError("oasview: out of memory"); // the previous buffer stays
    this.#input = ptr;
    this.#inputCap = cap;
    this.#inputView = null;
  }

  /** Room for `size` bytes of text in the input buffer; returns a view of all of it. */
  #inputRoom(size) {
    const x = this.#x;
    if (size > this.#inputCap || !this.#input) this.#inputResize(Math.max(size, INPUT_KEPT));
    // a view per buffer: made again when the memory grew (the old one is then detached, and a detached view is
    // empty: a cheaper test than reading memory.buffer, a getter, on every call)
    if (!this.#inputView || this.#inputView.length === 0) {
      this.#inputView = new Uint8Array(x.memory.buffer, this.#input, this.#inputCap);
    }
    return this.#inputView;
  }

  /**
   * Short ASCII text (most of a test suite's instances) into the input buffer byte by byte:
   * encodeInto's cost per call is more than the rest of such a validation.
   * @returns its length, or -1 when it holds a non-ASCII character (encodeInput then writes it again)
   */
  #shortAscii(text) {
    const view = this.#inputRoom(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return -1;
      view[i] = c;
    }
    return text.length;
  }

  /** Put an instance's text into the input buffer; its length in bytes. */
  #encodeInput(text) {
    if (typeof text !== "string") {
      const bytes = text instanceof Uint8Array ? text : new Uint8Array(text.buffer ?? text, text.byteOffset ?? 0, text.byteLength);
      this.#inputRoom(bytes.length).set(bytes);
      return bytes.length;
    }
    if (text.length <= SHORT_TEXT) {
      const n = this.#shortAscii(text);
      if (n >= 0) return n;
    }
    // sized for ASCII first; the worst case (3 bytes per UTF-16 unit) only when that is not enough
    let r = encoder.encodeInto(text, this.#inputRoom(text.length));
    if (r.read < text.length) r = encoder.encodeInto(text, this.#inputRoom(text.length * 3));
    return r.written;
  }

  /**
   * @internal isValid(): short ASCII text takes a path small enough for V8 to inline whole into the
   * caller's loop (6-10 ns less a call, of ~145 on the suite); anything else, or text the fast
   * reader leaves to the loader (verdict -2: _schemaValidate reads it again, then the loader) or an error, goes
   * through _schemaValidate.
   */
  _schemaIsValid(handle, instance) {
    if (typeof instance === "string" && instance.length <= SHORT_TEXT) {
      const len = this.#shortAscii(instance);
      if (len >= 0) {
        const verdict = this.#x.oasv_wasm_schema_run(handle, len, 0);
        if (verdict >= 0) return verdict === 1;
      }
    }
    return this._schemaValidate(handle, instance, null, true);
  }

  /**
   * @internal Validate an instance. With `errorsOf`, the errors of an invalid
   * instance are left to `errorsOf(text)` when first read (the validity-only
   * walk stops at the first failure and builds no error); else they come now.
   * `verdictOnly` gives a boolean.
   */
  _schemaValidate(handle, instance, errorsOf = null, verdictOnly = false, detailed = false) {
    const x = this.#x;
    const text = schemaText(instance);
    if (detailed) errorsOf = null; // the tree is built now
    if (typeof text !== "string" && !(text instanceof Uint8Array) && !(text instanceof ArrayBuffer)) {
      const r = this.#schemaValidateCopy(handle, text, detailed);
      return verdictOnly ? r.valid : r;
    }
    const len = this.#encodeInput(text);
    const verdict = x.oasv_wasm_schema_run(handle, len, errorsOf || verdictOnly ? 0 : 1);
    if (this.#inputCap > INPUT_KEPT) { // give a big buffer back
      try { this.#inputResize(INPUT_KEPT); } catch { /* keep the big one */ }
    }
    if (verdict === -2) { // YAML, or text whose mistake the loader explains
      const r = this.#schemaValidateCopy(handle, text, detailed);
      return verdictOnly ? r.valid : r;
    }
    if (verdict < 0) throw new RangeError("oasview: out of memory while validating");
    if (verdictOnly) return verdict === 1;
    if (verdict === 1) return detailed ? { valid: true, keywordLocation: "", instanceLocation: "" } : { valid: true, errors: [] };
    if (!errorsOf) return this.#schemaResult(x.oasv_wasm_schema_run_result(), detailed);
    const kept = typeof text === "string" ? text : text.slice(0); // a copy: the caller may reuse its bytes
    const result = { valid: false };
    new LazyErrors(result, errorsOf, kept); // result.errors: an accessor computing them when first read
    return result;
  }

  /** The result at `result` (a handle, freed here) as { valid, errors }, or the detailed tree. */
  #schemaResult(result, detailed = false) {
    const x = this.#x;
    if (!result) throw new RangeError("oasview: out of memory while validating");
    try {
      const out = detailed ? x.oasv_wasm_schema_result_detailed(result) : x.oasv_wasm_schema_result(result);
      if (!out) throw new RangeError("oasview: out of memory while reporting");
      const len = detailed ? x.oasv_wasm_schema_result_detailed_len(result) : x.oasv_wasm_schema_result_len(result);
      return JSON.parse(this.readString(out, len));
    } finally {
      x.oasv_wasm_schema_result_free(result);
    }
  }

  /** Validate a copy of the text (JSON or YAML) through the loader. */
  #schemaValidateCopy(handle, text, detailed = false) {
    const x = this.#x;
    let ptr = 0;
    try {
      let len;
      [ptr, len] = this.#copyIn(text);
      return this.#schemaResult(x.oasv_wasm_schema_validate(handle, ptr, len), detailed);
    } finally {
      if (ptr) x.oasv_wasm_free(ptr);
    }
  }

  /** @internal */
  _schemaFree(owner, handle) {
    this.#schemaRegistry?.unregister(owner);
    this.#x.oasv_wasm_schema_free(handle);
  }

  /** @internal */
  _schemaTrack(owner, handle) { this.#schemaRegistry?.register(owner, handle, owner); }

  /**
   * Cap the wasm heap at `bytes` (rounded up to 4 KiB; 0 removes the cap). Work that would grow
   * the heap past it throws RangeError("oasview: out of memory…") and frees what it took, so the
   * next call works. A cap below what the heap holds already only stops it growing further.
   * @returns {number} the cap in effect (0: none)
   */
  setMemoryLimit(bytes) {
    if (typeof bytes !== "number" || !(bytes >= 0) || bytes > 0xFFFFFFFF) {
      throw new TypeError("oasview: maxMemoryBytes must be a number of bytes below 4 GiB");
    }
    return this.#x.oasv_wasm_set_memory_limit(Math.floor(bytes) >>> 0) >>> 0;
  }

  /** Bytes of the wasm heap that malloc has handed out and not taken back (for leak checks). */
  get heapUsed() { return this.#x.oasv_wasm_heap_used(); }

  /** The most bytes the wasm heap has ever held since instantiation (peak memory). */
  get heapPeak() { return this.#x.oasv_wasm_heap_peak(); }

  /** @internal */
  _json(handle) {
    const x = this.#x;
    const ptr = x.oasv_wasm_tree_json(handle);
    if (!ptr) return undefined;
    return JSON.parse(this.readString(ptr, x.oasv_wasm_tree_json_len(handle)));
  }

  /**
   * @internal The navigation's text: whole, without the parts `omit` names (1: search entries, 2: the items'
   * pointers; oasv.h OASV_NAV_NO_*), or with `search` its search entries alone.
   */
  _navigation(handle, omit = 0, search = false) {
    const x = this.#x;
    const ptr = search ? x.oasv_wasm_search(handle) : omit ? x.oasv_wasm_navigation_lean(handle, omit) : x.oasv_wasm_navigation(handle);
    if (!ptr) throw new RangeError("oasview: out of memory while building the navigation");
    return this.readString(ptr, search ? x.oasv_wasm_search_len(handle)
      : omit ? x.oasv_wasm_navigation_lean_len(handle, omit) : x.oasv_wasm_navigation_len(handle));
  }

  /** @internal */
  _entry(handle, id) {
    const x = this.#x;
    const p = this.#cString(String(id));
    try {
      const ptr = x.oasv_wasm_entry(handle, p);
      if (ptr) return this.readString(ptr, x.oasv_wasm_entry_len());
      if (x.oasv_wasm_has_entry(handle, p)) throw new RangeError("oasview: out of memory while building an entry");
      return null;
    } finally {
      x.oasv_wasm_free(p);
    }
  }

  /** @internal */
  _validatePayload(handle, id, value, { part = "request", contentType, status } = {}) {
    const x = this.#x;
    const PARTS = { request: 0, response: 1 };
    if (!(part in PARTS)) throw new TypeError(`oasview: validatePayload: part must be "request" or "response", not ${part}`);
    if (value === undefined) throw new TypeError("oasview: validatePayload: no payload (give a JSON value or JSON text)");
    const owned = [];
    let result = 0;
    try {
      const idp = this.#cString(String(id));
      owned.push(idp);
      const sp = status == null ? 0 : this.#cString(String(status));
      if (sp) owned.push(sp);
      const cp = contentType == null ? 0 : this.#cString(String(contentType));
      if (cp) owned.push(cp);
      const [ptr, len] = this.#copyIn(schemaText(value));
      owned.push(ptr);
      result = x.oasv_wasm_validate_payload(handle, idp, PARTS[part], sp, cp, ptr, len);
      if (!result) {
        if (x.oasv_wasm_payload_status() === 2) throw new RangeError(`oasview: validatePayload: no operation or webhook has the id ${JSON.stringify(String(id))}`);
        throw new RangeError("oasview: out of memory while validating a payload");
      }
      const out = x.oasv_wasm_schema_result(result);
      if (!out) throw new RangeError("oasview: out of memory while reporting");
      return JSON.parse(this.readString(out, x.oasv_wasm_schema_result_len(result)));
    } finally {
      for (const p of owned) x.oasv_wasm_free(p);
      if (result) x.oasv_wasm_schema_result_free(result);
    }
  }

  /** @internal */
  _locate(handle, pointer, key) {
    const x = this.#x;
    const p = this.#cString(pointer);
    try {
      const span = x.oasv_wasm_locate(handle, p, key ? 1 : 0);
      if (!span) return null;
      const [offset, endOffset, line, column, endLine, endColumn] = new Uint32Array(x.memory.buffer, span, 6);
      return { line, column, endLine, endColumn, offset, endOffset };
    } finally {
      x.oasv_wasm_free(p);
    }
  }

  /** @internal */
  _free(doc, handle) {
    this.#registry?.unregister(doc);
    this.#x.oasv_wasm_doc_free(handle);
  }

  /** @internal */
  _track(doc, handle) { this.#registry?.register(doc, handle, doc); }
}

class OasviewDocument {
  #ov;
  #handle;
  #filename;

  constructor(ov, handle, result, filename) {
    this.#ov = ov;
    this.#handle = handle;
    this.#filename = filename;
    /** "3.1.0", or null when the document has no version */
    this.version = result.version;
    /** `info.title`, or null */
    this.title = result.title;
    /** "json" or "yaml" */
    this.format = result.format;
    /** true when no diagnostic is an error */
    this.valid = result.valid;
    /** @type {Diagnostic[]} */
    this.diagnostics = result.diagnostics;
    ov._track(this, handle);
  }

  /**
   * This document's part of `oasview lint --format F` output (between ov.lintBegin and ov.lintEnd).
   * @param {"text"|"json"|"sarif"|"github"} format
   * @param {{ filename?: string, filesBefore?: number, resultsBefore?: number }} [options]
   *   filesBefore: documents printed before this one; resultsBefore: their diagnostics, counted together
   */
  formatLint(format = "text", { filename = this.#filename, filesBefore = 0, resultsBefore = 0 } = {}) {
    return this.#ov._lintFile(this.#live(), filename, format, filesBefore, resultsBefore);
  }

  /** The diagnostics as `oasview lint` prints them. */
  formatText(filename = this.#filename) {
    return this.#ov._text(this.#live(), filename);
  }

  /** The document as a plain JSON value (YAML read by the 1.2 core schema), or undefined when it could not be read. */
  json() {
    return this.#ov._json(this.#live());
  }

  /**
   * Where the node at a JSON pointer was written: 1-based line, UTF-16 column, byte offsets.
   * @param {string} pointer  e.g. "/paths/~1pets/get"
   * @param {{ key?: boolean }} [options]  key: the member's key instead of its value
   */
  locate(pointer, options = {}) {
    return this.#ov._locate(this.#live(), pointer, options.key);
  }

  /**
   * The navigation model (web/model.d.ts Navigation): info, servers, tag groups with operations and
   * webhooks side by side, webhooks, schemas, counts and search. A fresh object on each call.
   */
  navigation() {
    return JSON.parse(this.#ov._navigation(this.#live()));
  }

  /**
   * The navigation model as JSON text (what `oasview model` prints; cheap to post to a worker's caller).
   * `{ search: false }` leaves out its "search" member (about 40% of the text), `{ pointers: false }` its
   * items' pointers (about 25% of the rest): what a page draws its first view from.
   */
  navigationJson(options = {}) {
    return this.#ov._navigation(this.#live(), (options.search === false ? 1 : 0) | (options.pointers === false ? 2 : 0));
  }

  /** The navigation's search entries alone (its "search" member) as JSON text: for a page that needs them later. */
  searchJson() {
    return this.#ov._navigation(this.#live(), 0, true);
  }

  /**
   * One entry (web/model.d.ts Entry) by an id from the navigation, built on demand; null when no item has that id.
   * @param {string} id  e.g. "operations/listPets", "webhooks/newPet/post", "schemas/Pet"
   */
  entry(id) {
    const text = this.#ov._entry(this.#live(), id);
    return text === null ? null : JSON.parse(text);
  }

  /** One entry as JSON text, or null when no item has that id. */
  entryJson(id) {
    return this.#ov._entry(this.#live(), id);
  }

  /**
   * Check a payload against the schema the document gives for it: the request body of the operation
   * or webhook `id` (for a webhook: the delivery your server receives), or one of its responses.
   * `value` is a JSON value, or JSON text (a string or bytes). The schema is compiled on the first
   * call and kept with the document. Throws RangeError when no operation or webhook has that id.
   * @param {string} id  e.g. "webhooks/newPet/post", "operations/addPet"
   * @param {unknown} value
   * @param {{ part?: "request" | "response", contentType?: string, status?: string | number }} [options]
   *   contentType: picks the media type (default application/json); status: the response ("200" by default)
   * @returns {{ valid: boolean, errors: { instanceLocation: string, keywordLocation: string,
   *   absoluteKeywordLocation?: string, code: string, message: string }[] }}
   */
  validatePayload(id, value, options = {}) {
    return this.#ov._validatePayload(this.#live(), id, value, options);
  }

  #live() {
    if (!this.#handle) throw new Error("oasview: the document was disposed");
    return this.#handle;
  }

  /** Free the document's wasm memory. Safe to call twice. */
  dispose() {
    if (!this.#handle) return;
    this.#ov._free(this, this.#handle);
    this.#handle = 0;
  }
}

/** A base whose constructor gives back the object it is passed: a subclass then adds its private fields to that object. */
class OnGivenObject {
  constructor(object) {
    return object;
  }
}

/**
 * Gives a plain result object an own enumerable `errors` accessor that computes the errors
 * when first read (a second walk, which builds them), keeping its state in private fields.
 * The accessor's get and set are shared by every result: an object literal with accessors
 * costs V8 new closures and a slow object on each call (~0.5 µs, more than validating a
 * small instance). The result stays a plain object (its prototype Object.prototype).
 */
class LazyErrors extends OnGivenObject {
  #errorsOf;
  #text;
  #errors;
  #read = false;

  constructor(result, errorsOf, text) {
    super(result);
    this.#errorsOf = errorsOf;
    this.#text = text;
    Object.defineProperty(result, "errors", LazyErrors.#errorsProperty);
  }

  static #errorsProperty = {
    enumerable: true,
    configurable: true,
    get() {
      if (!this.#read) {
        this.#errors = this.#errorsOf(this.#text);
        this.#read = true;
        this.#text = null;
      }
      return this.#errors;
    },
    set(value) {
      this.#errors = value;
      this.#read = true;
      this.#text = null;
    },
  };
}

/** A compiled JSON Schema: validate(instance) as often as needed, then dispose(). */
class JsonSchema {
  #ov;
  #handle;
  #source; // { text, options }: to compile again if errors are read after dispose()
  #errorsOf;

  constructor(ov, handle, source) {
    this.#ov = ov;
    this.#handle = handle;
    this.#source = source;
    this.#errorsOf = (text) => this.#errorsOfText(text);
    ov._schemaTrack(this, handle);
  }

  /**
   * Validate a JS value, or JSON/YAML text.
   * The verdict comes from a walk that stops at the first failure; the errors
   * of an invalid instance are computed when `errors` is first read.
   * With `{ output: "detailed" }`: JSON Schema's detailed output format, built now.
   * @param {unknown} instance
   * @param {{ output?: "basic" | "detailed" }} [options]
   * @returns {{ valid: boolean, errors: { instanceLocation: string, keywordLocation: string,
   *   absoluteKeywordLocation?: string, code: string, message: string }[] }}
   */
  validate(instance, options) {
    if (!this.#handle) throw new Error("oasview: the schema was disposed");
    if (options?.output === "detailed") return this.#ov._schemaValidate(this.#handle, instance, null, false, true);
    return this.#ov._schemaValidate(this.#handle, instance, this.#errorsOf);
  }

  /** Only the verdict of validate(instance). */
  isValid(instance) {
    if (!this.#handle) throw new Error("oasview: the schema was disposed");
    return this.#ov._schemaIsValid(this.#handle, instance);
  }

  /** @internal validate() with the errors computed now. */
  _validateNow(instance, detailed = false) {
    if (!this.#handle) throw new Error("oasview: the schema was disposed");
    return this.#ov._schemaValidate(this.#handle, instance, null, false, detailed);
  }

  #errorsOfText(text) {
    if (this.#handle) return this.#ov._schemaValidate(this.#handle, text).errors;
    // disposed since validate(): compile the schema again, once, for these errors
    const again = this.#ov.compileJsonSchema(this.#source.text, this.#source.options);
    try {
      return again._validateNow(text).errors;
    } finally {
      again.dispose();
    }
  }

  /** Free the compiled schema's wasm memory. Safe to call twice. */
  dispose() {
    if (!this.#handle) return;
    this.#ov._schemaFree(this, this.#handle);
    this.#handle = 0;
  }
}

// `using doc = ov.load(...)` where the runtime has explicit resource management.
if (typeof Symbol.dispose === "symbol") {
  OasviewDocument.prototype[Symbol.dispose] = function () { this.dispose(); };
}

/**
 * @typedef {{ severity: "error"|"warning"|"info"|"hint", code: string, message: string, pointer: string,
 *   line?: number, column?: number, endLine?: number, endColumn?: number, offset?: number, endOffset?: number,
 *   schemaPointer?: string }} Diagnostic
 */
