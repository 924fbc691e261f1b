// load.mjs - loading (parse + tree + spans) in wasm under Node, against
// JSON.parse for JSON and the npm `yaml` and `js-yaml` packages for YAML.
// Targets (issue 2): JSON >= 100 MB/s, YAML >= 30 MB/s, peak wasm memory <= 6x the input.
import { join } from "node:path";
import { writeFileSync, mkdirSync } from "node:fs";
import { corpusDir, fmt, mbps, outDir, race, readText, root, save, table } from "./lib.mjs";
import { synthesize, toYaml } from "./synth.mjs";

const { createOasview } = await import(join(root, "dist/oasview.mjs"));
const YAML = (await import("yaml")).default;
const jsyaml = (await import("js-yaml")).default;

const corpus = corpusDir();
const docs = [
  { name: "discord (JSON, 1.2 MB)", path: "real-world/discord--openapi.json" },
  { name: "twilio (JSON, 1.9 MB)", path: "real-world/twilio--twilio_api_v2010.json" },
  { name: "museum (YAML, 29 KB)", path: "real-world/redocly-museum--openapi.yaml" },
  { name: "clerk (YAML, 0.9 MB)", path: "real-world/clerk--bapi-2026-05-12.yml" },
].map((d) => ({ ...d, text: readText(join(corpus, d.path)) }));

mkdirSync(outDir, { recursive: true });
const merged = await synthesize(20 * 1024 * 1024, corpus, (d) => JSON.stringify(d, null, 1).length);
docs.push({ name: "synthetic merge (JSON, 20 MB)", path: "synthetic", text: JSON.stringify(merged, null, 1) });
const mergedYaml = await synthesize(20 * 1024 * 1024, corpus, (d) => toYaml(d).length);
docs.push({ name: "synthetic merge (YAML, 20 MB)", path: "synthetic.yaml", text: toYaml(mergedYaml) });

const ov = await createOasview();
const rows = [], results = [];
for (const d of docs) {
  const bytes = Buffer.byteLength(d.text);
  const yaml = d.path.endsWith(".yaml") || d.path.endsWith(".yml");
  const contenders = { oasview: () => ov.load(d.text, { filename: d.path }).dispose() };
  if (yaml) {
    contenders.yaml = () => YAML.parse(d.text, { maxAliasCount: -1 });
    contenders["js-yaml"] = () => jsyaml.load(d.text);
  } else {
    contenders["JSON.parse"] = () => JSON.parse(d.text);
  }
  const big = bytes > 5e6;
  const r = race(contenders, big ? { minReps: 3, minMs: 2000, maxReps: 10 } : { minReps: 10, minMs: 1500 });
  // Peak wasm memory: a fresh instance, the heap's high-water mark before and after one load.
  const fresh = await createOasview();
  const base = fresh.heapPeak;
  fresh.load(d.text, { filename: d.path }).dispose();
  const peak = fresh.heapPeak - base;
  const ours = r.oasview.median;
  const others = Object.entries(r).filter(([k]) => k !== "oasview");
  results.push({ doc: d.name, bytes, timings: r, peakWasmBytes: peak, peakRatio: peak / bytes });
  rows.push([d.name, `${fmt(mbps(bytes, ours))} MB/s`,
    others.map(([k, v]) => `${k} ${fmt(mbps(bytes, v.median))} MB/s (${fmt(v.median / ours, 2)}× our time)`).join("; "),
    `${fmt(peak / 1e6)} MB (${fmt(peak / bytes, 2)}×)`, `${fmt(ours, 2)} ms [${fmt(r.oasview.min, 2)}–${fmt(r.oasview.max, 2)}], n=${r.oasview.reps}`]);
  console.error(`load: ${d.name} done`);
}
const report = table(["document", "oasview load (wasm, Node)", "anchors (median; ratio = their time / ours)", "peak wasm memory (× input)", "oasview median [min–max]"], rows);
console.log(report);
save("load", results);
writeFileSync(join(outDir, "load.md"), report + "\n");
