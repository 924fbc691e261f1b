// tsan.mjs - the code that runs on two threads (OASV_LOAD_THREADS: src/validate/oas/ahead.c) under
// ThreadSanitizer: tests/test_oas_threads.c, and the native CLI linting a generated document with
// 3,000 Schema Objects (some wrong). Any data race reported fails the run.
//
//   node scripts/tsan.mjs
//
// The build is build/tsan (clang, -fsanitize=thread, optimised with debug information; ASan and
// TSan cannot share a process).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "build/tsan");
const corpus = resolve(root, process.env.OASVIEW_CORPUS ?? "../shared/corpus");
const sh = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts });

if (!existsSync(join(build, "CMakeCache.txt"))) {
  const r = sh("cmake", ["-S", ".", "-B", build, "-DCMAKE_C_COMPILER=clang", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DOASV_SANITIZE=OFF",
    "-DOASV_TESTS=ON", "-DCMAKE_C_FLAGS=-fsanitize=thread", "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread"]);
  if (r.status !== 0) { console.error(r.stdout + r.stderr); process.exit(1); }
}
const b = sh("cmake", ["--build", build, "--parallel", "2", "--target", "test_oas_threads", "oasview"]);
if (b.status !== 0) { console.error(b.stdout + b.stderr); console.error("tsan: the build failed"); process.exit(1); }

// halt_on_error: the first race ends the process with exitcode 66
const env = { ...process.env, OASVIEW_CORPUS: corpus, TSAN_OPTIONS: "halt_on_error=1 exitcode=66 second_deadlock_stack=1" };
let failed = 0;
function run(label, cmd, argv, expectStatus) {
  const r = sh(cmd, argv, { env, cwd: build });
  const raced = /ThreadSanitizer/.test(r.stderr);
  if (raced || r.status !== expectStatus) {
    failed++;
    console.error(`tsan: ${label}: FAILED (exit ${r.status ?? r.signal})\n${r.stderr.split("\n").slice(0, 80).join("\n")}`);
  } else {
    console.log(`tsan: ${label}: no race (${(r.stdout.trim().split("\n").pop() ?? "").slice(0, 120)})`);
  }
}

run("test_oas_threads", join(build, "test_oas_threads"), [], 0);
const dir = mkdtempSync(join(tmpdir(), "oasview-tsan-"));
const file = join(dir, "many.json");
writeFileSync(file, JSON.stringify({
  openapi: "3.1.0", info: { title: "x", version: "1" },
  components: { schemas: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`S${i}`,
    i % 700 === 3 ? { type: "object", $anchor: "1bad" } : { type: "object", properties: { a: { type: "string", example: i % 900 ? "x" : 9 } } }])) },
}));
run("oasview lint (3,000 Schema Objects)", join(build, "oasview"), ["lint", "--format", "json", file], 1);
rmSync(dir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
