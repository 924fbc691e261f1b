// probe.mjs - one contender on one input, alone in a fresh Node process: its time
// and its peak memory (whole-process RSS, JS heap, wasm heap), with a time cap.
//
// In the same process every contender shares one heap, so nobody's peak can be
// told apart; a fresh `node --expose-gc --trace-gc` per contender can. The parent
// calls probe({ module, tool, args }); the child imports `module` (a bench file),
// calls its probeSetup(tool, args) -> { run, warm?, wasm?, info? } (reading the
// input and importing the tool happen there, before anything is measured), then:
//   warm (the tool once on a smaller input: its code compiled, as in a running service);
//   gc; reset the RSS high-water mark; run once, keep what it returned; gc;
//   repeats for time while the runs add up to less than minMs.
// JS heap: V8's own trace of each collection gives the heap in use just before
// it, and the heap only grows between collections, so the largest of those
// "before" figures between the two forced collections is the peak (exact to
// 0.1 MiB). RSS: the kernel's high-water mark (reset through
// /proc/self/clear_refs just before the run) against the RSS just before it.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fmt, median } from "./lib.mjs";

const MiB = 1024 * 1024;
const self = fileURLToPath(import.meta.url);

/**
 * @param {{ module: string, tool: string, args?: object }} what  module: absolute path of a bench file exporting probeSetup
 * @param {{ capMs?: number, minMs?: number, maxReps?: number }} [opts]
 *   capMs: a single run longer than this is stopped and reported as capped;
 *   minMs/maxReps: after the measured run, repeat for time while the runs so far add up to less than minMs.
 * @returns {Promise<{ tool, capped: boolean, error?: string, ms?: number, firstMs?: number, reps?: number,
 *   rssBefore?: number, rssPeak?: number, heapBefore?: number, heapPeak?: number, heapKept?: number,
 *   wasmHeapPeak?: number, wasmMemory?: number, info?: any }>} bytes
 */
export function probe(what, { capMs = 60_000, minMs = 0, maxReps = 1 } = {}) {
  const spec = JSON.stringify({ ...what, minMs, maxReps });
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ["--expose-gc", "--trace-gc", self, spec], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let stdout = "", stderr = "", result = null, capped = false, timer = null;
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => { capped = true; child.kill("SIGKILL"); }, capMs); };
    // Setup (imports, reading a 50 MB file) is not the run: an overall guard only.
    const guard = setTimeout(() => { capped = true; child.kill("SIGKILL"); }, capMs * 3 + 120_000);
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => {
      stderr += d;
      let nl;
      while ((nl = stderr.indexOf("\n")) >= 0) {
        const line = stderr.slice(0, nl);
        stderr = stderr.slice(nl + 1);
        if (line === "PROBE-RUN") arm();
        else if (line === "PROBE-IDLE") clearTimeout(timer);
        else if (line.startsWith("PROBE-RESULT ")) result = JSON.parse(line.slice(13));
        else if (line.startsWith("PROBE-ERROR ")) result = { error: line.slice(12) };
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      clearTimeout(guard);
      if (result && !result.error) Object.assign(result, heapFromTrace(stdout));
      if (!result) result = { error: capped ? undefined : `exit ${code}: ${stderr.trim().split("\n").slice(-2).join(" ").slice(0, 200)}` };
      resolvePromise({ tool: what.tool, capped: capped && !(result.ms >= 0), capMs, ...result });
    });
  });
}

/** The heap in use before the run (after the first forced collection), at its peak, and kept after it (after the second). */
function heapFromTrace(text) {
  const gcs = [];
  for (const line of text.split("\n")) {
    const m = /: (?:[A-Za-z-]+ )*?(?:Scavenge|Mark-Compact|Mark-Sweep)[^:]*? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
    if (m) gcs.push({ before: +m[1] * MiB, after: +m[2] * MiB, forced: / testing;/.test(line) });
  }
  const forced = gcs.flatMap((g, i) => (g.forced ? [i] : []));
  if (forced.length < 2) return {};
  const during = gcs.slice(forced[0] + 1, forced[1] + 1);
  return { heapBefore: gcs[forced[0]].after, heapPeak: Math.max(...during.map((g) => g.before)), heapKept: gcs[forced[1]].after };
}

