import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 0, branches: 0 },
});
