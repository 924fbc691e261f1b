// theme.mjs - the editor's light and dark looks. Colours come from preview.css's
// custom properties (which follow the page's theme: see element.mjs), so the
// editor, the problems panel and the docs change together; the token colours
// need a style per theme because CodeMirror's default one is made for light.
import { EditorView } from "@codemirror/view";
import { HighlightStyle, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const chrome = (dark) => EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--bg)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  ".cm-gutters": { color: "var(--muted)", backgroundColor: "var(--gutter-bg)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": { backgroundColor: "var(--selection)" },
  ".cm-selectionMatch": { backgroundColor: "var(--selection-match)" },
  ".cm-tooltip": { color: "var(--fg)", backgroundColor: "var(--panel-bg)", border: "1px solid var(--border)" },
  ".cm-panels": { color: "var(--fg)", backgroundColor: "var(--panel-bg)" },
  ".cm-foldPlaceholder": { color: "var(--muted)", backgroundColor: "transparent", border: "1px solid var(--border)" },
}, { dark });

const darkTokens = HighlightStyle.define([
  { tag: [t.definition(t.propertyName), t.propertyName], color: "#7aa5ff" },
  { tag: [t.string, t.special(t.string)], color: "#8fd18a" },
  { tag: t.number, color: "#e0a96d" },
  { tag: [t.bool, t.null, t.atom, t.keyword], color: "#d59cf6" },
  { tag: [t.labelName, t.typeName], color: "#e5c07b" },
  { tag: [t.lineComment, t.comment], color: "#7f8a96", fontStyle: "italic" },
  { tag: [t.meta, t.attributeValue], color: "#98a2ad" },
  { tag: t.invalid, color: "#ff6b6b" },
], { themeType: "dark" });

/** The extensions for one theme: put them in a Compartment and reconfigure it when the theme changes. */
export function editorTheme(theme) {
  const dark = theme === "dark";
  return [chrome(dark), syntaxHighlighting(dark ? darkTokens : defaultHighlightStyle, { fallback: true })];
}
