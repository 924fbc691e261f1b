// pathological.test.mjs - hostile inputs end in a diagnostic, in bounded time
// and memory, natively (ASan + UBSan, through the CLI) and in wasm (in a
// worker with a watchdog); the module keeps working afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { dist, root } from "./helpers.mjs";
import { cases } from "../tests/pathological/generate.mjs";

// A hang guard, not a performance figure: generous enough for ASan on 2 busy cores.
const WATCHDOG_MS = 180_000;
const LOADER_ERRORS = new Set(["json-syntax", "yaml-syntax", "yaml-key", "yaml-alias", "invalid-utf8", "nul-byte", "not-utf8",
  "duplicate-key", "empty-document", "root-not-object", "nesting-too-deep", "alias-budget-exceeded", "input-too-large", "internal-error"]);
const MB = 1024 * 1024;

function check(c, diagnostics, where) {
  const codes = diagnostics.map((d) => d.code);
  if (c.expect) {
    assert.ok(codes.includes(c.expect), `${where}: expected ${c.expect}, got ${[...new Set(codes)].join(", ") || "nothing"}`);
  } else if (c.validate === false) {
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error" && LOADER_ERRORS.has(d.code)), [], where);
  } else {
    assert.deepEqual(diagnostics.filter((d) => d.severity === "error"), [], where);
  }
}

function inWorker(index) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("../tests/pathological/worker.mjs", import.meta.url), {
      workerData: { index, module: pathToFileURL(join(dist, "oasview.mjs")).href },
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    const timer = setTimeout(() => { worker.terminate(); reject(new Error(`did not finish within ${WATCHDOG_MS / 1000} s`)); }, WATCHDOG_MS);
    worker.once("message", (m) => { clearTimeout(timer); worker.terminate(); resolve(m); });
    worker.once("error", (e) => { clearTimeout(timer); reject(e); });
  });
}

const scratch = mkdtempSync(join(tmpdir(), "oasview-pathological-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

cases().forEach((c, index) => {
  test(`wasm: ${c.name}`, async () => {
    const r = await inWorker(index);
    check(c, r.diagnostics, "wasm");
    // Memory bound: what loading may take for this input (the alias budget bounds the laughs).
    assert.ok(r.peak <= 8 * r.bytes + 128 * MB, `wasm heap grew by ${(r.peak / MB).toFixed(1)} MB for ${(r.bytes / MB).toFixed(1)} MB of input`);
    assert.ok(r.nextValid, "the module still loads the next document");
  });

  test(`native: ${c.name}`, () => {
    const file = join(scratch, `case-${index}.${c.name.includes("YAML") ? "yaml" : "json"}`);
    const text = c.text();
    writeFileSync(file, text);
    // `timeout` kills the CLI itself (a signal to /usr/bin/time would orphan it).
    const r = spawnSync("/usr/bin/time", ["-f", "maxrss-kb=%M", "timeout", "-s", "KILL", String(WATCHDOG_MS / 1000),
      join(root, "build/native/oasview"), "lint", file, "--format", "json"],
      { encoding: "utf8", timeout: WATCHDOG_MS + 10_000, maxBuffer: 1024 * MB, env: { ...process.env, ASAN_OPTIONS: "detect_leaks=1" } });
    rmSync(file);
    assert.notEqual(r.status, 137, `native run killed: did not finish within ${WATCHDOG_MS / 1000} s`);
    assert.equal(r.signal, null, `native run killed (${r.signal})`);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(-2000)}`);
    const [result] = JSON.parse(r.stdout);
    check(c, result.diagnostics, "native");
    const rss = Number(/maxrss-kb=(\d+)/.exec(r.stderr)?.[1]) * 1024;
    const bytes = Buffer.byteLength(text);
    // ASan's shadow memory and quarantine multiply memory: the bound is loose but finite.
    assert.ok(rss <= 40 * bytes + 512 * MB, `native max RSS ${(rss / MB).toFixed(0)} MB for ${(bytes / MB).toFixed(1)} MB of input`);
  });
});
