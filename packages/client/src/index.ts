import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/**
 * A typed client of the Kavosh public API on openapi-fetch: every path, parameter, body and answer
 * comes from the types generated from the gateway's merged OpenAPI document (src/schema.d.ts), so
 * a call the document does not describe does not compile
 * (`client.GET('/api/catalog/movies/{id}', { params: { path: { id } } })` → `{ data, error,
 * response }`; `error` is the problem details of a non-2xx answer).
 */
export type KavoshClient = Client<paths>;

export interface KavoshClientOptions {
  /** The gateway, e.g. `http://localhost:8080` (paths carry their `/api/<service>` prefix). */
  baseUrl: string;
  /** Headers sent with every call (a call's own headers win). */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: (input: Request) => Promise<Response>;
}

/** A client of the gateway at `baseUrl`. */
export function createKavoshClient(options: KavoshClientOptions): KavoshClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
