// The alert stream (Server-Sent Events) read with fetch(): EventSource cannot send the bearer token. Remembers the
// last event id and reconnects with Last-Event-ID, so the server replays what was missed: after a blip, and when the
// server ends the stream (at the token's expiry, or after the board stopped reading), then at once and with a token
// that accessToken() has renewed.
//
// Any byte from the stream counts as life: an event, or a comment (the server sends ": heartbeat" every 15 s). A
// connection that brings nothing for silenceMs is dead even though it never closed (a network that drops packets, a
// Wi-Fi that changed, a laptop that slept): it is closed and opened again, and until bytes flow again the board is
// told it is deaf, with the time of the last byte.
import { accessToken } from './auth.js';

// A stream the server ended after this long was a good one: the next is opened at once.
const LIVED_LONG_ENOUGH_MS = 5_000;
// After a silent connection is given up, the next one is tried after at most this: the silence was the long wait.
const SILENT_RETRY_MAX_MS = 4_000;

/**
 * Reads the stream until the page closes. onEvent(change, lastEventId) for each event; onState(state, lastByteAt)
 * on each change of state: 'live', 'reconnecting', or 'deaf' (nothing heard for silenceMs; lastByteAt is a Date).
 * onResync() when a stream opened again without a Last-Event-ID (no event had come yet) is connected: the server
 * cannot replay what happened meanwhile, so the page reads it afresh.
 */
export function openStream(url, { onEvent, onState, onResync = () => {}, silenceMs = 35_000 }) {
  let lastEventId = null;
  let attempt = 0;
  let opened = 0;
  // when the stream last brought a byte (before the first: when the board began to listen)
  let lastByteAt = Date.now();
  // when the connection being tried was opened or last brought a byte
  let heardAt = lastByteAt;
  // the connection being tried or read, and whether the silence ended it
  let connection = null;
  let silenced = false;
  let state = 'connecting';
  let deaf = false;

  function report(next) {
    state = next;
    onState(deaf ? 'deaf' : next, new Date(lastByteAt));
  }

  function heard() {
    lastByteAt = heardAt = Date.now();
    if (deaf || state !== 'live') {
      deaf = false;
      report('live');
    }
  }

  // Timers of a hidden tab may run late; a late check still sees the whole silence.
  setInterval(() => {
    const now = Date.now();
    if (!deaf && now - lastByteAt >= silenceMs) {
      deaf = true;
      report(state);
    }
    if (connection && now - heardAt >= silenceMs) {
      silenced = true;
      connection.abort();
    }
  }, Math.max(250, Math.min(1_000, silenceMs / 4)));

  /** Reads one stream until the server ends it; how long it was live, in milliseconds. */
  async function connectOnce() {
    const headers = { Authorization: 'Bearer ' + await accessToken(), Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    const resync = opened++ > 0 && lastEventId === null;
    connection = new AbortController();
    heardAt = Date.now();
    try {
      const response = await fetch(url, { headers, cache: 'no-store', signal: connection.signal });
      if (!response.ok) {
        // 429 (this user's other screens hold every place) and 503 say when to try again
        const retryAfter = Number(response.headers.get('Retry-After'));
        const refused = new Error('the alert stream answered ' + response.status);
        refused.retryAfterMs = retryAfter > 0 ? retryAfter * 1000 : 0;
        throw refused;
      }
      heard();
      attempt = 0;
      const since = Date.now();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let data = [];
      let id = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return Date.now() - since;
        heard();
        buffer += decoder.decode(value, { stream: true });
        let newline;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (id !== null) lastEventId = id;
            if (data.length) onEvent(JSON.parse(data.join('\n')), lastEventId);
            data = [];
            id = null;
          } else if (line.startsWith(':')) {
            // a comment (": connected" after the replay, ": heartbeat"): life, and nothing more, except that a
            // stream that could not replay is now registered, and what it missed can be read
            if (resync && line.slice(1).trim() === 'connected') onResync();
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'data') data.push(value);
            else if (field === 'id') id = value;
          }
        }
      }
    } finally {
      connection = null;
    }
  }

  function backoff() {
    attempt++;
    return Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
  }

  async function run() {
    for (;;) {
      let pause;
      try {
        const lived = await connectOnce();
        // the server ended it; one that ends as soon as it begins is not retried in a tight loop
        pause = lived >= LIVED_LONG_ENOUGH_MS ? 0 : backoff();
      } catch (e) {
        // silent for too long, a network blip or a refused connection: reconnect after a pause
        pause = silenced ? Math.min(SILENT_RETRY_MAX_MS, backoff()) : Math.max(e.retryAfterMs || 0, backoff());
      }
      silenced = false;
      report('reconnecting');
      if (pause > 0) await new Promise(r => setTimeout(r, pause));
    }
  }

  run();
}
