// regex.test.mjs - our ECMA-262 regex engine (src/validate/schema/regex_ecma.c) against
// this Node's own `new RegExp(p, "u").test(s)`, in the same run: generated patterns and
// subjects (a seeded generator over a small alphabet), random pattern syntax (both must
// agree on what is invalid), and a hand-written list of tricky cases. The engine is
// reached through the test-only export oasv_wasm_regex_test. Catastrophic patterns
// must end in the step budget (LIMIT), quickly, and through the API as
// regex-limit-exceeded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dist, oasview } from "./helpers.mjs";

const MATCH = 1, NO_MATCH = 0, LIMIT = -1, INVALID = -2;

async function engine() {
  const module = await WebAssembly.compile(readFileSync(join(dist, "oasview.wasm")));
  const env = {};
  for (const imp of WebAssembly.Module.imports(module)) if (imp.kind === "function") env[imp.name] = () => 0;
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) imports[imp.module] = imports[imp.module] ?? env;
  const { exports } = await WebAssembly.instantiate(module, imports);
  exports._initialize?.();
  const enc = new TextEncoder();
  const put = (s) => {
    const b = enc.encode(s);
    const p = exports.oasv_wasm_malloc(b.length + 1);
    new Uint8Array(exports.memory.buffer, p, b.length).set(b);
    return [p, b.length];
  };
  /** Ours: 1 match, 0 no match, -1 over the budget, -2 invalid pattern. */
  return (pattern, subject, steps = 0) => {
    const [pp, pl] = put(pattern), [sp, sl] = put(subject);
    try { return exports.oasv_wasm_regex_test(pp, pl, sp, sl, steps); } finally { exports.oasv_wasm_free(pp); exports.oasv_wasm_free(sp); }
  };
}

/**
 * Node's answer: 1, 0, or -2 when it rejects the pattern. `new RegExp(p, "u").test(s)`, except
 * for one known V8 deviation: V8 also tries a match starting between the two halves of a
 * surrogate pair (/\B/u.test("b😀b") is true in V8), where ECMA-262's RegExpBuiltinExec
 * only starts at code points (AdvanceStringIndex with fullUnicode). When test() is true,
 * the match is confirmed with the sticky flag at each code point boundary; such cases are
 * counted in `quirks`.
 */
let quirks = 0;
function node(pattern, subject) {
  let re;
  try { re = new RegExp(pattern, "u"); } catch { return INVALID; }
  if (!re.test(subject)) return NO_MATCH;
  const sticky = new RegExp(pattern, "uy");
  for (let i = 0; i <= subject.length; i++) {
    const c = subject.charCodeAt(i);
    if (i > 0 && c >= 0xdc00 && c <= 0xdfff && subject.charCodeAt(i - 1) >= 0xd800 && subject.charCodeAt(i - 1) <= 0xdbff) continue;
    sticky.lastIndex = i;
    if (sticky.test(subject)) return MATCH;
  }
  quirks++;
  return NO_MATCH;
}

function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = ["a", "b", "c", "-", " ", "1", ".", "\\d", "\\w", "\\s", "\\W", "\\D", "\\S", "[ab]", "[^a]", "[a-c]", "[\\w-]",
  "[^\\s]", "é", "😀", "\\u{1F600}", "\\uD83D\\uDE00", "\\p{L}", "\\P{L}", "\\p{Lu}", "\\p{Ll}", "\\p{sc=Latin}", "\\p{Emoji}",
  "[\\p{L}\\d]", "\\x61", "\\u0062", "\\n", "[^]", "[]", "\\0", "\\p{Nd}", "[^\\p{Ll}b]", "\\u3000", "\\.", "[.]"];
const QUANTS = ["*", "+", "?", "{2}", "{0,2}", "{1,}", "{2,3}", "{0}", "{0,1}"];
const SUBJECT = ["a", "a", "a", "b", "b", "c", "A", "-", " ", "1", "_", "é", "😀", "\n", "\u0000", "\u3000", "٣", "x", "."];

