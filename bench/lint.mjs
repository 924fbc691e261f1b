// lint.mjs - full lint (load + resolve + structure + rules + Schema Objects against
// their dialect + examples) in wasm under Node (issue 4), in process against
// @redocly/openapi-core (`recommended`, lintFromString) and
// @seriousme/openapi-schema-validator (schema-only, from text), on the largest
// corpus 3.1 documents and a synthetic 20 MB merge; then whole processes: the
// native CLI (build/release/oasview) against `redocly lint`; each in-process contender's
// peak memory alone in a fresh process (bench/probe.mjs); and the 1-50 MB merges with
// every contender, capped (bench/lint-scaling.mjs).
// Targets: >= 50 MB/s in wasm, >= 15x Redocly in process, >= 30x Redocly CLI.
//
//   node bench/lint.mjs           (standalone: prints the tables, writes bench/out/lint.{json,md})
//     --quick                     a 5 MB merge instead of 20 MB; scaling over 1 and 5 MB, 10 s cap
//     --no-scaling --no-memory    only the timing tables (about 2 minutes less)
//   OASVIEW_NATIVE=path           the native CLI to time (default build/release/oasview)
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchDir, corpusDir, fmt, mbps, median, outDir, raceAsync, readText, root, save, table, timeProcess, distDir } from "./lib.mjs";
import { mergedDocument } from "./synth.mjs";
import { MEMORY_NOTE, memoryCell, probe } from "./probe.mjs";
import { lintScaling } from "./lint-scaling.mjs";

const DOCS = [
  { name: "discord (JSON, 1.2 MB)", path: "real-world/discord--openapi.json" },
  { name: "resend (JSON)", path: "real-world/resend--resend.json" },
  { name: "fastapi router overrides (JSON)", path: "fastapi/include_router_defaults_overrides.json" },
  { name: "sendgrid webhooks (YAML)", path: "real-world/sendgrid--tsg_webhooks_v3.yaml" },
  { name: "adyen management webhooks (YAML)", path: "real-world/adyen--ManagementNotificationService-v3.yaml" },
];

/** The small document each in-process contender lints once before it is measured (bench/probe.mjs). */
const WARM = "real-world/adyen--ManagementNotificationService-v3.yaml";

/** The in-process contenders, each importing only its own package: { lint(text, filename) → result, wasm? }. */
async function linter(tool) {
  if (tool === "oasview") {
    const { createOasview } = await import(join(distDir, "oasview.mjs"));
    const ov = await createOasview();
    return { lint: (text, filename) => ov.load(text, { filename }), wasm: () => ({ heapPeak: ov.heapPeak, heapUsed: ov.heapUsed, memoryBytes: ov.memoryBytes }) };
  }
  if (tool === "redocly") {
    const { lintFromString, createConfig } = await import("@redocly/openapi-core");
    const config = await createConfig({ extends: ["recommended"] });
    return { lint: (text, filename) => lintFromString({ source: text, absoluteRef: join(tmpdir(), filename.replaceAll("/", "_")), config }) };
  }
  if (tool === "seriousme") {
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    return { lint: (text) => new Validator().validate(text) };
  }
  throw new Error(`unknown tool ${tool}`);
}

/** One contender linting one file, for bench/probe.mjs (a fresh process per contender). */
export async function probeSetup(tool, { file, filename, warmFile = join(corpusDir(), WARM) }) {
  const text = readText(file), small = readText(warmFile);
  const { lint, wasm } = await linter(tool);
  return { run: () => lint(text, filename), warm: async () => { (await lint(small, warmFile))?.dispose?.(); }, wasm };
}

const self = fileURLToPath(import.meta.url);

/**
 * @param {{ quick?: boolean, scaling?: boolean, memory?: boolean }} [opts]  scaling: the 1-50 MB
 *   merges (bench/lint-scaling.mjs); memory: each contender's peak memory in a fresh process.
 */
