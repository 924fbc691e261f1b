// load.mjs - loading (parse + tree + spans, no validation) in wasm under Node,
// against JSON.parse for JSON and the npm `yaml` and `js-yaml` packages for YAML,
// on the largest corpus documents and on synthetic merges of 1 to 50 MB.
// Targets (issue 2): JSON >= 100 MB/s, YAML >= 30 MB/s, peak wasm memory <= 6x the input.
import { join } from "node:path";
import { corpusDir, fmt, isMain, mbps, race, readText, root, save, table, distDir } from "./lib.mjs";
import { synthesize, toYaml } from "./synth.mjs";
import { lineChart } from "./chart.mjs";

const MB = 1024 * 1024;

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
  ].map((d) => ({ ...d, text: readText(join(corpus, d.path)) }));
  const sizes = quick ? [1, 5] : [1, 5, 10, 20, 50];
  for (const size of sizes) {
    const json = JSON.stringify.bind(null);
    docs.push({ name: `synthetic ${size} MB`, format: "json", size, path: "synthetic.json",
      text: JSON.stringify(await synthesize(size * MB, corpus, (d) => json(d, null, 1).length), null, 1) });
    if (size <= 20) {
      docs.push({ name: `synthetic ${size} MB`, format: "yaml", size, path: "synthetic.yaml",
        text: toYaml(await synthesize(size * MB, corpus, (d) => toYaml(d).length)) });
    }
  }

  const ov = await createOasview();
  const rows = [], results = [];
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
    results.push({ doc: d.name, format: d.format, size: d.size, bytes, timings: r, peakWasmBytes: peak, loadErrors });
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
  const charts = {
    "load-scaling.svg": lineChart({ title: "Loading time vs document size (Node, median)", xLabel: "document size (MB)", yLabel: "milliseconds",
      logX: true, series: [...scaling("json", ["oasview", "JSON.parse"]), ...scaling("yaml", ["oasview", "js-yaml", "yaml"])] }),
  };
  const markdown = [
    "Loading = parse + document tree + source spans, without validation (`validate: false`), from a JS string, in wasm under Node; the anchors parse the same string. Ratios: the anchor's median time divided by ours (above 1: we are faster).",
    "", table(["document", "oasview", "anchors", "peak wasm heap (× input)", "oasview median [min–max]"], rows),
    "", "![Loading time vs document size](charts/load-scaling.svg)",
  ].join("\n");
  save("load", results);
  return { name: "Loading JSON and YAML", markdown, results, targets, charts };
}

if (isMain(import.meta.url)) {
  const out = await run({ quick: process.argv.includes("--quick") });
  console.log(out.markdown);
  console.log(out.targets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`).join("\n"));
}
