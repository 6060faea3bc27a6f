// @ts-check
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { composeForm, loadCooLimits } from '../compose.js';
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
  // The heading shows at once; the rest of the page needs the coo limits first.
  main.append(h('h1', { tabindex: '-1' }, t('home')));
  let limits;
  try {
    limits = await loadCooLimits();
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
    composeForm(limits, coo => {
      timeline.insert([coo]);
      pending = pending.filter(item => item.id !== coo.id);
      updateNotice();
    }, { formLabel: t('composeForm'), label: t('composeLabel'), submitText: t('post'), postedText: t('cooPosted'), className: 'card compose', withImages: true }),
    trending,
    notice,
    timeline.element);
  timeline.start();

  /**
   * Anything placed below the last coo shown arrives by scrolling; anything placed above it and not shown there is new
   * (a coo shown lower down that a newer repost brings back too).
   * @param {Coo} coo
   */
  function isUnseen(coo) {
    const oldest = timeline.oldestPlace();
    return !timeline.shows(coo) && (oldest === null || BigInt(coo.repostId ?? coo.id) > BigInt(oldest));
  }

  async function poll() {
    if (document.hidden || !timeline.hasFirstPage()) return;
    try {
      const page = await api.homeTimeline(null);
      const unseen = page.items.filter(isUnseen);
      const known = new Set(pending.map(item => item.id));
      if (unseen.every(item => known.has(item.id)) && unseen.length === pending.length) return;
      pending = unseen;
      updateNotice();
      announce(notice.textContent ?? '');
    } catch {
      // The next poll tries again; reading the timeline itself shows errors.
    }
  }

  /** @param {Event} event */
  function onUpdate(event) {
    const coo = /** @type {CustomEvent<Coo>} */ (event).detail;
    if (!timeline.hasFirstPage() || !isUnseen(coo) || pending.some(item => item.id === coo.id && (item.repostId ?? item.id) === (coo.repostId ?? coo.id))) return;
    pending = [coo, ...pending.filter(item => item.id !== coo.id)];
    updateNotice();
    announce(notice.textContent ?? '');
  }

  /** @param {Event} event */
  function onDelete(event) {
    const { id } = /** @type {CustomEvent<{ id: string }>} */ (event).detail;
    timeline.remove(id);
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

  const timer = setInterval(() => { if (!live.connected) poll(); }, fallbackPollInterval);
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
