import { language } from './i18n.js';

// The public REST API, as any client uses it. The access token lives only in this module's memory; the refresh
// token is an HttpOnly cookie the script never sees, which the API reads on /auth/refresh and /auth/logout.
const base = '/api/v1';
let accessToken = null;
let refreshTimer = 0;
let refreshing = null;
const sessionListeners = new Set();
// Whether this browser holds a session cookie (which scripts cannot read): visitors then make no refresh call.
const sessionHint = 'coo.session';

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Field name (camelCase, as in the request) to its messages, for a validation problem. */
  get fieldErrors() {
    return this.problem?.errors ?? {};
  }
}

async function send(method, path, { body, headers = {}, retryOnExpiry = true } = {}) {
  const request = { method, headers: { Accept: 'application/json', 'Accept-Language': language(), ...headers } };
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  if (accessToken) request.headers.Authorization = `Bearer ${accessToken}`;

  let response;
  try {
    response = await fetch(base + path, request);
  } catch {
    throw new ApiError(0, null, null);
  }
  if (response.status === 401 && accessToken && retryOnExpiry && (await refreshSession())) {
    return send(method, path, { body, headers, retryOnExpiry: false });
  }
  if (!response.ok) {
    const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
    const problem = isJson ? await response.json().catch(() => null) : null;
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return response.status === 204 ? null : response.json();
}

export const api = {
  get: path => send('GET', path),
  post: (path, body, headers) => send('POST', path, { body: body ?? {}, headers }),
  patch: (path, body) => send('PATCH', path, { body }),
  put: path => send('PUT', path),
  delete: path => send('DELETE', path),
};

export function isSignedIn() {
  return accessToken !== null;
}

export function onSessionChange(listener) {
  sessionListeners.add(listener);
}

function adopt(tokens) {
  const wasSignedIn = accessToken !== null;
  accessToken = tokens.accessToken;
  localStorage.setItem(sessionHint, '1');
  clearTimeout(refreshTimer);
  // Renew a minute before the access token expires, so requests rarely meet an expired one.
  refreshTimer = setTimeout(refreshSession, Math.max(10, tokens.expiresIn - 60) * 1000);
  if (!wasSignedIn) notify();
}

function forget() {
  const wasSignedIn = accessToken !== null;
  accessToken = null;
  localStorage.removeItem(sessionHint);
  clearTimeout(refreshTimer);
  if (wasSignedIn) notify();
}

function notify() {
  for (const listener of sessionListeners) listener(isSignedIn());
}

export async function signIn(username, password) {
  adopt(await send('POST', '/auth/token', { body: { username, password, useCookie: true }, retryOnExpiry: false }));
}

export async function signOut() {
  try {
    await send('POST', '/auth/logout', { body: {}, retryOnExpiry: false });
  } finally {
    forget();
  }
}

/**
 * Exchanges the refresh cookie for a new access token; true when signed in afterwards. Tabs share the cookie and take
 * turns through a Web Lock, which saves a rotation; tabs that still race (no Web Locks, a reload mid-request) present
 * the same token within the server's grace period and get the same new one.
 */
export function refreshSession() {
  if (!accessToken && !localStorage.getItem(sessionHint)) return Promise.resolve(false);
  refreshing ??= (navigator.locks ? navigator.locks.request('coo-session', renew) : renew()).finally(() => { refreshing = null; });
  return refreshing;
}

async function renew() {
  try {
    adopt(await send('POST', '/auth/refresh', { body: {}, retryOnExpiry: false }));
    return true;
  } catch (error) {
    if (error.status === 400 || error.status === 401) {
      forget();
      return false;
    }
    throw error;
  }
}
