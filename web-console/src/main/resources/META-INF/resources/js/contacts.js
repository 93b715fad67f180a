// "My contacts": a clinician's own contact points at the notification-service (e-mail, webhook pagers, the Web
// Push subscriptions of their devices), push on this device, and the start-of-shift test with each channel's receipt.
import { requireUser, hasRole } from './auth.js';
import { api, el, header, time, showError } from './api.js';
import { clearErrors, showProblem } from './fields.js';
import { pushSupport, subscribe, unsubscribe, currentSubscription, deviceLabel, channelOf } from './push.js';

const FORMATS = [['CLOUDEVENTS', 'CloudEvents'], ['PAGERDUTY', 'PagerDuty (or Opsgenie)']];

const user = await requireUser();
header(user, 'contacts.html');
const main = document.querySelector('main');
if (!hasRole(user, 'clinician')) {
  main.replaceChildren(el('h1', {}, 'My contacts'),
    el('p', { class: 'problem', role: 'alert' }, 'My contacts is for clinicians: they are the ones paged when on call.'));
  main.hidden = false;
  throw new Error('not a clinician');
}

const form = document.getElementById('contacts-form');
const webhookRows = document.getElementById('webhooks');
const formProblem = document.getElementById('form-problem');
const saveButton = document.getElementById('save-contacts');
const saveStatus = document.getElementById('save-status');
const pushSwitch = document.getElementById('push-switch');
const pushState = document.getElementById('push-state');
const pushProblem = document.getElementById('push-problem');
const devices = document.getElementById('devices');
const testButton = document.getElementById('send-test');
const testProblem = document.getElementById('test-problem');
const receipts = document.getElementById('receipts');

/** The contact points as last saved: what push changes are made on, so that unsaved edits above stay unsent. */
let saved = { email: null, webhooks: [], push: [] };
/** The service's VAPID public key; null when this clinic offers no push, undefined while unknown. */
let pushKey;
/** This browser's push subscription, if it has one. */
let here = null;

function normalise(contacts) {
  return { email: contacts.email || null, webhooks: contacts.webhooks || [], push: contacts.push || [] };
}

async function put(contacts) {
  saved = normalise(await api('notification', '/api/oncall/me/contacts', { method: 'PUT', body: contacts }));
  return saved;
}

// --- the form: e-mail and webhooks ---

function webhookRow(webhook = {}) {
  const format = el('select', { name: 'format' },
    FORMATS.map(([value, label]) => el('option', { value, selected: value === webhook.format }, label)));
  const routingKey = el('label', { class: 'routing-key' }, 'Routing key (integration key) ',
    el('input', { name: 'routingKey', autocomplete: 'off', value: webhook.routingKey || '', maxlength: 200 }));
  const row = el('div', { class: 'row webhook', 'data-testid': 'webhook' },
    el('label', {}, 'Name ', el('input', { name: 'name', autocomplete: 'off', value: webhook.name || '', maxlength: 40,
      placeholder: 'pager' })),
    el('label', { class: 'url' }, 'URL ', el('input', { name: 'url', type: 'url', autocomplete: 'off',
      value: webhook.url || '', placeholder: 'https://events.pagerduty.com/v2/enqueue' })),
    el('label', {}, 'Format ', format),
    routingKey,
    el('button', { type: 'button', class: 'secondary', onclick: () => { row.remove(); numberFields(); } }, 'Remove'));
  const showKey = () => { routingKey.hidden = format.value !== 'PAGERDUTY'; };
  format.addEventListener('change', showKey);
  showKey();
  return row;
}

/** Names each input by the field the service's errors use for it: webhooks[1].url and so on. */
function numberFields() {
  webhookRows.querySelectorAll('.webhook').forEach((row, i) => {
    row.dataset.field = 'webhooks[' + i + ']';
    for (const input of row.querySelectorAll('input, select')) input.dataset.field = 'webhooks[' + i + '].' + input.name;
  });
}

function fillForm() {
  form.elements.email.value = saved.email || '';
  webhookRows.replaceChildren(...saved.webhooks.map(webhookRow));
  numberFields();
}

document.getElementById('add-webhook').addEventListener('click', () => {
  const row = webhookRow({ format: 'CLOUDEVENTS' });
  webhookRows.append(row);
  numberFields();
  row.querySelector('input').focus();
});

form.addEventListener('submit', async event => {
  event.preventDefault();
  clearErrors(form, formProblem);
  saveStatus.textContent = '';
  const body = {
    email: form.elements.email.value.trim() || null,
    webhooks: Array.from(webhookRows.querySelectorAll('.webhook'), row => {
      const value = name => row.querySelector('[name=' + name + ']').value.trim();
      return { name: value('name'), url: value('url'), format: value('format'),
        routingKey: value('format') === 'PAGERDUTY' ? value('routingKey') || null : null };
    }),
    push: saved.push,
  };
  saveButton.disabled = true;
  try {
    await put(body);
    fillForm();
    saveStatus.textContent = 'Saved at ' + time(new Date().toISOString()) + '.';
    await renderPush();
  } catch (e) {
    showProblem(form, formProblem, e, 'Your contacts were not saved');
  } finally {
    saveButton.disabled = false;
  }
});

// --- push on this device ---

