import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTelemetryConfig, serviceNameFor, tracingWanted } from './config.js';

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
