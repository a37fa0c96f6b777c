import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const ISSUER = 'https://kavosh.test';
export const AUDIENCE = 'kavosh-test';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** An upstream that records what it received, answers { ok: true } and serves a JWKS. */
export async function startUpstream() {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      // The gateway's background fetch of each upstream's OpenAPI document is not a proxied
      // request: it must not show up in `seen` between a test's request and its assertion.
      if (req.url === '/openapi.json') {
        res.writeHead(404).end();
        return;
      }
      if (req.url === '/.well-known/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
        return;
      }
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json', vary: 'Accept-Encoding' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    seen,
    key: pair.privateKey,
    /** Gateway env pointing every upstream and the JWKS here. */
    env: {
      LOG_LEVEL: 'silent',
      AUTH_URL: url,
      CATALOG_URL: url,
      BILLING_URL: url,
      SOCIAL_URL: url,
      AUTH_JWKS_URL: `${url}/.well-known/jwks.json`,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An access token for `sub`, as auth signs them. */
export const signToken = (
  key: CryptoKey,
  opts: { sub?: string; roles?: string[]; expiresAt?: number } = {},
) =>
  new SignJWT({ roles: opts.roles ?? ['user'], jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(opts.sub ?? crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(opts.expiresAt ?? '5m')
    .sign(key);
