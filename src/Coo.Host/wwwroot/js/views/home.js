// @ts-check
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { composeForm, loadComposer } from '../compose.js';
import { cooItem, deleteCoo, feed, tagPath } from '../feed.js';
import { describeError } from '../forms.js';
import { t } from '../i18n.js';
import { live } from '../live.js';

/** @typedef {import('../api.js').Coo} Coo */
/** @typedef {import('../api.js').TrendingTag} TrendingTag */

// Only while the live stream is down: it brings new coos at once otherwise.
const fallbackPollInterval = 30_000;

/**
 * Compose box, trending tags and home timeline, with a notice when others' coos arrive (from the live stream, or
 * asked for now and then while it is down).
 * @param {HTMLElement} main
 * @param {{ viewer: import('../api.js').MyProfile | null }} context
 * @returns {Promise<() => void>} stops listening, polling and paging
 */
export async function homeView(main, { viewer }) {
  // Asked for at once, so the trends load alongside the timeline and never hold it up.
  const trending = trendingSection(api.trendingTags());
  // The heading shows at once; the rest of the page needs the compose box's limits and code first.
  main.append(h('h1', { tabindex: '-1' }, t('home')));
  let composer;
  try {
    composer = await loadComposer();
  } catch (error) {
    main.append(h('p', { class: 'form-error', role: 'alert' }, describeError(error)));
    return () => {};
  }

  /** @type {import('../feed.js').Feed<Coo>} */
  const timeline = feed({
    label: t('homeTimeline'),
    load: cursor => api.homeTimeline(cursor),
    render: coo => cooItem(coo, { viewer, onDelete: target => deleteCoo(target, timeline), onReplied: reply => timeline.insert([reply]) }),
    emptyText: t('homeEmpty'),
  });
  const notice = h('button', { type: 'button', class: 'notice secondary', hidden: true, onClick: () => showPending() });
  /** @type {Coo[]} */
  let pending = [];

  main.append(
    composeForm(composer, coo => {
      timeline.insert([coo]);
      pending = pending.filter(item => item.id !== coo.id);
      updateNotice();
    }, { formLabel: t('composeForm'), label: t('composeLabel'), submitText: t('post'), postedText: t('cooPosted'), className: 'card compose', withImages: true }),
    trending,
    notice,
    timeline.element);

  // What the stream brings while the first page or a poll is on its way is held and applied over its answer: the
  // server may have read that before those changes. A resync meanwhile asks again once the answer is here.
  /** @type {{ added: Coo[], removed: Set<string> } | null} */
  let held = { added: [], removed: new Set() };
  let pollAgain = false;
  timeline.start().then(() => {
    const changes = held;
    held = null;
    if (changes) {
      // The page may have been read before a coo on it was deleted.
      changes.removed.forEach(id => timeline.remove(id));
      applyOver(pending, changes);
    }
    askAgainIfWanted();
  });

  /**
   * Anything placed below the last coo shown arrives by scrolling; anything placed above it and not shown there is new
   * (a coo shown lower down that a newer repost brings back too).
   * @param {Coo} coo
   */
  function isUnseen(coo) {
    const oldest = timeline.oldestPlace();
    return !timeline.shows(coo) && (oldest === null || BigInt(coo.repostId ?? coo.id) > BigInt(oldest));
  }

  /**
   * The new coos to offer: those read, then the changes the stream brought meanwhile; announced when they changed.
   * @param {Coo[]} unseen
   * @param {{ added: Coo[], removed: Set<string> }} changes
   */
  function applyOver(unseen, changes) {
    const before = pending.map(entryOf).join();
    pending = unseen.filter(item => !changes.removed.has(item.id));
    for (const coo of changes.added) {
      if (isUnseen(coo) && !pending.some(item => entryOf(item) === entryOf(coo))) pending = [coo, ...pending.filter(item => item.id !== coo.id)];
    }
    if (pending.map(entryOf).join() === before) return;
    updateNotice();
    announce(notice.textContent ?? '');
  }

  /** @param {Coo} coo a coo, or a repost of it, as one entry of the timeline */
  const entryOf = coo => `${coo.id}/${coo.repostId ?? coo.id}`;

  async function poll() {
    if (held) {
      pollAgain = true;
      return;
    }
    const changes = held = { added: [], removed: new Set() };
    try {
      const page = await api.homeTimeline(null);
      applyOver(page.items.filter(isUnseen), changes);
    } catch {
      // The next poll tries again; reading the timeline itself shows errors.
    } finally {
      held = null;
    }
    askAgainIfWanted();
  }

  function askAgainIfWanted() {
    if (!pollAgain) return;
    pollAgain = false;
    poll();
  }

  /** @param {Event} event */
  function onUpdate(event) {
    const coo = /** @type {CustomEvent<Coo>} */ (event).detail;
    if (held) held.added.push(coo);
    else applyOver(pending, { added: [coo], removed: new Set() });
  }

  /** @param {Event} event */
  function onDelete(event) {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    timeline.remove(id);
    held?.removed.add(id);
    pending = pending.filter(item => item.id !== id);
    updateNotice();
  }

  function updateNotice() {
    notice.hidden = pending.length === 0;
    notice.textContent = t('newCoos', { count: pending.length });
  }

  function showPending() {
    timeline.insert(pending);
    pending = [];
    updateNotice();
    main.querySelector('.feed li')?.querySelector('a')?.focus();
  }

  // Asked for only while the stream is down and the page is shown; a resync asks at once.
  const timer = setInterval(() => { if (!live.connected && !document.hidden) poll(); }, fallbackPollInterval);
  const onVisible = () => { if (!document.hidden && !live.connected) poll(); };
  document.addEventListener('visibilitychange', onVisible);
  live.addEventListener('update', onUpdate);
  live.addEventListener('delete', onDelete);
  live.addEventListener('resync', poll);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    live.removeEventListener('update', onUpdate);
    live.removeEventListener('delete', onDelete);
    live.removeEventListener('resync', poll);
    timeline.stop();
  };
}

/**
 * The tags most people used lately, most first, as links to their pages. Hidden until they arrive, and when none
 * trend or they fail to load: trends are an extra, and the rest of the page works without them.
 * @param {Promise<{ items: TrendingTag[] }>} request
 */
function trendingSection(request) {
  const list = h('ol', { class: 'trending-tags' });
  const section = h('section', { class: 'card trending', 'aria-labelledby': 'trending-heading', hidden: true },
    h('h2', { id: 'trending-heading' }, t('trending')), list);
  request.then(({ items }) => {
    list.replaceChildren(...items.map(({ tag, people }) => h('li', {},
      h('a', { href: tagPath(tag) }, `#${tag}`), ' ', h('span', { class: 'muted' }, t('tagPeople', { count: people })))));
    section.hidden = items.length === 0;
  }, () => {});
  return section;
}
