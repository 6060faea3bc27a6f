// @ts-check
import { language } from './i18n.js';

// The public REST API, as any client uses it. The access token lives only in this module's memory; the refresh
// token is an HttpOnly cookie the script never sees, which the API reads on /auth/refresh and /auth/logout.

// The API's answers, as the server's response records define them. Ids are snowflakes sent as strings, so that
// JavaScript keeps every digit; times are ISO 8601 strings.

/**
 * A user as lists show them, with their avatar: avatarUrl is 400 px square, avatarSmallUrl 96 px; an account that did
 * not upload one has a generated picture. Both are on this server and never change what they serve.
 * @typedef {{ id: string, username: string, displayName: string, avatarUrl: string, avatarSmallUrl: string }} UserSummary
 */

/**
 * The mentions, hashtags and links in a coo's text, where start and end (exclusive) are UTF-16 offsets into it, as
 * text.slice(start, end) takes them; they never overlap. A hashtag's tag is normalised (lower case) and has no '#'.
 * @typedef {{
 *   mentions: { start: number, end: number, userId: string, username: string }[],
 *   hashtags: { start: number, end: number, tag: string }[],
 *   urls: { start: number, end: number, url: string }[]
 * }} CooEntities
 */

/**
 * An image on a coo: url is the image (at most 2048 px on its longest side), previewUrl the size for timelines (at
 * most 640 px wide), each with its size so that the page reserves the space before it loads; description is its alt
 * text. Both URLs are on this server and never change what they serve.
 * @typedef {{
 *   id: string, type: 'image', url: string, previewUrl: string, width: number, height: number,
 *   previewWidth: number, previewHeight: number, description: string
 * }} CooMedia
 */

/**
 * A coo the way clients render it, with its author, the entities in its text, its images (none: an empty list), how
 * often it was liked and reposted, whether you liked or reposted it (false for visitors), the coo it answers (null for
 * none; it may be deleted since) and how many replies it has; on the home timeline, who reposted it when that is why
 * it is there, and that repost's id, which is its place there.
 * @typedef {{
 *   id: string, text: string, createdAt: string, author: UserSummary, entities: CooEntities, media: CooMedia[],
 *   likesCount: number, repostsCount: number, likedByYou: boolean, repostedByYou: boolean,
 *   inReplyTo: { id: string, author: UserSummary } | null, repliesCount: number,
 *   repostedBy?: UserSummary | null, repostId?: string | null
 * }} Coo
 */

/**
 * One place in a thread: depth counts from the coo the thread is read for (0), the coos it answers below zero; a
 * deleted coo that keeps the thread's shape has deleted true and coo null.
 * @typedef {{ id: string, depth: number, deleted: boolean, coo: Coo | null }} ThreadEntry
 */

/** @typedef {{ tag: string, people: number }} TrendingTag A tag and how many distinct people used it in 24 hours. */

/** @typedef {'follow' | 'like' | 'repost' | 'reply' | 'mention'} NotificationKind What happened to you. */

/**
 * A notification: everyone who did the same (actorsCount, the newest few named in actors, newest first) to you or to
 * one of your coos (coo: the liked or reposted coo, the reply, the coo that mentions you; null for a follow).
 * latestId places it in the list and is what marking read takes.
 * @typedef {{
 *   id: string, kind: NotificationKind, latestId: string, latestAt: string, unread: boolean,
 *   actorsCount: number, actors: UserSummary[], coo: Coo | null
 * }} Notification
 */

/** @typedef {'like' | 'repost'} ReactionKind How one may react to a coo; also the endpoint's last path segment. */

/**
 * A page of a list, newest first; nextCursor is null on the last page.
 * @template T
 * @typedef {{ items: T[], nextCursor: string | null }} Page
 */

/**
 * A public profile with counts and the coo its user pinned (or null); followedByYou is null for visitors. The avatar
 * is as UserSummary's.
 * @typedef {{
 *   id: string, username: string, displayName: string, bio: string, createdAt: string, avatarUrl: string, avatarSmallUrl: string,
 *   followersCount: number, followingCount: number, coosCount: number, followedByYou: boolean | null,
 *   pinnedCoo: Coo | null
 * }} UserProfile
 */

/**
 * The signed-in user's own profile (GET /users/me).
 * @typedef {{
 *   id: string, username: string, email: string, displayName: string, bio: string, createdAt: string, isAdmin: boolean,
 *   avatarUrl: string, avatarSmallUrl: string
 * }} MyProfile
 */

/** @typedef {{ avatarUrl: string, avatarSmallUrl: string }} Avatar The avatar shown now (PUT and DELETE /media/avatar). */

/** @typedef {{ accessToken: string, tokenType: string, expiresIn: number }} Tokens */

