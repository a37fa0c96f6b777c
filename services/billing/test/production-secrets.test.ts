import { describe, expect, it } from 'vitest';
import { describeProductionSecrets } from '@kavosh/service-host/testing';
import { readConfig } from '../src/config.js';

const problemsOf = describeProductionSecrets({
  name: 'billing',
  readConfig,
  env: {
    STRIPE_SECRET_KEY: 'sk_live_51Hx9pQ2eZvKYlo2C7uQk3mN8rT4wXy',
    STRIPE_WEBHOOK_SECRET: 'whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
});

describe('billing readConfig in production, its own secrets', () => {
  it("refuses the sandbox's API key and the development webhook secret (the defaults)", () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_sandbox' })).toEqual(['STRIPE_SECRET_KEY']);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'kavosh-dev-stripe-webhook-secret' })).toEqual([
      'STRIPE_WEBHOOK_SECRET',
    ]);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'whsec_short_secret' })).toEqual([
      'STRIPE_WEBHOOK_SECRET',
    ]);
  });

  it('refuses to start in production with the defaults left in place', () => {
    expect(() =>
      readConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'mysql://kavosh_billing:Zq4-vT9m%23Lr2pW8x!eK6@db:3306/kavosh_billing',
        AMQP_URL: 'amqp://kavosh_billing:Zq4-vT9m%23Lr2pW8x!eK6@rabbitmq:5672',
        AUTH_JWKS_URL: 'http://auth:3001/.well-known/jwks.json',
      }),
    ).toThrow(
      /STRIPE_SECRET_KEY[\s\S]*STRIPE_WEBHOOK_SECRET|STRIPE_WEBHOOK_SECRET[\s\S]*STRIPE_SECRET_KEY/,
    );
  });
});
