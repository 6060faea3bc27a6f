// @ts-check
import { api, ApiError } from './api.js';
import { openReplyDialog } from './compose.js';
import { announce, avatarImage, byId, confirmDialog, h } from './dom.js';
import { describeError } from './forms.js';
import { formatCount, t } from './i18n.js';
import { timeElement } from './time.js';

/** @typedef {import('./api.js').Coo} Coo */
/** @typedef {import('./api.js').CooMedia} CooMedia */
/** @typedef {import('./api.js').MyProfile} Viewer */
/** @typedef {import('./i18n.js').TextKey} TextKey */

/**
 * One way to react to a coo: its button's name, the words for its count, and the coo's fields for both.
 * @typedef {{
 *   kind: import('./api.js').ReactionKind, label: TextKey, countText: TextKey,
 *   count: 'likesCount' | 'repostsCount', yours: 'likedByYou' | 'repostedByYou',
 * }} Reaction
 */

/** @typedef {{ kind: 'reply', countText: TextKey }} Counted What a count shows: its class and its words. */

/** @typedef {{ pressed: boolean, count: number }} ReactionState Whether you reacted, and how many did. */

/**
 * What a list needs of its items: ids that are time-ordered snowflakes, as strings; an item there by a repost has its
 * place at the repost's id.
 * @typedef {{ id: string, repostId?: string | null }} Identified
 */

/** @param {Identified} item */
const placeOf = item => item.repostId ?? item.id;

/**
 * @template {Identified} T
 * @typedef {{
 *   element: HTMLElement,
 *   start(): Promise<void>,
 *   insert(items: T[]): number,
 *   hasFirstPage(): boolean,
 *   has(id: string): boolean,
 *   shows(item: T): boolean,
 *   oldestPlace(): string | null,
 *   remove(id: string): void,
 *   stop(): void,
 * }} Feed
 */

/** @type {readonly Reaction[]} */
const reactions = [
  { kind: 'like', label: 'like', countText: 'likes', count: 'likesCount', yours: 'likedByYou' },
  { kind: 'repost', label: 'repost', countText: 'reposts', count: 'repostsCount', yours: 'repostedByYou' },
];
/** @type {Counted} */
const replies = { kind: 'reply', countText: 'replies' };
// Ties each reaction button to the words for its count (aria-describedby): ids must be unique on the page.
let reactionCountIds = 0;
// How a reaction button takes a state that another copy of its coo had confirmed (a pinned coo shows twice).
/** @type {WeakMap<Element, (state: ReactionState) => void>} */
const reactionToggles = new WeakMap();
// How a reply button shows a new count after a reply through another copy of its coo.
/** @type {WeakMap<Element, (count: number) => void>} */
const replyCounts = new WeakMap();

/**
 * One coo: author (with avatar), relative time (exact local time on hover) linking to its thread, whom it replies to, text, its
 * images (each its preview, with its alt text, opening the full size), its replies (a button that opens a reply when
 * signed in), likes and reposts (toggles when signed in), and a delete button on your own. Where pinning is offered
 * (your own profile), your coos get "Pin to profile", and the pinned coo is marked and gets "Unpin". onReplied is told
 * of a reply posted from this coo.
 * @param {Coo} coo
 * @param {{
 *   viewer: Viewer | null,
 *   onDelete: (coo: Coo) => unknown,
 *   pin?: { pinned: boolean, onToggle: (coo: Coo) => unknown } | undefined,
 *   onReplied?: (reply: Coo) => unknown,
 * }} options
 */
