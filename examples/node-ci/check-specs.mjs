#!/usr/bin/env node
// check-specs.mjs - fail a CI job when an OpenAPI document has errors.
//
//   node check-specs.mjs [--fail-on error|warning] [--format text|github|json] FILE...
//
// Exit 0 when every file passes, 1 when one fails, 2 for usage errors or an
// unreadable file. --format github prints workflow commands, so that GitHub
// Actions shows each diagnostic on its line of the pull request.
import { readFile } from "node:fs/promises";
import { createOasview } from "oasview";

const USAGE = "usage: node check-specs.mjs [--fail-on error|warning] [--format text|github|json] FILE...\n";
const RANK = { error: 0, warning: 1, info: 2, hint: 3 };

async function main(argv) {
  let failOn = "error", format = "text";
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--fail-on" && i + 1 < argv.length) failOn = argv[++i];
    else if (argv[i] === "--format" && i + 1 < argv.length) format = argv[++i];
    else if (argv[i].startsWith("--")) { process.stderr.write(USAGE); return 2; }
    else files.push(argv[i]);
  }
  if (!files.length || !(failOn in RANK) || !["text", "github", "json"].includes(format)) { process.stderr.write(USAGE); return 2; }

  const ov = await createOasview();
  let failed = 0, unreadable = 0, errors = 0, warnings = 0;
  const report = [];
  for (const file of files) {
    let text;
    try {
      text = await readFile(file);
    } catch (error) {
      process.stderr.write(`${file}: cannot read: ${error.code ?? error.message}\n`);
      unreadable++;
      continue;
    }
    const doc = ov.load(text, { filename: file });
    try {
      const fails = doc.diagnostics.some((d) => RANK[d.severity] <= RANK[failOn]);
      if (fails) failed++;
      errors += doc.diagnostics.filter((d) => d.severity === "error").length;
      warnings += doc.diagnostics.filter((d) => d.severity === "warning").length;
      if (format === "json") report.push({ file, valid: doc.valid, fails, diagnostics: doc.diagnostics });
      else if (format === "github") process.stdout.write(doc.formatLint("github", { filename: file }));
      else process.stdout.write(doc.formatText(file));
    } finally {
      doc.dispose();
    }
  }
  if (format === "json") process.stdout.write(JSON.stringify({ failed, files: report }, null, 2) + "\n");
  else process.stdout.write(`${files.length - unreadable} file(s) checked: ${errors} error(s), ${warnings} warning(s); ${failed} failed (--fail-on ${failOn})\n`);
  return unreadable ? 2 : failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
