import type { GatewayConfig } from './config.js';

export type UpstreamName = 'auth' | 'catalog' | 'billing' | 'social';

export const upstreamUrls = (config: GatewayConfig): Record<UpstreamName, string> => ({
  auth: config.AUTH_URL,
  catalog: config.CATALOG_URL,
  billing: config.BILLING_URL,
  social: config.SOCIAL_URL,
});

/** Each upstream's answer timeout: its own setting, else UPSTREAM_TIMEOUT_MS. */
export const upstreamTimeouts = (config: GatewayConfig): Record<UpstreamName, number> => ({
  auth: config.AUTH_TIMEOUT_MS ?? config.UPSTREAM_TIMEOUT_MS,
  catalog: config.CATALOG_TIMEOUT_MS ?? config.UPSTREAM_TIMEOUT_MS,
  billing: config.BILLING_TIMEOUT_MS ?? config.UPSTREAM_TIMEOUT_MS,
  social: config.SOCIAL_TIMEOUT_MS ?? config.UPSTREAM_TIMEOUT_MS,
});

/** Readiness of one upstream: its liveness endpoint answers 200 within the timeout. */
export const upstreamLive = (baseUrl: string, timeoutMs: number) => async (): Promise<void> => {
  const res = await fetch(new URL('/health/live', baseUrl), {
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
};
