import { createServer, type Server } from 'node:http';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
} from 'jose';

export const ISSUER = 'http://issuer.test';
export const AUDIENCE = 'kavosh';

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(kid: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

/** Signs an access token the way auth does; `claims` and `header` override the defaults. */
export async function signToken(
  key: TestKey,
  opts: { claims?: JWTPayload; header?: Record<string, string>; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: '0d9e2c52-5f0e-4a43-9f1c-8e1b8f3e8a11',
    jti: '8b3c6f0e-1d2a-4b5c-9e7f-0a1b2c3d4e5f',
    roles: ['user'],
    ...opts.claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: key.kid, ...opts.header })
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '10m')
    .sign(key.privateKey);
}

/** A real HTTP JWKS endpoint whose key set a test can change; counts the fetches. */
export async function startJwksServer(keys: JWK[]): Promise<{
  url: string;
  fetches: () => number;
  setKeys(next: JWK[]): void;
  close(): Promise<void>;
}> {
  let current: JSONWebKeySet = { keys };
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(current));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/.well-known/jwks.json`,
    fetches: () => fetches,
    setKeys: (next) => {
      current = { keys: next };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
