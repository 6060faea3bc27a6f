// @ts-check
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { composeForm, loadCooLimits } from '../compose.js';
import { cooItem, deleteCoo, feed, tagPath } from '../feed.js';
import { describeError } from '../forms.js';
import { t } from '../i18n.js';

/** @typedef {import('../api.js').Coo} Coo */
/** @typedef {import('../api.js').TrendingTag} TrendingTag */

const pollInterval = 5000;

/**
 * Compose box, trending tags and home timeline, with a notice when others' coos arrive.
 * @param {HTMLElement} main
 * @param {{ viewer: import('../api.js').MyProfile | null }} context
 * @returns {Promise<() => void>} stops polling and paging
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

  async function poll() {
    if (document.hidden || !timeline.hasFirstPage()) return;
    try {
      const page = await api.homeTimeline(null);
      // Anything older than the oldest coo shown arrives by scrolling; anything newer and not shown is new.
      const oldest = timeline.oldestId();
      const unseen = page.items.filter(item => !timeline.has(item.id) && (oldest === null || BigInt(item.id) > BigInt(oldest)));
      const known = new Set(pending.map(item => item.id));
      if (unseen.every(item => known.has(item.id)) && unseen.length === pending.length) return;
      pending = unseen;
      updateNotice();
      announce(notice.textContent ?? '');
    } catch {
      // The next poll tries again; reading the timeline itself shows errors.
    }
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

  const timer = setInterval(poll, pollInterval);
  const onVisible = () => { if (!document.hidden) poll(); };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
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
