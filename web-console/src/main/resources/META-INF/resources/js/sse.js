// The alert stream (Server-Sent Events) read with fetch(): EventSource cannot send the bearer token. Remembers the
// last event id and reconnects with Last-Event-ID after a blip, so the server replays what was missed.
import { accessToken } from './auth.js';

export function openStream(url, { onEvent, onState }) {
  let lastEventId = null;
  let attempt = 0;

  async function connectOnce() {
    const headers = { Authorization: 'Bearer ' + await accessToken(), Accept: 'text/event-stream' };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (!response.ok) throw new Error('the alert stream answered ' + response.status);
    onState('live');
    attempt = 0;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data = [];
    let id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
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

  async function run() {
    for (;;) {
      try {
        await connectOnce();
      } catch (e) {
        // a network blip or a refused connection: reconnect after a pause
      }
      onState('reconnecting');
      attempt++;
      await new Promise(r => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5))));
    }
  }

  run();
}