/** "RSS 182 MB (+40), JS heap +25 MB" and, for oasview, its wasm heap: one table cell. */
export function memoryCell(r) {
  if (!r) return "–";
  if (r.capped) return `> ${fmt(r.capMs / 1000, 0)} s (stopped)`;
  if (r.error) return `failed: ${r.error}`;
  const mb = (b) => fmt(b / 1e6, 0);
  const parts = [`RSS ${mb(r.rssPeak)} MB (+${mb(r.rssPeak - r.rssBefore)})`];
  if (r.heapPeak !== undefined) parts.push(`JS heap +${mb(r.heapPeak - r.heapBefore)} MB`);
  if (r.wasmHeapPeak !== undefined) parts.push(`wasm heap ${fmt(r.wasmHeapPeak / 1e6, 1)} MB`);
  return parts.join(", ");
}

/** What a run needed beyond the process before it (peak RSS growth), in bytes: the figure the memory charts plot. */
export const rssGrowth = (r) => (r && !r.capped && !r.error ? Math.max(0, r.rssPeak - r.rssBefore) : undefined);

/** The memory table's introduction, shared by the suites. */
export const MEMORY_NOTE = "Peak memory, each tool alone in a fresh Node process (`bench/probe.mjs`) that holds the input text and has run the tool once on a smaller document: **RSS** is the whole process's high-water mark during one run of the same work as timed above and, in brackets, its growth over the process just before the run; **JS heap** the growth of V8's heap at its peak during the run (from V8's own GC trace); **wasm heap** oasview's allocator's high-water mark during the run (its wasm memory counts in RSS, not in the JS heap).";

/* MARK: - The child */

/**
 * The kernel's RSS high-water mark of this process, in bytes: VmHWM, which clear_refs resets.
 * (process.resourceUsage().maxRSS is not reset: it also keeps the mark of the memory image
 * this process replaced at exec, a copy of the parent's.)
 */
function highWaterMark() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

async function child(spec) {
  const say = (line) => process.stderr.write(`${line}\n`);
  try {
    const mod = await import(spec.module);
    const { run, warm, wasm, info } = await mod.probeSetup(spec.tool, spec.args ?? {});
    await warm?.();
    globalThis.gc();
    let hwmReset = true;
    try { writeFileSync("/proc/self/clear_refs", "5"); } catch { hwmReset = false; }
    const rssBefore = process.memoryUsage().rss;
    const wasmBefore = wasm?.();
    say("PROBE-RUN");
    let t0 = performance.now();
    let kept = await run();
    const firstMs = performance.now() - t0;
    say("PROBE-IDLE");
    const rssPeak = highWaterMark();
    globalThis.gc();
    const wasmAfter = wasm?.();
    const result = { firstMs, rssBefore, rssPeak, hwmReset, info: info?.(kept) };
    // The allocator's footprint at its peak over what was in use before the run: exact when the run
    // grew the footprint (the warm-up input is smaller than the measured one), an upper bound otherwise.
    if (wasmAfter) Object.assign(result, { wasmHeapPeak: wasmAfter.heapPeak - wasmBefore.heapUsed, wasmMemory: wasmAfter.memoryBytes });
    kept = null;
    const times = [];
    let spent = firstMs;
    while (times.length < spec.maxReps - 1 && spent < spec.minMs) {
      say("PROBE-RUN");
      t0 = performance.now();
      await run();
      const dt = performance.now() - t0;
      say("PROBE-IDLE");
      times.push(dt);
      spent += dt;
    }
    // One measured cold run, or the median of the warm repeats when there were any.
    result.ms = times.length ? median(times) : firstMs;
    result.reps = 1 + times.length;
    say(`PROBE-RESULT ${JSON.stringify(result)}`);
  } catch (error) {
    say(`PROBE-ERROR ${String(error?.message ?? error).split("\n")[0].slice(0, 200)}`);
  }
}

// Not awaited at the top level: the bench file the child imports imports this module back.
if (process.argv[1] && process.argv[1] === self && process.argv[2]) child(JSON.parse(process.argv[2]));
