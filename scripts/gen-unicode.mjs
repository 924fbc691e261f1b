// gen-unicode.mjs - the Unicode tables of the regex engine (src/validate/schema/regex_ecma.c),
// generated at build time from this Node's own RegExp (nothing third-party is committed):
//   node scripts/gen-unicode.mjs OUT.c
// Every code point is classified by /\p{…}/u, and the result is written as compact run and
// range lists (LEB128 varints) for the properties the engine supports. A partition's run lengths
// and run values are two arrays: each compresses better (gzip, in the .wasm) than the two interleaved,
// and a value is one byte:
//   - General_Category: one partition of the code space into runs of a leaf category;
//   - Script: one partition into runs of a script; Script_Extensions as each script's
//     differences from its Script set (few code points differ);
//   - a few binary properties, each as a set of General_Category values and its differences.
// The property and value names below are the names ECMA-262 lists (table-binary-unicode-properties,
// PropertyValueAliases); each is checked against this Node's RegExp and dropped when it rejects it.
import { writeFileSync } from "node:fs";

const out = process.argv[2];
if (!out) { console.error("usage: node scripts/gen-unicode.mjs OUT.c"); process.exit(2); }

// General_Category leaves (the partition's indices) with their aliases, then the groups.
const GC_LEAVES = [
  ["Lu", "Uppercase_Letter"], ["Ll", "Lowercase_Letter"], ["Lt", "Titlecase_Letter"], ["Lm", "Modifier_Letter"],
  ["Lo", "Other_Letter"], ["Mn", "Nonspacing_Mark"], ["Mc", "Spacing_Mark"], ["Me", "Enclosing_Mark"],
  ["Nd", "Decimal_Number", "digit"], ["Nl", "Letter_Number"], ["No", "Other_Number"], ["Pc", "Connector_Punctuation"],
  ["Pd", "Dash_Punctuation"], ["Ps", "Open_Punctuation"], ["Pe", "Close_Punctuation"], ["Pi", "Initial_Punctuation"],
  ["Pf", "Final_Punctuation"], ["Po", "Other_Punctuation"], ["Sm", "Math_Symbol"], ["Sc", "Currency_Symbol"],
  ["Sk", "Modifier_Symbol"], ["So", "Other_Symbol"], ["Zs", "Space_Separator"], ["Zl", "Line_Separator"],
  ["Zp", "Paragraph_Separator"], ["Cc", "Control", "cntrl"], ["Cf", "Format"], ["Cs", "Surrogate"],
  ["Co", "Private_Use"], ["Cn", "Unassigned"],
];
const GC_GROUPS = [
  [["L", "Letter"], ["Lu", "Ll", "Lt", "Lm", "Lo"]], [["LC", "Cased_Letter"], ["Lu", "Ll", "Lt"]],
  [["M", "Mark", "Combining_Mark"], ["Mn", "Mc", "Me"]], [["N", "Number"], ["Nd", "Nl", "No"]],
  [["P", "Punctuation", "punct"], ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"]],
  [["S", "Symbol"], ["Sm", "Sc", "Sk", "So"]], [["Z", "Separator"], ["Zs", "Zl", "Zp"]],
  [["C", "Other"], ["Cc", "Cf", "Cs", "Co", "Cn"]],
];
// Script values: the ISO 15924 code first, then the long name(s).
const SCRIPTS = `Adlm Adlam|Aghb Caucasian_Albanian|Ahom|Arab Arabic|Armi Imperial_Aramaic|Armn Armenian|Avst Avestan|
Bali Balinese|Bamu Bamum|Bass Bassa_Vah|Batk Batak|Beng Bengali|Berf Beria_Erfe|Bhks Bhaiksuki|Bopo Bopomofo|Brah Brahmi|
Brai Braille|Bugi Buginese|Buhd Buhid|Cakm Chakma|Cans Canadian_Aboriginal|Cari Carian|Cham|Cher Cherokee|Chrs Chorasmian|
Copt Coptic Qaac|Cpmn Cypro_Minoan|Cprt Cypriot|Cyrl Cyrillic|Deva Devanagari|Diak Dives_Akuru|Dogr Dogra|Dsrt Deseret|
Dupl Duployan|Egyp Egyptian_Hieroglyphs|Elba Elbasan|Elym Elymaic|Ethi Ethiopic|Gara Garay|Geor Georgian|Glag Glagolitic|
Gong Gunjala_Gondi|Gonm Masaram_Gondi|Goth Gothic|Gran Grantha|Grek Greek|Gujr Gujarati|Gukh Gurung_Khema|Guru Gurmukhi|
Hang Hangul|Hani Han|Hano Hanunoo|Hatr Hatran|Hebr Hebrew|Hira Hiragana|Hluw Anatolian_Hieroglyphs|Hmng Pahawh_Hmong|
Hmnp Nyiakeng_Puachue_Hmong|Hrkt Katakana_Or_Hiragana|Hung Old_Hungarian|Ital Old_Italic|Java Javanese|Kali Kayah_Li|
Kana Katakana|Kawi|Khar Kharoshthi|Khmr Khmer|Khoj Khojki|Kits Khitan_Small_Script|Knda Kannada|Krai Kirat_Rai|Kthi Kaithi|
Lana Tai_Tham|Laoo Lao|Latn Latin|Lepc Lepcha|Limb Limbu|Lina Linear_A|Linb Linear_B|Lisu|Lyci Lycian|Lydi Lydian|
Mahj Mahajani|Maka Makasar|Mand Mandaic|Mani Manichaean|Marc Marchen|Medf Medefaidrin|Mend Mende_Kikakui|
Merc Meroitic_Cursive|Mero Meroitic_Hieroglyphs|Mlym Malayalam|Modi|Mong Mongolian|Mroo Mro|Mtei Meetei_Mayek|Mult Multani|
Mymr Myanmar|Nagm Nag_Mundari|Nand Nandinagari|Narb Old_North_Arabian|Nbat Nabataean|Newa|Nkoo Nko|Nshu Nushu|Ogam Ogham|
Olck Ol_Chiki|Onao Ol_Onal|Orkh Old_Turkic|Orya Oriya|Osge Osage|Osma Osmanya|Ougr Old_Uyghur|Palm Palmyrene|
Pauc Pau_Cin_Hau|Perm Old_Permic|Phag Phags_Pa|Phli Inscriptional_Pahlavi|Phlp Psalter_Pahlavi|Phnx Phoenician|Plrd Miao|
Prti Inscriptional_Parthian|Rjng Rejang|Rohg Hanifi_Rohingya|Runr Runic|Samr Samaritan|Sarb Old_South_Arabian|
Saur Saurashtra|Sgnw SignWriting|Shaw Shavian|Shrd Sharada|Sidd Siddham|Sidt Sidetic|Sind Khudawadi|Sinh Sinhala|
Sogd Sogdian|Sogo Old_Sogdian|Sora Sora_Sompeng|Soyo Soyombo|Sund Sundanese|Sunu Sunuwar|Sylo Syloti_Nagri|Syrc Syriac|
Tagb Tagbanwa|Takr Takri|Tale Tai_Le|Talu New_Tai_Lue|Taml Tamil|Tang Tangut|Tavt Tai_Viet|Tayo Tai_Yo|Telu Telugu|
Tfng Tifinagh|Tglg Tagalog|Thaa Thaana|Thai|Tibt Tibetan|Tirh Tirhuta|Tnsa Tangsa|Todr Todhri|Tols Tolong_Siki|Toto|
Tutg Tulu_Tigalari|Ugar Ugaritic|Vaii Vai|Vith Vithkuqi|Wara Warang_Citi|Wcho Wancho|Xpeo Old_Persian|Xsux Cuneiform|
Yezi Yezidi|Yiii Yi|Zanb Zanabazar_Square|Zinh Inherited Qaai|Zyyy Common|Zzzz Unknown`.split("|").map((s) => s.trim().split(" "));
// Binary properties: ECMA-262's names (long, short); only these, to keep the wasm small.
// ID_Start and ID_Continue also check group names. Assigned is computed from General_Category.
const BINARY = [["Alphabetic", "Alpha"], ["White_Space", "space"], ["ASCII"], ["Any"], ["Emoji"],
  ["ID_Start", "IDS"], ["ID_Continue", "IDC"]];

const accepts = (body) => { try { new RegExp(`\\p{${body}}`, "u"); return true; } catch { return false; } };
const dropped = [];
const keep = (names, prefix) => names.filter((n) => accepts(prefix + n) || (dropped.push(prefix + n), false));

// The code space without surrogates, as two strings; an index in them back to its code point.
const chars = (lo, hi) => { const a = []; for (let c = lo; c <= hi; c++) a.push(String.fromCodePoint(c)); return a.join(""); };
const LOW = chars(0, 0xd7ff), HIGH = chars(0xe000, 0x10ffff);
const cpAt = (high, i) => !high ? i : i < 0x2000 ? 0xe000 + i : 0x10000 + ((i - 0x2000) >> 1);

/** Runs of the alternatives of `sources` (each a \p body): [[first, last, which], …] in order. */
function runs(sources, flags = "gu") {
  const re = new RegExp(sources.map((s) => `(\\p{${s}}+)`).join("|"), flags);
  const list = [];
  for (const [high, text] of [[false, LOW], [true, HIGH]]) {
    for (const m of text.matchAll(re)) {
      const which = m.findIndex((g, k) => k > 0 && g !== undefined) - 1;
      const first = cpAt(high, m.index), last = cpAt(high, m.index + m[0].length - 1);
      list.push([first, last, which]);
    }
  }
  return list;
}

/** Ranges [[first, last]] of one property (surrogates are never in a UTF-8 subject, so never listed). */
const ranges = (body) => runs([body]).map(([a, b]) => [a, b]);

const bytes = [];
const varint = (arr, v) => { do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; arr.push(b); } while (v); };
/** A partition of 0..10FFFF as runs: { lengths: (length - 1) varints, values: a byte each }; surrogates get `surrogate`. */
function partition(list, surrogate) {
  const full = [];
  for (const r of list) {
    if (r[0] === 0xe000 && full.length && full.at(-1)[1] === 0xd7ff) full.push([0xd800, 0xdfff, surrogate]);
    const prev = full.at(-1);
    if (prev && prev[2] === r[2] && prev[1] + 1 === r[0]) prev[1] = r[1];
    else full.push([...r]);
  }
  let next = 0;
  const lengths = [], values = [];
  for (const [a, b, v] of full) {
    if (a !== next) throw new Error(`gen-unicode: the partition has a hole at U+${next.toString(16)}`);
    if (v > 0xff) throw new Error(`gen-unicode: the partition value ${v} does not fit in a byte`);
    varint(lengths, b - a); values.push(v); next = b + 1;
  }
  if (next !== 0x110000) throw new Error("gen-unicode: the partition does not reach U+10FFFF");
  return { lengths, values };
}
/** The runs of an encoded partition. */
function oasvRuns({ lengths, values }) {
  const out = [];
  let i = 0, cp = 0;
  const read = () => { let v = 0, m = 1, b; do { b = lengths[i++]; v += (b & 0x7f) * m; m *= 128; } while (b & 0x80); return v; };
  for (const v of values) { const n = read() + 1; out.push([cp, cp + n - 1, v]); cp += n; }
  return out;
}
/** Append a range list to `bytes`; returns its offset. */
function rangeList(list) {
  const off = bytes.length;
  varint(bytes, list.length);
  let next = 0;
  for (const [a, b] of list) { varint(bytes, a - next); varint(bytes, b - a); next = b + 1; }
  return off;
}
const merge = (cps) => {
  const list = [];
  for (const c of [...cps].sort((x, y) => x - y)) {
    if (list.length && list.at(-1)[1] + 1 === c) list.at(-1)[1] = c; else list.push([c, c]);
  }
  return list;
};

