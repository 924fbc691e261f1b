// worker.mjs - the validation service as a workerd / Cloudflare Worker.
// workerd compiles the .wasm when it loads the worker (a module import), so
// createOasview() only instantiates it. Run: npx workerd serve config.capnp
import wasm from "./oasview.wasm";
import { createValidator } from "./app.mjs";

export default createValidator({ wasm });
