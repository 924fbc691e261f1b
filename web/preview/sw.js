// sw.js - the /preview page's service worker (scope /preview): the page works
// offline after the first load. scripts/build.mjs writes dist/preview/sw.js with
// the build id and the asset list filled in; a new build is a new script, so the
// browser installs it, and its cache (named by the build id) replaces the old one.
//
// The page itself, /config.json and the served spec: network first, the cached copy
// when offline. The built assets (dist/): the cache of this build first.
const BUILD = "__OASVIEW_BUILD__";
const ASSETS = __OASVIEW_ASSETS__;
const CACHE = `oasview-preview-${BUILD}`;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(ASSETS.map((u) => new Request(u, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("oasview-preview-") && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.startsWith("/preview/dist/")) event.respondWith(cacheFirst(req));
  else event.respondWith(networkFirst(req));
});

async function cacheFirst(req) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(req, { ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) cache.put(req, res.clone());
  return res;
}

async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) cache.put(req, res.clone());
    return res;
  } catch (error) {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    throw error;
  }
}
