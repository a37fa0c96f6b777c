import { describe, expect, it } from 'vitest';
import { createEvent } from './event.js';
import { formatTraceparent, parseTraceparent, traceparentInEnvelope } from './tracing.js';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceparent', () => {
  it('parses a valid W3C traceparent and formats it back unchanged', () => {
    const context = parseTraceparent(VALID);
    expect(context).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
    expect(context && formatTraceparent(context)).toBe(VALID);
  });

  it('refuses malformed values and all-zero ids', () => {
    expect(parseTraceparent(undefined)).toBeUndefined();
    expect(parseTraceparent('nonsense')).toBeUndefined();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
    expect(parseTraceparent(`00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`)).toBe(
      undefined,
    );
  });

  it('reads the traceparent of a serialized envelope, and nothing from one without', () => {
    const base = { type: 't.x.happened.v1', source: '/t', subject: 's', data: { n: 1 } };
    expect(
      traceparentInEnvelope(JSON.stringify(createEvent({ ...base, traceparent: VALID }))),
    ).toBe(VALID);
    expect(traceparentInEnvelope(JSON.stringify(createEvent(base)))).toBeUndefined();
  });
});
