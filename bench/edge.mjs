// edge.mjs - oasview in workerd (Cloudflare's runtime), against ajv and
// @seriousme/openapi-schema-validator bundled into a worker with esbuild:
// cold start (module instantiation), per-request CPU for validating a ~300 KB
// spec and a ~5 KB webhook payload, and the sizes a worker ships.
// Targets (issue 7): instantiation <= 10 ms; payload validation <= 0.1 ms for 5 KB after warm-up.
//
// workerd freezes clocks while JS runs (a Spectre mitigation), so times are
// taken from outside over loopback: a request that repeats the work R times
// against one that does nothing, divided by R. All servers listen on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchDir, corpusDir, fmt, isMain, median, root, save, table, distDir } from "./lib.mjs";
import { startWorkerd } from "../wasm-tests/edge/runtimes.mjs";

const SPEC = "real-world/resend--resend.json";                                    // ~300 KB
const HOOKS = "real-world/adyen--BalancePlatformConfigurationNotification-v2.json"; // webhooks for the payload
const HOOK = "balancePlatform.accountHolder.created";

/** A valid delivery of HOOK grown to about `size` bytes (more entries in its arrays and maps). */
async function bigPayload(ov, hooksText, size) {
  const doc = ov.load(hooksText);
  const id = `webhooks/${HOOK}/post`;
  const base = JSON.parse(doc.entry(id).requestBody.content[0].examples[0].value);
  let p = structuredClone(base);
  // grow the account holder's description and add capabilities entries until the size is reached
  const holder = p.data.accountHolder;
  holder.capabilities ??= {};
  const template = Object.values(holder.capabilities)[0] ?? { enabled: true, requested: true, allowed: false, verificationStatus: "pending" };
  let i = 0;
  while (JSON.stringify(p).length < size) {
    holder.capabilities[`capability${i++}`] = structuredClone(template);
  }
  const r = doc.validatePayload(id, p);
  doc.dispose();
  if (!r.valid) throw new Error(`the grown payload is not valid: ${JSON.stringify(r.errors.slice(0, 2))}`);
  return JSON.stringify(p);
}

const OASVIEW_WORKER = `
import wasm from "./oasview.wasm";
import spec from "./spec.json";
import hooks from "./hooks.json";
import payload from "./payload.json";
import { createOasview } from "oasview";
let ov = null, hooksDoc = null;
const ID = ${JSON.stringify(`webhooks/${HOOK}/post`)};
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const reps = Number(url.searchParams.get("reps") ?? 1);
    if (url.pathname === "/noop") return new Response("0");
    if (url.pathname === "/init") { ov ??= await createOasview({ wasm }); return new Response("1"); }
    ov ??= await createOasview({ wasm });
    let n = 0;
    if (url.pathname === "/spec") {
      for (let i = 0; i < reps; i++) { const d = ov.load(spec, { filename: "spec.json" }); n += d.diagnostics.length; d.dispose(); }
    } else if (url.pathname === "/payload") {
      hooksDoc ??= ov.load(hooks, { filename: "hooks.json", validate: false });
      for (let i = 0; i < reps; i++) n += hooksDoc.validatePayload(ID, payload).valid ? 1 : 0;
    }
    return new Response(String(n));
  },
};`;

const AJV_WORKER = `
import validatePayload from "./payload-validate.cjs";
import payload from "./payload.json";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const reps = Number(url.searchParams.get("reps") ?? 1);
    let n = 0;
    if (url.pathname === "/payload") for (let i = 0; i < reps; i++) n += validatePayload(JSON.parse(payload)) ? 1 : 0;
    return new Response(String(n));
  },
};`;

// @seriousme/openapi-schema-validator as a worker: it reads its schemas with node:fs when imported.
const SERIOUSME_WORKER = `
import spec from "./spec.json";
import { Validator } from "@seriousme/openapi-schema-validator";
const validator = new Validator();
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const reps = Number(url.searchParams.get("reps") ?? 1);
    let n = 0;
    if (url.pathname === "/spec") for (let i = 0; i < reps; i++) n += (await validator.validate(JSON.parse(spec))).valid ? 1 : 0;
    return new Response(String(n));
  },
};`;

