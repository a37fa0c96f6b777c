/** Headers the consumer writes on retried and dead-lettered messages (read by the DLQ tool). */
export const HEADERS = {
  attempts: 'x-kavosh-attempts',
  firstFailure: 'x-kavosh-first-failure',
  error: 'x-kavosh-error',
  originalRoutingKey: 'x-kavosh-original-routing-key',
  originalQueue: 'x-kavosh-original-queue',
  deadLetteredAt: 'x-kavosh-dead-lettered-at',
} as const;

const MAX_ERROR_LENGTH = 1_000;

export type Headers = Record<string, unknown>;

/** Failed handling attempts so far (0 on a first delivery). */
export function readAttempts(headers: Headers | undefined): number {
  const value = headers?.[HEADERS.attempts];
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

function readString(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

export interface FailureInput {
  headers: Headers | undefined;
  /** The routing key of this delivery (the event type on a first delivery). */
  routingKey: string;
  queue: string;
  error: string;
  retryDelaysMs: readonly number[];
  now: Date;
}

export type FailureDecision =
  { kind: 'retry'; delayMs: number; headers: Headers } | { kind: 'dead-letter'; headers: Headers };

/** What to do with a message whose handler failed: the next retry stage, or the DLQ after the last. */
export function decideFailure(input: FailureInput): FailureDecision {
  const attempts = readAttempts(input.headers) + 1;
  const headers: Headers = {
    [HEADERS.attempts]: attempts,
    [HEADERS.firstFailure]:
      readString(input.headers, HEADERS.firstFailure) ?? input.now.toISOString(),
    [HEADERS.error]: input.error.slice(0, MAX_ERROR_LENGTH),
    [HEADERS.originalRoutingKey]:
      readString(input.headers, HEADERS.originalRoutingKey) ?? input.routingKey,
    [HEADERS.originalQueue]: readString(input.headers, HEADERS.originalQueue) ?? input.queue,
  };
  const delayMs = input.retryDelaysMs[attempts - 1];
  if (delayMs !== undefined) return { kind: 'retry', delayMs, headers };
  return {
    kind: 'dead-letter',
    headers: { ...headers, [HEADERS.deadLetteredAt]: input.now.toISOString() },
  };
}

/** Headers for a message that goes to the DLQ without retries (invalid, unknown type). */
export function rejectHeaders(input: Omit<FailureInput, 'retryDelaysMs'>): Headers {
  return {
    [HEADERS.attempts]: readAttempts(input.headers),
    [HEADERS.firstFailure]:
      readString(input.headers, HEADERS.firstFailure) ?? input.now.toISOString(),
    [HEADERS.error]: input.error.slice(0, MAX_ERROR_LENGTH),
    [HEADERS.originalRoutingKey]:
      readString(input.headers, HEADERS.originalRoutingKey) ?? input.routingKey,
    [HEADERS.originalQueue]: readString(input.headers, HEADERS.originalQueue) ?? input.queue,
    [HEADERS.deadLetteredAt]: input.now.toISOString(),
  };
}

export { readString as readHeaderString };
