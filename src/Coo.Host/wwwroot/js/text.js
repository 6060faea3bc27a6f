// Counts text exactly as the server does: trimmed, NFC-composed, in user-perceived characters (grapheme clusters).
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function clean(text) {
  return text.trim().normalize('NFC');
}

export function perceivedLength(text) {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

/** The server also caps UTF-16 code units at four per character, against pathological grapheme clusters. */
export function measure(text, maxLength) {
  const cleaned = clean(text);
  const length = perceivedLength(cleaned);
  return { length, remaining: maxLength - length, fits: length <= maxLength && cleaned.length <= maxLength * 4, empty: length === 0 };
}
