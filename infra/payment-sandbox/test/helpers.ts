import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@kavosh/testing';
import { pino } from 'pino';
import Stripe from 'stripe';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import type { Sandbox } from '../src/sandbox.js';

export const API_KEY = 'sk_test_sandbox';

/** Parsed JSON answers of the `_sandbox` API and the pay route, read field by field in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export const DAY = 24 * 60 * 60;

/** Waits until no delivery is waiting for its first attempt (API calls do not wait for them). */
export async function deliveriesSettled(running: RunningSandbox): Promise<void> {
  await eventually(async () => {
    const { body } = await running.call('GET', '/_sandbox/deliveries');
    const waiting = (body.data as { status: string; attempts: unknown[] }[]).filter(
      (delivery) => delivery.status === 'pending' && delivery.attempts.length === 0,
    );
    if (waiting.length > 0) throw new Error(`${waiting.length} deliveries not attempted yet`);
  });
}

export interface RunningSandbox {
  url: string;
  stripe: Stripe;
  sandbox: Sandbox;
  /** A call to the sandbox with the API key and a JSON body; answers status and parsed JSON. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/** The sandbox app listening in this process on a free port, and an SDK client pointed at it. */
export async function startSandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  const config = readConfig({ HOST: '127.0.0.1', PORT: '0', ...env });
  const { app, sandbox } = buildApp(config, pino({ level: 'silent' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // Session URLs must name the port the OS picked.
  (config as { publicUrl: string }).publicUrl = url;
  const stripe = new Stripe(API_KEY, {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    // Retries would hide what the sandbox answered the first time.
    maxNetworkRetries: 0,
  });
  return {
    url,
    stripe,
    sandbox,
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${API_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    close: () => app.close(),
  };
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A tiny HTTP server standing in for billing's webhook route. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Decides each answer's status; 200 unless a test says otherwise. */
  respond: (webhook: ReceivedWebhook) => number = () => 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let rawBody = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (rawBody += chunk));
      request.on('end', () => {
        const webhook = { path: request.url ?? '', headers: request.headers, rawBody };
        this.received.push(webhook);
        response.statusCode = this.respond(webhook);
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks`;
    return this;
  }

  /** Every received webhook verified with the SDK like billing verifies it, in arrival order. */
  events(stripe: Stripe, secret: string): Stripe.Event[] {
    return this.received.map((webhook) =>
      stripe.webhooks.constructEvent(
        webhook.rawBody,
        String(webhook.headers['stripe-signature']),
        secret,
      ),
    );
  }

  types(stripe: Stripe, secret: string): string[] {
    return this.events(stripe, secret).map((event) => event.type);
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** A running sandbox with one webhook endpoint registered through the API, and its receiver. */
export async function startSandboxWithReceiver(env: Record<string, string> = {}) {
  const receiver = await new WebhookReceiver().start();
  const running = await startSandbox(env);
  const endpoint = await running.stripe.webhookEndpoints.create({
    url: receiver.url,
    enabled_events: ['*'],
  });
  return { ...running, receiver, secret: endpoint.secret!, endpoint };
}

/** A monthly subscription checkout as billing's adapter creates it. */
export function subscriptionCheckout(
  customer: string,
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'subscription',
    customer,
    client_reference_id: 'local-sub-1',
    metadata: { subscriptionId: 'local-sub-1', userId: 'user-1' },
    success_url: 'https://app.example/billing/success?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://app.example/billing/cancel',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: 'eur',
          unit_amount: 999,
          recurring: { interval: 'month' },
          product_data: { name: 'Premium', metadata: { planId: 'plan-premium' } },
        },
      },
    ],
    subscription_data: { metadata: { subscriptionId: 'local-sub-1', userId: 'user-1' } },
    ...overrides,
  };
}

export async function payJson(url: string, sessionId: string, card: string) {
  const response = await fetch(`${url}/checkout/${sessionId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}