/** A random valid-looking pattern (it may still be invalid: both engines must then say so). */
function genPattern(r) {
  let groups = 0;
  const names = [];
  const pick = (a) => a[Math.floor(r() * a.length)];
  function atom(d) {
    const k = r();
    if (d > 2 || k < 0.45) return [pick(ATOMS), true];
    if (k < 0.58) { groups++; return [`(${alt(d + 1)})`, true]; }
    if (k < 0.64) { groups++; const n = `n${groups}`; names.push(n); return [`(?<${n}>${alt(d + 1)})`, true]; }
    if (k < 0.72) return [`(?:${alt(d + 1)})`, true];
    if (k < 0.82) return [`${pick(["(?=", "(?!", "(?<=", "(?<!"])}${alt(d + 1)})`, false];
    if (k < 0.9 && groups) return [`\\${1 + Math.floor(r() * groups)}`, true];
    if (k < 0.93 && names.length) return [`\\k<${pick(names)}>`, true];
    return [pick(["^", "$", "\\b", "\\B"]), false];
  }
  function seq(d) {
    let s = "";
    const n = Math.floor(r() * 4) + (d ? 0 : 1);
    for (let i = 0; i < n; i++) {
      const [a, quantifiable] = atom(d);
      s += a;
      if (quantifiable && r() < 0.35) s += pick(QUANTS) + (r() < 0.3 ? "?" : "");
    }
    return s;
  }
  function alt(d) {
    let s = seq(d);
    while (r() < 0.2) s += `|${seq(d)}`;
    return s;
  }
  return alt(0);
}

function genSubject(r) {
  const n = Math.floor(r() * 11);
  let s = "";
  for (let i = 0; i < n; i++) s += SUBJECT[Math.floor(r() * SUBJECT.length)];
  return s;
}

const SYNTAX = ["(", ")", "[", "]", "{", "}", "|", "*", "+", "?", "\\", "^", "$", ".", "-", ",", ":", "=", "!", "<", ">",
  "a", "1", "2", "0", "k", "p", "P", "u", "x", "c", "b", "B", "d", "{1}", "{2,}", "\\p{L}", "(?<x>", "\\k<x>", "(?:", "(?=",
  "(?<=", "(?<!", "\\u{", "F", "}", "\\c", "\\-", "[^", "\\1", "\\p{", "sc=", "Latin", "Lu", "\\/", "/", "é", "\\é"];

