// bigdocs.mjs - the documents the model and viewer benchmarks share: the largest
// corpus documents and synthetic merges (bench/synth.mjs) of a chosen size,
// written once to bench/out/ so a browser can be served the same bytes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, outDir } from "./lib.mjs";
import { synthesize } from "./synth.mjs";

const serialize = (doc) => JSON.stringify(doc, null, 1); // as bench/load.mjs writes them

export const CORPUS_DOCS = [
  { name: "Discord", file: "real-world/discord--openapi.json" },
  { name: "Twilio", file: "real-world/twilio--twilio_api_v2010.json" },
];

/**
 * A synthetic merge as close to `bytes` as whole copies of the source documents allow
 * (synth.mjs adds one corpus document per copy; Discord alone is ~1.4 MB).
 * @returns {{ name, path, bytes }} the file is bench/out/synthetic-<MB>mb.json
 */
export async function syntheticNear(bytes, label = `${(bytes / 1e6).toFixed(1)} MB`) {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `synthetic-${label.replace(/[^\w.]+/g, "")}.json`);
  if (!existsSync(path)) {
    const corpus = corpusDir();
    // One pass to learn each copy's size, then the number of copies whose total is nearest.
    const sizes = [];
    await synthesize(bytes * 1.5, corpus, (d) => { const n = serialize(d).length; sizes.push(n); return n; });
    let total = 0, best = { diff: Infinity, upto: 0 };
    for (const n of sizes) {
      total += n;
      if (Math.abs(total - bytes) < best.diff) best = { diff: Math.abs(total - bytes), upto: total };
    }
    const doc = await synthesize(best.upto, corpus, (d) => serialize(d).length);
    doc.info.title = `Synthetic ${label} merge of corpus documents`;
    writeFileSync(path, serialize(doc));
  }
  return { name: `synthetic ${label}`, path, bytes: readFileSync(path).length };
}

export function corpusDocs() {
  const corpus = corpusDir();
  return CORPUS_DOCS.map((d) => { const path = join(corpus, d.file); return { name: d.name, path, bytes: readFileSync(path).length }; });
}
