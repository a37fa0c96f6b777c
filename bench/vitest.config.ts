import { projectConfig } from '../vitest.shared.js';

export default projectConfig({
  coverageInclude: ['report.ts', 'lib/report.ts'],
  coverageFloor: { statements: 92, branches: 85 },
});
