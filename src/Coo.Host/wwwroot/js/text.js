// @ts-check
// Counts text exactly as the server does (UserText in Coo.Shared.Kernel): trimmed, NFC-composed, in user-perceived
// characters (grapheme clusters), and in UTF-16 code units against pathological grapheme clusters. The limits
// themselves come from the server (GET /api/v1/coos/limits, GET /api/v1/users/me/limits), never from a copy here.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** @typedef {import('./api.js').TextLimits} TextLimits */
/** @typedef {{ length: number, remaining: number, fits: boolean, empty: boolean }} Measure */

/** @param {string} text */
export function clean(text) {
  return text.trim().normalize('NFC');
}

/** @param {string} text */
export function perceivedLength(text) {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * @param {string} text as typed
 * @param {TextLimits} limits
 * @returns {Measure}
 */
export function measure(text, { maxLength, maxCodeUnits }) {
  const cleaned = clean(text);
  const length = perceivedLength(cleaned);
  return { length, remaining: maxLength - length, fits: length <= maxLength && cleaned.length <= maxCodeUnits, empty: length === 0 };
}
