// Honoscope service worker: offline copy of the app, nothing else.
const version = "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const scope = self.registration.scope;
const cachePrefix = "honoscope:" + scope + ":";
const cacheName = cachePrefix + version;
const homePage = new URL(scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys
      .filter((key) => key.startsWith(cachePrefix) && key !== cacheName)
      .map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(respond(request));
});

// Each page is cached at its folder's address ("/rate/"), where a plain
// static host's redirect and a reload land; a page opened at "/rate" or
// "/rate/index.html" is answered from the same copy.
function folderOf(url) {
  const u = new URL(url);
  if (u.pathname.endsWith("/index.html")) {
    u.pathname = u.pathname.slice(0, -"index.html".length);
  } else if (!u.pathname.endsWith("/")) {
    u.pathname += "/";
  }
  u.search = "";
  return u.href;
}

async function respond(request) {
  const cache = await caches.open(cacheName);
  const navigation = request.mode === "navigate";
  const cached = await cache.match(request, { ignoreSearch: navigation }) ||
    (navigation ? await cache.match(folderOf(request.url)) : undefined);
  if (cached) {
    return cached;
  }
  try {
    return await fetch(request);
  } catch (err) {
    if (navigation) {
      const home = await cache.match(homePage);
      if (home) {
        return home;
      }
    }
    throw err;
  }
}
