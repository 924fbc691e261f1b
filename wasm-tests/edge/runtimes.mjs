// runtimes.mjs - run workers for the edge tests: workerd and Deno from npm
// (devDependencies), serving on 127.0.0.1 with a free port. Every request the
// tests send goes to loopback; nothing needs the network.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { dist, root } from "../helpers.mjs";

export const WORKERD = join(root, "node_modules/.bin/workerd");
export const DENO = join(root, "node_modules/.bin/deno");
export const examples = join(root, "examples");

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = "oasview-edge-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function launch(cmd, args, options) {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  const log = [], out = [], err = [];
  child.stdout.on("data", (d) => { log.push(d.toString()); out.push(d); });
  child.stderr.on("data", (d) => { log.push(d.toString()); err.push(d); });
  const exited = new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return { child, log, out, err, exited };
}

/** Wait until `url` answers (any status), or fail with the process's output. */
async function ready(url, proc, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let exitedEarly = null;
  proc.exited.then((e) => { exitedEarly = e; });
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`${what} exited (${JSON.stringify(exitedEarly)}):\n${proc.log.join("")}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs} ms:\n${proc.log.join("")}`);
}

async function stop(proc) {
  if (proc.child.exitCode === null && proc.child.signalCode === null) {
    proc.child.kill("SIGTERM");
    const t = setTimeout(() => proc.child.kill("SIGKILL"), 3000);
    await proc.exited;
    clearTimeout(t);
  }
}

/**
 * Serve a worker in workerd. `modules`: [{ name, type: "esModule"|"wasm"|"text"|"json", path }],
 * the first is the main module. Files are copied into a temp folder next to the config.
 * @returns {Promise<{ url: string, log: string[], stop: () => Promise<void> }>}
 */
export async function startWorkerd(modules, { compatibilityDate = "2025-01-01" } = {}) {
  const tmp = tempDir("oasview-workerd-");
  const lines = modules.map((m, i) => {
    const file = `m${i}-${basename(m.path)}`;
    copyFileSync(m.path, join(tmp.dir, file));
    return `    (name = ${JSON.stringify(m.name)}, ${m.type} = embed ${JSON.stringify(file)}),`;
  });
  const port = await freePort();
  writeFileSync(join(tmp.dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
${lines.join("\n")}
  ],
  compatibilityDate = ${JSON.stringify(compatibilityDate)},
);
`);
  const proc = launch(WORKERD, ["serve", join(tmp.dir, "config.capnp"), "--verbose"], { cwd: tmp.dir });
  const url = `http://127.0.0.1:${port}`;
  try {
    await ready(url, proc, "workerd");
  } catch (error) {
    await stop(proc);
    tmp.remove();
    throw error;
  }
  return { url, log: proc.log, stop: async () => { await stop(proc); tmp.remove(); } };
}

/** The modules of an example's worker for workerd, with oasview from dist/. */
export function exampleModules(name, extra = []) {
  return [
    { name: "worker.mjs", type: "esModule", path: join(examples, name, "worker.mjs") },
    { name: "app.mjs", type: "esModule", path: join(examples, name, "app.mjs") },
    { name: "oasview", type: "esModule", path: join(dist, "oasview.mjs") },
    { name: "oasview.wasm", type: "wasm", path: join(dist, "oasview.wasm") },
    ...extra,
  ];
}

/**
 * Serve a module with `deno serve` (its default export's fetch). "oasview" maps to dist/oasview.mjs.
 * @returns {Promise<{ url: string, log: string[], stop: () => Promise<void> }>}
 */
export async function startDeno(entry, { allowRead = [], env = {}, allowEnv = [] } = {}) {
  const tmp = tempDir("oasview-deno-");
  const importMap = join(tmp.dir, "import_map.json");
  writeFileSync(importMap, JSON.stringify({ imports: { oasview: new URL(`file://${join(dist, "oasview.mjs")}`).href } }));
  const port = await freePort();
  const args = ["serve", "--no-config", "--no-lock", "--no-prompt", `--import-map=${importMap}`,
    `--allow-read=${[dist, examples, ...allowRead].join(",")}`,
    ...(allowEnv.length ? [`--allow-env=${allowEnv.join(",")}`] : []),
    "--host", "127.0.0.1", "--port", String(port), entry];
  const proc = launch(DENO, args, {
    cwd: tmp.dir,
    env: { PATH: process.env.PATH, HOME: tmp.dir, DENO_DIR: join(tmp.dir, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await ready(url, proc, "deno");
  } catch (error) {
    await stop(proc);
    tmp.remove();
    throw error;
  }
  return { url, log: proc.log, stop: async () => { await stop(proc); tmp.remove(); } };
}

/** Run a Deno script to completion; resolves { code, stdout, stderr }. */
export function runDeno(args, { cwd, env = {} } = {}) {
  const tmp = tempDir("oasview-deno-");
  mkdirSync(join(tmp.dir, "deno-dir"), { recursive: true });
  const proc = launch(DENO, args, {
    cwd: cwd ?? tmp.dir,
    env: { PATH: process.env.PATH, HOME: tmp.dir, DENO_DIR: join(tmp.dir, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...env },
  });
  return proc.exited.then(({ code }) => {
    tmp.remove();
    return { code, stdout: Buffer.concat(proc.out).toString(), stderr: Buffer.concat(proc.err).toString() };
  });
}
