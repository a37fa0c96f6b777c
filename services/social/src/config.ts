import { Type, type Static } from 'typebox';
import { CommonEnv, loadConfig } from '@kavosh/service-kit';

export const SocialEnv = Type.Object({
  ...CommonEnv.properties,
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3004 }),
  MIGRATE_ON_START: Type.Boolean({ default: true }),
});
export type SocialConfig = Static<typeof SocialEnv>;

export const readConfig = (env: Record<string, string | undefined> = process.env): SocialConfig =>
  loadConfig(SocialEnv, env);
