// render/entry.mjs - one operation, webhook or schema (the model's Entry),
// built when it is opened. Main column: what it is, parameters, bodies and
// responses with schema trees. Side column: curl sample, request and response
// examples (they follow the media type and status chosen in the main column).
// Loaded by element.mjs on the first entry it opens (or is about to): the overview does not need it.
import { put, codeBlock, copyButton, extLink, h, hrefFor, icon, markdown, methodBadge } from "../dom.mjs";
import { schemaTree, typeLabel, details } from "./schema.mjs";
import { serverUrl } from "./pages.mjs";


/** A path with its {templated} segments marked. */
function pathText(path) {
  const out = h("span", { class: "path" });
  for (const part of String(path).split(/(\{[^}]*\})/)) {
    if (!part) continue;
    out.append(part.startsWith("{") ? h("span", { class: "path-param" }, part) : part);
  }
  return out;
}

/** Tabs (role=tablist) over `labels`; onSelect(i) fills the panel. Arrow keys move between tabs. */
function tabs(labels, onSelect, { label, classFor } = {}) {
  const panel = h("div", { class: "tabpanel", role: "tabpanel" });
  const list = h("div", { class: "tabs", role: "tablist", "aria-label": label });
  const buttons = labels.map((text, i) => h("button", {
    type: "button", role: "tab", class: `tab ${classFor ? classFor(text) : ""}`, "aria-selected": "false", tabindex: "-1",
    on: { click: () => select(i) },
  }, text));
  function select(i, focus = false) {
    buttons.forEach((b, j) => { b.setAttribute("aria-selected", String(i === j)); b.tabIndex = i === j ? 0 : -1; });
    if (focus) buttons[i].focus();
    onSelect(i, panel);
  }
  list.addEventListener("keydown", (e) => {
    const i = buttons.indexOf(e.target);
    if (i < 0) return;
    const to = e.key === "ArrowRight" ? (i + 1) % buttons.length : e.key === "ArrowLeft" ? (i - 1 + buttons.length) % buttons.length
      : e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : -1;
    if (to >= 0) { e.preventDefault(); select(to, true); }
  });
  list.append(...buttons);
  return { list, panel, select };
}

const statusClass = (s) => `status-${/^[1-5]/.test(s) ? s[0] : "d"}xx`;

