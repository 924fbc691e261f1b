// node-ci.test.mjs - examples/node-ci/check-specs.mjs fails a CI job on errors
// (exit 1), passes clean documents (exit 0), and refuses bad usage (exit 2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { corpusDir, root } from "../helpers.mjs";
import { examples } from "./runtimes.mjs";

const script = join(examples, "node-ci/check-specs.mjs");
const run = (...args) => spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8" });
const real = (name) => join(corpusDir(), "real-world", name);

test("a clean document passes: exit 0", () => {
  const r = run(join(root, "web/example/openapi.yaml"));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 file\(s\) checked: 0 error\(s\), 0 warning\(s\); 0 failed/);
});

test("a document with an error fails the job: exit 1, the error with its line", () => {
  const r = run(join(root, "web/example/openapi.yaml"), real("redoc-demo--openapi-3-1.yaml"));
  assert.equal(r.status, 1);
  assert.match(r.stdout, /redoc-demo--openapi-3-1\.yaml:\d+:\d+: error /);
  assert.match(r.stdout, /2 file\(s\) checked: 1 error\(s\), \d+ warning\(s\); 1 failed/);
});

test("--format github prints workflow commands; --fail-on warning fails on warnings", () => {
  const g = run("--format", "github", real("redoc-demo--openapi-3-1.yaml"));
  assert.equal(g.status, 1);
  assert.match(g.stdout, /^::error file=.*redoc-demo--openapi-3-1\.yaml,line=\d+/m);
  const w = real("sendgrid--tsg_webhooks_v3.yaml");
  assert.equal(run(w).status, 0);
  assert.equal(run("--fail-on", "warning", w).status, 1);
  const j = run("--format", "json", w);
  const report = JSON.parse(j.stdout);
  assert.equal(report.files[0].valid, true);
  assert.ok(report.files[0].diagnostics.length > 0);
});

test("unreadable files and bad usage: exit 2", () => {
  assert.equal(run(join(root, "no-such-file.yaml")).status, 2);
  assert.equal(run().status, 2);
  assert.equal(run("--format", "xml", "a.yaml").status, 2);
});
