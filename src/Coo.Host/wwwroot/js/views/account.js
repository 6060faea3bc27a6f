// @ts-check
import { api, ApiError, signIn } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, formError, showErrors } from '../forms.js';
import { t } from '../i18n.js';

// Conflicts that belong to one field are shown next to it, like validation messages.
/** @type {Record<string, string>} */
const fieldOfProblem = {
  'urn:coo:problem:users.username-taken': 'username',
  'urn:coo:problem:users.email-taken': 'email',
};

/**
 * @param {unknown} error
 * @returns {unknown}
 */
function placeProblem(error) {
  const problem = error instanceof ApiError ? error.problem : null;
  const name = problem?.type === undefined ? undefined : fieldOfProblem[problem.type];
  if (problem && name && problem.detail) problem.errors = { [name]: [problem.detail] };
  return error;
}

/**
 * @param {{
 *   label: string, fields: HTMLElement[], submitText: string, submit: (data: FormData) => Promise<void>,
 *   signedIn: () => Promise<void>
 * }} options
 */
function accountForm({ label, fields, submitText, submit, signedIn }) {
  const button = h('button', { type: 'submit' }, submitText);
  const form = h('form', { class: 'card', 'aria-label': label, novalidate: true, onSubmit: async event => {
    event.preventDefault();
    button.disabled = true;
    clearErrors(form);
    try {
      await submit(new FormData(form));
      await signedIn();
    } catch (error) {
      showErrors(form, placeProblem(error));
    } finally {
      button.disabled = false;
    }
  } }, formError(), fields, h('div', { class: 'form-row' }, button));
  return form;
}

/** @typedef {{ signedIn: () => Promise<void> }} AccountContext */

/**
 * The text of a form field (FormData also holds files, which these forms have none of).
 * @param {FormData} data
 * @param {string} name
 */
function text(data, name) {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * @param {HTMLElement} main
 * @param {AccountContext} context
 * @param {{ title?: string, intro?: string | null }} [options]
 */
export function signInView(main, { signedIn }, { title = t('signInTitle'), intro = null } = {}) {
  main.append(
    h('h1', { tabindex: '-1' }, title),
    // Node.append would turn a null into the text "null".
    ...(intro ? [h('p', { class: 'lead' }, intro)] : []),
    accountForm({
      label: t('signIn'),
      signedIn,
      submitText: t('signIn'),
      fields: [
        field({ name: 'username', label: t('usernameOrEmail'), autocomplete: 'username', required: true }),
        field({ name: 'password', label: t('password'), type: 'password', autocomplete: 'current-password', required: true }),
      ],
      submit: data => signIn(text(data, 'username'), text(data, 'password')),
    }),
    h('p', {}, t('noAccount'), ' ', h('a', { href: '/signup' }, t('signUp'))));
}

/**
 * @param {HTMLElement} main
 * @param {AccountContext} context
 */
export function signUpView(main, { signedIn }) {
  main.append(
    h('h1', { tabindex: '-1' }, t('signUpTitle')),
    accountForm({
      label: t('signUp'),
      signedIn,
      submitText: t('signUp'),
      fields: [
        field({ name: 'username', label: t('username'), autocomplete: 'username', required: true, hint: t('usernameHint') }),
        field({ name: 'displayName', label: t('displayName'), autocomplete: 'name' }),
        field({ name: 'email', label: t('email'), type: 'email', autocomplete: 'email', required: true }),
        field({ name: 'password', label: t('password'), type: 'password', autocomplete: 'new-password', required: true, hint: t('passwordHint') }),
      ],
      submit: async data => {
        const username = text(data, 'username');
        const password = text(data, 'password');
        const displayName = text(data, 'displayName').trim();
        await api.register({ username, email: text(data, 'email'), password, displayName: displayName || null });
        await signIn(username, password);
      },
    }),
    h('p', {}, t('haveAccount'), ' ', h('a', { href: '/signin' }, t('signIn'))));
}

/**
 * The root for visitors: what Coo is, and the way in.
 * @param {HTMLElement} main
 * @param {AccountContext} context
 */
export function welcomeView(main, context) {
  signInView(main, context, { title: t('welcomeTitle'), intro: t('welcome') });
}
