/**
 * One canonical form of a request target, so the edge decides on the path the services route on.
 * Fastify's router (find-my-way) decodes `%XX` before matching and stops at `#`, while a check on
 * the target as sent would not: `/api/auth/log%69n` is the login route to a service but not to a
 * string comparison. Rather than decode and re-encode, the gateway accepts only targets that are
 * already canonical, and refuses the rest with 400 before any hook decides anything:
 * - origin-form only (`/…`): no absolute-form (`http://host/…`), no `*`;
 * - no fragment (`#`), no empty segment (`//`), no dot segment (`/./`, `/../`), no backslash;
 * - no encoded separator or dot (`%2F`, `%5C`, `%2E`), no needlessly encoded unreserved character
 *   (`%41`–`%5A`, `%61`–`%7A`, `%30`–`%39`, `%2D`, `%5F`, `%7E`), no malformed escape.
 * Other escapes (a space, a non-ASCII letter in a parameter) pass: they cannot spell a route's
 * literal segment, so they cannot change which route a path matches.
 */

export type CanonicalPath = { path: string } | { refused: string };

const UNRESERVED_HEX = /^(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[de]|5f|7e)$/i;
const NOT_ALLOWED = /[#\\]|\/\/|\/\.\.?(?:\/|$)/;

/** The path of a request target (query string removed), or why the target is refused. */
export function canonicalPath(target: string): CanonicalPath {
  if (!target.startsWith('/')) return { refused: 'Only origin-form request targets are accepted.' };
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  // A fragment is never sent by a conforming client; anywhere in the target it is refused.
  if (target.includes('#')) return { refused: 'A request target may not carry a fragment.' };
  if (NOT_ALLOWED.test(path)) {
    return { refused: 'Empty or dot segments and backslashes are not accepted in paths.' };
  }
  for (let at = path.indexOf('%'); at !== -1; at = path.indexOf('%', at + 1)) {
    const hex = path.slice(at + 1, at + 3);
    if (!/^[0-9a-f]{2}$/i.test(hex)) return { refused: 'A path holds a malformed %-escape.' };
    if (UNRESERVED_HEX.test(hex) || /^(?:2f|5c|2e)$/i.test(hex)) {
      return {
        refused: `"%${hex}" need not or may not be encoded in a path: send the character itself.`,
      };
    }
  }
  return { path };
}
