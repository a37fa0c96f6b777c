import { Type, type Static } from 'typebox';
import { TokenEnv } from '@kavosh/auth-client';
import { CommonEnv, loadConfig } from '@kavosh/service-kit';

export const CatalogEnv = Type.Object({
  ...CommonEnv.properties,
  ...TokenEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3002 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
});
export type CatalogConfig = Static<typeof CatalogEnv>;

export const readConfig = (env: Record<string, string | undefined> = process.env): CatalogConfig =>
  loadConfig(CatalogEnv, env);
