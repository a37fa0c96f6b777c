import type { GatewayConfig } from './config.js';

export type UpstreamName = 'auth' | 'catalog' | 'billing' | 'social';

export const upstreamUrls = (config: GatewayConfig): Record<UpstreamName, string> => ({
  auth: config.AUTH_URL,
  catalog: config.CATALOG_URL,
  billing: config.BILLING_URL,
  social: config.SOCIAL_URL,
});

/** Readiness of one upstream: its liveness endpoint answers 200 within the timeout. */
export const upstreamLive = (baseUrl: string, timeoutMs: number) => async (): Promise<void> => {
  const res = await fetch(new URL('/health/live', baseUrl), {
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
};
