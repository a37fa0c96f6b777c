import { projectConfig } from '../../vitest.shared.js';

export default projectConfig({
  coverageFloor: { statements: 93, branches: 86 },
});
