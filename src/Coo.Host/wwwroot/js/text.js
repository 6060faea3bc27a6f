// @ts-check
// Counts text exactly as the server does (UserText in Coo.Shared.Kernel): trimmed, NFC-composed, in user-perceived
// characters (grapheme clusters), and in UTF-16 code units against pathological grapheme clusters; a coo's own rule
// (links count alike whatever their length) is links.js's, loaded with the compose box. The limits themselves come
// from the server (GET /api/v1/coos/limits, GET /api/v1/users/me/limits), never from a copy here.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** .NET's char.IsWhiteSpace. */
export const whiteSpace = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;

/** @typedef {import('./api.js').TextLimits} TextLimits */
/** @typedef {{ length: number, remaining: number, fits: boolean, empty: boolean }} Measure */
/** @typedef {TextLimits & { lengthOf?: (text: string) => number }} Counting limits, and how a length is counted when not perceivedLength */

/** @param {string} text */
export function clean(text) {
  return trim(text).normalize('NFC');
}

/**
 * string.Trim(): JavaScript's trim() keeps U+0085 and removes U+FEFF. A loop, since a pattern anchored at the end
 * retries from every white space inside a long run (quadratic on each key of a long paste).
 * @param {string} text
 */
function trim(text) {
  let start = 0;
  let end = text.length;
  while (start < end && whiteSpace.test(text.charAt(start))) start++;
  while (end > start && whiteSpace.test(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** @param {string} text */
export function perceivedLength(text) {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/**
 * @param {string} text as typed
 * @param {Counting} counting
 * @returns {Measure}
 */
export function measure(text, { maxLength, maxCodeUnits, lengthOf = perceivedLength }) {
  const cleaned = clean(text);
  // Past maxCodeUnits the text does not fit however it is counted: the plain count, so a long paste costs little per key.
  const length = cleaned.length > maxCodeUnits ? perceivedLength(cleaned) : lengthOf(cleaned);
  return { length, remaining: maxLength - length, fits: length <= maxLength && cleaned.length <= maxCodeUnits, empty: cleaned.length === 0 };
}
