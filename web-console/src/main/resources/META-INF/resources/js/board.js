import { requireUser, hasRole, loadConfig } from './auth.js';
import { api, baseUrl, el, header, time, dateTime, words, LIMB_NAMES, showError } from './api.js';
import { openStream } from './sse.js';

const SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, WARNING: 2, INFO: 1 };
const STATUS_RANK = { OPEN: 1, ACKNOWLEDGED: 2, RESOLVED: 3 };

const user = await requireUser();
header(user, 'board.html');
const main = document.querySelector('main');
if (!hasRole(user, 'clinician')) {
  main.replaceChildren(el('p', { class: 'problem', role: 'alert', 'data-testid': 'not-allowed' },
    'The alert board is for clinicians. Alerts about your patients reach the clinician on duty.'));
  main.hidden = false;
  throw new Error('not a clinician');
}

const alerts = new Map();
const list = document.getElementById('alerts');
const state = document.getElementById('stream-state');
const banner = document.getElementById('critical-banner');
const nobodyBanner = document.getElementById('nobody-on-call-banner');
const filters = document.getElementById('filters');
const linkProblem = document.getElementById('link-problem');
const rowMessages = {};
let sound = false;
let audio;
// The alert a link names (notification e-mails link to board.html#alert=<id>), and whether the board has taken the
// clinician to it yet.
let linked = linkedAlert();
let broughtIntoView = false;

function upsert(alert) {
  const known = alerts.get(alert.id);
  // Only the stream's NOTIFIED changes and the API's answers carry the trail, which only ever grows: keep the
  // longest one seen, so neither a change without it nor an answer that crossed a newer change shortens it.
  const trail = [known && known.notifications, alert.notifications]
    .reduce((longest, t) => (t && (!longest || t.length > longest.length) ? t : longest), null);
  // the list and the stream can cross: never step an alert back in its lifecycle
  if (known && STATUS_RANK[known.status] > STATUS_RANK[alert.status]) {
    known.notifications = trail;
    return;
  }
  alerts.set(alert.id, { ...alert, notifications: trail });
}

function linkedAlert() {
  const id = new URLSearchParams(location.hash.slice(1)).get('alert');
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : null;
}

function matches(a) {
  // the alert a link names is shown whatever the filters: the clinician came for it
  if (a.id === linked) return true;
  const f = new FormData(filters);
  const status = f.get('status');
  if (status === 'UNRESOLVED' ? a.status === 'RESOLVED' : status !== 'ALL' && a.status !== status) return false;
  if (f.get('severity') !== 'ALL' && a.severity !== f.get('severity')) return false;
  if (f.get('site') && f.get('site') !== 'ALL' && a.site !== f.get('site')) return false;
  const patient = f.get('patient').trim().toLowerCase();
  return !patient || a.patientId.toLowerCase().includes(patient);
}

// Unresolved before resolved, the most severe first, the newest first within a severity.
function order(a, b) {
  return (a.status === 'RESOLVED') - (b.status === 'RESOLVED')
    || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]
    || (b.lastOccurredAt || b.raisedAt).localeCompare(a.lastOccurredAt || a.raisedAt);
}

function channelName(channel) {
  if (channel === 'email') return 'e-mail';
  if (channel && channel.startsWith('webhook:')) return channel.slice('webhook:'.length) + ' (webhook)';
  // push:<hash of the subscription's endpoint>: one of the recipient's devices
  if (channel && channel.startsWith('push:')) return 'push';
  return channel || 'a channel';
}

const KIND_WORDS = { TRIGGER: '', ACKNOWLEDGE: 'acknowledgement via ', RESOLVE: 'resolution via ' };

/** One attempt in words: who was told how, and what came of it; the words carry it, the colour only repeats it. */
function notificationText(n, alert) {
  const level = n.escalationLevel ? 'escalation ' + n.escalationLevel + ': ' : '';
  if (n.reason === 'NOBODY_ON_CALL') {
    return level + 'nobody on call at ' + alert.site + ': nobody was paged';
  }
  const what = level + (KIND_WORDS[n.kind] || '') + channelName(n.channel) + (n.recipient ? ' to ' + n.recipient : '');
  const attempt = n.attempts > 1 ? ' (attempt ' + n.attempts + ')' : '';
  if (n.outcome === 'SENT') return what + ' accepted' + attempt;
  return what + ' refused' + (n.detail ? ' (' + n.detail + ')' : '') + attempt
    + (n.retrying ? ', trying again' : ', given up');
}

