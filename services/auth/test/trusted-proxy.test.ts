import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { uniqueEmail } from './fixtures.js';
import { startAuth } from './helper.js';

// Loopback is 127.0.0.0/8 on Linux, so distinct source addresses stand in for distinct hosts: the
// proxy speaks from 127.0.0.9, inside the configured range 127.0.0.8/29 (which does not hold the
// default 127.0.0.1), and the clients from addresses outside it.
const PROXY_ADDRESS = '127.0.0.9';
const CLIENT_A = '127.0.0.21';
const CLIENT_B = '127.0.0.22';
const ATTACKER = '127.0.0.1';

/** A reverse proxy that, like the gateway, sets X-Forwarded-For to the address it saw. */
function startProxy(target: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target,
        localAddress: PROXY_ADDRESS,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function postLogin(
  port: number,
  from: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const body = JSON.stringify({ email: uniqueEmail('hop'), password: 'wrong password' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/login',
        agent: false,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /login behind a proxy in TRUSTED_PROXY_CIDRS', () => {
  let svc: TestService<KavoshApp>;
  let proxy: http.Server;
  let authPort: number;
  let proxyPort: number;

  beforeAll(async () => {
    svc = await startAuth({
      env: { TRUSTED_PROXY_CIDRS: '127.0.0.8/29' },
      deps: {
        throttle: {
          accountFreeFailures: 3,
          ipFreeFailures: 5,
          windowSeconds: 900,
          maxLockSeconds: 900,
        },
      },
    });
    await svc.app.listen({ host: '127.0.0.1', port: 0 });
    authPort = (svc.app.server.address() as AddressInfo).port;
    proxy = await startProxy(authPort);
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await svc.close();
  });

  it('counts each client behind the proxy on its own: one client’s failures lock out no other', async () => {
    for (let i = 0; i < 5; i += 1) expect(await postLogin(proxyPort, CLIENT_A)).toBe(401);
    expect(await postLogin(proxyPort, CLIENT_A)).toBe(429);
    expect(await postLogin(proxyPort, CLIENT_B)).toBe(401);
  });

  it('never believes X-Forwarded-For from a peer outside the ranges', async () => {
    for (let i = 0; i < 5; i += 1) {
      const forged = { 'x-forwarded-for': `198.51.100.${i}` };
      expect(await postLogin(authPort, ATTACKER, forged)).toBe(401);
    }
    const forged = { 'x-forwarded-for': '198.51.100.200' };
    expect(await postLogin(authPort, ATTACKER, forged)).toBe(429);
  });
});
