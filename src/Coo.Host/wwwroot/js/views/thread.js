// @ts-check
import { api } from '../api.js';
import { find, h } from '../dom.js';
import { cooItem, deleteCoo, feed } from '../feed.js';
import { t } from '../i18n.js';

/** @typedef {import('../api.js').ThreadEntry} ThreadEntry */
/** @typedef {import('../feed.js').Feed<ThreadEntry>} ThreadFeed */

/**
 * /@username/coo/{id}: a coo in its conversation. The coos it answers come first from the root down, then the coo
 * itself (marked as the current one), then the replies below it, each indented by its depth; a deleted coo that
 * replies hang from shows as such. Long threads load more as you scroll (or by the button). Replying or deleting
 * here reads the thread again, so everything stays in conversation order.
 * @param {HTMLElement} main
 * @param {{ viewer: import('../api.js').MyProfile | null, navigate: import('../app.js').Navigate, id: string }} context
 * @returns {() => void} stops paging
 */
export function threadView(main, { viewer, navigate, id }) {
  /** @type {ThreadFeed} */
  let entries = threadFeed();
  main.append(h('h1', { tabindex: '-1' }, t('thread')), entries.element);
  entries.start();

  function threadFeed() {
    // Indentation counts from the first entry, the root (or the coo itself when it answers none).
    /** @type {number | null} */
    let top = null;
    /** @type {ThreadFeed} */
    const list = feed({
      label: t('conversation'),
      load: cursor => api.thread(id, cursor),
      render: entry => {
        top ??= entry.depth;
        const item = entry.coo
          ? cooItem(entry.coo, {
            viewer,
            onDelete: target => deleteCoo(target, list).then(() => {
              if (!list.has(target.id)) afterDelete(target);
            }),
            onReplied: reply => reload(reply.id),
          })
          : h('li', { class: 'coo deleted', 'data-id': entry.id }, h('p', { class: 'muted' }, t('cooWasDeleted')));
        item.style.setProperty('--indent', String(Math.min(entry.depth - top, 8)));
        if (entry.depth === 0) {
          item.classList.add('current');
          item.setAttribute('aria-current', 'true');
        }
        return item;
      },
      emptyText: '',
      listClass: 'feed thread',
      moreText: t('loadMoreReplies'),
    });
    return list;
  }

  /**
   * Reads the thread again from the start and puts the focus on the coo that changed, if it is on the first page.
   * @param {string} [focusId]
   */
  async function reload(focusId) {
    const fresh = threadFeed();
    entries.stop();
    entries.element.replaceWith(fresh.element);
    entries = fresh;
    await fresh.start();
    if (focusId) find(fresh.element, `li[data-id="${CSS.escape(focusId)}"] .permalink`, HTMLElement)?.focus();
  }

  /** @param {import('../api.js').Coo} deleted */
  function afterDelete(deleted) {
    // The coo of this page is gone with its thread; any other may leave a placeholder where it was.
    if (deleted.id === id) navigate(`/@${deleted.author.username}`, { replace: true });
    else reload();
  }

  return () => entries.stop();
}
