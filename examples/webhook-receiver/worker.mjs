// worker.mjs - the receiver as a workerd / Cloudflare Worker. The spec is a
// text module bundled with the worker (see config.capnp), the wasm a
// WebAssembly.Module that workerd compiles when it loads the worker.
import wasm from "./oasview.wasm";
import spec from "./openapi.json";
import { createReceiver } from "./app.mjs";

export default createReceiver({ spec, filename: "openapi.json", wasm });
