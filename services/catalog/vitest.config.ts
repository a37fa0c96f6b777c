import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 80, branches: 70 },
});
