// @ts-check
// How long a coo's text counts, as the server's CooLength (in the Coos module) counts it: user-perceived characters,
// each link as charactersPerUrl whatever its length, with the links the server's TextEntities.Parse finds. Loaded with
// the compose box, not on every page.
import { perceivedLength, whiteSpace } from './text.js';

// .NET's char.IsLetterOrDigit, Rune.IsLetterOrDigit and the marks Hashtag.IsPartOfTag adds.
const letterOrDigit = /[\p{L}\p{Nd}]/u;
const tagCharacter = /[\p{L}\p{Nd}_\p{Mn}\p{Mc}\p{Me}]/u;
const asciiNameCharacter = /[A-Za-z0-9_]/;
const maxUsernameLength = 15;
const maxTagLength = 100;

/**
 * @param {string} text
 * @param {number} charactersPerUrl
 */
export function lengthWithLinks(text, charactersPerUrl) {
  let length = 0;
  let at = 0;
  for (const [start, end] of links(text)) {
    length += perceivedLength(text.slice(at, start)) + charactersPerUrl;
    at = end;
  }
  return length + perceivedLength(text.slice(at));
}

/**
 * Where the links are, as [start, end) in UTF-16 units: the server's TextEntities.Parse, whose mentions and hashtags
 * are skipped as it skips them, since no link starts inside one.
 * @param {string} text
 * @returns {[number, number][]}
 */
function links(text) {
  /** @type {[number, number][]} */
  const found = [];
  let i = 0;
  while (i < text.length) {
    const afterBoundary = startsAfterBoundary(text, i);
    const linkEnds = afterBoundary ? linkEnd(text, i) : 0;
    if (linkEnds > 0) found.push([i, linkEnds]);
    i = linkEnds || (afterBoundary && text.charAt(i) === '@' && mentionEnd(text, i)) || (text.charAt(i) === '#' && tagEnd(text, i)) || i + 1;
  }
  return found;
}

/**
 * @param {string} text
 * @param {number} i
 */
function startsAfterBoundary(text, i) {
  if (i === 0) return true;
  const previous = text.charAt(i - 1);
  return !(letterOrDigit.test(previous) || '_@/'.includes(previous) || isLowSurrogate(previous));
}

/**
 * @param {string} text
 * @param {number} at
 * @returns {number} where the link ends, 0 if none starts here
 */
function linkEnd(text, at) {
  const scheme = /^https:\/\//i.test(text.slice(at, at + 8)) ? 8 : /^http:\/\//i.test(text.slice(at, at + 7)) ? 7 : 0;
  if (scheme === 0) return 0;
  let end = at + scheme;
  while (end < text.length && !whiteSpace.test(text.charAt(end)) && !'<>"'.includes(text.charAt(end))) end++;
  // As the server: counted once, then as each closing bracket is given back to the sentence.
  const link = text.slice(at, end);
  const count = (/** @type {string} */ c) => link.split(c).length - 1;
  let parentheses = count('(') - count(')');
  let brackets = count('[') - count(']');
  while (end > at + scheme) {
    const last = text.charAt(end - 1);
    const belongsToSentence = '.,;:!?\''.includes(last) || (last === ')' && parentheses++ < 0) || (last === ']' && brackets++ < 0);
    if (!belongsToSentence) break;
    end--;
  }
  return end > at + scheme ? end : 0;
}

/**
 * @param {string} text
 * @param {number} at
 */
function mentionEnd(text, at) {
  let end = at + 1;
  while (end < text.length && asciiNameCharacter.test(text.charAt(end))) end++;
  const length = end - at - 1;
  const followedByName = end < text.length && (letterOrDigit.test(text.charAt(end)) || text.charAt(end) === '@');
  return length >= 1 && length <= maxUsernameLength && !followedByName ? end : 0;
}

/**
 * @param {string} text
 * @param {number} at
 */
function tagEnd(text, at) {
  if (at > 0 && (text.charAt(at - 1) === '&' || tagCharacter.test(String.fromCodePoint(/** @type {number} */ (text.codePointAt(previousCodePointStart(text, at))))))) return 0;
  let end = at + 1;
  while (end < text.length) {
    const character = String.fromCodePoint(/** @type {number} */ (text.codePointAt(end)));
    if (!tagCharacter.test(character)) break;
    end += character.length;
  }
  const tag = text.slice(at + 1, end);
  // .NET's invariant lower case maps one unit to one and keeps U+0130 (İ), which JavaScript makes two units.
  const normalized = tag.normalize('NFKC').split('\u0130').map(part => part.toLowerCase()).join('\u0130');
  const valid = tag.length > 0 && tag.length <= maxTagLength && [...normalized].every(c => tagCharacter.test(c))
    && /\p{L}/u.test(normalized) && normalized.length <= maxTagLength;
  return valid ? end : 0;
}

/**
 * @param {string} text
 * @param {number} at
 */
function previousCodePointStart(text, at) {
  return at >= 2 && isLowSurrogate(text.charAt(at - 1)) && isHighSurrogate(text.charAt(at - 2)) ? at - 2 : at - 1;
}

/** @param {string} c */
function isLowSurrogate(c) {
  return c >= '\uDC00' && c <= '\uDFFF';
}

/** @param {string} c */
function isHighSurrogate(c) {
  return c >= '\uD800' && c <= '\uDBFF';
}
