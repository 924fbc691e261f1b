// load-stream.test.mjs - ov.loadStream(): a document read while it downloads is the one ov.load() makes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { corpusDir, oasview, walk } from "./helpers.mjs";

/** Stream `bytes` in parts of `part` bytes. */
function streamed(ov, bytes, part, options) {
  const stream = ov.loadStream(bytes.length, options);
  for (let at = 0; at < bytes.length; at += part) stream.write(bytes.subarray(at, at + part));
  return stream.end();
}

function same(a, b, what) {
  assert.deepEqual(b.diagnostics, a.diagnostics, `${what}: diagnostics`);
  assert.equal(b.valid, a.valid, `${what}: verdict`);
  assert.deepEqual(b.json(), a.json(), `${what}: tree`);
  if (a.json() !== undefined) assert.equal(b.navigationJson(), a.navigationJson(), `${what}: navigation`);
}

test("corpus documents streamed in parts equal their load(), validated or not", async () => {
  const ov = await oasview();
  const files = ["real-world", "fastapi", "examples", "oas-schema-tests"].flatMap((d) => walk(join(corpusDir(), d)));
  assert.ok(files.length > 80, `only ${files.length} corpus documents`);
  for (const file of files) {
    const bytes = readFileSync(file);
    const name = relative(corpusDir(), file);
    for (const options of [{ filename: name }, { filename: name, validate: false }]) {
      const whole = ov.load(bytes, options);
      for (const part of [65536, 999]) {
        const doc = streamed(ov, bytes, part, options);
        same(whole, doc, `${name} in ${part}-byte parts${options.validate === false ? ", not validated" : ""}`);
        doc.dispose();
      }
      whole.dispose();
    }
  }
});

test("bytesRead: JSON is read up to its last line end as it arrives; YAML and mistakes wait for the end", async () => {
  const ov = await oasview();
  const enc = (t) => new TextEncoder().encode(t);
  const json = enc('{\n"openapi": "3.1.0",\n"info": {"title": "t", "version": "1"},\n"paths": {}\n}\n');
  let s = ov.loadStream(json.length);
  s.write(json.subarray(0, 30));
  assert.equal(s.bytesRead, 22, "up to the line end after the version");
  s.write(json.subarray(30));
  assert.equal(s.bytesRead, json.length);
  s.end().dispose();
  for (const text of ["openapi: 3.1.0\ninfo:\n  title: t\n", '{\n"a": 01,\n"b": 2\n}\n']) {
    const bytes = enc(text);
    s = ov.loadStream(bytes.length);
    s.write(bytes);
    assert.equal(s.bytesRead, 0, text);
    const doc = s.end();
    const whole = ov.load(bytes);
    same(whole, doc, text);
    doc.dispose();
    whole.dispose();
  }
});

test("a stream keeps the options: limits, rules, format", async () => {
  const ov = await oasview();
  const text = new TextEncoder().encode('{\n"openapi": "3.1.0",\n"info": {"title": "t", "version": "1"},\n"paths": {"/a": {"get": {"tags": ["x"],\n"responses": {"200": {"description": "ok"}}}}}\n}\n');
  for (const options of [{ rules: { "tag-undeclared": "error" } }, { limits: { maxDepth: 3 } }, { limits: { maxInputBytes: 100 } }, { format: "yaml" }, {}]) {
    const whole = ov.load(text, options);
    const doc = streamed(ov, text, 7, options);
    same(whole, doc, JSON.stringify(options));
    whole.dispose();
    doc.dispose();
  }
  const strict = streamed(ov, text, 7, { rules: { "tag-undeclared": "error" } });
  assert.equal(strict.valid, false, "the rules reached the validation at the end");
  strict.dispose();
  const over = streamed(ov, text, 7, { limits: { maxInputBytes: 100 } });
  assert.equal(over.diagnostics[0].code, "input-too-large");
  over.dispose();
});

test("a stream refuses bytes it was not promised, and frees what it holds whatever ends it", async () => {
  const ov = await oasview();
  const text = new TextEncoder().encode('{\n"openapi": "3.1.0"\n}\n');
  ov.load(text).dispose();
  const before = ov.heapUsed;
  let stream = ov.loadStream(text.length - 1);
  assert.throws(() => stream.write(text), /more than the \d+ bytes announced/);
  assert.throws(() => stream.write(text.subarray(0, 1)), /closed/);
  stream = ov.loadStream(text.length);
  stream.write(text.subarray(0, 5));
  assert.throws(() => stream.end(), /5 of the \d+ bytes announced/);
  stream = ov.loadStream(text.length);
  stream.write(text.subarray(0, 12));
  stream.abort();
  stream.abort();
  assert.throws(() => stream.end(), /closed/);
  for (let i = 0; i < 50; i++) {
    stream = ov.loadStream(text.length);
    stream.write(text.subarray(0, 9));
    if (i % 2) stream.abort();
    else { stream.write(text.subarray(9)); stream.end().dispose(); }
  }
  assert.equal(ov.heapUsed, before);
  assert.throws(() => ov.loadStream(-1), /length in bytes/);
  assert.throws(() => ov.loadStream(3, { resolve: () => "" }), /no external documents/);
});
