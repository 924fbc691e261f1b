// render/schema.mjs - schema trees (the model's SchemaNode): properties with
// type, required marker, badges, constraints, enum and default; nested objects
// and arrays expand on demand (their rows are built the first time they open).
// A `deferred` node's children live in its component's entry: fetched through
// ctx.schema(refName) when the node opens, with ctx.omit (readOnly or writeOnly
// properties left out) carried down from the node.
import { put, h, hrefFor, markdown } from "../dom.mjs";

/** Does this node have something to expand into? */
function hasChildren(n) {
  if (!n || n.recursive) return false;
  return !!(n.deferred ||n.properties?.length || n.oneOf?.length || n.anyOf?.length || n.allOf?.length || n.not || n.prefixItems?.length ||
    n.patternProperties?.length || (n.additionalProperties && typeof n.additionalProperties === "object") ||
    (n.items && hasChildren(n.items)) || n.discriminator);
}

/** The type label: "string", "array of Pet", with a link to the component when there is one. */
export function typeLabel(n) {
  const span = h("span", { class: "type" });
  if (!n) return span;
  const ref = (name) => h("a", { class: "ref", href: hrefFor(`schemas/${name}`) }, name);
  if (n.refName) span.append(ref(n.refName));
  else if (n.type === "array" && n.items) {
    span.append("array of ");
    if (n.items.refName) span.append(ref(n.items.refName));
    else span.append(n.items.type || "any");
  } else span.append(n.type || "any");
  if (n.format) span.append(h("span", { class: "format" }, `<${n.format}>`));
  return span;
}

function badges(n, required) {
  return [
    required ? h("span", { class: "req" }, "required") : null,
    n.deprecated ? h("span", { class: "flag flag-deprecated" }, "deprecated") : null,
    n.readOnly ? h("span", { class: "flag" }, "read-only") : null,
    n.writeOnly ? h("span", { class: "flag" }, "write-only") : null,
    n.nullable ? h("span", { class: "flag" }, "nullable") : null,
  ];
}

/** Description, constraints, enum, default, const of a node. */
export function details(n) {
  if (!n) return [];
  const out = [];
  const md = markdown(n.descriptionHtml);
  if (md) out.push(md);
  const facts = [];
  for (const c of n.constraints ?? []) facts.push(h("span", { class: "constraint" }, c));
  if (facts.length) out.push(h("div", { class: "facts" }, facts));
  if (n.enum?.length) {
    out.push(h("div", { class: "enum" }, h("span", { class: "k" }, n.enum.length === 1 ? "Allowed value:" : "Allowed values:"),
      n.enum.slice(0, 200).map((v) => h("code", { class: "val" }, v)), n.enum.length > 200 ? ` … ${n.enum.length - 200} more` : null));
  }
  if (n.const != null) out.push(h("div", { class: "enum" }, h("span", { class: "k" }, "Value:"), h("code", { class: "val" }, n.const)));
  if (n.default != null) out.push(h("div", { class: "enum" }, h("span", { class: "k" }, "Default:"), h("code", { class: "val" }, n.default)));
  if (n.truncated) out.push(h("div", { class: "note" }, "… (cut here: the schema is too deep or too large to show in full)"));
  return out;
}

/** The children of a deferred node: its component's, once ctx.schema(refName) has them. */
function deferredChildren(n, depth, ctx) {
  const inner = { ...ctx, omit: n.omit ?? ctx.omit };
  const link = () => h("div", { class: "note" }, "See ", h("a", { href: hrefFor(`schemas/${n.refName}`) }, n.refName), ".");
  if (!ctx.schema) return [link()];
  const slot = h("div", { class: "deferred", role: "status" }, h("span", { class: "muted" }, "Loading…"));
  ctx.schema(n.refName).then((e) => put(slot, ...(e?.schema ? children(e.schema, depth, inner) : [link()])), () => put(slot, link()));
  return [slot];
}

