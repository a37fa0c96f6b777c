import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';

const words = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * A stable operationId from a route's method and URL (`GET /movies/:id/playback` →
 * `getMoviesByIdPlayback`), so every operation has one without a list to keep in step; a route
 * may still name its own in its schema.
 */
export function operationIdOf(method: string, url: string): string {
  const path = url
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `By${words(segment.slice(1))}` : words(segment)))
    .join('');
  return `${method.toLowerCase()}${path}`;
}

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
    transform: ({ schema, url, route }) => {
      const method = Array.isArray(route.method) ? route.method[0] : route.method;
      const own = (schema ?? {}) as FastifySchema & { operationId?: string };
      if (own.operationId !== undefined || method === undefined) return { schema: own, url };
      return { schema: { ...own, operationId: operationIdOf(method, url) }, url };
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
