import { Type, type Static } from 'typebox';
import { TokenEnv } from '@kavosh/auth-client';
import {
  CommonEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
} from '@kavosh/service-kit';

/** The payment sandbox's documented test key (infra/payment-sandbox): development only. */
export const SANDBOX_API_KEY = 'sk_test_sandbox';

export const BillingEnv = Type.Object({
  ...CommonEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3003 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
  /** Where the Stripe API is: api.stripe.com:443 https in production, the sandbox locally. */
  STRIPE_HOST: Type.String({ minLength: 1, maxLength: 253, default: '127.0.0.1' }),
  STRIPE_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 12111 }),
  STRIPE_PROTOCOL: Type.Union([Type.Literal('http'), Type.Literal('https')], { default: 'http' }),
  /** Stripe's secret API key; a secret, never logged. The default is the sandbox's test key. */
  STRIPE_SECRET_KEY: Type.String({ minLength: 8, maxLength: 500, default: SANDBOX_API_KEY }),
  /** The webhook endpoint's signing secret (whsec_…); a secret, never logged. */
  STRIPE_WEBHOOK_SECRET: Type.String({
    minLength: 16,
    maxLength: 500,
    default: 'kavosh-dev-stripe-webhook-secret',
  }),
  /** Oldest Stripe-Signature timestamp accepted (replays of older captures are refused). */
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 300 }),
  STRIPE_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  /** Largest webhook body accepted (Stripe's events are a few KiB). */
  WEBHOOK_BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 1_048_576, default: 262_144 }),
  /** Where the provider's checkout page sends the buyer back to. */
  CHECKOUT_SUCCESS_URL: Type.String({
    pattern: '^https?://.+',
    maxLength: 2000,
    default: 'http://localhost:8080/subscription?checkout=success',
  }),
  CHECKOUT_CANCEL_URL: Type.String({
    pattern: '^https?://.+',
    maxLength: 2000,
    default: 'http://localhost:8080/plans?checkout=canceled',
  }),
  /** How long a checkout Idempotency-Key and its stored answer are kept (Stripe: 24 h). */
  IDEMPOTENCY_KEY_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 604_800, default: 86_400 }),
  /** Fill an empty plan table with the default plans at start. */
  SEED_DEFAULT_PLANS: Type.Boolean({ default: true }),
  /** How often one replica compares local subscriptions with the provider's and repairs drift. */
  RECONCILIATION_INTERVAL_SECONDS: Type.Integer({ minimum: 10, maximum: 86_400, default: 900 }),
});
export type BillingConfig = Static<typeof BillingEnv>;

export const readConfig = (
  env: Record<string, string | undefined> = process.env,
): BillingConfig => {
  const config = loadConfig(BillingEnv, env);
  // Whoever knows the webhook secret can mint "paid" events; the API key moves money. Both
  // development defaults are refused in production (the sandbox key is too short, the webhook
  // one is a kavosh-dev- value).
  assertProductionSecrets(config, [
    ...commonSecretRules(config),
    { variable: 'STRIPE_SECRET_KEY', value: config.STRIPE_SECRET_KEY, minLength: 20 },
    { variable: 'STRIPE_WEBHOOK_SECRET', value: config.STRIPE_WEBHOOK_SECRET, minLength: 20 },
  ]);
  return config;
};
