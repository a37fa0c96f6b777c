// The image's HEALTHCHECK: exits 0 when the process answers its liveness path on its port.
// The Kavosh processes answer /health/live (the kit); the payment sandbox, a stand-in for
// Stripe that does not use the kit, answers /healthz.
const DEFAULT_PORTS = {
  gateway: 8080,
  auth: 3001,
  catalog: 3002,
  billing: 3003,
  social: 3004,
  'payment-sandbox': 12111,
};
const LIVENESS_PATHS = { 'payment-sandbox': '/healthz' };
const service = process.env.KAVOSH_SERVICE ?? '';
const port = process.env.PORT || DEFAULT_PORTS[service];
const path = LIVENESS_PATHS[service] ?? '/health/live';

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    signal: AbortSignal.timeout(2_000),
  });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
