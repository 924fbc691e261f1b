// render/pages.mjs - pages built from the navigation model alone: the overview,
// a tag's items, every webhook, every schema (the diagnostics panel, drawn less
// often, is render/diagnostics.mjs). Long lists are drawn a page at a time
// ("Show more"), never all at once.
import { extLink, h, hrefFor, icon, markdown, methodBadge } from "../dom.mjs";

const PAGE = 200;

/** The server URL with its variables replaced by their defaults. */
export function serverUrl(server) {
  let url = server?.url ?? "";
  for (const [name, v] of Object.entries(server?.variables ?? {})) url = url.split(`{${name}}`).join(v.default ?? "");
  return url;
}

/** Append `make(x)` for the items of `list`, PAGE at a time, with a "Show more" button. */
export function pagedList(list, make, { tag = "ul", cls = "item-list", label } = {}) {
  const ul = h(tag, { class: cls, "aria-label": label });
  const wrap = h("div", { class: "paged" }, ul);
  let shown = 0;
  const more = h("button", { type: "button", class: "more" });
  const step = () => {
    const next = Math.min(list.length, shown + PAGE);
    for (let i = shown; i < next; i++) ul.append(make(list[i], i));
    shown = next;
    if (shown < list.length) { more.textContent = `Show more (${list.length - shown} left)`; if (!more.isConnected) wrap.append(more); }
    else more.remove();
  };
  more.addEventListener("click", step);
  step();
  return wrap;
}

/** One item (operation, webhook or schema) as a row in a page list. */
export function itemRow(it) {
  if (it.kind === undefined || it.id?.startsWith("schemas/")) {
    return h("li", {}, h("a", { class: `item-row${it.deprecated ? " deprecated" : ""}`, href: hrefFor(it.id) },
      h("span", { class: "schema-icon", "aria-hidden": "true" }, "{ }"), h("span", { class: "item-label" }, it.name),
      it.type ? h("span", { class: "item-sub" }, it.type) : null));
  }
  const sub = it.kind === "webhook" ? it.name : it.path;
  return h("li", {}, h("a", { class: `item-row kind-${it.kind}${it.deprecated ? " deprecated" : ""}`, href: hrefFor(it.id), dataset: { id: it.id } },
    methodBadge(it.method, it.kind), h("span", { class: "item-label" }, it.summary || sub),
    it.summary ? h("code", { class: "item-sub" }, sub) : null));
}

export function verdictLine(state) {
  if (state.validating) return h("p", { class: "verdict warn", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), " Validating the document…");
  if (state.validationError) return h("p", { class: "verdict bad" }, `The document could not be validated: ${state.validationError}`);
  const c = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of state.diagnostics) c[d.severity] = (c[d.severity] ?? 0) + 1;
  if (!state.diagnostics.length) return h("p", { id: "no-diagnostics", class: "verdict ok" }, "No problems found.");
  const parts = [];
  if (c.error) parts.push(`${c.error} error${c.error > 1 ? "s" : ""}`);
  if (c.warning) parts.push(`${c.warning} warning${c.warning > 1 ? "s" : ""}`);
  if (c.info + c.hint) parts.push(`${c.info + c.hint} note${c.info + c.hint > 1 ? "s" : ""}`);
  return h("p", { class: `verdict ${c.error ? "bad" : "warn"}` }, icon("alert"), " ", parts.join(", "), " — ", h("a", { href: "#/diagnostics" }, "see the problems"));
}

