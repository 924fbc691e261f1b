// Type declarations for oasview's JavaScript API (dist/oasview.mjs).

import type { Entry, Navigation } from "./model.js";
export type * from "./model.js";

/** One finding about a document. Lines are 1-based; columns are 1-based UTF-16 code units. */
export interface Diagnostic {
  severity: "error" | "warning" | "info" | "hint";
  /** Stable kebab-case rule id, e.g. "duplicate-key". */
  code: string;
  message: string;
  /**
   * The document the pointer and position are in, when it is not the loaded one: the URI of another
   * document read through `resolve` (as it was asked for), whose objects are validated like inline ones.
   */
  uri?: string;
  /** RFC 6901 JSON pointer into the document ("" = the root). */
  pointer: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Byte offsets into the UTF-8 text. */
  offset?: number;
  endOffset?: number;
  /** For JSON Schema results: the keywordLocation. */
  schemaPointer?: string;
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

export interface Limits {
  /** Largest input in bytes (default 64 MiB). */
  maxInputBytes?: number;
  /** Deepest nesting (default 512, at most 2048). */
  maxDepth?: number;
  /** Nodes YAML aliases may copy (default 1,000,000). */
  maxAliasNodes?: number;
  /** Longest chain of `$ref`s followed (default 64, at most 4096). */
  maxRefHops?: number;
  /** Most diagnostics kept (default 10,000); the rest are counted in one `too-many-diagnostics`. */
  maxDiagnostics?: number;
}

export type RuleSetting = "error" | "warning" | "info" | "hint" | "off";
export type LintFormat = "text" | "json" | "sarif" | "github";

export interface LoadOptions {
  /** Used in messages, and `.yaml`/`.yml` selects YAML. */
  filename?: string;
  format?: "auto" | "json" | "yaml";
  limits?: Limits;
  /** Severities per rule id: the text of an oasview.json, `{ rules: {...} }`, or the map itself. Unknown ids throw. */
  rules?: string | Record<string, RuleSetting> | { rules: Record<string, RuleSetting> };
  /** false: only load (no OpenAPI validation). Default true. */
  validate?: boolean;
  /**
   * The text of another document an external `$ref` names, by its URI (resolved against `filename`, the
   * URI of the document holding the `$ref`, or an enclosing `$id`; no fragment). Return `undefined` when
   * the host does not serve that URI (a `ref-external` warning naming it), or throw: a
   * `ref-external-unreadable` error naming it, with the error's message as the reason. Each URI is
   * asked for once per load; at most 64 documents, their texts together at most `limits.maxInputBytes`.
   * Without it, nothing is read: every external `$ref` is a `ref-external` warning.
   * load() takes a synchronous resolver only; loadAsync() takes either.
   */
  resolve?: Resolver;
}

/** What a resolver gives: the document's text (JSON or YAML), or undefined/null when it has none. */
export type ResolvedDocument = string | Uint8Array | ArrayBuffer | ArrayBufferView | null | undefined;
export type Resolver = (uri: string) => ResolvedDocument | PromiseLike<ResolvedDocument>;

/** LoadOptions for load(): a resolver that returns a Promise throws a TypeError there (use loadAsync). */
export interface SyncLoadOptions extends LoadOptions {
  resolve?: (uri: string) => ResolvedDocument;
}

export interface OasviewDocument {
  /** The `openapi` (or `swagger`) version, or null. */
  readonly version: string | null;
  /** `info.title`, or null. */
  readonly title: string | null;
  readonly format: "json" | "yaml";
  /** True when no diagnostic is an error. */
  readonly valid: boolean;
  readonly diagnostics: Diagnostic[];
  /** The document as a plain JSON value (YAML read by the 1.2 core schema); undefined when it could not be read. */
  json(): unknown;
  /** Where the node at a JSON pointer was written, or null when there is none. */
  locate(pointer: string, options?: { key?: boolean }): Span | null;
  /** The diagnostics as `oasview lint` prints them. */
  formatText(filename?: string): string;
  /** This document's part of `oasview lint --format` output; counts of documents and diagnostics printed before it. */
  formatLint(format?: LintFormat, options?: { filename?: string; filesBefore?: number; resultsBefore?: number }): string;
  /** The navigation model: info, servers, tag groups (operations and webhooks side by side), webhooks, schemas, counts, search. */
  navigation(): Navigation;
  /** One operation, webhook or schema by its navigation id, built on demand; null when no item has that id. */
  entry(id: string): Entry | null;
  /**
   * navigation() as JSON text: the bytes `oasview model` prints. With `{ search: false }`, without its
   * `search` member (about 40% of the text); with `{ pointers: false }`, without its items' `pointer`s
   * (about 25% of the rest). What a page draws its first view from.
   */
  navigationJson(options?: { search?: boolean; pointers?: boolean }): string;
  /** The navigation's `search` member alone (a JSON array of SearchEntry), built on its first call. */
  searchJson(): string;
  /** entry(id) as JSON text, or null when no item has that id. */
  entryJson(id: string): string | null;
  /**
   * Check a payload (a JSON value, or JSON text as a string or bytes) against the schema the document
   * gives for the request body (a webhook's delivery) or a response of the operation or webhook `id`.
   * Errors carry instanceLocation (where in the payload) and keywordLocation (where in the schema).
   * The schema is compiled once and kept with the document. Throws RangeError for an unknown id.
   * A payload that cannot be checked is invalid with one error saying why: code "no-request-body",
   * "no-response", "media-type-not-documented", or the JSON reader's code ("invalid-json", "nesting-too-deep"...).
   */
  validatePayload(id: string, value: unknown, options?: PayloadOptions): JsonSchemaResult;
  /** Free the document's wasm memory. Safe to call twice. */
  dispose(): void;
}

/** One error of a JSON Schema validation, in the terms of the JSON Schema output format. */
export interface JsonSchemaOutputError {
  /** RFC 6901 pointer into the instance ("" = the whole instance). */
  instanceLocation: string;
  /** Path through the schema, across $ref ("/properties/a/$ref/type"). */
  keywordLocation: string;
  /** "uri#/pointer" of the keyword; absent when the schema has no base URI. */
  absoluteKeywordLocation?: string;
  /** The failing keyword ("minimum") or a stable id ("max-steps-exceeded", "unresolved-ref", "invalid-pattern"). */
  code: string;
  message: string;
}

export interface PayloadOptions {
  /** "request" (default): the request body, which for a webhook is the delivery your server receives; "response": a response body. */
  part?: "request" | "response";
  /** Picks the media type (parameters ignored; then "type/*", then "*\/*"). Default: application/json, else the only JSON media type. */
  contentType?: string;
  /** The response status (part "response"): "200" by default; falls back to its range ("2XX"), then "default". */
  status?: string | number;
}

export interface JsonSchemaResult {
  valid: boolean;
  errors: JsonSchemaOutputError[];
}

/**
 * A node of JSON Schema's "detailed" output format (2020-12 §12.4.3): the root, a frame of the schema
 * (a subschema applied at an instance location) with `errors`, or a failed keyword with `error`.
 * Frames with a single child are replaced by it; the leaves are the errors of the basic format.
 */
export interface JsonSchemaDetailedNode {
  valid: boolean;
  keywordLocation: string;
  /** Absent when the schema has no base URI. */
  absoluteKeywordLocation?: string;
  instanceLocation: string;
  /** Children (frames or failed keywords); absent on a leaf and on a valid root. */
  errors?: JsonSchemaDetailedNode[];
  /** On a leaf: the failing keyword or a stable id, as JsonSchemaOutputError.code. */
  code?: string;
  /** On a leaf: the message. */
  error?: string;
}

export interface JsonSchemaOptions {
  /** Schemas that $ref may name, by absolute URI (JS values or JSON/YAML text). Nothing is fetched. */
  resources?: Record<string, unknown>;
  /** Make `format` an assertion (default: annotation only). */
  formatAssertion?: boolean;
  /** Deepest evaluation (default 512, at most 2048). */
  maxDepth?: number;
  /** Evaluation steps per validation (default 50,000,000). */
  maxSteps?: number;
}

/** A compiled JSON Schema (draft 2020-12). */
export interface JsonSchema {
  /**
   * Validate a JS value, or JSON/YAML text (a string is read as text: pass JSON.stringify(s) for a string value).
   * The verdict comes from a walk that stops at the first failure; an invalid result's `errors` are computed
   * when first read (an accessor that caches them; it works after dispose() too, at the cost of a compile).
   */
  validate(instance: unknown, options?: { output?: "basic" }): JsonSchemaResult;
  validate(instance: unknown, options: { output: "detailed" }): JsonSchemaDetailedNode;
  /**
   * Only the verdict of validate(instance): no result object, so the cheapest call (JSON text of
   * up to 32 ASCII characters is copied into wasm memory without TextEncoder).
   */
  isValid(instance: unknown): boolean;
  /** Free the compiled schema's wasm memory. Safe to call twice. */
  dispose(): void;
}

/** Thrown when a schema cannot be used (not a schema, an invalid pattern, an unresolvable $ref...). */
export class JsonSchemaError extends Error {
  constructor(errors: JsonSchemaOutputError[]);
  errors: JsonSchemaOutputError[];
}

export interface Oasview {
  /** Load, validate and report; synchronous. External `$ref`s are read only through `options.resolve`. */
  load(text: string | Uint8Array | ArrayBuffer, options?: SyncLoadOptions): OasviewDocument;
  /**
   * load() for a resolver that may be asynchronous (fetch, fs/promises): the documents are asked for
   * 8 at a time. Without `resolve`, the same as load(), in a Promise.
   */
  loadAsync(text: string | Uint8Array | ArrayBuffer, options?: LoadOptions): Promise<OasviewDocument>;
  /** Compile a JSON Schema once to validate many instances; throws JsonSchemaError when the schema is wrong. */
  compileJsonSchema(schema: unknown, options?: JsonSchemaOptions): JsonSchema;
  /** Compile, validate, dispose. Throws JsonSchemaError when the schema is wrong. */
  validateJsonSchema(schema: unknown, instance: unknown, options?: JsonSchemaOptions & { output?: "basic" }): JsonSchemaResult;
  validateJsonSchema(schema: unknown, instance: unknown, options: JsonSchemaOptions & { output: "detailed" }): JsonSchemaDetailedNode;
  /** What `oasview lint --format` prints before the first document. */
  lintBegin(format?: LintFormat): string;
  /** What `oasview lint --format` prints after the last document (text: the summary line). */
  lintEnd(format?: LintFormat, totals?: { errors?: number; warnings?: number; files?: number }): string;
  /**
   * Cap the wasm heap at `bytes` (rounded up to 4 KiB; 0 removes the cap). Work that would grow the heap
   * past it throws RangeError("oasview: out of memory…") and leaks nothing, so the next call works.
   * Returns the cap in effect (0: none).
   */
  setMemoryLimit(bytes: number): number;
  /** Bytes of the wasm heap in use (leak checks). */
  readonly heapUsed: number;
  /** The most bytes the wasm heap has ever held since instantiation (peak memory). */
  readonly heapPeak: number;
  /** Bytes of wasm memory reserved now. */
  readonly memoryBytes: number;
}

export interface CreateOptions {
  /**
   * A compiled module (workerd, bundlers), bytes, a URL, or a fetch Response. Default: oasview.wasm next to
   * the module (in Node, read with node:fs; in browsers and Deno, fetched). In workerd pass the module:
   * `import wasm from "oasview/wasm"`. In Node a string may also be a file path.
   */
  wasm?: WebAssembly.Module | BufferSource | URL | string | Response;
  /** Cap the wasm heap at this many bytes (see Oasview.setMemoryLimit); default: no cap (up to 2 GiB). */
  maxMemoryBytes?: number;
}

export function createOasview(options?: CreateOptions): Promise<Oasview>;
