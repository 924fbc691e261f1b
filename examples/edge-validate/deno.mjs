// deno.mjs - the same service in Deno: deno serve --allow-read deno.mjs
// (deno.json maps "oasview" to the package; createOasview() finds the .wasm
// next to it).
import { createValidator } from "./app.mjs";

export default createValidator();