export function overviewPage(state) {
  const nav = state.navigation;
  const info = nav?.info ?? { title: state.title ?? "Untitled API", version: "" };
  const meta = [];
  if (nav) {
    const c = info.contact;
    if (c && (c.name || c.url || c.email)) {
      meta.push(h("div", { class: "meta-item" }, h("span", { class: "k" }, "Contact"),
        c.name ? h("span", {}, c.name) : null, c.url ? [" ", extLink(c.url)] : null, c.email ? [" ", extLink(`mailto:${c.email}`, c.email)] : null));
    }
    if (info.license) meta.push(h("div", { class: "meta-item" }, h("span", { class: "k" }, "License"), info.license.url ? extLink(info.license.url, info.license.name) : info.license.name,
      info.license.identifier ? h("span", { class: "muted" }, ` (${info.license.identifier})`) : null));
    if (info.termsOfService) meta.push(h("div", { class: "meta-item" }, h("span", { class: "k" }, "Terms"), extLink(info.termsOfService, "Terms of service")));
    if (nav.externalDocs) meta.push(h("div", { class: "meta-item" }, h("span", { class: "k" }, "Docs"), extLink(nav.externalDocs.url), markdown(nav.externalDocs.descriptionHtml)));
  }
  const page = h("div", { class: "page overview" },
    h("header", { class: "page-head" },
      h("h1", { id: "title", tabindex: "-1" }, info.title || state.title || "Untitled API"),
      h("div", { class: "pills" },
        info.version ? h("span", { class: "pill" }, `v${info.version}`) : null,
        h("span", { class: "pill" }, `OpenAPI ${state.version ?? "?"}`),
        verdictPill(state, "verdict"))),
    info.summary ? h("p", { class: "lead" }, info.summary) : null,
    verdictLine(state),
    markdown(info.descriptionHtml, "md description"),
    meta.length ? h("div", { class: "meta" }, meta) : null,
  );
  if (!nav) {
    page.append(h("p", { class: "note", role: "note" }, "This oasview.wasm does not build the render model yet: only the title and the diagnostics can be shown."));
    return page;
  }
  if (nav.servers?.length) {
    page.append(h("section", { class: "sec" }, h("h2", {}, "Servers"), h("ul", { class: "servers" }, nav.servers.map((s) => h("li", {},
      h("code", {}, serverUrl(s)), markdown(s.descriptionHtml, "md inline"),
      Object.keys(s.variables ?? {}).length ? h("div", { class: "muted small" }, "Variables: ",
        Object.entries(s.variables).map(([k, v], i) => [i ? ", " : "", h("code", {}, k), ` = ${v.default}`, v.enum ? ` (one of ${v.enum.join(", ")})` : ""])) : null)))));
  }
  const counts = nav.counts;
  page.append(h("p", { class: "counts" },
    h("span", {}, `${counts.operations} operation${counts.operations === 1 ? "" : "s"}`), " · ",
    h("a", { href: "#/webhooks" }, `${counts.webhooks} webhook${counts.webhooks === 1 ? "" : "s"}`), " · ",
    h("a", { href: "#/schemas" }, `${counts.schemas} schema${counts.schemas === 1 ? "" : "s"}`)));
  page.append(pagedList(nav.groups, (g) => h("section", { class: "group-card" },
    h("h2", {}, h("a", { href: hrefFor(`tags/${g.tag ?? ""}`) }, g.title), h("span", { class: "count" }, String(g.items.length))),
    markdown(g.descriptionHtml),
    h("ul", { class: "item-list" }, g.items.slice(0, 8).map(itemRow)),
    g.items.length > 8 ? h("a", { class: "more-link", href: hrefFor(`tags/${g.tag ?? ""}`) }, `All ${g.items.length} in ${g.title} →`) : null,
  ), { tag: "div", cls: "groups" }));
  return page;
}

export function tagPage(nav, group) {
  return h("div", { class: "page" },
    h("header", { class: "page-head" }, h("div", { class: "kicker" }, h("span", { class: "kicker-text" }, "Tag")), h("h1", { id: "entry-title", tabindex: "-1" }, group.title)),
    markdown(group.descriptionHtml, "md description"),
    group.externalDocs ? h("p", {}, extLink(group.externalDocs.url)) : null,
    pagedList(group.items, itemRow, { label: group.title }));
}

export function webhooksPage(nav) {
  return h("div", { class: "page" },
    h("header", { class: "page-head" }, h("h1", { id: "entry-title", tabindex: "-1" }, icon("webhook", "icon h-icon"), " Webhooks")),
    h("p", { class: "lead" }, "Events this API sends to your server: register a URL, and each event arrives there as an HTTP request."),
    nav.webhooks.length ? pagedList(nav.webhooks, itemRow, { label: "Webhooks" }) : h("p", { class: "muted" }, "This API documents no webhooks."));
}

export function schemasPage(nav) {
  return h("div", { class: "page" },
    h("header", { class: "page-head" }, h("h1", { id: "entry-title", tabindex: "-1" }, "Schemas")),
    nav.schemas.length ? pagedList(nav.schemas, itemRow, { label: "Schemas" }) : h("p", { class: "muted" }, "This API defines no schemas."));
}

export function verdictPill(state, id) {
  if (state.valid == null) return h("span", { class: "pill", id }, state.validating ? "validating…" : "not validated");
  return h("span", { class: `pill pill-${state.valid ? "ok" : "bad"}`, id }, state.valid ? "valid" : "invalid");
}
