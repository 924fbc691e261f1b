// oasview.node.mjs - the package's entry under the "node" export condition.
//
// The same API as oasview.mjs (everything is re-exported from it); only
// createOasview() differs: with no `wasm` option, or a file: URL or path,
// it reads the .wasm with node:fs, and it compiles the default module once
// per process, so a second createOasview() costs an instantiation only.
// Browsers, workers, Deno and workerd get oasview.mjs, which names no
// node: module, so bundlers never see one.
import { readFile } from "node:fs/promises";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { createOasview as createWith } from "./oasview.mjs";

export * from "./oasview.mjs";

let compiled = null;

function defaultModule() {
  compiled ??= readFile(new URL("./oasview.wasm", import.meta.url))
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((error) => { compiled = null; throw error; });
  return compiled;
}

/**
 * Instantiate oasview. In Node, `wasm` may also be a file path.
 * @param {import("./oasview.d.ts").CreateOptions} [options]
 */
export async function createOasview(options = {}) {
  let wasm = options.wasm;
  if (wasm === undefined) {
    wasm = await defaultModule();
  } else if (typeof wasm === "string" || wasm instanceof URL) {
    const url = wasm instanceof URL ? wasm
      : isAbsolute(wasm) ? pathToFileURL(wasm)
      : new URL(wasm, import.meta.url);
    if (url.protocol === "file:") wasm = await readFile(url);
    else wasm = url;
  }
  return createWith({ ...options, wasm });
}
