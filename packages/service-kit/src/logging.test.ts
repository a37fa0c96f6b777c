import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { IncomingMessage as Message } from 'node:http';
import { describe, expect, it } from 'vitest';
import { redactUrl, requestIdFor, scrubSecrets, traceContext, traceparentOf } from './logging.js';

function requestWith(headers: Record<string, string>): IncomingMessage {
  const req = new Message(new Socket());
  req.headers = headers;
  return req;
}

describe('redactUrl', () => {
  it('replaces ticket, token and access_token values and keeps other parameters', () => {
    expect(redactUrl('/ws?ticket=abc&room=1&token=def&ACCESS_TOKEN=ghi#x')).toBe(
      '/ws?ticket=[REDACTED]&room=1&token=[REDACTED]&ACCESS_TOKEN=[REDACTED]#x',
    );
  });

  it('leaves parameters that only end in token alone', () => {
    expect(redactUrl('/movies?pagetoken=abc')).toBe('/movies?pagetoken=abc');
  });
});

describe('requestIdFor', () => {
  it('keeps a well-formed incoming id and replaces a malformed one', () => {
    expect(requestIdFor(requestWith({ 'x-request-id': 'gw-1:abc.DEF_2' }))).toBe('gw-1:abc.DEF_2');
    expect(requestIdFor(requestWith({ 'x-request-id': 'has space' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(requestWith({ 'x-request-id': 'a'.repeat(129) }))).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});

describe('traceContext', () => {
  it('reads trace and span ids from a valid traceparent', () => {
    expect(traceContext('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
    });
  });

  it('ignores malformed, all-zero and version ff traceparents', () => {
    expect(traceContext('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7')).toBeUndefined();
    expect(traceContext('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceContext('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceContext(undefined)).toBeUndefined();
  });
});

describe('scrubSecrets', () => {
  it('replaces secret keys at any depth and in arrays, case-insensitively', () => {
    const input = {
      user: 'ada',
      Password: 'p1',
      nested: { deeper: { list: [{ refreshToken: 'r1' }, 'plain'], Authorization: 'Bearer x' } },
      headers: { 'set-cookie': ['sid=1'], accept: 'json' },
    };
    expect(scrubSecrets(input)).toEqual({
      user: 'ada',
      Password: '[REDACTED]',
      nested: {
        deeper: { list: [{ refreshToken: '[REDACTED]' }, 'plain'], Authorization: '[REDACTED]' },
      },
      headers: { 'set-cookie': '[REDACTED]', accept: 'json' },
    });
    expect(input.Password).toBe('p1');
  });

  it('returns objects without secrets as they are, and leaves errors to their serializer', () => {
    const clean = { movieId: 1, tags: ['a'] };
    expect(scrubSecrets(clean)).toBe(clean);
    const err = Object.assign(new Error('boom'), { password: 'kept for the err serializer' });
    const wrapped = { err };
    expect(scrubSecrets(wrapped)).toBe(wrapped);
  });
});

describe('traceparentOf', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('returns a valid traceparent header as it came', () => {
    expect(traceparentOf({ headers: { traceparent: valid } })).toBe(valid);
  });

  it('drops a malformed or all-zero one', () => {
    expect(traceparentOf({ headers: { traceparent: 'nonsense' } })).toBeUndefined();
    expect(
      traceparentOf({ headers: { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` } }),
    ).toBeUndefined();
    expect(traceparentOf({ headers: {} })).toBeUndefined();
  });
});
