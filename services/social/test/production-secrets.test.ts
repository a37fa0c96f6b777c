import { describe, expect, it } from 'vitest';
import { describeProductionSecrets, STRONG_SECRET } from '@kavosh/service-host/testing';
import { readConfig } from '../src/config.js';

const problemsOf = describeProductionSecrets({
  name: 'social',
  readConfig,
  env: { WS_TICKET_SECRET: STRONG_SECRET + STRONG_SECRET },
});

describe('social secrets in production', () => {
  it('refuses a known WS_TICKET_SECRET: it would let anyone open a WebSocket as any user', () => {
    expect(problemsOf({ WS_TICKET_SECRET: 'kavosh-dev-ws-ticket-secret-change-me' })).toEqual([
      'WS_TICKET_SECRET',
    ]);
  });
});
