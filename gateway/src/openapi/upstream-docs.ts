import type { FastifyBaseLogger } from 'fastify';
import { asOpenApiDocument, type OpenApiDocument } from './merge.js';

/** A service's document is small; anything bigger is refused rather than held in memory. */
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export interface UpstreamDocsOptions {
  /** Service name → base URL; each serves GET /openapi.json (the kit does). */
  upstreams: Record<string, string>;
  timeoutMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  refreshMs: number;
  log: FastifyBaseLogger;
  now?: () => number;
}

interface UpstreamState {
  name: string;
  url: URL;
  doc: OpenApiDocument | null;
  fetchedAt: Date | null;
  failures: number;
  lastAttemptAt: number;
  nextAttemptAt: number;
  inFlight: Promise<void> | null;
}

export interface UpstreamDocSnapshot {
  name: string;
  doc: OpenApiDocument | null;
  fetchedAt: Date | null;
}

async function fetchDocument(url: URL, timeoutMs: number): Promise<OpenApiDocument> {
  const res = await fetch(url, {
    headers: { accept: 'application/json' },
    // The document comes from the configured upstream itself, never from where it points.
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const length = Number(res.headers.get('content-length') ?? 0);
  if (res.status !== 200 || length > MAX_DOCUMENT_BYTES) {
    await res.body?.cancel();
    throw new Error(res.status !== 200 ? `status ${res.status}` : 'document too large');
  }
  const text = await res.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error('document too large');
  return asOpenApiDocument(JSON.parse(text));
}

/**
 * Keeps each upstream's OpenAPI document. Fetching never blocks startup: `start()` fetches in the
 * background; an upstream that fails is retried on a timer with exponential backoff (retryMinMs
 * doubling to retryMaxMs), a loaded one is fetched again every refreshMs, and `refreshStale()`
 * (called when someone asks for the merged document) fetches what is due at once, so a service
 * that comes up later appears without waiting for the timer.
 */
export function createUpstreamDocs(opts: UpstreamDocsOptions) {
  const now = opts.now ?? Date.now;
  const states: UpstreamState[] = Object.entries(opts.upstreams).map(([name, base]) => ({
    name,
    url: new URL('/openapi.json', base),
    doc: null,
    fetchedAt: null,
    failures: 0,
    lastAttemptAt: 0,
    nextAttemptAt: 0,
    inFlight: null,
  }));
  let version = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  const attempt = (state: UpstreamState): Promise<void> => {
    state.inFlight ??= (async () => {
      state.lastAttemptAt = now();
      try {
        const doc = await fetchDocument(state.url, opts.timeoutMs);
        if (state.failures > 0 || !state.doc) {
          opts.log.info({ upstream: state.name }, 'upstream OpenAPI document loaded');
        }
        state.doc = doc;
        state.fetchedAt = new Date(now());
        state.failures = 0;
        state.nextAttemptAt = now() + opts.refreshMs;
        version += 1;
      } catch (err) {
        state.failures += 1;
        const backoff = Math.min(opts.retryMaxMs, opts.retryMinMs * 2 ** (state.failures - 1));
        state.nextAttemptAt = now() + backoff;
        // One warning per outage; the retries that follow would only repeat it. A document
        // fetched before is kept: a service restarting does not empty the merged document.
        const level = state.failures === 1 ? 'warn' : 'debug';
        // One line, no stack: at startup every service is expected to be missing for a moment.
        const cause =
          err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        const reason = err instanceof Error ? `${err.message}${cause}` : String(err);
        opts.log[level](
          { upstream: state.name, reason, retryInMs: backoff },
          'upstream OpenAPI document unavailable',
        );
      } finally {
        state.inFlight = null;
      }
    })();
    return state.inFlight;
  };

  const schedule = () => {
    clearTimeout(timer);
    if (!running) return;
    const next = Math.min(...states.map((state) => state.nextAttemptAt));
    timer = setTimeout(
      () => {
        void refreshDue().then(schedule);
      },
      Math.max(0, next - now()),
    );
    // The timer never keeps the process alive on its own.
    timer.unref();
  };

  const refreshDue = async (): Promise<void> => {
    const due = states.filter((state) => state.nextAttemptAt <= now());
    await Promise.all(due.map(attempt));
  };

  return {
    /** Fetches every document in the background and keeps them fresh; returns at once. */
    start(): void {
      running = true;
      void refreshDue().then(schedule);
    },
    stop(): void {
      running = false;
      clearTimeout(timer);
    },
    /**
     * Fetches now what is due, and any missing document not tried in the last retryMinMs
     * (backoff slows the timer, not a person who has just started a service); waits at most
     * the fetch timeout.
     */
    async refreshStale(): Promise<void> {
      const at = now();
      const stale = states.filter(
        (state) =>
          state.nextAttemptAt <= at || (!state.doc && at - state.lastAttemptAt >= opts.retryMinMs),
      );
      await Promise.all(stale.map(attempt));
      if (stale.length > 0) schedule();
    },
    /** Bumped whenever a document is (re)loaded, so a merged copy knows when to rebuild. */
    version: (): number => version,
    snapshot: (): UpstreamDocSnapshot[] =>
      states.map(({ name, doc, fetchedAt }) => ({ name, doc, fetchedAt })),
  };
}

export type UpstreamDocs = ReturnType<typeof createUpstreamDocs>;
