// @ts-check
import { api } from '../api.js';
import { avatarImage, h } from '../dom.js';
import { feed, threadPath } from '../feed.js';
import { t } from '../i18n.js';
import { timeElement } from '../time.js';

/** @typedef {import('../api.js').Notification} Notification */

/** @type {Record<import('../api.js').NotificationKind, import('../i18n/en.js').TextKey>} */
const sentences = {
  follow: 'notifiedFollow',
  like: 'notifiedLike',
  repost: 'notifiedRepost',
  reply: 'notifiedReply',
  mention: 'notifiedMention',
};

/**
 * /notifications: who followed you, liked, reposted or answered your coos, or mentioned you, newest first; opening it
 * marks everything shown read.
 * @param {HTMLElement} main
 * @param {{ onRead: () => void }} context
 * @returns {() => void} stops paging
 */
export function notificationsView(main, { onRead }) {
  /** @type {import('../feed.js').Feed<Notification>} */
  const list = feed({
    label: t('notifications'),
    listClass: 'feed notifications',
    load: async cursor => {
      const page = await api.notifications(cursor);
      const newest = page.items[0];
      if (cursor === null && newest?.unread) api.markNotificationsRead(newest.latestId).then(onRead, () => {});
      return page;
    },
    render: notificationItem,
    emptyText: t('noNotifications'),
  });
  main.append(h('h1', { tabindex: '-1' }, t('notifications')), list.element);
  list.start();
  return () => list.stop();
}

/** @param {Notification} notification */
function notificationItem(notification) {
  const [newest] = notification.actors;
  const name = newest?.displayName ?? '';
  const who = notification.actorsCount > 1 ? t('andOthers', { name, count: notification.actorsCount - 1 }) : name;
  const { coo } = notification;
  return h('li', { class: notification.unread ? 'notification unread' : 'notification', 'data-id': notification.id },
    h('article', {},
      h('p', { class: 'notification-head' },
        h('span', {}, t(sentences[notification.kind], { who, count: notification.actorsCount })),
        h('span', { 'aria-hidden': 'true' }, ' · '),
        timeElement(notification.latestAt, h)),
      h('ul', { class: 'notification-actors' },
        notification.actors.map(actor => h('li', {}, h('a', { href: `/@${actor.username}` }, avatarImage(actor, 32), actor.displayName)))),
      coo ? h('p', { class: 'notification-coo muted' }, h('a', { href: threadPath(coo) }, coo.text)) : null));
}
