import type { AsyncResource } from 'node:async_hooks';
import { util } from 'undici';

/** Answers with a declared length up to this are read whole and sent on as one buffer. */
export const BUFFERED_ANSWER_MAX_BYTES = 64 * 1024;

// The handler interface undici's own request API gives a dispatcher (its legacy callbacks).
export interface CallHandler {
  onConnect?(abort: (err?: Error) => void, context?: object): void;
  onHeaders?(status: number, headers: Buffer[], resume: () => void, text: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(err: Error): void;
}

/** undici's RequestHandler (api-request.js): an AsyncResource with the legacy callbacks. */
export type RequestHandler = CallHandler & Pick<AsyncResource, 'runInAsyncScope'>;

/** What undici's request API calls back with; reply-from reads statusCode, headers and body. */
export type RequestCallback = (
  err: Error | null,
  data?: { statusCode: number; headers: Record<string, string | string[]>; body: unknown },
) => void;

/**
 * An upstream answer read whole. reply-from passes it on as the body, and the proxy's onResponse
 * sends `payload` as one buffer (routes.ts).
 */
export class BufferedAnswer {
  constructor(readonly payload: Buffer) {}

  /** reply-from destroys the body of an answer whose client has gone: here nothing is left open. */
  destroy(): void {}
}

/** The declared content-length of raw answer headers, or undefined. */
function declaredLength(raw: Buffer[]): number | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name !== undefined && value !== undefined) {
      if (util.headerNameToString(name) === 'content-length') return Number(value.toString());
    }
  }
  return undefined;
}

/**
 * In front of undici's RequestHandler for one proxied request. An answer with a content-length of
 * at most BUFFERED_ANSWER_MAX_BYTES (and a body: not 1xx, 204 or 304) is collected here and handed
 * over complete as a BufferedAnswer: Fastify then writes head and body at once, instead of piping
 * a stream (a Readable, a pipe, end-of-stream listeners and a write per chunk: about a tenth of the
 * gateway's CPU per request, docs/gateway.md). Any other answer goes to undici's handler and
 * streams as before, with backpressure. A small answer that fails before its end is an error (the
 * client gets 502 or 504), never a cut-off body.
 */
export class SmallAnswers implements CallHandler {
  #status = 0;
  #rawHeaders: Buffer[] | undefined;
  #chunks: Buffer[] | undefined;

  constructor(
    readonly inner: RequestHandler,
    readonly callback: RequestCallback,
  ) {}

  onConnect(abort: (err?: Error) => void, context?: object): void {
    this.inner.onConnect?.(abort, context);
  }

  onHeaders(status: number, headers: Buffer[], resume: () => void, text: string): boolean {
    if (status >= 200 && status !== 204 && status !== 304) {
      const length = declaredLength(headers);
      if (length !== undefined && length <= BUFFERED_ANSWER_MAX_BYTES) {
        this.#status = status;
        this.#rawHeaders = headers;
        this.#chunks = [];
        return true;
      }
    }
    return this.inner.onHeaders?.(status, headers, resume, text) ?? true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#chunks === undefined) return this.inner.onData?.(chunk) ?? true;
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(trailers: Buffer[] | null): void {
    const chunks = this.#chunks;
    if (chunks === undefined || this.#rawHeaders === undefined) {
      this.inner.onComplete?.(trailers);
      return;
    }
    const payload = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
    const headers = util.parseHeaders(this.#rawHeaders) as Record<string, string | string[]>;
    // In the request's async context, as undici's handler would call back.
    this.inner.runInAsyncScope(this.callback, null, null, {
      statusCode: this.#status,
      headers,
      body: new BufferedAnswer(payload),
    });
  }

  /** Before the callback: undici's handler answers it with the error (and ends the request body). */
  onError(err: Error): void {
    this.#chunks = undefined;
    this.inner.onError?.(err);
  }
}