/** @typedef {{ name: string, website: string | null }} OAuthClient An application registered for OAuth (GET /oauth/clients/{clientId}). */

/** @typedef {{ redirect_uri?: string, code?: string }} ConsentAnswer What POST /oauth/authorize answers the consent page. */

/**
 * How long a text may be: at most maxLength user-perceived characters (grapheme clusters), each link counted as
 * charactersPerUrl when given, and maxCodeUnits UTF-16 code units, after trimming and NFC composition (text.js counts
 * the same way, links.js the links).
 * @typedef {{ maxLength: number, maxCodeUnits: number, charactersPerUrl?: number }} TextLimits
 */

/** @typedef {Required<TextLimits>} CooLimits How long a coo may be (GET /coos/limits). */

/** @typedef {{ displayName: TextLimits, bio: TextLimits }} ProfileLimits How long a display name and a bio may be (GET /users/me/limits). */

/**
 * An RFC 9457 problem; a validation problem maps each field (camelCase, as in the request) to its messages.
 * @typedef {{
 *   type?: string, title?: string, status?: number, detail?: string, instance?: string, correlationId?: string,
 *   errors?: Record<string, string[]>
 * }} Problem
 */

/**
 * body is sent as JSON, form as multipart/form-data (files) or, as URLSearchParams, form-urlencoded (OAuth's); a
 * request has one or neither. signal cancels it. outsideApi takes the path from the site's root, not the API's.
 * @typedef {{
 *   body?: unknown, form?: FormData | URLSearchParams | undefined, headers?: Record<string, string>,
 *   retryOnExpiry?: boolean, signal?: AbortSignal | null, outsideApi?: boolean
 * }} SendOptions
 */

const base = '/api/v1';
/** @type {string | null} */
let accessToken = null;
let refreshTimer = 0;
/** @type {Promise<boolean> | null} */
let refreshing = null;
/** @type {Set<(signedIn: boolean) => void>} */
const sessionListeners = new Set();
// Whether this browser holds a session cookie (which scripts cannot read): visitors then make no refresh call.
const sessionHint = 'coo.session';

