// model.mjs - the render model in wasm under Node (issue 5): the navigation of a
// loaded document, every entry one by one, and the memory the navigation takes,
// against the time to load the same document.
//
// Documents: a synthetic 3.4 MB merge (bench/synth.mjs; the corpus has no 3.4 MB
// 3.1 document), Discord (1.2 MB) and Twilio (1.9 MB).
// Targets: navigation ≤ 20 ms after loading a 3.4 MB document; any single entry
// ≤ 5 ms; all entries of the document ≤ 300 ms; memory for the navigation ≤ 1×
// the input.
//
// How:
// - load: ov.load(text, { validate: false }) then dispose (what the viewer does above 2 MB), median.
// - navigation: the first doc.navigation() on a freshly loaded document (the model
//   caches it, so every repetition loads anew and times only the call); also
//   doc.navigationJson() (the wasm work and the UTF-8 decoding, without JSON.parse).
// - entries: doc.entry(id) (JSON text built in wasm, then JSON.parse: what the viewer's
//   worker posts) for every operation, webhook and schema id of the navigation; each
//   entry timed `reps` times, its fastest kept (the machine is shared: one slow
//   repetition is the machine, not the entry). "All entries" is the sum of those.
// - memory: in a fresh instance, after loading: heapUsed and heapPeak (dlmalloc's
//   footprint) before and after the first navigation call. Reported: the footprint's
//   growth (new memory taken from wasm) and what stays allocated (the index and the
//   navigation's JSON, kept with the document). The target compares the larger of the
//   two with the input size.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fmt, isMain, median, root, save, table, distDir } from "./lib.mjs";
import { corpusDocs, syntheticNear } from "./bigdocs.mjs";
import { barChart } from "./chart.mjs";

function timeMedian(fn, reps) {
  const ts = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); fn(); ts.push(performance.now() - t0); }
  return { median: median(ts), min: Math.min(...ts), max: Math.max(...ts), reps };
}

