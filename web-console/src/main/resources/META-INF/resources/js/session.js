import { requireUser, hasRole } from './auth.js';
import { api, el, header, time, words, LIMBS, LIMB_NAMES, showError } from './api.js';

const SYMPTOMS = ['PAIN', 'NUMBNESS', 'TINGLING', 'DIZZINESS', 'SKIN_DISCOLOURATION', 'OTHER'];

const user = await requireUser();
header(user, 'session.html');
const main = document.querySelector('main');
if (!hasRole(user, 'physiotherapist')) {
  main.replaceChildren(el('p', { class: 'problem', role: 'alert' }, 'The session console is for physiotherapists.'));
  main.hidden = false;
  throw new Error('not a physiotherapist');
}

const patientForm = document.getElementById('patient-form');

// The sessions running at the user's sites, to switch between (the floor's list), theirs first; and the patients of
// the site's recent sessions, offered as the patient id is typed.
async function loadActiveSessions() {
  const nav = document.getElementById('active-sessions');
  try {
    const [floor, recent] = await Promise.all([api('session', '/api/floor'), api('session', '/api/sessions?limit=200')]);
    const mine = floor.filter(t => t.physiotherapist === user.username);
    const others = floor.filter(t => t.physiotherapist !== user.username);
    nav.replaceChildren(el('span', { class: 'meta' }, floor.length ? 'Running now:' : 'No session is running at your sites.'),
      ...[...mine, ...others].map(t => el('a', {
        href: 'session.html?session=' + encodeURIComponent(t.sessionId), 'data-testid': 'active-session',
        'aria-current': session && session.id === t.sessionId ? 'page' : null },
      t.patientId + (t.physiotherapist === user.username ? '' : ' (' + t.physiotherapist + ')'))));
    nav.hidden = false;
    const patients = [...new Set([...floor.map(t => t.patientId), ...recent.map(s => s.patientId)])];
    document.getElementById('recent-patients').replaceChildren(...patients.map(p => el('option', { value: p })));
  } catch (e) {
    nav.hidden = true;
  }
}
const eligibilityBox = document.getElementById('eligibility');

/** Why a patient cannot start, by eligibility status, in the words of who can change that. */
const WHO_CAN_HELP = {
  NO_SCREENING: 'A session needs a screening first: screen the patient at this site.',
  EXPIRED: 'The screening has expired: screen the patient again.',
  REVIEW_PENDING: 'A clinician must review and clear the screening before the patient may train.',
  CONTRAINDICATED: 'BFR training is contraindicated for this patient. A clinician decides what comes next; screening '
    + 'again does not lift it.',
};
const sessionBox = document.getElementById('session');
const limbsBox = document.getElementById('limbs');
const setsBox = document.getElementById('sets');
const symptomsBox = document.getElementById('symptoms');
const deviationsBox = document.getElementById('deviations');
const completeMessage = document.getElementById('complete-message');
const limbMessages = {};
let session = null;

// The exercises come from the session-service, which checks every set against them; without them no set can be
// logged, so the button stays disabled. No exercise is chosen for the physiotherapist: the first set names one.
const setForm = document.getElementById('set-form');
const exerciseLabels = {};
api('session', '/api/exercises').then(exercises => {
  for (const e of exercises) exerciseLabels[e.code] = e.label;
  setForm.elements.exercise.replaceChildren(el('option', { value: '' }, 'Choose…'),
    ...exercises.map(e => el('option', { value: e.code }, e.label)));
  setForm.querySelector('button[type=submit]').disabled = false;
  if (session) render();  // sets shown before the labels arrived
}, e => {
  const box = document.getElementById('exercises-problem');
  showError(box, e);
  box.append(el('p', {}, 'Without the exercise list no set can be logged. Reload the page to try again.'));
});

patientForm.addEventListener('submit', event => {
  event.preventDefault();
  checkPatient(patientForm.elements.patientId.value.trim());
});

async function checkPatient(patientId) {
  if (!patientId) return;
  eligibilityBox.replaceChildren(el('p', {}, 'Checking…'));
  try {
    const [eligibility, active] = await Promise.all([
      api('screening', '/api/patients/' + encodeURIComponent(patientId) + '/eligibility'),
      api('session', '/api/sessions?status=ACTIVE&patientId=' + encodeURIComponent(patientId)),
    ]);
    const parts = [el('p', { class: 'eligibility eligibility-' + eligibility.status, 'data-testid': 'eligibility' },
      el('strong', {}, eligibility.eligible ? 'Eligible' : words(eligibility.status)),
      eligibility.reason ? ' — ' + eligibility.reason : '',
      eligibility.validUntil ? ' (screening valid until ' + new Date(eligibility.validUntil).toLocaleDateString() + ')' : '')];
    if (eligibility.limbRestrictions && eligibility.limbRestrictions.length) {
      parts.push(el('p', {}, 'No band on: ' + eligibility.limbRestrictions.map(r => LIMB_NAMES[r.limb]).join(', ')));
    }
    const message = el('div');
    if (active.length) {
      parts.push(el('button', { type: 'button', onclick: () => load(active[0].id) },
        'Resume the session started at ' + time(active[0].startedAt)));
    } else if (eligibility.eligible) {
      parts.push(el('button', { type: 'button', onclick: () => start(patientId, message) }, 'Start session'));
    } else {
      // no start for a patient who may not train: what stands in the way, and who can move it
      parts.push(el('p', { 'data-testid': 'who-can-help' }, WHO_CAN_HELP[eligibility.status] || WHO_CAN_HELP.NO_SCREENING));
      if (eligibility.status !== 'REVIEW_PENDING' && eligibility.status !== 'CONTRAINDICATED') {
        parts.push(el('p', {}, el('a', { href: 'screening.html?patient=' + encodeURIComponent(patientId) }, 'Screen this patient')));
      }
    }
    parts.push(message);
    eligibilityBox.replaceChildren(...parts);
  } catch (e) {
    showError(eligibilityBox, e);
  }
}

