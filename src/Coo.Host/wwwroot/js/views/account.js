import { api, signIn } from '../api.js';
import { h } from '../dom.js';
import { clearErrors, field, formError, showErrors } from '../forms.js';
import { t } from '../i18n.js';

// Conflicts that belong to one field are shown next to it, like validation messages.
const fieldOfProblem = {
  'urn:coo:problem:users.username-taken': 'username',
  'urn:coo:problem:users.email-taken': 'email',
};

function placeProblem(error) {
  const name = fieldOfProblem[error.problem?.type];
  if (name && error.problem.detail) error.problem.errors = { [name]: [error.problem.detail] };
  return error;
}

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

export function signInView(main, { signedIn }, { title = t('signInTitle'), intro = null } = {}) {
  main.append(
    h('h1', { tabindex: '-1' }, title),
    intro ? h('p', { class: 'lead' }, intro) : null,
    accountForm({
      label: t('signIn'),
      signedIn,
      submitText: t('signIn'),
      fields: [
        field({ name: 'username', label: t('usernameOrEmail'), autocomplete: 'username', required: true }),
        field({ name: 'password', label: t('password'), type: 'password', autocomplete: 'current-password', required: true }),
      ],
      submit: data => signIn(data.get('username'), data.get('password')),
    }),
    h('p', {}, t('noAccount'), ' ', h('a', { href: '/signup' }, t('signUp'))));
}

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
        const username = data.get('username');
        const password = data.get('password');
        const displayName = data.get('displayName').trim();
        await api.post('/users', { username, email: data.get('email'), password, displayName: displayName || null });
        await signIn(username, password);
      },
    }),
    h('p', {}, t('haveAccount'), ' ', h('a', { href: '/signin' }, t('signIn'))));
}

/** The root for visitors: what Coo is, and the way in. */
export function welcomeView(main, context) {
  signInView(main, context, { title: t('welcomeTitle'), intro: t('welcome') });
}
