// lib.mjs - shared by the benchmarks: timing with alternation, medians, tables.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const root = join(benchDir, "..");
export const outDir = join(benchDir, "out");
/** The built package benchmarked: dist/, or OASVIEW_DIST (a helper's own build). */
export const distDir = process.env.OASVIEW_DIST ? resolve(process.env.OASVIEW_DIST) : join(root, "dist");

export function corpusDir() {
  const dir = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
  if (!existsSync(join(dir, "README.md"))) throw new Error(`corpus missing at ${dir}; set OASVIEW_CORPUS`);
  return dir;
}

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/**
 * Time several contenders on the same input, alternating them so that machine
 * noise hits all alike. Each runs at least `minReps` times and until `minMs` of its own time.
 *
 * With `sampleMs`, a turn (one sample) calls its contender again until that much time has
 * passed, and counts the mean time of a call: turns then last about as long for every
 * contender. Without it a turn is one call, and where calls are short (a test suite's
 * small instances, ~0.2 ms the pass) the caches the other contenders emptied are refilled
 * within every timed call, a fixed cost that weighs most on the fastest contender.
 * `reps` counts samples.
 * @returns {{ [name]: { median, min, max, reps, calls } }} in milliseconds per call
 */
export function race(contenders, { minReps = 5, minMs = 1000, maxReps = 200, sampleMs = 0 } = {}) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  const total = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0]));
  const calls = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0]));
  for (const fn of Object.values(contenders)) fn(); // warm up
  for (let rep = 0; rep < maxReps; rep++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t0 = performance.now();
      let n = 0, t1;
      do {
        fn();
        n++;
        t1 = performance.now();
      } while (t1 - t0 < sampleMs);
      times[name].push((t1 - t0) / n);
      total[name] += t1 - t0;
      calls[name] += n;
    }
    if (rep + 1 >= minReps && Object.values(total).every((t) => t >= minMs)) break;
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { median: median(t), min: Math.min(...t), max: Math.max(...t), reps: t.length, calls: calls[k] }]));
}

/**
 * `make` compiled afresh, so that what it returns has call sites of its own. In V8 the closures of one
 * function literal share their call-site feedback: one timing loop written for every contender sees every
 * contender's calls at one site, which V8 then inlines for none of them, a cost that a program using one
 * engine never pays and that weighs most on the fastest. `make` must not use variables from around it
 * (its text is compiled again, at the top level): it takes what it needs as arguments.
 */
export function apart(make) {
  return new Function(`return (${make.toString()});`)();
}

export const mbps = (bytes, ms) => bytes / 1e6 / (ms / 1000);
export const fmt = (n, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(headers, rows) {
  const lines = [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n");
}

export function save(name, data) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(data, null, 2));
}

export const readText = (p) => readFileSync(p, "utf8");

/** True when the module at `url` is the script node was started with. */
export const isMain = (url) => process.argv[1] && resolve(process.argv[1]) === fileURLToPath(url);

/** race() for contenders that return promises (Redocly, hyperjump's compile): same alternation, same statistics. */
export async function raceAsync(contenders, { minReps = 5, minMs = 1000, maxReps = 200 } = {}) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  const total = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0]));
  for (const fn of Object.values(contenders)) await fn(); // warm up
  for (let rep = 0; rep < maxReps; rep++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t0 = performance.now();
      await fn();
      const dt = performance.now() - t0;
      times[name].push(dt);
      total[name] += dt;
    }
    if (rep + 1 >= minReps && Object.values(total).every((t) => t >= minMs)) break;
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { median: median(t), min: Math.min(...t), max: Math.max(...t), reps: t.length }]));
}

/**
 * One whole process through GNU time: wall time (its 10 ms figure, and ours around
 * the spawn, finer) and peak RSS. With capMs, coreutils `timeout` kills a process
 * running longer (GNU time still reports its peak RSS): { capped: true }.
 */
export function timeProcess(cmd, args, { capMs = 0 } = {}) {
  const argv = capMs ? ["timeout", "-s", "KILL", String(capMs / 1000), cmd, ...args] : [cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", ...argv], { encoding: "utf8", maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  const last = r.stderr.trim().split("\n").pop().split(" ");
  const out = { ms: Number(last[0]) * 1000, wallMs, rssKB: Number(last[1]), status: r.status };
  return capMs && (r.status === 137 || r.status === 124) ? { ...out, capped: true, capMs } : out;
}
