import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { EVENTS, type EventType } from '../src/index.js';
import { createAjv } from './ajv.js';
import { SAMPLES } from './samples.js';

const ajv = createAjv();
const clone = <T>(value: T): T => structuredClone(value);

describe.each(EVENTS.map((event) => [event.type, event] as const))('%s', (type, event) => {
  const producer = ajv.compile(event.schema);
  const consumer = ajv.compile(event.consumerSchema);
  const sample = SAMPLES[type];

  it('compiles in strict mode and accepts the sample', () => {
    expect(producer(sample), JSON.stringify(producer.errors)).toBe(true);
    expect(consumer(sample), JSON.stringify(consumer.errors)).toBe(true);
  });

  it('accepts the sample without the optional envelope fields', () => {
    const { traceparent: _t, datacontenttype: _d, ...bare } = sample;
    expect(producer(bare)).toBe(true);
  });

  it('rejects an unknown envelope field, for producers and consumers', () => {
    const extended = { ...clone(sample), partitionkey: 'x' };
    expect(producer(extended)).toBe(false);
    expect(consumer(extended)).toBe(false);
  });

  it('rejects an unknown data field for producers and accepts it for consumers', () => {
    const extended = { ...clone(sample), data: { ...clone(sample.data), addedLater: 1 } };
    expect(producer(extended)).toBe(false);
    expect(consumer(extended), JSON.stringify(consumer.errors)).toBe(true);
  });

  it.each(Object.keys(sample.data))('rejects the event without data.%s', (field) => {
    const data: Record<string, unknown> = clone(sample.data);
    delete data[field];
    expect(producer({ ...clone(sample), data })).toBe(false);
    expect(consumer({ ...clone(sample), data })).toBe(false);
  });

  it.each(['id', 'source', 'type', 'time', 'subject', 'specversion', 'data'])(
    'rejects the event without %s',
    (field) => {
      const envelope: Record<string, unknown> = clone(sample);
      delete envelope[field];
      expect(producer(envelope)).toBe(false);
    },
  );

  it('rejects a wrong type in data and in the envelope', () => {
    const [firstField] = Object.keys(sample.data);
    expect(
      producer({ ...clone(sample), data: { ...clone(sample.data), [String(firstField)]: 42 } }),
    ).toBe(false);
    expect(producer({ ...clone(sample), time: 1_700_000_000 })).toBe(false);
  });

  it('rejects another event type, a foreign source, a non-uuid id and a non-UTC time', () => {
    const other: EventType =
      type === 'auth.user.deleted.v1' ? 'auth.user.updated.v1' : 'auth.user.deleted.v1';
    expect(producer({ ...clone(sample), type: other })).toBe(false);
    expect(producer({ ...clone(sample), source: '/kavosh/gateway' })).toBe(false);
    expect(producer({ ...clone(sample), id: 'not-a-uuid' })).toBe(false);
    expect(producer({ ...clone(sample), time: '2026-03-01T12:00:00+01:00' })).toBe(false);
  });

  it('gets the same verdicts from TypeBox Value.Check (used by @kavosh/messaging) as from ajv', () => {
    const variants: unknown[] = [
      sample,
      { ...clone(sample), partitionkey: 'x' },
      { ...clone(sample), data: { ...clone(sample.data), addedLater: 1 } },
      { ...clone(sample), id: 'not-a-uuid' },
      { ...clone(sample), time: '2026-03-01 12:00' },
      { ...clone(sample), data: {} },
    ];
    for (const variant of variants) {
      expect(Value.Check(event.schema, variant)).toBe(producer(variant));
      expect(Value.Check(event.consumerSchema, variant)).toBe(consumer(variant));
    }
  });
});
