// schema.mjs - the JSON Schema 2020-12 engine in wasm under Node (issue 3), against
// ajv (2020 mode) and @hyperjump/json-schema, on the same schemas and instances:
//   (a) the JSON-Schema-Test-Suite's draft2020-12 schemas, every test instance;
//   (b) a webhook payload of 5 KB and of 500 KB against a real corpus schema
//       (Discord's MessageResponse, all its components as $defs), made by a small
//       deterministic generator below;
//   (c) the official OAS schema-base (with $dynamicRef "#meta") over a 1.2 MB document.
// "From text": JSON text in, verdict out (the JS engines pay JSON.parse, we pay our parser). Each engine gives
// its verdict alone: ours isValid(), hyperjump's default FLAG output ({ valid }, no errors), ajv's boolean (with
// its first error). For (a) ours is also timed through validate(), whose result carries the errors (made when read).
// "From values": parsed values in (our API takes text, so we pay JSON.stringify + parse).
// Timings alternate the engines in turns of >= 10 ms each (lib.mjs race(), sampleMs), every engine warmed up;
// each engine's timed loop is compiled apart (lib.mjs apart()), so its call sites see that engine alone.
// Targets: at least as fast as ajv from text, >= 10x faster than hyperjump, compile < 1 ms for a typical schema.
//
//   node bench/schema.mjs        (standalone: prints the table, writes bench/out/schema.{json,md})
import { readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apart, corpusDir, fmt, median, outDir, race, readText, save, table, distDir } from "./lib.mjs";
import { MEMORY_NOTE, memoryCell, probe } from "./probe.mjs";

const DIALECT = "https://json-schema.org/draft/2020-12/schema";

/* MARK: - A deterministic instance generator (valid data for a schema) */

const PATTERNS = { "^(0|[1-9][0-9]*)$": (n) => String(1000000000000000000n + BigInt(n) * 7919n), "^#(([0-9a-fA-F]{2}){3}|([0-9a-fA-F]){3})$": () => "#5865f2" };
const FORMATS = { "date-time": "2026-01-02T03:04:05Z", date: "2026-01-02", uri: "https://example.com/a", email: "a@example.com",
  uuid: "123e4567-e89b-12d3-a456-426614174000", int64: null, ipv4: "192.0.2.1", hostname: "example.com" };

export function generate(schema, defs, { seed = 1, depth = 0, optionalDepth = 1 } = {}) {
  let n = seed;
  const gen = (s, d) => {
    n++;
    if (s === true || s === undefined) return "x";
    if (s.$ref) return gen(defs[s.$ref.split("/").pop()], d);
    if ("const" in s) return s.const;
    if (s.enum) return s.enum[n % s.enum.length];
    if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => gen(x, d)));
    const branches = s.oneOf ?? s.anyOf;
    if (branches) {
      const nonNull = branches.filter((b) => b.type !== "null");
      return gen(nonNull[n % nonNull.length] ?? branches[0], d);
    }
    let type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    if (!type) type = s.properties ? "object" : s.items ? "array" : "string";
    switch (type) {
      case "object": {
        const out = {};
        const required = new Set(s.required ?? []);
        for (const [k, v] of Object.entries(s.properties ?? {})) {
          if (d > optionalDepth && !required.has(k)) continue; // keep payloads small and recursive schemas finite
          out[k] = gen(v, d + 1);
        }
        return out;
      }
      case "array": {
        const count = Math.max(s.minItems ?? 0, d > 2 ? 0 : Math.min(s.maxItems ?? 1, 1));
        return Array.from({ length: count }, () => gen(s.items ?? true, d + 1));
      }
      case "string": {
        if (s.pattern && PATTERNS[s.pattern]) return PATTERNS[s.pattern](n);
        if (s.format && FORMATS[s.format]) return FORMATS[s.format];
        let v = `text ${n}`;
        if (s.maxLength !== undefined) v = v.slice(0, s.maxLength);
        while (v.length < (s.minLength ?? 0)) v += "x";
        return v;
      }
      case "integer": {
        const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
        const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : lo + 1000);
        return Math.max(lo, Math.min(hi, lo + (n % 100)));
      }
      case "number": return (s.minimum ?? 0) + 0.5;
      case "boolean": return n % 2 === 0;
      case "null": return null;
      default: return null;
    }
  };
  return gen(schema, depth);
}

