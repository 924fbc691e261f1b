// synth.mjs - synthetic OpenAPI 3.1 documents of a chosen size, made by merging
// real corpus documents under renamed paths, webhooks and components.
//
//   node bench/synth.mjs --size 20MB [--format json|yaml] [--out FILE]
//
// Every copy of a source document gets a suffix: paths move under /cN, and
// components, webhooks and operationIds are renamed, so the result is one
// valid document whose $refs all resolve, and whose cost grows with its size.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDir, distDir, outDir } from "./lib.mjs";

const SOURCES = ["real-world/discord--openapi.json", "real-world/resend--resend.json", "real-world/sendgrid--tsg_webhooks_v3.yaml",
  "real-world/adyen--BalancePlatformConfigurationNotification-v2.json",
  "real-world/redocly-museum--openapi.yaml", "fastapi/include_router_defaults_overrides.json"];

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*(kb|mb|b)?$/i.exec(s);
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * ({ kb: 1024, mb: 1024 * 1024, b: 1 }[(m[2] ?? "b").toLowerCase()]));
}

function renameRefs(node, suffix) {
  if (Array.isArray(node)) return node.map((v) => renameRefs(v, suffix));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/components/")) {
      const parts = v.split("/");
      parts[3] = `${parts[3]}${suffix}`;
      out[k] = parts.join("/");
    } else if (k === "operationId" && typeof v === "string") {
      out[k] = `${v}${suffix}`;
    } else if (k === "mapping" && v && typeof v === "object" && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([mk, mv]) =>
        [mk, typeof mv === "string" && mv.startsWith("#/components/") ? renameRefs({ $ref: mv }, suffix).$ref : mv]));
    } else {
      out[k] = renameRefs(v, suffix);
    }
  }
  return out;
}

/** Load the source documents as plain values (YAML through our own loader, so nothing else is needed). */
async function sources(corpus) {
  const { createOasview } = await import(join(distDir, "oasview.mjs"));
  const ov = await createOasview();
  return SOURCES.map((rel) => {
    const doc = ov.load(readFileSync(join(corpus, rel)), { filename: rel });
    const value = doc.json();
    doc.dispose();
    return value;
  });
}

export async function synthesize(bytes, corpus, measure = (doc) => JSON.stringify(doc).length) {
  const docs = await sources(corpus);
  const merged = {
    openapi: "3.1.0",
    info: { title: `Synthetic ${Math.round(bytes / 1048576)} MB merge of corpus documents`, version: "1.0.0" },
    servers: [{ url: "https://api.example.com" }],
    tags: [], paths: {}, webhooks: {}, components: {},
  };
  const tagNames = new Set();
  let size = 0;
  for (let copy = 0; size < bytes; copy++) {
    const doc = docs[copy % docs.length];
    const suffix = `_c${copy}`;
    const renamed = renameRefs(doc, suffix);
    for (const [path, item] of Object.entries(renamed.paths ?? {})) merged.paths[`/c${copy}${path}`] = item;
    for (const [name, item] of Object.entries(renamed.webhooks ?? {})) merged.webhooks[`${name}${suffix}`] = item;
    for (const [type, entries] of Object.entries(renamed.components ?? {})) {
      merged.components[type] ??= {};
      for (const [name, value] of Object.entries(entries)) merged.components[type][`${name}${suffix}`] = value;
    }
    for (const tag of renamed.tags ?? []) if (!tagNames.has(tag.name)) { tagNames.add(tag.name); merged.tags.push(tag); }
    size += measure(doc);
  }
  return merged;
}

const merges = new Map();

/**
 * The load and lint benchmarks' synthetic merge of `sizeMB` MiB (JSON with one-space
 * indents, or YAML), made once per process and written to bench/out/ so that
 * a benchmark in another process (bench/probe.mjs) reads the same bytes.
 * @returns {Promise<{ text: string, file: string }>}
 */
export function mergedDocument(sizeMB, format = "json") {
  const key = `${sizeMB}-${format}`;
  if (!merges.has(key)) {
    merges.set(key, (async () => {
      const serialize = format === "yaml" ? toYaml : (v) => JSON.stringify(v, null, 1);
      const text = serialize(await synthesize(sizeMB * 1024 * 1024, corpusDir(), (d) => serialize(d).length));
      mkdirSync(outDir, { recursive: true });
      const file = join(outDir, `merge-${sizeMB}mb.${format}`);
      writeFileSync(file, text);
      return { text, file };
    })());
  }
  return merges.get(key);
}

export function toYaml(value) {
  // A small YAML 1.2 writer in the style people write by hand: block
  // collections, plain scalars where YAML 1.2 reads them back as the same
  // string, double quotes (JSON escapes are valid YAML) elsewhere.
  const out = [];
  const plain = /^[A-Za-z_/$][A-Za-z0-9_ ./$()-]*$/;
  const special = /^(true|false|null|y|n|yes|no|on|off|~|[-+]?\.?(inf|nan))$/i;
  const str = (k) => (plain.test(k) && !special.test(k) && !k.endsWith(" ") && !k.includes(" #") ? k : JSON.stringify(k));
  const key = str;
  function write(v, indent) {
    const pad = " ".repeat(indent);
    if (Array.isArray(v)) {
      if (!v.length) return " []";
      for (const item of v) {
        if (item && typeof item === "object" && Object.keys(item).length) {
          out.push(`\n${pad}-`);
          const tail = write(item, indent + 2);
          if (tail) out.push(tail);
        } else out.push(`\n${pad}- ${scalar(item)}`);
      }
      return "";
    }
    if (v && typeof v === "object") {
      const entries = Object.entries(v);
      if (!entries.length) return " {}";
      for (const [k, item] of entries) {
        if (item && typeof item === "object" && (Array.isArray(item) ? item.length : Object.keys(item).length)) {
          out.push(`\n${pad}${key(k)}:`);
          const tail = write(item, indent + 2);
          if (tail) out.push(tail);
        } else out.push(`\n${pad}${key(k)}: ${scalar(item)}`);
      }
      return "";
    }
    return ` ${scalar(v)}`;
  }
  function scalar(v) {
    if (Array.isArray(v)) return "[]";
    if (v && typeof v === "object") return "{}";
    return typeof v === "string" ? str(v) : JSON.stringify(v);
  }
  write(value, 0);
  return out.join("").slice(1) + "\n";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const corpus = process.env.OASVIEW_CORPUS ?? new URL("../../shared/corpus", import.meta.url).pathname;
  const yaml = opt("--format", "json") === "yaml";
  const serialize = yaml ? toYaml : (v) => JSON.stringify(v, null, 1);
  const text = serialize(await synthesize(parseSize(opt("--size", "1MB")), corpus, (doc) => serialize(doc).length));
  const out = opt("--out", null);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
