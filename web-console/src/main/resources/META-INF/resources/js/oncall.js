// The on-call page: for each of the user's sites, who is on call now at each step of the rota, and the rota itself.
// A clinic-admin edits the rota (steps and their members, handoff, time zone, rotation start) and its overrides
// and saves it with PUT /api/oncall/{site}; everyone else reads it.
import { requireUser, hasRole } from './auth.js';
import { api, el, header, dateTime, showError } from './api.js';
import { clearErrors, showProblem, byDataField } from './fields.js';

const user = await requireUser();
header(user, 'oncall.html');
const main = document.querySelector('main');
const sitesBox = document.getElementById('sites');
const admin = hasRole(user, 'clinic-admin');

if (typeof Intl.supportedValuesOf === 'function') {
  document.getElementById('time-zones').replaceChildren(...Intl.supportedValuesOf('timeZone').map(z => el('option', { value: z })));
}

if (!user.sites.length) {
  showError(document.getElementById('load-problem'),
    new Error('Your account belongs to no site, so there is no rota to show. Ask clinic IT to add you to your site.'));
}
for (const site of user.sites) {
  const section = el('section', { class: 'panel oncall-site', 'data-site': site, 'data-testid': 'site-' + site });
  sitesBox.append(section);
  load(site, section);
}
main.hidden = false;

async function load(site, section) {
  section.replaceChildren(el('h2', {}, 'Site ' + site), el('p', { class: 'meta' }, 'Loading…'));
  try {
    render(section, await api('notification', '/api/oncall/' + encodeURIComponent(site)));
  } catch (e) {
    const box = el('div');
    section.replaceChildren(el('h2', {}, 'Site ' + site), box);
    showError(box, e);
  }
}

function render(section, view, message) {
  // replaceChildren, unlike el(), would write a null as the text "null"
  section.replaceChildren(...[
    el('h2', {}, 'Site ' + view.site),
    message ? el('p', { class: 'cleared', role: 'status', 'data-testid': 'saved' }, message) : null,
    onCallNow(view),
    admin ? editor(section, view) : schedule(view.schedule)].filter(Boolean));
}

// --- who is on call now ---

function onCallNow(view) {
  const title = el('h3', {}, 'On call now');
  if (!view.now.length) {
    return el('div', { 'data-testid': 'on-call-now' }, title, el('p', { class: 'deviation', 'data-testid': 'nobody' },
      'Nobody is on call at ' + view.site + ' now: a paging alert here pages nobody, and only those watching the '
      + 'board see it.' + (admin ? ' Set up the rota below.' : ' Ask the clinic admin to set up the rota.')));
  }
  return el('div', { 'data-testid': 'on-call-now' }, title, el('table', { class: 'on-call-now' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Step'), el('th', {}, 'On call'), el('th', {}, 'Until'))),
    el('tbody', {}, view.now.map(n => el('tr', { 'data-step': n.step, 'data-member': n.member },
      el('td', {}, stepLabel(n.step, n.stepName)),
      el('td', {}, el('strong', {}, n.member), n.cover ? [' ', el('span', { class: 'badge cover' }, 'covering')] : null),
      el('td', {}, dateTime(n.until)))))));
}

function stepLabel(index, name) {
  return (index + 1) + ' · ' + name;
}

// --- the rota, read only ---

function schedule(s) {
  if (!s) {
    return el('p', { 'data-testid': 'schedule' }, 'No on-call rota at this site yet. The clinic admin sets it up here.');
  }
  const steps = s.steps.map((step, i) => el('tr', { 'data-step': i },
    el('td', {}, stepLabel(i, step.name)), el('td', {}, step.members.join(', ') || 'nobody'),
    el('td', {}, (step.shiftDays || 7) + (step.shiftDays === 1 ? ' day' : ' days'))));
  const covers = s.overrides.map(c => el('tr', {},
    el('td', {}, s.steps[c.step] ? stepLabel(c.step, s.steps[c.step].name) : String(c.step + 1)),
    el('td', {}, c.member), el('td', {}, dateTime(c.from)), el('td', {}, dateTime(c.to))));
  return el('div', { class: 'schedule', 'data-testid': 'schedule' },
    el('h3', {}, 'Rota'),
    el('p', { class: 'meta' }, 'Turns change at ', el('strong', {}, s.handoff), ' (', s.timeZone, '), counted from ',
      s.rotationStart, '.'),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Step'), el('th', {}, 'Members, in turn'),
      el('th', {}, 'Turn'))), el('tbody', {}, steps)),
    el('h3', {}, 'Overrides'),
    covers.length
      ? el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Step'), el('th', {}, 'Covered by'),
        el('th', {}, 'From'), el('th', {}, 'To'))), el('tbody', {}, covers))
      : el('p', { class: 'meta' }, 'None.'));
}

