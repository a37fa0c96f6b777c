/** Most terms one search uses; more only slow MATCH down without changing the top results. */
const MAX_TERMS = 12;
/** InnoDB's innodb_ft_min_token_size default: shorter words are not in the index. */
const MIN_TERM_LENGTH = 3;
/** InnoDB's default FULLTEXT stopword list (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD). */
const STOPWORDS = new Set(
  (
    'a about an are as at be by com de en for from how i in is it la of on or that the this to ' +
    'was what when where who will with und www'
  ).split(' '),
);

/**
 * Turns a user's q into a BOOLEAN MODE expression of plain terms, or null when nothing usable
 * is left. Every operator and symbol (+ - < > ( ) ~ * " @) becomes a separator, so user input
 * never reaches MATCH as syntax; stopwords and short words are dropped because InnoDB ignores
 * them anyway. Without operators, BOOLEAN MODE ranks rows by how many terms they match.
 */
export function searchExpression(q: string): string | null {
  const terms = q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((t) => [...t].length >= MIN_TERM_LENGTH && !STOPWORDS.has(t));
  const unique = [...new Set(terms)].slice(0, MAX_TERMS);
  return unique.length === 0 ? null : unique.join(' ');
}
