import { Type, type Static } from 'typebox';
import { TokenEnv } from '@kavosh/auth-client';
import {
  CommonEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
} from '@kavosh/service-kit';

export const BillingEnv = Type.Object({
  ...CommonEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3003 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
});
export type BillingConfig = Static<typeof BillingEnv>;

export const readConfig = (
  env: Record<string, string | undefined> = process.env,
): BillingConfig => {
  const config = loadConfig(BillingEnv, env);
  assertProductionSecrets(config, commonSecretRules(config));
  return config;
};
