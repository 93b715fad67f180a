// The console's service worker (scope /): shows the notification-service's Web Push messages, and a tap on one
// opens the alert on the board. It caches nothing: the pages always come from the server.
//
// A message is JSON: {kind, alertId, title, body, tag, requireInteraction, severity, url}. The tag is the alert's
// id, so an escalation or an acknowledgement of the alert replaces its notification rather than stacking another.

self.addEventListener('install', () => self.skipWaiting());

// Take the open pages at once, so that a tap can move an open board to the alert.
self.addEventListener('activate', event => event.waitUntil(self.clients.claim()));

self.addEventListener('push', event => {
  let message;
  try {
    message = event.data ? event.data.json() : {};
  } catch (e) {
    message = { body: event.data ? event.data.text() : '' };
  }
  const title = message.title || 'BFR Guard';
  event.waitUntil(self.registration.showNotification(title, {
    body: message.body || '',
    tag: message.tag || 'bfr-guard',
    requireInteraction: message.requireInteraction === true,
    renotify: true,
    data: { url: message.url || '/board.html', alertId: message.alertId || null, kind: message.kind || null },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const data = event.notification.data || {};
  const target = new URL(data.url || '/board.html', self.location.origin);
  event.waitUntil(open(target));
});

/** Focuses a tab already at the target, moves an open tab of the same page there, or opens a new one. */
async function open(target) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find(client => client.url === target.href);
  if (same) return same.focus();
  const page = windows.find(client => {
    const url = new URL(client.url);
    return url.origin === target.origin && url.pathname === target.pathname;
  });
  if (page) {
    try {
      const focused = await page.focus();
      // the board follows a change of #alert= without a reload
      const moved = await focused.navigate(target.href);
      if (moved) return moved;
    } catch (e) {
      // a tab this worker does not control cannot be navigated from here: open a new one instead
    }
  }
  return self.clients.openWindow(target.href);
}