export function cooItem(coo, { viewer, onDelete, pin, onReplied = () => {} }) {
  const own = viewer !== null && viewer.id === coo.author.id;
  return h('li', { class: pin?.pinned ? 'coo pinned' : 'coo', 'data-id': coo.id },
    h('article', { 'aria-label': t('cooBy', { name: coo.author.displayName }) },
      pin?.pinned ? h('p', { class: 'pinned-mark muted' }, t('pinned')) : null,
      coo.repostedBy ? h('p', { class: 'reposted-mark muted' },
        h('a', { href: `/@${coo.repostedBy.username}` }, t('repostedBy', { name: coo.repostedBy.displayName }))) : null,
      // The name beside it is the same link, for keyboards and screen readers.
      h('a', { class: 'avatar-link', href: `/@${coo.author.username}`, tabindex: '-1', 'aria-hidden': 'true' }, avatarImage(coo.author, 48)),
      h('div', { class: 'coo-head' },
        h('a', { class: 'name', href: `/@${coo.author.username}` }, coo.author.displayName),
        h('span', { class: 'handle' }, `@${coo.author.username}`),
        h('span', { 'aria-hidden': 'true' }, '·'),
        // The time is the coo's own address, as people know it from other services; its name says where it leads.
        h('a', { class: 'permalink', href: threadPath(coo) }, timeElement(coo.createdAt, h), h('span', { class: 'visually-hidden' }, ` · ${t('showThread')}`))),
      coo.inReplyTo ? h('p', { class: 'reply-context muted' },
        h('a', { href: threadPath(coo) }, t('replyingTo', { username: coo.inReplyTo.author.username }))) : null,
      h('p', { class: 'coo-text' }, linkedText(coo)),
      coo.media.length > 0 ? h('div', { class: 'coo-media' }, coo.media.map(mediaItem)) : null,
      h('div', { class: 'coo-foot' },
        h('div', { class: 'reactions' },
          viewer ? replyButton(coo, onReplied) : countOnly(replies, coo.repliesCount),
          reactions.map(reaction => (viewer ? reactionToggle(coo, reaction) : countOnly(reaction, coo[reaction.count])))),
        own ? h('div', { class: 'coo-actions' },
          pin ? h('button', { type: 'button', class: 'secondary', onClick: () => pin.onToggle(coo) }, t(pin.pinned ? 'unpin' : 'pinToProfile')) : null,
          h('button', { type: 'button', onClick: () => onDelete(coo) }, t('delete'))) : null)));
}

/**
 * One image of a coo: its preview, sized before it loads (no jump of the text below), described by its alt text (also
 * its hover title), linking to the full size, which a click or Enter opens in the image viewer; a click that asks for
 * a new tab or window still gets the link.
 * @param {CooMedia} media
 */
function mediaItem(media) {
  const link = h('a', {
    href: media.url, 'aria-haspopup': 'dialog',
    onClick: event => {
      if (event instanceof MouseEvent && (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) return;
      event.preventDefault();
      openImageViewer(media, link);
    },
  },
  h('img', {
    src: media.previewUrl, alt: media.description, title: media.description,
    width: media.previewWidth, height: media.previewHeight, loading: 'lazy', decoding: 'async',
  }));
  return link;
}

/**
 * The image at full size in a modal dialog, with its alt text below it. Escape, the close button or a click beside the
 * image closes it, and focus goes back to opener.
 * @param {CooMedia} media
 * @param {HTMLElement} opener
 */
function openImageViewer(media, opener) {
  const close = h('button', { type: 'button', class: 'secondary' }, t('close'));
  const dialog = h('dialog', { class: 'image-viewer', 'aria-label': t('imageViewer') },
    h('figure', {},
      h('img', { src: media.url, alt: media.description, width: media.width, height: media.height }),
      // Seen by everyone; a screen reader has it already as the image's alt text.
      h('figcaption', { 'aria-hidden': 'true' }, media.description)),
    h('div', { class: 'actions' }, close));
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', event => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener.focus();
  }, { once: true });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}

/**
 * The page of a hashtag's coos.
 * @param {string} tag
 */
export const tagPath = tag => `/tags/${encodeURIComponent(tag)}`;

/**
 * The page of a coo's thread, where it stands among the coos it answers and its replies.
 * @param {Coo} coo
 */
export const threadPath = coo => `/@${coo.author.username}/coo/${coo.id}`;

/**
 * A coo's text as text nodes, with its mentions linked to profiles, its hashtags to their pages and its URLs to where
 * they point; the server found them, so the client never parses the text.
 * @param {Coo} coo
 * @returns {(Node | string)[]}
 */
