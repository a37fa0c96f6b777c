import { createKavoshClient } from '@kavosh/client';
import type { TestWebSocket } from '@kavosh/testing';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when there is none. */
  body: T;
  /** The raw text, for failure messages. */
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A small JSON client of the gateway: every journey request goes through it. */
export function gatewayClient(base: string) {
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body: body as T, text };
  }
  // The client generated from the merged OpenAPI (@kavosh/client): a call it types does not
  // compile unless the documented API has that path, those parameters and that body.
  const typed = createKavoshClient({
    baseUrl: base,
    fetch: (request) => fetch(new Request(request, { redirect: 'manual' })),
  });
  return {
    base,
    typed,
    call,
    get: <T = Record<string, unknown>>(path: string, opts?: CallOptions) =>
      call<T>('GET', path, opts),
    post: <T = Record<string, unknown>>(path: string, opts?: CallOptions) =>
      call<T>('POST', path, opts),
    put: <T = Record<string, unknown>>(path: string, opts?: CallOptions) =>
      call<T>('PUT', path, opts),
    patch: <T = Record<string, unknown>>(path: string, opts?: CallOptions) =>
      call<T>('PATCH', path, opts),
    delete: <T = Record<string, unknown>>(path: string, opts?: CallOptions) =>
      call<T>('DELETE', path, opts),
  };
}
export type GatewayClient = ReturnType<typeof gatewayClient>;

/** The bearer header of a typed call. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * A typed call's outcome as an Answer: the documented success body, or on an error the problem
 * (read through `status` and `code`, as the untyped calls do).
 */
export function answerOf<D, E>(result: { data?: D; error?: E; response: Response }): Answer<D> {
  const body = (result.error ?? result.data) as D;
  return {
    status: result.response.status,
    headers: result.response.headers,
    body,
    text: body === undefined ? '' : JSON.stringify(body),
  };
}

/** `status`, plus the body when it is not the expected one (so a failure shows the problem). */
export const statusOf = (answer: Answer<unknown>) => ({
  status: answer.status,
  ...(answer.status >= 400 ? { problem: answer.text.slice(0, 500) } : {}),
});

/**
 * The next frame the socket receives that `match` accepts; frames it skips are returned too, in
 * order. Rejects after `withinMs` so a missing frame fails the step instead of hanging it.
 */
export async function nextFrame(
  ws: TestWebSocket,
  match: (frame: Record<string, unknown>) => boolean,
  withinMs = 20_000,
): Promise<{ frame: Record<string, unknown>; skipped: Record<string, unknown>[] }> {
  const skipped: Record<string, unknown>[] = [];
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`no matching frame within ${withinMs} ms; got ${JSON.stringify(skipped)}`),
        ),
      withinMs,
    );
  });
  try {
    for (;;) {
      const frame = await Promise.race([ws.next(), deadline]);
      if (match(frame)) return { frame, skipped };
      skipped.push(frame);
    }
  } finally {
    clearTimeout(timer);
  }
}
