// The alert stream (Server-Sent Events) read with fetch(): EventSource cannot send the bearer token. Remembers the
// last event id and reconnects with Last-Event-ID, so the server replays what was missed: after a blip, and when the
// server ends the stream (at the token's expiry, or after the board stopped reading), then at once and with a token
// that accessToken() has renewed.
import { accessToken } from './auth.js';

// A stream the server ended after this long was a good one: the next is opened at once.
const LIVED_LONG_ENOUGH_MS = 5_000;

export function openStream(url, { onEvent, onState }) {
  let lastEventId = null;
  let attempt = 0;

  /** Reads one stream until the server ends it; how long it was live, in milliseconds. */
  async function connectOnce() {
    const headers = { Authorization: 'Bearer ' + await accessToken(), Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (!response.ok) {
      // 429 (this user's other screens hold every place) and 503 say when to try again
      const retryAfter = Number(response.headers.get('Retry-After'));
      const refused = new Error('the alert stream answered ' + response.status);
      refused.retryAfterMs = retryAfter > 0 ? retryAfter * 1000 : 0;
      throw refused;
    }
    onState('live');
    attempt = 0;
    const opened = Date.now();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data = [];
    let id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return Date.now() - opened;
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
          // a comment (": connected"): the replay is over
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
        // a network blip or a refused connection: reconnect after a pause
        pause = Math.max(e.retryAfterMs || 0, backoff());
      }
      onState('reconnecting');
      if (pause > 0) await new Promise(r => setTimeout(r, pause));
    }
  }

  run();
}
