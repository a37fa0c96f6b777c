import { createHash } from 'node:crypto';

/** Length of every tag strongEtag returns, quotes included: the cache stores it before the body. */
export const ETAG_LENGTH = 24;

/**
 * A strong entity tag of a serialized body: 128 bits of its SHA-256, base64url, quoted. The same
 * body gives the same tag on every replica, so a client's tag stays valid across them.
 */
export const strongEtag = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/**
 * The tags of an If-None-Match header for the weak comparison RFC 9110 §13.1.2 asks for
 * (`W/` is dropped): '*' for any, [] when absent or unusable. Malformed members are ignored.
 */
export function parseIfNoneMatch(header: string | undefined): '*' | string[] {
  if (header === undefined) return [];
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  // Bounded: a header with hundreds of tags is not a cache revalidation worth serving.
  for (const match of header.slice(0, 2048).matchAll(/(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")/g)) {
    if (match[1] !== undefined && tags.length < 16) tags.push(match[1]);
  }
  return tags;
}

/** Whether a parsed If-None-Match matches the current tag (a match answers 304). */
export const ifNoneMatchHits = (tags: '*' | string[], etag: string): boolean =>
  tags === '*' || tags.includes(etag);