async function timeRequest(url) {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** Median wall time of `reps` repetitions inside one request, minus a no-op request, per repetition (ms). */
async function perOp(server, path, reps, rounds) {
  const work = [], noop = [];
  for (let i = 0; i < rounds; i++) {
    noop.push((await timeRequest(`${server.url}/noop`)).ms);
    const r = await timeRequest(`${server.url}${path}?reps=${reps}`);
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}: ${r.body.slice(0, 200)}`);
    work.push(r.ms);
  }
  return Math.max(0, median(work) - median(noop)) / reps;
}

async function startTimed(modules) {
  const t0 = performance.now();
  const server = await startWorkerd(modules);
  return { server, readyMs: performance.now() - t0 };
}

export async function run({ quick = false } = {}) {
  const { createOasview } = await import(join(distDir, "oasview.mjs"));
  const esbuild = await import("esbuild");
  const Ajv2020 = (await import("ajv/dist/2020.js")).default;
  const standaloneCode = (await import("ajv/dist/standalone/index.js")).default;
  const corpus = corpusDir();
  const specText = readFileSync(join(corpus, SPEC), "utf8");
  const hooksText = readFileSync(join(corpus, HOOKS), "utf8");
  const ov = await createOasview();
  const payload = await bigPayload(ov, hooksText, 5 * 1024);
  const tmp = mkdtempSync(join(tmpdir(), "oasview-bench-edge-"));
  const file = (name, text) => { const p = join(tmp, name); writeFileSync(p, text); return p; };
  const rounds = quick ? 5 : 15;
  const results = { spec: { file: SPEC, bytes: Buffer.byteLength(specText) }, payload: { webhook: HOOK, bytes: payload.length }, contenders: {} };
  const servers = [];
  try {
    // oasview: the package's files as they are, no bundling.
    const oasviewModules = [
      { name: "worker.mjs", type: "esModule", path: file("oasview-worker.mjs", OASVIEW_WORKER) },
      { name: "oasview", type: "esModule", path: join(distDir, "oasview.mjs") },
      { name: "oasview.wasm", type: "wasm", path: join(distDir, "oasview.wasm") },
      { name: "spec.json", type: "text", path: file("spec.json", specText) },
      { name: "hooks.json", type: "text", path: file("hooks.json", hooksText) },
      { name: "payload.json", type: "text", path: file("payload.json", payload) },
    ];
    // ajv: the payload schema compiled to standalone code here (workerd forbids new Function),
    // and @seriousme/openapi-schema-validator (ajv inside) bundled as it is.
    const hooks = JSON.parse(hooksText);
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false, code: { source: true } });
    const schema = { ...hooks.webhooks[HOOK].post.requestBody.content["application/json"].schema, components: hooks.components };
    const validate = ajv.compile(schema);
    if (!validate(JSON.parse(payload))) throw new Error(`ajv rejects the payload: ${JSON.stringify(validate.errors)}`);
    file("payload-validate.cjs", standaloneCode(ajv, validate));
    file("spec.json", specText);
    file("payload.json", payload);
    file("ajv-entry.mjs", AJV_WORKER);
    file("seriousme-entry.mjs", SERIOUSME_WORKER);
    const bundle = (entry, out) => esbuild.build({
      entryPoints: [join(tmp, entry)], bundle: true, format: "esm", platform: "neutral", minify: true,
      outfile: join(tmp, out), loader: { ".json": "text" }, mainFields: ["module", "main"],
      conditions: ["workerd", "worker", "browser"], nodePaths: [join(benchDir, "node_modules")], logLevel: "silent",
      external: ["node:*"],
    });
    await bundle("ajv-entry.mjs", "ajv-worker.mjs");
    await bundle("seriousme-entry.mjs", "seriousme-worker.mjs");
    const ajvModules = [{ name: "worker.mjs", type: "esModule", path: join(tmp, "ajv-worker.mjs") }];

    const sizes = {
      oasview: { wasm: readFileSync(join(distDir, "oasview.wasm")), js: readFileSync(join(distDir, "oasview.mjs")) },
      ajv: { js: readFileSync(join(tmp, "ajv-worker.mjs")) },
    };
    const sizeOf = (b) => b ? { raw: b.length, gzip: gzipSync(b, { level: 9 }).length } : null;
    for (const [k, v] of Object.entries(sizes)) results.contenders[k] = { sizes: { wasm: sizeOf(v.wasm), js: sizeOf(v.js) } };
    results.contenders.ajv.note = "bundle includes the payload text";

    // Cold start: workerd ready (includes compiling the modules), then instantiation.
    const o = await startTimed(oasviewModules);
    servers.push(o.server);
    const noop = (await timeRequest(`${o.server.url}/noop`)).ms;
    const init = (await timeRequest(`${o.server.url}/init`)).ms;
    const noop2 = [];
    for (let i = 0; i < 5; i++) noop2.push((await timeRequest(`${o.server.url}/noop`)).ms);
    results.contenders.oasview.readyMs = o.readyMs;
    results.contenders.oasview.instantiateMs = Math.max(0, init - median(noop2));
    results.contenders.oasview.firstRequestMs = noop;
    const firstPayload = (await timeRequest(`${o.server.url}/payload?reps=1`)).ms - median(noop2);
    results.contenders.oasview.firstPayloadMs = firstPayload;
    await perOp(o.server, "/payload", 200, 2); // warm-up (JIT tiers)
    results.contenders.oasview.payloadMs = await perOp(o.server, "/payload", quick ? 500 : 2000, rounds);
    results.contenders.oasview.specMs = await perOp(o.server, "/spec", quick ? 2 : 5, rounds);

    const a = await startTimed(ajvModules);
    servers.push(a.server);
    results.contenders.ajv.readyMs = a.readyMs;
    await perOp(a.server, "/payload", 200, 2);
    results.contenders.ajv.payloadMs = await perOp(a.server, "/payload", quick ? 500 : 2000, rounds);
    try {
      const sm = await startTimed([{ name: "worker.mjs", type: "esModule", path: join(tmp, "seriousme-worker.mjs") }]);
      servers.push(sm.server);
      results.contenders.seriousme = { readyMs: sm.readyMs, specMs: await perOp(sm.server, "/spec", quick ? 2 : 5, rounds) };
    } catch (error) {
      const why = /No such module "([^"]+)"/.exec(error.message);
      results.contenders.seriousme = { error: why ? `cannot start in workerd: it imports ${why[1]}` : String(error.message).split("\n")[0].slice(0, 160) };
    }
    // The spec in Node as a reference, where @seriousme runs.
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    const validator = new Validator();
    const nodeTimes = { oasview: [], seriousme: [] };
    for (let i = 0; i < (quick ? 3 : 8); i++) {
      let t0 = performance.now();
      ov.load(specText, { filename: "spec.json" }).dispose();
      nodeTimes.oasview.push(performance.now() - t0);
      t0 = performance.now();
      await validator.validate(JSON.parse(specText));
      nodeTimes.seriousme.push(performance.now() - t0);
    }
    results.node = { specMs: { oasview: median(nodeTimes.oasview), seriousme: median(nodeTimes.seriousme) } };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(tmp, { recursive: true, force: true });
  }

  const c = results.contenders;
  const ms = (v, d = 3) => (v === undefined ? "n/a" : `${fmt(v, d)} ms`);
  const kb = (s) => (s ? `${fmt(s.raw / 1024, 0)} KB (${fmt(s.gzip / 1024, 0)} KB gz)` : "–");
  const rows = [
    ["oasview (wasm)", ms(c.oasview.readyMs, 0), ms(c.oasview.instantiateMs, 1), ms(c.oasview.specMs, 1), ms(c.oasview.payloadMs, 4), `${kb(c.oasview.sizes.wasm)} + ${kb(c.oasview.sizes.js)} JS`],
    ["ajv, standalone code (esbuild bundle)", ms(c.ajv.readyMs, 0), "–", "–", ms(c.ajv.payloadMs, 4), `${kb(c.ajv.sizes.js)} JS`],
    ["@seriousme/openapi-schema-validator (esbuild bundle)", c.seriousme.error ? c.seriousme.error : ms(c.seriousme.readyMs, 0), "–",
      c.seriousme.error ? "–" : ms(c.seriousme.specMs, 1), "–", "–"],
  ];
  const targets = [
    { issue: 7, target: "workerd: instantiation <= 10 ms", measured: ms(c.oasview.instantiateMs, 1), met: c.oasview.instantiateMs <= 10 },
    { issue: 7, target: "workerd: 5 KB payload validation <= 0.1 ms after warm-up", measured: ms(c.oasview.payloadMs, 4), met: c.oasview.payloadMs <= 0.1 },
  ];
  const markdown = [
    `In workerd on 127.0.0.1. Spec: \`${SPEC}\` (${fmt(results.spec.bytes / 1024, 0)} KB, load + full validation). Payload: a ${fmt(results.payload.bytes / 1024, 1)} KB delivery of the Adyen webhook \`${HOOK}\` checked against its documented schema (oasview: \`doc.validatePayload\`, schema compiled once; ajv: the same schema compiled to standalone code ahead of time, since workerd forbids \`new Function\`). Times per operation, from outside: a request repeating the work R times minus a no-op request, divided by R (median of ${rounds} rounds). "ready" is workerd's start-up until the first answer (it compiles the modules); instantiation is the first \`createOasview({ wasm })\`.`,
    "", table(["contender", "workerd ready", "instantiation", "spec (~300 KB)", "payload (5 KB)", "shipped"], rows),
    "", `The same spec in Node (where @seriousme runs): oasview ${ms(results.node.specMs.oasview, 1)}, @seriousme/openapi-schema-validator ${ms(results.node.specMs.seriousme, 1)} (ratio ${fmt(results.node.specMs.seriousme / results.node.specMs.oasview, 2)}).`,
    `Payload: ajv's precompiled code takes ${fmt(c.ajv.payloadMs / c.oasview.payloadMs, 2)}× oasview's time (below 1: ajv is faster).`,
  ].join("\n");
  save("edge", results);
  return { name: "Edge: workerd", markdown, results, targets, charts: {} };
}

if (isMain(import.meta.url)) {
  const out = await run({ quick: process.argv.includes("--quick") });
  console.log(out.markdown);
  console.log(out.targets.map((t) => `${t.met ? "met" : "NOT met"}: ${t.target}: ${t.measured}`).join("\n"));
}
