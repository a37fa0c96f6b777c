/** The `type` values of Stripe's error object this sandbox produces. */
export type StripeErrorType =
  | 'invalid_request_error'
  | 'card_error'
  | 'idempotency_error'
  | 'api_error'
  | 'authentication_error';

/**
 * An error answered in Stripe's shape, `{error: {type, code, message, param}}`, with the status
 * Stripe uses for it, so the official SDK raises its matching error class.
 */
export class StripeError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: StripeErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly declineCode?: string,
  ) {
    super(message);
  }

  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code !== undefined) error.code = this.code;
    if (this.param !== undefined) error.param = this.param;
    if (this.declineCode !== undefined) error.decline_code = this.declineCode;
    return { error };
  }
}

export const invalidParam = (param: string, message: string, code = 'parameter_invalid_string') =>
  new StripeError(400, 'invalid_request_error', message, code, param);

export const missingParam = (param: string) =>
  new StripeError(
    400,
    'invalid_request_error',
    `Missing required param: ${param}.`,
    'parameter_missing',
    param,
  );

export const unknownParam = (param: string) =>
  new StripeError(
    400,
    'invalid_request_error',
    `Received unknown parameter: ${param}`,
    'parameter_unknown',
    param,
  );

/** Stripe's 404 for an id it does not know, naming the kind of object asked for. */
export const noSuch = (kind: string, id: string, param = 'id') =>
  new StripeError(
    404,
    'invalid_request_error',
    `No such ${kind}: '${id}'`,
    'resource_missing',
    param,
  );
