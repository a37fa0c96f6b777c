import { invalidParam, missingParam, unknownParam } from './stripe-error.js';

/** A parsed form body or query string (qs output: strings, nested objects and arrays). */
export type RawParams = Record<string, unknown>;

const MAX_STRING = 5000;
const MAX_METADATA_KEYS = 50;

/**
 * Reads Stripe request parameters the way Stripe validates them: unknown keys are refused, every
 * value is checked and bounded, and each refusal names the offending `param` (nested names in
 * bracket form, like `line_items[0][price_data][unit_amount]`).
 */
export class Params {
  constructor(
    private readonly raw: RawParams,
    private readonly prefix = '',
  ) {}

  static of(value: unknown, prefix = ''): Params {
    if (value === undefined || value === null || value === '') return new Params({}, prefix);
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw invalidParam(prefix || 'body', `Invalid object`, 'parameter_invalid_object');
    }
    return new Params(value as RawParams, prefix);
  }

  name(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}[${key}]`;
  }

  /** Refuses any key not in `allowed`; `expand` is always allowed (and ignored unless supported). */
  allowOnly(allowed: readonly string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (key !== 'expand' && !allowed.includes(key)) throw unknownParam(this.name(key));
    }
    return this;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** An optional string; `''` is returned as is (Stripe's way to unset a field). */
  string(key: string, maxLength = MAX_STRING): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidParam(this.name(key), `Invalid string: ${key}`);
    if (value.length > maxLength) {
      throw invalidParam(
        this.name(key),
        `Invalid string: ${key} must be at most ${maxLength} characters`,
        'string_too_long',
      );
    }
    return value;
  }

  requiredString(key: string, maxLength = MAX_STRING): string {
    const value = this.string(key, maxLength);
    if (value === undefined || value === '') throw missingParam(this.name(key));
    return value;
  }

  /** A string from a closed set. */
  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key, 100);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw invalidParam(
        this.name(key),
        `Invalid ${key}: must be one of ${values.join(', ')}`,
        'parameter_invalid_string',
      );
    }
    return value as T;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^-?\d{1,15}$/.test(text)) {
      throw invalidParam(
        this.name(key),
        `Invalid integer: ${String(text)}`,
        'parameter_invalid_integer',
      );
    }
    const parsed = Number(text);
    if (parsed < min || parsed > max) {
      throw invalidParam(
        this.name(key),
        `Invalid integer: ${key} must be between ${min} and ${max}`,
        'parameter_invalid_integer',
      );
    }
    return parsed;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw invalidParam(
      this.name(key),
      `Invalid boolean: ${String(value)}`,
      'parameter_invalid_boolean',
    );
  }

  /** A nested object parameter (`foo[bar]=...`). */
  object(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidParam(this.name(key), `Invalid object`, 'parameter_invalid_object');
    }
    return new Params(value as RawParams, this.name(key));
  }

  /** An array parameter; qs gives `a[0]=x` as an array and `a[5]=x` past its limit as an object. */
  array(key: string, maxItems: number): unknown[] | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    const items = Array.isArray(value)
      ? value
      : typeof value === 'object' && value !== null
        ? Object.keys(value)
            .sort((a, b) => Number(a) - Number(b))
            .map((index) => (value as RawParams)[index])
        : undefined;
    if (items === undefined) {
      throw invalidParam(this.name(key), `Invalid array`, 'parameter_invalid_array');
    }
    if (items.length > maxItems) {
      throw invalidParam(
        this.name(key),
        `Invalid array: at most ${maxItems} items`,
        'parameter_invalid_array',
      );
    }
    return items;
  }

  /**
   * Stripe metadata: up to 50 keys of up to 40 characters, values up to 500; `''` as a value
   * deletes that key, `metadata=''` clears them all (answered as `null` here).
   */
  metadata(key = 'metadata'): Record<string, string> | null | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === '') return null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalidParam(
        this.name(key),
        'Invalid metadata: must be a hash',
        'parameter_invalid_object',
      );
    }
    const entries = Object.entries(value as RawParams);
    if (entries.length > MAX_METADATA_KEYS) {
      throw invalidParam(this.name(key), `Invalid metadata: at most ${MAX_METADATA_KEYS} keys`);
    }
    const metadata: Record<string, string> = {};
    for (const [metaKey, metaValue] of entries) {
      if (metaKey.length === 0 || metaKey.length > 40) {
        throw invalidParam(`${this.name(key)}[${metaKey}]`, 'Metadata keys are 1 to 40 characters');
      }
      if (typeof metaValue !== 'string' || metaValue.length > 500) {
        throw invalidParam(
          `${this.name(key)}[${metaKey}]`,
          'Metadata values are strings of at most 500 characters',
        );
      }
      metadata[metaKey] = metaValue;
    }
    return metadata;
  }
}

/** Applies a metadata update with Stripe's rules: `''` removes a key, `null` clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The `metadata` of a create call, with empty values dropped as Stripe does. */
export function initialMetadata(update: Record<string, string> | null | undefined) {
  return mergeMetadata({}, update);
}
