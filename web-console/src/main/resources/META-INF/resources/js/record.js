// The patient's record: screenings, sessions with everything logged on them, the alerts about them (for clinicians,
// who may read alerts) and progress charts drawn by Apache ECharts from the same data. record.html?patient=<id>
// shows the whole record; &report=<session id> one session's report, laid out for printing or saving as PDF.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';
import { requireUser, hasRole } from './auth.js';
import { api, el, header, time, dateTime, words, LIMB_NAMES, showError } from './api.js';

const user = await requireUser();
header(user, 'record.html');
const main = document.querySelector('main');
if (!hasRole(user, 'physiotherapist', 'clinician')) {
  main.replaceChildren(el('p', { class: 'problem', role: 'alert', 'data-testid': 'not-allowed' },
    'Patient records are for physiotherapists and clinicians.'));
  main.hidden = false;
  throw new Error('not a physiotherapist or clinician');
}

const params = new URLSearchParams(location.search);
const form = document.getElementById('patient-form');
const record = document.getElementById('record');
const problem = document.getElementById('load-problem');
const clinician = hasRole(user, 'clinician');
let labels = {};

form.addEventListener('submit', event => {
  event.preventDefault();
  const patientId = form.elements.patientId.value.trim();
  if (patientId) location.search = '?patient=' + encodeURIComponent(patientId);
});
document.getElementById('print').addEventListener('click', () => window.print());

function minutes(seconds) {
  return Math.round(seconds / 6) / 10;
}

function wornSeconds(band) {
  if (band.wornSeconds !== null && band.wornSeconds !== undefined) return band.wornSeconds;
  return (Date.now() - Date.parse(band.appliedAt)) / 1000;
}

function exerciseName(code) {
  return labels[code] || words(code);
}

function table(caption, head, rows, testid) {
  if (!rows.length) return el('p', { class: 'meta' }, 'No ' + caption.toLowerCase() + '.');
  return el('table', { 'data-testid': testid },
    el('caption', { class: 'visually-hidden' }, caption),
    el('thead', {}, el('tr', {}, head.map(h => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, c))))));
}

function screeningsView(screenings) {
  return table('Screenings', ['Screened', 'Outcome', 'Points', 'Blood pressure', 'By', 'Valid until', 'Clearance'],
    screenings.map(s => [dateTime(s.screenedAt), words(s.outcome), String(s.totalPoints), s.systolic + '/' + s.diastolic,
      s.screenedBy, dateTime(s.validUntil),
      s.clearance ? 'cleared by ' + s.clearance.clearedBy + ', ' + dateTime(s.clearance.clearedAt) : '']),
    'screenings-table');
}

function alertLine(a) {
  const handled = [];
  if (a.acknowledgedBy) handled.push('acknowledged by ' + a.acknowledgedBy + ' at ' + time(a.acknowledgedAt));
  if (a.resolvedBy) handled.push('resolved by ' + a.resolvedBy + ' at ' + time(a.resolvedAt)
    + (a.resolveNote ? ' (' + a.resolveNote + ')' : ''));
  else if (a.resolvedAutomatically) handled.push('resolved by itself at ' + time(a.resolvedAt));
  return el('li', { 'data-testid': 'session-alert' },
    el('strong', {}, words(a.severity) + ' · ' + words(a.type)), ' raised ' + time(a.raisedAt),
    handled.length ? ', ' + handled.join(', ') : ', not handled yet');
}

function sessionView(s, alerts, report) {
  const bands = table('Bands', ['Limb', 'On', 'Off', 'Worn (min)', 'Pressure'], s.bands.map(b => [
    LIMB_NAMES[b.limb] || words(b.limb), time(b.appliedAt) + ' by ' + b.appliedBy,
    b.releasedAt ? time(b.releasedAt) + ' by ' + b.releasedBy : 'still on',
    String(minutes(wornSeconds(b))),
    b.perceivedPressure + '/10' + (b.pressureMmHg ? ', ' + b.pressureMmHg + ' mmHg' : '')]), 'bands-table');
  const sets = table('Sets', ['#', 'Exercise', 'Limb', '% 1RM', 'Reps', 'RPE'], s.sets.map(x => [String(x.setNumber),
    exerciseName(x.exercise), LIMB_NAMES[x.limb] || words(x.limb), String(x.loadPercentOneRm), String(x.reps),
    x.rpe === null || x.rpe === undefined ? '' : String(x.rpe)]), 'sets-table');
  const symptoms = s.symptoms.length
    ? el('ul', { 'data-testid': 'symptoms' }, s.symptoms.map(x => el('li', {}, words(x.symptom) + ' at '
      + time(x.reportedAt) + ' (' + x.reportedBy + ')' + (x.note ? ': ' + x.note : ''))))
    : el('p', { class: 'meta' }, 'No symptoms.');
  const deviations = s.deviations.length
    ? el('ul', { 'data-testid': 'deviations' }, s.deviations.map(d => el('li', { class: 'deviation' }, d.message)))
    : el('p', { class: 'meta' }, 'No departures from the guidance.');
  const alertPart = clinician
    ? (alerts.length ? el('ul', { 'data-testid': 'session-alerts' }, alerts.map(alertLine))
      : el('p', { class: 'meta' }, 'No alerts.'))
    : el('p', { class: 'meta' }, 'Alerts are on the clinicians\' record.');
  return el('section', { class: 'session-record', 'data-testid': 'session-record', dataset: { session: s.id } },
    el('div', { class: 'row record-head' },
      el('h3', {}, dateTime(s.startedAt) + ' · ' + s.physiotherapist + ' · ' + words(s.status)
        + (s.completedAt ? ', completed ' + time(s.completedAt) : '')),
      report ? null : el('a', { class: 'button secondary no-print', 'data-testid': 'report-link',
        href: 'record.html?patient=' + encodeURIComponent(s.patientId) + '&report=' + encodeURIComponent(s.id) },
      'Session report')),
    el('h4', {}, 'Bands'), bands, el('h4', {}, 'Sets'), sets, el('h4', {}, 'Symptoms'), symptoms,
    el('h4', {}, 'Deviations'), deviations, el('h4', {}, 'Alerts'), alertPart);
}

