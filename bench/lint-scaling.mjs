// lint-scaling.mjs - how the cost of a full lint grows with the document's size, for
// oasview (wasm under Node, and the native CLI) and the anchors (Redocly `recommended`
// and @seriousme/openapi-schema-validator, in process), over the 1, 5, 10, 20 and 50 MB
// synthetic merges (bench/synth.mjs). Each contender runs alone, in a fresh process per
// document (bench/probe.mjs), so its peak memory is its own; a run longer than the cap is
// stopped and reported as "> cap", and that contender skips the larger documents, so a
// slow anchor costs the suite at most one cap. Called by bench/lint.mjs.
import { join } from "node:path";
import { benchDir, fmt, mbps, median, table, timeProcess } from "./lib.mjs";
import { lineChart } from "./chart.mjs";
import { probe } from "./probe.mjs";
import { mergedDocument } from "./synth.mjs";

const TOOLS = ["oasview", "native", "redocly", "seriousme"];
const LABEL = { oasview: "oasview (wasm)", native: "oasview CLI (native)", redocly: "Redocly `recommended`", seriousme: "@seriousme" };

/** The native CLI as whole processes: repeated while the runs add up to under 1.5 s (wall time around the process; peak RSS from GNU time). */
function nativeRuns(native, file, capMs) {
  const runs = [];
  let spent = 0;
  do {
    const r = timeProcess(native, ["lint", "--format", "json", file], { capMs });
    if (r.capped) return { capped: true, capMs };
    runs.push(r);
    spent += r.wallMs;
  } while (spent < 1500 && runs.length < 10);
  return { ms: median(runs.map((r) => r.wallMs)), reps: runs.length, rssPeak: Math.max(...runs.map((r) => r.rssKB)) * 1024 };
}

/**
 * @param {{ quick?: boolean, native?: string|null }} opts  native: the CLI to run (none: left out)
 * @returns {Promise<{ markdown: string, results: object[], charts: object }>}
 */
export async function lintScaling({ quick = false, native = null } = {}) {
  const sizes = quick ? [1, 5] : [1, 5, 10, 20, 50];
  const capMs = quick ? 10_000 : 30_000;
  const tools = TOOLS.filter((t) => t !== "native" || native);
  const lintModule = join(benchDir, "lint.mjs");
  const stopped = new Set(), results = [];
  // Every in-process contender first lints the smallest merge once (copies of the same sources: all the code paths warm).
  const warmFile = (await mergedDocument(sizes[0], "json")).file;
  for (const [i, sizeMB] of sizes.entries()) {
    const { text, file } = await mergedDocument(sizeMB, "json");
    const bytes = Buffer.byteLength(text);
    const probes = {};
    // A different contender first at each size: none always runs right after the merge was made.
    for (const tool of [...tools.slice(i % tools.length), ...tools.slice(0, i % tools.length)]) {
      if (stopped.has(tool)) { probes[tool] = { skipped: true }; continue; }
      probes[tool] = tool === "native" ? nativeRuns(native, file, capMs)
        : await probe({ module: lintModule, tool, args: { file, filename: `merge-${sizeMB}mb.json`, warmFile } }, { capMs, minMs: 1500, maxReps: 10 });
      if (probes[tool].capped) stopped.add(tool);
    }
    results.push({ scaling: `synthetic ${sizeMB} MB`, sizeMB, bytes, probes });
    console.error(`lint: scaling ${sizeMB} MB done`);
  }

  const ok = (p) => p && !p.capped && !p.skipped && !p.error;
  const cell = (r, tool) => {
    const p = r.probes[tool];
    if (!p) return "–";
    if (p.skipped) return "skipped (over the cap on a smaller document)";
    if (p.capped) return `**> ${fmt(capMs / 1000, 0)} s** (stopped)`;
    if (p.error) return `failed: ${p.error}`;
    const ours = r.probes.oasview;
    const ratio = tool !== "oasview" && ok(ours) ? ` (${fmt(p.ms / ours.ms, 1)}× ours)` : "";
    return `${fmt(p.ms, 0)} ms, ${fmt(mbps(r.bytes, p.ms), 1)} MB/s${ratio}; RSS ${fmt(p.rssPeak / 1e6, 0)} MB`;
  };
  const series = (value) => tools.map((tool) => ({
    name: LABEL[tool].replaceAll("`", ""),
    points: results.filter((r) => ok(r.probes[tool])).map((r) => [r.bytes / 1e6, value(r.probes[tool])]),
  }));
  const charts = {
    "lint-scaling.svg": lineChart({ title: "Full lint: time vs document size", xLabel: "document size (MB)", yLabel: "milliseconds",
      logX: true, series: series((p) => p.ms) }),
    "lint-memory.svg": lineChart({ title: "Full lint: peak RSS of the whole process vs document size", xLabel: "document size (MB)", yLabel: "MB",
      logX: true, series: series((p) => p.rssPeak / 1e6) }),
  };
  const markdown = [
    `Scaling: the synthetic merges of ${sizes.join(", ")} MB (JSON), each contender alone in a fresh process per document, a different one first at each size. In process (oasview's wasm, Redocly, @seriousme): one run after a warm-up on the ${sizes[0]} MB merge, repeated while the runs add up to under 1.5 s (median); RSS is the process's peak during the first run (Node, the tool and the input text included). The native CLI: whole processes, wall time measured around each, peak RSS from GNU time. A run longer than ${fmt(capMs / 1000, 0)} s is stopped and the tool skips the larger documents. Ratios: their time / oasview's wasm time.`,
    "", table(["document", ...tools.map((t) => LABEL[t])], results.map((r) => [`${r.scaling} (${fmt(r.bytes / 1e6, 2)} MB)`, ...tools.map((t) => cell(r, t))])),
    "", "![Full lint: time vs document size](charts/lint-scaling.svg)",
    "", "![Full lint: peak RSS vs document size](charts/lint-memory.svg)",
  ].join("\n");
  return { markdown, results, charts };
}
