import { Counter, Gauge, type Registry } from 'prom-client';

// Several relays or consumers may share one registry (one process, several queues): reuse a
// metric that is already registered instead of failing on the duplicate name.
export function counterOn<L extends string>(
  registry: Registry | undefined,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  const existing = registry?.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames, registers: registry ? [registry] : [] });
}

export function gaugeOn<L extends string = never>(
  registry: Registry | undefined,
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Gauge<L> {
  const existing = registry?.getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  return new Gauge({ name, help, labelNames, registers: registry ? [registry] : [] });
}
