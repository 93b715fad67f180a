// The clinic floor: one tile per active session of the user's sites, soonest deadline first, each band with a ring
// that empties towards its deadline (amber from the warning, red past the deadline, and the words say so too),
// updated live from the session-service's floor stream when any tablet applies or releases a band. floor.html?wall
// is the wall screen: large type, no controls, for a screen on the gym wall.
import { requireUser, hasRole, loadConfig } from './auth.js';
import { api, baseUrl, el, header, time, words, LIMB_NAMES, showError } from './api.js';
import { openStream } from './sse.js';

const SVG = 'http://www.w3.org/2000/svg';
const RING_RADIUS = 26;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

const user = await requireUser();
// read once the login is over: until then the address may be Keycloak's answer, not the page's own
const wall = new URLSearchParams(location.search).has('wall');
const main = document.querySelector('main');
if (wall) {
  document.body.classList.add('wall');
  document.title = 'Floor · wall screen · BFR Guard';
  // no navigation and nothing to press; only whose account the wall's computer is logged in with
  main.append(el('p', { class: 'meta wall-user', 'data-testid': 'user' }, 'Wall screen · ' + user.username));
} else {
  header(user, 'floor.html');
}
if (!hasRole(user, 'physiotherapist', 'clinician')) {
  main.replaceChildren(el('p', { class: 'problem', role: 'alert', 'data-testid': 'not-allowed' },
    'The floor is for physiotherapists and clinicians.'));
  main.hidden = false;
  throw new Error('not a physiotherapist or clinician');
}

const config = await loadConfig();
const tiles = new Map();
const list = document.getElementById('tiles');
const state = document.getElementById('stream-state');
const count = document.getElementById('count');
const announcer = document.getElementById('announcer');
const loadProblem = document.getElementById('load-problem');
// what has been announced for each band: 'warn' once at the warning, 'over' once past the deadline
const announced = new Map();

function order(a, b) {
  return (a.nextDeadline === null) - (b.nextDeadline === null)
    || (a.nextDeadline || '').localeCompare(b.nextDeadline || '')
    || a.startedAt.localeCompare(b.startedAt);
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function ring(band) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 64 64');
  svg.setAttribute('class', 'ring');
  svg.setAttribute('aria-hidden', 'true');
  for (const name of ['track', 'remaining']) {
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', '32');
    circle.setAttribute('cy', '32');
    circle.setAttribute('r', String(RING_RADIUS));
    circle.setAttribute('class', name);
    if (name === 'remaining') circle.setAttribute('stroke-dasharray', RING_LENGTH + ' ' + RING_LENGTH);
    svg.append(circle);
  }
  return svg;
}

function bandView(tile, band) {
  return el('li', { class: 'floor-band', 'data-testid': 'band-' + band.limb,
    dataset: { bandId: band.bandId, appliedAt: band.appliedAt, warnAt: band.warnAt, deadline: band.deadline,
      limb: band.limb, patient: tile.patientId } },
    ring(band),
    el('div', {},
      el('strong', {}, LIMB_NAMES[band.limb] || words(band.limb)),
      el('p', { class: 'time-left', 'data-testid': 'left-' + band.limb }, ''),
      el('p', { class: 'meta' }, 'on since ' + time(band.appliedAt) + ' · off by ' + time(band.deadline))));
}

function tileView(tile) {
  const title = 'Patient ' + tile.patientId;
  return el('li', { class: 'tile', 'data-testid': 'tile', dataset: { session: tile.sessionId, patient: tile.patientId } },
    el('h2', {}, wall ? title : el('a', { href: 'session.html?session=' + encodeURIComponent(tile.sessionId) }, title)),
    wall ? null : el('p', { class: 'meta' }, el('a', { href: 'record.html?patient=' + encodeURIComponent(tile.patientId) },
      'Patient record')),
    el('p', { class: 'meta' }, 'with ' + tile.physiotherapist + ' · since ' + time(tile.startedAt)
      + (user.sites.length > 1 ? ' · ' + tile.site : '')),
    tile.bands.length
      ? el('ul', { class: 'floor-bands' }, tile.bands.map(b => bandView(tile, b)))
      : el('p', { class: 'meta no-band' }, 'No band on'),
    tile.symptoms.length
      ? el('p', { class: 'symptoms', 'data-testid': 'symptoms' }, 'Symptoms: '
        + tile.symptoms.map(s => words(s.symptom) + ' at ' + time(s.reportedAt)).join(', '))
      : null,
    openAlertsView(tile.patientId));
}

// For clinicians, who may read alerts: each patient's unresolved alerts on their tile, from the alert-service's list
// and stream. Physiotherapists' tiles have none: alerts reach the clinician on duty.
const alerts = new Map();
const SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, WARNING: 2, INFO: 1 };