// A trail can grow long (retries, escalations): the latest few stay in sight, the earlier ones a click away, except
// that nobody was paged, which stays in sight whenever it happened.
const TRAIL_SHOWN = 4;

function trail(a) {
  const entries = a.notifications || [];
  if (!entries.length) return null;
  const item = n => el('li', { class: 'notification outcome-' + n.outcome + (n.reason === 'NOBODY_ON_CALL' ? ' nobody' : ''),
      'data-testid': 'notification', dataset: { outcome: n.outcome, reason: n.reason || '' } },
    n.reason === 'NOBODY_ON_CALL' ? el('span', { class: 'sign', 'aria-hidden': 'true' }, '⚠ ') : null,
    notificationText(n, a), ' ',
    el('time', { datetime: n.at, title: dateTime(n.at) }, time(n.at)));
  const cut = Math.max(0, entries.length - TRAIL_SHOWN);
  const inSight = (n, i) => i >= cut || n.reason === 'NOBODY_ON_CALL';
  const earlier = entries.filter((n, i) => !inSight(n, i));
  const latest = entries.filter(inSight);
  return el('div', { class: 'trail', 'data-testid': 'notifications' },
    earlier.length ? el('details', {},
      el('summary', {}, earlier.length + ' earlier notification' + (earlier.length > 1 ? 's' : '')),
      el('ul', { 'aria-label': 'Earlier notifications' }, earlier.map(item))) : null,
    el('ul', { 'aria-label': 'Notifications' }, latest.map(item)));
}

async function lifecycle(alert, action, body) {
  try {
    upsert(await api('alert', '/api/alerts/' + alert.id + '/' + action, { method: 'POST', body }));
    delete rowMessages[alert.id];
  } catch (e) {
    rowMessages[alert.id] = e.message;
  }
  render();
}

function row(a) {
  const actions = [];
  if (a.status === 'OPEN') {
    actions.push(el('button', { type: 'button', class: 'ack', onclick: () => lifecycle(a, 'acknowledge') }, 'Acknowledge'));
  }
  if (a.status !== 'RESOLVED') {
    const note = el('input', { type: 'text', name: 'note', maxlength: 2000, placeholder: 'Resolution note (optional)', 'aria-label': 'Resolution note' });
    actions.push(note, el('button', { type: 'button', class: 'resolve secondary',
      onclick: () => lifecycle(a, 'resolve', note.value.trim() ? { note: note.value.trim() } : {}) }, 'Resolve'));
  }
  const who = [];
  if (a.acknowledgedBy) who.push('acknowledged by ' + a.acknowledgedBy + ' at ' + time(a.acknowledgedAt));
  if (a.resolvedBy) who.push((a.resolvedAutomatically ? 'resolved automatically (' : 'resolved by ') + a.resolvedBy
    + (a.resolvedAutomatically ? ')' : '') + ' at ' + time(a.resolvedAt) + (a.resolveNote ? ': ' + a.resolveNote : ''));
  if (a.escalationLevel) who.push('escalated ×' + a.escalationLevel);
  if (a.occurrences > 1) who.push(a.occurrences + ' occurrences, last at ' + time(a.lastOccurredAt));
  const links = [];
  if (a.screeningId) links.push(el('a', { href: 'screening.html?id=' + a.screeningId }, 'Open the screening'));
  const isLinked = a.id === linked;
  return el('li', { class: 'alert sev-' + a.severity + ' st-' + a.status + (isLinked ? ' linked' : ''), 'data-testid': 'alert',
    tabindex: isLinked ? '-1' : null, 'aria-current': isLinked ? 'true' : null,
    dataset: { type: a.type, status: a.status, patient: a.patientId, id: a.id } },
    el('div', { class: 'alert-head' },
      el('span', { class: 'badge sev-' + a.severity }, a.severity),
      el('strong', { class: 'type' }, words(a.type)),
      el('span', {}, 'Patient ', el('strong', {}, a.patientId)),
      a.limb ? el('span', {}, LIMB_NAMES[a.limb] || a.limb) : null,
      el('time', { datetime: a.raisedAt, title: dateTime(a.raisedAt) }, time(a.raisedAt)),
      el('span', { class: 'badge status' }, words(a.status)),
      isLinked ? el('span', { class: 'badge linked' }, 'From your link') : null),
    el('p', { class: 'message' }, a.message),
    who.length ? el('p', { class: 'meta' }, who.join(' · ')) : null,
    trail(a),
    links.length ? el('p', {}, links) : null,
    rowMessages[a.id] ? el('p', { class: 'problem', role: 'alert' }, rowMessages[a.id]) : null,
    actions.length ? el('div', { class: 'actions' }, actions) : null);
}

