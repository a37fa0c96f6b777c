import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 60, branches: 50 },
});
