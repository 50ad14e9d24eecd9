// The check-in page's service worker: the page and its assets stay
// usable when the hall's Wi-Fi fails. The server replaces {{v}} with the
// hash of the check-in assets, so each build has a cache of its own.
const VERSION = '{{v}}';
const CACHE = `checkin-${VERSION}`;
const PAGE = '/checkin';
const ASSETS = `/checkin/${VERSION}/`;
const CORE = [PAGE, `${ASSETS}checkin.js`, `${ASSETS}judge.js`, `${ASSETS}checkin.css`];
// The QR decoder is only the camera's fallback: a build without it still installs.
const OPTIONAL = [`${ASSETS}decoder/decoder.js`, `${ASSETS}decoder/decoder_bg.wasm`];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CORE);
    await Promise.all(OPTIONAL.map((url) => cache.add(url).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('checkin-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only this origin's GETs of the page and this build's assets; the API
  // (attendee data) and everything else go to the network untouched.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname === PAGE || url.pathname === `${PAGE}/`) {
    // The page: network first (a new build shows at once), the cache when offline.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(PAGE, response.clone());
        return response;
      } catch (err) {
        const cached = await cache.match(PAGE);
        if (cached) return cached;
        throw err;
      }
    })());
  } else if (url.pathname.startsWith(ASSETS)) {
    // This build's assets never change (their path holds the hash): cache first.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })());
  }
});
