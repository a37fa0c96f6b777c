import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 98, branches: 73 },
});
