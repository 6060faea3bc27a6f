// @ts-check
import en from './i18n/en.js';

/** @typedef {import('./i18n/en.js').TextKey} TextKey */
/** @typedef {import('./i18n/en.js').Entry} Entry */
/** @typedef {Partial<Record<TextKey, Entry>>} Dictionary */
/** @typedef {'en' | 'de'} Language */

// English is built in; other languages load on demand. The choice is remembered in this browser; before that the
// browser's own language preferences decide.
/** @type {readonly Language[]} */
export const languages = ['en', 'de'];
const storageKey = 'coo.language';
/** @type {Language} */
let current = 'en';
/** @type {Dictionary} */
let dictionary = en;
/** @type {Set<(language: Language) => void>} */
const listeners = new Set();

/**
 * @param {unknown} code
 * @returns {code is Language}
 */
function isLanguage(code) {
  return languages.some(known => known === code);
}

/**
 * @param {string | undefined} key
 * @returns {key is TextKey}
 */
function isTextKey(key) {
  return key !== undefined && Object.hasOwn(en, key);
}

/** @returns {Language} */
export function language() {
  return current;
}

/** @returns {Language} */
export function preferredLanguage() {
  const saved = localStorage.getItem(storageKey);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * @param {string} code
 * @param {{ remember?: boolean }} [options]
 */
export async function setLanguage(code, { remember = false } = {}) {
  const next = isLanguage(code) ? code : 'en';
  dictionary = next === 'en' ? en : (await import('./i18n/de.js')).default;
  current = next;
  if (remember) localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  translateStatic();
  for (const listener of listeners) listener(next);
}

/** @param {(language: Language) => void} listener */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/**
 * The text for key in the current language, with {name} placeholders filled; {count} picks the plural form.
 * @param {TextKey} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function t(key, values = {}) {
  /** @type {Entry} */
  const entry = dictionary[key] ?? en[key];
  const text = typeof entry === 'object'
    ? entry[new Intl.PluralRules(current).select(Number(values['count'] ?? 0))] ?? entry.other
    : entry;
  return text.replace(/\{(\w+)\}/g, (/** @type {string} */ placeholder, /** @type {string} */ name) => {
    const value = values[name];
    return value === undefined ? placeholder : formatValue(value);
  });
}

/**
 * A count to read at a glance: in full below 10,000, compact from there on (12K).
 * @param {number} value
 */
export function formatCount(value) {
  return new Intl.NumberFormat(current, { notation: value >= 10000 ? 'compact' : 'standard' }).format(value);
}

/** @param {string | number} value */
function formatValue(value) {
  return typeof value === 'number' ? new Intl.NumberFormat(current).format(value) : value;
}

/** The page shell's own words (skip link, labels) carry data-i18n attributes. */
function translateStatic() {
  for (const element of document.querySelectorAll('[data-i18n]')) {
    if (element instanceof HTMLElement && isTextKey(element.dataset['i18n'])) element.textContent = t(element.dataset['i18n']);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    if (element instanceof HTMLElement && isTextKey(element.dataset['i18nAriaLabel'])) element.setAttribute('aria-label', t(element.dataset['i18nAriaLabel']));
  }
}
