import type { TestProject } from 'vitest/node';
import { dropStaleTestDatabases } from './database.js';
import { resolveInfra } from './infra.js';

/**
 * vitest globalSetup: resolves the real services once per run, provides them to the workers as
 * 'kavoshInfra', drops test databases left over from runs more than two hours old, and stops
 * the containers it started on teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { infra, stop } = await resolveInfra();
  project.provide('kavoshInfra', infra);
  await dropStaleTestDatabases(infra.mysqlAdminUrl);
  return stop;
}