function openAlertsView(patientId) {
  const open = [...alerts.values()].filter(a => a.patientId === patientId && a.status !== 'RESOLVED')
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.raisedAt.localeCompare(a.raisedAt));
  if (!open.length) return null;
  return el('ul', { class: 'tile-alerts', 'data-testid': 'tile-alerts', 'aria-label': 'Open alerts' },
    open.map(a => el('li', { class: 'sev-' + a.severity },
      el('a', { href: 'board.html#alert=' + encodeURIComponent(a.id) },
        words(a.severity) + ' · ' + words(a.type) + (a.status === 'ACKNOWLEDGED' ? ' (acknowledged)' : '')))));
}

async function loadAlerts() {
  try {
    for (const a of await api('alert', '/api/alerts?limit=500')) alerts.set(a.id, a);
  } catch (e) {
    showError(loadProblem, e);
  }
  render();
}

function render() {
  const sorted = [...tiles.values()].sort(order);
  list.replaceChildren(...(sorted.length ? sorted.map(tileView)
    : [el('li', { class: 'empty', 'data-testid': 'no-sessions' }, 'No session is running at your sites.')]));
  count.textContent = sorted.length === 1 ? '1 active session' : sorted.length + ' active sessions';
  tick();
}

// Driven by the server's times, so every screen shows the same time left.
function tick() {
  const now = Date.now();
  for (const node of list.querySelectorAll('.floor-band')) {
    const applied = Date.parse(node.dataset.appliedAt);
    const warnAt = Date.parse(node.dataset.warnAt);
    const deadline = Date.parse(node.dataset.deadline);
    const left = (deadline - now) / 1000;
    const phase = now >= deadline ? 'over' : now >= warnAt ? 'warn' : 'ok';
    node.classList.toggle('warn', phase === 'warn');
    node.classList.toggle('over', phase === 'over');
    node.querySelector('.time-left').textContent = phase === 'over' ? 'Over by ' + clock(-left) : clock(left) + ' left';
    const fraction = Math.max(0, Math.min(1, (deadline - now) / Math.max(1, deadline - applied)));
    node.querySelector('circle.remaining').setAttribute('stroke-dashoffset', String(RING_LENGTH * (1 - fraction)));
    announce(node, phase);
  }
}

function announce(node, phase) {
  const id = node.dataset.bandId;
  const said = announced.get(id);
  if (phase === 'ok' || said === phase || (said === 'over' && phase === 'warn')) return;
  announced.set(id, phase);
  // a band already past its warning when the page opened is announced once, as it stands
  const limb = LIMB_NAMES[node.dataset.limb] || words(node.dataset.limb);
  announcer.textContent = phase === 'over'
    ? limb + ' of patient ' + node.dataset.patient + ' is past its deadline: release the band.'
    : limb + ' of patient ' + node.dataset.patient + ': the band comes off soon.';
}

// Changes the stream brought while the floor was being read: applied again over what the read answered, which may
// be older than they are.
let duringLoad = null;

async function load() {
  duringLoad = [];
  try {
    const floor = await api('session', '/api/floor');
    tiles.clear();
    for (const tile of floor) tiles.set(tile.sessionId, tile);
    duringLoad.forEach(apply);
    loadProblem.replaceChildren();
  } catch (e) {
    showError(loadProblem, e);
  } finally {
    duringLoad = null;
  }
  render();
}

function apply(change) {
  const tile = change.session;
  if (change.kind === 'SessionCompleted' || tile.status !== 'ACTIVE') tiles.delete(tile.sessionId);
  else tiles.set(tile.sessionId, tile);
}

function onEvent(change) {
  if (!change.session || !change.session.sessionId) return;
  if (duringLoad) duringLoad.push(change);
  apply(change);
  render();
}

// "deaf": nothing has come from the stream for streamSilenceMillis, so the floor may be out of date: it says since
// when, and sse.js goes on reconnecting until bytes flow again.
function onState(s, lastByteAt) {
  state.className = 'stream-' + s;
  state.dataset.state = s;
  state.textContent = s === 'live' ? 'Live'
    : s === 'deaf' ? 'No connection since ' + lastByteAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : 'Connecting…';
}

// The stream first, then the floor: a change between the two is then not missed. A stream that reconnects before any
// event came has no Last-Event-ID to replay from: the floor is read again once it is connected.
main.hidden = false;
onState('connecting');
openStream(await baseUrl('session') + '/api/floor/stream',
  { onEvent, onState, onResync: load, silenceMs: config.streamSilenceMillis || undefined });
await load();
if (hasRole(user, 'clinician') && !wall) {
  openStream(await baseUrl('alert') + '/api/alerts/stream', {
    onEvent: change => {
      if (change.alert && change.alert.id) alerts.set(change.alert.id, { ...alerts.get(change.alert.id), ...change.alert });
      render();
    },
    onState: () => {}, onResync: loadAlerts, silenceMs: config.streamSilenceMillis || undefined });
  await loadAlerts();
}
setInterval(tick, 250);
