// docs.mjs - the /docs page: load the spec through the wasm module and show
// its title, version and diagnostics. Text from the spec only ever goes into
// textContent, never into HTML.
import { createOasview } from "/dist/oasview.mjs";

const app = document.getElementById("app");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** `?url=` is honoured only for same-origin URLs: the page never fetches elsewhere. */
async function specUrl() {
  const asked = new URLSearchParams(location.search).get("url");
  if (asked) {
    const url = new URL(asked, location.href);
    if (url.origin !== location.origin) throw new Error(`?url= must point to this site (${location.origin}), not ${url.origin}`);
    return url;
  }
  const config = await (await fetch("/config.json")).json();
  return new URL(config.specUrl, location.href);
}

async function main() {
  const [ov, url] = await Promise.all([createOasview({ wasm: new URL("/dist/oasview.wasm", location.href) }), specUrl()]);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
  const text = await response.text();
  const doc = ov.load(text, { filename: url.pathname.split("/").pop() });
  const list = el("ul", { class: "diagnostics" });
  for (const d of doc.diagnostics) {
    list.append(el("li", { "data-severity": d.severity },
      el("span", { class: `sev sev-${d.severity}` }, d.severity),
      d.line ? `${d.line}:${d.column} ` : "", d.message, " ", el("code", {}, d.code),
      d.pointer ? el("code", {}, ` #${d.pointer}`) : ""));
  }
  app.replaceChildren(
    el("h1", { id: "title" }, doc.title ?? "Untitled API"),
    el("p", { class: "version" }, `OpenAPI ${doc.version ?? "?"} · ${doc.format.toUpperCase()} · `,
      el("span", { id: "verdict" }, doc.valid ? "valid" : "invalid")),
    el("h2", {}, `Diagnostics (${doc.diagnostics.length})`),
    doc.diagnostics.length ? list : el("p", { id: "no-diagnostics" }, "No problems found."),
  );
  doc.dispose();
}

main().catch((error) => {
  app.replaceChildren(el("p", { role: "alert" }, `oasview could not show the document: ${error.message}`));
});