// --- the rota, for the clinic-admin to edit ---

function editor(section, view) {
  const s = view.schedule || {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, handoff: '08:00',
    rotationStart: new Date().toISOString().slice(0, 10), steps: [{ name: 'primary', members: [], shiftDays: 7 }],
    overrides: [],
  };
  const problem = el('div', { class: 'form-problem' });
  const status = el('span', { class: 'meta', role: 'status' });
  const stepRows = el('div', { class: 'steps' });
  const overrideRows = el('div', { class: 'overrides' });
  const form = el('form', { class: 'schedule-form', novalidate: true, 'aria-label': 'Rota of ' + view.site },
    el('h3', {}, 'Rota'),
    problem,
    el('div', { class: 'row' },
      el('label', {}, 'Time zone ', el('input', { name: 'timeZone', list: 'time-zones', autocomplete: 'off',
        value: s.timeZone || '', 'data-field': 'timeZone' })),
      el('label', {}, 'Handoff ', el('input', { name: 'handoff', type: 'time', value: s.handoff || '',
        'data-field': 'handoff' })),
      el('label', {}, 'Rotation start ', el('input', { name: 'rotationStart', type: 'date',
        value: s.rotationStart || '', 'data-field': 'rotationStart' }))),
    el('fieldset', { 'data-field': 'steps' },
      el('legend', {}, 'Steps: step 1 is paged first, each escalation pages the next'),
      stepRows,
      el('button', { type: 'button', class: 'secondary', onclick: () => {
        stepRows.append(stepRow(form, { name: '', members: [], shiftDays: 7 }));
        refresh(form);
        stepRows.lastElementChild.querySelector('input').focus();
      } }, 'Add a step')),
    el('fieldset', { 'data-field': 'overrides' },
      el('legend', {}, 'Overrides: someone covers a step for a while'),
      overrideRows,
      el('button', { type: 'button', class: 'secondary', onclick: () => {
        const from = new Date();
        overrideRows.append(overrideRow(form, { step: 0, member: '', from: from.toISOString(),
          to: new Date(from.getTime() + 24 * 3600_000).toISOString() }));
        refresh(form);
        overrideRows.lastElementChild.querySelector('input').focus();
      } }, 'Add an override')),
    el('div', { class: 'row' }, el('button', { type: 'submit' }, 'Save rota'), status));
  for (const step of s.steps) stepRows.append(stepRow(form, step));
  for (const cover of s.overrides) overrideRows.append(overrideRow(form, cover));
  refresh(form);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form, problem);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    status.textContent = 'Saving…';
    try {
      const saved = await api('notification', '/api/oncall/' + encodeURIComponent(view.site),
        { method: 'PUT', body: collect(form) });
      render(section, saved, 'Rota saved at ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + '.');
    } catch (e) {
      status.textContent = '';
      showProblem(form, problem, e, 'The rota was not saved', targetsOf);
      button.disabled = false;
    }
  });
  return form;
}