/** Discord's MessageResponse as a standalone schema (components -> $defs), and payloads of about `bytes`. */
function discordSchema(corpus) {
  const doc = JSON.parse(readText(join(corpus, "real-world/discord--openapi.json")));
  const text = JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/");
  const defs = JSON.parse(text);
  return { defs, schema: { $schema: DIALECT, $defs: defs, type: "array", items: { $ref: "#/$defs/MessageResponse" } } };
}

function payload(defs, bytes) {
  const items = [];
  let size = 2, seed = 1;
  // one message with its optional fields down to `optionalDepth` is ~8.5 KB (1) or ~4 KB (0)
  const optionalDepth = bytes < 8 * 1024 ? 0 : 1;
  while (size < bytes * 0.8) {
    const m = generate({ $ref: "#/$defs/MessageResponse" }, defs, { seed: seed++ * 1000, optionalDepth });
    size += JSON.stringify(m).length + 1;
    items.push(m);
  }
  return items;
}

/* MARK: - Contenders */

const NAMES = ["ours", "ajv", "hyperjump"];

/** The engines named (all by default), each imported only when named, so that a probe process holds just one. */
async function contenders(names = NAMES) {
  const { createOasview } = names.includes("ours") ? await import(join(distDir, "oasview.mjs")) : {};
  const Ajv2020 = names.includes("ajv") ? (await import("ajv/dist/2020.js")).default : null;
  const hj = names.includes("hyperjump") ? await import("@hyperjump/json-schema/draft-2020-12") : null;
  if (hj) await import("@hyperjump/json-schema/openapi-3-1"); // defines the OAS base vocabulary that schema-base's dialect declares
  const ov = createOasview ? await createOasview() : null;
  let uriCount = 0;
  return {
    ov,
    ours: {
      compile: (schema, resources) => ov.compileJsonSchema(typeof schema === "string" ? schema : JSON.stringify(schema), { resources }),
      fromText: (c, text) => c.isValid(text),
      fromValue: (c, value) => c.isValid(JSON.stringify(value)),
      withErrors: (c, text) => c.validate(text).valid, // { valid, errors }: the errors made when read
      free: (c) => c.dispose(),
    },
    ajv: {
      compile: (schema, resources) => {
        const ajv = new Ajv2020({ strict: false, validateFormats: false });
        for (const [uri, s] of Object.entries(resources ?? {})) ajv.addSchema(typeof s === "string" ? JSON.parse(s) : s, uri);
        return ajv.compile(typeof schema === "string" ? JSON.parse(schema) : schema);
      },
      fromText: (c, text) => c(JSON.parse(text)),
      fromValue: (c, value) => c(value),
      free: () => {},
    },
    hyperjump: {
      // registerSchema + compile (async); validators are then synchronous
      compile: async (schema, resources) => {
        const uris = [];
        for (const [uri, s] of Object.entries(resources ?? {})) {
          if (!hj.hasSchema(uri)) { hj.registerSchema(typeof s === "string" ? JSON.parse(s) : s, uri, DIALECT); uris.push(uri); }
        }
        const value = typeof schema === "string" ? JSON.parse(schema) : schema;
        const uri = typeof value === "object" && value.$id ? value.$id : `https://bench.oasview.invalid/schema-${uriCount++}`;
        if (hj.hasSchema(uri)) hj.unregisterSchema(uri);
        hj.registerSchema(value, uri, DIALECT);
        uris.push(uri);
        const v = await hj.validate(uri);
        v.uris = uris;
        return v;
      },
      fromText: (c, text) => c(JSON.parse(text)).valid,
      fromValue: (c, value) => c(value).valid,
      free: (c) => { for (const u of c.uris) hj.unregisterSchema(u); },
    },
  };
}

/* MARK: - (a) the test suite */

function suiteGroups(corpus) {
  const dir = join(corpus, "json-schema-test-suite/tests/draft2020-12");
  const groups = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    for (const g of JSON.parse(readText(join(dir, f)))) {
      if (JSON.stringify(g.schema).includes("localhost:1234")) continue; // remote refs: each engine registers them differently
      groups.push({ file: f, ...g, texts: g.tests.map((t) => JSON.stringify(t.data)) });
    }
  }
  return groups;
}

/** A timed pass over the suite: every compiled schema `cs[i]` checks each of its `inputs[i]`. */
const PASS = (check, cs, inputs) => () => {
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    for (const input of inputs[i]) check(c, input);
  }
};
/** A timed call for (b) and (c): one compiled schema, one input. */
const ONCE = (check, c, input) => () => check(c, input);

