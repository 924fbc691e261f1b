// dom.mjs - DOM helpers shared by the viewer's renderers.
//
// SAFETY: text from the spec only ever goes into text nodes, attribute values
// set with setAttribute, or `value`/`textContent`. The only HTML ever parsed is
// the render model's `*Html` fields (already sanitised by the C core), and even
// those go through sanitizedHtml(): parsed inert in a <template>, then every
// element and attribute outside a small allow-list is dropped.

/**
 * Make an element. `props`: `class`, `text`, `on` ({ event: handler }), `dataset`,
 * other keys become attributes (null/false skipped). Children: nodes, strings
 * (text nodes), arrays, null/false (skipped).
 */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const k in props) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "on") for (const e in v) node.addEventListener(e, v[e]);
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k === "value") node.value = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(node, children);
  return node;
}

/** Replace the children of `node` (same rules as h(): null/false skipped, arrays flattened). */
export function put(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
  }
}

const SVG = "http://www.w3.org/2000/svg";
const ICONS = {
  // Paths drawn for this viewer (24x24, stroked).
  webhook: "M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2 M6 17l3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06 M12 6l3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8",
  search: "M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14z M21 21l-4.3-4.3",
  sun: "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8z M12 2v2 M12 20v2 M4.9 4.9l1.4 1.4 M17.7 17.7l1.4 1.4 M2 12h2 M20 12h2 M4.9 19.1l1.4-1.4 M17.7 6.3l1.4-1.4",
  moon: "M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z",
  menu: "M3 6h18 M3 12h18 M3 18h18",
  copy: "M9 9h11v11H9z M5 15H4V4h11v1",
  check: "M20 6L9 17l-5-5",
  chevron: "M9 6l6 6-6 6",
  alert: "M12 3l10 18H2z M12 10v5 M12 18v.01",
  link: "M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7 M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7",
};

/** An inline SVG icon (aria-hidden). */
export function icon(name, cls = "icon") {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", cls);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}

/** A URL usable as a link: absolute http(s) or mailto only; anything else gives null. */
export function safeUrl(url) {
  if (typeof url !== "string" || !url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" || u.protocol === "mailto:" ? u.href : null;
  } catch {
    return null;
  }
}

/** A link to an external URL when it is http/https/mailto, else the text alone. */
export function extLink(url, text = url) {
  const href = safeUrl(url);
  if (!href) return h("span", { class: "url" }, text);
  return h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, text);
}

// The allow-list for model HTML (markdown output): element -> allowed attributes.
const ALLOWED = {
  p: [], br: [], hr: [], strong: [], b: [], em: [], i: [], del: [], s: [], code: ["class"], pre: [], kbd: [], sup: [], sub: [],
  ul: [], ol: ["start"], li: [], blockquote: [], a: ["href", "title"],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  table: [], thead: [], tbody: [], tr: [], th: ["align"], td: ["align"], span: [], div: [],
  input: ["type", "checked", "disabled"], // GFM task lists
};
// Dropped with everything inside them (their text is not prose).
const DROP_WITH_CONTENT = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math",
  "textarea", "select", "title", "frame", "frameset", "xmp", "noembed", "head", "link", "meta", "base"]);

function cleanTree(parent) {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === 3) continue; // text
    if (node.nodeType !== 1) { node.remove(); continue; }
    const tag = node.localName;
    const allowed = node.namespaceURI === "http://www.w3.org/1999/xhtml" ? ALLOWED[tag] : undefined;
    if (!allowed) {
      if (DROP_WITH_CONTENT.has(tag) || node.namespaceURI !== "http://www.w3.org/1999/xhtml") node.remove();
      else if (tag === "img") node.replaceWith(node.getAttribute("alt") ?? "");
      else { cleanTree(node); node.replaceWith(...node.childNodes); } // unwrap unknown elements, keep their text
      continue;
    }
    for (const attr of [...node.attributes]) {
      if (!allowed.includes(attr.name)) node.removeAttribute(attr.name);
    }
    if (tag === "a") {
      const raw = node.getAttribute("href");
      if (raw != null) {
        if (raw.startsWith("#")) { /* in-page fragment: kept */ }
        else {
          const href = safeUrl(raw);
          if (href) { node.setAttribute("href", href); node.setAttribute("rel", "noopener noreferrer nofollow"); node.setAttribute("target", "_blank"); }
          else node.removeAttribute("href");
        }
      }
    }
    if (tag === "input" && node.getAttribute("type") !== "checkbox") { node.remove(); continue; }
    if (tag === "input") node.setAttribute("disabled", "");
    if (tag === "code" && node.hasAttribute("class") && !/^language-[\w+-]+$/.test(node.getAttribute("class"))) node.removeAttribute("class");
    cleanTree(node);
  }
}

