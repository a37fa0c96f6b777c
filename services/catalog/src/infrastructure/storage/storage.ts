import type { Readable } from 'node:stream';

/** A stored object: its bytes as a stream, with what is needed to serve them. */
export interface StoredObject {
  body: Readable;
  contentType: string;
  /** Bytes, when the store says. */
  size: number | undefined;
}

/**
 * Where binary objects (posters) live. Keys are chosen by the caller from a fixed alphabet
 * (see isStorageKey); adapters refuse anything else, so a key can never name a path outside
 * the store. Writing the same key twice with the same bytes is harmless (content addressing).
 */
export interface ObjectStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when the key is not stored. */
  get(key: string): Promise<StoredObject | null>;
  exists(key: string): Promise<boolean>;
  /** Releases connections (the app's onClose). */
  close(): void;
}

// Lower-case letters, digits and single inner dashes: no '/', no '.', so a key names neither
// another directory nor an adapter's own side files (`<key>.meta.json`).
const STORAGE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True for a key every adapter accepts (at most 200 characters). */
export const isStorageKey = (key: string): boolean => key.length <= 200 && STORAGE_KEY.test(key);

/** Throws for a key outside the alphabet: a programming error, never client input. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}