// Hand-written cases where engines most often differ.
const TRICKY = [
  // lookbehind (matches backwards: captures take the greedy split from the right)
  ["(?<=\\$)\\d+", ["$12", "12", "€12"]], ["(?<!\\$)\\b\\d+", ["$12", "12"]], ["(?<=(\\d+)(\\d+))$", ["1053", ""]],
  ["^(?<=(\\d+)(\\d+))$", [""]], ["(?<=(\\d+)(\\d+))$\\1", ["1053"]], ["(?<=\\1(a))b", ["aab", "ab", "b"]],
  ["(?<=(a)\\1)b", ["aab", "ab"]], ["(?<=a(?=b)b)c", ["abc", "ac"]], ["(?<=^|,)x", ["x", ",x", "ax"]],
  ["(?<=a+)b", ["aaab", "b"]], ["(?<=\\b)a", ["a", "ba"]], ["(?<!^)a", ["a", "ba"]], ["(?<=(?<!b)a)c", ["ac", "bac"]],
  ["(?<=😀)a", ["😀a", "a"]], ["(?<=.)$", ["😀", ""]], ["(?<=[^a])b", ["😀b", "ab"]],
  // back references, into and out of lookarounds
  ["(?=(a+))a*b\\1", ["baaabac", "aab"]], ["(?=(\\w+))\\1:", ["abc:", "abc"]], ["(?!(a))\\1b", ["b", "ab"]],
  ["(a)|\\1b", ["b", "x"]], ["\\1(a)", ["a", ""]], ["(a\\1)", ["a", "aa"]], ["(?:(a)|b)\\1", ["aa", "b", "ba"]],
  ["^(?:(a)|\\1b)+$", ["ab", "aab", "b"]], ["(?<n>.)\\k<n>", ["aa", "ab"]], ["\\k<n>(?<n>a)", ["a"]],
  ["(a)(?!\\1)", ["aa", "ab"]], ["(?=(a))\\1\\1", ["aa", "a"]], ["(?<=(a))\\1", ["aa", "a"]],
  // empty matches in quantified groups (RepeatMatcher's empty check and capture reset)
  ["(a*)*b", ["aab", "b", "c"]], ["(a*)+$", ["aa", ""]], ["(?:a?)*?b", ["ab", "b"]], ["(a|)*\\1b", ["aab", "b"]],
  ["^(?:(a)|b)*\\1$", ["aba", "ab", "abb"]], ["(a*?)*c", ["aac"]], ["^(?:a*)*$", ["aaa", "ab"]], ["(?:()|a)*b", ["ab"]],
  ["^(a?){3}$", ["aa", "aaaa"]], ["^(?:a|()){2}\\1$", ["a", "aa"]], ["^(?:(a)|(b))+\\1\\2$", ["abab", "ab", "aba", "abb"]],
  ["(z)((a+)?(b+)?(c))*", ["zaacbbbcac"]], ["^(?:\\1b|(a))+$", ["aab", "ab"]], ["^(a\\1?){4}$", ["aaaaaaaaaa", "aaaaaaaaa"]],
  ["(?:(?=a)|b)*c", ["ac", "bc", "c"]], ["(){3}a", ["a"]], ["(?:$|a)*b", ["ab"]], ["^(?:\\b|a)+$", ["a", ""]],
  // \b \B at the ends, ASCII words only
  ["\\bfoo\\b", ["foo", "a foo b", "foobar"]], ["^\\b", ["", "a", " "]], ["\\B$", ["", "a", "a "]], ["\\b", ["", "é"]],
  ["\\B", ["", "é", "a"]], ["a\\b", ["aé", "a_"]],
  // surrogates and code points
  ["^\\uD83D\\uDE00$", ["😀", "\u{1F601}"]], ["^.$", ["😀", "ab", "\n", "\u2028", "\u0085"]], ["^[😀]$", ["😀"]],
  ["^[\\uD83D\\uDE00-\\uD83D\\uDE4F]+$", ["😀🙏", "😀x"]], ["\\u{1F600}", ["😀"]], ["^\\S$", ["😀"]], ["^[^a]$", ["😀"]],
  ["^\\uD83D", ["😀"]], ["[\\uD800-\\uDFFF]", ["😀", "a"]], ["^\\u{000000041}$", ["A"]], ["^[\\u{1F600}-\\u{1F64F}]{2}$", ["😀🙏"]],
  // \p and \P
  ["^\\p{L}+$", ["élan", "x1"]], ["\\p{Lu}", ["abc", "aBc", "É"]], ["^\\P{Ll}+$", ["AB1", "Ab"]], ["\\p{sc=Greek}", ["αβ", "ab"]],
  ["\\p{scx=Deva}", ["\u0964", "a"]], ["\\p{Script_Extensions=Latin}", ["a", "\u0363"]], ["\\p{Script=Latin}", ["\u0363"]],
  ["^\\p{Nd}$", ["٣", "1", "a"]], ["\\p{White_Space}", ["\u3000", "\u200b"]], ["\\p{Emoji}", ["😀", "#", "a"]],
  ["^[\\p{L}\\d]+$", ["é1", "é-"]], ["[^\\p{L}]", ["é", "é1"]], ["^\\p{Any}$", ["😀"]], ["\\p{ASCII}", ["é", "a"]],
  ["\\P{Assigned}", ["\u0378", "a"]], ["^\\p{General_Category=Decimal_Number}$", ["5"]], ["\\p{gc=Lt}", ["ǅ"]],
  ["\\p{Alphabetic}", ["\u0345", "1"]], ["\\p{LC}", ["ǅ", "ª"]],
  ["[\\P{L}a]", ["b", "1"]], ["[^\\P{L}]", ["b", "1"]], ["\\p{Zs}", ["\u00a0"]], ["\\p{Cn}", ["\u0378"]],
  // nested quantifiers on short subjects
  ["(a+)+b", ["aaab", "aaa"]], ["((a|b)*)*c", ["abac", "abab"]], ["(\\w+\\s?)*$", ["ab cd", "ab cd!"]],
  ["(a|a)*b", ["aaab", "aaa"]], ["^(a|aa)+$", ["aaaaa", "aaaab"]],
  // \s is ECMA's WhiteSpace + LineTerminator
  ...[0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0x85, 0xa0, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]
    .map((c) => ["^\\s$", [String.fromCodePoint(c)]]),
  ["^\\w+$", ["é", "a_1"]], ["\\d", ["٣"]], ["\\W", ["é"]],
  // escapes and edge syntax
  ["a\\0b", ["a\u0000b"]], ["^[\\0-\\x1f]", ["\u0000", "\u001f", " "]], ["\\cJ", ["\n"]], ["\\x41\\u0041\\u{41}", ["AAA"]],
  ["[\\b]", ["\b"]], ["(?:)", [""]], ["|", ["x"]], ["a|", [""]], ["()", [""]], ["", [""]], ["a{0,3}b", ["aaaab"]],
  ["^a{2,}$", ["a", "aa", "aaa"]], ["a{3}?", ["aa", "aaa"]], ["a$", ["a\nb", "ba"]], ["^b", ["a\nb"]], ["A", ["a"]],
  ["[-a]", ["-"]], ["[a-]", ["-"]], ["[\\w-]", ["-"]], ["[--a]", ["-", "0"]], ["[a-b-c]", ["-", "c"]], ["\\/", ["/"]],
  ["[\\-]", ["-"]], ["[\\]]", ["]"]], ["[^]", ["\n"]], ["[]", ["a", ""]], ["a{,5}", ["a{,5}"]], ["^(?<a>x)|(?<b>y)$", ["y"]],
  ["(?<$>a)\\k<$>", ["aa"]], ["(?<é>a)\\k<é>", ["aa"]], ["(?<\\u0061>a)\\k<a>", ["aa"]], ["(?<a\\u{1d7da}>.)", ["x"]],
  // invalid with the u flag
  ...["\\a", "{", "}", "]", "[a", "(", ")", "a**", "a{2,1}", "\\p{Foo}", "\\p{Latin}", "(?<a>x)(?<a>y)", "\\k<b>(?<a>.)", "\\2(a)",
    "(?=a)*", "(?<=a)+", "\\c1", "\\x4", "\\u12", "\\u{110000}", "[\\d-z]", "[z-a]", "\\-", "(?i)a", "\\00", "\\1", "\\k", "\\k<a>",
    "a{1", "x{2}{3}", "^*", "\\b+", "(?<1a>x)", "(?<>x)", "\\p{L", "\\p", "[\\B]", "[\\1]", "\\8", "\\p{sc}", "\\p{=L}",
    "\\P{gc=Foo}", "(?<a", "a|*", "\\u{}", "\\q", "(?:a"].map((p) => [p, ["a"]]),
];

