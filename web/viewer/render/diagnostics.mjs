// render/diagnostics.mjs - the diagnostics panel (#/diagnostics): every diagnostic
// with its severity, message and place, linking to its operation, webhook or schema.
// Loaded by element.mjs when the panel is first opened: the overview does not need it.
import { put, h, hrefFor } from "../dom.mjs";
import { pagedList, verdictLine, verdictPill } from "./pages.mjs";

const SEVERITIES = ["error", "warning", "info", "hint"];

/** The diagnostics panel: severity filter, each diagnostic linking to its item when it has one. */
export function diagnosticsPage(state, itemById) {
  const all = state.diagnostics;
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, all.filter((d) => d.severity === s).length]));
  const body = h("div", { class: "diag-body" });
  const draw = (sev) => {
    const list = sev === "all" ? all : all.filter((d) => d.severity === sev);
    put(body, list.length ? pagedList(list, (d) => diagnosticRow(d, itemById), { cls: "diagnostics", label: "Diagnostics" })
      : h("p", { class: "muted" }, "Nothing here."));
  };
  const filter = h("div", { class: "seg", role: "radiogroup", "aria-label": "Severity" },
    ["all", ...SEVERITIES].filter((s) => s === "all" || counts[s]).map((s, i) => h("label", { class: "seg-opt" },
      h("input", { type: "radio", name: "diag-sev", value: s, checked: i === 0, on: { change: () => draw(s) } }),
      h("span", {}, s === "all" ? `All ${all.length}` : `${s[0].toUpperCase()}${s.slice(1)}s ${counts[s]}`))));
  draw("all");
  return h("div", { class: "page diagnostics-page" },
    h("header", { class: "page-head" }, h("h1", { id: "entry-title", tabindex: "-1" }, "Problems"),
      h("div", { class: "pills" }, verdictPill(state))),
    all.length ? filter : null,
    all.length ? body : state.validating || state.validationError ? verdictLine(state) : h("p", { id: "no-diagnostics" }, "No problems found."));
}

function diagnosticRow(d, itemById) {
  const item = d.itemId ? itemById.get(d.itemId) : null;
  let where = null;
  if (item) {
    const label = item.kind === "webhook" ? `webhook ${item.name}` : item.kind === "operation" ? `${item.method.toUpperCase()} ${item.path}` : `schema ${item.name}`;
    where = h("a", { class: "diag-item", href: hrefFor(item.id) }, "in ", label);
  }
  return h("li", { class: `diag diag-${d.severity}`, dataset: { severity: d.severity } },
    h("span", { class: `sev sev-${d.severity}` }, d.severity),
    h("div", { class: "diag-main" },
      h("div", { class: "diag-msg" }, d.message),
      h("div", { class: "diag-meta" },
        d.line ? h("span", { class: "diag-pos" }, `line ${d.line}, column ${d.column}`) : null,
        h("code", { class: "diag-code" }, d.code),
        d.pointer ? h("code", { class: "diag-ptr" }, `#${d.pointer}`) : null,
        where)));
}
