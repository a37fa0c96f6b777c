import { randomUUID } from 'node:crypto';
import { Type, type Static } from 'typebox';

/** The CloudEvents 1.0 fields every Kavosh event carries; `data` is checked by the event's own schema. */
export const CloudEventEnvelope = Type.Object({
  specversion: Type.Literal('1.0'),
  // The dedup key: it goes into outbox.event_id and inbox.event_id, both CHAR(36).
  id: Type.String({ minLength: 1, maxLength: 36 }),
  source: Type.String({ minLength: 1 }),
  type: Type.String({ minLength: 1, maxLength: 200 }),
  time: Type.String({ minLength: 1 }),
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  traceparent: Type.Optional(Type.String()),
  data: Type.Unknown(),
});
export type CloudEventEnvelope = Static<typeof CloudEventEnvelope>;

export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  traceparent?: string;
  data: T;
}

export interface CreateEventOptions<T> {
  type: string;
  source: string;
  subject: string;
  data: T;
  traceparent?: string;
  /** Defaults to a random UUID. At most 36 characters. */
  id?: string;
  /** Defaults to now. */
  time?: Date;
}

/** Builds a CloudEvents 1.0 envelope (`id` a UUID and `time` now unless given). */
export function createEvent<T>(opts: CreateEventOptions<T>): CloudEvent<T> {
  const event: CloudEvent<T> = {
    specversion: '1.0',
    id: opts.id ?? randomUUID(),
    source: opts.source,
    type: opts.type,
    time: (opts.time ?? new Date()).toISOString(),
    subject: opts.subject,
    data: opts.data,
  };
  if (opts.traceparent !== undefined) event.traceparent = opts.traceparent;
  return event;
}
