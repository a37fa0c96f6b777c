import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Collects route schemas into an OpenAPI 3.1 document served at GET /openapi.json. */
export async function installOpenApi(
  app: FastifyInstance,
  info: { title: string; version: string; description?: string | undefined },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info:
        info.description === undefined ? { title: info.title, version: info.version } : { ...info },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
