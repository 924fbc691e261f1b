#!/usr/bin/env node
// oasview.mjs - `oasview` over the wasm build, for Node. Prints what the
// native CLI prints (the text lines come from the same C code).
//
//   oasview lint FILE... [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config oasview.json]
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The built package: dist/, or OASVIEW_DIST (a scratch build under test, as in wasm-tests and bench).
const packageUrl = process.env.OASVIEW_DIST
  ? pathToFileURL(join(resolve(process.env.OASVIEW_DIST), "oasview.mjs")).href
  : new URL("../dist/oasview.mjs", import.meta.url).href;
const { createOasview } = await import(packageUrl);

// `$ref`s to other files, as src/cli/io.c reads them: URIs come resolved against the referring file's path;
// file: URIs are read too, other schemes (https:) are not served (a warning: the CLI never touches the network).
const REF_READ_ERRORS = { ENOENT: "No such file or directory", EACCES: "Permission denied", ENOTDIR: "Not a directory" };
function readRef(uri) {
  let path = uri;
  const scheme = /^[A-Za-z0-9+.-]+:/.exec(uri);
  if (scheme) {
    if (scheme[0].toLowerCase() !== "file:") return undefined;
    path = uri.slice(5);
    if (path.startsWith("//localhost/")) path = path.slice(11);
    else if (path.startsWith("///")) path = path.slice(2);
    else if (path.startsWith("//")) return undefined; // a file on another host
  }
  path = path.split("?")[0];
  try { path = decodeURIComponent(path); } catch { /* a stray %: the path as written */ }
  try {
    return readFileSync(path === "-" ? "./-" : path); // "-" is standard input only on the command line
  } catch (error) {
    throw new Error(REF_READ_ERRORS[error.code] ?? "the file cannot be read");
  }
}

const USAGE = `usage: oasview lint FILE... [--format text|json|sarif|github] [--fail-on error|warning|info|hint] [--config oasview.json]
       oasview schema validate SCHEMA INSTANCE [--format text|json] [--output basic|detailed] [--format-assertion]
       oasview model FILE
       oasview --version
Reads OpenAPI 3.1 documents (JSON or YAML; FILE - reads standard input) and prints what is wrong with them.
`;
const VERSION = "0.1.0";

let rulesText = null, configName = null;

function main(argv) {
  if (argv[0] === "--version") { process.stdout.write(`oasview ${VERSION}\n`); return 0; }
  if (argv[0] === "--help" || argv[0] === "-h") { process.stdout.write(USAGE); return 0; }
  if (argv[0] !== "lint") { process.stderr.write(USAGE); return 2; }
  let format = "text", failOn = "error", config = null;
  const files = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--format" && i + 1 < argv.length) format = argv[++i];
    else if (argv[i] === "--fail-on" && i + 1 < argv.length) failOn = argv[++i];
    else if (argv[i] === "--config" && i + 1 < argv.length) config = argv[++i];
    else if (argv[i].startsWith("--")) { process.stderr.write(`oasview: unknown option ${argv[i]}\n${USAGE}`); return 2; }
    else files.push(argv[i]);
  }
  if (!["text", "json", "sarif", "github"].includes(format)) { process.stderr.write("oasview: --format must be text, json, sarif or github\n"); return 2; }
  if (!["error", "warning", "info", "hint"].includes(failOn)) { process.stderr.write("oasview: --fail-on must be error, warning, info or hint\n"); return 2; }
  if (config !== null) {
    try {
      rulesText = readFileSync(config, "utf8");
    } catch (error) {
      process.stderr.write(`oasview: cannot read ${config}: ${error.code === "ENOENT" ? "No such file or directory" : error.message}\n`);
      return 2;
    }
    configName = config;
  }
  if (files.length === 0) { process.stderr.write(USAGE); return 2; }
  return files;
}

