import { Dispatcher, Pool, errors } from 'undici';
import type { UpstreamObserver } from '../observability/upstream-metrics.js';
import {
  SmallAnswers,
  type CallHandler,
  type RequestCallback,
  type RequestHandler,
} from './buffered-answer.js';

export interface UpstreamLimits {
  /** Keep-alive connections to the upstream. */
  connections: number;
  /** Requests in flight on each connection. */
  pipelining: number;
  /** Dispatch → response headers, waiting for a free connection included; and between body chunks. */
  timeoutMs: number;
  /** Dispatch → the last byte of the answer. */
  deadlineMs: number;
}

/**
 * One upstream's keep-alive pool, with two bounds undici's pool does not have:
 *
 * - a request waits for a free connection in a queue of ours, and the upstream timeout runs from
 *   the moment it was dispatched: one that gets neither a connection nor the upstream's headers in
 *   time fails with a headers timeout (the client's 504) without waiting for a connection, and
 *   never reaches the upstream (undici's own headersTimeout only starts once a request is written,
 *   and a request in its queue cannot be withdrawn without destroying a connection);
 * - the whole answer must be over within `deadlineMs` of dispatch: bodyTimeout only bounds the
 *   gap between two chunks, so an upstream that drips would otherwise hold the client forever.
 *
 * It also measures each upstream request (dispatch → headers, or failure) for the metrics, and
 * hands small answers over whole (SmallAnswers, buffered-answer.ts).
 */
export class UpstreamDispatcher extends Dispatcher {
  readonly #pool: Pool;
  readonly #capacity: number;
  readonly #waiting: UpstreamCall[] = [];
  #active = 0;
  readonly headersWithinMs: number;
  readonly deadlineMs: number;

  constructor(
    origin: string,
    limits: UpstreamLimits,
    readonly observer: UpstreamObserver,
  ) {
    super();
    this.#pool = new Pool(origin, {
      connections: limits.connections,
      pipelining: limits.pipelining,
      headersTimeout: limits.timeoutMs,
      bodyTimeout: limits.timeoutMs,
    });
    this.#capacity = limits.connections * limits.pipelining;
    this.headersWithinMs = Math.min(limits.timeoutMs, limits.deadlineMs);
    this.deadlineMs = limits.deadlineMs;
  }

  override request<TOpaque = null>(
    options: Dispatcher.RequestOptions<TOpaque>,
    callback: (err: Error | null, data: Dispatcher.ResponseData<TOpaque>) => void,
  ): void;
  override request<TOpaque = null>(
    options: Dispatcher.RequestOptions<TOpaque>,
  ): Promise<Dispatcher.ResponseData<TOpaque>>;
  /** undici's request API (what reply-from calls), with small answers read whole. */
  override request<TOpaque = null>(
    options: Dispatcher.RequestOptions<TOpaque>,
    callback?: (err: Error | null, data: Dispatcher.ResponseData<TOpaque>) => void,
  ): Promise<Dispatcher.ResponseData<TOpaque>> | void {
    if (callback === undefined) return super.request(options);
    // undici's request API builds its handler (checks, async context, the streamed body) and
    // passes it to `dispatch`: taken here, so that SmallAnswers stands in front of it.
    let inner: RequestHandler | undefined;
    const capture = {
      dispatch: (_opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        inner = handler as RequestHandler;
        return true;
      },
    };
    Reflect.apply(Dispatcher.prototype.request, capture, [options, callback]);
    // Refused options: undici has called back with the error.
    if (inner === undefined) return;
    // reply-from reads statusCode, headers and body only, which SmallAnswers gives it.
    this.#admit(
      new UpstreamCall(
        this,
        options,
        new SmallAnswers(inner, callback as unknown as RequestCallback),
      ),
    );
  }

  override dispatch(
    opts: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    this.#admit(new UpstreamCall(this, opts, handler as CallHandler));
    return true;
  }

  #admit(call: UpstreamCall): void {
    if (this.#active < this.#capacity) this.#start(call);
    else this.#waiting.push(call);
  }

  #start(call: UpstreamCall): void {
    this.#active++;
    call.started = true;
    this.#pool.dispatch(call.opts, call as Dispatcher.DispatchHandler);
  }

  /** A started call is over: the oldest one still waiting takes its place. */
  released(): void {
    this.#active--;
    for (let next = this.#waiting.shift(); next !== undefined; next = this.#waiting.shift()) {
      // One that timed out while waiting was answered already.
      if (!next.settled) return this.#start(next);
    }
  }

  /** Requests waiting for a connection right now (not yet sent). */
  get waiting(): number {
    return this.#waiting.length;
  }

  override close(): Promise<void> {
    return this.#pool.close();
  }

  override destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}

