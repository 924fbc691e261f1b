// generate.mjs - the pathological-input suite: inputs built in memory (nothing
// big is committed), each with the diagnostic it must end in.
//
// Every case: { name, text (string or Buffer), expect: code that must appear
// (or null: must load with no loader error), validate (run OpenAPI validation) }.
// wasm-tests/pathological.test.mjs runs them in wasm (in a worker, with a
// watchdog) and through the native CLI (ASan + UBSan, with a timeout and /usr/bin/time).

const MB = 1024 * 1024;
const openapi = (extra) => JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, ...extra });

function refChain(n) {
  const schemas = {};
  for (let i = 0; i < n; i++) schemas[`s${i}`] = { $ref: `#/components/schemas/s${i + 1}` };
  schemas[`s${n}`] = { type: "string" };
  return openapi({ paths: {}, components: { schemas } });
}

function billionLaughs() {
  const lines = ["openapi: 3.1.0", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
  return lines.join("\n") + "\n";
}

export function cases() {
  return [
    { name: "JSON nested 100,000 deep", text: () => "[".repeat(100000) + "]".repeat(100000), expect: "nesting-too-deep" },
    { name: "JSON objects nested 100,000 deep", text: () => '{"a":'.repeat(100000) + "1" + "}".repeat(100000), expect: "nesting-too-deep" },
    { name: "YAML flow nested 100,000 deep", text: () => "x: " + "[".repeat(100000) + "]".repeat(100000) + "\n", expect: "nesting-too-deep" },
    { name: "YAML block sequences nested 100,000 deep", text: () => "- ".repeat(100000) + "x\n", expect: "nesting-too-deep" },
    { name: "YAML billion laughs", text: billionLaughs, expect: "alias-budget-exceeded" },
    { name: "YAML 10,000 anchors and aliases", validate: false, expect: null,
      text: () => Array.from({ length: 10000 }, (_, i) => `a${i}: &a${i} {v: ${i}}`).join("\n") + "\nall: [" + Array.from({ length: 10000 }, (_, i) => `*a${i}`).join(", ") + "]\n" },
    { name: "a 50 MB single string", expect: null, text: () => openapi({ paths: {}, "x-big": "a".repeat(50 * MB) }) },
    { name: "1,000,000 keys in one object", validate: false, expect: null,
      text: () => "{" + Array.from({ length: 1000000 }, (_, i) => `"k${i}":${i}`).join(",") + "}" },
    { name: "1,000,000 keys, every one twice (500,000 duplicates: 10,000 kept)", validate: false, expect: "too-many-diagnostics",
      text: () => "{" + Array.from({ length: 1000000 }, (_, i) => `"k${i >> 1}":${i}`).join(",") + "}" },
    { name: "100,000 paths", expect: null,
      text: () => openapi({ paths: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`/p${i}/{id}`, { get: { operationId: `op${i}`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { 200: { description: "ok" } } } }])) }) },
    { name: "a $ref chain 100,000 long", text: () => refChain(100000), expect: "ref-chain-too-long" },
    { name: "a $ref to itself", text: () => openapi({ paths: {}, components: { schemas: { a: { $ref: "#/components/schemas/a" } } } }), expect: "ref-cycle" },
    { name: "a two-step $ref cycle", expect: "ref-cycle",
      text: () => openapi({ paths: {}, components: { schemas: { a: { $ref: "#/components/schemas/b" }, b: { $ref: "#/components/schemas/a" } } } }) },
    { name: "a Path Item $ref cycle", expect: "ref-cycle",
      text: () => openapi({ paths: { "/a": { $ref: "#/paths/~1b" }, "/b": { $ref: "#/paths/~1a" } } }) },
    { name: "a webhook that is a cycle through components/pathItems", expect: "ref-cycle",
      text: () => openapi({ webhooks: { w: { $ref: "#/components/pathItems/p" } }, components: { pathItems: { p: { $ref: "#/webhooks/w" } } } }) },
    { name: "a parameter $ref cycle", expect: "ref-cycle",
      text: () => openapi({ paths: { "/a": { get: { parameters: [{ $ref: "#/components/parameters/p" }], responses: { 200: { description: "ok" } } } } },
        components: { parameters: { p: { $ref: "#/components/parameters/q" }, q: { $ref: "#/components/parameters/p" } } } }) },
    { name: "a recursive schema (allowed: no error)", expect: null,
      text: () => openapi({ paths: {}, components: { schemas: { node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/node" } } } } } } }) },
    { name: "a $ref to the whole document", expect: null,
      text: () => openapi({ paths: {}, components: { schemas: { all: { $ref: "#" } } } }) },
    { name: "a schema with allOf of 10,000 branches", expect: null,
      text: () => openapi({ paths: {}, components: { schemas: { wide: { allOf: Array.from({ length: 10000 }, (_, i) => ({ type: "object", properties: { [`p${i}`]: { type: "string" } } })), example: {} } } } }) },
    { name: "a catastrophic pattern on a long example", expect: null,
      text: () => openapi({ paths: {}, components: { schemas: { evil: { type: "string", pattern: "^(a+)+$", example: "a".repeat(40) + "!" } } } }) },
    { name: "invalid UTF-8", text: () => Buffer.concat([Buffer.from('{"openapi": "3.1.0", "x": "'), Buffer.from([0xC3, 0x28]), Buffer.from('"}')]), expect: "invalid-utf8" },
    { name: "an overlong UTF-8 encoding of '/'", text: () => Buffer.concat([Buffer.from("openapi: 3.1.0\nx: "), Buffer.from([0xC0, 0xAF]), Buffer.from("\n")]), expect: "invalid-utf8" },
    { name: "a UTF-8-encoded surrogate", text: () => Buffer.concat([Buffer.from("x: "), Buffer.from([0xED, 0xA0, 0x80])]), expect: "invalid-utf8" },
    { name: "a lone high surrogate escape", text: () => '{"openapi": "3.1.0", "x": "\\uD800"}', expect: "json-syntax" },
    { name: "a lone low surrogate escape", text: () => '{"openapi": "3.1.0", "x": "\\uDC00"}', expect: "json-syntax" },
    { name: "NUL bytes", text: () => Buffer.from("openapi: 3.1.0\n\0\0\0\n"), expect: "nul-byte" },
    { name: "1e400", text: () => openapi({ paths: {} }).replace("}", ', "x-n": 1e400}'), expect: "number-out-of-range" },
    { name: "a 400-digit integer", text: () => openapi({ paths: {} }).replace("}", `, "x-n": ${"9".repeat(400)}}`), expect: "number-out-of-range" },
    { name: "CRLF and mixed line endings", expect: null,
      text: () => "openapi: 3.1.0\r\ninfo:\r\n  title: t\n  version: '1'\rpaths: {}\r\n" },
    { name: "64 MB + 1 byte", text: () => Buffer.alloc(64 * MB + 1, 0x20), expect: "input-too-large" },
  ];
}
