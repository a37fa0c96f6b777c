import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../../infra/payment-sandbox/src/main.ts', import.meta.url));
const API_KEY = 'sk_test_sandbox';
const START_TIMEOUT_MS = 30_000;

export interface PaymentSandboxOptions {
  /** Registered at startup for every event type, signed with `webhookSecret`. */
  webhookUrl?: string;
  /** Extra environment for the sandbox (`SANDBOX_RETRY_DAYS`, `SANDBOX_WEBHOOK_RETRY_MS`, ...). */
  env?: Record<string, string>;
}

export interface SandboxDelivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'held' | 'delivered' | 'failed' | 'dropped';
  statusCode: number | null;
  attempts: { at: number; statusCode: number | null; error: string | null }[];
}

export interface SandboxPayment {
  status: 'succeeded';
  subscriptionId: string;
  invoiceId: string;
  customerId: string;
}

export interface PaymentSandbox {
  url: string;
  host: string;
  port: number;
  apiKey: string;
  /** What `new Stripe(apiKey, {...})` needs to talk to the sandbox. */
  stripeConfig: { host: string; port: number; protocol: 'http'; apiKey: string };
  /** The signing secret of the startup endpoint, when `webhookUrl` was given. */
  webhookSecret?: string;
  stop(): Promise<void>;
  /** Walks the sandbox clock forward; resolves after the walk's webhooks were attempted once. */
  advanceClock(seconds: number): Promise<{ now: number; steps: number; events: number }>;
  clock(): Promise<{ now: number }>;
  /** Pays a checkout session with a test card; rejects with the sandbox's error on a decline. */
  pay(sessionId: string, card?: string): Promise<SandboxPayment>;
  pauseWebhooks(): Promise<void>;
  resumeWebhooks(opts?: {
    order?: 'sent' | 'reverse' | 'shuffle';
    duplicate?: boolean;
  }): Promise<{ released: number }>;
  dropWebhooks(opts: { count?: number; types?: string[] }): Promise<void>;
  resend(eventId: string): Promise<void>;
  deliveries(filter?: { event?: string; type?: string }): Promise<SandboxDelivery[]>;
  state(): Promise<{
    customers: number;
    sessions: number;
    subscriptions: number;
    invoices: number;
    events: number;
    webhookEndpoints: number;
    clock: number;
  }>;
  setCard(customerId: string, card: string): Promise<void>;
}

/** An error answer from the sandbox, with Stripe's error object. */
export class PaymentSandboxError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: { error?: { type?: string; code?: string; message?: string } },
  ) {
    super(`payment sandbox answered ${statusCode}: ${body.error?.message ?? JSON.stringify(body)}`);
  }
}

/**
 * Spawns the payment sandbox (infra/payment-sandbox) from source as a real child process on a
 * free port and waits until it answers. Each call is a separate sandbox with its own state.
 */
export async function startPaymentSandbox(
  opts: PaymentSandboxOptions = {},
): Promise<PaymentSandbox> {
  const host = '127.0.0.1';
  const port = await freePort();
  const url = `http://${host}:${port}`;
  // A secret the caller passes in env wins, and is the one reported back.
  const webhookSecret =
    opts.webhookUrl === undefined
      ? undefined
      : (opts.env?.SANDBOX_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString('hex')}`);
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ENTRY], {
    cwd: REPO_ROOT,
    env: {
      HOST: host,
      PORT: String(port),
      SANDBOX_API_KEY: API_KEY,
      LOG_LEVEL: 'warn',
      ...(opts.webhookUrl === undefined
        ? {}
        : { SANDBOX_WEBHOOK_URL: opts.webhookUrl, SANDBOX_WEBHOOK_SECRET: webhookSecret ?? '' }),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`payment sandbox exited with ${child.exitCode} while starting:\n${output}`);
    }
    const ready = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`payment sandbox did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${API_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T;
    if (!response.ok) throw new PaymentSandboxError(response.status, answer as never);
    return answer;
  };

  return {
    url,
    host,
    port,
    apiKey: API_KEY,
    stripeConfig: { host, port, protocol: 'http', apiKey: API_KEY },
    ...(webhookSecret === undefined ? {} : { webhookSecret }),
    stop,
    advanceClock: (seconds) => call('POST', '/_sandbox/clock/advance', { seconds }),
    clock: () => call('GET', '/_sandbox/clock'),
    pay: (sessionId, card = '4242424242424242') =>
      call('POST', `/_sandbox/checkout/${encodeURIComponent(sessionId)}/pay`, { card }),
    pauseWebhooks: async () => {
      await call('POST', '/_sandbox/webhooks/pause', {});
    },
    resumeWebhooks: (resumeOpts = {}) => call('POST', '/_sandbox/webhooks/resume', resumeOpts),
    dropWebhooks: async (dropOpts) => {
      await call('POST', '/_sandbox/webhooks/drop', dropOpts);
    },
    resend: async (eventId) => {
      await call('POST', `/_sandbox/events/${encodeURIComponent(eventId)}/resend`, {});
    },
    deliveries: async (filter = {}) => {
      const query = new URLSearchParams(filter as Record<string, string>).toString();
      const answer = await call<{ data: SandboxDelivery[] }>(
        'GET',
        `/_sandbox/deliveries${query ? `?${query}` : ''}`,
      );
      return answer.data;
    },
    state: () => call('GET', '/_sandbox/state'),
    setCard: async (customerId, card) => {
      await call('POST', `/_sandbox/customers/${encodeURIComponent(customerId)}/card`, { card });
    },
  };
}
