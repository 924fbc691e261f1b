// load.mjs - loading (parse + tree + spans, no validation) in wasm under Node,
// against JSON.parse for JSON and the npm `yaml` and `js-yaml` packages for YAML,
// on the largest corpus documents and on synthetic merges of 1 to 50 MB; then the
// peak memory of each contender alone in a fresh process (bench/probe.mjs).
// Targets (issue 2): JSON >= 100 MB/s, YAML >= 30 MB/s, peak wasm memory <= 6x the input.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusDir, fmt, isMain, mbps, race, readText, save, table, distDir } from "./lib.mjs";
import { mergedDocument } from "./synth.mjs";
import { lineChart } from "./chart.mjs";
import { MEMORY_NOTE, memoryCell, probe, rssGrowth } from "./probe.mjs";

const MB = 1024 * 1024;

/** Small documents each contender loads once before it is measured (bench/probe.mjs). */
const WARM = { json: "fastapi/openapi_webhooks_tutorial001.json", yaml: "real-world/redocly-museum--openapi.yaml" };

/** One contender loading one file, for bench/probe.mjs (a fresh process per contender). */
export async function probeSetup(tool, { file, filename, format }) {
  const text = readText(file), small = readText(join(corpusDir(), WARM[format]));
  let load, wasm;
  if (tool === "oasview") {
    const { createOasview } = await import(join(distDir, "oasview.mjs"));
    const ov = await createOasview();
    load = (t) => ov.load(t, { filename, validate: false });
    wasm = () => ({ heapPeak: ov.heapPeak, heapUsed: ov.heapUsed, memoryBytes: ov.memoryBytes });
  } else if (tool === "JSON.parse") load = (t) => JSON.parse(t);
  else if (tool === "yaml") { const YAML = (await import("yaml")).default; load = (t) => YAML.parse(t, { maxAliasCount: -1 }); }
  else if (tool === "js-yaml") { const jsyaml = (await import("js-yaml")).default; load = (t) => jsyaml.load(t); }
  else throw new Error(`unknown tool ${tool}`);
  return { run: () => load(text), warm: () => { load(small)?.dispose?.(); }, wasm };
}

const self = fileURLToPath(import.meta.url);

