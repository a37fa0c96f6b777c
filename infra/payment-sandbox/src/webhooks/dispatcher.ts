import type { Logger } from 'pino';
import { newId } from '../ids.js';
import type { EventRecord, SandboxState, WebhookEndpointRecord } from '../state.js';
import { representEvent } from '../events/representation.js';
import { signatureHeader } from './signature.js';

export interface DeliveryAttempt {
  /** Wall-clock milliseconds of the attempt. */
  at: number;
  statusCode: number | null;
  error: string | null;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: 'pending' | 'held' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
}

export type ReleaseOrder = 'sent' | 'reverse' | 'shuffle';

export interface DispatcherOptions {
  apiVersion: string;
  retryMs: number;
  maxAttempts: number;
  /** How long one POST may take before it counts as a network error. */
  timeoutMs?: number;
}

const MAX_KEPT_DELIVERIES = 10_000;

/**
 * Sends events to the registered endpoints the way Stripe does: a signed JSON POST per endpoint,
 * a 2xx acknowledges it, anything else (or no answer) is retried with doubling backoff up to
 * `maxAttempts`. First attempts to one endpoint go out one at a time in the order the events
 * happened; `flush()` waits for all first attempts, which is what makes the sandbox's
 * state-changing calls deterministic for tests. Pausing holds deliveries for a chaotic release;
 * drop rules lose deliveries on purpose.
 */
export class WebhookDispatcher {
  private readonly deliveries: Delivery[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private held: Delivery[] = [];
  private paused = false;
  private dropCount = 0;
  private dropTypes: string[] = [];
  private stopped = false;

  constructor(
    private readonly state: SandboxState,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  /** Queues the event for every endpoint subscribed to its type. */
  publish(event: EventRecord): void {
    const endpoints = [...this.state.webhookEndpoints.values()].filter(
      (endpoint) =>
        endpoint.enabledEvents.includes('*') || endpoint.enabledEvents.includes(event.type),
    );
    if (endpoints.length === 0) return;
    const dropped = this.takeDropRule(event.type);
    for (const endpoint of endpoints) {
      const delivery = this.track(event, endpoint);
      if (dropped) delivery.status = 'dropped';
      else if (this.paused) {
        delivery.status = 'held';
        this.held.push(delivery);
      } else this.enqueue(delivery);
    }
  }

  /** Sends the event again to every subscribed endpoint (a new delivery each). */
  resend(event: EventRecord): void {
    for (const endpoint of this.state.webhookEndpoints.values()) {
      if (!endpoint.enabledEvents.includes('*') && !endpoint.enabledEvents.includes(event.type)) {
        continue;
      }
      this.enqueue(this.track(event, endpoint));
    }
  }

  pause(): void {
    this.paused = true;
  }

  /** Stops holding and releases what was held in the given order, each twice with `duplicate`. */
  resume(order: ReleaseOrder, duplicate: boolean): number {
    this.paused = false;
    const released = this.held;
    this.held = [];
    if (order === 'reverse') released.reverse();
    if (order === 'shuffle') {
      for (let i = released.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [released[i], released[j]] = [released[j]!, released[i]!];
      }
    }
    for (const delivery of released) {
      delivery.status = 'pending';
      this.enqueue(delivery);
      if (duplicate) {
        const event = this.state.events.get(delivery.eventId);
        const endpoint = this.state.webhookEndpoints.get(delivery.endpointId);
        if (event && endpoint) this.enqueue(this.track(event, endpoint));
      }
    }
    return released.length;
  }

  /** Loses the next `count` events, or the next event of each listed type, without a trace. */
  drop(rule: { count?: number; types?: string[] }): void {
    if (rule.count !== undefined) this.dropCount += rule.count;
    if (rule.types !== undefined) this.dropTypes.push(...rule.types);
  }

  isPaused(): boolean {
    return this.paused;
  }

  /** Endpoints that have not acknowledged the event yet, Stripe's `pending_webhooks`. */
  pendingFor(eventId: string): number {
    return this.deliveries.filter(
      (delivery) => delivery.eventId === eventId && delivery.status !== 'delivered',
    ).length;
  }

  list(): Delivery[] {
    return this.deliveries.map((delivery) => ({
      ...delivery,
      attempts: delivery.attempts.map((attempt) => ({ ...attempt })),
    }));
  }

  /** Resolves once every first attempt queued so far has been made (retries are not awaited). */
  async flush(): Promise<void> {
    for (;;) {
      const pending = [...this.chains.values()];
      await Promise.all(pending);
      if ([...this.chains.values()].every((chain, index) => chain === pending[index])) return;
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private takeDropRule(type: string): boolean {
    const typeIndex = this.dropTypes.indexOf(type);
    if (typeIndex >= 0) {
      this.dropTypes.splice(typeIndex, 1);
      return true;
    }
    if (this.dropCount > 0) {
      this.dropCount -= 1;
      return true;
    }
    return false;
  }

  private track(event: EventRecord, endpoint: WebhookEndpointRecord): Delivery {
    const delivery: Delivery = {
      id: newId('whdel'),
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      url: endpoint.url,
      status: 'pending',
      attempts: [],
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_KEPT_DELIVERIES) this.deliveries.shift();
    return delivery;
  }

  private enqueue(delivery: Delivery): void {
    const previous = this.chains.get(delivery.endpointId) ?? Promise.resolve();
    this.chains.set(
      delivery.endpointId,
      previous.then(() => this.attempt(delivery)),
    );
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.stopped) return;
    const event = this.state.events.get(delivery.eventId);
    const endpoint = this.state.webhookEndpoints.get(delivery.endpointId);
    if (!event || !endpoint) {
      delivery.status = 'failed';
      return;
    }
    const payload = JSON.stringify(
      representEvent(
        event,
        endpoint.apiVersion ?? this.options.apiVersion,
        this.pendingFor(event.id),
      ),
      null,
      2,
    );
    // Signed with wall-clock time, not the sandbox clock: receivers check the timestamp against
    // their own clock (the SDK's tolerance is 300 s) and the sandbox clock may be days ahead.
    const timestamp = Math.floor(Date.now() / 1000);
    const attempt: DeliveryAttempt = { at: Date.now(), statusCode: null, error: null };
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signatureHeader(payload, endpoint.secret, timestamp),
        },
        body: payload,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      attempt.statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    delivery.attempts.push(attempt);
    const ok = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
    if (ok) {
      delivery.status = 'delivered';
      return;
    }
    this.logger.warn(
      {
        eventId: event.id,
        type: event.type,
        url: endpoint.url,
        statusCode: attempt.statusCode,
        error: attempt.error,
      },
      'webhook delivery failed',
    );
    if (delivery.attempts.length >= this.options.maxAttempts || this.stopped) {
      delivery.status = 'failed';
      return;
    }
    const delayMs = this.options.retryMs * 2 ** (delivery.attempts.length - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // A retry that falls due while paused is held like a new delivery.
      if (this.paused) {
        delivery.status = 'held';
        this.held.push(delivery);
      } else void this.attempt(delivery);
    }, delayMs);
    this.timers.add(timer);
  }
}