async function start(patientId, message) {
  try {
    const started = await api('session', '/api/sessions', { method: 'POST', body: { patientId } });
    await load(started.id);
  } catch (e) {
    showError(message, e);
  }
}

async function load(id) {
  try {
    session = await api('session', '/api/sessions/' + encodeURIComponent(id));
  } catch (e) {
    showError(eligibilityBox, e);
    return;
  }
  history.replaceState(null, '', 'session.html?session=' + session.id);
  patientForm.elements.patientId.value = session.patientId;
  eligibilityBox.replaceChildren();  // the session below says it all; an earlier refusal is history
  render();
  loadActiveSessions();
}

async function act(call, messageKey) {
  try {
    const answer = await call();
    if (answer && answer.deviations && answer.deviations.length) {
      limbMessages[messageKey] = { deviation: answer.deviations.map(d => d.message).join(' ') };
    } else {
      delete limbMessages[messageKey];
    }
  } catch (e) {
    limbMessages[messageKey] = { problem: e.message };
  }
  await load(session.id);
}

function activeBand(limb) {
  return session.bands.find(b => b.limb === limb && !b.releasedAt);
}

function lastBand(limb) {
  return session.bands.filter(b => b.limb === limb && b.releasedAt).sort((a, b) => b.releasedAt.localeCompare(a.releasedAt))[0];
}

function messageOf(key) {
  const m = limbMessages[key];
  if (!m) return null;
  return m.problem
    ? el('p', { class: 'problem', role: 'alert' }, m.problem)
    : el('p', { class: 'deviation', role: 'status' }, 'Guideline deviation recorded: ' + m.deviation);
}

function limbCard(limb) {
  const band = activeBand(limb);
  const open = session.status === 'ACTIVE';
  const body = [el('h3', {}, LIMB_NAMES[limb])];
  if (band) {
    body.push(
      el('p', { class: 'countdown', 'data-testid': 'countdown-' + limb, dataset: { deadline: band.deadline, warnAt: band.warnAt }, 'aria-live': 'off' }, '--:--'),
      el('p', { class: 'meta' }, 'On since ' + time(band.appliedAt) + ' · perceived ' + band.perceivedPressure + '/10'
        + (band.pressureMmHg ? ' · ' + band.pressureMmHg + ' mmHg' : '') + ' · off by ' + time(band.deadline)),
      el('button', { type: 'button', class: 'release', disabled: !open,
        onclick: () => act(() => api('session', '/api/sessions/' + session.id + '/bands/' + band.bandId + '/release', { method: 'POST' }), limb) },
      'Release band'));
  } else {
    const pressure = el('select', { name: 'perceivedPressure', 'aria-label': 'Perceived pressure, ' + LIMB_NAMES[limb] },
      Array.from({ length: 10 }, (_, i) => el('option', { value: i + 1, selected: i + 1 === 5 }, (i + 1) + '/10')));
    const mmHg = el('input', { type: 'number', name: 'pressureMmHg', min: 10, max: 400, inputmode: 'numeric', placeholder: 'mmHg',
      'aria-label': 'Cuff pressure in mmHg (optional), ' + LIMB_NAMES[limb] });
    const last = lastBand(limb);
    body.push(
      el('p', { class: 'countdown idle' }, 'No band'),
      last ? el('p', { class: 'meta' }, 'Last band off at ' + time(last.releasedAt) + ' after ' + formatSeconds(last.wornSeconds)) : null,
      el('div', { class: 'row' }, el('label', {}, 'Perceived ', pressure), mmHg),
      el('button', { type: 'button', class: 'apply', disabled: !open,
        onclick: () => act(() => api('session', '/api/sessions/' + session.id + '/bands', { method: 'POST', body: {
          limb, perceivedPressure: Number(pressure.value), pressureMmHg: mmHg.value ? Number(mmHg.value) : undefined } }), limb) },
      'Apply band'));
  }
  body.push(messageOf(limb));
  return el('section', { class: 'limb', 'data-testid': 'limb-' + limb, 'aria-label': LIMB_NAMES[limb] }, body);
}

