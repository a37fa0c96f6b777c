export { mariadbAdapter } from './adapter.js';
export { migrate, MigrationError } from './migrate.js';
export type { MigrationErrorCode } from './migrate.js';
export { provision, RUNTIME_PRIVILEGES, type ProvisionedDatabase } from './provision.js';
export {
  isDatabaseUnavailable,
  isTransactionConflict,
  pingDatabase,
  retryOnConflict,
} from './availability.js';
