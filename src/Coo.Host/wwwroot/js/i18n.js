import en from './i18n/en.js';

// English is built in; other languages load on demand. The choice is remembered in this browser; before that the
// browser's own language preferences decide.
export const languages = ['en', 'de'];
const storageKey = 'coo.language';
let current = 'en';
let dictionary = en;
const listeners = new Set();

export function language() {
  return current;
}

export function preferredLanguage() {
  const saved = localStorage.getItem(storageKey);
  if (languages.includes(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (languages.includes(base)) return base;
  }
  return 'en';
}

export async function setLanguage(code, { remember = false } = {}) {
  const next = languages.includes(code) ? code : 'en';
  dictionary = next === 'en' ? en : (await import(`./i18n/${next}.js`)).default;
  current = next;
  if (remember) localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  translateStatic();
  for (const listener of listeners) listener(next);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The text for key in the current language, with {name} placeholders filled; {count} picks the plural form. */
export function t(key, values = {}) {
  let entry = dictionary[key] ?? en[key] ?? key;
  if (typeof entry === 'object') {
    entry = entry[new Intl.PluralRules(current).select(values.count ?? 0)] ?? entry.other;
  }
  return entry.replace(/\{(\w+)\}/g, (_, name) => (name in values ? formatValue(values[name]) : `{${name}}`));
}

function formatValue(value) {
  return typeof value === 'number' ? new Intl.NumberFormat(current).format(value) : String(value);
}

/** The page shell's own words (skip link, labels) carry data-i18n attributes. */
function translateStatic() {
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
}