test("differential: generated patterns and subjects agree with Node's RegExp (u flag)", async () => {
  const ours = await engine();
  const r = rng(20240607);
  let cases = 0, patterns = 0, invalid = 0, limits = [];
  const mismatches = [];
  for (let i = 0; i < 4000; i++) {
    const p = genPattern(r);
    patterns++;
    const subjects = Array.from({ length: 10 }, () => genSubject(r));
    for (const s of subjects) {
      const want = node(p, s), got = ours(p, s);
      cases++;
      if (want === INVALID) invalid++;
      if (got === LIMIT) { limits.push([p, s]); continue; }
      if (got !== want) mismatches.push({ p, s, want, got });
      if (want === INVALID) break;
    }
  }
  console.log(`regex differential (generated): ${patterns} patterns (${invalid} invalid), ${cases} cases, ${mismatches.length} disagree, ${limits.length} over the budget, ${quirks} V8 matches inside a surrogate pair set aside`);
  assert.deepEqual(mismatches.slice(0, 20), []);
  // Only a catastrophic pattern may exhaust 1,000,000 steps on a subject of 10 characters.
  for (const [p] of limits) assert.match(p, /[*+}?]\)*[*+{]|[*+}]\)[^(]*\)[*+{]/, `over the budget: ${p}`);
});