/** Rows for the children of a node (properties, items, compositions). */
function children(n, depth, ctx) {
  const out = [];
  if (!n) return out;
  if (n.deferred) return deferredChildren(n, depth, ctx);
  if (n.recursive) {
    out.push(h("div", { class: "note recursive" }, "↻ recursive: ", n.refName ? h("a", { href: hrefFor(`schemas/${n.refName}`) }, n.refName) : "the same schema as an enclosing level"));
    return out;
  }
  if (n.discriminator) {
    const d = n.discriminator;
    out.push(h("div", { class: "discriminator" }, "Discriminated by ", h("code", {}, d.propertyName),
      d.mapping?.length ? [": ", d.mapping.map((m, i) => [i ? ", " : "", h("code", {}, m.value), " → ", h("a", { href: hrefFor(`schemas/${m.refName}`) }, m.refName)])] : null));
  }
  const props = ctx.omit ? n.properties?.filter((p) => !p.schema?.[ctx.omit]) : n.properties;
  if (props?.length) {
    out.push(h("ul", { class: "props" }, props.map((p) => property(p.name, p.schema, p.required, depth, ctx))));
  }
  for (const pp of n.patternProperties ?? []) {
    out.push(h("ul", { class: "props" }, property(`/${pp.pattern}/`, pp.schema, false, depth, ctx, "pattern")));
  }
  if (n.additionalProperties && typeof n.additionalProperties === "object") {
    out.push(h("ul", { class: "props" }, property("additional properties", n.additionalProperties, false, depth, ctx, "extra")));
  } else if (n.additionalProperties === false && n.properties?.length) {
    out.push(h("div", { class: "note" }, "No other properties are allowed."));
  }
  if (n.prefixItems?.length) {
    out.push(h("ul", { class: "props" }, n.prefixItems.map((s, i) => property(`[${i}]`, s, false, depth, ctx, "index"))));
  }
  if (n.items && hasChildren(n.items)) {
    out.push(h("div", { class: "items-of" }, h("span", { class: "k" }, "Items:"), " ", typeLabel(n.items)), ...children(n.items, depth, ctx));
  }
  for (const key of ["oneOf", "anyOf", "allOf"]) if (n[key]?.length) out.push(alternatives(key, n[key], depth, ctx));
  if (n.not) out.push(h("div", { class: "alt" }, h("div", { class: "alt-head" }, "Must not match:"), h("div", { class: "alt-body" }, schemaBody(n.not, depth + 1, ctx))));
  return out;
}

const ALT_TITLES = { oneOf: "One of", anyOf: "Any of", allOf: "All of" };

function alternatives(key, list, depth, ctx) {
  const name = (s, i) => s.title || s.refName || (s.type && s.type !== "object" ? s.type : `Option ${i + 1}`);
  if (key === "allOf") {
    return h("div", { class: "alt" }, h("div", { class: "alt-head" }, ALT_TITLES[key]),
      list.map((s, i) => h("div", { class: "alt-part" }, h("div", { class: "alt-name" }, name(s, i)), schemaBody(s, depth + 1, ctx))));
  }
  // One of / any of: a switcher (a select keeps long lists usable).
  const body = h("div", { class: "alt-body" });
  const show = (i) => put(body, h("div", { class: "alt-type" }, typeLabel(list[i])), ...schemaBody(list[i], depth + 1, ctx));
  const select = h("select", { class: "alt-select", "aria-label": `${ALT_TITLES[key]}: choose an alternative` },
    list.map((s, i) => h("option", { value: String(i) }, name(s, i))));
  select.addEventListener("change", () => show(Number(select.value)));
  show(0);
  return h("div", { class: "alt" }, h("div", { class: "alt-head" }, ALT_TITLES[key], " ", select), body);
}

/** A node's own details and children (used at the top of a tree and inside compositions). */
export function schemaBody(n, depth = 0, ctx = {}) {
  return [...details(n), ...children(n, depth, ctx)];
}

function property(name, s, required, depth, ctx, variant) {
  const head = [
    h("span", { class: `pname${variant ? ` pname-${variant}` : ""}${s?.deprecated ? " deprecated" : ""}` }, name),
    typeLabel(s), ...badges(s ?? {}, required),
  ];
  const li = h("li", { class: "prop" });
  const info = details(s);
  if (!hasChildren(s)) {
    li.append(h("div", { class: "prow" }, head), ...info);
    return li;
  }
  // Expandable: children are built the first time it opens.
  const d = h("details", { class: "pnest" });
  const summary = h("summary", { class: "prow" }, head);
  d.append(summary);
  li.append(d);
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    d.append(h("div", { class: "pbody" }, info, children(s, depth + 1, ctx)));
  };
  d.addEventListener("toggle", () => { if (d.open) build(); });
  if (depth < (ctx.openDepth ?? 0)) { d.open = true; build(); }
  return li;
}

/** A whole schema: type line, details, properties. */
export function schemaTree(n, ctx = {}) {
  if (!n) return h("div", { class: "schema empty" }, "No schema.");
  return h("div", { class: "schema" }, h("div", { class: "schema-type" }, typeLabel(n), ...badges(n, false)), schemaBody(n, 0, ctx));
}
