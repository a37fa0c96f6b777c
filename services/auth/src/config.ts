import { Type, type Static } from 'typebox';
import { CommonEnv, loadConfig } from '@kavosh/service-kit';

export const AuthEnv = Type.Object({
  ...CommonEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
});
export type AuthConfig = Static<typeof AuthEnv>;

export const readConfig = (env: Record<string, string | undefined> = process.env): AuthConfig =>
  loadConfig(AuthEnv, env);
