import type { Logger } from 'pino';
import type { SandboxClock } from './clock.js';
import type { SandboxConfig } from './config.js';
import { STRIPE_API_VERSION } from './constants.js';
import { newId } from './ids.js';
import type { EventRecord, SandboxState } from './state.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';

/** What started a change: an API request (with its idempotency key) or the sandbox itself. */
export type EventCause = { id: string | null; idempotency_key: string | null } | null;

/** The running emulator: its records, its clock, and the webhook sender, shared by all features. */
export class Sandbox {
  /** The API version of every object and event, the one stripe-node 23.2.0 pins. */
  readonly apiVersion = STRIPE_API_VERSION;

  constructor(
    readonly config: SandboxConfig,
    readonly state: SandboxState,
    readonly clock: SandboxClock,
    readonly webhooks: WebhookDispatcher,
    readonly logger: Logger,
  ) {}

  /**
   * Records an event with a deep snapshot of `object` as it is now and hands it to the webhook
   * sender, as Stripe does on every change.
   */
  emit(
    type: string,
    object: unknown,
    cause: EventCause,
    previousAttributes?: Record<string, unknown>,
  ): EventRecord {
    const event: EventRecord = {
      id: newId('evt'),
      type,
      created: this.clock.now(),
      object: structuredClone(object),
      previousAttributes:
        previousAttributes === undefined ? undefined : structuredClone(previousAttributes),
      request: cause,
    };
    this.state.events.set(event.id, event);
    this.webhooks.publish(event);
    return event;
  }
}
