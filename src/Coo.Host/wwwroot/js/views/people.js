// @ts-check
import { api } from '../api.js';
import { avatarImage, h } from '../dom.js';
import { feed } from '../feed.js';
import { t } from '../i18n.js';

/**
 * /@username/followers and /@username/following: people, newest first, paged as you scroll.
 * @param {HTMLElement} main
 * @param {{ username: string, relation: 'followers' | 'following' }} context
 */
export function peopleView(main, { username, relation }) {
  const title = relation === 'followers' ? t('followersOf', { username }) : t('followedBy', { username });
  const list = feed({
    label: title,
    listClass: 'people',
    load: cursor => api.people(username, relation, cursor),
    render: person => h('li', { 'data-id': person.id },
      avatarImage(person, 40),
      h('a', { class: 'name', href: `/@${person.username}` }, person.displayName),
      h('span', { class: 'handle' }, `@${person.username}`)),
    emptyText: relation === 'followers' ? t('noFollowers') : t('noFollowing'),
  });
  main.append(
    h('p', {}, h('a', { href: `/@${username}` }, `← @${username}`)),
    h('h1', { tabindex: '-1' }, title),
    list.element);
  list.start();
  return () => list.stop();
}
