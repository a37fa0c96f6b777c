// Child process of bench/kit-overhead.ts: a @kavosh/service-kit app with the same route as bare-server.ts.
import { buildService, HttpEnv, loadConfig, startServer } from '@kavosh/service-kit';
import { MovieList, PAYLOAD } from './payload.js';

const config = loadConfig(HttpEnv, process.env);
const app = await buildService({ name: 'bench', version: '0.0.0', config });
app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
await startServer(app, config);
process.send?.('ready');
