import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino, type Logger } from 'pino';
import { buildService, type KavoshApp, type ServiceOptions } from '../src/index.js';
import { HttpEnv, loadConfig } from '../src/config.js';

export interface LogCapture {
  logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  entries(): Record<string, unknown>[];
}

/** A plain pino logger (no kit options) writing JSON lines into memory. */
export function captureLogs(level = 'debug'): LogCapture {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = pino({ level }, stream);
  return {
    logger,
    text: () => lines.join('\n'),
    entries: () => lines.map((line): Record<string, unknown> => JSON.parse(line)),
  };
}

export const testConfig = (env: Record<string, string> = {}) =>
  loadConfig(HttpEnv, { LOG_LEVEL: 'debug', ...env });

/** A kit app for one suite, logging into memory unless a logger is given. */
export async function buildTestApp(opts: Partial<ServiceOptions> = {}): Promise<KavoshApp> {
  return buildService({
    name: 'kit-test',
    version: '1.2.3',
    config: testConfig(),
    logger: captureLogs().logger,
    ...opts,
  });
}

/** Retries `assertion` until it passes or `within` ms have passed, then rethrows its last error. */
export async function eventually(
  assertion: () => void | Promise<void>,
  { within = 5_000 } = {},
): Promise<void> {
  const deadline = Date.now() + within;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(20);
    }
  }
}
