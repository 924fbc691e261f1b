// sidebar.mjs - the navigation list: tag groups (operations and webhooks side by
// side), the Webhooks section and the Schemas section, as one virtualised list
// of fixed-height rows. Only the rows in view (plus a margin) are in the DOM,
// so a document with tens of thousands of operations costs the same to scroll
// as one with ten. Rows are rebuilt only when the filter or a collapsed group
// changes; a click costs a Map lookup.
import { h, hrefFor, icon, methodBadge } from "./dom.mjs";

export const ROW_HEIGHT = 32;
const OVERSCAN = 8;

/**
 * The rows for a navigation model.
 * @param {import("../model").Navigation} nav
 * @param {"all"|"operations"|"webhooks"} filter
 * @param {Set<string>} collapsed  keys of collapsed groups/sections
 */
export function buildRows(nav, filter, collapsed) {
  const rows = [];
  const keep = (it) => filter === "all" || (filter === "operations" ? it.kind === "operation" : it.kind === "webhook");
  nav.groups.forEach((g, gi) => {
    const items = filter === "all" ? g.items : g.items.filter(keep);
    if (!items.length) return;
    const key = `g:${gi}`;
    const isCollapsed = collapsed.has(key);
    rows.push({ type: "group", key, title: g.title, count: items.length, collapsed: isCollapsed, tag: g.tag });
    if (!isCollapsed) for (const it of items) rows.push({ type: "item", item: it, depth: 1 });
  });
  if (filter !== "operations" && nav.webhooks.length) {
    const isCollapsed = collapsed.has("webhooks");
    rows.push({ type: "section", key: "webhooks", title: "Webhooks", count: nav.webhooks.length, collapsed: isCollapsed, href: "#/webhooks" });
    if (!isCollapsed) for (const it of nav.webhooks) rows.push({ type: "item", item: it, depth: 1, section: "webhooks" });
  }
  if (filter === "all" && nav.schemas.length) {
    const isCollapsed = collapsed.has("schemas");
    rows.push({ type: "section", key: "schemas", title: "Schemas", count: nav.schemas.length, collapsed: isCollapsed, href: "#/schemas" });
    if (!isCollapsed) for (const s of nav.schemas) rows.push({ type: "schema", item: s, depth: 1 });
  }
  return rows;
}

export function itemLabel(it) {
  if (it.kind === "webhook") return it.summary || it.name;
  return it.summary || shortPath(it.path);
}

/** A long path keeps its first segment and as much of its end as fits: "/applications/…/commands/{command_id}". */
export function shortPath(path, max = 27) {
  if (!path || path.length <= max) return path;
  const segs = path.split("/");
  let tail = "";
  for (let i = segs.length - 1; i > 1; i--) {
    const next = `/${segs[i]}${tail}`;
    if (tail && `/${segs[1]}/…${next}`.length > max) break;
    tail = next;
  }
  return `/${segs[1]}/…${tail}`;
}

/** True when two rows draw the same (setRows keeps such a row's element). */
function sameRow(a, b) {
  if (!a || !b || a.type !== b.type || a.key !== b.key || a.title !== b.title || a.count !== b.count || a.collapsed !== b.collapsed || a.tag !== b.tag) return false;
  const x = a.item, y = b.item;
  return x === y || (!!x && !!y && x.id === y.id && x.kind === y.kind && x.method === y.method && x.path === y.path
    && x.name === y.name && x.summary === y.summary && !!x.deprecated === !!y.deprecated);
}

export class VirtualList {
  #root; #spacer; #rows = []; #shown = new Map(); #active = null; #frame = 0; #top = 0; #height = 0;
  #index = new Map();
  onToggle = null; // (key) => void

