import { describe, expect, it } from 'vitest';
import { consumerTopology, retryQueueFor } from './topology.js';

describe('consumerTopology', () => {
  it('names a quorum main queue, one retry queue per delay and a DLQ', () => {
    const t = consumerTopology('social.notifications', [1000, 60000]);
    expect(t.main.name).toBe('social.notifications');
    expect(t.main.arguments['x-queue-type']).toBe('quorum');
    expect(t.dlq.name).toBe('social.notifications.dlq');
    expect(t.retries.map((r) => r.name)).toEqual([
      'social.notifications.retry.1000ms',
      'social.notifications.retry.60000ms',
    ]);
  });

  it('dead-letters the main queue to its DLQ, at least once, past an explicit delivery limit', () => {
    expect(consumerTopology('q', [50]).main.arguments).toEqual({
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': 'q.dlq',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
      'x-delivery-limit': 20,
    });
    expect(consumerTopology('q', [50], { deliveryLimit: 3 }).main.arguments).toMatchObject({
      'x-delivery-limit': 3,
    });
  });

  it('dead-letters each retry queue back to the main queue after its delay', () => {
    const [first] = consumerTopology('q', [50]).retries;
    expect(first?.arguments).toMatchObject({
      'x-message-ttl': 50,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': 'q',
      'x-dead-letter-strategy': 'at-least-once',
    });
  });

  it('declares a repeated delay once and finds it', () => {
    const t = consumerTopology('q', [100, 100]);
    expect(t.retries).toHaveLength(1);
    expect(retryQueueFor(t, 100)).toBe('q.retry.100ms');
    expect(() => retryQueueFor(t, 5)).toThrow(/no retry queue/);
  });
});
