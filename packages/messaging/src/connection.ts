import { EventEmitter } from 'node:events';
import { connect, type ChannelModel, type ConfirmChannel, type Channel } from 'amqplib';
import type { Logger } from 'pino';
import {
  BrokerUnavailableError,
  PublishNotConfirmedError,
  UnroutableError,
  errorMessage,
} from './errors.js';
import { amqpUser } from './publishers.js';

export interface BrokerOptions {
  /** amqp://user:pass@host:port/vhost */
  url: string;
  /** Shown in the RabbitMQ management UI (client property `connection_name`). */
  name: string;
  logger: Logger;
  heartbeatSeconds?: number;
  /** How long `connect` keeps trying before it throws. */
  startupTimeoutMs?: number;
  reconnectInitialDelayMs?: number;
  reconnectMaxDelayMs?: number;
  /** A confirm that does not arrive within this is a failed publish. */
  publishTimeoutMs?: number;
}

export interface PublishOptions {
  messageId: string;
  headers?: Record<string, unknown>;
  type?: string;
  /** Unroutable messages are returned and fail the publish. Default true. */
  mandatory?: boolean;
}

/** Runs on every (re)connection, in registration order; a throw drops the connection and retries. */
export type ConnectHook = (conn: ChannelModel) => Promise<void>;

/**
 * One RabbitMQ connection per process: heartbeats, reconnect with exponential backoff and jitter,
 * a confirm channel for publishing, and hooks that re-create consumers after each reconnect.
 * Emits 'connected', 'disconnected' (err) and 'reconnect-scheduled' ({ attempt, delayMs }).
 */
export class Broker extends EventEmitter {
  readonly #opts: Required<Omit<BrokerOptions, 'logger'>>;
  readonly #log: Logger;
  readonly #hooks: ConnectHook[] = [];
  #conn: ChannelModel | null = null;
  #pub: Promise<ConfirmChannel> | null = null;
  #returned = new Map<string, string>();
  #closing = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  /** True while the connect hooks run on a new connection: it is not usable yet. */
  #opening = false;

