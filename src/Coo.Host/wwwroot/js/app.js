// @ts-check
import { api, isSignedIn, onSessionChange, refreshSession, signOut } from './api.js';
import { byId, find, h } from './dom.js';
import { describeError } from './forms.js';
import { onLanguageChange, preferredLanguage, setLanguage, t } from './i18n.js';
import { live } from './live.js';
import { signInView, signUpView, welcomeView } from './views/account.js';
import { authorizeView } from './views/authorize.js';
import { homeView } from './views/home.js';
import { notificationsView } from './views/notifications.js';
import { peopleView } from './views/people.js';
import { profileView } from './views/profile.js';
import { tagView } from './views/tag.js';
import { threadView } from './views/thread.js';

/** @typedef {import('./api.js').MyProfile} Viewer */
/** @typedef {(path: string, options?: { replace?: boolean }) => void} Navigate */
/**
 * What every view is given.
 * @typedef {{ viewer: Viewer | null, navigate: Navigate, setViewer: (viewer: Viewer) => void, signedIn: () => Promise<void> }} Context
 */
/** @typedef {() => void} Stop Ends what a view started (polling, observers) when another view replaces it. */
/**
 * @typedef {{
 *   pattern: RegExp,
 *   view: (main: HTMLElement, context: Context, match: RegExpMatchArray) => void | Stop | Promise<void | Stop>,
 *   title: (match: RegExpMatchArray) => string | null,
 *   visitorsOnly?: boolean,
 * }} Route
 */

/** @param {RegExpMatchArray} match the username a profile route captured first */
const usernameIn = match => match[1] ?? '';

/** @param {RegExpMatchArray} match the tag a hashtag route captured first, percent-encoded in the path */
function tagIn(match) {
  const encoded = match[1] ?? '';
  try {
    return decodeURIComponent(encoded);
  } catch {
    // A broken escape is no tag: the API says so on the page.
    return encoded;
  }
}

// The client's routes; the host serves index.html for each of them (WebClient.cs).
/** @type {Route[]} */
const routes = [
  { pattern: /^\/$/, view: (main, context) => (context.viewer ? homeView(main, context) : welcomeView(main, context)), title: () => (viewer ? t('home') : null) },
  { pattern: /^\/signin$/, view: (main, context) => signInView(main, context), title: () => t('signIn'), visitorsOnly: true },
  { pattern: /^\/signup$/, view: (main, context) => signUpView(main, context), title: () => t('signUp'), visitorsOnly: true },
  {
    pattern: /^\/@(\w{1,15})\/(followers|following)$/,
    view: (main, _, match) => peopleView(main, { username: usernameIn(match), relation: match[2] === 'followers' ? 'followers' : 'following' }),
    title: match => `@${usernameIn(match)}`,
  },
  { pattern: /^\/@\w{1,15}\/coo\/(\d{1,19})$/, view: (main, context, match) => threadView(main, { ...context, id: match[1] ?? '' }), title: () => t('thread') },
  { pattern: /^\/@(\w{1,15})$/, view: (main, context, match) => profileView(main, { ...context, username: usernameIn(match) }), title: match => `@${usernameIn(match)}` },
  { pattern: /^\/notifications$/, view: (main, context) => (context.viewer ? notificationsView(main, { onRead: refreshUnread }) : welcomeView(main, context)), title: () => t('notifications') },
  // Served by the host's consent page endpoint, not rewritten (WebClient.cs): signing in there stays there.
  { pattern: /^\/oauth\/authorize$/, view: (main, context) => authorizeView(main, { ...context, signedIn: signedInHere }), title: () => t('authorizeApp') },
  { pattern: /^\/tags\/([^/]+)$/, view: (main, context, match) => tagView(main, { ...context, tag: tagIn(match) }), title: match => `#${tagIn(match)}` },
];

const main = byId('main', HTMLElement);
/** @type {Viewer | null} */
let viewer = null;
/** @type {Stop} */
let cleanup = () => {};
let renderCount = 0;

/** @type {Navigate} */
function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render({ focus: true });
}

/** @param {{ focus?: boolean }} [options] */
async function render({ focus = false } = {}) {
  const thisRender = ++renderCount;
  cleanup();
  cleanup = () => {};
  renderNav();
  if (viewer) live.start();
  else live.stop();
  refreshUnread();
  const path = location.pathname.replace(/\/$/, '') || '/';
  const route = routes.find(candidate => candidate.pattern.test(path));
  if (route?.visitorsOnly && viewer) {
    navigate('/', { replace: true });
    return;
  }
  main.replaceChildren();
  if (!route) {
    main.append(h('h1', { tabindex: '-1' }, t('notFound')), h('p', {}, h('a', { href: '/' }, t('backHome'))));
    document.title = 'Coo';
    return;
  }
  const match = path.match(route.pattern) ?? [path];
  const title = route.title(match);
  document.title = title ? `${title} · Coo` : 'Coo';
  const stop = await route.view(main, { viewer, navigate, setViewer, signedIn }, match);
  if (thisRender !== renderCount) {
    stop?.();
    return;
  }
  cleanup = stop ?? (() => {});
  if (focus) (find(main, 'h1', HTMLElement) ?? main).focus();
}

