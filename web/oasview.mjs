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

/** @param {unknown} x */
const isResponse = (x) => typeof Response !== "undefined" && x instanceof Response;

async function readUrl(url) {
  if (url.protocol === "file:") {
    // Node's fetch() cannot read file: URLs; Deno's can, but fs works in both.
    const fs = await import("node:fs/promises");
    return fs.readFile(url);
  }
  const response = await fetch(url);
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
 * @param {{ wasm?: WebAssembly.Module | BufferSource | URL | string | Response }} [options]
 * @returns {Promise<Oasview>}
 */
export async function createOasview(options = {}) {
  let source = options.wasm;
  if (source === undefined) source = new URL("./oasview.wasm", import.meta.url);
  if (typeof source === "string") source = new URL(source, import.meta.url);
  if (source instanceof URL) source = await readUrl(source);
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  const instance = await instantiate(source, imports);
  instance.exports._initialize?.();
  return new Oasview(instance.exports);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class Oasview {
  #x;
  #registry;

  constructor(exports) {
    this.#x = exports;
    // A backstop for documents that are never disposed: freed when collected.
    this.#registry = typeof FinalizationRegistry === "function"
      ? new FinalizationRegistry((handle) => exports.oasv_wasm_doc_free(handle))
      : null;
  }

  /** Bytes of wasm memory in use now (grows, never shrinks). */
  get memoryBytes() { return this.#x.memory.buffer.byteLength; }

  /** Copy a string or bytes into wasm memory; returns [pointer, length]. */
  #copyIn(input) {
    const x = this.#x;
    if (typeof input === "string") {
      // encodeInto writes straight into wasm memory: no intermediate copy.
      const capacity = input.length * 3 + 1;
      const ptr = x.oasv_wasm_malloc(capacity);
      if (!ptr) throw new RangeError("oasview: out of memory");
      const { written } = encoder.encodeInto(input, new Uint8Array(x.memory.buffer, ptr, capacity));
      return [ptr, written];
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
   *           limits?: { maxInputBytes?: number, maxDepth?: number, maxAliasNodes?: number } }} [options]
   */
  load(text, options = {}) {
    if (typeof text !== "string" && !(text instanceof Uint8Array) && !(text instanceof ArrayBuffer) && !ArrayBuffer.isView(text)) {
      throw new TypeError("oasview: load() takes a string or bytes");
    }
    const x = this.#x;
    const limits = options.limits ?? {};
    const format = FORMATS[options.format ?? "auto"];
    if (format === undefined) throw new TypeError(`oasview: unknown format ${options.format}`);
    // Refuse oversized input before copying it (the C side checks again).
    const maxInput = limits.maxInputBytes ?? 64 * 1024 * 1024;
    let ptr = 0, len = 0, name = 0, handle = 0;
    try {
      const bytes = typeof text === "string" ? text.length : text.byteLength;
      if (bytes > maxInput) {
        // Copy nothing: the C side refuses on the length alone, before reading any byte.
        [ptr, len] = this.#copyIn("");
        len = bytes;
      } else {
        [ptr, len] = this.#copyIn(text);
      }
      name = this.#cString(options.filename);
      handle = x.oasv_wasm_load(ptr, len, name, format, maxInput >>> 0, (limits.maxDepth ?? 0) >>> 0, (limits.maxAliasNodes ?? 0) >>> 0);
    } finally {
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

  /** Bytes of the wasm heap that malloc has handed out and not taken back (for leak checks). */
  get heapUsed() { return this.#x.oasv_wasm_heap_used(); }

  /** @internal */
  _json(handle) {
    const x = this.#x;
    const ptr = x.oasv_wasm_tree_json(handle);
    if (!ptr) return undefined;
    return JSON.parse(this.readString(ptr, x.oasv_wasm_tree_json_len(handle)));
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

// `using doc = ov.load(...)` where the runtime has explicit resource management.
if (typeof Symbol.dispose === "symbol") {
  OasviewDocument.prototype[Symbol.dispose] = function () { this.dispose(); };
}

/**
 * @typedef {{ severity: "error"|"warning"|"info"|"hint", code: string, message: string, pointer: string,
 *   line?: number, column?: number, endLine?: number, endColumn?: number, offset?: number, endOffset?: number,
 *   schemaPointer?: string }} Diagnostic
 */
