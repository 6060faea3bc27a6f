// @ts-check
import { language, t } from './i18n.js';

// Relative times ("3 m") that refresh every minute; the exact local date and time is in the title (hover).
/** @type {ReadonlyArray<readonly [unit: 'year' | 'day' | 'hour' | 'minute', seconds: number]>} */
const units = [['year', 31536000], ['day', 86400], ['hour', 3600], ['minute', 60]];

/**
 * @param {Date} date
 * @param {number} [now] milliseconds since the epoch
 */
export function relativeTime(date, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  const lang = language();
  if (seconds < 10) return t('justNow');
  if (seconds < 60) return new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(seconds);
  if (seconds >= 7 * 86400) {
    const sameYear = date.getFullYear() === new Date(now).getFullYear();
    return new Intl.DateTimeFormat(lang, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(date);
  }
  // Under a week and at least a minute: the largest unit that fits (minutes always do).
  const [unit, size] = units.find(([, unitSeconds]) => seconds >= unitSeconds) ?? ['minute', 60];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'narrow' }).format(Math.floor(seconds / size));
}

/** @param {Date} date */
export function exactTime(date) {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/**
 * @param {string} iso an ISO 8601 time from the API
 * @param {typeof import('./dom.js').h} h
 */
export function timeElement(iso, h) {
  const date = new Date(iso);
  return h('time', { datetime: iso, title: exactTime(date), 'data-relative': '' }, relativeTime(date));
}

/** @param {ParentNode} [root] */
export function refreshRelativeTimes(root = document) {
  for (const element of root.querySelectorAll('time[data-relative]')) {
    if (element instanceof HTMLTimeElement) element.textContent = relativeTime(new Date(element.dateTime));
  }
}

setInterval(() => refreshRelativeTimes(), 30000);
