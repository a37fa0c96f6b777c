import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './processes.js';

// The workspace's lint config is what keeps services apart: prove it rejects a cross-service import.
describe('module boundaries', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const lint = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
    return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
  };

  it('refuses a service importing another service', async () => {
    const messages = await lint(
      'services/catalog/src/probe.ts',
      "import { buildApp } from '@kavosh/auth';\nexport const probe = buildApp;\n",
    );
    expect(messages.join('\n')).toMatch(
      /no-restricted-imports: .*A service never imports another service/,
    );
  });

  it('refuses a shared package importing a service', async () => {
    const messages = await lint(
      'packages/messaging/src/probe.ts',
      "export { buildApp } from '@kavosh/billing/src/app.js';\n",
    );
    expect(messages.join('\n')).toMatch(/A service never imports another service/);
  });

  it('allows a service to import a shared package', async () => {
    const messages = await lint(
      'services/catalog/src/probe.ts',
      "import { migrate } from '@kavosh/db';\nexport const probe = migrate;\n",
    );
    expect(messages).toEqual([]);
  });
});
