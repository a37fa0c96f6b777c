import type { TObject, TSchema } from 'typebox';
import { Envelope, parseEventType, type EventTypeName, type Service } from './envelope.js';

/** A service that consumes an event, and what it does with it. */
export interface EventConsumer {
  readonly service: Service;
  readonly purpose: string;
}

interface EventSpec<T extends EventTypeName, D extends TObject> {
  readonly type: T;
  readonly consumers: readonly EventConsumer[];
  readonly description: string;
  /** The `data` field whose value the envelope's `subject` carries. */
  readonly subject: keyof D['properties'] & string;
  readonly data: D;
}

/**
 * Builds a registry entry. Producers validate with `schema` (strict everywhere). Consumers
 * validate with `consumerSchema`: the same envelope, but `data` objects accept unknown fields, so
 * an optional field added to a released version never breaks a consumer that does not know it yet.
 */
export function defineEvent<T extends EventTypeName, D extends TObject>(spec: EventSpec<T, D>) {
  const { producer, version } = parseEventType(spec.type);
  return {
    type: spec.type,
    version,
    producer,
    consumers: spec.consumers,
    description: spec.description,
    subject: spec.subject,
    schema: Envelope(spec.type, spec.data),
    consumerSchema: Envelope(spec.type, allowUnknownFields(spec.data)),
    dataSchema: spec.data,
  };
}

/** A deep copy of `schema` in which every `additionalProperties: false` becomes `true`. */
function allowUnknownFields<S extends TSchema>(schema: S): S {
  const copy = structuredClone(schema);
  openObjects(copy);
  return copy;
}

function openObjects(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (!Array.isArray(node) && Reflect.get(node, 'additionalProperties') === false) {
    Reflect.set(node, 'additionalProperties', true);
  }
  for (const child of Object.values(node)) openObjects(child);
}
