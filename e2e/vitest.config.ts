import { projectConfig } from '../vitest.shared.js';

export default projectConfig({
  coverageInclude: ['test/**/*.ts'],
  coverageFloor: { statements: 40, branches: 30 },
});
