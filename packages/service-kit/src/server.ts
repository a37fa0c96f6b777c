import { setTimeout as sleep } from 'node:timers/promises';
import closeWithGrace from 'close-with-grace';
import type { KavoshApp } from './app.js';
import type { HttpConfig } from './config.js';
import { listenMetrics, metricsServerOf } from './plugins/metrics.js';

type ShutdownConfig = Pick<HttpConfig, 'SHUTDOWN_DRAIN_MS'>;

/**
 * The graceful close close-with-grace runs: readiness turns 503, traffic keeps flowing for
 * SHUTDOWN_DRAIN_MS (so k8s can drop the endpoint), then app.close() lets in-flight requests
 * finish before the app's onClose hooks release the database, broker and Redis.
 */
export async function drainAndClose(app: KavoshApp, config: ShutdownConfig): Promise<void> {
  app.beginShutdown();
  if (config.SHUTDOWN_DRAIN_MS > 0) await sleep(config.SHUTDOWN_DRAIN_MS);
  await app.close();
}

/**
 * Listens on HOST:PORT (and HOST:METRICS_PORT for an app built with one) and closes gracefully on
 * SIGINT/SIGTERM or an uncaught error, exiting the process after SHUTDOWN_TIMEOUT_MS at the
 * latest. close() does the same without exiting.
 */
export async function startServer(
  app: KavoshApp,
  config: HttpConfig,
): Promise<{ close(): Promise<void> }> {
  const metrics = metricsServerOf(app);
  if (metrics !== undefined) {
    if (config.METRICS_PORT === undefined)
      throw new Error('the app was built with METRICS_PORT but started without one');
    // First, so a taken metrics port fails startup before the main port accepts any traffic.
    await listenMetrics(metrics, config.HOST, config.METRICS_PORT);
  }
  try {
    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (err) {
    metrics?.close();
    throw err;
  }
  const grace = closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT_MS,
      logger: false,
      onTimeout: (delay) =>
        app.log.fatal({ timeout_ms: delay }, 'graceful shutdown timed out, exiting'),
      onSecondSignal: (signal) => app.log.fatal({ signal }, 'second signal, exiting'),
      onSecondError: (err) => app.log.fatal({ err }, 'second error during shutdown, exiting'),
    },
    async ({ signal, err }) => {
      if (err) app.log.fatal({ err }, 'uncaught error, shutting down');
      else app.log.info({ signal }, 'shutting down');
      await drainAndClose(app, config);
    },
  );
  let closed: Promise<void> | undefined;
  return {
    close() {
      grace.uninstall();
      closed ??= drainAndClose(app, config);
      return closed;
    },
  };
}
