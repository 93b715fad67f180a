// Calls of the four services' APIs with the user's token, errors as the services word them.
import { accessToken, loadConfig, logout, switchUser, hasRole } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('The service answered ' + status));
    this.status = status;
    this.problem = problem;
  }
}

const BASES = { screening: 'screeningUrl', session: 'sessionUrl', alert: 'alertUrl', notification: 'notificationUrl' };

export async function baseUrl(service) {
  const config = await loadConfig();
  return config[BASES[service]];
}

export async function api(service, path, { method = 'GET', body } = {}) {
  const headers = { Authorization: 'Bearer ' + await accessToken(), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(await baseUrl(service) + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: 'The ' + service + ' service cannot be reached. Check the network and try again.' });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = json || {};
    if (problem.errors && problem.errors.length) {
      problem.detail = (problem.detail ? problem.detail + ': ' : '')
        + problem.errors.map(e => e.field + ' ' + e.message).join('; ');
    }
    throw new ApiError(response.status, problem);
  }
  return json;
}

// --- rendering helpers shared by the pages ---

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Times in the clinic's time zone, which is the tablet's. */
export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

export const LIMBS = ['LEFT_ARM', 'RIGHT_ARM', 'LEFT_THIGH', 'RIGHT_THIGH'];
export const LIMB_NAMES = {
  LEFT_ARM: 'Left upper arm', RIGHT_ARM: 'Right upper arm', LEFT_THIGH: 'Left upper thigh', RIGHT_THIGH: 'Right upper thigh',
};

export function words(code) {
  return code ? code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ') : '';
}

/** The page header: the pages this user may use, who is logged in, switch user, log out. */
export function header(user, current) {
  const pages = [
    ['floor.html', 'Floor', ['physiotherapist', 'clinician']],
    ['record.html', 'Patient record', ['physiotherapist', 'clinician']],
    ['screening.html', 'Screening', ['physiotherapist', 'clinician']],
    ['session.html', 'Session console', ['physiotherapist']],
    ['board.html', 'Alert board', ['clinician']],
    ['oncall.html', 'On call', ['physiotherapist', 'clinician', 'clinic-admin']],
    ['contacts.html', 'My contacts', ['clinician']],
  ];
  const nav = el('nav', { 'aria-label': 'Pages' },
    pages.filter(([, , roles]) => hasRole(user, ...roles)).map(([href, label]) =>
      el('a', { href, 'aria-current': href === current ? 'page' : null }, label)));
  const bar = el('header', { class: 'top' },
    el('a', { class: 'brand', href: '/' }, 'BFR Guard'),
    nav,
    el('div', { class: 'account' },
      el('span', { class: 'who', 'data-testid': 'user' }, user.username + ' · ' + user.roles.filter(r => ['physiotherapist', 'clinician', 'clinic-admin'].includes(r)).join(', ')),
      el('button', { type: 'button', class: 'secondary', onclick: switchUser }, 'Switch user'),
      el('button', { type: 'button', class: 'secondary', onclick: logout }, 'Log out')));
  document.body.prepend(bar);
}

export function showError(container, error) {
  container.replaceChildren(el('p', { class: 'problem', role: 'alert' }, error.message || String(error)));
}
