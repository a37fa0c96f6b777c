/** Everything the sandbox reads from its environment, parsed once at startup. */
export interface SandboxConfig {
  host: string;
  port: number;
  /** Base of the hosted checkout page URLs handed out in `checkout.session.url`. */
  publicUrl: string;
  /** The one secret key the API accepts as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** An endpoint registered at startup, how `npm start` wires billing to the sandbox. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Days after a failed renewal at which the card is charged again, Stripe's Smart Retries. */
  retryDays: number[];
  /** First webhook retry delay; each later retry doubles it. */
  webhookRetryMs: number;
  webhookMaxAttempts: number;
  /** How often due work is fired as real time passes; 0 leaves it to clock advances alone. */
  tickMs: number;
  logLevel: string;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const host = env.HOST || '127.0.0.1';
  const port = positiveInteger('PORT', env.PORT, 12111);
  const retryDays = (env.SANDBOX_RETRY_DAYS || '1,3,5').split(',').map((day) => {
    const value = Number(day.trim());
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error('SANDBOX_RETRY_DAYS must be positive day offsets like 1,3,5');
    }
    return value;
  });
  const webhookUrl = env.SANDBOX_WEBHOOK_URL || undefined;
  const webhookSecret = env.SANDBOX_WEBHOOK_SECRET || undefined;
  if (webhookSecret !== undefined && !webhookSecret.startsWith('whsec_')) {
    throw new Error('SANDBOX_WEBHOOK_SECRET must start with whsec_ like a Stripe signing secret');
  }
  return {
    host,
    port,
    publicUrl: (env.SANDBOX_PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, ''),
    apiKey: env.SANDBOX_API_KEY || 'sk_test_sandbox',
    webhookUrl,
    webhookSecret,
    retryDays: [...retryDays].sort((a, b) => a - b),
    webhookRetryMs: positiveInteger('SANDBOX_WEBHOOK_RETRY_MS', env.SANDBOX_WEBHOOK_RETRY_MS, 1000),
    webhookMaxAttempts: Math.max(
      1,
      positiveInteger('SANDBOX_WEBHOOK_MAX_ATTEMPTS', env.SANDBOX_WEBHOOK_MAX_ATTEMPTS, 5),
    ),
    tickMs: positiveInteger('SANDBOX_TICK_MS', env.SANDBOX_TICK_MS, 1000),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
