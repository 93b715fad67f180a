// Web Push on this device: the service worker (/sw.js, scope /) and the browser's push subscription. The
// notification-service keeps the subscriptions among the clinician's contact points and pushes pages to them.

/** base64url (no padding, as the services and toJSON() write it) to bytes. */
export function base64UrlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - text.length % 4) % 4);
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

/** Bytes (an ArrayBuffer or a typed array) to base64url without padding. */
export function bytesToBase64Url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes instanceof ArrayBuffer ? bytes : bytes.buffer.slice(bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength))) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The notification-service's channel name of a subscription: push:<first 12 hex digits of SHA-256(endpoint)>. */
export async function channelOf(endpoint) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(endpoint)));
  return 'push:' + Array.from(hash.slice(0, 6), b => b.toString(16).padStart(2, '0')).join('');
}

export function isIos() {
  return /iPhone|iPad|iPod/.test(navigator.userAgent)
    || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
}

/**
 * Whether this browser can receive push here, and if not, why in words a clinician can act on: a service worker
 * needs a secure page (HTTPS, or localhost), and an iPhone or iPad only lets a console added to the home screen
 * ask for push.
 */
export function pushSupport() {
  if (!window.isSecureContext) {
    return { supported: false, reason: 'Push needs the console over HTTPS: this page was opened over plain HTTP.' };
  }
  if (isIos() && !navigator.standalone && !('PushManager' in window)) {
    return { supported: false, reason: 'On an iPhone or iPad, add the console to the home screen first (Share, '
      + 'Add to Home Screen), open it from there and switch push on there.' };
  }
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return { supported: false, reason: 'This browser cannot receive push notifications.' };
  }
  return { supported: true };
}

/** A short label the clinician recognises this device by, such as "Chrome on Linux". */
export function deviceLabel(userAgent = navigator.userAgent) {
  const browser = /Edg\//.test(userAgent) ? 'Edge'
    : /OPR\//.test(userAgent) ? 'Opera'
    : /Firefox\/|FxiOS\//.test(userAgent) ? 'Firefox'
    : /SamsungBrowser\//.test(userAgent) ? 'Samsung Internet'
    : /Chrome\/|Chromium\/|CriOS\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari'
    : 'Browser';
  const system = /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPod/.test(userAgent) ? 'iPhone'
    : /iPad/.test(userAgent) || (/Macintosh/.test(userAgent) && navigator.maxTouchPoints > 1) ? 'iPad'
    : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
    : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  return system ? browser + ' on ' + system : browser;
}

/** The console's service worker, registered if it is not yet, once it is active. */
export async function registerWorker() {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This browser's current push subscription, or null (also when the worker was never registered). */
export async function currentSubscription() {
  if (!pushSupport().supported) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return registration ? registration.pushManager.getSubscription() : null;
}

/**
 * Registers the worker, asks for permission to notify and subscribes with the service's VAPID public key
 * (base64url). A subscription made earlier with another key, or one the service has since forgotten
 * ({@code stale}), is replaced. Resolves to the PushSubscription; rejects with a message for the clinician.
 */
export async function subscribe(publicKey, { stale = false } = {}) {
  const registration = await registerWorker();
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error(permission === 'denied'
      ? 'Notifications are blocked for the console in this browser. Allow them in the browser\'s site settings, then switch push on again.'
      : 'Notifications were not allowed. Switch push on again and choose Allow.');
  }
  const applicationServerKey = base64UrlToBytes(publicKey);
  const existing = await registration.pushManager.getSubscription();
  if (existing) {
    const key = existing.options && existing.options.applicationServerKey;
    if (!stale && (!key || bytesToBase64Url(key) === publicKey)) return existing;
    await existing.unsubscribe();
  }
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
}

/** Ends this browser's subscription, if it has one; true when one was ended. */
export async function unsubscribe() {
  const subscription = await currentSubscription();
  return subscription ? subscription.unsubscribe() : false;
}
