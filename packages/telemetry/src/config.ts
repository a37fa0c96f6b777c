import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The standard OTEL_* variables this package looks at itself; the SDK reads the rest (sampler,
 * protocol, headers, batch sizes). Not @kavosh/service-kit's loadConfig: importing the kit loads
 * Fastify, and the preload must run before any instrumented module is loaded.
 */
export const TelemetryEnv = Type.Object({
  OTEL_SDK_DISABLED: Type.Optional(Type.String({ maxLength: 10 })),
  OTEL_TRACES_EXPORTER: Type.Optional(Type.String({ maxLength: 200 })),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(Type.String({ maxLength: 2000 })),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Type.Optional(Type.String({ maxLength: 2000 })),
  OTEL_SERVICE_NAME: Type.Optional(Type.String({ maxLength: 200 })),
  // Read by the SDK itself; listed so deployments may set them (deploy/ checks every variable).
  OTEL_TRACES_SAMPLER: Type.Optional(Type.String({ maxLength: 100 })),
  OTEL_TRACES_SAMPLER_ARG: Type.Optional(Type.String({ maxLength: 100 })),
  OTEL_EXPORTER_OTLP_PROTOCOL: Type.Optional(Type.String({ maxLength: 100 })),
});
export type TelemetryConfig = Static<typeof TelemetryEnv>;

/** The OTEL_* variables of `env` that matter here (empty values count as unset). */
export function readTelemetryConfig(
  env: Record<string, string | undefined> = process.env,
): TelemetryConfig {
  const picked: Record<string, string> = {};
  for (const name of Object.keys(TelemetryEnv.properties)) {
    const value = env[name]?.trim();
    if (value) picked[name] = value;
  }
  if (!Value.Check(TelemetryEnv, picked)) throw new Error('OTEL_* variables are too long');
  return picked;
}

/**
 * Tracing is on when an exporter or an OTLP endpoint is configured, and off (no SDK started, the
 * API's no-op tracer everywhere) otherwise, or when OTEL_SDK_DISABLED=true or the exporter is none.
 */
export function tracingWanted(config: TelemetryConfig): boolean {
  if (config.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return false;
  const exporters = (config.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim());
  if (exporters.includes('none')) return false;
  return (
    config.OTEL_TRACES_EXPORTER !== undefined ||
    config.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined
  );
}

/**
 * The share of new traces that incoming requests start, for the samplers that follow their parent
 * (OTEL_TRACES_SAMPLER unset or parentbased_*; an argument the SDK would refuse counts as 1, as the
 * SDK does). Undefined for any other sampler: the SDK then decides alone, with no request gate.
 */
export function headSamplingRatio(config: TelemetryConfig): number | undefined {
  switch (config.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'parentbased_always_on':
      return 1;
    case 'parentbased_always_off':
      return 0;
    case 'parentbased_traceidratio': {
      const ratio = Number(config.OTEL_TRACES_SAMPLER_ARG ?? '1');
      return Number.isFinite(ratio) && ratio >= 0 && ratio <= 1 ? ratio : 1;
    }
    default:
      return undefined;
  }
}

/**
 * OTEL_SERVICE_NAME, else the name of the package that holds the entry script without its scope
 * (services/auth/src/main.ts and /app/process/dist/main.js both give 'auth'), else 'kavosh'.
 */
export function serviceNameFor(config: TelemetryConfig, entry: string | undefined): string {
  if (config.OTEL_SERVICE_NAME) return config.OTEL_SERVICE_NAME;
  let dir = entry ? dirname(entry) : undefined;
  while (dir) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      const name: unknown =
        typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'name') : undefined;
      if (typeof name === 'string' && name.length > 0) return name.replace(/^@[^/]+\//, '');
    }
    const parent = dirname(dir);
    dir = parent === dir ? undefined : parent;
  }
  return 'kavosh';
}
