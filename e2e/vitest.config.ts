import { base, projectConfig } from '../vitest.shared.js';

const FAULT_SUITE = 'test/fault.test.ts';

export default projectConfig({
  coverageInclude: ['test/**/*.ts'],
  coverageFloor: { statements: 88, branches: 75 },
  overrides: {
    test: {
      // The fault suite runs last, alone: its 10,000 actions are CPU-bound on this machine, and
      // beside the other suites' systems it got a third of its rate (docs/development.md).
      projects: [
        {
          extends: true,
          test: { name: 'e2e', exclude: [FAULT_SUITE], sequence: { groupOrder: 0 } },
        },
        // Not `extends`: that would add the shared include list to this one.
        {
          ...base,
          test: {
            ...base.test,
            name: 'fault',
            include: [FAULT_SUITE],
            sequence: { groupOrder: 1 },
          },
        },
      ],
    },
  },
});