function stepRow(form, step) {
  const row = el('div', { class: 'row step', 'data-testid': 'step' },
    el('label', {}, 'Name ', el('input', { name: 'name', value: step.name || '', maxlength: 100, autocomplete: 'off',
      oninput: () => refresh(form) })),
    el('label', { class: 'members' }, 'Members, in turn ', el('input', { name: 'members', autocomplete: 'off',
      value: (step.members || []).join(', '), placeholder: 'clinician1, clinician2' })),
    el('label', {}, 'Turn (days) ', el('input', { name: 'shiftDays', type: 'number', min: 1, max: 366,
      inputmode: 'numeric', value: step.shiftDays || 7 })),
    el('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); refresh(form); } }, 'Remove'));
  return row;
}

function overrideRow(form, cover) {
  const row = el('div', { class: 'row override', 'data-testid': 'override' },
    el('label', {}, 'Step ', el('select', { name: 'step', 'data-value': cover.step })),
    el('label', {}, 'Covered by ', el('input', { name: 'member', value: cover.member || '', autocomplete: 'off',
      placeholder: 'clinician2' })),
    el('label', {}, 'From ', el('input', { name: 'from', type: 'datetime-local', value: localInput(cover.from) })),
    el('label', {}, 'To ', el('input', { name: 'to', type: 'datetime-local', value: localInput(cover.to) })),
    el('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); refresh(form); } }, 'Remove'));
  return row;
}

/** Renumbers the fields as the service names them (steps[1].members, overrides[0].to) and the overrides' steps. */
function refresh(form) {
  const steps = Array.from(form.querySelectorAll('.step'));
  steps.forEach((row, i) => {
    row.dataset.field = 'steps[' + i + ']';
    for (const input of row.querySelectorAll('input')) input.dataset.field = 'steps[' + i + '].' + input.name;
  });
  const names = steps.map((row, i) => stepLabel(i, row.querySelector('[name=name]').value.trim() || 'unnamed'));
  form.querySelectorAll('.override').forEach((row, i) => {
    row.dataset.field = 'overrides[' + i + ']';
    for (const input of row.querySelectorAll('input, select')) input.dataset.field = 'overrides[' + i + '].' + input.name;
    const select = row.querySelector('[name=step]');
    const chosen = select.options.length ? select.value : select.dataset.value;
    select.replaceChildren(...names.map((label, n) => el('option', { value: n }, label)));
    if (chosen !== undefined && Number(chosen) < names.length) select.value = String(chosen);
  });
}

function collect(form) {
  const value = (row, name) => row.querySelector('[name=' + name + ']').value.trim();
  return {
    timeZone: form.elements.timeZone.value.trim(),
    handoff: form.elements.handoff.value,
    rotationStart: form.elements.rotationStart.value || null,
    steps: Array.from(form.querySelectorAll('.step'), row => ({
      name: value(row, 'name'),
      members: value(row, 'members').split(/[\s,;]+/).filter(Boolean),
      shiftDays: value(row, 'shiftDays') ? Number(value(row, 'shiftDays')) : null,
    })),
    overrides: Array.from(form.querySelectorAll('.override'), row => ({
      step: Number(value(row, 'step')),
      member: value(row, 'member'),
      from: instant(value(row, 'from')),
      to: instant(value(row, 'to')),
    })),
  };
}

/** An instant as a datetime-local input shows it, in this device's time. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function instant(local) {
  return local ? new Date(local).toISOString() : null;
}

/**
 * The inputs a field names: steps[0].members is that input; steps[0] its row. "members" (someone the service
 * cannot page: not a clinician of the site, or without contact points) names no one input, so it marks each
 * input that names the people the message lists.
 */
function targetsOf(form, field, message) {
  if (field === 'members') {
    const listed = /unknown members? ([^:]+)/.exec(message);
    const unknown = listed ? listed[1].split(/,\s*/) : [];
    return Array.from(form.querySelectorAll('input[name=members], input[name=member]')).filter(input =>
      input.value.split(/[\s,;]+/).some(name => unknown.includes(name)));
  }
  return byDataField(form, field);
}

