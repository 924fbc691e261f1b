// docs.mjs - the /docs page that `npm start` serves: one <oasview-docs>
// showing the spec named by /config.json, or by ?url= when that URL is on
// this site (the page never fetches from elsewhere).
import "/dist/viewer/element.mjs";

const app = document.getElementById("app");

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

function alertBox(message) {
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.textContent = message;
  return p;
}

async function main() {
  const url = await specUrl();
  const viewer = document.createElement("oasview-docs");
  viewer.addEventListener("oasview-load", (e) => { document.title = `${e.detail.title} · oasview`; });
  viewer.setAttribute("spec-url", url.pathname + url.search);
  app.replaceChildren(viewer);
}

main().catch((error) => {
  app.replaceChildren(alertBox(`oasview could not show the document: ${error.message}`));
});