export async function run({ quick = false } = {}) {
  const { createOasview } = await import(join(distDir, "oasview.mjs"));
  const YAML = (await import("yaml")).default;
  const jsyaml = (await import("js-yaml")).default;
  const corpus = corpusDir();

  const docs = [
    { name: "discord", format: "json", path: "real-world/discord--openapi.json" },
    { name: "twilio", format: "json", path: "real-world/twilio--twilio_api_v2010.json" },
    { name: "clerk", format: "yaml", path: "real-world/clerk--bapi-2026-05-12.yml" },
    { name: "museum", format: "yaml", path: "real-world/redocly-museum--openapi.yaml" },
  ].map((d) => ({ ...d, file: join(corpus, d.path), text: readText(join(corpus, d.path)) }));
  const sizes = quick ? [1, 5] : [1, 5, 10, 20, 50];
  for (const size of sizes) {
    docs.push({ name: `synthetic ${size} MB`, format: "json", size, path: "synthetic.json", ...await mergedDocument(size, "json") });
    if (size <= 20) docs.push({ name: `synthetic ${size} MB`, format: "yaml", size, path: "synthetic.yaml", ...await mergedDocument(size, "yaml") });
  }

  const ov = await createOasview();
  const rows = [], memoryRows = [], results = [];
  for (const d of docs) {
    const bytes = Buffer.byteLength(d.text);
    const yaml = d.format === "yaml";
    const contenders = { oasview: () => ov.load(d.text, { filename: d.path, validate: false }).dispose() };
    if (yaml) {
      // npm `yaml` runs at ~2 MB/s: only where it ends in reasonable time.
      if (bytes <= 6 * MB) contenders.yaml = () => YAML.parse(d.text, { maxAliasCount: -1 });
      contenders["js-yaml"] = () => jsyaml.load(d.text);
    } else {
      contenders["JSON.parse"] = () => JSON.parse(d.text);
    }
    const big = bytes > 5e6;
    const r = race(contenders, big ? { minReps: 3, minMs: 1500, maxReps: 7 } : { minReps: 10, minMs: 1000 });
    // Peak wasm memory: a fresh instance, the heap's high-water mark before and after one load.
    const fresh = await createOasview();
    const base = fresh.heapPeak;
    const doc = fresh.load(d.text, { filename: d.path, validate: false });
    const loadErrors = doc.diagnostics.filter((x) => x.severity === "error").length;
    doc.dispose();
    const peak = fresh.heapPeak - base;
    const ours = r.oasview.median;
    const others = Object.entries(r).filter(([k]) => k !== "oasview");
    // Peak memory of each contender alone, in a fresh process (bench/probe.mjs).
    const memory = {};
    for (const tool of Object.keys(contenders)) memory[tool] = await probe({ module: self, tool, args: { file: d.file, filename: d.path, format: d.format } });
    results.push({ doc: d.name, format: d.format, size: d.size, bytes, timings: r, peakWasmBytes: peak, loadErrors, memory });
    memoryRows.push([`${d.name} (${d.format.toUpperCase()}, ${fmt(bytes / 1e6, 2)} MB)`, memoryCell(memory.oasview),
      Object.keys(contenders).filter((k) => k !== "oasview").map((k) => `${k}: ${memoryCell(memory[k])}`).join("<br>")]);
    rows.push([`${d.name} (${d.format.toUpperCase()}, ${fmt(bytes / 1e6, 2)} MB)`, `**${fmt(mbps(bytes, ours))} MB/s**`,
      others.map(([k, v]) => `${k} ${fmt(mbps(bytes, v.median))} MB/s (ours ${fmt(v.median / ours, 2)}× faster)`).join("<br>"),
      `${fmt(peak / 1e6)} MB (${fmt(peak / bytes, 2)}×)`, `${fmt(ours, 2)} ms [${fmt(r.oasview.min, 2)}–${fmt(r.oasview.max, 2)}] n=${r.oasview.reps}`]);
    process.stderr.write(`load: ${d.name} ${d.format} done\n`);
  }

  const realOrLarge = results.filter((r) => !r.size || r.size >= 20);
  const json = realOrLarge.filter((r) => r.format === "json"), yaml = realOrLarge.filter((r) => r.format === "yaml" && r.bytes > 100_000);
  const minRate = (rs) => Math.min(...rs.map((r) => mbps(r.bytes, r.timings.oasview.median)));
  const maxPeak = Math.max(...realOrLarge.filter((r) => r.bytes > 1e6).map((r) => r.peakWasmBytes / r.bytes));
  const targets = [
    { issue: 2, target: "load JSON ≥ 100 MB/s in wasm (largest corpus documents, 20 and 50 MB merges)", measured: `${fmt(minRate(json))} MB/s (slowest)`, met: minRate(json) >= 100 },
    { issue: 2, target: "load YAML ≥ 30 MB/s in wasm (largest corpus YAML, 20 MB merge)", measured: `${fmt(minRate(yaml))} MB/s (slowest)`, met: minRate(yaml) >= 30 },
    { issue: 2, target: "peak wasm memory ≤ 6× the input (documents > 1 MB)", measured: `${fmt(maxPeak, 2)}× (largest)`, met: maxPeak <= 6 },
  ];
  const scaling = (format, tools) => tools.map((tool) => ({
    name: `${tool} (${format.toUpperCase()})`,
    points: results.filter((r) => r.size && r.format === format && r.timings[tool]).map((r) => [r.bytes / 1e6, r.timings[tool].median]),
  }));
  const memorySeries = (format, tools) => tools.map((tool) => ({
    name: `${tool} (${format.toUpperCase()})`,
    points: results.filter((r) => r.size && r.format === format && rssGrowth(r.memory[tool]) !== undefined).map((r) => [r.bytes / 1e6, rssGrowth(r.memory[tool]) / 1e6]),
  }));
  const charts = {
    "load-scaling.svg": lineChart({ title: "Loading time vs document size (Node, median)", xLabel: "document size (MB)", yLabel: "milliseconds",
      logX: true, series: [...scaling("json", ["oasview", "JSON.parse"]), ...scaling("yaml", ["oasview", "js-yaml", "yaml"])] }),
    "load-memory.svg": lineChart({ title: "Loading: peak memory vs document size (RSS growth)", xLabel: "document size (MB)", yLabel: "MB",
      logX: true, series: [...memorySeries("json", ["oasview", "JSON.parse"]), ...memorySeries("yaml", ["oasview", "js-yaml", "yaml"])] }),
  };
  const markdown = [
    "Loading = parse + document tree + source spans, without validation (`validate: false`), from a JS string, in wasm under Node; the anchors parse the same string. Ratios: the anchor's median time divided by ours (above 1: we are faster).",
    "", table(["document", "oasview", "anchors", "peak wasm heap (× input)", "oasview median [min–max]"], rows),
    "", "![Loading time vs document size](charts/load-scaling.svg)",
    "", MEMORY_NOTE, "", table(["document", "oasview", "anchors"], memoryRows),
    "", "![Loading: peak memory vs document size](charts/load-memory.svg)",
  ].join("\n");
  save("load", results);
  return { name: "Loading JSON and YAML", markdown, results, targets, charts };
}

if (isMain(import.meta.url)) {
  const out = await run({ quick: process.argv.includes("--quick") });
  console.log(out.markdown);
  console.log(out.targets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`).join("\n"));
}
