import { pino } from 'pino';
import { ConfigError } from './config.js';

/**
 * Runs a process's main. A ConfigError prints "invalid configuration: VAR: reason" lines to
 * stderr; any other startup error is logged as a JSON line to stderr. Both exit with code 1.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ConfigError) {
      const lines = err.problems.map((p) => `invalid configuration: ${p.variable}: ${p.message}\n`);
      process.stderr.write(lines.join(''));
    } else {
      pino({ level: 'fatal' }, pino.destination({ fd: 2, sync: true })).fatal(
        { err },
        'startup failed',
      );
    }
    process.exit(1);
  }
}