/** The alerts shown, one list per patient, in the order of each patient's first (most pressing) alert. */
function byPatient(shown) {
  const lists = new Map();
  for (const a of shown) {
    if (!lists.has(a.patientId)) lists.set(a.patientId, []);
    lists.get(a.patientId).push(a);
  }
  return [...lists.values()];
}

// The patients whose other alerts the clinician unfolded: they stay unfolded when the board is drawn again.
const unfolded = new Set();

/** One card per patient: the most pressing alert in full, the patient's other alerts folded beneath it. */
function patientCard(alertsOfPatient) {
  const [first, ...rest] = alertsOfPatient;
  const patient = first.patientId;
  const open = unfolded.has(patient) || rest.some(a => a.id === linked);
  return el('li', { class: 'patient-card', 'data-testid': 'patient-card', dataset: { patient } },
    el('ul', { class: 'alerts', 'aria-label': 'Alerts about ' + patient }, row(first)),
    rest.length ? el('details', { class: 'fold', open,
      ontoggle: event => (event.target.open ? unfolded.add(patient) : unfolded.delete(patient)) },
    el('summary', {}, rest.length + ' more alert' + (rest.length > 1 ? 's' : '') + ' of patient ' + patient),
    el('ul', { class: 'alerts' }, rest.map(row))) : null);
}

/** The sites where an unresolved alert paged nobody, with how many: "nobody on call" is for the clinic admin to fix. */
function nobodyOnCall() {
  const perSite = new Map();
  for (const a of alerts.values()) {
    if (a.status !== 'RESOLVED' && (a.notifications || []).some(n => n.reason === 'NOBODY_ON_CALL')) {
      perSite.set(a.site, (perSite.get(a.site) || 0) + 1);
    }
  }
  return [...perSite].sort(([a], [b]) => a.localeCompare(b));
}

// What the banner says now: it is rebuilt only when that changes, so that a screen reader reads it out once.
let nobodyShown = '';

function renderNobodyOnCall() {
  const sites = nobodyOnCall();
  const key = JSON.stringify(sites);
  if (key === nobodyShown) return;
  nobodyShown = key;
  nobodyBanner.hidden = sites.length === 0;
  nobodyBanner.replaceChildren(...sites.map(([site, n]) => el('p', { dataset: { site } },
    el('span', { class: 'sign', 'aria-hidden': 'true' }, '⚠ '),
    'Nobody on call at ' + site + ': ' + n + ' alert' + (n > 1 ? 's' : '') + ' paged nobody. ',
    'Ask the clinic admin to fix the on-call schedule. ',
    el('a', { href: '/oncall.html' }, 'On-call schedule'))));
}

function render() {
  // a resolution note being typed survives the re-render that each change of any alert brings
  const notes = new Map([...list.querySelectorAll('li.alert input[name=note]')].filter(i => i.value)
    .map(i => [i.closest('li.alert').dataset.id, i.value]));
  const typing = document.activeElement && document.activeElement.name === 'note'
    ? { id: document.activeElement.closest('li.alert').dataset.id, at: document.activeElement.selectionStart } : null;
  const focused = document.activeElement && document.activeElement.closest('li.alert');
  // the card itself has the focus when a link brought the clinician to it
  const focusKey = focused ? focused.dataset.id + ':' + (focused === document.activeElement ? '' : document.activeElement.className) : null;
  const shown = [...alerts.values()].filter(matches).sort(order);
  list.replaceChildren(...(shown.length ? byPatient(shown).map(patientCard)
    : [el('li', { class: 'empty' }, 'No alerts match the filters.')]));
  for (const [id, value] of notes) {
    const input = list.querySelector('li[data-id="' + id + '"] input[name=note]');
    if (input) input.value = value;
  }
  document.getElementById('count').textContent = shown.length + ' shown';
  const critical = [...alerts.values()].filter(a => a.severity === 'CRITICAL' && a.status === 'OPEN');
  banner.hidden = critical.length === 0;
  banner.textContent = critical.length ? critical.length + ' CRITICAL alert' + (critical.length > 1 ? 's' : '') + ' open: ' + critical.sort(order)[0].message : '';
  document.title = (critical.length ? '(' + critical.length + ' CRITICAL) ' : '') + 'Alert board · BFR Guard';
  renderNobodyOnCall();
  const note = typing && list.querySelector('li[data-id="' + typing.id + '"] input[name=note]');
  if (note) {
    note.focus();
    note.setSelectionRange(typing.at, typing.at);
  } else if (focusKey) {
    const [id, cls] = focusKey.split(':');
    const again = list.querySelector('li[data-id="' + id + '"]' + (cls ? ' [class="' + cls + '"]' : ''));
    if (again) again.focus();
  }
  bringLinkedIntoView();
}

