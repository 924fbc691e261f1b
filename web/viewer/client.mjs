// client.mjs - the page's side of the worker protocol (see worker.mjs):
// request(type, args, onProgress) returns a promise for the reply with that id.
export class WorkerClient {
  #worker;
  #next = 1;
  #pending = new Map();

  /** `worker`: the URL of worker.mjs, or a Worker already started on it (by a page that could not wait for this module). */
  constructor(worker) {
    this.#worker = worker instanceof Worker ? worker : new Worker(worker, { type: "module", name: "oasview" });
    this.#worker.addEventListener("message", (event) => {
      const { id, ok, result, error, progress } = event.data ?? {};
      const p = this.#pending.get(id);
      if (!p) return;
      if (progress) { p.onProgress?.(progress); return; }
      this.#pending.delete(id);
      if (ok) p.resolve(result);
      else p.reject(new Error(error));
    });
    this.#worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.#failAll(new Error(`the oasview worker failed: ${event.message || "it could not start"}`));
    });
    this.#worker.addEventListener("messageerror", () => this.#failAll(new Error("the oasview worker sent an unreadable message")));
  }

  #failAll(error) {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  request(type, args = {}, onProgress, transfer = []) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, type, ...args }, transfer);
    });
  }

  terminate() {
    this.#worker.terminate();
    this.#failAll(new Error("the viewer was closed"));
  }
}