/** After signing in or up: who the viewer is, then their home timeline. */
async function signedIn() {
  await loadViewer();
  navigate('/');
}

/** After signing in on a page that continues from there (the consent page): who the viewer is, then the same page. */
async function signedInHere() {
  await loadViewer();
  render({ focus: true });
}

/** @param {Viewer} next */
function setViewer(next) {
  viewer = next;
  renderNav();
}

function renderNav() {
  const links = byId('nav-links', HTMLElement);
  const current = location.pathname;
  /**
   * @param {string} href
   * @param {string} text
   */
  const link = (href, text) => h('li', {}, h('a', { href, 'aria-current': current === href ? 'page' : null }, text));
  links.replaceChildren(...(viewer
    ? [
        link('/', t('home')),
        h('li', {}, h('a', { href: '/notifications', 'aria-current': current === '/notifications' ? 'page' : null },
          t('notifications'), unreadBadge)),
        link(`/@${viewer.username}`, t('profile')),
        // The jobs dashboard is no page of this client: a short-lived cookie scoped to /hangfire lets the browser in.
        ...(viewer.isAdmin ? [h('li', {}, h('button', { type: 'button', onClick: async () => {
          await api.openJobsDashboard();
          location.assign('/hangfire');
        } }, t('jobs')))] : []),
        h('li', {}, h('button', { type: 'button', onClick: async () => {
          await signOut().catch(() => {});
          viewer = null;
          navigate('/');
        } }, t('signOut'))),
      ]
    : [link('/signin', t('signIn')), link('/signup', t('signUp'))]));
}

// How many notifications are unread, in the header: asked for on every view, told by the live stream when they
// changed (or, while it is down, every minute the tab is shown). Answers can come back out of order, so one is shown
// only when nothing newer has been: a later question's answer, or the stream's count.
const unreadBadge = h('span', { class: 'badge', hidden: true });
const unreadPollInterval = 60_000;
let unreadAsked = 0;
let unreadShownFrom = 0;

async function refreshUnread() {
  if (!viewer || document.hidden) return;
  const asked = ++unreadAsked;
  try {
    const { count } = await api.unreadNotifications();
    if (asked < unreadShownFrom) return;
    unreadShownFrom = asked;
    showUnread(count);
  } catch {
    // The count is a hint: the next view or minute asks again.
  }
}

/** @param {number} count */
function showUnread(count) {
  unreadBadge.hidden = count === 0;
  // The number for the eye, the words for screen readers.
  unreadBadge.replaceChildren(
    h('span', { 'aria-hidden': 'true' }, count >= 1000 ? '999+' : String(count)),
    h('span', { class: 'visually-hidden' }, ` (${t('unreadNotifications', { count })})`));
}
setInterval(() => { if (!live.connected) refreshUnread(); }, unreadPollInterval);
document.addEventListener('visibilitychange', refreshUnread);
live.addEventListener('notification', event => {
  unreadShownFrom = ++unreadAsked;
  showUnread(/** @type {CustomEvent<{ unreadCount: number }>} */ (event).detail.unreadCount);
});
live.addEventListener('resync', refreshUnread);

async function loadViewer() {
  viewer = isSignedIn() ? await api.me() : null;
}

// Links inside the app change the view without a page load; modified clicks keep their usual meaning.
document.addEventListener('click', event => {
  const anchor = event.target instanceof Element ? event.target.closest('a[href^="/"]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href);
  if (!routes.some(route => route.pattern.test(url.pathname.replace(/\/$/, '') || '/'))) return;
  event.preventDefault();
  if (url.pathname !== location.pathname) navigate(url.pathname);
});
addEventListener('popstate', () => render({ focus: true }));

// A session that ends by itself (its refresh token revoked or expired) returns the page to the visitor's view.
onSessionChange(signedInNow => {
  if (!signedInNow && viewer) {
    viewer = null;
    render();
  }
});

async function start() {
  const languageSelect = byId('lang-select', HTMLSelectElement);
  await setLanguage(preferredLanguage());
  languageSelect.value = document.documentElement.lang;
  languageSelect.addEventListener('change', () => setLanguage(languageSelect.value, { remember: true }));
  onLanguageChange(() => render());
  try {
    // A session survives a reload: the HttpOnly refresh cookie is exchanged for a new access token.
    if (await refreshSession()) await loadViewer();
  } catch (error) {
    main.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, describeError(error)));
  }
  render();
}

start();