// General_Category
const gcLeaves = GC_LEAVES.map((names) => names[0]);
const gcRuns = partition(runs(gcLeaves.filter((n) => n !== "Cs")).map(([a, b, w]) => [a, b, w >= gcLeaves.indexOf("Cs") ? w + 1 : w]),
  gcLeaves.indexOf("Cs"));
const gcValues = [];
GC_LEAVES.forEach((names, i) => gcValues.push({ names: keep(names, "gc="), data: 2 ** i }));
for (const [names, leaves] of GC_GROUPS) gcValues.push({ names: keep(names, "gc="), data: leaves.reduce((m, l) => m + 2 ** gcLeaves.indexOf(l), 0) });

// Script and Script_Extensions
const scripts = SCRIPTS.filter((names) => accepts(`sc=${names[0]}`) || (dropped.push(`sc=${names[0]}`), false));
const scIndex = new Map(scripts.map((names, i) => [names[0], i]));
const scRuns = partition(runs(scripts.map((n) => `sc=${n[0]}`)), scIndex.get("Zzzz"));
const differ = new Set();
{
  const re = new RegExp(`[${scripts.map((n) => `[\\p{scx=${n[0]}}--\\p{sc=${n[0]}}]`).join("")}]`, "gv");
  for (const [high, text] of [[false, LOW], [true, HIGH]]) for (const m of text.matchAll(re)) differ.add(cpAt(high, m.index));
}
const scValues = scripts.map((names) => {
  const sc = new RegExp(`^\\p{sc=${names[0]}}$`, "u"), scx = new RegExp(`^\\p{scx=${names[0]}}$`, "u");
  const more = [], less = [];
  for (const c of differ) {
    const ch = String.fromCodePoint(c), a = sc.test(ch), b = scx.test(ch);
    if (b && !a) more.push(c); else if (a && !b) less.push(c);
  }
  return { names: keep(names, "sc="), data: scIndex.get(names[0]), more: rangeList(merge(more)), less: rangeList(merge(less)),
    scx: names.every((n) => accepts(`scx=${n}`)) };
});
if (scValues.some((v) => !v.scx)) throw new Error("gen-unicode: a Script value is not a Script_Extensions value");
// The tables keep no offsets for them: the C side finds script i's lists as the (2i)th and (2i+1)th of oasv_uni_sets.
if (scValues.some((v, i) => v.data !== i || (i === 0 && v.more !== 0))) throw new Error("gen-unicode: the Script lists do not start oasv_uni_sets in order");