/**
 * Each exercise's heaviest set per session, oldest session first: a category per session (its date) and one line
 * per exercise, with a gap where a session had none of it.
 */
function loadSeries(sessions) {
  const oldestFirst = [...sessions].reverse();
  const exercises = [...new Set(oldestFirst.flatMap(s => s.sets.map(set => set.exercise)))];
  const series = exercises.map(exercise => ({ name: exerciseName(exercise), type: 'line', connectNulls: true,
    symbolSize: 8, data: oldestFirst.map(s => {
      const loads = s.sets.filter(set => set.exercise === exercise).map(set => Number(set.loadPercentOneRm));
      return loads.length ? Math.max(...loads) : null;
    }) }));
  return { sessions: oldestFirst.map(s => dateTime(s.startedAt)), series };
}

/** Minutes worn under a band in each week (weeks begin on Monday, in the tablet's time zone), oldest first. */
function minutesPerWeek(sessions) {
  const weeks = new Map();
  for (const s of sessions) {
    for (const b of s.bands) {
      const day = new Date(b.appliedAt);
      const monday = new Date(day.getFullYear(), day.getMonth(), day.getDate() - ((day.getDay() + 6) % 7));
      const key = monday.getFullYear() + '-' + String(monday.getMonth() + 1).padStart(2, '0') + '-'
        + String(monday.getDate()).padStart(2, '0');
      weeks.set(key, (weeks.get(key) || 0) + wornSeconds(b));
    }
  }
  return [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, seconds]) => [week, minutes(seconds)]);
}

function charts(sessions) {
  const aria = { enabled: true, decal: { show: true } };
  const load = echarts.init(document.getElementById('chart-load'));
  const { sessions: categories, series } = loadSeries(sessions);
  load.setOption({ aria, animation: false, tooltip: { trigger: 'item' }, legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: categories }, yAxis: { type: 'value', name: '% 1RM', min: 0 }, series });
  const weeks = minutesPerWeek(sessions);
  const minutesChart = echarts.init(document.getElementById('chart-minutes'));
  minutesChart.setOption({ aria, animation: false, tooltip: { trigger: 'item' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', name: 'week of', data: weeks.map(([w]) => w) },
    yAxis: { type: 'value', name: 'minutes', min: 0 },
    series: [{ name: 'Minutes under restriction', type: 'bar', data: weeks.map(([, m]) => m), itemStyle: { color: '#0b5cad' } }] });
  document.getElementById('chart-load').dataset.series = String(series.length);
  document.getElementById('chart-minutes').dataset.weeks = String(weeks.length);
  window.addEventListener('resize', () => { load.resize(); minutesChart.resize(); });
  // print at the page's width: the charts are drawn again for the paper's
  window.addEventListener('beforeprint', () => { load.resize(); minutesChart.resize(); });
}

async function open(patientId, reportId) {
  form.elements.patientId.value = patientId;
  try {
    const [screenings, sessions, exercises, alerts] = await Promise.all([
      api('screening', '/api/patients/' + encodeURIComponent(patientId) + '/screenings'),
      api('session', '/api/patients/' + encodeURIComponent(patientId) + '/sessions'),
      api('session', '/api/exercises'),
      clinician ? api('alert', '/api/alerts?limit=500&patientId=' + encodeURIComponent(patientId)) : Promise.resolve([]),
    ]);
    labels = Object.fromEntries(exercises.map(e => [e.code, e.label]));
    const alertsOf = id => alerts.filter(a => a.sessionId === id).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
    const list = document.getElementById('sessions');
    if (reportId) {
      const session = sessions.find(s => s.id === reportId);
      if (!session) throw new Error('No session ' + reportId + ' of patient ' + patientId + ' at your sites.');
      document.body.classList.add('report');
      document.title = 'Session report · ' + patientId + ' · BFR Guard';
      document.getElementById('record-title').textContent = 'Session report · patient ' + patientId;
      document.getElementById('report-meta').textContent = dateTime(session.startedAt) + ' · physiotherapist '
        + session.physiotherapist + ' · site ' + session.site + ' · printed by ' + user.username + ' on '
        + dateTime(new Date().toISOString());
      document.getElementById('progress').hidden = true;
      document.getElementById('screenings-section').hidden = true;
      list.replaceChildren(sessionView(session, alertsOf(session.id), true));
    } else {
      document.getElementById('record-title').textContent = 'Patient record · ' + patientId;
      document.getElementById('screenings').replaceChildren(screeningsView(screenings));
      list.replaceChildren(...(sessions.length ? sessions.map(s => sessionView(s, alertsOf(s.id), false))
        : [el('p', { class: 'meta' }, 'No sessions at your sites.')]));
    }
    record.hidden = false;
    if (!reportId) charts(sessions);
  } catch (e) {
    showError(problem, e);
  }
}

main.hidden = false;
if (params.get('patient')) open(params.get('patient'), params.get('report'));
