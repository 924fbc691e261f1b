// fuzz.mjs - build the libFuzzer harnesses (clang, ASan + UBSan) and run each one.
//
//   node scripts/fuzz.mjs                 every harness for 30 s (what npm test does)
//   node scripts/fuzz.mjs --seconds 3600  a deeper search
//   node scripts/fuzz.mjs --runs 1000000  a fixed number of executions per harness
//   node scripts/fuzz.mjs --only load     one harness
//
// Seeds come from the shared corpus (read at run time into a scratch folder, never
// copied into the repo: see makeSeeds) and from tests/regressions/<target>/. A crash is minimised and kept
// as tests/regressions/<target>/crash-<hash>, where test_regressions replays it.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
// options come in pairs; anything else (--help included) prints the usage and builds nothing
const OPTIONS = ["--seconds", "--runs", "--only"];
for (let i = 0; i < args.length; i += 2) {
  if (OPTIONS.includes(args[i]) && i + 1 < args.length) continue;
  const help = args[i] === "--help" || args[i] === "-h";
  (help ? console.log : console.error)(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").slice(2, 6).map((l) => l.slice(3)).join("\n"));
  process.exit(help ? 0 : 2);
}
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const seconds = Number(opt("--seconds", process.env.OASVIEW_FUZZ_SECONDS ?? 30));
const runs = opt("--runs", null);
const only = opt("--only", null);
const corpus = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
if (!existsSync(join(corpus, "README.md"))) {
  console.error(`fuzz: the shared corpus is missing at ${corpus}; set OASVIEW_CORPUS.`);
  process.exit(1);
}

// Which corpus folders seed which harness. Every harness but markdown reads a mode byte
// first (targets.c), so corpus files are copied into a scratch folder behind one: a
// harness sees the file whole (never in the repo: the corpus is read at run time).
const SEEDS = {
  load: ["examples", "fastapi", "oas-schema-tests", "real-world"],
  yaml_fast: ["examples", "oas-schema-tests", "real-world"],
  schema: ["json-schema-metaschemas"],
  model: ["examples", "fastapi", "oas-schema-tests", "real-world"],
  markdown: [],
  payload: [],
  exports: ["examples", "fastapi"],
  external: ["examples", "fastapi"], // as the main document, with nothing to resolve; tests/regressions/external has split ones
};
const SUITE = "json-schema-test-suite/tests/draft2020-12";

function files(dir, pattern = /\.(json|ya?ml)$/) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(path, pattern));
    else if (pattern.test(e.name)) out.push(path);
  }
  return out.sort();
}

/** Seeds made from the corpus for `target` in `dir` (mode byte first, parts split by NUL as targets.h says). */
function makeSeeds(target, dir) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const put = (...parts) => writeFileSync(join(dir, `seed-${n++}`), Buffer.concat(parts.map((p) => (typeof p === "number" ? Buffer.from([p]) : Buffer.from(p)))));
  const suite = existsSync(join(corpus, SUITE)) ? files(join(corpus, SUITE), /\.json$/).filter((f) => !f.includes("/optional/") || f.includes("/format/")) : [];
  const groups = suite.flatMap((f) => { try { return JSON.parse(readFileSync(f, "utf8")); } catch { return []; } });
  const walkStrings = (v, key, out) => {
    if (typeof v === "string" && key === "description" && v.length >= 16) out.push(v);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walkStrings(x, k, out);
    return out;
  };
  for (const d of SEEDS[target] ?? []) {
    if (!existsSync(join(corpus, d))) continue;
    for (const f of files(join(corpus, d))) {
      const text = readFileSync(f);
      if (text.length > 65535) continue;
      if (target === "exports") put(3, text, "\0", '{"rules":{"component-unused":"off"}}', "\0", "operations/x", "\0", "{}");
      else if (target === "external") put(3, text, "\0", "", "\0", "");
      else put(target === "load" || target === "model" ? 3 : 0, text);
    }
  }
  if (target === "schema") {
    for (const g of groups) {
      const format = typeof g.schema === "object" && g.schema !== null && "format" in g.schema;
      for (const t of g.tests ?? []) put(format ? 4 : 0, JSON.stringify(g.schema), "\0", JSON.stringify(t.data));
      if (typeof g.schema?.pattern === "string") {
        for (const t of g.tests ?? []) if (typeof t.data === "string") put(2, g.schema.pattern, "\0", t.data);
      }
    }
  }
  if (target === "payload") {
    for (const g of groups) for (const t of g.tests ?? []) if (n < 400) put(n % 256, JSON.stringify(t.data));
  }
  if (target === "markdown") {
    for (const d of ["examples", "real-world", "fastapi"]) {
      if (!existsSync(join(corpus, d))) continue;
      for (const f of files(join(corpus, d), /\.json$/)) {
        let doc;
        try { doc = JSON.parse(readFileSync(f, "utf8")); } catch { continue; }
        for (const s of walkStrings(doc, "", []).slice(0, 50)) if (n < 2000) put(s);
      }
    }
  }
  return n ? [dir] : [];
}

