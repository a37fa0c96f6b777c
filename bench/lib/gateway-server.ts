// Child process of bench/gateway.ts: the real gateway app, configured from the environment.
// BENCH_GATEWAY_MODE=proxy makes the bench route public and turns rate limiting off (variant C);
// otherwise the full edge path runs (token verification, policies, Redis rate limit: variant E).
// BENCH_CPU_PROFILE_DIR: a V8 CPU profile of the whole run is written there on shutdown.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startServer } from '@kavosh/service-kit';
import { buildApp } from '../../gateway/src/app.js';
import { readConfig } from '../../gateway/src/config.js';

const config = readConfig(process.env);
const proxyOnly = process.env.BENCH_GATEWAY_MODE === 'proxy';
// The bench route's policy is set here, decided before what the bench upstream declares.
const benchRoute = (access: 'public' | 'authenticated') => [
  { method: 'GET', path: '/api/catalog/movies', access },
];
const app = await buildApp(
  config,
  proxyOnly
    ? { policies: benchRoute('public'), rateLimits: false }
    : { policies: benchRoute('authenticated') },
);
// Through the inspector: node does not accept --cpu-prof in NODE_OPTIONS.
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  app.addHook('onClose', async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, 'gateway.cpuprofile'), JSON.stringify(profile));
  });
}
await startServer(app, config);
process.send?.('ready');