async function suite(all, corpus) {
  const groups = suiteGroups(corpus);
  // Compile every group in every engine (timed one by one); drop the groups an engine refuses.
  const compiled = Object.fromEntries(NAMES.map((n) => [n, []]));
  const compileMs = Object.fromEntries(NAMES.map((n) => [n, []]));
  const usable = [];
  for (const g of groups) {
    const got = {};
    try {
      for (const n of NAMES) {
        const t0 = performance.now();
        got[n] = await all[n].compile(g.schema);
        compileMs[n].push(performance.now() - t0);
      }
      // an engine that throws on an instance (ajv overflows its stack on some $dynamicRef cycles) drops the group
      for (const n of NAMES) for (const t of g.tests) all[n].fromValue(got[n], t.data);
    } catch { for (const n of NAMES) if (got[n]) all[n].free(got[n]); continue; }
    usable.push(g);
    for (const n of NAMES) compiled[n].push(got[n]);
  }
  const instances = usable.reduce((a, g) => a + g.tests.length, 0);
  const dropped = groups.length - usable.length;
  const verdicts = Object.fromEntries(NAMES.map((n) => [n, 0]));
  for (const n of NAMES) usable.forEach((g, i) => g.tests.forEach((t) => { verdicts[n] += all[n].fromValue(compiled[n][i], t.data) === t.valid; }));
  const timing = { minReps: 20, minMs: 1500, maxReps: 400, sampleMs: 10 };
  // one loop per engine, each compiled apart (lib.mjs apart()): a program that uses one engine has its call sites to itself
  const pass = (check, cs, inputs) => apart(PASS)(check, cs, inputs);
  const texts = usable.map((g) => g.texts), values = usable.map((g) => g.tests.map((t) => t.data));
  const fromText = race({
    ...Object.fromEntries(NAMES.map((n) => [n, pass(all[n].fromText, compiled[n], texts)])),
    "ours validate()": pass(all.ours.withErrors, compiled.ours, texts),
  }, timing);
  const fromValue = race(Object.fromEntries(NAMES.map((n) => [n, pass(all[n].fromValue, compiled[n], values)])), timing);
  for (const n of NAMES) compiled[n].forEach((c) => all[n].free(c));
  return { groups: usable.length, dropped, instances, verdicts, fromText, fromValue,
    compile: Object.fromEntries(NAMES.map((n) => [n, { median: median(compileMs[n]), max: Math.max(...compileMs[n]) }])) };
}

/* MARK: - (b), (c): one schema, one instance */

async function single(all, schema, resources, text, opts) {
  const compiled = {}, compileMs = {}, failed = {};
  for (const n of NAMES) {
    // compile time: median of 5 fresh compiles; an engine that cannot compile or run the schema is left out
    const ts = [];
    try {
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const c = await all[n].compile(schema, resources);
        ts.push(performance.now() - t0);
        if (i < 4) all[n].free(c); else compiled[n] = c;
      }
      all[n].fromText(compiled[n], text);
      compileMs[n] = median(ts);
    } catch (e) {
      failed[n] = String(e.message ?? e).split("\n")[0].slice(0, 160);
      if (compiled[n]) all[n].free(compiled[n]);
      delete compiled[n];
    }
  }
  const names = NAMES.filter((n) => compiled[n]);
  const value = JSON.parse(text);
  const verdicts = Object.fromEntries(names.map((n) => [n, all[n].fromText(compiled[n], text)]));
  const once = (check, c, input) => apart(ONCE)(check, c, input); // each engine's call site its own, as in the suite
  const fromText = race(Object.fromEntries(names.map((n) => [n, once(all[n].fromText, compiled[n], text)])), opts);
  const fromValue = race(Object.fromEntries(names.map((n) => [n, once(all[n].fromValue, compiled[n], value)])), opts);
  for (const n of names) all[n].free(compiled[n]);
  return { bytes: Buffer.byteLength(text), verdicts, fromText, fromValue, compileMs, failed };
}

/* MARK: - Report */

const ratio = (r, other) => (r[other] ? `${fmt(r[other].median / r.ours.median, 2)}×` : "failed");
const ms = (r, n, d = 3) => (r[n] ? `${fmt(r[n].median, d)} ms` : "failed");
const cms = (r, n) => (r.compileMs[n] !== undefined ? `${fmt(r.compileMs[n], 2)}` : "failed");