// Binary properties: mostly unions of General_Category values, so each is stored as the leaf
// categories most of whose code points have it, plus and minus the differences.
const gcOf = new Uint8Array(0x110000);
{
  const p = oasvRuns(gcRuns);
  for (const [a, b, v] of p) gcOf.fill(v, a, b + 1);
}
const binValues = BINARY.map((names) => {
  if (!names.every((n) => accepts(n))) { dropped.push(names[0]); return null; }
  const has = new Uint8Array(0x110000);
  for (const [a, b] of ranges(names[0])) has.fill(1, a, b + 1);
  const total = new Array(32).fill(0), inside = new Array(32).fill(0);
  for (let c = 0; c < 0x110000; c++) { total[gcOf[c]]++; inside[gcOf[c]] += has[c]; }
  let mask = 0;
  for (let k = 0; k < 32; k++) if (total[k] && inside[k] * 2 > total[k] && gcLeaves[k] !== "Cs") mask |= 1 << k;
  const more = [], less = [];
  for (let c = 0; c < 0x110000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const m = (mask >>> gcOf[c]) & 1;
    if (has[c] && !m) more.push(c); else if (!has[c] && m) less.push(c);
  }
  return { names, data: mask >>> 0, more: rangeList(merge(more)), less: rangeList(merge(less)) };
}).filter(Boolean);

