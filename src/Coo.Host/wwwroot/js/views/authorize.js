// @ts-check
import { api, ApiError, signOut } from '../api.js';
import { h } from '../dom.js';
import { describeError, formError } from '../forms.js';
import { t } from '../i18n.js';
import { signInView } from './account.js';

/** @typedef {import('../app.js').Context} Context */

// What each broad scope lets an application do, in the user's words; granular scopes (read:statuses) are shown as named.
/** @type {Record<string, import('../i18n.js').TextKey>} */
const scopeDescriptions = { read: 'scopeRead', write: 'scopeWrite', follow: 'scopeFollow', push: 'scopePush' };

// An app that sends force_login wants the user to choose the account (adding a second one), not take whoever is signed
// in here: the first showing of the page signs out, and the sign-in that follows is the user's choice.
let accountChosen = false;

// Signing out changes the session, on which the app shows the page again, now with the sign-in form.
const useAnotherAccount = () => signOut().catch(() => {});

/**
 * The consent page of /oauth/authorize: an application asks to act for the signed-in user, who allows or denies it.
 * The server has checked the request (client, redirect address, scopes) before serving this page.
 * @param {HTMLElement} main
 * @param {Context} context
 */
export async function authorizeView(main, { viewer, signedIn }) {
  const authorizationRequest = new URLSearchParams(location.search);
  const forceLogin = ['true', '1'].includes(authorizationRequest.get('force_login') ?? '');
  if (viewer && forceLogin && !accountChosen) {
    accountChosen = true;
    await useAnotherAccount();
    return;
  }
  accountChosen = true;
  if (!viewer) {
    signInView(main, { signedIn }, { title: t('authorizeSignIn') });
    return;
  }
  /** @type {import('../api.js').OAuthClient} */
  let client;
  try {
    client = await api.oauthClient(authorizationRequest.get('client_id') ?? '');
  } catch (error) {
    main.append(h('h1', { tabindex: '-1' }, t('authorizeUnknownApp')), h('p', { class: 'form-error', role: 'alert' }, describeError(error)));
    return;
  }
  const scopes = (authorizationRequest.get('scope') || 'read').split(' ').filter(Boolean);
  const error = formError();
  const allow = h('button', { type: 'button', onClick: () => answer(true) }, t('authorizeAllow'));
  const deny = h('button', { type: 'button', class: 'secondary', onClick: () => answer(false) }, t('authorizeDeny'));
  const card = h('section', { class: 'card', 'aria-labelledby': 'authorize-title' },
    h('p', {}, t('authorizeActsAs', { username: viewer.username })),
    h('ul', {}, scopes.map(scope => {
      const description = scopeDescriptions[scope];
      return h('li', {}, description ? t(description) : h('code', {}, scope));
    })),
    client.website ? h('p', { class: 'hint' }, t('authorizeWebsite'), ' ', h('a', { href: client.website, rel: 'noopener noreferrer' }, client.website)) : null,
    error,
    h('div', { class: 'form-row' },
      h('span', { class: 'hint' }, t('authorizeNotYou', { username: viewer.username })),
      h('button', { type: 'button', class: 'secondary', onClick: useAnotherAccount }, t('authorizeSwitchAccount')),
      deny, allow));
  main.append(h('h1', { tabindex: '-1', id: 'authorize-title' }, t('authorizeTitle', { app: client.name })), card);

  /** @param {boolean} allowed */
  async function answer(allowed) {
    allow.disabled = deny.disabled = true;
    error.textContent = '';
    try {
      const { redirect_uri: redirectUri, code } = await api.answerAuthorization(authorizationRequest, allowed);
      // The server refuses such addresses when an app registers; a page that would run a script is never followed.
      if (redirectUri && !/^(javascript|data|vbscript|blob):/i.test(redirectUri)) {
        location.assign(redirectUri);
      } else if (code) {
        card.replaceChildren(
          h('p', {}, t('authorizeCopyCode', { app: client.name })),
          h('p', {}, h('output', { class: 'oauth-code', 'aria-label': t('authorizeCode') }, code)));
      }
    } catch (failure) {
      // An application without a web address is told of a denial when it asks for its token; here there is nothing more to do.
      if (!allowed && failure instanceof ApiError && failure.status === 400) {
        card.replaceChildren(h('p', {}, t('authorizeDenied', { app: client.name })));
        return;
      }
      error.textContent = describeError(failure);
      allow.disabled = deny.disabled = false;
    }
  }
}