/** Cases (b) and (c): one schema (with the resources it references) and one instance as JSON text. */
function singleCase(corpus, name) {
  if (name.startsWith("payload")) {
    const { defs, schema } = discordSchema(corpus);
    return { schema, text: JSON.stringify(payload(defs, name === "payload 5 KB" ? 5 * 1024 : 500 * 1024)) };
  }
  const pub = join(corpus, "oas-schemas/published");
  const resources = {
    "https://spec.openapis.org/oas/3.1/schema/2025-11-23": readText(join(pub, "schema-2025-11-23.json")),
    "https://spec.openapis.org/oas/3.1/dialect/2024-11-10": readText(join(pub, "dialect-2024-11-10.json")),
    "https://spec.openapis.org/oas/3.1/meta/2024-11-10": readText(join(pub, "meta-2024-11-10.json")),
  };
  return { schema: readText(join(pub, "schema-base-2025-11-23.json")), resources, text: readText(join(corpus, "real-world/discord--openapi.json")) };
}

const CASES = ["suite", "payload 5 KB", "payload 500 KB", "schema-base"];

/**
 * One engine on one case, for bench/probe.mjs (a fresh process per engine): the run is
 * compile + validate from text, every schema and instance of the suite for (a).
 */
export async function probeSetup(tool, { name }) {
  const corpus = corpusDir();
  const all = await contenders([tool]), engine = all[tool];
  const wasm = all.ov ? () => ({ heapPeak: all.ov.heapPeak, heapUsed: all.ov.heapUsed, memoryBytes: all.ov.memoryBytes }) : undefined;
  const warm = async () => { const c = await engine.compile({ $schema: DIALECT, type: "object", properties: { a: { type: "string" } } }); engine.fromText(c, '{"a":"x"}'); engine.free(c); };
  if (name === "suite") {
    const groups = suiteGroups(corpus);
    return { warm, wasm, run: async () => {
      const kept = [];
      for (const g of groups) {
        try {
          const c = await engine.compile(g.schema);
          kept.push(c);
          for (const t of g.texts) engine.fromText(c, t);
        } catch { /* the timed run leaves out the groups an engine refuses or throws on */ }
      }
      return kept;
    } };
  }
  const { schema, resources, text } = singleCase(corpus, name);
  return { warm, wasm, run: async () => { const c = await engine.compile(schema, resources); return [c, engine.fromText(c, text)]; } };
}

const self = fileURLToPath(import.meta.url);

