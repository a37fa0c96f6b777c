import { Type, type TSchema } from 'typebox';
import { UTC_DATE_TIME } from './fields.js';

/** The services that publish events; the first segment of every event type. */
export type Service = 'auth' | 'catalog' | 'billing' | 'social';

/** `<service>.<entity>.<past-tense-verb>.v<major>`, which is also the RabbitMQ routing key. */
export type EventTypeName = `${Service}.${string}.${string}.v${number}`;

const EVENT_TYPE_PATTERN =
  /^(auth|catalog|billing|social)\.[a-z][a-z-]*\.[a-z][a-z-]*\.v([1-9]\d*)$/;

/** W3C Trace Context `traceparent`: version-traceid-parentid-flags. */
export const Traceparent = Type.String({
  pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
  maxLength: 55,
});

/** The producing service of an event type: `ProducerOf<'auth.user.registered.v1'>` is `'auth'`. */
export type ProducerOf<T extends EventTypeName> = T extends `${infer P extends Service}.${string}`
  ? P
  : never;

function isProducerOf<T extends EventTypeName>(type: T, name: string): name is ProducerOf<T> {
  return type.startsWith(`${name}.`);
}

/** Splits an event type into its producer and major version; throws on a malformed name. */
export function parseEventType<T extends EventTypeName>(
  type: T,
): { producer: ProducerOf<T>; version: number } {
  const match = EVENT_TYPE_PATTERN.exec(type);
  const producer = match?.[1] ?? '';
  if (!isProducerOf(type, producer)) {
    throw new Error(`malformed event type "${type}": expected <service>.<entity>.<verb>.v<N>`);
  }
  return { producer, version: Number(match?.[2]) };
}

/**
 * The CloudEvents 1.0 envelope (structured mode, JSON) around `data`. `type` is a literal, `source`
 * is `/kavosh/<producer>`, and no other top-level field is allowed.
 */
export function Envelope<T extends EventTypeName, D extends TSchema>(type: T, data: D) {
  const { producer } = parseEventType(type);
  const source: `/kavosh/${ProducerOf<T>}` = `/kavosh/${producer}`;
  return Type.Object(
    {
      specversion: Type.Literal('1.0'),
      id: Type.String({
        format: 'uuid',
        maxLength: 36,
        description: 'Unique per event; consumers deduplicate on it.',
      }),
      source: Type.Literal(source),
      type: Type.Literal(type),
      time: Type.String({ ...UTC_DATE_TIME, description: 'When the change happened (UTC).' }),
      subject: Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Id of the entity the event is about; ordering is per subject.',
      }),
      traceparent: Type.Optional(Traceparent),
      datacontenttype: Type.Optional(Type.Literal('application/json')),
      data,
    },
    { additionalProperties: false, title: type },
  );
}
