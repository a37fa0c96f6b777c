import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headSamplingRatio, readTelemetryConfig, serviceNameFor, tracingWanted } from './config.js';

describe('tracingWanted', () => {
  const wanted = (env: Record<string, string>) => tracingWanted(readTelemetryConfig(env));

  it('is off when no exporter and no OTLP endpoint is configured', () => {
    expect(wanted({})).toBe(false);
    expect(wanted({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ', OTEL_SERVICE_NAME: 'auth' })).toBe(false);
  });

  it('is on with an OTLP endpoint, a traces endpoint or an explicit exporter', () => {
    expect(wanted({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(wanted({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' })).toBe(true);
    expect(wanted({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
  });

  it('stays off when the SDK is disabled or the exporter is none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(wanted({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBe(false);
    expect(wanted({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});

describe('serviceNameFor', () => {
  const authMain = fileURLToPath(new URL('../../../services/auth/src/main.ts', import.meta.url));

  it('names the process after the package of its entry script, without the scope', () => {
    expect(serviceNameFor({}, authMain)).toBe('auth');
  });

  it('prefers OTEL_SERVICE_NAME', () => {
    expect(serviceNameFor({ OTEL_SERVICE_NAME: 'auth-canary' }, authMain)).toBe('auth-canary');
  });

  it('falls back to kavosh without an entry script', () => {
    expect(serviceNameFor({}, undefined)).toBe('kavosh');
  });
});

describe('headSamplingRatio', () => {
  const ratio = (env: Record<string, string>) => headSamplingRatio(readTelemetryConfig(env));

  it('follows the parent-based samplers, 1 when none is named (the SDK default)', () => {
    expect(ratio({})).toBe(1);
    expect(ratio({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' })).toBe(1);
    expect(ratio({ OTEL_TRACES_SAMPLER: 'parentbased_always_off' })).toBe(0);
    const traceIdRatio = { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' };
    expect(ratio({ ...traceIdRatio, OTEL_TRACES_SAMPLER_ARG: '0.1' })).toBe(0.1);
  });

  it('reads a missing or out-of-range ratio as 1, as the SDK does', () => {
    const traceIdRatio = { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' };
    expect(ratio(traceIdRatio)).toBe(1);
    expect(ratio({ ...traceIdRatio, OTEL_TRACES_SAMPLER_ARG: '1.5' })).toBe(1);
    expect(ratio({ ...traceIdRatio, OTEL_TRACES_SAMPLER_ARG: 'half' })).toBe(1);
  });

  it('leaves any other sampler to the SDK alone', () => {
    expect(ratio({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' })).toBe(
      undefined,
    );
    expect(ratio({ OTEL_TRACES_SAMPLER: 'always_on' })).toBe(undefined);
  });
});
