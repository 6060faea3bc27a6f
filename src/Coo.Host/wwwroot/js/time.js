import { language, t } from './i18n.js';

// Relative times ("3 m") that refresh every minute; the exact local date and time is in the title (hover).
const units = [['year', 31536000], ['day', 86400], ['hour', 3600], ['minute', 60]];

export function relativeTime(date, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  const lang = language();
  if (seconds < 10) return t('justNow');
  if (seconds < 60) return new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'narrow' }).format(seconds);
  if (seconds >= 7 * 86400) {
    const sameYear = date.getFullYear() === new Date(now).getFullYear();
    return new Intl.DateTimeFormat(lang, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(date);
  }
  const [unit, size] = units.find(([, size]) => seconds >= size);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'narrow' }).format(Math.floor(seconds / size));
}

export function exactTime(date) {
  return new Intl.DateTimeFormat(language(), { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

export function timeElement(iso, h) {
  const date = new Date(iso);
  return h('time', { datetime: iso, title: exactTime(date), 'data-relative': '' }, relativeTime(date));
}

export function refreshRelativeTimes(root = document) {
  for (const element of root.querySelectorAll('time[data-relative]')) {
    element.textContent = relativeTime(new Date(element.dateTime));
  }
}

setInterval(() => refreshRelativeTimes(), 30000);
