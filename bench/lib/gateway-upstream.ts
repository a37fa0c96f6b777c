// Child process of bench/gateway.ts: the upstream behind every variant. The ~1 KB JSON route of
// the other benches at /movies, and the JWKS the gateway verifies tokens with (from BENCH_JWKS).
import Fastify from 'fastify';
import { MovieList, PAYLOAD } from './payload.js';

const jwks = process.env.BENCH_JWKS ?? '{"keys":[]}';
const app = Fastify({ logger: false });
app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
app.get('/.well-known/jwks.json', async (_req, reply) => reply.type('application/json').send(jwks));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
