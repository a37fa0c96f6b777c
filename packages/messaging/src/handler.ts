import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

export interface HandlerContext {
  /** Child logger carrying eventId, type, attempt and the event's traceparent. */
  logger: Logger;
  /** Failed attempts before this one (0 on the first delivery). */
  attempt: number;
}

/** Handles one event type inside the consumer's transaction (effects + inbox row commit together). */
export interface EventHandler<Tx> {
  /** The whole event (envelope + data), e.g. contracts' EVENTS[type].schema. */
  readonly schema: TSchema;
  handle(event: unknown, tx: Tx, ctx: HandlerContext): Promise<void>;
}

/** Builds a handler whose `event` is typed by its schema. */
export function defineHandler<S extends TSchema, Tx>(
  schema: S,
  handle: (event: Static<S>, tx: Tx, ctx: HandlerContext) => Promise<void>,
): EventHandler<Tx> {
  return {
    schema,
    async handle(event, tx, ctx) {
      // The consumer has checked already; this narrows the type without a cast.
      if (!Value.Check(schema, event)) throw new Error('event does not match its schema');
      await handle(event, tx, ctx);
    },
  };
}

/** Whether value matches schema (a plain boolean: it must not narrow an already-typed value). */
export function conforms(schema: TSchema, value: unknown): boolean {
  return Value.Check(schema, value);
}

/** The first few validation errors as one line, for logs and the DLQ header. */
export function describeErrors(schema: TSchema, value: unknown): string {
  return Value.Errors(schema, value)
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .join('; ');
}
