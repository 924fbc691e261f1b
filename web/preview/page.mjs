// page.mjs - the /preview page that `npm start` serves: one <oasview-preview>
// starting from the served spec (/config.json) when nothing is stored, and a
// service worker (scope /preview) so the page works offline after the first load.
import "./element.mjs";

const app = document.getElementById("app");

async function main() {
  let specUrl = null;
  try { specUrl = (await (await fetch("/config.json")).json()).specUrl; } catch { /* offline and not cached: start empty */ }
  const preview = document.createElement("oasview-preview");
  if (specUrl) preview.setAttribute("spec-url", specUrl);
  app.replaceChildren(preview);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/preview/sw.js", { scope: "/preview" }).catch((error) => console.warn(`oasview: no offline copy: ${error.message}`));
  }
}

main().catch((error) => {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = `oasview could not start the preview: ${error.message}`;
  app.replaceChildren(p);
});
