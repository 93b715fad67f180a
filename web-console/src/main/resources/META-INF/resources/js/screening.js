import { requireUser, hasRole } from './auth.js';
import { api, el, header, dateTime, words, LIMBS, LIMB_NAMES, showError } from './api.js';

const user = await requireUser();
header(user, 'screening.html');
const main = document.querySelector('main');
const form = document.getElementById('screening-form');
const result = document.getElementById('result');

const conditions = document.getElementById('conditions');
const submit = form.querySelector('button[type=submit]');
const addRestrictionButton = document.getElementById('add-restriction');

// A user of several sites says at which the patient is screened; a user of one site is screened at it.
if (user.sites.length > 1) {
  form.querySelector('.row').prepend(el('label', {}, 'Site ',
    el('select', { name: 'site', required: true }, user.sites.map(s => el('option', { value: s }, s)))));
}
const restrictionRows = document.getElementById('restrictions');
addRestrictionButton.addEventListener('click', () => addRestriction());

// The checklist and its points come from the screening-service, which scores them; the form stays closed without
// it, because a screening sent without its checklist would record no conditions at all.
let limbConditions = [];
api('screening', '/api/screening-checklist').then(checklist => {
  conditions.replaceChildren(...checklist.conditions.map(c =>
    el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: 'conditions', value: c.code }),
      ' ' + c.label + ' ', el('span', { class: 'points' }, c.points + ' pt'))));
  limbConditions = checklist.limbConditions;
  submit.disabled = false;
  addRestrictionButton.disabled = false;
}, e => {
  showError(conditions, e);
  conditions.append(el('p', {}, 'Without the checklist no screening can be recorded. Reload the page to try again.'));
});

function addRestriction() {
  const row = el('div', { class: 'row restriction' },
    el('label', {}, 'Restriction ',
      el('select', { name: 'restriction-code' }, limbConditions.map(c => el('option', { value: c.code }, c.label)))),
    el('label', {}, 'Limb ',
      el('select', { name: 'restriction-limb' }, LIMBS.map(l => el('option', { value: l }, LIMB_NAMES[l])))),
    el('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, 'Remove'));
  restrictionRows.append(row);
  row.querySelector('select').focus();
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const data = new FormData(form);
  const codes = data.getAll('restriction-code');
  const limbs = data.getAll('restriction-limb');
  const body = {
    patientId: data.get('patientId').trim(),
    site: data.get('site') || undefined,
    systolic: Number(data.get('systolic')),
    diastolic: Number(data.get('diastolic')),
    conditions: data.getAll('conditions'),
    limbRestrictions: codes.map((code, i) => ({ code, limb: limbs[i] })),
    notes: data.get('notes').trim() || undefined,
  };
  submit.disabled = true;
  try {
    render(await api('screening', '/api/screenings', { method: 'POST', body }));
  } catch (e) {
    showError(result, e);
  } finally {
    submit.disabled = false;
  }
});

function render(s) {
  const outcome = el('p', { class: 'outcome outcome-' + s.outcome, 'data-testid': 'outcome' },
    words(s.outcome).toUpperCase(), el('span', { class: 'points' }, ' · ' + s.totalPoints + (s.totalPoints === 1 ? ' point' : ' points')));
  const reasons = s.reasons.length
    ? el('ul', { class: 'reasons' }, s.reasons.map(r => el('li', {}, r.message, ' ', el('span', { class: 'points' }, '(' + r.points + ' pt)'))))
    : el('p', {}, 'No contraindication found.');
  const restrictions = s.limbRestrictions.length
    ? el('p', {}, 'No band on: ', s.limbRestrictions.map(r => LIMB_NAMES[r.limb] + ' (' + words(r.code.replace('LIMB_', '')) + ')').join(', '))
    : null;
  const meta = el('p', { class: 'meta' }, 'Patient ', el('strong', {}, s.patientId), ' · site ', s.site, ' · screened by ', s.screenedBy,
    ' at ', dateTime(s.screenedAt), ' · valid until ', dateTime(s.validUntil));
  const parts = [el('h2', {}, 'Outcome'), outcome, reasons, restrictions, meta];

  if (s.clearance) {
    parts.push(el('p', { class: 'cleared', 'data-testid': 'clearance' }, 'Cleared by ', s.clearance.clearedBy, ' at ',
      dateTime(s.clearance.clearedAt), ': ', s.clearance.note));
  } else if (s.outcome === 'REVIEW_REQUIRED' && hasRole(user, 'clinician')) {
    const note = el('textarea', { id: 'clearance-note', name: 'note', rows: 2, required: true, maxlength: 2000 });
    const message = el('div');
    const clearForm = el('form', { class: 'clearance' },
      el('label', { for: 'clearance-note' }, 'Clearance note (why BFR is safe for this patient)'), note,
      el('button', { type: 'submit' }, 'Clear for BFR training'), message);
    clearForm.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        render(await api('screening', '/api/screenings/' + s.id + '/clearance', { method: 'POST', body: { note: note.value.trim() } }));
      } catch (e) {
        showError(message, e);
      }
    });
    parts.push(clearForm);
  } else if (s.outcome === 'REVIEW_REQUIRED') {
    parts.push(el('p', {}, 'A clinician must clear this screening before a session.'));
  }
  if (hasRole(user, 'physiotherapist') && (s.outcome === 'CLEARED' || s.clearance)) {
    parts.push(el('p', {}, el('a', { class: 'button', href: 'session.html?patient=' + encodeURIComponent(s.patientId) }, 'Go to the session console')));
  }
  result.replaceChildren(...parts.filter(Boolean));
  history.replaceState(null, '', 'screening.html?id=' + s.id);
  result.focus();
}

const opened = new URLSearchParams(location.search).get('id');
if (opened) {
  api('screening', '/api/screenings/' + encodeURIComponent(opened)).then(render, e => showError(result, e));
}
const patient = new URLSearchParams(location.search).get('patient');
if (patient) form.elements.patientId.value = patient;
main.hidden = false;
