// @ts-check
import { ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { measure } from './text.js';

/**
 * @typedef {{
 *   name: string, label: string, type?: string, multiline?: boolean, value?: string, autocomplete?: string,
 *   required?: boolean, hint?: string, extra?: Node, idPrefix?: string
 * }} FieldOptions
 */

/**
 * A labelled input or textarea with a place for its error message, linked for screen readers. Ids start with idPrefix,
 * so that two forms with a field of one name (the compose box and a reply) can share a page.
 * @param {FieldOptions} options
 */
export function field({ name, label, type = 'text', multiline = false, value = '', autocomplete, required = false, hint, extra, idPrefix = 'field' }) {
  const id = `${idPrefix}-${name}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const props = { id, name, value, autocomplete, required, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') };
  const control = multiline ? h('textarea', { ...props, rows: 3 }) : h('input', { ...props, type });
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    extra,
    h('p', { class: 'field-error', id: errorId }));
}

/**
 * Words a person understands for a failed request.
 * @param {unknown} failure
 */
export function describeError(failure) {
  const error = failure instanceof ApiError ? failure : new ApiError(0);
  if (error.status === 0) return t('errorOffline');
  if (error.status === 429) return t('errorSlowDown', { count: error.retryAfter ?? 60 });
  if (error.status >= 500) return t('errorServer');
  return error.problem?.detail ?? error.problem?.title ?? t('errorUnknown');
}

/** @param {HTMLFormElement} form */
export function clearErrors(form) {
  for (const element of form.querySelectorAll('.field-error, .form-error')) element.textContent = '';
  for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
}

/**
 * Puts each validation message next to its field and anything else at the top of the form; focuses the first.
 * @param {HTMLFormElement} form
 * @param {unknown} failure
 */
export function showErrors(form, failure) {
  clearErrors(form);
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors : {};
  /** @type {string[]} */
  const unplaced = [];
  /** @type {HTMLElement | null} */
  let first = null;
  for (const [name, messages] of Object.entries(fieldErrors)) {
    const control = form.elements.namedItem(name);
    const slot = control instanceof HTMLElement ? form.querySelector(`#${CSS.escape(`${control.id}-error`)}`) : null;
    if (!(control instanceof HTMLElement) || !slot) {
      unplaced.push(...messages);
      continue;
    }
    slot.textContent = messages.join(' ');
    control.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  const summary = form.querySelector('.form-error');
  if (summary && (unplaced.length > 0 || Object.keys(fieldErrors).length === 0)) {
    summary.textContent = unplaced.length > 0 ? unplaced.join(' ') : describeError(failure);
  }
  const target = first ?? summary;
  if (target instanceof HTMLElement) target.focus();
}

export function formError() {
  return h('p', { class: 'form-error', role: 'alert', tabindex: '-1' });
}

/**
 * A live count of the characters left, counted as the server counts them; calls onChange with the measure.
 * @param {HTMLInputElement | HTMLTextAreaElement} control
 * @param {import('./text.js').Counting} limits
 * @param {(result: import('./text.js').Measure) => void} [onChange]
 */
export function characterCounter(control, limits, onChange = () => {}) {
  const counter = h('span', { class: 'counter', id: `${control.id}-counter` });
  const update = () => {
    const result = measure(control.value, limits);
    counter.textContent = String(result.remaining);
    counter.classList.toggle('warn', result.remaining <= 20 && result.remaining >= 0);
    counter.classList.toggle('over', !result.fits);
    counter.setAttribute('aria-label', t('charactersLeft', { count: result.remaining }));
    onChange(result);
  };
  control.addEventListener('input', update);
  control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${counter.id}`.trim());
  update();
  return { counter, update };
}
