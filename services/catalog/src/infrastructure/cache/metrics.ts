import { Counter, type Registry } from 'prom-client';

/** catalog_cache_requests_total on `registry`, shared by every cache built on it. */
export function cacheRequestsCounter(registry: Registry | undefined): Counter<'result'> {
  const name = 'catalog_cache_requests_total';
  const existing = registry?.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name,
    help: 'Cached catalog reads by result: hit (Redis), miss (loaded and stored), bypass (Redis unavailable or cache off)',
    labelNames: ['result'],
    registers: registry ? [registry] : [],
  });
}