function formatSeconds(total) {
  const s = Math.abs(Math.round(total));
  return String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
}

// What a screen reader has been told of each band (by its deadline): once at the warning, once past the deadline.
const announced = new Map();
const announcer = document.getElementById('announcer');

// Driven by the server's deadline and warnAt, so a reloaded page shows the same time left.
function tick() {
  const now = Date.now();
  for (const node of document.querySelectorAll('.countdown[data-deadline]')) {
    const deadline = Date.parse(node.dataset.deadline);
    const warnAt = Date.parse(node.dataset.warnAt);
    const left = (deadline - now) / 1000;
    node.textContent = left >= 0 ? formatSeconds(Math.ceil(left)) : '+' + formatSeconds(-left) + ' over';
    node.classList.toggle('warn', now >= warnAt && now < deadline);
    node.classList.toggle('over', now >= deadline);
    const card = node.closest('.limb');
    card.classList.toggle('warn', now >= warnAt && now < deadline);
    card.classList.toggle('over', now >= deadline);
    announce(card, now >= deadline ? 'over' : now >= warnAt ? 'warn' : 'ok', node.dataset.deadline);
  }
}
setInterval(tick, 250);

function announce(card, phase, band) {
  const said = announced.get(band);
  if (phase === 'ok' || said === phase || (said === 'over' && phase === 'warn')) return;
  announced.set(band, phase);
  const limb = card.querySelector('h3') ? card.querySelector('h3').textContent : 'A band';
  announcer.textContent = phase === 'over' ? limb + ': past the deadline, release the band.'
    : limb + ': the band comes off soon.';
}

function render() {
  sessionBox.hidden = false;
  document.getElementById('session-title').textContent = 'Session · patient ' + session.patientId;
  document.getElementById('session-meta').textContent = words(session.status) + ' · started ' + time(session.startedAt)
    + ' by ' + session.physiotherapist + (session.completedAt ? ' · completed ' + time(session.completedAt) : '');
  limbsBox.replaceChildren(...LIMBS.map(limbCard));
  tick();

  setsBox.replaceChildren(...[session.sets.length
    ? el('table', {}, el('thead', {}, el('tr', {}, ['#', 'Exercise', 'Limb', 'Load %1RM', 'Reps', 'RPE', 'Time'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, session.sets.map(s => el('tr', {}, el('td', {}, s.setNumber), el('td', {}, exerciseLabels[s.exercise] ?? s.exercise), el('td', {}, LIMB_NAMES[s.limb]),
        el('td', {}, s.loadPercentOneRm), el('td', {}, s.reps), el('td', {}, s.rpe ?? ''), el('td', {}, time(s.loggedAt))))))
    : el('p', { class: 'meta' }, 'No sets yet.'), messageOf('set')].filter(Boolean));

  symptomsBox.replaceChildren(...[
    el('div', { class: 'symptom-buttons' }, SYMPTOMS.map(symptom => el('button', { type: 'button', class: 'symptom', disabled: session.status !== 'ACTIVE',
      onclick: () => act(() => api('session', '/api/sessions/' + session.id + '/symptoms', { method: 'POST', body: { symptom } }), 'symptom') }, words(symptom)))),
    messageOf('symptom'),
    session.symptoms.length ? el('ul', {}, session.symptoms.map(s => el('li', {}, time(s.reportedAt) + ' ' + words(s.symptom) + ' — the clinician is alerted'))) : null,
  ].filter(Boolean));

  deviationsBox.replaceChildren(session.deviations.length
    ? el('ul', { class: 'deviations' }, session.deviations.map(d => el('li', {}, time(d.occurredAt) + ' ', d.message)))
    : el('p', { class: 'meta' }, 'None.'));

  setForm.hidden = session.status !== 'ACTIVE';
  document.getElementById('complete').disabled = session.status !== 'ACTIVE';
}

setForm.addEventListener('submit', event => {
  event.preventDefault();
  const f = event.target.elements;
  act(() => api('session', '/api/sessions/' + session.id + '/sets', { method: 'POST', body: {
    exercise: f.exercise.value, limb: f.limb.value, loadPercentOneRm: Number(f.load.value), reps: Number(f.reps.value),
    rpe: f.rpe.value ? Number(f.rpe.value) : undefined } }), 'set');
});
document.getElementById('set-limb').append(...LIMBS.map(l => el('option', { value: l }, LIMB_NAMES[l])));

document.getElementById('complete').addEventListener('click', async () => {
  try {
    await api('session', '/api/sessions/' + session.id + '/complete', { method: 'POST' });
    completeMessage.replaceChildren(el('p', { role: 'status' }, 'Session completed.'));
    await load(session.id);
  } catch (e) {
    showError(completeMessage, e);
  }
});

const params = new URLSearchParams(location.search);
main.hidden = false;
if (params.get('session')) {
  load(params.get('session'));
} else {
  loadActiveSessions();
  if (params.get('patient')) {
    patientForm.elements.patientId.value = params.get('patient');
    checkPatient(params.get('patient'));
  }
}
