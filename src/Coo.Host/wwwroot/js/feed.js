import { api, ApiError } from './api.js';
import { announce, confirmDialog, h } from './dom.js';
import { describeError } from './forms.js';
import { t } from './i18n.js';
import { timeElement } from './time.js';

/** One coo: author, relative time (exact local time on hover), text, and a delete button on your own. */
export function cooItem(coo, { viewer, onDelete }) {
  const own = viewer && viewer.id === coo.author.id;
  return h('li', { class: 'coo', 'data-id': coo.id },
    h('article', { 'aria-label': t('cooBy', { name: coo.author.displayName }) },
      h('div', { class: 'coo-head' },
        h('a', { class: 'name', href: `/@${coo.author.username}` }, coo.author.displayName),
        h('span', { class: 'handle' }, `@${coo.author.username}`),
        h('span', { 'aria-hidden': 'true' }, '·'),
        timeElement(coo.createdAt, h)),
      h('p', { class: 'coo-text' }, coo.text),
      own ? h('div', { class: 'coo-actions' },
        h('button', { type: 'button', onClick: () => onDelete(coo) }, t('delete'))) : null));
}

/**
 * A list that pages with the API's cursor: the next page loads when its end scrolls into view (or its button is
 * pressed, for keyboards). Items are keyed by id, so a coo arriving twice (a new-coos merge, a page) shows once.
 */
export function feed({ label, load, render, emptyText, listClass = 'feed' }) {
  const list = h('ol', { class: listClass, 'aria-label': label, 'aria-busy': 'true' });
  const status = h('p', { class: 'muted', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true, onClick: () => loadNext() }, t('loadMore'));
  const element = h('section', {}, list, status, more);
  const ids = new Set();
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
      status.textContent = describeError(error instanceof ApiError ? error : new ApiError(0));
      more.hidden = false;
    } finally {
      loading = false;
      list.setAttribute('aria-busy', 'false');
    }
    // A short first page may leave the end in view: keep loading while it is.
    if (!failed && !done && more.getBoundingClientRect().top < innerHeight + 400) queueMicrotask(loadNext);
  }

  function append(items) {
    for (const item of items) {
      if (ids.has(item.id)) continue;
      ids.add(item.id);
      list.append(render(item));
    }
  }

  return {
    element,
    start() {
      observer.observe(more);
      return loadNext();
    },
    /** Adds items in id order (ids are time-ordered, newest first), skipping any already shown. */
    insert(items) {
      const fresh = items.filter(item => !ids.has(item.id));
      for (const item of fresh) {
        ids.add(item.id);
        const next = [...list.children].find(child => BigInt(child.dataset.id) < BigInt(item.id));
        list.insertBefore(render(item), next ?? null);
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
    oldestId() {
      return list.lastElementChild?.dataset.id ?? null;
    },
    remove(id) {
      ids.delete(id);
      list.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
      if (ids.size === 0 && done) status.textContent = emptyText;
    },
    stop() {
      observer.disconnect();
    },
  };
}

/** Confirms, deletes, and takes the coo out of the list; says what went wrong otherwise. */
export async function deleteCoo(coo, list) {
  const confirmed = await confirmDialog({ title: t('deleteTitle'), text: t('deleteText'), confirm: t('delete'), cancel: t('cancel') });
  if (!confirmed) return;
  try {
    await api.delete(`/coos/${coo.id}`);
    list.remove(coo.id);
    announce(t('cooDeleted'));
  } catch (error) {
    if (error.status === 404) {
      list.remove(coo.id);
      return;
    }
    announce(describeError(error));
    alertError(describeError(error));
  }
}

export function alertError(message) {
  const main = document.getElementById('main');
  main.querySelector('.page-error')?.remove();
  main.prepend(h('p', { class: 'form-error page-error', role: 'alert' }, message));
}
