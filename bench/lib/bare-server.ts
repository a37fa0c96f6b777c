// Child process of bench/kit-overhead.ts: plain Fastify 5, no logger, the same route as kit-server.ts.
import Fastify from 'fastify';
import { MovieList, PAYLOAD } from './payload.js';
import { profileUntilExit } from './self-profile.js';

const app = Fastify({ logger: false });
app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
profileUntilExit(process.env);
process.send?.('ready');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