const cstr = (names) => `"${names.map((n) => `${n}\\0`).join("")}"`;
const hex = (arr) => arr.map((b, i) => `${i % 24 ? "" : "\n    "}0x${b.toString(16).padStart(2, "0")},`).join("");
const values = (list) => list.map((v) => `    { ${cstr(v.names)}, ${v.data}u, ${v.more ?? 0}u, ${v.less ?? 0}u },`).join("\n");
const total = [gcRuns, scRuns].reduce((n, p) => n + p.lengths.length + p.values.length, bytes.length);
writeFileSync(out, `/* Generated by scripts/gen-unicode.mjs from the RegExp of Node ${process.version} (Unicode ${process.versions.unicode}); do not edit.
 * ${total} bytes of runs and ranges.${dropped.length ? ` Names this Node rejects (left out): ${dropped.join(", ")}.` : ""} */
#include "validate/schema/regex_unicode.h"

const char oasv_uni_version[] = "${process.versions.unicode}";
static const unsigned char gc_lengths[] = {${hex(gcRuns.lengths)}
};
static const unsigned char gc_values[] = {${hex(gcRuns.values)}
};
const oasv_uni_partition oasv_uni_gc_runs = { gc_lengths, gc_values };
static const unsigned char sc_lengths[] = {${hex(scRuns.lengths)}
};
static const unsigned char sc_values[] = {${hex(scRuns.values)}
};
const oasv_uni_partition oasv_uni_sc_runs = { sc_lengths, sc_values };
const unsigned char oasv_uni_sets[] = {${hex(bytes)}
};
const char oasv_uni_gc_names[] =
${gcValues.map((v) => `    ${cstr([...v.names, ""])}`).join("\n")};
const uint32_t oasv_uni_gc_masks[] = {${gcValues.map((v, i) => `${i % 8 ? " " : "\n    "}${v.data}u,`).join("")}
};
const size_t oasv_uni_gc_count = ${gcValues.length};
const char oasv_uni_sc_names[] =
${scValues.map((v) => `    ${cstr([...v.names, ""])}`).join("\n")};
const size_t oasv_uni_sc_count = ${scValues.length};
const oasv_uni_value oasv_uni_bin[] = {
${values(binValues)}
};
const size_t oasv_uni_bin_count = ${binValues.length};
`);
console.log(`gen-unicode: ${out} (${total} bytes of tables; Unicode ${process.versions.unicode})${dropped.length ? `; left out: ${dropped.join(", ")}` : ""}`);
