import { projectConfig } from '../vitest.shared.js';

export default projectConfig({
  coverageInclude: ['test/**/*.ts'],
  coverageFloor: { statements: 89, branches: 75 },
});
