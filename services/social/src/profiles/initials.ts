const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const firstGrapheme = (word: string): string =>
  graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';

/** Longest initials kept (the column is VARCHAR(8)); a longer emoji sequence is dropped. */
const MAX_INITIALS_LENGTH = 8;

/**
 * Avatar initials of a display name: the first character (grapheme) of its first and last words,
 * upper-cased where the script has case ("Ada Lovelace" → "AL", "Cher" → "C", "مریم میرزاخانی" → "مم").
 */
export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (first === undefined) return '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const initials = [first, last]
    .filter((word): word is string => word !== undefined)
    .map((word) => firstGrapheme(word).toLocaleUpperCase())
    .join('');
  if (initials.length <= MAX_INITIALS_LENGTH) return initials;
  const single = firstGrapheme(first);
  return single.length <= MAX_INITIALS_LENGTH ? single : '';
}