/** Once the linked alert is on the board, scrolls to it and moves the focus there (screen readers read it out). */
function bringLinkedIntoView() {
  if (!linked || broughtIntoView) return;
  const card = list.querySelector('li[data-id="' + linked + '"]');
  if (!card) return;
  broughtIntoView = true;
  // at once, not smoothly: the next change re-renders the list and would cut a smooth scroll short
  card.scrollIntoView({ block: 'center' });
  card.focus({ preventScroll: true });
}

/** The linked alert, also when the list left it out (older than the newest 500) or it is not the caller's to see. */
async function showLinked() {
  if (!linked) return;
  if (!alerts.has(linked)) {
    try {
      upsert(await api('alert', '/api/alerts/' + linked));
    } catch (e) {
      showError(linkProblem, e.status === 404
        ? new Error('The alert this link names is not on your board: it is unknown, or of a site you do not work at.')
        : e);
    }
  }
  render();
}

function beep() {
  if (!sound) return;
  audio = audio || new AudioContext();
  for (const at of [0, 0.3, 0.6]) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(audio.destination);
    osc.start(audio.currentTime + at);
    osc.stop(audio.currentTime + at + 0.18);
  }
}

function onChange(change) {
  upsert(change.alert);
  if (change.alert.severity === 'CRITICAL' && (change.kind === 'RAISED' || change.kind === 'ESCALATED')) {
    beep();
    banner.classList.remove('flash');
    void banner.offsetWidth;  // restart the animation
    banner.classList.add('flash');
  }
  render();
}

document.getElementById('sound').addEventListener('click', event => {
  sound = !sound;
  // browsers let a page play sound only after a click on it
  if (sound) { audio = audio || new AudioContext(); audio.resume(); }
  event.target.setAttribute('aria-pressed', String(sound));
  event.target.textContent = sound ? 'Sound on for CRITICAL' : 'Sound off';
});
if (user.sites.length > 1) {
  filters.elements.site.append(...user.sites.map(site => el('option', { value: site }, site)));
  document.getElementById('site-filter').hidden = false;
}
filters.addEventListener('input', render);
filters.addEventListener('submit', event => event.preventDefault());
window.addEventListener('hashchange', () => {
  linked = linkedAlert();
  broughtIntoView = false;
  linkProblem.replaceChildren();
  showLinked();
});

main.hidden = false;
const STATES = { live: 'Live', reconnecting: 'Reconnecting…', connecting: 'Connecting…' };

/** A 24-hour hh:mm in the tablet's time zone. */
function hoursMinutes(date) {
  return String(date.getHours()).padStart(2, '0') + ':' + String(date.getMinutes()).padStart(2, '0');
}

// "deaf": nothing has come from the stream for streamSilenceMillis, so alerts may be missing from the board; it
// says since when, and sse.js goes on reconnecting until bytes flow again.
function setState(s, lastByteAt) {
  const text = s === 'deaf' ? 'No connection since ' + hoursMinutes(lastByteAt) : STATES[s];
  if (state.dataset.state === s && state.textContent === text) return;
  state.textContent = text;
  state.title = s === 'deaf' ? 'Nothing has come from the alert service since ' + lastByteAt.toLocaleString()
    + ': new alerts may be missing. Reconnecting.' : '';
  state.className = 'stream-' + s;
  state.dataset.state = s;
}
setState('connecting');

async function loadList() {
  try {
    (await api('alert', '/api/alerts?limit=500')).forEach(upsert);
    document.getElementById('load-problem').replaceChildren();
  } catch (e) {
    showError(document.getElementById('load-problem'), e);
  }
  render();
}

// The stream first, then the list: a change between the two is then not missed. A stream that reconnects before
// any event came has no Last-Event-ID to replay from: the list is read again once it is connected.
openStream(await baseUrl('alert') + '/api/alerts/stream', { onEvent: onChange, onState: setState,
  onResync: loadList, silenceMs: (await loadConfig()).streamSilenceMillis || undefined });
await loadList();
showLinked();
