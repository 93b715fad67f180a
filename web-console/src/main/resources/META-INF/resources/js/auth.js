// Login with Keycloak: authorization code flow with PKCE (S256) for the public client. The tokens live in this
// page's memory only, never in the browser's storage, where a script could find them later: a reload or the next page
// logs in again, silently, through Keycloak's session cookie (its form shows only when that session has ended). Each
// page is its own redirect target: Keycloak sends the browser back to it with the code, and the page's address is
// then restored, fragment included.
//
// On a shared tablet: "Switch user" ends Keycloak's session and asks for a fresh login (prompt=login), and the console
// locks after clinic.web.idle-lock (15 min) without input: the tokens are dropped, Keycloak asks the same user for
// the password again (prompt=login) and brings them back to the same page.

// The login under way, for the page Keycloak sends the browser back to: PKCE verifier, state, where to return. No token.
const PENDING = 'bfr.auth.pending';
// Set by "Switch user" for the login after the logout: ask for a password whatever Keycloak remembers.
const FRESH = 'bfr.auth.fresh';
const REFRESH_AHEAD_MS = 60_000;
// What counts as someone at the tablet.
const INPUT = ['pointerdown', 'keydown', 'wheel', 'touchstart'];
// Keycloak's answer in the query of the page it sends the browser back to.
const ANSWER = ['code', 'state', 'session_state', 'iss', 'error', 'error_description'];

let config;
let tokens = null;
let refreshTimer;
let idleTimer;

export async function loadConfig() {
  if (!config) {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error('the console configuration did not load (' + response.status + ')');
    config = await response.json();
  }
  return config;
}

function endpoint(name) {
  return config.realmUrl + '/protocol/openid-connect/' + name;
}

/** The page part of an address (no query, no fragment): where Keycloak may send the browser back to. */
function pageOf(address) {
  const url = new URL(address, location.origin);
  return url.origin + url.pathname;
}

function base64Url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export function claims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

function store(answer) {
  const now = Date.now();
  tokens = {
    accessToken: answer.access_token,
    // a refresh answer may bring a new refresh token (the production realm's are single-use) and no id token
    refreshToken: answer.refresh_token || (tokens || {}).refreshToken,
    idToken: answer.id_token || (tokens || {}).idToken,
    expiresAt: now + answer.expires_in * 1000,
  };
  scheduleRefresh(tokens);
  return tokens;
}

async function tokenRequest(form) {
  const response = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  if (!response.ok) throw new Error('Keycloak refused the token request (' + response.status + ')');
  return store(await response.json());
}

/**
 * Sends the browser to Keycloak's login page; it comes back to the page of {@code returnTo}, which completes the
 * login in requireUser(). {@code prompt: 'login'} makes Keycloak ask for a password even within its session.
 */
export async function login(returnTo = location.href, { prompt } = {}) {
  await loadConfig();
  tokens = null;
  clearTimeout(refreshTimer);
  const verifier = randomString();
  const state = randomString();
  const redirectUri = pageOf(returnTo);
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo, redirectUri }));
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  if (sessionStorage.getItem(FRESH)) {
    sessionStorage.removeItem(FRESH);
    prompt = 'login';
  }
  if (prompt) query.set('prompt', prompt);
  location.assign(endpoint('auth') + '?' + query);
  return new Promise(() => {});  // the page is leaving
}

/** This page's address without Keycloak's answer. */
function withoutAnswer() {
  const url = new URL(location.href);
  ANSWER.forEach(name => url.searchParams.delete(name));
  return url.href;
}

/** Keycloak sent the browser back here: trades the code for tokens and restores the address that asked for them. */
async function completeLogin(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) {
    history.replaceState(null, '', withoutAnswer());
    throw new Error('Login failed: ' + (params.get('error_description') || params.get('error')));
  }
  if (!pending || params.get('state') !== pending.state || pending.redirectUri !== pageOf(location.href)) {
    // a stale or forged answer: start over rather than trust it
    return login(withoutAnswer());
  }
  await tokenRequest({
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
  const target = new URL(pending.returnTo, location.origin);
  history.replaceState(null, '', target.origin === location.origin ? target.href : withoutAnswer());
}

async function refresh() {
  if (!tokens || !tokens.refreshToken) return null;
  try {
    return await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
  } catch (e) {
    tokens = null;
    return null;
  }
}

function scheduleRefresh(saved) {
  clearTimeout(refreshTimer);
  // pages such as the alert board stay open all day: keep the token fresh without waiting for a call
  const wait = Math.max(5_000, saved.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  refreshTimer = setTimeout(refresh, wait);
}

/** A valid access token, refreshed when it is about to expire; logs in again when it cannot be. */
export async function accessToken() {
  await loadConfig();
  let current = tokens;
  if (current && current.expiresAt - Date.now() < REFRESH_AHEAD_MS / 2) current = await refresh();
  if (!current) return login();
  return current.accessToken;
}

/**
 * Who is logged in: {username, name, roles, sites}. Logs in first when nobody is (silently while Keycloak's session
 * lasts), and from then on locks the console after the idle time. The sites are the token's group paths under
 * /sites/ (the services read the same claim; a token without any is of the installation's one site).
 */
export async function requireUser() {
  await loadConfig();
  if (!tokens) {
    const params = new URLSearchParams(location.search);
    if (params.has('state')) {
      try {
        await completeLogin(params);
      } catch (e) {
        loginFailed(e);
        throw e;
      }
    }
    if (!tokens) return login();
  } else if (tokens.expiresAt - Date.now() < REFRESH_AHEAD_MS / 2 && !await refresh()) {
    return login();
  }
  lockWhenIdle();
  const c = claims(tokens.accessToken);
  return {
    username: c.preferred_username,
    name: c.name || c.preferred_username,
    roles: (c.realm_access && c.realm_access.roles) || [],
    sites: (Array.isArray(c.sites) ? c.sites : []).filter(s => s.startsWith('/sites/')).map(s => s.slice(7)),
  };
}

/** Keycloak refused the login: the page says so, with a way to try again. */
function loginFailed(error) {
  const again = document.createElement('a');
  again.href = withoutAnswer();
  again.textContent = 'Log in again';
  const note = document.createElement('p');
  note.className = 'problem';
  note.setAttribute('role', 'alert');
  note.append(error.message + ' ', again);
  document.body.prepend(note);
}

/** After config.idleLockMillis without input, the tokens go and Keycloak asks for a password again. */
function lockWhenIdle() {
  if (idleTimer !== undefined || !(config.idleLockMillis > 0)) return;
  const restart = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => login(location.href, { prompt: 'login' }), config.idleLockMillis);
  };
  INPUT.forEach(type => addEventListener(type, restart, { capture: true, passive: true }));
  restart();
}

/** The next person at a shared tablet: Keycloak's session ends, and the start page asks for a fresh login. */
export function switchUser() {
  sessionStorage.setItem(FRESH, 'yes');
  return logout();
}

export function hasRole(user, ...roles) {
  return roles.some(r => user.roles.includes(r));
}

/** Ends the Keycloak session too, so the next visitor of this tablet has to log in. */
export async function logout() {
  await loadConfig();
  const saved = tokens;
  tokens = null;
  clearTimeout(refreshTimer);
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: location.origin + '/' });
  if (saved && saved.idToken) query.set('id_token_hint', saved.idToken);
  location.assign(endpoint('logout') + '?' + query);
}
