import path from 'node:path';
import { PROCESSES, databasesOf } from '../services.js';
import { isS3Url, parseS3Url, type S3Location } from './s3.js';

/** The services that own a schema, in start order. */
export const BACKUP_SERVICES: string[] = PROCESSES.filter((p) => p.database).map((p) => p.name);

/** Where backups go: a local folder, or s3://bucket/prefix (docs/operations.md). */
export type BackupTarget = { kind: 'dir'; path: string } | { kind: 's3'; location: S3Location };

export function parseTarget(to: string | undefined, cwd: string): BackupTarget {
  // tmp/ is git-ignored: a backup of a dev database never lands in a commit.
  const target = to ?? 'tmp/backups';
  if (isS3Url(target)) return { kind: 's3', location: parseS3Url(target) };
  return { kind: 'dir', path: path.resolve(cwd, target) };
}

/** The service's MySQL schema name (kavosh_<service>). */
export function schemaOf(service: string): string {
  const db = databasesOf(PROCESSES.filter((p) => p.name === service))[0];
  if (!db) throw new Error(`unknown service ${service}: one of ${BACKUP_SERVICES.join(', ')}`);
  return db.schema;
}

/**
 * The URL to read or write a service's schema: --database-url, else <SERVICE>_DATABASE_URL, else
 * the admin URL (MYSQL_ADMIN_URL, root on 127.0.0.1 by default) pointed at kavosh_<service>.
 */
export function databaseUrlFor(
  service: string,
  env: Record<string, string | undefined>,
  adminUrl: string,
  explicit?: string,
): string {
  if (explicit) return explicit;
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const url = new URL(adminUrl);
  url.pathname = `/${schemaOf(service)}`;
  return url.toString();
}
