// Type declarations for oasview/viewer (dist/viewer/element.mjs): the
// <oasview-docs> custom element. Importing the module defines the element.

/** Detail of the "oasview-load" event. */
export interface OasviewLoadDetail {
  title: string | null;
  version: string | null;
  valid: boolean;
  counts: { operations: number; webhooks: number; schemas: number; tags: number; callbacks: number } | null;
}

/**
 * `<oasview-docs spec-url="openapi.yaml">`: API docs with webhooks beside path operations.
 * Attributes: spec-url, theme ("light" | "dark" | "auto"), wasm-url, routing ("hash" | "none").
 * Events: "oasview-load" (OasviewLoadDetail), "oasview-error" ({ message }).
 */
export class OasviewDocs extends HTMLElement {
  /** The document: its text, or a parsed object. */
  spec: string | object | null;
  /** The spec-url attribute. */
  specUrl: string | null;
  /**
   * A Worker the page started on worker.mjs before element.mjs had arrived (`new Worker(url, { type: "module" })`):
   * the element uses it instead of starting its own. Set it before the element is connected (ignored after).
   */
  set worker(worker: Worker);
  /** Show an item by its model id ("operations/addPet", "webhooks/newPet/post", "schemas/Pet"). */
  navigate(id: string): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "oasview-docs": OasviewDocs;
  }
  interface HTMLElementEventMap {
    "oasview-load": CustomEvent<OasviewLoadDetail>;
    "oasview-error": CustomEvent<{ message: string }>;
  }
}
