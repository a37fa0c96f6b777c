import { request as httpRequest, type Agent } from 'node:http';
import type { FuzzRequest } from './cases.js';

/** What came back for one request: a response, or why none did. */
export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Set when no response arrived (reset, timeout). */
  transportError?: string;
}

/** Largest body kept for the checks (problems and stack traces fit well within it). */
const KEEP_BYTES = 256 * 1024;

/**
 * Sends a request exactly as generated: node:http writes the path and headers verbatim (fetch
 * would normalise `..` and encode what the fuzzer wants raw), repeats a header given twice, and
 * sends no content-type the case did not set.
 */
export function send(
  base: URL,
  fuzz: FuzzRequest,
  agent: Agent,
  timeoutMs: number,
): Promise<FuzzAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: FuzzAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of fuzz.headers) {
      const existing = headers[name];
      headers[name] = existing === undefined ? value : [existing, value].flat();
    }
    if (fuzz.body) headers['content-length'] = String(fuzz.body.length);
    let req;
    try {
      req = httpRequest({
        host: base.hostname,
        port: base.port,
        method: fuzz.method,
        path: fuzz.path,
        headers,
        agent,
        timeout: timeoutMs,
      });
    } catch (err) {
      // The client itself refused to write it (a character node:http will not send).
      done({ status: -1, contentType: '', body: '', transportError: String(err) });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < KEEP_BYTES) chunks.push(chunk);
        kept += chunk.length;
      });
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (err) =>
        done({
          status: res.statusCode ?? 0,
          contentType: '',
          body: '',
          transportError: String(err),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) =>
      done({ status: 0, contentType: '', body: '', transportError: String(err) }),
    );
    req.end(fuzz.body);
  });
}

/** Runs `work` over `items` with at most `concurrency` in flight, keeping the order of results. */
export async function inParallel<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const at = next;
      next += 1;
      results[at] = await work(items[at] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
