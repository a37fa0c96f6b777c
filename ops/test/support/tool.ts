/* eslint-disable @nx/enforce-module-boundaries -- the tool under test lives in scripts/ (npm run
   backup/restore), which is no Nx project: these imports are the one place ops reaches into it. */
export { backupSchema } from '../../../scripts/lib/backup/backup.js';
export type { BackupManifest } from '../../../scripts/lib/backup/format.js';
export { restoreSchema, RestoreError } from '../../../scripts/lib/backup/restore.js';
export {
  downloadBackup,
  parseS3Url,
  s3ClientFromEnv,
  uploadBackup,
} from '../../../scripts/lib/backup/s3.js';
