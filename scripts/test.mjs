// test.mjs - run every test: the C tests (native, ASan + UBSan) through ctest, some under valgrind,
// the threaded lint under ThreadSanitizer, the fuzzers, then the wasm, CLI, setup and browser tests
// through node --test.
// `npm test` runs setup and the builds first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
if (!existsSync(join(corpus, "README.md"))) {
  console.error(`test: the shared corpus is missing at ${corpus}; set OASVIEW_CORPUS to its folder.`);
  process.exit(1);
}
const env = { ...process.env, OASVIEW_CORPUS: corpus };

function step(name, cmd, args) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`test: ${name} failed (exit ${r.status ?? r.signal})`);
    return false;
  }
  return true;
}

let ok = step("C tests (native, ASan + UBSan)", "ctest", ["--test-dir", "build/native", "--output-on-failure", "-j2"]);
ok = step("C tests under valgrind (plain debug build)", process.execPath, ["scripts/valgrind.mjs"]) && ok;
ok = step("the second thread of OASV_LOAD_THREADS under ThreadSanitizer", process.execPath, ["scripts/tsan.mjs"]) && ok;
ok = step(`fuzzing, ${process.env.OASVIEW_FUZZ_SECONDS ?? 30} s per harness (libFuzzer, ASan + UBSan)`, process.execPath, ["scripts/fuzz.mjs"]) && ok;
ok = step("wasm, CLI, setup and browser tests (node --test)", process.execPath,
  ["--test", "--test-concurrency=2", "wasm-tests/", "tests/setup/"]) && ok;
process.exit(ok ? 0 : 1);
