import { projectConfig } from '../vitest.shared.js';

export default projectConfig({
  coverageInclude: ['../scripts/lib/backup/**/*.ts'],
  coverageFloor: { statements: 0, branches: 0 },
});
