import { fileURLToPath } from 'node:url';
import { projectConfig } from '../vitest.shared.js';

const backupCode = fileURLToPath(new URL('../scripts/lib/backup/', import.meta.url));

export default projectConfig({
  // The code under test lives outside this project (scripts/lib/backup, run by npm run backup).
  coverageInclude: [`${backupCode}**/*.ts`],
  coverageFloor: { statements: 84, branches: 66 },
  overrides: { test: { coverage: { allowExternal: true } } },
});
