import { createHash } from 'node:crypto';

/** Where media lives on the origin: nginx's `location /media/` (infra/nginx/media.conf.template). */
export const MEDIA_PREFIX = '/media/';

export interface SignedUrl {
  url: string;
  /** Unix seconds, as the URL's `expires` carries them. */
  expires: number;
}

/**
 * The `md5` argument nginx's secure_link module expects for
 * `secure_link_md5 "$secure_link_expires$uri <secret>"`: the binary MD5 of the string, base64url
 * without padding. `uri` is the decoded path, as nginx's `$uri` holds it.
 */
export function secureLinkHash(expires: number, uri: string, secret: string): string {
  return createHash('md5').update(`${expires}${uri} ${secret}`).digest('base64url');
}

/**
 * Whether nginx would look the key up as written: its `$uri` merges `//` and resolves `.` and
 * `..`, so such a key would be signed over one path and checked against another.
 */
export const isSignableStreamKey = (streamKey: string): boolean =>
  streamKey.split('/').every((part) => part !== '' && part !== '.' && part !== '..');

/**
 * Signs `/media/<streamKey>` on the origin for `ttlSeconds` from `now`. MD5 is what the module
 * offers; with a 32+ character secret and a short expiry it authorizes a download, it protects no
 * long-lived secret.
 */
export function signMediaUrl(opts: {
  origin: string;
  streamKey: string;
  secret: string;
  ttlSeconds: number;
  now: Date;
}): SignedUrl {
  const expires = Math.floor(opts.now.getTime() / 1000) + opts.ttlSeconds;
  const uri = `${MEDIA_PREFIX}${opts.streamKey}`;
  const encodedPath = `${MEDIA_PREFIX}${opts.streamKey.split('/').map(encodeURIComponent).join('/')}`;
  const url = new URL(encodedPath, opts.origin);
  url.searchParams.set('md5', secureLinkHash(expires, uri, opts.secret));
  url.searchParams.set('expires', String(expires));
  return { url: url.toString(), expires };
}