test("differential: random pattern syntax is invalid exactly when Node says so", async () => {
  const ours = await engine();
  const r = rng(77);
  let cases = 0, valid = 0;
  const mismatches = [];
  for (let i = 0; i < 6000; i++) {
    let p = "";
    const n = 1 + Math.floor(r() * 7);
    for (let k = 0; k < n; k++) p += SYNTAX[Math.floor(r() * SYNTAX.length)];
    for (const s of ["", "a", "ab1-", "x{1}(", genSubject(r)]) {
      const want = node(p, s), got = ours(p, s);
      cases++;
      if (got !== want && got !== LIMIT) mismatches.push({ p, s, want, got });
      if (want === INVALID) break;
      valid++;
    }
  }
  console.log(`regex differential (syntax): ${cases} cases, ${valid} on valid patterns, ${mismatches.length} disagree`);
  assert.deepEqual(mismatches.slice(0, 20), []);
});

test("differential: hand-written tricky cases agree with Node's RegExp", async () => {
  const ours = await engine();
  let cases = 0;
  const mismatches = [];
  for (const [p, subjects] of TRICKY) {
    for (const s of subjects) {
      const want = node(p, s), got = ours(p, s);
      cases++;
      if (got !== want) mismatches.push({ p, s, want, got });
    }
  }
  console.log(`regex differential (tricky): ${TRICKY.length} patterns, ${cases} cases, ${mismatches.length} disagree`);
  assert.deepEqual(mismatches, []);
});

test("catastrophic backtracking ends in the step budget, quickly, and is regex-limit-exceeded in the API", async () => {
  const ours = await engine();
  const a = "a".repeat(40);
  assert.equal(ours("(a|a)*b", a), NO_MATCH); // an alternation of code points is one class: not exponential here
  for (const [p, s] of [["^(a+)+$", `${a}b`], ["(a|a?)+b", a], ["(\\w+\\s?)*$", `${"word ".repeat(12)}!`],
    ["^(a|aa)+$", `${a}b`], ["(?:a*)*b", a], ["^(\\w+)*\\1x", a], ["(?=(a+)+b)", a], ["(?<=b(a+)+)c", `${a}c`]]) {
    const t = performance.now();
    assert.equal(ours(p, s), LIMIT, p);
    // the budget counts steps (LIMIT above is the bound); this only catches a hang on a busy machine
    assert.ok(performance.now() - t < 30_000, `${p} took ${performance.now() - t} ms`);
  }
  assert.equal(ours("^(a+)+$", `${"a".repeat(12)}b`, 100), LIMIT); // a small budget
  assert.equal(ours("^(a+)+$", `${"a".repeat(12)}b`), NO_MATCH);   // the default one is enough here
  const ov = await oasview();
  const r = ov.validateJsonSchema({ type: "string", pattern: "^(a+)+$" }, JSON.stringify(`${a}!`));
  assert.equal(r.valid, false);
  assert.equal(r.errors.at(-1).code, "regex-limit-exceeded");
  assert.equal(ov.validateJsonSchema({ patternProperties: { "(x+x+)+y": true } }, { [`${"x".repeat(40)}`]: 1 }).errors.at(-1).code,
    "regex-limit-exceeded");
});
