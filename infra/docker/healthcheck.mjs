// The image's HEALTHCHECK: exits 0 when the process answers /health/live on its port.
const DEFAULT_PORTS = { gateway: 8080, auth: 3001, catalog: 3002, billing: 3003, social: 3004 };
const port = process.env.PORT || DEFAULT_PORTS[process.env.KAVOSH_SERVICE ?? ''];

try {
  const response = await fetch(`http://127.0.0.1:${port}/health/live`, {
    signal: AbortSignal.timeout(2_000),
  });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