function linkedText({ text, entities }) {
  const links = [
    ...entities.mentions.map(mention => ({ ...mention, href: `/@${mention.username}`, external: false })),
    ...entities.hashtags.map(hashtag => ({ ...hashtag, href: tagPath(hashtag.tag), external: false })),
    // Only web links: anything else (javascript:) stays text, whatever the server sent.
    ...entities.urls.filter(link => /^https?:\/\//i.test(link.url)).map(link => ({ ...link, href: link.url, external: true })),
  ].sort((a, b) => a.start - b.start);
  /** @type {(Node | string)[]} */
  const parts = [];
  let position = 0;
  for (const { start, end, href, external } of links) {
    parts.push(text.slice(position, start),
      h('a', { href, rel: external ? 'noopener noreferrer nofollow ugc' : null }, text.slice(start, end)));
    position = end;
  }
  parts.push(text.slice(position));
  return parts;
}

/**
 * A count for visitors, who cannot react or reply: the number to see, and words for screen readers.
 * @param {Reaction | Counted} counted
 * @param {number} count
 */
function countOnly(counted, count) {
  return h('span', { class: `reaction ${counted.kind}` }, countParts(counted, count, { class: 'visually-hidden' }));
}

/**
 * A button named "Reply", described by the replies count, that opens a reply to the coo; a reply posted raises the
 * count on every copy of the coo on the page at once (the server counts it a moment later).
 * @param {Coo} coo
 * @param {(reply: Coo) => unknown} onReplied
 */
function replyButton(coo, onReplied) {
  const countId = `reaction-count-${++reactionCountIds}`;
  const button = h('button', { type: 'button', class: 'reaction reply', 'aria-describedby': countId, 'aria-haspopup': 'dialog' });
  button.addEventListener('click', () => openReplyDialog(coo, button, reply => {
    coo.repliesCount++;
    for (const copy of document.querySelectorAll(`.coo[data-id="${CSS.escape(coo.id)}"] .reaction.reply`)) replyCounts.get(copy)?.(coo.repliesCount);
    onReplied(reply);
  }).catch(error => alertError(describeError(error))));
  /** @param {number} count */
  const show = count => button.replaceChildren(h('span', { class: 'visually-hidden' }, t('reply')), ...countParts(replies, count, { id: countId, hidden: true }));
  replyCounts.set(button, show);
  show(coo.repliesCount);
  return button;
}

/**
 * A count as a number to see, and in words (e.g. "3 likes") for screen readers.
 * @param {Reaction | Counted} reaction
 * @param {number} count
 * @param {import('./dom.js').Props} wordsProps
 */
function countParts(reaction, count, wordsProps) {
  return [h('span', { 'aria-hidden': 'true' }, formatCount(count)), h('span', wordsProps, t(reaction.countText, { count }))];
}

/**
 * A reaction as a toggle button named after it, pressed when you reacted, described by its count. A click shows its
 * outcome at once; then one request at a time carries your latest wish, so quick clicks never race each other. The
 * server's answer sets the count; a failure goes back to what the server last confirmed and says why.
 * @param {Coo} coo
 * @param {Reaction} reaction
 */
function reactionToggle(coo, reaction) {
  const { kind, count, yours } = reaction;
  /** @type {ReactionState} */
  let confirmed = { pressed: coo[yours], count: coo[count] };
  let wanted = confirmed.pressed;
  let sending = false;
  const countId = `reaction-count-${++reactionCountIds}`;
  const button = h('button', {
    type: 'button', class: `reaction ${kind}`, 'aria-describedby': countId,
    onClick: () => {
      wanted = !wanted;
      show();
      send();
    },
  });

  function show() {
    const shown = confirmed.count + (wanted === confirmed.pressed ? 0 : wanted ? 1 : -1);
    button.setAttribute('aria-pressed', String(wanted));
    // Named by its hidden label alone, so the name stays put while the count changes; the count describes it.
    button.replaceChildren(h('span', { class: 'visually-hidden' }, t(reaction.label)), ...countParts(reaction, shown, { id: countId, hidden: true }));
  }

  async function send() {
    if (sending) return;
    sending = true;
    try {
      let sent = confirmed.pressed;
      while (wanted !== sent) {
        sent = wanted;
        const seen = await (sent ? api.react : api.undoReaction)(coo.id, kind);
        confirmed = { pressed: seen[yours], count: seen[count] };
      }
      for (const copy of document.querySelectorAll(`.coo[data-id="${CSS.escape(coo.id)}"] .reaction.${kind}`)) {
        if (copy !== button) reactionToggles.get(copy)?.(confirmed);
      }
    } catch (error) {
      alertError(describeError(error));
    } finally {
      sending = false;
      wanted = confirmed.pressed;
      show();
    }
  }

  reactionToggles.set(button, state => {
    confirmed = state;
    if (!sending) wanted = state.pressed;
    show();
  });
  show();
  return button;
}

/**
 * A list that pages with the API's cursor: the next page loads when its end scrolls into view (or its button is
 * pressed, for keyboards). Items are keyed by id, so a coo arriving twice (a new-coos merge, a page) shows once.
 * @template {Identified} T
 * @param {{
 *   label: string,
 *   load: (cursor: string | null) => Promise<import('./api.js').Page<T>>,
 *   render: (item: T) => HTMLElement,
 *   emptyText: string,
 *   listClass?: string,
 *   moreText?: string,
 * }} options
 * @returns {Feed<T>}
 */
export function feed({ label, load, render, emptyText, listClass = 'feed', moreText = t('loadMore') }) {
  const list = h('ol', { class: listClass, 'aria-label': label, 'aria-busy': 'true' });
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true, onClick: () => loadNext() }, moreText);
  const element = h('section', {}, list, status, more);
  /** @type {Set<string>} */
  const ids = new Set();
  /** @type {string | null} */
  let cursor = null;
  let loading = false;
  let done = false;
  let pagesLoaded = 0;

  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) loadNext();
  }, { rootMargin: '400px 0px' });

  async function loadNext() {
    if (loading || done) return;
    loading = true;
    let failed = false;
    list.setAttribute('aria-busy', 'true');
    status.textContent = t('loading');
    try {
      const page = await load(cursor);
      append(page.items);
      cursor = page.nextCursor;
      pagesLoaded++;
      done = cursor === null;
      status.textContent = done && ids.size === 0 ? emptyText : '';
      more.hidden = done;
    } catch (error) {
      failed = true;
      status.textContent = describeError(error);
      more.hidden = false;
    } finally {
      loading = false;
      list.setAttribute('aria-busy', 'false');
    }
    // A short first page may leave the end in view: keep loading while it is.
    if (!failed && !done && more.getBoundingClientRect().top < innerHeight + 400) queueMicrotask(loadNext);
  }

  /** @param {T[]} items */
  function append(items) {
    for (const item of items) {
      if (ids.has(item.id)) continue;
      ids.add(item.id);
      list.append(placed(item));
    }
  }

  /** @param {T} item */
  function placed(item) {
    const rendered = render(item);
    rendered.dataset['place'] = placeOf(item);
    return rendered;
  }

  /** @param {string} id */
  const shown = id => list.querySelector(`[data-id="${CSS.escape(id)}"]`);

  /**
   * Whether the item is shown at its place or a newer one.
   * @param {T} item
   */
  function shows(item) {
    const showing = shown(item.id);
    return showing !== null && BigInt(placeOfElement(showing)) >= BigInt(placeOf(item));
  }

  /** @param {Element} item */
  const placeOfElement = item => (item instanceof HTMLElement ? item.dataset['place'] ?? item.dataset['id'] ?? '0' : '0');

  return {
    element,
    start() {
      observer.observe(more);
      return loadNext();
    },
    /**
     * Adds items at their places (time-ordered, newest first), skipping any already shown; one shown already that a
     * newer repost brings back moves up to that repost's place, as the timeline has it.
     */
    insert(items) {
      const fresh = items.filter(item => !shows(item));
      for (const item of fresh) {
        ids.add(item.id);
        shown(item.id)?.remove();
        const next = [...list.children].find(child => BigInt(placeOfElement(child)) < BigInt(placeOf(item)));
        list.insertBefore(placed(item), next ?? null);
      }
      if (fresh.length > 0) status.textContent = '';
      return fresh.length;
    },
    hasFirstPage() {
      return pagesLoaded > 0;
    },
    has(id) {
      return ids.has(id);
    },
    shows,
    /** The place of the last item shown: older items come by scrolling. */
    oldestPlace() {
      return list.lastElementChild ? placeOfElement(list.lastElementChild) : null;
    },
    remove(id) {
      ids.delete(id);
      shown(id)?.remove();
      if (ids.size === 0 && done) status.textContent = emptyText;
    },
    stop() {
      observer.disconnect();
    },
  };
}

/**
 * Confirms, deletes, and takes the coo out of the list; says what went wrong otherwise.
 * @param {Coo} coo
 * @param {Pick<Feed<Identified>, 'remove'>} list
 */
export async function deleteCoo(coo, list) {
  const confirmed = await confirmDialog({ title: t('deleteTitle'), text: t('deleteText'), confirm: t('delete'), cancel: t('cancel') });
  if (!confirmed) return;
  try {
    await api.deleteCoo(coo.id);
    list.remove(coo.id);
    announce(t('cooDeleted'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      list.remove(coo.id);
      return;
    }
    announce(describeError(error));
    alertError(describeError(error));
  }
}

/** @param {string} message */
export function alertError(message) {
  const main = byId('main', HTMLElement);
  main.querySelector('.page-error')?.remove();
  main.prepend(h('p', { class: 'form-error page-error', role: 'alert' }, message));
}
