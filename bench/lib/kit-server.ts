// Child process of bench/kit-overhead.ts and bench/tracing.ts: a @kavosh/service-kit app with the
// same route as bare-server.ts. BENCH_TRACING picks the tracing set-up, loaded before the kit (as a
// preload is): unset or off, 'kavosh' (@kavosh/telemetry/register, as the services run) or
// 'standard' (lib/standard-otel.ts).
import { profileUntilExit } from './self-profile.js';

const tracing = process.env.BENCH_TRACING ?? 'off';
if (tracing === 'kavosh') await import('@kavosh/telemetry/register');
else if (tracing === 'standard') await import('./standard-otel.js');
else if (tracing !== 'off') throw new Error(`BENCH_TRACING: unknown set-up ${tracing}`);

const { buildService, HttpEnv, loadConfig, startServer } = await import('@kavosh/service-kit');
const { MovieList, PAYLOAD } = await import('./payload.js');

const config = loadConfig(HttpEnv, process.env);
const app = await buildService({ name: 'bench', version: '0.0.0', config });
app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
await startServer(app, config);
profileUntilExit(process.env);
process.send?.('ready');