function sh(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: "utf8", ...options });
  return r;
}

const build = join(root, "build/fuzz");
if (!existsSync(join(build, "CMakeCache.txt"))) {
  const r = sh("cmake", ["-S", ".", "-B", build, "-DCMAKE_C_COMPILER=clang", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DOASV_FUZZ=ON", "-DOASV_TESTS=OFF"]);
  if (r.status !== 0) { console.error(r.stdout + r.stderr); process.exit(1); }
}
const harnesses = readdirSync(join(root, "tests/fuzz")).filter((f) => /^fuzz_\w+\.c$/.test(f)).map((f) => f.slice(5, -2))
  .filter((t) => !only || t === only).sort();
const b = sh("cmake", ["--build", build, "--parallel", "2", "--target", ...harnesses.map((t) => `fuzz_${t}`)]);
if (b.status !== 0) { console.error(b.stdout + b.stderr); console.error("fuzz: the harnesses did not build"); process.exit(1); }
let failed = 0;
const summary = [];
for (const target of harnesses) {
  const work = mkdtempSync(join(tmpdir(), `oasview-fuzz-${target}-`));
  const artifacts = join(work, "artifacts") + "/";
  mkdirSync(artifacts);
  mkdirSync(join(work, "corpus"));
  const regressions = join(root, "tests/regressions", target);
  mkdirSync(regressions, { recursive: true });
  const seeds = [regressions, ...makeSeeds(target, join(work, "seeds"))];
  const flags = [`-dict=${join(root, "tests/fuzz/openapi.dict")}`, "-max_len=65536", "-timeout=10", "-rss_limit_mb=2048",
    `-artifact_prefix=${artifacts}`, "-print_final_stats=1", runs ? `-runs=${runs}` : `-max_total_time=${seconds}`];
  // libFuzzer's output goes to build/fuzz/<target>.log as it runs (`tail -f` it to follow a long run).
  const log = join(build, `${target}.log`);
  const fd = openSync(log, "w");
  const run = sh(join(build, `fuzz_${target}`), [...flags, join(work, "corpus"), ...seeds], {
    env: { ...process.env, ASAN_OPTIONS: "detect_leaks=1:allocator_may_return_null=1", UBSAN_OPTIONS: "print_stacktrace=1" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const r = { status: run.status, stderr: readFileSync(log, "utf8") };
  const stats = (r.stderr.match(/stat::number_of_executed_units:\s*(\d+)/) ?? [])[1];
  const cov = [...r.stderr.matchAll(/cov: (\d+) ft: (\d+)/g)].pop();
  const found = readdirSync(artifacts);
  if (r.status !== 0 || found.length) {
    failed++;
    console.error(r.stderr.split("\n").slice(-60).join("\n"));
    for (const f of found) {
      const min = sh(join(build, `fuzz_${target}`), ["-minimize_crash=1", "-runs=20000", `-exact_artifact_path=${join(artifacts, `min-${f}`)}`, join(artifacts, f)]);
      const keep = existsSync(join(artifacts, `min-${f}`)) ? join(artifacts, `min-${f}`) : join(artifacts, f);
      renameSync(keep, join(regressions, f));
      console.error(`fuzz: ${target}: kept ${f} as tests/regressions/${target}/${f} (minimised: ${min.status === 0 ? "yes" : "as far as it went"})`);
    }
  }
  summary.push(`${target}: ${stats ?? "?"} executions, coverage ${cov ? `${cov[1]} edges, ${cov[2]} features` : "?"}, ${found.length} finding(s)`);
  rmSync(work, { recursive: true, force: true });
}
console.log(summary.map((s) => `fuzz: ${s}`).join("\n"));
process.exit(failed ? 1 : 0);