export async function run({ quick = false } = {}) {
  const { createOasview } = await import(join(distDir, "oasview.mjs"));
  const docs = [await syntheticNear(3.4e6, "3.4 MB"), ...corpusDocs()].map((d) => ({ ...d, text: readFileSync(d.path, "utf8") }));
  const reps = quick ? 5 : 11, entryReps = quick ? 2 : 3;
  const ov = await createOasview();
  const results = [];
  for (const d of docs) {
    const opts = { filename: "openapi.json", validate: false };
    ov.load(d.text, opts).dispose(); // warm up
    const load = timeMedian(() => ov.load(d.text, opts).dispose(), reps);
    const navTimes = [], navJsonTimes = [];
    let nav = null;
    for (let i = 0; i < reps; i++) {
      for (const [times, call] of [[navTimes, "navigation"], [navJsonTimes, "navigationJson"]]) {
        const doc = ov.load(d.text, opts);
        const t0 = performance.now();
        const out = doc[call]();
        times.push(performance.now() - t0);
        if (call === "navigation") nav = out;
        doc.dispose();
      }
    }
    // Memory: a fresh instance, so that the heap holds only this document.
    const fresh = await createOasview();
    const mdoc = fresh.load(d.text, opts);
    const used0 = fresh.heapUsed, peak0 = fresh.heapPeak;
    const navBytes = mdoc.navigationJson().length;
    const grown = fresh.heapPeak - peak0, kept = fresh.heapUsed - used0;
    mdoc.dispose();
    // Entries.
    const ids = [...new Set([...nav.groups.flatMap((g) => g.items.map((i) => i.id)), ...nav.webhooks.map((i) => i.id), ...nav.schemas.map((s) => s.id)])];
    const doc = ov.load(d.text, opts);
    doc.navigationJson();
    const best = new Map(ids.map((id) => [id, Infinity]));
    let outBytes = 0;
    const wall0 = performance.now();
    for (let r = 0; r < entryReps; r++) {
      for (const id of ids) {
        const t0 = performance.now();
        const e = doc.entry(id);
        const dt = performance.now() - t0;
        if (dt < best.get(id)) best.set(id, dt);
        if (r === 0) outBytes += JSON.stringify(e).length;
      }
    }
    const wallPerPass = (performance.now() - wall0) / entryReps;
    doc.dispose();
    const per = [...best.entries()].sort((a, b) => b[1] - a[1]);
    const all = per.reduce((s, [, t]) => s + t, 0);
    results.push({
      doc: d.name, bytes: d.bytes, load, navigation: { median: median(navTimes), min: Math.min(...navTimes), max: Math.max(...navTimes) },
      navigationJson: { median: median(navJsonTimes) }, navJsonBytes: navBytes, heapGrowth: grown, heapKept: kept,
      counts: nav.counts, entries: { count: ids.length, all, wallPerPass, max: per[0][1], maxId: per[0][0], median: median(per.map((p) => p[1])), outBytes, slowest: per.slice(0, 5) },
    });
    process.stderr.write(`model: ${d.name} done\n`);
  }

  const big = results[0];
  const memRatio = (r) => Math.max(r.heapGrowth, r.heapKept) / r.bytes;
  const worstMem = Math.max(...results.map(memRatio));
  const maxEntry = results.reduce((a, r) => (r.entries.max > a.entries.max ? r : a));
  const targets = [
    { issue: 5, target: `navigation of a 3.4 MB document ≤ 20 ms after loading (${big.doc}, doc.navigation())`, measured: `${fmt(big.navigation.median)} ms (load ${fmt(big.load.median)} ms)`, met: big.navigation.median <= 20 },
    { issue: 5, target: "any single entry ≤ 5 ms (doc.entry(id), fastest of repeats)", measured: `${fmt(maxEntry.entries.max, 2)} ms (${maxEntry.entries.maxId}, ${maxEntry.doc})`, met: maxEntry.entries.max <= 5 },
    { issue: 5, target: `all entries of the 3.4 MB document ≤ 300 ms (${big.entries.count} entries)`, measured: `${fmt(big.entries.all, 0)} ms`, met: big.entries.all <= 300 },
    { issue: 5, target: "memory for the navigation ≤ 1× the input (wasm heap)", measured: `${fmt(worstMem, 2)}× (largest of footprint growth and kept; ${results.map((r) => `${r.doc} ${fmt(memRatio(r), 2)}×`).join(", ")})`, met: worstMem <= 1 },
  ];
  const rows = results.map((r) => [
    `${r.doc} (${fmt(r.bytes / 1e6, 2)} MB; ${r.counts.operations} operations, ${r.counts.webhooks} webhooks, ${r.counts.schemas} schemas)`,
    `${fmt(r.load.median)} ms`,
    `**${fmt(r.navigation.median)} ms** [${fmt(r.navigation.min)}–${fmt(r.navigation.max)}] (${fmt(r.navigation.median / r.load.median * 100, 0)}% of load); JSON text only ${fmt(r.navigationJson.median)} ms, ${fmt(r.navJsonBytes / 1e6, 2)} MB`,
    `+${fmt(r.heapGrowth / 1e6, 2)} MB footprint, ${fmt(r.heapKept / 1e6, 2)} MB kept (${fmt(memRatio(r), 2)}×)`,
    `${r.entries.count}: all ${fmt(r.entries.all, 0)} ms (one pass ${fmt(r.entries.wallPerPass, 0)} ms), median ${fmt(r.entries.median, 2)} ms, max ${fmt(r.entries.max, 2)} ms; ${fmt(r.entries.outBytes / 1e6, 1)} MB of entry JSON`,
  ]);
  const slow = results.flatMap((r) => r.entries.slowest.slice(0, 3).map(([id, t]) => [r.doc, `\`${id}\``, `${fmt(t, 2)} ms`]));
  const charts = {
    "model-navigation.svg": barChart({ title: "Navigation vs loading (wasm under Node, median ms)", unit: "ms",
      bars: results.flatMap((r) => [{ name: `${r.doc}: load`, value: r.load.median }, { name: `${r.doc}: navigation`, value: r.navigation.median, highlight: true }]) }),
  };
  const markdown = [
    "Wasm under Node, one instance. Load = `ov.load(text, { validate: false })`. Navigation = the first `doc.navigation()` of a freshly loaded document (index + JSON text in wasm + `JSON.parse`; later calls return the cached text). Entries: `doc.entry(id)` for every operation, webhook and schema, each the fastest of " + `${entryReps}` + " repeats. Memory: wasm heap footprint growth and bytes still allocated after the first navigation call, in a fresh instance. The machine is shared (2 cores, several jobs): expect noise of tens of percent.",
    "", table(["document", "load (median)", "navigation (median [min–max])", "navigation memory", "entries (count: sum of fastest, median, max)"], rows),
    "", "Slowest entries:", "", table(["document", "entry", "fastest of repeats"], slow),
    "", "![Navigation vs loading](charts/model-navigation.svg)",
  ].join("\n");
  save("model", results);
  return { name: "Render model: navigation and entries", markdown, results, targets, charts };
}

if (isMain(import.meta.url)) {
  const out = await run({ quick: process.argv.includes("--quick") });
  console.log(out.markdown);
  console.log(out.targets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`).join("\n"));
}
