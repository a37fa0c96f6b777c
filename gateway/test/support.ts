import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export const ISSUER = 'https://kavosh.test';
export const AUDIENCE = 'kavosh-test';

type Declared = 'public' | 'authenticated' | { roles: string[] };

/**
 * The routes the test upstreams declare, as a Kavosh service does in its /openapi.json
 * (`x-kavosh-access` per operation): the gateway enforces these. Anything else under a prefix
 * needs a token (`/{*}`), as the tests' generic routes (`/api/catalog/t/...`) expect.
 */
const TEST_ROUTES: Record<string, Record<string, Declared>> = {
  '/register': { post: 'public' },
  '/login': { post: 'public' },
  '/refresh': { post: 'public' },
  '/logout': { post: 'public' },
  '/.well-known/jwks.json': { get: 'public' },
  '/movies': { get: 'public' },
  '/movies/{id}': { get: 'public' },
  '/movies/{id}/poster': { post: { roles: ['editor', 'admin'] } },
  '/users': { get: { roles: ['admin'] } },
  '/users/{id}': { get: { roles: ['admin'] }, delete: { roles: ['admin'] } },
  '/ws': { get: 'public' },
  '/{*}': Object.fromEntries(
    ['get', 'put', 'post', 'patch', 'delete'].map((method) => [method, 'authenticated' as const]),
  ),
};

export const TEST_DECLARATIONS = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'test upstream', version: '1' },
  paths: Object.fromEntries(
    Object.entries(TEST_ROUTES).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, access]) => [
          method,
          { 'x-kavosh-access': access, responses: { 200: { description: 'ok' } } },
        ]),
      ),
    ]),
  ),
});

/**
 * Answers the gateway's fetch of an upstream's OpenAPI document with TEST_DECLARATIONS; true when
 * it did. That fetch is not a proxied request: tests must not count it as one.
 */
export function serveDeclarations(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== '/openapi.json') return false;
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json' }).end(TEST_DECLARATIONS);
  return true;
}

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
      if (serveDeclarations(req, res)) return;
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
