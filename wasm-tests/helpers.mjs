// helpers.mjs - shared by the wasm tests: the built package and the corpus.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The built package: dist/, or OASVIEW_DIST (a scratch build). */
export const dist = process.env.OASVIEW_DIST ? resolve(process.env.OASVIEW_DIST) : join(root, "dist");

/** The corpus folder (OASVIEW_CORPUS or ../shared/corpus); throws a clear error when missing. */
export function corpusDir() {
  const dir = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
  if (!existsSync(join(dir, "README.md"))) {
    throw new Error(`the shared corpus is missing at ${dir}: set OASVIEW_CORPUS to the folder of shared/corpus`);
  }
  return dir;
}

/** Every file under `dir` (recursive) whose name matches `pattern`. */
export function walk(dir, pattern = /\.(json|ya?ml)$/) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

export const read = (path) => readFileSync(path);

let shared;
/** One instance for the whole test file. */
export async function oasview() {
  if (!shared) {
    const { createOasview } = await import(join(dist, "oasview.mjs"));
    shared = await createOasview();
  }
  return shared;
}