  constructor(label) {
    this.#spacer = h("div", { class: "vspacer" });
    this.#root = h("div", { class: "vlist", role: "list", "aria-label": label }, this.#spacer);
    this.#root.addEventListener("scroll", () => { this.#top = this.#root.scrollTop; this.#schedule(); }, { passive: true });
    this.#root.addEventListener("keydown", (e) => this.#key(e));
    new ResizeObserver(([e]) => { this.#height = e.contentRect.height; this.#schedule(); }).observe(this.#root);
  }

  get element() { return this.#root; }
  get rows() { return this.#rows; }

  setRows(rows) {
    const old = this.#rows;
    this.#rows = rows;
    this.#index.clear();
    rows.forEach((r, i) => {
      const id = r.item?.id;
      // An item in several groups: the first row; the Webhooks section only if it has no other.
      if (id && !this.#index.has(id)) this.#index.set(id, i);
    });
    // A live edit changes a row or two: rows drawn the same way stay in the DOM.
    for (const [i, el] of this.#shown) {
      if (old.length === rows.length && sameRow(old[i], rows[i])) continue;
      el.remove();
      this.#shown.delete(i);
    }
    this.#spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.render();
  }

  /** Highlight the row of `id` and scroll it into view when it is not. */
  setActive(id, scroll = true) {
    this.#active = id;
    for (const el of this.#shown.values()) el.classList.toggle("active", el.dataset.id === id);
    const i = this.#index.get(id);
    if (scroll && i !== undefined) this.scrollToIndex(i);
  }

  scrollToIndex(i) {
    // the position and height the scroll and resize events saw: reading them would force a layout
    const top = i * ROW_HEIGHT, view = this.#height || this.#root.clientHeight;
    if (top < this.#top) this.#root.scrollTop = this.#top = top;
    else if (top + ROW_HEIGHT > this.#top + view) {
      // clamped as the browser would clamp it, so that #top stays true
      this.#root.scrollTop = this.#top = Math.max(0, Math.min(top - view / 2, this.#rows.length * ROW_HEIGHT - view));
    }
    this.render();
  }

  #schedule() {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => { this.#frame = 0; this.render(); });
  }

  render() {
    // the scroll position and height as the scroll and resize events last saw them: reading them here
    // would force a layout after each edit's DOM changes (the live preview redraws on every keystroke)
    const top = this.#top, view = this.#height || 800;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.#rows.length, Math.ceil((top + view) / ROW_HEIGHT) + OVERSCAN);
    for (const [i, el] of this.#shown) {
      if (i < first || i >= last) { el.remove(); this.#shown.delete(i); }
    }
    for (let i = first; i < last; i++) {
      if (this.#shown.has(i)) continue;
      const el = this.#row(this.#rows[i], i);
      el.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      this.#shown.set(i, el);
      this.#root.append(el);
    }
  }

  #row(r, i) {
    const li = h("div", { class: `vrow vrow-${r.type}`, role: "listitem", "aria-setsize": this.#rows.length, "aria-posinset": i + 1, dataset: { index: i } });
    if (r.type === "group" || r.type === "section") {
      const btn = h("button", {
        type: "button", class: "row-toggle", "aria-expanded": String(!r.collapsed), dataset: { key: r.key },
        on: { click: () => this.onToggle?.(r.key) },
      }, icon("chevron", "icon chev"), h("span", { class: "row-title" }, r.title), h("span", { class: "count" }, String(r.count)));
      li.append(btn);
      if (r.type === "section") {
        li.classList.add(`section-${r.key}`);
        if (r.key === "webhooks") btn.querySelector(".chev").after(icon("webhook", "icon section-icon"));
        li.append(h("a", { class: "row-more", href: r.href, "aria-label": `All ${r.title.toLowerCase()}`, tabindex: "-1" }, "view all"));
      }
      return li;
    }
    const it = r.item;
    li.dataset.id = it.id;
    if (it.id === this.#active) li.classList.add("active");
    if (r.type === "schema") {
      li.append(h("a", { class: `row-link${it.deprecated ? " deprecated" : ""}`, href: hrefFor(it.id), title: it.name, dataset: { id: it.id } },
        h("span", { class: "schema-icon", "aria-hidden": "true" }, "{ }"), h("span", { class: "label" }, it.name)));
      return li;
    }
    const label = itemLabel(it);
    const where = it.kind === "webhook" ? `webhook ${it.name}` : `${it.method.toUpperCase()} ${it.path}`;
    li.append(h("a", {
      class: `row-link kind-${it.kind}${it.deprecated ? " deprecated" : ""}`, href: hrefFor(it.id), dataset: { id: it.id, kind: it.kind },
      title: it.deprecated ? `${where} (deprecated)` : where,
    }, methodBadge(it.method, it.kind), h("span", { class: "label" }, label), it.deprecated ? h("span", { class: "sr-only" }, " (deprecated)") : null));
    return li;
  }

  /** Arrow keys move between rows (rendering them first when they are out of view). */
  #key(e) {
    const row = e.target.closest?.(".vrow");
    if (!row) return;
    const i = Number(row.dataset.index);
    let to = null;
    if (e.key === "ArrowDown") to = Math.min(this.#rows.length - 1, i + 1);
    else if (e.key === "ArrowUp") to = Math.max(0, i - 1);
    else if (e.key === "Home") to = 0;
    else if (e.key === "End") to = this.#rows.length - 1;
    else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && this.#rows[i].key) {
      const r = this.#rows[i];
      if ((e.key === "ArrowLeft") !== r.collapsed) { e.preventDefault(); this.onToggle?.(r.key); this.focusIndex(i); }
      return;
    }
    if (to === null) return;
    e.preventDefault();
    this.focusIndex(to);
  }

  focusIndex(i) {
    this.scrollToIndex(i);
    this.render();
    this.#shown.get(i)?.querySelector("a.row-link, button")?.focus();
  }
}
