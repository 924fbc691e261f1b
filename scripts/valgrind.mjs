// valgrind.mjs - run C tests of a plain debug build (no sanitizers) under valgrind:
// memory errors and leaks (definite, indirect and possible) fail the run.
//
//   node scripts/valgrind.mjs                 the default set (what npm test runs)
//   node scripts/valgrind.mjs --all           every tests/test_*.c (several minutes)
//   node scripts/valgrind.mjs test_schema ... these tests
//
// The build is build/valgrind (CMAKE_BUILD_TYPE=Debug, OASV_SANITIZE off: valgrind
// and ASan cannot share a process). Corpus tests read OASVIEW_CORPUS like ctest does.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
// Fast enough under valgrind (about a minute together on two busy cores) and covering each stage:
// loading, resolving, OAS and JSON Schema validation, regex, markdown, payloads (through the model's
// index), documents read through a resolver, and every fuzz regression (the model, the wasm exports
// and the YAML readers among them). test_model (the corpus, two minutes alone), test_yaml_fast (the
// corpus and the YAML merges three ways, three minutes) and the other corpus tests run with --all.
const DEFAULT = ["test_load", "test_resolve", "test_oas_rules", "test_schema", "test_regex", "test_markdown",
  "test_payload", "test_regressions", "test_oas_external"];
const all = readdirSync(join(root, "tests")).filter((f) => /^test_\w+\.c$/.test(f)).map((f) => f.slice(0, -2)).sort();
const tests = args.includes("--all") ? all : args.filter((a) => !a.startsWith("--")).length ? args.filter((a) => !a.startsWith("--")) : DEFAULT;
for (const t of tests) if (!all.includes(t)) { console.error(`valgrind: no tests/${t}.c`); process.exit(2); }

if (spawnSync("valgrind", ["--version"]).status !== 0) {
  console.error("valgrind: valgrind is not installed (apt-get install valgrind)");
  process.exit(1);
}
const corpus = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
const build = join(root, "build/valgrind");
const sh = (cmd, argv) => spawnSync(cmd, argv, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
if (!existsSync(join(build, "CMakeCache.txt"))) {
  const r = sh("cmake", ["-S", ".", "-B", build, "-DCMAKE_BUILD_TYPE=Debug", "-DOASV_SANITIZE=OFF", "-DOASV_TESTS=ON"]);
  if (r.status !== 0) { console.error(r.stdout + r.stderr); process.exit(1); }
}
const b = sh("cmake", ["--build", build, "--parallel", "2", "--target", ...tests]);
if (b.status !== 0) { console.error(b.stdout + b.stderr); console.error("valgrind: the tests did not build"); process.exit(1); }

let failed = 0;
for (const t of tests) {
  const start = Date.now();
  const r = spawnSync("valgrind", ["--quiet", "--error-exitcode=1", "--leak-check=full", "--show-leak-kinds=definite,indirect,possible",
    "--errors-for-leak-kinds=definite,indirect,possible", "--track-origins=yes", join(build, t)], {
    cwd: build, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, OASVIEW_CORPUS: corpus, OASV_SOURCE_DIR: root },
  });
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  const summary = (r.stdout.trim().split("\n").pop() ?? "").trim();
  if (r.status !== 0) {
    failed++;
    console.error(`valgrind: ${t}: FAILED (exit ${r.status ?? r.signal}, ${seconds} s)\n${r.stderr.split("\n").slice(-80).join("\n")}\n${r.stdout.split("\n").slice(-20).join("\n")}`);
  } else {
    console.log(`valgrind: ${t}: clean (${summary}; ${seconds} s)`);
  }
}
process.exit(failed ? 1 : 0);