/** One request to the upstream: its timers and metrics, around undici's handler. */
class UpstreamCall {
  started = false;
  /** The handler has had its last word (completed, failed, or answered by our timeout). */
  settled = false;
  #released = false;
  #headersSeen = false;
  #abort: ((err?: Error) => void) | undefined;
  #lateError: Error | undefined;
  // Both with a fixed duration: Node keeps one list per duration, so each is appended to a list
  // that exists (a duration computed per request would make a list, and a heap entry, for each).
  #headersTimer: NodeJS.Timeout;
  #deadlineTimer: NodeJS.Timeout;
  readonly #sentAt = performance.now();

  constructor(
    readonly owner: UpstreamDispatcher,
    readonly opts: Dispatcher.DispatchOptions,
    readonly handler: CallHandler,
  ) {
    this.#headersTimer = setTimeout(headersLate, owner.headersWithinMs, this);
    this.#deadlineTimer = setTimeout(answerLate, owner.deadlineMs, this);
  }

  onConnect(abort: (err?: Error) => void, context?: object): void {
    // It timed out while its connection was being opened, and its client has its 504.
    if (this.#lateError !== undefined) return abort(this.#lateError);
    this.#abort = abort;
    this.handler.onConnect?.(abort, context);
  }

  onHeaders(status: number, headers: Buffer[], resume: () => void, text: string): boolean {
    clearTimeout(this.#headersTimer);
    this.#headersSeen = true;
    this.owner.observer.answered(status, (performance.now() - this.#sentAt) / 1000);
    return this.handler.onHeaders?.(status, headers, resume, text) ?? true;
  }

  onData(chunk: Buffer): boolean {
    return this.handler.onData?.(chunk) ?? true;
  }

  onComplete(trailers: Buffer[] | null): void {
    this.#release();
    this.settled = true;
    this.handler.onComplete?.(trailers);
  }

  onError(err: Error): void {
    this.#release();
    // Answered already by our timeout, while it waited for a connection.
    if (this.settled) return;
    this.#fail(err);
  }

  /** No headers in time: fail it now, on a connection or still waiting for one. */
  timeOut(): void {
    const err = new errors.HeadersTimeoutError(
      `no answer from the upstream within ${this.owner.headersWithinMs} ms`,
    );
    // On a connection: undici fails it through onError (and closes that connection).
    if (this.#abort !== undefined) return this.#abort(err);
    // Still waiting: our queue skips it, and undici's, if it is in one, has it aborted in
    // onConnect; its connection slot is free once undici is done with it (onError).
    this.#lateError = err;
    this.#fail(err);
  }

  /** The whole answer is late: before its headers a timeout (504), after them it is cut off. */
  cutOff(): void {
    if (!this.#headersSeen) return this.timeOut();
    this.#abort?.(new errors.BodyTimeoutError(`the answer took over ${this.owner.deadlineMs} ms`));
  }

  #fail(err: Error): void {
    clearTimeout(this.#headersTimer);
    clearTimeout(this.#deadlineTimer);
    this.settled = true;
    if (!this.#headersSeen) this.owner.observer.failed((performance.now() - this.#sentAt) / 1000);
    this.handler.onError?.(err);
  }

  /** undici is done with it: its connection slot goes to the next waiting call. */
  #release(): void {
    clearTimeout(this.#headersTimer);
    clearTimeout(this.#deadlineTimer);
    if (this.started && !this.#released) {
      this.#released = true;
      this.owner.released();
    }
  }
}

// Timer callbacks get the call as their argument: no closure per request.
function headersLate(call: UpstreamCall): void {
  call.timeOut();
}

function answerLate(call: UpstreamCall): void {
  call.cutOff();
}