async function renderPush() {
  pushProblem.replaceChildren();
  const support = pushSupport();
  if (pushKey === undefined) {
    try {
      pushKey = (await api('notification', '/api/oncall/me/push-key')).publicKey;
    } catch (e) {
      if (e.status === 404) pushKey = null;
      else showError(pushProblem, e);
    }
  }
  here = null;
  if (support.supported) {
    try {
      here = await currentSubscription();
    } catch (e) {
      here = null;
    }
  }
  const mine = here ? saved.push.find(p => p.endpoint === here.endpoint) : null;
  pushSwitch.setAttribute('aria-checked', String(Boolean(mine)));
  pushSwitch.textContent = mine ? 'On' : 'Off';
  pushSwitch.disabled = !support.supported || !pushKey;
  let state;
  let text;
  if (pushKey === null) {
    state = 'not-offered';
    text = 'Push is not offered by this clinic: pages reach you by e-mail and webhooks.';
  } else if (!support.supported) {
    state = 'unsupported';
    text = support.reason;
  } else if (mine) {
    state = 'on';
    text = 'On: this device (' + (mine.device || deviceLabel()) + ') gets a notification with each page.';
  } else if (Notification.permission === 'denied') {
    state = 'blocked';
    text = 'Off. Notifications are blocked for the console in this browser: allow them in its site settings first.';
  } else {
    state = 'off';
    text = here ? 'Off: this device is no longer subscribed (the browser or its push service ended it). Switch it on again.'
      : 'Off: this device gets no push notifications.';
  }
  pushState.dataset.state = state;
  pushState.textContent = text;

  const others = saved.push.filter(p => !here || p.endpoint !== here.endpoint);
  devices.replaceChildren(...(others.length ? others.map(p => el('li', { 'data-testid': 'device' },
    el('span', {}, p.device || 'A device without a name'), ' ',
    el('button', { type: 'button', class: 'secondary', onclick: () => removeDevice(p.endpoint) }, 'Remove')))
    : [el('li', { class: 'meta' }, 'None.')]));
}

async function removeDevice(endpoint) {
  try {
    await put({ ...saved, push: saved.push.filter(p => p.endpoint !== endpoint) });
  } catch (e) {
    showError(pushProblem, e);
  }
  await renderPush();
}

pushSwitch.addEventListener('click', async () => {
  const on = pushSwitch.getAttribute('aria-checked') === 'true';
  pushSwitch.disabled = true;
  pushProblem.replaceChildren();
  try {
    if (on) {
      await put({ ...saved, push: saved.push.filter(p => p.endpoint !== here.endpoint) });
      await unsubscribe();
    } else {
      await switchOn();
    }
  } catch (e) {
    showError(pushProblem, e);
  }
  await renderPush();
});

async function switchOn() {
  // a subscription here that the service no longer has was ended by the push service: make a new one
  const subscription = await subscribe(pushKey, { stale: Boolean(here) });
  const json = subscription.toJSON();
  const entry = { endpoint: json.endpoint, expirationTime: json.expirationTime ?? null, keys: json.keys,
    device: deviceLabel() };
  try {
    await put({ ...saved, push: saved.push.filter(p => p.endpoint !== entry.endpoint).concat(entry) });
  } catch (e) {
    await subscription.unsubscribe().catch(() => {});
    throw e;
  }
}

// --- the start-of-shift test ---

testButton.addEventListener('click', async () => {
  testButton.disabled = true;
  testProblem.replaceChildren();
  receipts.replaceChildren(el('li', { class: 'meta' }, 'Sending…'));
  // the device names of the subscriptions as they are now: a push service may end one during the test
  const devicesByChannel = {};
  for (const p of saved.push) devicesByChannel[await channelOf(p.endpoint)] = p.device || 'a device without a name';
  try {
    const answers = await api('notification', '/api/oncall/me/test', { method: 'POST' });
    receipts.replaceChildren(...answers.map(r => el('li', {
      class: 'receipt ' + (r.accepted ? 'accepted' : 'failed'), 'data-testid': 'receipt', 'data-channel': r.channel,
      'data-accepted': String(r.accepted),
    }, el('strong', {}, channelWords(r.channel, devicesByChannel)), ' ',
    r.accepted ? 'accepted' : 'failed: ' + (r.detail || 'no answer'), ' ', el('span', { class: 'meta' }, time(r.at)))));
    // a device whose push service said it is gone has been forgotten
    saved = normalise(await api('notification', '/api/oncall/me/contacts'));
    await renderPush();
  } catch (e) {
    receipts.replaceChildren();
    showError(testProblem, e);
  } finally {
    testButton.disabled = false;
  }
});

function channelWords(channel, devicesByChannel) {
  if (channel === 'email') return 'E-mail';
  if (channel.startsWith('webhook:')) return 'Webhook ' + channel.slice('webhook:'.length);
  if (channel.startsWith('push:')) return 'Push: ' + (devicesByChannel[channel] || 'a device no longer saved');
  return channel;
}

// --- start ---

try {
  saved = normalise(await api('notification', '/api/oncall/me/contacts'));
  fillForm();
  saveButton.disabled = false;
  testButton.disabled = false;
} catch (e) {
  showError(document.getElementById('load-problem'), e);
}
main.hidden = false;
await renderPush();
