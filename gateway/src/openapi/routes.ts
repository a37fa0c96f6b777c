import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config.js';
import { upstreamUrls } from '../upstreams.js';
import { mergeDocuments, type OpenApiDocument } from './merge.js';
import { GATEWAY_PATHS } from './own-paths.js';
import { unresolvedRefs } from './refs.js';
import { createUpstreamDocs, type UpstreamDocs } from './upstream-docs.js';

/**
 * Swagger UI loads only its own scripts from /docs/static, never an inline one. Its bundle sets
 * one inline style (hence 'unsafe-inline' for styles only). Unlike helmet's default there is no
 * `upgrade-insecure-requests`, so the page also works over plain http on a developer's machine.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

/** The name in Swagger UI's top bar, in place of the plugin's own logo. */
const LOGO = {
  type: 'image/svg+xml',
  content: Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">' +
      '<text x="0" y="30" font-family="sans-serif" font-size="28" font-weight="700" ' +
      'fill="#ffffff">Kavosh</text></svg>',
  ),
};

/**
 * GET /openapi.json: one OpenAPI 3.1 document for the whole public API (every upstream's routes
 * under /api/<service>, each with its edge policy), and Swagger UI on it at /docs.
 */
export async function openApiRoutes(
  app: FastifyInstance,
  opts: { version: string; docs: UpstreamDocs },
): Promise<void> {
  const { docs } = opts;
  let merged: { version: number; doc: OpenApiDocument } | undefined;
  const current = (): OpenApiDocument => {
    if (merged?.version !== docs.version()) {
      const doc = mergeDocuments({
        info: {
          title: 'Kavosh API',
          version: opts.version,
          description:
            'Every public route of Kavosh, through the gateway. `x-kavosh-access` on each ' +
            'operation is the access its service declared, which the gateway enforces: ' +
            'public, authenticated, or the roles allowed.',
          contact: { name: 'Kavosh', url: 'https://kavosh.dev' },
        },
        servers: [
          {
            url: '/',
            description:
              'The gateway that served this document (production, staging or a local system)',
            'x-internal': false,
          },
        ],
        own: GATEWAY_PATHS,
        ownComponents: {},
        upstreams: docs.snapshot(),
      });
      const broken = unresolvedRefs(doc);
      if (broken.length > 0) app.log.warn({ refs: broken }, 'merged OpenAPI has unresolved $refs');
      merged = { version: docs.version(), doc };
    }
    return merged.doc;
  };

  // The kit already serves GET /openapi.json with the gateway's own (proxy-only) routes; this
  // hook answers it with the merged document first, so the kit's handler never runs here. It runs
  // on every request: callback style, so the common case allocates no promise.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    if (request.routeOptions.url !== '/openapi.json' || request.method !== 'GET') {
      done();
      return;
    }
    // Answering from the hook: done() is not called, the route handler never runs.
    docs
      .refreshStale()
      .then(current)
      .then(
        (doc) => reply.header('cache-control', 'no-cache').send(doc),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
  });

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CSP,
    theme: { title: 'Kavosh API' },
    logo: LOGO,
    // showExtensions puts each operation's x-kavosh-access on its expanded panel.
    uiConfig: { deepLinking: true, showExtensions: true, tryItOutEnabled: false },
    uiHooks: {
      onRequest: async (request) => {
        if (/^\/docs\/(?:json|yaml)$/.test(request.routeOptions.url ?? '')) {
          await docs.refreshStale();
        }
      },
    },
    transformSpecificationClone: false,
    transformSpecification: () => current(),
  });
}

/** Each upstream's OpenAPI document (its routes and their declared access), kept fresh. */
export function upstreamDocsOf(app: FastifyInstance, config: GatewayConfig): UpstreamDocs {
  const docs = createUpstreamDocs({
    upstreams: upstreamUrls(config),
    timeoutMs: config.OPENAPI_FETCH_TIMEOUT_MS,
    retryMinMs: config.OPENAPI_RETRY_MIN_MS,
    retryMaxMs: config.OPENAPI_RETRY_MAX_MS,
    refreshMs: config.OPENAPI_REFRESH_MS,
    log: app.log.child({ component: 'openapi' }),
  });
  app.addHook('onReady', async () => docs.start());
  app.addHook('onClose', async () => docs.stop());
  return docs;
}
