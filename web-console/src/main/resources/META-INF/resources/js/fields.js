// A service's refusal (problem+json, status 400, with errors [{field, message}]) shown where it belongs: each
// message next to the input its field names (webhooks[0].url; failing that the row, webhooks[0]; failing that the
// list, webhooks), marked aria-invalid and described by it, and what names no input at the top of the form.
import { el, showError } from './api.js';

let errorCount = 0;

/** Removes the messages and marks of the last refusal. */
export function clearErrors(form, top) {
  form.querySelectorAll('.field-error').forEach(p => p.remove());
  form.querySelectorAll('[aria-invalid]').forEach(input => {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  });
  top.replaceChildren();
}

/** The element whose data-field is the field, or the nearest enclosing path's; an empty list when none is. */
export function byDataField(form, field) {
  for (let name = field; name;) {
    const target = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
    if (target) return [target];
    const shorter = name.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (shorter === name) break;
    name = shorter;
  }
  return [];
}

/**
 * Shows {@code error}: a 400 with field errors next to its fields (found by {@code targetsOf(form, field, message)}),
 * "what: see the marked fields." at the top, focus on the first marked input; any other error at the top.
 */
export function showProblem(form, top, error, what, targetsOf = byDataField) {
  const errors = (error.problem && error.problem.errors) || [];
  if (error.status !== 400 || !errors.length) {
    showError(top, error);
    return;
  }
  const unplaced = [];
  for (const { field, message } of errors) {
    const targets = targetsOf(form, field, message);
    if (targets.length) targets.forEach(target => placeError(target, field, message));
    else unplaced.push(field + ': ' + message);
  }
  top.replaceChildren(el('p', { class: 'problem', role: 'alert' },
    what + (unplaced.length ? ': ' + unplaced.join('; ') : ': see the marked fields.')));
  const first = form.querySelector('[aria-invalid=true]');
  if (first) first.focus();
}

function placeError(target, field, message) {
  const note = el('p', { class: 'field-error', id: 'field-error-' + (++errorCount), 'data-testid': 'field-error',
    'data-field': field }, message);
  if (target.matches('input, select, textarea')) {
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', note.id);
    target.after(note);
  } else {
    const legend = target.querySelector(':scope > legend');
    if (legend) legend.after(note);
    else target.append(note);
  }
}
