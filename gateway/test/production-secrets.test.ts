import { describe, expect, it } from 'vitest';
import { ConfigError } from '@kavosh/service-kit';
import { readConfig } from '../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig({ AUTH_JWKS_URL: 'http://auth:3001/.well-known/jwks.json', ...env });
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((problem) => problem.variable);
  }
}

describe('readConfig in production', () => {
  it('refuses the development WS_TICKET_SECRET compose used to default to', () => {
    const known = 'kavosh-dev-ws-ticket-secret-change-me';
    expect(problemsOf({ NODE_ENV: 'production', WS_TICKET_SECRET: known })).toEqual([
      'WS_TICKET_SECRET',
    ]);
    expect(problemsOf({ NODE_ENV: 'development', WS_TICKET_SECRET: known })).toEqual([]);
  });

  it('starts with a strong secret, or without one (WebSocket upgrades then answer 503)', () => {
    const strong = 'Zq4-vT9m#Lr2pW8x!eK6Zq4-vT9m#Lr2pW8x!eK6';
    expect(problemsOf({ NODE_ENV: 'production', WS_TICKET_SECRET: strong })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([]);
  });
});
