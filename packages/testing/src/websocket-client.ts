import { WebSocket } from 'ws';

/** A WebSocket client that queues every JSON message from the start (one may ride with the handshake). */
export type TestWebSocket = WebSocket & { next(): Promise<Record<string, unknown>> };

/**
 * Opens a WebSocket; resolves once open, or rejects with an Error carrying the refused upgrade's
 * `status` and `body`.
 */
export function connectWebSocket(url: string): Promise<TestWebSocket> {
  return new Promise((resolve, reject) => {
    const queue: Record<string, unknown>[] = [];
    const waiting: ((message: Record<string, unknown>) => void)[] = [];
    const ws = Object.assign(new WebSocket(url), {
      next: () =>
        new Promise<Record<string, unknown>>((done) => {
          const queued = queue.shift();
          if (queued) done(queued);
          else waiting.push(done);
        }),
    });
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else queue.push(message);
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
            status: res.statusCode ?? 0,
            body,
          }),
        ),
      );
    });
    ws.once('error', reject);
  });
}
