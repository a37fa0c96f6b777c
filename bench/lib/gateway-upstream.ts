// Child process of bench/gateway.ts: the upstream behind every variant. The ~1 KB JSON route of
// the other benches at /movies, the JWKS the gateway verifies tokens with (from BENCH_JWKS), and
// the /openapi.json the gateway takes each route's access from. Two listeners in one process, so
// that every variant is served by the same warm process: PORT declares GET /movies `public` (A,
// B, M and the proxy-only gateway C), BENCH_AUTHENTICATED_PORT declares it `authenticated` (E).
import Fastify from 'fastify';
import { MovieList, PAYLOAD } from './payload.js';

const jwks = process.env.BENCH_JWKS ?? '{"keys":[]}';

const declarations = (access: 'public' | 'authenticated') =>
  JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'bench upstream', version: '1' },
    paths: {
      '/movies': {
        get: { 'x-kavosh-access': access, responses: { 200: { description: 'a movie page' } } },
      },
    },
  });

async function listen(port: number, access: 'public' | 'authenticated') {
  const app = Fastify({ logger: false });
  const openapi = declarations(access);
  app.get('/movies', { schema: { response: { 200: MovieList } } }, async () => PAYLOAD);
  app.get('/.well-known/jwks.json', async (_req, reply) =>
    reply.type('application/json').send(jwks),
  );
  app.get('/openapi.json', async (_req, reply) => reply.type('application/json').send(openapi));
  app.get('/health/live', async () => ({ status: 'ok' }));
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

const apps = [
  await listen(Number(process.env.PORT), 'public'),
  await listen(Number(process.env.BENCH_AUTHENTICATED_PORT), 'authenticated'),
];
process.send?.('ready');
process.on('SIGTERM', () => {
  void Promise.all(apps.map((app) => app.close())).then(() => process.exit(0));
});
