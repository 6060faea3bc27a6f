// @ts-check
import { api } from '../api.js';
import { h } from '../dom.js';
import { cooItem, deleteCoo, feed } from '../feed.js';
import { t } from '../i18n.js';

/** @typedef {import('../api.js').Coo} Coo */

/**
 * /tags/{tag}: the coos with a hashtag, newest first, paged as you scroll.
 * @param {HTMLElement} main
 * @param {{ viewer: import('../api.js').MyProfile | null, tag: string }} context
 * @returns {() => void} stops paging
 */
export function tagView(main, { viewer, tag }) {
  /** @type {import('../feed.js').Feed<Coo>} */
  const coos = feed({
    label: t('coosWithTag', { tag }),
    load: cursor => api.tagCoos(tag, cursor),
    render: coo => cooItem(coo, { viewer, onDelete: target => deleteCoo(target, coos) }),
    emptyText: t('noCoosWithTag'),
  });
  main.append(h('h1', { tabindex: '-1' }, `#${tag}`), coos.element);
  coos.start();
  return () => coos.stop();
}