  private constructor(opts: BrokerOptions) {
    super();
    this.#log = opts.logger.child({ component: 'broker' });
    this.#opts = {
      heartbeatSeconds: 10,
      startupTimeoutMs: 30_000,
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 10_000,
      publishTimeoutMs: 10_000,
      ...opts,
    };
  }

  /** Connects (retrying with backoff up to startupTimeoutMs); throws the last error after that. */
  static async connect(opts: BrokerOptions): Promise<Broker> {
    const broker = new Broker(opts);
    const deadline = Date.now() + broker.#opts.startupTimeoutMs;
    for (;;) {
      try {
        await broker.#open();
        return broker;
      } catch (err) {
        if (Date.now() + broker.#delay() > deadline) throw err;
        broker.#log.warn({ err }, 'broker not reachable yet');
        await new Promise((resolve) => setTimeout(resolve, broker.#delay()));
        broker.#attempt += 1;
      }
    }
  }

  /** The RabbitMQ user this connection authenticates as: the `user_id` of everything it publishes. */
  get user(): string {
    return amqpUser(this.#opts.url);
  }

  /**
   * Returns at once and connects in the background, retrying with backoff until close(): a process
   * starts while the broker is down. Hooks registered meanwhile run once it connects.
   */
  static start(opts: BrokerOptions): Broker {
    const broker = new Broker(opts);
    broker.#open().catch((err: unknown) => {
      if (broker.#closing) return;
      broker.#log.warn({ err }, 'broker not reachable yet; retrying in the background');
      broker.#scheduleReconnect();
    });
    return broker;
  }

  /** Connected, and every connect hook (topology, consumers) has run on this connection. */
  get connected(): boolean {
    return this.#conn !== null && !this.#opening;
  }

  /** Resolves true once connected, or false when waitMs pass without a connection. */
  waitConnected(waitMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.off('connected', onConnected);
        resolve(value);
      };
      const onConnected = () => done(true);
      const timer = setTimeout(() => done(false), waitMs);
      this.on('connected', onConnected);
    });
  }

  /** Health: resolves when connected, throws BrokerUnavailableError otherwise. */
  async check(): Promise<void> {
    if (!this.connected) throw new BrokerUnavailableError('RabbitMQ is not connected');
  }

  /**
   * Registers a hook run now (if connected) and after every reconnect. Returns an unregister
   * function. One added while a connection is being set up runs in that setup, after the others.
   */
  async onConnect(hook: ConnectHook): Promise<() => void> {
    this.#hooks.push(hook);
    if (this.#conn && !this.#opening) await hook(this.#conn);
    return () => {
      const i = this.#hooks.indexOf(hook);
      if (i >= 0) this.#hooks.splice(i, 1);
    };
  }

  /** Runs fn on a short-lived channel (declarations, tools). */
  async withChannel<T>(fn: (ch: Channel) => Promise<T>): Promise<T> {
    const conn = this.#conn;
    if (!conn) throw new BrokerUnavailableError('RabbitMQ is not connected');
    const ch = await conn.createChannel();
    ch.on('error', (err: Error) => this.#log.debug({ err }, 'temporary channel error'));
    try {
      return await fn(ch);
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /**
   * Publishes persistently on the confirm channel; resolves when the broker confirms. Rejects with
   * UnroutableError (returned), PublishNotConfirmedError (nack, timeout) or BrokerUnavailableError.
   */
  async publish(
    exchange: string,
    routingKey: string,
    body: Buffer,
    opts: PublishOptions,
  ): Promise<void> {
    const ch = await this.#publishChannel();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PublishNotConfirmedError('publish not confirmed in time')),
        this.#opts.publishTimeoutMs,
      );
      ch.publish(
        exchange,
        routingKey,
        body,
        {
          persistent: true,
          mandatory: opts.mandatory ?? true,
          messageId: opts.messageId,
          // RabbitMQ refuses a user_id other than the connection's: consumers trust it, not `source`.
          userId: this.user,
          contentType: 'application/json',
          ...(opts.type ? { type: opts.type } : {}),
          headers: opts.headers ?? {},
        },
        (err: unknown) => {
          clearTimeout(timer);
          // RabbitMQ sends basic.return before the basic.ack of the same message.
          const returned = this.#returned.get(opts.messageId);
          if (returned !== undefined) {
            this.#returned.delete(opts.messageId);
            reject(new UnroutableError(`unroutable: ${returned} (${exchange} ${routingKey})`));
          } else if (err) {
            reject(new PublishNotConfirmedError(errorMessage(err)));
          } else resolve();
        },
      );
    });
  }

  /** Closes the connection and stops reconnecting. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#timer) clearTimeout(this.#timer);
    const conn = this.#conn;
    this.#conn = null;
    if (conn) await conn.close().catch(() => undefined);
  }

  #publishChannel(): Promise<ConfirmChannel> {
    const conn = this.#conn;
    if (!conn) return Promise.reject(new BrokerUnavailableError('RabbitMQ is not connected'));
    if (!this.#pub) {
      const pending = conn.createConfirmChannel().then((ch) => {
        ch.on('return', (msg) => {
          const id = msg.properties.messageId;
          // basic.return carries replyText at run time; amqplib's types do not declare it.
          const fields: object = msg.fields;
          const text = 'replyText' in fields ? String(fields.replyText) : 'returned';
          if (typeof id === 'string') this.#returned.set(id, text);
        });
        // A channel error (e.g. publishing to a missing exchange) closes only this channel.
        ch.on('error', (err: Error) => this.#log.warn({ err }, 'publish channel error'));
        ch.on('close', () => {
          if (this.#pub === pending) this.#pub = null;
        });
        return ch;
      });
      pending.catch(() => {
        if (this.#pub === pending) this.#pub = null;
      });
      this.#pub = pending;
    }
    return this.#pub;
  }

  async #open(): Promise<void> {
    const url = new URL(this.#opts.url);
    url.searchParams.set('heartbeat', String(this.#opts.heartbeatSeconds));
    const conn = await connect(url.toString(), {
      clientProperties: { connection_name: this.#opts.name },
      timeout: 5_000,
      // amqplib leaves Nagle's algorithm on: small publishes, acks and deliveries then wait on the
      // peer's delayed ACK, ≈ 20 ms a message (bench event-path).
      noDelay: true,
    });
    if (this.#closing) {
      await conn.close().catch(() => undefined);
      throw new BrokerUnavailableError('broker is closing');
    }
    conn.on('error', (err: Error) => this.#log.warn({ err }, 'broker connection error'));
    conn.on('blocked', (reason: string) => this.#log.warn({ reason }, 'broker blocked publishing'));
    conn.on('unblocked', () => this.#log.info('broker unblocked publishing'));
    conn.on('close', (err?: Error) => this.#onClose(conn, err));
    this.#conn = conn;
    this.#pub = null;
    this.#returned.clear();
    this.#opening = true;
    try {
      // Until every hook has run, including one registered meanwhile (a consumer subscribing
      // while the first connection is set up), in registration order.
      const ran = new Set<ConnectHook>();
      for (let hook = this.#nextHook(ran); hook; hook = this.#nextHook(ran)) {
        ran.add(hook);
        await hook(conn);
      }
    } catch (err) {
      this.#log.warn({ err }, 'broker connect hook failed');
      this.#conn = null;
      await conn.close().catch(() => undefined);
      throw err;
    } finally {
      this.#opening = false;
    }
    this.#attempt = 0;
    this.#log.info({ name: this.#opts.name }, 'broker connected');
    this.emit('connected');
  }

  #nextHook(ran: Set<ConnectHook>): ConnectHook | undefined {
    return this.#hooks.find((hook) => !ran.has(hook));
  }

  #onClose(conn: ChannelModel, err?: Error): void {
    if (this.#conn !== conn) return;
    this.#conn = null;
    this.#pub = null;
    if (this.#closing) return;
    this.#log.warn({ err }, 'broker connection lost');
    this.emit('disconnected', err);
    this.#scheduleReconnect();
  }

  #delay(): number {
    const base = Math.min(
      this.#opts.reconnectMaxDelayMs,
      this.#opts.reconnectInitialDelayMs * 2 ** this.#attempt,
    );
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  #scheduleReconnect(): void {
    if (this.#closing || this.#timer) return;
    const delayMs = this.#delay();
    this.#attempt += 1;
    this.emit('reconnect-scheduled', { attempt: this.#attempt, delayMs });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#closing) return;
      this.#open().catch((err: unknown) => {
        this.#log.warn({ err, attempt: this.#attempt }, 'broker reconnect failed');
        this.#scheduleReconnect();
      });
    }, delayMs);
  }
}
