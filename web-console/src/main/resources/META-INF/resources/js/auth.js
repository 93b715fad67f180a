// Login with Keycloak: authorization code flow with PKCE (S256) for the public client. Tokens live in
// sessionStorage, so they leave with the tab; Keycloak's own session cookie makes the next page's login silent.

const KEY = 'bfr.auth';
const PENDING = 'bfr.auth.pending';
const REFRESH_AHEAD_MS = 60_000;

let config;
let refreshTimer;

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

function redirectUri() {
  return location.origin + '/callback.html';
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

function stored() {
  const text = sessionStorage.getItem(KEY);
  return text ? JSON.parse(text) : null;
}

function store(tokens) {
  const now = Date.now();
  const saved = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token || (stored() || {}).idToken,
    expiresAt: now + tokens.expires_in * 1000,
    refreshExpiresAt: tokens.refresh_expires_in ? now + tokens.refresh_expires_in * 1000 : null,
  };
  sessionStorage.setItem(KEY, JSON.stringify(saved));
  scheduleRefresh(saved);
  return saved;
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

/** Sends the browser to Keycloak's login page; it comes back to callback.html. */
export async function login(returnTo = location.href) {
  await loadConfig();
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri(),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(endpoint('auth') + '?' + query);
  return new Promise(() => {});  // the page is leaving
}

/** On callback.html: trades the code for tokens, then returns to the page that asked for the login. */
export async function completeLogin() {
  await loadConfig();
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error('Login failed: ' + (params.get('error_description') || params.get('error')));
  if (!pending || params.get('state') !== pending.state) {
    // a stale or forged answer: start over rather than trust it
    return login('/');
  }
  await tokenRequest({
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  const target = new URL(pending.returnTo, location.origin);
  location.replace(target.origin === location.origin ? target.href : '/');
}

async function refresh() {
  const saved = stored();
  if (!saved || !saved.refreshToken) return null;
  try {
    return await tokenRequest({ grant_type: 'refresh_token', refresh_token: saved.refreshToken });
  } catch (e) {
    sessionStorage.removeItem(KEY);
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
  let saved = stored();
  if (saved && saved.expiresAt - Date.now() < REFRESH_AHEAD_MS / 2) saved = await refresh();
  if (!saved) return login();
  return saved.accessToken;
}

/**
 * Who is logged in: {username, name, roles, sites}. Logs in first when nobody is. The sites are the token's group
 * paths under /sites/ (the services read the same claim; a token without any is of the installation's one site).
 */
export async function requireUser() {
  await loadConfig();
  let saved = stored();
  if (!saved) return login();
  if (saved.expiresAt - Date.now() < REFRESH_AHEAD_MS / 2) {
    saved = await refresh();
    if (!saved) return login();
  } else {
    scheduleRefresh(saved);
  }
  const c = claims(saved.accessToken);
  return {
    username: c.preferred_username,
    name: c.name || c.preferred_username,
    roles: (c.realm_access && c.realm_access.roles) || [],
    sites: (Array.isArray(c.sites) ? c.sites : []).filter(s => s.startsWith('/sites/')).map(s => s.slice(7)),
  };
}

export function hasRole(user, ...roles) {
  return roles.some(r => user.roles.includes(r));
}

/** Ends the Keycloak session too, so the next visitor of this tablet has to log in. */
export async function logout() {
  await loadConfig();
  const saved = stored();
  sessionStorage.removeItem(KEY);
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: location.origin + '/' });
  if (saved && saved.idToken) query.set('id_token_hint', saved.idToken);
  location.assign(endpoint('logout') + '?' + query);
}
