import { projectConfig } from '../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 91, branches: 83 },
});
