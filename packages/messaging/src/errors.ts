/** The broker is not connected right now (the caller keeps the work and tries again later). */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}

/** The broker returned a `mandatory` message: no queue is bound for its routing key. */
export class UnroutableError extends Error {
  override readonly name = 'UnroutableError';
}

/** The broker refused (nacked) a message, or did not confirm it in time. */
export class PublishNotConfirmedError extends Error {
  override readonly name = 'PublishNotConfirmedError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