export async function run() {
  const corpus = corpusDir();
  const all = await contenders();
  const results = {};
  console.error("schema: (a) test suite");
  results.suite = await suite(all, corpus);
  for (const name of ["payload 5 KB", "payload 500 KB"]) {
    console.error(`schema: (b) ${name}`);
    const { schema, text } = singleCase(corpus, name);
    results[name] = await single(all, schema, undefined, text,
      name === "payload 500 KB" ? { minReps: 10, minMs: 1500, maxReps: 100, sampleMs: 10 } : { minReps: 20, minMs: 1000, maxReps: 400, sampleMs: 10 });
  }
  console.error("schema: (c) schema-base over discord (1.2 MB)");
  try {
    const { schema, resources, text } = singleCase(corpus, "schema-base");
    results["schema-base"] = await single(all, schema, resources, text, { minReps: 5, minMs: 1500, maxReps: 30, sampleMs: 10 });
  } catch (e) {
    results["schema-base"] = { error: String(e.message ?? e) };
  }

  const rows = [];
  const s = results.suite;
  rows.push([`(a) test suite: ${s.groups} schemas (${s.dropped} left out: an engine refused or threw), ${s.instances} instances (right verdicts: ours ${s.verdicts.ours}, ajv ${s.verdicts.ajv}, hyperjump ${s.verdicts.hyperjump})`,
    `${fmt(s.fromText.ours.median, 2)} ms (validate(), errors when read: ${fmt(s.fromText["ours validate()"].median, 2)} ms)`,
    `ajv ${fmt(s.fromText.ajv.median, 2)} ms (${ratio(s.fromText, "ajv")}); hyperjump ${fmt(s.fromText.hyperjump.median, 2)} ms (${ratio(s.fromText, "hyperjump")}; ${fmt(s.fromText.hyperjump.median / s.fromText["ours validate()"].median, 2)}× through validate())`,
    `ours ${fmt(s.fromValue.ours.median, 2)} ms; ajv ${ratio(s.fromValue, "ajv")}; hyperjump ${ratio(s.fromValue, "hyperjump")}`,
    `median ours ${fmt(s.compile.ours.median, 3)} ms (max ${fmt(s.compile.ours.max, 2)}); ajv ${fmt(s.compile.ajv.median, 3)}; hyperjump ${fmt(s.compile.hyperjump.median, 3)}`]);
  for (const k of ["payload 5 KB", "payload 500 KB", "schema-base"]) {
    const r = results[k];
    const label = k === "schema-base" ? "(c) OAS schema-base over discord (1.2 MB)" : `(b) Discord MessageResponse[] ${k}`;
    if (r.error) { rows.push([label, "—", `failed: ${r.error}`, "", ""]); continue; }
    const v = (n) => (n in r.verdicts ? r.verdicts[n] : `failed (${r.failed[n]})`);
    rows.push([`${label}, ${fmt(r.bytes / 1024, 0)} KB (valid: ours ${v("ours")}, ajv ${v("ajv")}, hyperjump ${v("hyperjump")})`,
      `${ms(r.fromText, "ours")} [${fmt(r.fromText.ours.min, 3)}–${fmt(r.fromText.ours.max, 3)}]`,
      `ajv ${ms(r.fromText, "ajv")} (${ratio(r.fromText, "ajv")}); hyperjump ${ms(r.fromText, "hyperjump")} (${ratio(r.fromText, "hyperjump")})`,
      `ours ${ms(r.fromValue, "ours")}; ajv ${ratio(r.fromValue, "ajv")}; hyperjump ${ratio(r.fromValue, "hyperjump")}`,
      `ours ${cms(r, "ours")} ms; ajv ${cms(r, "ajv")}; hyperjump ${cms(r, "hyperjump")}`]);
  }
  // Peak memory of each engine alone, in a fresh process (bench/probe.mjs): compile + validate from text, once.
  console.error("schema: memory");
  const memory = {};
  for (const name of CASES) {
    memory[name] = {};
    for (const tool of NAMES) memory[name][tool] = await probe({ module: self, tool, args: { name } });
  }
  results.memory = memory;
  const caseLabel = { suite: `(a) test suite (${s.groups + s.dropped} schemas, every instance)`, "payload 5 KB": "(b) payload 5 KB", "payload 500 KB": "(b) payload 500 KB", "schema-base": "(c) schema-base over discord (1.2 MB)" };
  const markdown = "JSON Schema 2020-12 (wasm under Node). Ratio = their median time / ours (> 1: we are faster). Timings alternate the contenders in one run, in turns of at least 10 ms each (a turn repeats the run; its mean counts), each contender's loop compiled apart so that its call sites are its own; the machine is shared, so expect noise. Verdicts only: ours isValid(), hyperjump's FLAG output, ajv's boolean.\n\n" +
    table(["case", "oasview from text (median)", "from text: anchors (ratio)", "from parsed values (ratio)", "compile"], rows) +
    `\n\n${MEMORY_NOTE} Here the run is compiling the schema (for (a): each of the suite's schemas; an engine's refusals are skipped) and validating the instance from text; the compiled schemas are kept until the end of the run.\n\n` +
    table(["case", "oasview", "ajv", "hyperjump"], CASES.map((name) => [caseLabel[name], ...NAMES.map((tool) => memoryCell(memory[name][tool]))]));
  // Targets (issue 3), from text: ratios across the suite, the payloads and schema-base.
  const cases = [results.suite, results["payload 5 KB"], results["payload 500 KB"], results["schema-base"]].filter((r) => r && !r.error);
  const ratios = (other) => cases.filter((r) => r.fromText[other]).map((r) => r.fromText[other].median / r.fromText.ours.median);
  const worst = (xs) => (xs.length ? Math.min(...xs) : NaN);
  const typicalCompile = results.suite.compile.ours.median;
  const targets = [
    { issue: 3, target: "at least as fast as ajv from JSON text (suite, 5 KB and 500 KB payloads, schema-base)", measured: `${ratios("ajv").map((x) => `${fmt(x, 2)}×`).join(", ")} (ajv time / ours)`, met: worst(ratios("ajv")) >= 1 },
    { issue: 3, target: "≥ 10× faster than @hyperjump/json-schema from text", measured: `${ratios("hyperjump").map((x) => `${fmt(x, 1)}×`).join(", ")}`, met: worst(ratios("hyperjump")) >= 10 },
    { issue: 3, target: "compile time of a typical schema < 1 ms (median over the suite's schemas)", measured: `${fmt(typicalCompile, 3)} ms`, met: typicalCompile < 1 },
  ];
  return { name: "JSON Schema 2020-12 engine", markdown, results, targets };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await run();
  console.log(r.markdown);
  save("schema", r.results);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "schema.md"), r.markdown + "\n");
}