export class ApiError extends Error {
  /**
   * @param {number} status 0 when the server could not be reached.
   * @param {Problem | null} [problem]
   * @param {number | null} [retryAfter] seconds, from the Retry-After header.
   */
  constructor(status, problem = null, retryAfter = null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /**
   * Field name (camelCase, as in the request) to its messages, for a validation problem.
   * @returns {Record<string, string[]>}
   */
  get fieldErrors() {
    return this.problem?.errors ?? {};
  }
}

/**
 * The ApiError a failed request threw, or one for "offline" when something else went wrong.
 * @param {unknown} error
 * @returns {ApiError}
 */
export function asApiError(error) {
  return error instanceof ApiError ? error : new ApiError(0);
}

/**
 * Sends a request; a failed one throws an ApiError with the server's problem details.
 * @param {string} method
 * @param {string} path
 * @param {SendOptions} [options]
 * @returns {Promise<Response>}
 */
async function request(method, path, { body, form, headers = {}, retryOnExpiry = true, signal = null, outsideApi = false } = {}) {
  /** @type {Record<string, string>} */
  const requestHeaders = { Accept: 'application/json', 'Accept-Language': language(), ...headers };
  /** @type {RequestInit} */
  const init = { method, headers: requestHeaders, signal };
  if (form !== undefined) {
    // The browser writes the Content-Type itself, with the boundary between the parts.
    init.body = form;
  } else if (body !== undefined) {
    requestHeaders['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (accessToken) requestHeaders['Authorization'] = `Bearer ${accessToken}`;

  let response;
  try {
    response = await fetch(outsideApi ? path : base + path, init);
  } catch {
    throw new ApiError(0);
  }
  if (response.status === 401 && accessToken && retryOnExpiry && (await refreshSession())) {
    return request(method, path, { body, form, headers, retryOnExpiry: false, signal, outsideApi });
  }
  if (!response.ok) {
    const isJson = (response.headers.get('Content-Type') ?? '').includes('json');
    /** @type {Problem | null} */
    const problem = isJson ? await response.json().catch(() => null) : null;
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return response;
}

/**
 * Sends a request and returns the JSON body, whose shape the endpoint's declared type states.
 * @template T
 * @param {string} method
 * @param {string} path
 * @param {SendOptions} [options]
 * @returns {Promise<T>}
 */
async function send(method, path, options) {
  return (await request(method, path, options)).json();
}

/**
 * Sends a request whose answer has no body (204).
 * @param {string} method
 * @param {string} path
 * @param {SendOptions} [options]
 * @returns {Promise<void>}
 */
async function sendOnly(method, path, options) {
  await request(method, path, options);
}

/**
 * A path with the paging query of a list.
 * @param {string} path
 * @param {number} limit
 * @param {string | null} cursor
 */
function paged(path, limit, cursor) {
  return `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
}

/** @param {string} username */
const user = username => `/users/${encodeURIComponent(username)}`;

/** The endpoints the client uses, each with the shape of its answer. */
export const api = {
  /** @returns {Promise<MyProfile>} */
  me: () => send('GET', '/users/me'),
  /** @returns {Promise<ProfileLimits>} */
  profileLimits: () => send('GET', '/users/me/limits'),
  /**
   * @param {{ displayName: string, bio: string }} changes
   * @returns {Promise<MyProfile>}
   */
  updateMe: changes => send('PATCH', '/users/me', { body: changes }),
  /**
   * @param {{ username: string, email: string, password: string, displayName: string | null }} registration
   * @returns {Promise<MyProfile>}
   */
  register: registration => send('POST', '/users', { body: registration }),
  /**
   * @param {string} username
   * @returns {Promise<UserProfile>}
   */
  profile: username => send('GET', user(username)),
  /**
   * @param {string} username
   * @param {'followers' | 'following'} relation
   * @param {string | null} cursor
   * @returns {Promise<Page<UserSummary>>}
   */
  people: (username, relation, cursor) => send('GET', paged(`${user(username)}/${relation}`, 30, cursor)),
  /**
   * @param {string} username
   * @returns {Promise<void>}
   */
  follow: username => sendOnly('PUT', `${user(username)}/follow`),
  /**
   * @param {string} username
   * @returns {Promise<void>}
   */
  unfollow: username => sendOnly('DELETE', `${user(username)}/follow`),
  /**
   * @param {string} username
   * @param {string | null} cursor
   * @returns {Promise<Page<Coo>>}
   */
  coosOf: (username, cursor) => send('GET', paged(`${user(username)}/coos`, 20, cursor)),
  /**
   * @param {string | null} cursor
   * @returns {Promise<Page<Coo>>}
   */
  homeTimeline: cursor => send('GET', paged('/users/me/timeline', 20, cursor)),
  /**
   * The coos with a hashtag, newest first.
   * @param {string} tag without '#', in any case
   * @param {string | null} cursor
   * @returns {Promise<Page<Coo>>}
   */
  tagCoos: (tag, cursor) => send('GET', paged(`/tags/${encodeURIComponent(tag)}/coos`, 20, cursor)),
  /**
   * The ten tags used by the most distinct people in the last 24 hours.
   * @returns {Promise<{ items: TrendingTag[] }>}
   */
  trendingTags: () => send('GET', '/tags/trending'),
  /**
   * Your notifications, newest first.
   * @param {string | null} cursor
   * @returns {Promise<Page<Notification>>}
   */
  notifications: cursor => send('GET', paged('/users/me/notifications', 20, cursor)),
  /** @returns {Promise<{ count: number }>} how many notifications you have not read (at most 1,000) */
  unreadNotifications: () => send('GET', '/users/me/notifications/unread-count'),
  /**
   * The application an OAuth client id belongs to, as its registration named it.
   * @param {string} clientId
   * @returns {Promise<OAuthClient>}
   */
  oauthClient: clientId => send('GET', `/oauth/clients/${encodeURIComponent(clientId)}`),
  /**
   * The user's answer to an application's authorization request (the parameters it sent to /oauth/authorize): where
   * to send the browser next, or, for an application without a web address, the code to show.
   * @param {URLSearchParams} authorizationRequest
   * @param {boolean} allow
   * @returns {Promise<ConsentAnswer>}
   */
  answerAuthorization: (authorizationRequest, allow) => {
    const form = new URLSearchParams(authorizationRequest);
    form.set('decision', allow ? 'allow' : 'deny');
    return send('POST', '/oauth/authorize', { form, outsideApi: true });
  },
  /**
   * Marks your notifications read, up to the one with this latestId.
   * @param {string} upToId
   * @returns {Promise<void>}
   */
  markNotificationsRead: upToId => sendOnly('POST', '/users/me/notifications/read', { body: { upToId } }),
  /** @returns {Promise<CooLimits>} */
  cooLimits: () => send('GET', '/coos/limits'),
  /**
   * @param {string} text
   * @param {string} idempotencyKey one per coo sent: a retry after a lost answer returns the first coo.
   * @param {string | null} inReplyToId the coo this one answers, if any
   * @param {string[]} [mediaIds] your uploads (uploadMedia) to show on it, in order: at most four
   * @returns {Promise<Coo>}
   */
  postCoo: (text, idempotencyKey, inReplyToId, mediaIds = []) =>
    send('POST', '/coos', {
      body: { text, ...(inReplyToId ? { inReplyToId } : {}), ...(mediaIds.length > 0 ? { mediaIds } : {}) },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  /**
   * Uploads an image with its alt text, for a coo you post within a day (postCoo's mediaIds). The server finds the
   * format in the bytes (JPEG, PNG, WebP, GIF; at most 10 MB) and re-encodes the picture without its metadata.
   * @param {File} file
   * @param {string} description the alt text: required, at most 1,500 characters
   * @returns {Promise<CooMedia>}
   */
  uploadMedia: (file, description) => {
    const form = new FormData();
    form.append('file', file);
    form.append('description', description);
    return send('POST', '/media', { form });
  },
  /**
   * Makes an image your avatar: the server takes its middle square, in two sizes, re-encoded without its metadata.
   * @param {File} file JPEG, PNG, WebP or GIF, at most 10 MB
   * @returns {Promise<Avatar>}
   */
  setAvatar: file => {
    const form = new FormData();
    form.append('file', file);
    return send('PUT', '/media/avatar', { form });
  },
  /**
   * Takes your avatar away: your generated picture shows again.
   * @returns {Promise<Avatar>}
   */
  removeAvatar: () => send('DELETE', '/media/avatar'),
  /**
   * A coo's thread: the coos it answers from the root down, the coo, and the replies below it in conversation order.
   * @param {string} id
   * @param {string | null} cursor
   * @returns {Promise<Page<ThreadEntry>>}
   */
  thread: (id, cursor) => send('GET', paged(`/coos/${encodeURIComponent(id)}/thread`, 50, cursor)),
  /**
   * @param {string} id
   * @returns {Promise<void>}
   */
  deleteCoo: id => sendOnly('DELETE', `/coos/${encodeURIComponent(id)}`),
  /**
   * Pins one of your coos to your profile, replacing your pin.
   * @param {string} id
   * @returns {Promise<Coo>}
   */
  pinCoo: id => send('PUT', '/users/me/pinned-coo', { body: { cooId: id } }),
  /** @returns {Promise<void>} */
  unpinCoo: () => sendOnly('DELETE', '/users/me/pinned-coo'),
  /**
   * Likes or reposts a coo; idempotent.
   * @param {string} id
   * @param {ReactionKind} kind
   * @returns {Promise<Coo>} the coo as you now see it
   */
  react: (id, kind) => send('PUT', `/coos/${encodeURIComponent(id)}/${kind}`),
  /**
   * Takes back a like or a repost; idempotent.
   * @param {string} id
   * @param {ReactionKind} kind
   * @returns {Promise<Coo>} the coo as you now see it
   */
  undoReaction: (id, kind) => send('DELETE', `/coos/${encodeURIComponent(id)}/${kind}`),
  /**
   * Opens the viewer's live stream (server-sent events), resuming after the last event seen.
   * @param {string | null} lastEventId
   * @param {AbortSignal} signal closes it
   * @returns {Promise<Response>} whose body is the stream
   */
  openStream: (lastEventId, signal) => request('GET', '/users/me/stream', {
    headers: { Accept: 'text/event-stream', ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
    signal,
  }),
  /** @returns {Promise<void>} */
  openJobsDashboard: () => sendOnly('POST', '/admin/dashboard-session', { body: {} }),
};

export function isSignedIn() {
  return accessToken !== null;
}

/** @param {(signedIn: boolean) => void} listener */
export function onSessionChange(listener) {
  sessionListeners.add(listener);
}

/** @param {Tokens} tokens */
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

/**
 * @param {string} username
 * @param {string} password
 */
export async function signIn(username, password) {
  adopt(await send('POST', '/auth/token', { body: { username, password, useCookie: true }, retryOnExpiry: false }));
}

export async function signOut() {
  try {
    await sendOnly('POST', '/auth/logout', { body: {}, retryOnExpiry: false });
  } finally {
    forget();
  }
}

/**
 * Exchanges the refresh cookie for a new access token; true when signed in afterwards. Tabs share the cookie and take
 * turns through a Web Lock, which saves a rotation; tabs that still race (no Web Locks, a reload mid-request) present
 * the same token within the server's grace period and get the same new one.
 * @returns {Promise<boolean>}
 */
export function refreshSession() {
  if (!accessToken && !localStorage.getItem(sessionHint)) return Promise.resolve(false);
  refreshing ??= (navigator.locks ? navigator.locks.request('coo-session', renew) : renew()).finally(() => { refreshing = null; });
  return refreshing;
}

/** @returns {Promise<boolean>} */
async function renew() {
  try {
    adopt(await send('POST', '/auth/refresh', { body: {}, retryOnExpiry: false }));
    return true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 401)) {
      forget();
      return false;
    }
    throw error;
  }
}