// `oasview schema validate SCHEMA INSTANCE`: the same lines as src/cli/schema.c.
const SCHEMA_USAGE = `usage: oasview schema validate SCHEMA INSTANCE [--format text|json] [--output basic|detailed] [--format-assertion]
Validates INSTANCE (JSON or YAML) against the JSON Schema (draft 2020-12) in SCHEMA.
`;
async function schemaCommand(argv) {
  if (argv[0] !== "validate") { process.stderr.write(SCHEMA_USAGE); return 2; }
  let format = "text", output = "basic", formatAssertion = false;
  const files = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--format" && i + 1 < argv.length) format = argv[++i];
    else if (argv[i] === "--output" && i + 1 < argv.length) output = argv[++i];
    else if (argv[i] === "--format-assertion") formatAssertion = true;
    else if (argv[i].startsWith("--")) { process.stderr.write(`oasview: unknown option ${argv[i]}\n${SCHEMA_USAGE}`); return 2; }
    else if (files.length < 2) files.push(argv[i]);
    else { process.stderr.write(SCHEMA_USAGE); return 2; }
  }
  if (files.length !== 2) { process.stderr.write(SCHEMA_USAGE); return 2; }
  if (format !== "text" && format !== "json") { process.stderr.write("oasview: --format must be text or json\n"); return 2; }
  if (output !== "basic" && output !== "detailed") { process.stderr.write("oasview: --output must be basic or detailed\n"); return 2; }
  if (output === "detailed") format = "json";
  const texts = [];
  for (const file of files) {
    try {
      texts.push(readFileSync(file === "-" ? 0 : file));
    } catch (error) {
      process.stderr.write(`oasview: cannot read ${file}: ${error.code === "ENOENT" ? "No such file or directory" : error.message}\n`);
      return 2;
    }
  }
  const { createOasview: create, JsonSchemaError } = await import(packageUrl);
  const ov = await create();
  let schema;
  try {
    schema = ov.compileJsonSchema(texts[0], { formatAssertion });
  } catch (error) {
    if (!(error instanceof JsonSchemaError)) throw error;
    if (format === "json") process.stdout.write(`${JSON.stringify({ valid: false, errors: error.errors })}\n`);
    else {
      for (const e of error.errors) process.stdout.write(`${files[0]}:${e.keywordLocation || "/"}: ${e.message}\n`);
      process.stdout.write("the schema cannot be used\n");
    }
    return 2;
  }
  const r = schema.validate(texts[1], { output });
  schema.dispose();
  if (format === "json") process.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    for (const e of r.errors) process.stdout.write(`${files[1]}:${e.instanceLocation || "/"}: ${e.message} [${e.keywordLocation}]\n`);
    const n = r.errors.length;
    process.stdout.write(r.valid ? "valid\n" : `invalid (${n} error${n === 1 ? "" : "s"})\n`);
  }
  return r.valid ? 0 : 1;
}
if (process.argv[2] === "schema") process.exit(await schemaCommand(process.argv.slice(3)));

// `oasview model FILE`: the navigation model as JSON, the bytes src/cli/model.c prints.
const MODEL_USAGE = `usage: oasview model FILE
Prints the navigation model of an OpenAPI document (JSON or YAML; FILE - reads standard input) as JSON.
`;
async function modelCommand(argv) {
  if (argv.length !== 1 || argv[0].startsWith("--")) { process.stderr.write(MODEL_USAGE); return 2; }
  const file = argv[0];
  let bytes;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (error) {
    process.stderr.write(`oasview: cannot read ${file}: ${error.code === "ENOENT" ? "No such file or directory" : error.message}\n`);
    return 2;
  }
  const { createOasview: create } = await import(packageUrl);
  const ov = await create();
  const doc = ov.load(bytes, { filename: file, validate: false });
  try {
    if (doc.json() === undefined) {
      for (const d of doc.diagnostics) process.stderr.write(`${file}:${d.line ?? 0}:${d.column ?? 0}: ${d.severity} ${d.code}: ${d.message}\n`);
      return 1;
    }
    process.stdout.write(`${doc.navigationJson()}\n`);
    return 0;
  } finally {
    doc.dispose();
  }
}
if (process.argv[2] === "model") process.exit(await modelCommand(process.argv.slice(3)));

const parsed = main(process.argv.slice(2));
if (typeof parsed === "number") process.exit(parsed);

const argv = process.argv.slice(2);
const format = argv.includes("--format") ? argv[argv.indexOf("--format") + 1] : "text";
const failOn = argv.includes("--fail-on") ? argv[argv.indexOf("--fail-on") + 1] : "error";
const failLevel = ["error", "warning", "info", "hint"].indexOf(failOn);
const ov = await createOasview();
if (rulesText !== null) {
  // Check the configuration once, as the native CLI does, before reading any document.
  try {
    ov.load("{}", { rules: rulesText, validate: false }).dispose();
  } catch (error) {
    process.stderr.write(`oasview: ${configName}: ${String(error.message).replace(/^oasview: rules: /, "")}\n`);
    process.exit(2);
  }
}
let status = 0, errors = 0, warnings = 0, failed = false, filesBefore = 0, resultsBefore = 0;
const severities = ["error", "warning", "info", "hint"];
process.stdout.write(ov.lintBegin(format));
for (const file of parsed) {
  let bytes;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (error) {
    process.stderr.write(`oasview: cannot read ${file}: ${error.code === "ENOENT" ? "No such file or directory" : error.message}\n`);
    status = 2;
    continue;
  }
  const doc = ov.load(bytes, { filename: file, resolve: readRef, ...(rulesText !== null ? { rules: rulesText } : {}) });
  for (const d of doc.diagnostics) {
    if (d.severity === "error") errors++;
    if (d.severity === "warning") warnings++;
    if (severities.indexOf(d.severity) <= failLevel) failed = true;
  }
  process.stdout.write(doc.formatLint(format, { filename: file, filesBefore, resultsBefore }));
  filesBefore++;
  resultsBefore += doc.diagnostics.length;
  doc.dispose();
}
process.stdout.write(ov.lintEnd(format, { errors, warnings, files: parsed.length }));
process.exit(status === 0 && failed ? 1 : status);
