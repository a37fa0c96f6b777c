import { Agent, request as httpRequest } from 'undici';
import type { Redis } from 'ioredis';
import {
  PARTNER_KEYS_CHANNEL,
  PARTNER_VERIFY_PATH,
  type PartnerKeyVerification,
} from '@kavosh/auth-client';

export interface PartnerKeyVerifierOptions {
  authUrl: string;
  /** Longest a verified key is trusted without asking auth again (a lost announcement's bound). */
  cacheTtlMs: number;
  maxEntries: number;
  timeoutMs: number;
  now?: () => number;
}

interface Entry {
  verification: PartnerKeyVerification;
  until: number;
}

/**
 * Verifies partner keys by asking auth (PARTNER_VERIFY_PATH), and remembers each valid key for a
 * few seconds. Auth announces every rotation and revocation on PARTNER_KEYS_CHANNEL; `listen`
 * subscribes a Redis connection to it and drops the key's entries at once, on every replica. While
 * that subscription is down nothing is announced, so the whole cache is dropped on each
 * (re)subscription and entries then live at most `cacheTtlMs`.
 */
export function createPartnerKeyVerifier(opts: PartnerKeyVerifierOptions) {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const byPrefix = new Map<string, Set<string>>();
  // Concurrent requests with a key not cached (yet, or any more) share one question to auth.
  const inFlight = new Map<string, Promise<PartnerKeyVerification | null>>();
  const dispatcher = new Agent({
    connections: 16,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
  const url = new URL(PARTNER_VERIFY_PATH, opts.authUrl).toString();

  const forget = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    byPrefix.get(entry.verification.prefix)?.delete(key);
  };
  const remember = (key: string, verification: PartnerKeyVerification) => {
    const until = Math.min(now() + opts.cacheTtlMs, Date.parse(verification.validUntil));
    if (until <= now() || opts.maxEntries === 0) return;
    if (entries.size >= opts.maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) forget(oldest.value);
    }
    entries.set(key, { verification, until });
    let keys = byPrefix.get(verification.prefix);
    if (keys === undefined) byPrefix.set(verification.prefix, (keys = new Set()));
    keys.add(key);
  };

  /** Auth's answer for a key (not cached), remembered when valid. */
  const ask = async (key: string): Promise<PartnerKeyVerification | null> => {
    const res = await httpRequest(url, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    if (res.statusCode === 401 || res.statusCode === 400) {
      await res.body.dump();
      return null;
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(`auth answered ${res.statusCode} to a partner key verification`);
    }
    const verification = (await res.body.json()) as PartnerKeyVerification;
    remember(key, verification);
    return verification;
  };

  /** The key's grant, null for a key auth refuses; throws when auth cannot answer. */
  const verify = async (key: string): Promise<PartnerKeyVerification | null> => {
    const hit = entries.get(key);
    if (hit !== undefined) {
      if (now() < hit.until) return hit.verification;
      forget(key);
    }
    const asked = inFlight.get(key);
    if (asked !== undefined) return asked;
    const asking = ask(key).finally(() => inFlight.delete(key));
    inFlight.set(key, asking);
    return asking;
  };

  return {
    verify,

    /** Drops every cached key with this prefix (rotated or revoked). */
    invalidate(prefix: string): void {
      for (const key of byPrefix.get(prefix) ?? []) entries.delete(key);
      byPrefix.delete(prefix);
    },

    clear(): void {
      entries.clear();
      byPrefix.clear();
    },

    /** Subscribes `subscriber` (a connection of its own: subscriber mode) to auth's announcements. */
    async listen(subscriber: Redis): Promise<void> {
      subscriber.on('message', (channel: string, prefix: string) => {
        if (channel === PARTNER_KEYS_CHANNEL) this.invalidate(prefix);
      });
      // Announcements sent while unsubscribed are lost: start again from auth's answers.
      subscriber.on('ready', () => this.clear());
      await subscriber.subscribe(PARTNER_KEYS_CHANNEL);
    },

    close: () => dispatcher.close(),
  };
}
export type PartnerKeyVerifier = ReturnType<typeof createPartnerKeyVerifier>;