export async function run({ quick = false, scaling = true, memory = true } = {}) {
  const corpus = corpusDir();
  const { createOasview } = await import(join(distDir, "oasview.mjs"));
  const oasviewLint = await linter("oasview"), redoclyLint = await linter("redocly"), seriousme = await linter("seriousme");
  const ov = await createOasview();

  const docs = DOCS.map((d) => ({ ...d, file: join(corpus, d.path), text: readText(join(corpus, d.path)) }));
  const mergeMB = quick ? 5 : 20; // --quick: a smaller merge, for development
  docs.push({ name: `synthetic merge (JSON, ${mergeMB} MB)`, path: `synthetic-${mergeMB}mb.json`, text: (await mergedDocument(mergeMB, "json")).text, big: true });

  const rows = [], results = [];
  for (const d of docs) {
    const bytes = Buffer.byteLength(d.text);
    const contenders = {
      oasview: async () => oasviewLint.lint(d.text, d.path).dispose(),
      redocly: async () => redoclyLint.lint(d.text, d.path),
      seriousme: async () => seriousme.lint(d.text),
    };
    const r = await raceAsync(contenders, d.big ? { minReps: 2, minMs: 1, maxReps: 3 } : { minReps: 5, minMs: 1500, maxReps: 50 });
    // What each said, once (the counts differ by design: Redocly's `recommended` has style rules; @seriousme is schema-only).
    const doc = ov.load(d.text, { filename: d.path });
    const found = { errors: doc.diagnostics.filter((x) => x.severity === "error").length, warnings: doc.diagnostics.filter((x) => x.severity === "warning").length };
    doc.dispose();
    const theirs = (await contenders.redocly()).reduce((a, p) => { a[p.severity] = (a[p.severity] ?? 0) + 1; return a; }, {});
    const serious = await contenders.seriousme();
    // Peak wasm memory: a fresh instance, the heap's high-water mark before and after one lint.
    const fresh = await createOasview();
    const base = fresh.heapPeak;
    fresh.load(d.text, { filename: d.path }).dispose();
    const peak = fresh.heapPeak - base;
    const o = r.oasview.median;
    results.push({ doc: d.name, bytes, timings: r, peakWasmBytes: peak, findings: { oasview: found, redocly: theirs, seriousme: serious.valid } });
    rows.push([d.name, `${fmt(bytes / 1e6, 2)} MB`, `${fmt(mbps(bytes, o))} MB/s (${fmt(o, 1)} ms [${fmt(r.oasview.min, 1)}–${fmt(r.oasview.max, 1)}], n=${r.oasview.reps})`,
      `${fmt(r.redocly.median, 0)} ms (**${fmt(r.redocly.median / o, 1)}×**)`, `${fmt(r.seriousme.median, 0)} ms (${fmt(r.seriousme.median / o, 1)}×)`,
      `${fmt(peak / 1e6, 1)} MB (${fmt(peak / bytes, 2)}×)`,
      `ours ${found.errors} E / ${found.warnings} W; redocly ${theirs.error ?? 0} E / ${theirs.warn ?? 0} W; seriousme ${serious.valid ? "valid" : "invalid"}`]);
    console.error(`lint: ${d.name} done`);
  }
  let markdown = "Full lint in process (wasm under Node for oasview). Ratio = their median / ours. Timings alternate the contenders in one run; the machine is shared (2 cores), so expect noise.\n\n" +
    table(["document", "size", "oasview (wasm) lint", "Redocly `recommended` (ratio)", "@seriousme (ratio)", "oasview peak wasm heap (× input)", "findings"], rows);

  // Whole processes: native CLI vs `redocly lint`, one run each after a warm-up, alternating.
  const native = process.env.OASVIEW_NATIVE ?? join(root, "build/release/oasview");
  const redocly = join(benchDir, "node_modules/.bin/redocly");
  const procRows = [];
  if (existsSync(native) && existsSync(redocly)) {
    const dir = mkdtempSync(join(tmpdir(), "oasview-lint-"));
    const files = [docs[0], docs[docs.length - 1]].map((d) => {
      const file = join(dir, d.path.replaceAll("/", "_"));
      writeFileSync(file, d.text);
      return { ...d, file };
    });
    for (const f of files) {
      const ours = [], theirs = [];
      timeProcess(native, ["lint", f.file]);
      for (let i = 0; i < (f.big ? 3 : 5); i++) {
        ours.push(timeProcess(native, ["lint", "--format", "json", f.file]));
        theirs.push(timeProcess(redocly, ["lint", "--format", "json", "--extends", "recommended", f.file]));
      }
      // wall time measured around the spawn (GNU time's own figure has 10 ms steps: a 9 ms run would read 0)
      const om = median(ours.map((x) => x.wallMs)), tm = median(theirs.map((x) => x.wallMs));
      const orss = Math.max(...ours.map((x) => x.rssKB)), trss = Math.max(...theirs.map((x) => x.rssKB));
      results.push({ process: f.name, bytes: Buffer.byteLength(f.text), oasviewMs: ours.map((x) => x.wallMs), redoclyMs: theirs.map((x) => x.wallMs), oasviewRssKB: orss, redoclyRssKB: trss });
      procRows.push([f.name, `${fmt(om, 0)} ms, ${fmt(orss / 1024, 0)} MB RSS`, `${fmt(tm, 0)} ms, ${fmt(trss / 1024, 0)} MB RSS`, `**${fmt(tm / om, 1)}×**`]);
      console.error(`lint: process ${f.name} done`);
    }
    rmSync(dir, { recursive: true, force: true });
    markdown += "\n\nWhole processes (wall time around the spawn, median of 5 runs, 3 for the merge; peak RSS from GNU time): the native CLI against `redocly lint --extends recommended`.\n\n" +
      table(["document", "oasview lint (native)", "redocly lint (CLI)", "ratio"], procRows);
  } else {
    markdown += `\n\n(Whole-process comparison skipped: ${existsSync(native) ? "" : `${native} is missing (node scripts/build.mjs --release)`} ${existsSync(redocly) ? "" : "@redocly/cli is not installed in bench/"})`;
  }
  // The 1-50 MB merges: time and memory of each contender alone, capped (bench/lint-scaling.mjs).
  const scaled = scaling ? await lintScaling({ quick, native: existsSync(native) ? native : null }) : null;
  // Peak memory of each in-process contender alone, in a fresh process (bench/probe.mjs); the 20 MB merge's from the scaling runs.
  if (memory) {
    const memoryRows = [];
    for (const d of docs) {
      const probes = {};
      if (d.big) Object.assign(probes, scaled?.results.find((x) => x.sizeMB === mergeMB)?.probes ?? {});
      else for (const tool of ["oasview", "redocly", "seriousme"]) probes[tool] = await probe({ module: self, tool, args: { file: d.file, filename: d.path } });
      results.push({ memory: d.name, bytes: Buffer.byteLength(d.text), probes });
      memoryRows.push([d.name, ...["oasview", "redocly", "seriousme"].map((tool) => (probes[tool] ? memoryCell(probes[tool]) : "not measured (the scaling runs measure it)"))]);
    }
    console.error("lint: memory done");
    markdown += `\n\n${MEMORY_NOTE} The run is one full lint.\n\n` + table(["document", "oasview (wasm)", "Redocly `recommended`", "@seriousme"], memoryRows);
  }
  if (scaled) { markdown += `\n\n${scaled.markdown}`; results.push(...scaled.results); }

  // Targets (issue 4).
  const inProcess = results.filter((r) => r.timings);
  const rate = (r) => mbps(r.bytes, r.timings.oasview.median);
  const vsRedocly = inProcess.map((r) => r.timings.redocly.median / r.timings.oasview.median);
  const procs = results.filter((r) => r.process);
  const procRatio = procs.map((r) => median(r.redoclyMs) / median(r.oasviewMs));
  const big = inProcess.filter((r) => r.bytes > 1e6);
  const targets = [
    { issue: 4, target: "full lint in wasm under Node ≥ 50 MB/s (documents over 1 MB)", measured: `${big.map((r) => `${r.doc}: ${fmt(rate(r))}`).join("; ")} MB/s`, met: big.length > 0 && Math.min(...big.map(rate)) >= 50 },
    { issue: 4, target: "≥ 15× faster than Redocly `recommended` in process", measured: `${fmt(Math.min(...vsRedocly), 1)}× to ${fmt(Math.max(...vsRedocly), 1)}×`, met: Math.min(...vsRedocly) >= 15 },
    { issue: 4, target: "native CLI ≥ 30× faster than `redocly lint` as whole processes", measured: procRatio.length ? procs.map((r, i) => `${r.process}: ${fmt(procRatio[i], 1)}×`).join("; ") : "not measured", met: procRatio.length > 0 && Math.min(...procRatio) >= 30 },
    { issue: 4, target: "peak wasm memory (reported; no target)", measured: `${fmt(Math.max(...inProcess.filter((r) => r.bytes > 1e6).map((r) => r.peakWasmBytes / r.bytes)), 2)}× the input at most (documents over 1 MB)`, met: true },
  ];
  return { name: "Lint (OpenAPI validation)", markdown, results, targets, charts: scaled?.charts ?? {} };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flag = (name) => process.argv.includes(name);
  const r = await run({ quick: flag("--quick"), scaling: !flag("--no-scaling"), memory: !flag("--no-memory") });
  console.log(r.markdown);
  save("lint", r.results);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "lint.md"), r.markdown + "\n");
}
