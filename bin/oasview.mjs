#!/usr/bin/env node
// oasview.mjs - `oasview` over the wasm build, for Node. Prints what the
// native CLI prints (the text lines come from the same C code).
//
//   oasview lint FILE... [--format text|json] [--fail-on error|warning]
import { readFileSync } from "node:fs";
import { createOasview } from "../dist/oasview.mjs";

const USAGE = `usage: oasview lint FILE... [--format text|json] [--fail-on error|warning]
       oasview --version
Reads OpenAPI 3.1 documents (JSON or YAML; FILE - reads standard input) and prints what is wrong with them.
`;
const VERSION = "0.1.0";

function main(argv) {
  if (argv[0] === "--version") { process.stdout.write(`oasview ${VERSION}\n`); return 0; }
  if (argv[0] === "--help" || argv[0] === "-h") { process.stdout.write(USAGE); return 0; }
  if (argv[0] !== "lint") { process.stderr.write(USAGE); return 2; }
  let format = "text", failOn = "error";
  const files = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "--format" && i + 1 < argv.length) format = argv[++i];
    else if (argv[i] === "--fail-on" && i + 1 < argv.length) failOn = argv[++i];
    else if (argv[i].startsWith("--")) { process.stderr.write(`oasview: unknown option ${argv[i]}\n${USAGE}`); return 2; }
    else files.push(argv[i]);
  }
  if (format !== "text" && format !== "json") { process.stderr.write("oasview: --format must be text or json\n"); return 2; }
  if (failOn !== "error" && failOn !== "warning") { process.stderr.write("oasview: --fail-on must be error or warning\n"); return 2; }
  if (files.length === 0) { process.stderr.write(USAGE); return 2; }
  return files;
}

const parsed = main(process.argv.slice(2));
if (typeof parsed === "number") process.exit(parsed);

const argv = process.argv.slice(2);
const format = argv.includes("--format") ? argv[argv.indexOf("--format") + 1] : "text";
const failOn = argv.includes("--fail-on") ? argv[argv.indexOf("--fail-on") + 1] : "error";
const ov = await createOasview();
let status = 0, errors = 0, warnings = 0;
const results = [];
for (const file of parsed) {
  let bytes;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (error) {
    process.stderr.write(`oasview: cannot read ${file}: ${error.code === "ENOENT" ? "No such file or directory" : error.message}\n`);
    status = 2;
    continue;
  }
  const doc = ov.load(bytes, { filename: file });
  for (const d of doc.diagnostics) {
    if (d.severity === "error") errors++;
    if (d.severity === "warning") warnings++;
  }
  if (format === "json") {
    results.push(JSON.stringify({ file, version: doc.version, title: doc.title, format: doc.format, valid: doc.valid, diagnostics: doc.diagnostics }));
  } else {
    process.stdout.write(doc.formatText(file));
  }
  doc.dispose();
}
const s = (n) => (n === 1 ? "" : "s");
if (format === "json") process.stdout.write(`[${results.join(",")}]\n`);
else process.stdout.write(`${errors} error${s(errors)}, ${warnings} warning${s(warnings)} in ${parsed.length} file${s(parsed.length)}\n`);
const failed = errors > 0 || (failOn === "warning" && warnings > 0);
process.exit(status === 0 && failed ? 1 : status);