/** Examples with a switcher, a copy button and a "generated" note. */
function examplesView(examples, title, { emptyText } = {}) {
  if (!examples?.length) return emptyText ? h("div", { class: "side-block" }, h("div", { class: "side-head" }, h("span", {}, title)), h("p", { class: "muted pad" }, emptyText)) : null;
  let current = 0;
  const body = h("div", { class: "example-body" });
  const show = (i) => {
    current = i;
    const ex = examples[i];
    put(body, 
      ex.summary ? h("div", { class: "ex-summary" }, ex.summary) : null,
      markdown(ex.descriptionHtml, "md ex-desc"),
      ex.externalValue ? h("div", { class: "ex-summary" }, "External value: ", extLink(ex.externalValue)) : null,
      codeBlock(ex.value ?? "", /^[[{"\d-]|^(true|false|null)$/.test((ex.value ?? "").trim()) ? "json" : "text"),
      ex.generated ? h("div", { class: "ex-note" }, "Generated from the schema") : null,
    );
  };
  let chooser = null;
  if (examples.length > 1) {
    chooser = h("select", { class: "ex-select", "aria-label": `${title}: choose an example` },
      examples.map((ex, i) => h("option", { value: String(i) }, ex.summary || ex.name || `Example ${i + 1}`)));
    chooser.addEventListener("change", () => show(Number(chooser.value)));
  }
  show(0);
  return h("div", { class: "side-block" },
    h("div", { class: "side-head" }, h("span", {}, title), chooser, copyButton(() => examples[current].value ?? "")), body);
}

/** A media type switcher over `content`; onChange(mediaType) draws the rest. */
function mediaSwitch(content, onChange) {
  if (content.length <= 1) {
    if (content.length) onChange(content[0]);
    return content.length ? h("span", { class: "media-type" }, content[0].mediaType) : null;
  }
  const select = h("select", { class: "media-select", "aria-label": "Media type" },
    content.map((m, i) => h("option", { value: String(i) }, m.mediaType)));
  select.addEventListener("change", () => onChange(content[Number(select.value)]));
  onChange(content[0]);
  return select;
}

function section(title, ...body) {
  return h("section", { class: "sec" }, h("h2", {}, title), ...body);
}

function parameters(params) {
  const out = [];
  const titles = { path: "Path parameters", query: "Query parameters", header: "Header parameters", cookie: "Cookie parameters" };
  for (const where of ["path", "query", "header", "cookie"]) {
    const list = params?.[where] ?? [];
    if (!list.length) continue;
    out.push(section(titles[where], h("ul", { class: "props params" }, list.map((p) => h("li", { class: "prop" },
      h("div", { class: "prow" },
        h("span", { class: `pname${p.deprecated ? " deprecated" : ""}` }, p.name), typeLabel(p.schema),
        p.required ? h("span", { class: "req" }, "required") : null,
        p.deprecated ? h("span", { class: "flag flag-deprecated" }, "deprecated") : null),
      markdown(p.descriptionHtml),
      ...(p.schema ? details({ ...p.schema, descriptionHtml: undefined, title: undefined }) : []),
      p.examples?.length ? h("div", { class: "enum" }, h("span", { class: "k" }, "Example:"), h("code", { class: "val" }, p.examples[0].value)) : null,
    )))));
  }
  return out;
}

function securityScheme(s) {
  let what;
  if (s.type === "apiKey") what = ["API key in ", s.in ?? "?", " ", h("code", {}, s.paramName ?? "")];
  else if (s.type === "http") what = [`HTTP ${s.scheme ?? ""}`, s.bearerFormat ? ` (${s.bearerFormat})` : ""];
  else if (s.type === "oauth2") what = ["OAuth 2.0", Object.keys(s.flows ?? {}).length ? ` (${Object.keys(s.flows).join(", ")})` : ""];
  else if (s.type === "openIdConnect") what = ["OpenID Connect ", s.openIdConnectUrl ? extLink(s.openIdConnectUrl) : null];
  else what = ["Mutual TLS"];
  return h("li", { class: "scheme" },
    h("div", {}, h("strong", {}, s.name), " — ", what),
    s.scopes?.length ? h("div", { class: "scopes" }, "Scopes: ", s.scopes.map((sc, i) => [i ? " " : "", h("code", {}, sc)])) : null,
    markdown(s.descriptionHtml));
}

function security(sec) {
  if (!sec) return null;
  if (!sec.length) return section("Authorization", h("p", { class: "muted" }, "None required."));
  return section("Authorization", sec.length > 1 ? h("p", { class: "muted" }, "Any one of:") : null,
    h("ul", { class: "security" }, sec.map((req) => req.schemes.length
      ? h("li", {}, h("ul", { class: "schemes" }, req.schemes.map(securityScheme)))
      : h("li", { class: "muted" }, "No authorization"))));
}

function responses(list, side, webhook, ctx) {
  if (!list?.length) return null;
  const exampleSlot = h("div", { class: "response-example" });
  side.append(exampleSlot);
  const t = tabs(list.map((r) => r.status), (i, panel) => {
    const r = list[i];
    const schemaSlot = h("div");
    const media = mediaSwitch(r.content ?? [], (m) => {
      put(schemaSlot, schemaTree(m.schema, { openDepth: 0, schema: ctx?.schema }));
      put(exampleSlot, examplesView(m.examples, `${webhook ? "Your response" : "Response"} ${r.status}`) ?? "");
    });
    if (!r.content?.length) put(exampleSlot, );
    put(panel, 
      markdown(r.descriptionHtml) ?? h("p", { class: "muted" }, "No description."),
      r.headers?.length ? h("div", { class: "sub" }, h("h3", {}, "Headers"), h("ul", { class: "props" }, r.headers.map((hd) => h("li", { class: "prop" },
        h("div", { class: "prow" }, h("span", { class: "pname" }, hd.name), typeLabel(hd.schema), hd.required ? h("span", { class: "req" }, "required") : null),
        markdown(hd.descriptionHtml))))) : null,
      r.content?.length ? h("div", { class: "sub" }, h("h3", {}, "Body ", media), schemaSlot) : null,
      r.links?.length ? h("div", { class: "sub" }, h("h3", {}, "Links"), h("ul", { class: "links" }, r.links.map((l) => {
        const target = l.operationId ? ctx.byOperationId?.(l.operationId) : null;
        return h("li", {}, h("strong", {}, l.name), " → ",
          target ? h("a", { href: hrefFor(target) }, l.operationId) : h("code", {}, l.operationId ?? l.operationRef ?? ""), markdown(l.descriptionHtml));
      }))) : null,
    );
  }, { label: "Response status", classFor: statusClass });
  t.select(0);
  return section(webhook ? "Your server should respond" : "Responses", t.list, t.panel);
}

function requestBody(body, side, webhook, ctx) {
  if (!body) return null;
  const exampleSlot = h("div", { class: "request-example" });
  side.append(exampleSlot);
  const schemaSlot = h("div");
  const media = mediaSwitch(body.content ?? [], (m) => {
    put(schemaSlot, schemaTree(m.schema, { openDepth: 0, schema: ctx?.schema }));
    put(exampleSlot, examplesView(m.examples, webhook ? "Payload example" : "Request example") ?? "");
  });
  return section(webhook ? "Payload" : "Request body",
    h("div", { class: "body-head" }, body.required ? h("span", { class: "req" }, "required") : h("span", { class: "muted" }, "optional"), media),
    markdown(body.descriptionHtml), schemaSlot);
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Replace a URL in a curl command (quoted or bare) with another, shell-quoted. */
export function replaceUrl(code, from, to) {
  if (!from || from === to) return code;
  for (const q of ["'", '"']) if (code.includes(q + from + q)) return code.split(q + from + q).join(shellQuote(to));
  return code.split(from).join(shellQuote(to));
}

function samplesView(e, webhook, onReceiver) {
  if (!e.samples?.length) return null;
  const blocks = e.samples.map((s) => {
    let code = s.code;
    const slot = h("div", { class: "sample-code" }, codeBlock(code, "shell"));
    return { s, slot, set(c) { code = c; put(slot, codeBlock(c, "shell")); }, get: () => code };
  });
  let receiver = null;
  if (webhook) {
    const input = h("input", { type: "url", class: "receiver", value: e.receiverUrl ?? "", spellcheck: "false" });
    input.addEventListener("input", () => {
      const url = input.value.trim() || e.receiverUrl || "";
      for (const b of blocks) b.set(replaceUrl(b.s.code, e.receiverUrl, url));
      onReceiver?.(url);
    });
    receiver = h("label", { class: "receiver-label" }, h("span", {}, "Your receiver URL"), input);
  }
  const one = blocks.length === 1;
  return h("div", { class: "side-block samples" },
    h("div", { class: "side-head" }, h("span", {}, webhook ? "Sample delivery" : "Request sample"), h("span", { class: "lang" }, "curl"),
      one ? copyButton(() => blocks[0].get()) : null),
    receiver,
    blocks.map((b) => h("div", { class: "sample" },
      one ? null : h("div", { class: "sample-head" }, h("span", {}, b.s.label), copyButton(() => b.get())), b.slot)));
}

function endpoint(e, onServer) {
  if (e.kind === "webhook") return null;
  const servers = e.servers ?? [];
  const base = h("span", { class: "server" }, serverUrl(servers[0]));
  let chooser = null;
  if (servers.length > 1) {
    chooser = h("select", { class: "server-select", "aria-label": "Server" }, servers.map((s, i) => h("option", { value: String(i) }, serverUrl(s))));
    chooser.addEventListener("change", () => { const u = serverUrl(servers[Number(chooser.value)]); base.textContent = u; onServer?.(u); });
  }
  return h("div", { class: "endpoint-wrap" }, h("div", { class: "endpoint" }, methodBadge(e.method), h("code", { class: "url" }, base, pathText(e.path ?? ""))), chooser);
}

function webhookFrame(e, receiver) {
  const url = h("code", { class: "receiver-url" }, receiver || "your receiver URL");
  const p = h("p", { class: "event-frame" }, icon("webhook", "icon frame-icon"),
    h("span", {}, "Your server receives ", h("strong", { class: `method-text m-${e.method}` }, e.method.toUpperCase()), " ", url,
      " when the ", h("strong", { class: "event-name" }, e.name ?? ""), " event happens."));
  return { p, setUrl: (u) => { url.textContent = u; } };
}

/** The heading block shared by entries and navigation-only items. */
function head(e) {
  const isHook = e.kind === "webhook";
  return [
    h("div", { class: "kicker" }, isHook ? methodBadge(e.method, "webhook") : null, isHook ? h("span", { class: "kicker-text" }, `Webhook · ${e.name}`) : null,
      e.tags?.length ? h("span", { class: "tags" }, e.tags.map((t) => h("span", { class: "tag" }, t))) : null),
    h("h1", { id: "entry-title", tabindex: "-1", class: [e.deprecated ? "deprecated" : "", e.summary ? "" : "h-path"].join(" ").trim() || null },
      e.summary || (isHook ? e.name : `${e.method.toUpperCase()} ${e.path}`)),
    e.deprecated ? h("div", { class: "deprecated-note" }, "Deprecated") : null,
  ];
}

/** Main column of an operation or webhook (also used, nested, for callbacks). */
function operationParts(e, side, ctx) {
  const webhook = e.kind === "webhook";
  let frame = null, samples = null;
  const main = [];
  if (webhook) { frame = webhookFrame(e, e.receiverUrl); main.push(frame.p); }
  main.push(endpoint(e, (url) => {
    // Another server: the curl sample follows it.
    const from = serverUrl(e.servers[0]);
    side.querySelectorAll(".sample").forEach((el, i) => el.querySelector(".sample-code").replaceChildren(codeBlock(replaceUrl(e.samples[i].code, from, url), "shell")));
  }));
  main.push(markdown(e.descriptionHtml));
  if (e.operationId) main.push(h("div", { class: "opid" }, "operationId ", h("code", {}, e.operationId)));
  samples = samplesView(e, webhook, (u) => frame?.setUrl(u));
  if (samples) side.append(samples);
  if (!webhook) main.push(security(e.security));
  main.push(...parameters(e.parameters));
  main.push(requestBody(e.requestBody, side, webhook, ctx));
  main.push(responses(e.responses, side, webhook, ctx));
  if (webhook && e.security?.length) main.push(security(e.security));
  if (e.callbacks?.length) {
    main.push(section("Callbacks", e.callbacks.map((cb) => h("div", { class: "callback" }, h("h3", {}, icon("webhook", "icon"), " ", cb.name),
      cb.operations.map((op) => {
        const d = h("details", { class: "callback-op" });
        d.append(h("summary", {}, methodBadge(op.method), " ", h("code", {}, op.path ?? op.name ?? ""), op.summary ? h("span", { class: "muted" }, " — ", op.summary) : null));
        let built = false;
        d.addEventListener("toggle", () => {
          if (!d.open || built) return;
          built = true;
          const cside = h("div", { class: "callback-side" });
          d.append(h("div", { class: "callback-body" }, operationParts(op, cside, ctx), cside));
        });
        return d;
      })))));
  }
  if (e.externalDocs) main.push(h("p", { class: "extdocs" }, "See also: ", extLink(e.externalDocs.url, e.externalDocs.url), markdown(e.externalDocs.descriptionHtml)));
  return main;
}

/** An operation or webhook entry. */
export function operationView(e, ctx) {
  const side = h("aside", { class: "entry-side", "aria-label": "Samples" });
  const main = h("div", { class: "entry-main" }, head(e), operationParts(e, side, ctx));
  return h("article", { class: `entry entry-${e.kind}`, dataset: { id: e.id } }, main, side);
}

/** A schema entry; ctx.schema(name) fetches the entries of components whose trees are deferred. */
export function schemaView(e, ctx) {
  const side = h("aside", { class: "entry-side", "aria-label": "Examples" }, examplesView(e.examples, "Example"));
  const main = h("div", { class: "entry-main" },
    h("div", { class: "kicker" }, h("span", { class: "schema-icon" }, "{ }"), h("span", { class: "kicker-text" }, "Schema")),
    h("h1", { id: "entry-title", tabindex: "-1", class: e.schema?.deprecated ? "deprecated" : null }, e.name),
    schemaTree(e.schema, { openDepth: 1, schema: ctx?.schema }));
  return h("article", { class: "entry entry-schema", dataset: { id: e.id } }, main, side);
}

/** What the navigation model alone can show, when this build has no entries. */
export function navOnlyView(item, why) {
  const e = { ...item, servers: [], samples: [], responses: [], parameters: {} };
  const main = h("div", { class: "entry-main" });
  if (item.kind === "schema") {
    main.append(h("div", { class: "kicker" }, h("span", { class: "kicker-text" }, "Schema")), h("h1", { id: "entry-title", tabindex: "-1" }, item.name),
      item.type ? h("p", {}, "Type: ", h("code", {}, item.type)) : null);
  } else {
    main.append(...head(e).filter(Boolean));
    if (item.kind === "webhook") main.append(webhookFrame(e, null).p);
    else main.append(h("div", { class: "endpoint" }, methodBadge(item.method), h("code", { class: "url" }, pathText(item.path ?? ""))));
  }
  main.append(h("p", { class: "note", role: "note" }, why));
  return h("article", { class: `entry entry-${item.kind}`, dataset: { id: item.id } }, main);
}
