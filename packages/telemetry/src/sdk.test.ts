import { describe, expect, it } from 'vitest';
import { dropForwardedTraceHeaders } from './sdk.js';

describe('dropForwardedTraceHeaders', () => {
  it('removes traceparent and tracestate from an undici header array, keeping the rest', () => {
    const request = {
      headers: ['Traceparent', '00-a-b-01', 'x-request-id', 'r1', 'tracestate', 'k=v', 'a', 'b'],
    };
    dropForwardedTraceHeaders(request);
    expect(request.headers).toEqual(['x-request-id', 'r1', 'a', 'b']);
  });

  it('removes them from a raw header string', () => {
    const request = { headers: 'host: x\r\ntraceparent: 00-a-b-01\r\naccept: */*\r\n' };
    dropForwardedTraceHeaders(request);
    expect(request.headers).toBe('host: x\r\naccept: */*\r\n');
  });
});
