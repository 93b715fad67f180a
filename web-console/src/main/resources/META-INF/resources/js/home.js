// The start page: the pages this user's roles open.
import { requireUser, hasRole } from './auth.js';
import { header, el } from './api.js';
const user = await requireUser();
header(user, '');
const pages = [];
if (hasRole(user, 'physiotherapist', 'clinician')) pages.push(['floor.html', 'Floor', 'Every session running at your sites: each band\'s time left, amber at the warning, red past the deadline; a wall screen for the gym.']);
if (hasRole(user, 'physiotherapist', 'clinician')) pages.push(['record.html', 'Patient record', 'A patient\'s screenings, sessions and alerts with progress charts; a session\'s report to print or save as PDF.']);
if (hasRole(user, 'physiotherapist')) pages.push(['session.html', 'Session console', 'Run a BFR session: bands with their countdown, sets, symptoms.']);
if (hasRole(user, 'physiotherapist', 'clinician')) pages.push(['screening.html', 'Screening', 'Screen a patient before BFR training' + (hasRole(user, 'clinician') ? '; clear a screening that needs review.' : '.')]);
if (hasRole(user, 'clinician')) pages.push(['board.html', 'Alert board', 'Safety alerts as they happen: acknowledge and resolve.']);
if (hasRole(user, 'physiotherapist', 'clinician', 'clinic-admin')) pages.push(['oncall.html', 'On call', 'Who is on call at your site now, and the rota' + (hasRole(user, 'clinic-admin') ? ': edit rotations and overrides.' : '.')]);
if (hasRole(user, 'clinician')) pages.push(['contacts.html', 'My contacts', 'Where you are paged: e-mail, webhook pagers, push on this device; send yourself a test.']);
const main = document.querySelector('main');
main.append(pages.length
  ? el('ul', { class: 'pages' }, pages.map(([href, title, text]) => el('li', {}, el('a', { href }, title), el('p', {}, text))))
  : el('p', { class: 'problem' }, 'Your account has no clinical role. Ask clinic IT for the physiotherapist or clinician role.'));
main.hidden = false;