// Cleaned fragments by their HTML: a live preview redraws the open entry on every edit, mostly from the same descriptions.
const cleaned = new Map();
const CLEANED_MAX = 2000;

/** A fragment from the model's sanitised HTML, cleaned again through the allow-list. */
export function sanitizedHtml(html) {
  html = String(html);
  let content = cleaned.get(html);
  if (!content) {
    const t = document.createElement("template");
    t.innerHTML = html; // inert: nothing in a template runs or loads
    cleanTree(t.content);
    content = t.content;
    if (cleaned.size >= CLEANED_MAX) cleaned.delete(cleaned.keys().next().value);
    cleaned.set(html, content);
  }
  return document.importNode(content, true);
}

/** A block of model markdown HTML, or null. */
export function markdown(html, cls = "md") {
  if (!html) return null;
  const div = h("div", { class: cls });
  div.append(sanitizedHtml(html));
  return div;
}

/** Copy text; falls back to a selection + execCommand where the Clipboard API is unavailable. */
export async function copyText(text, root) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h("textarea", { class: "offscreen", "aria-hidden": "true" });
    ta.value = text;
    (root ?? document.body).append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch { /* nothing */ }
    ta.remove();
    return ok;
  }
}

/** A "Copy" button that copies getText(). */
export function copyButton(getText, label = "Copy") {
  const text = h("span", { text: label });
  const btn = h("button", { type: "button", class: "copy", "aria-label": `${label} to clipboard` }, icon("copy"), text);
  btn.addEventListener("click", async () => {
    const ok = await copyText(getText(), btn.getRootNode() instanceof ShadowRoot ? btn.getRootNode() : document.body);
    text.textContent = ok ? "Copied" : "Copy failed";
    btn.classList.toggle("done", ok);
    setTimeout(() => { text.textContent = label; btn.classList.remove("done"); }, 1500);
  });
  return btn;
}

const JSON_TOKEN = /("(?:[^"\\\n]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

/** A code block; JSON gets light highlighting (spans built with the DOM, never HTML). */
export function codeBlock(code, lang = "json") {
  const c = h("code", { class: `lang-${lang}` });
  if (lang === "json" && code.length <= 100_000) {
    let last = 0;
    for (const m of code.matchAll(JSON_TOKEN)) {
      if (m.index > last) c.append(code.slice(last, m.index));
      if (m[1]) {
        c.append(h("span", { class: m[2] ? "tk-key" : "tk-str" }, m[1]));
        if (m[2]) c.append(m[2]);
      } else if (m[3]) c.append(h("span", { class: "tk-num" }, m[3]));
      else c.append(h("span", { class: "tk-lit" }, m[4]));
      last = m.index + m[0].length;
    }
    if (last < code.length) c.append(code.slice(last));
  } else {
    c.textContent = code;
  }
  return h("pre", { class: "code", tabindex: "0" }, c);
}

/** A method badge: GET/POST/...; webhooks get their own badge and icon. */
export function methodBadge(method, kind = "operation") {
  const m = String(method || "").toLowerCase();
  const label = m === "delete" ? "DEL" : m === "options" ? "OPT" : m.toUpperCase();
  if (kind === "webhook") {
    return h("span", { class: "badge badge-webhook", title: `Webhook (${m.toUpperCase()})` }, icon("webhook", "icon badge-icon"), "HOOK");
  }
  return h("span", { class: `badge method-${m}`, title: m.toUpperCase() }, label);
}

/** "#/" + id, percent-encoding what a fragment must not hold. */
export function hrefFor(id) {
  return "#/" + encodeURI(id).replace(/#/g, "%23").replace(/\?/g, "%3F");
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
