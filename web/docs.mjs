// docs.mjs - the /docs page that `npm start` serves: one <oasview-docs>
// showing the spec the server named (the oasview-spec-url meta, else /config.json),
// or the one named by ?url= when that URL is on this site (the page never
// fetches from elsewhere).

// the worker first, before element.mjs (modulepreloaded) is in: a worker is slow to start (docs.html's
// inline script starts it earlier still, while this module downloads, and has it download the spec)
const worker = self.oasviewWorker ?? new Worker("/dist/viewer/worker.mjs", { type: "module", name: "oasview" });
await import("/dist/viewer/element.mjs");

const app = document.getElementById("app");

/** `?url=` is honoured only for same-origin URLs: the page never fetches elsewhere. */
function askedUrl() {
  const asked = new URLSearchParams(location.search).get("url");
  if (!asked) return null;
  const url = new URL(asked, location.href);
  if (url.origin !== location.origin) throw new Error(`?url= must point to this site (${location.origin}), not ${url.origin}`);
  return url;
}

async function configuredUrl() {
  const named = document.querySelector('meta[name="oasview-spec-url"]')?.content;
  if (named) return new URL(named, location.href);
  const config = await (await fetch("/config.json")).json();
  return new URL(config.specUrl, location.href);
}

function alertBox(message) {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = message;
  return p;
}

async function main() {
  const asked = askedUrl();
  // in the page at once: the wasm compiles while the spec's URL is looked up
  const viewer = document.createElement("oasview-docs");
  viewer.worker = worker;
  viewer.addEventListener("oasview-load", (e) => { document.title = `${e.detail.title} · oasview`; });
  app.replaceChildren(viewer);
  const url = asked ?? await configuredUrl();
  viewer.setAttribute("spec-url", url.pathname + url.search);
}

main().catch((error) => {
  app.replaceChildren(alertBox(`oasview could not show the document: ${error.message}`));
});
