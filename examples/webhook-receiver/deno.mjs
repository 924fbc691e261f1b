// deno.mjs - the same receiver in Deno:  deno serve --allow-read deno.mjs
// With --allow-env, the environment variable SPEC names another spec file.
import { createReceiver } from "./app.mjs";

let path;
try { path = Deno.env.get("SPEC"); } catch { /* no --allow-env: the bundled spec */ }
path ??= new URL("./openapi.json", import.meta.url);
const spec = await Deno.readTextFile(path);

export default createReceiver({ spec, filename: String(path).split("/").pop() });
