import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
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

const validators = new WeakMap<TSchema, Validator>();

/**
 * The schema's compiled validator, built once per schema: a consumer checks every message two or
 * three times, and the interpreted Value.Check was ≈ 5 % of the event path's CPU at 1,000/s.
 */
function validatorFor(schema: TSchema): Validator {
  let compiled = validators.get(schema);
  if (!compiled) {
    compiled = Compile(schema);
    validators.set(schema, compiled);
  }
  return compiled;
}

/** Builds a handler whose `event` is typed by its schema. */
export function defineHandler<S extends TSchema, Tx>(
  schema: S,
  handle: (event: Static<S>, tx: Tx, ctx: HandlerContext) => Promise<void>,
): EventHandler<Tx> {
  const validator = Compile(schema);
  return {
    schema,
    async handle(event, tx, ctx) {
      // The consumer has checked already; this narrows the type without a cast.
      if (!validator.Check(event)) throw new Error('event does not match its schema');
      await handle(event, tx, ctx);
    },
  };
}

/** Whether value matches schema (a plain boolean: it must not narrow an already-typed value). */
export function conforms(schema: TSchema, value: unknown): boolean {
  return validatorFor(schema).Check(value);
}

/** The first few validation errors as one line, for logs and the DLQ header. */
export function describeErrors(schema: TSchema, value: unknown): string {
  return Value.Errors(schema, value)
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .join('; ');
}
