// Service worker of the offline center console: keeps the app shell (page, script, styles) so the
// console opens without a connection. API calls are never cached: the page keeps its data in IndexedDB.
const CACHE = 'teeka-offline-v2';
const SHELL = ['/staff/center/offline', '/js/offline.js', '/css/offline.css', '/css/teeka.css'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// network first, so a signed-in page and fresh scripts win; the cached copy when the server cannot be reached
self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  const cacheKey = url.origin + url.pathname;
  event.respondWith(fetch(event.request).then(response => {
    if (response.ok && !response.redirected && response.type === 'basic') {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(cacheKey, copy));
    }
    return response;
  }).catch(() => caches.match(cacheKey).then(cached => cached || Response.error())));
});
