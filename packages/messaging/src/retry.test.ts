import { describe, expect, it } from 'vitest';
import { HEADERS, decideFailure, readAttempts, rejectHeaders } from './retry.js';

const base = {
  routingKey: 'test.thing.happened.v1',
  queue: 'svc.things',
  error: 'boom',
  retryDelaysMs: [1000, 10000],
  now: new Date('2026-01-01T00:00:00.000Z'),
};

describe('decideFailure', () => {
  it('sends a first failure to the first retry stage with attempt 1', () => {
    const d = decideFailure({ ...base, headers: undefined });
    expect(d).toMatchObject({ kind: 'retry', delayMs: 1000 });
    expect(d.headers).toMatchObject({
      [HEADERS.attempts]: 1,
      [HEADERS.firstFailure]: '2026-01-01T00:00:00.000Z',
      [HEADERS.error]: 'boom',
      [HEADERS.originalRoutingKey]: 'test.thing.happened.v1',
      [HEADERS.originalQueue]: 'svc.things',
    });
  });

  it('keeps the first failure time and original routing key across retries', () => {
    const d = decideFailure({
      ...base,
      routingKey: 'svc.things',
      now: new Date('2026-01-01T00:01:00.000Z'),
      headers: {
        [HEADERS.attempts]: 1,
        [HEADERS.firstFailure]: '2026-01-01T00:00:00.000Z',
        [HEADERS.originalRoutingKey]: Buffer.from('test.thing.happened.v1'),
      },
    });
    expect(d).toMatchObject({ kind: 'retry', delayMs: 10000 });
    expect(d.headers).toMatchObject({
      [HEADERS.attempts]: 2,
      [HEADERS.firstFailure]: '2026-01-01T00:00:00.000Z',
      [HEADERS.originalRoutingKey]: 'test.thing.happened.v1',
    });
  });

  it('dead-letters after the last stage with the attempt count', () => {
    const d = decideFailure({ ...base, headers: { [HEADERS.attempts]: 2 } });
    expect(d.kind).toBe('dead-letter');
    expect(d.headers).toMatchObject({
      [HEADERS.attempts]: 3,
      [HEADERS.deadLetteredAt]: base.now.toISOString(),
    });
  });

  it('truncates a long error message', () => {
    const d = decideFailure({ ...base, error: 'x'.repeat(5000), headers: undefined });
    expect(String(d.headers[HEADERS.error])).toHaveLength(1000);
  });
});

describe('readAttempts', () => {
  it('reads 0 from a missing, negative or malformed header', () => {
    expect(readAttempts(undefined)).toBe(0);
    expect(readAttempts({ [HEADERS.attempts]: -1 })).toBe(0);
    expect(readAttempts({ [HEADERS.attempts]: 'abc' })).toBe(0);
    expect(readAttempts({ [HEADERS.attempts]: '3' })).toBe(3);
  });
});

describe('rejectHeaders', () => {
  it('records the reason without counting an attempt', () => {
    const h = rejectHeaders({ ...base, headers: undefined, error: 'not JSON' });
    expect(h).toMatchObject({ [HEADERS.attempts]: 0, [HEADERS.error]: 'not JSON' });
  });
});
